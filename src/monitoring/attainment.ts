// Attainment of a plan target (达标情况): status and projected value from the pace needed to reach the target by
// its year versus the pace observed since the baseline. Pure. The method, its thresholds and the decisions
// taken on the gazette's targets are in docs/monitoring.md (“达标判定方法”); in short:
//
//   achieved             the latest value meets the target (≥, >, ≤, <, ≈ within tolerance; a relative target
//                        “以2020年为基数下降20%” is turned into a level from the base-year value first);
//   on_track             ratio = observed pace ÷ needed pace ≥ 0.95 (and the target year not yet reached);
//   acceleration_needed  0.5 ≤ ratio < 0.95 (or ratio ≥ 0.95 but the target year has passed unmet);
//   limited_progress     0 ≤ ratio < 0.5;
//   deteriorating        ratio < 0 (moving away from the target).
//
//   pace needed   = (target − baseline) / (target year − baseline year)          (signed towards the target)
//   pace observed = (latest − baseline) / (latest time − baseline year)
//   projected     = latest + pace observed × (target year − latest time)        (null without a year or a pace)
//
// Linear pace (absolute change per year), not Open SDG's compound growth rate: county baselines are often 0
// (6号 规划 主要指标 (3) 孕产妇死亡率 0, (21) 职业病诊断机构 0), where a growth rate is undefined. Direction-only
// targets (X率持续下降, 人均基本公共卫生服务经费 持续增长) use Open SDG's no-target thresholds on the relative
// annual change: ≥ 1 % on_track, ≥ 0.5 % acceleration_needed, ≥ 0 limited_progress, < 0 deteriorating.
//
// The engine has one core on plain numbers (no allocation): a target compiled once (`compileTarget`), resolved
// against a series' baseline once (`prepareSeries`), then each observation judged (`judgeAt`). `judge` is those
// steps for one observation; the object API (`assess`, used by the CLI contract and the application) and the
// traffic-light matrix call it; `judgeSeries` runs the same steps over a series' periods (the benchmark).
import { AppError } from '../platform/errors.ts';

export type AttainmentStatus = 'achieved' | 'on_track' | 'acceleration_needed' | 'limited_progress' | 'deteriorating';

export const STATUSES: readonly AttainmentStatus[] = [
  'achieved',
  'on_track',
  'acceleration_needed',
  'limited_progress',
  'deteriorating',
];

export const STATUS_LABELS: Record<AttainmentStatus, string> = {
  achieved: '已达标',
  on_track: '进展顺利',
  acceleration_needed: '需加快进度',
  limited_progress: '进展有限',
  deteriorating: '趋势恶化',
};

export type TargetOp = '>=' | '>' | '<=' | '<' | '=' | '~' | 'increase' | 'decrease';

export const TARGET_OPS: readonly TargetOp[] = ['>=', '>', '<=', '<', '=', '~', 'increase', 'decrease'];

export type Scale = 'water-class';

export interface TargetSpec {
  op: TargetOp;
  /** Target level (ordinal targets: the rank, Ⅲ类 = 3); for increase/decrease the change; null = direction only. */
  value: number | null;
  /** Year the target is due (e.g. 2025); null when the plan states none. */
  year: number | null;
  /** increase/decrease with a value: a change relative to the base-year value, in percent or absolute units. */
  relative: 'percent' | 'absolute' | null;
  /** Which way is better; needed for '=' targets of indicator tables (a bare 2025 level). */
  direction: 'higher' | 'lower' | null;
  scale: Scale | null;
  /** '≈' targets: accepted deviation as a fraction of the target (0.05 = ±5 %), or absolute when the target is 0. */
  tolerance: number | null;
}

export interface Thresholds {
  /** ratio ≥ onTrack ⇒ on_track. */
  onTrack: number;
  /** ratio ≥ acceleration ⇒ acceleration_needed (below: limited_progress, below 0: deteriorating). */
  acceleration: number;
  /** Direction-only targets: relative annual change ≥ this ⇒ on_track … */
  rateOnTrack: number;
  /** … ≥ this ⇒ acceleration_needed; ≥ 0 limited_progress; < 0 deteriorating. */
  rateAcceleration: number;
  /** Default tolerance of '≈' targets. */
  tolerance: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  onTrack: 0.95,
  acceleration: 0.5,
  rateOnTrack: 0.01,
  rateAcceleration: 0.005,
  tolerance: 0.05,
};

export interface Observation {
  /** Decimal year at the end of the period (period.ts periodTime; an annual value for 2023 is 2023). */
  time: number;
  value: number;
}

export interface Attainment {
  status: AttainmentStatus;
  /** Value expected at the target year at the observed pace; null without a target year or an observed pace. */
  projected: number | null;
  /** The target as a level (relative targets resolved from the baseline); null for direction-only targets. */
  targetLevel: number | null;
  /** Observed pace ÷ needed pace; null when not defined (direction-only, no pace, baseline already met). */
  ratio: number | null;
  /** Change per year towards the target needed from the baseline (value units); null when not defined. */
  neededPace: number | null;
  /** Change per year observed since the baseline (value units, signed); null without an observation after it. */
  observedPace: number | null;
  /** The observation judged (the latest). */
  latest: Observation;
}

// ---- the core on plain numbers ----------------------------------------------------------------------------

const S_ACHIEVED = 0;
const S_ON_TRACK = 1;
const S_ACCEL = 2;
const S_LIMITED = 3;
const S_DETERIORATING = 4;

/** Status codes of the batch API, index into STATUSES. */
export const STATUS_CODES: Record<AttainmentStatus, number> = {
  achieved: S_ACHIEVED,
  on_track: S_ON_TRACK,
  acceleration_needed: S_ACCEL,
  limited_progress: S_LIMITED,
  deteriorating: S_DETERIORATING,
};

const MODE_ONE_SIDED = 0; // >=, >, <=, <, '=' with a direction, increase/decrease with a value
const MODE_APPROX = 1; // '~', and '=' without a direction (resolved against the baseline)
const MODE_DIRECTION = 2; // increase/decrease without a value
const MODE_LEVEL = 3; // '=' without a direction: one-sided towards the target from the baseline, ≈ when equal

/** A target prepared once for many judgements (no allocation per judgement). */
export interface CompiledTarget {
  mode: number;
  /** +1 higher is better, −1 lower is better (one-sided and direction-only). */
  d: number;
  strict: boolean;
  /** Absolute target level, or NaN for relative / direction-only targets. */
  level: number;
  /** 0 none, 1 percent of the baseline, 2 absolute amount (signed by d). */
  rel: number;
  relValue: number;
  /** Target year, NaN when none. */
  year: number;
  hasYear: boolean;
  /** Relative tolerance for ≈. */
  tol: number;
  lo: number;
  hi: number;
  /** Ordinal scale: projections are rounded to a class. */
  ordinal: boolean;
  th: Thresholds;
  /** The thresholds less the comparison margin (th.onTrack − 1e-9, …), as the judgement compares with them. */
  onTrackMin: number;
  accelerationMin: number;
  rateOnTrackMin: number;
  rateAccelerationMin: number;
}

const EPS = 1e-9;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * One class, its fields always assigned in the same order: every compiled target has the same hidden class, so the
 * judgement's property loads stay monomorphic (object spreads gave maps that V8 kept generalising, with deopts).
 */
class Compiled implements CompiledTarget {
  mode: number;
  d: number;
  strict: boolean;
  level: number;
  rel: number;
  relValue: number;
  year: number;
  hasYear: boolean;
  tol: number;
  lo: number;
  hi: number;
  ordinal: boolean;
  th: Thresholds;
  onTrackMin: number;
  accelerationMin: number;
  rateOnTrackMin: number;
  rateAccelerationMin: number;
  constructor(spec: TargetSpec, th: Thresholds, mode: number, d: number, level: number, rel: number, relValue: number) {
    const ordinal = spec.scale === 'water-class';
    this.mode = mode;
    this.d = d;
    this.strict = spec.op === '>' || spec.op === '<';
    this.level = level;
    this.rel = rel;
    this.relValue = relValue;
    this.year = spec.year ?? Number.NaN;
    this.hasYear = spec.year !== null;
    this.tol = spec.tolerance ?? th.tolerance;
    this.lo = ordinal ? 1 : Number.NEGATIVE_INFINITY;
    this.hi = ordinal ? WATER_CLASSES.length : Number.POSITIVE_INFINITY;
    this.ordinal = ordinal;
    this.th = th;
    this.onTrackMin = th.onTrack - EPS;
    this.accelerationMin = th.acceleration - EPS;
    this.rateOnTrackMin = th.rateOnTrack - EPS;
    this.rateAccelerationMin = th.rateAcceleration - EPS;
  }
}

export function compileTarget(spec: TargetSpec, th: Thresholds = DEFAULT_THRESHOLDS): CompiledTarget {
  const value = spec.value;
  switch (spec.op) {
    case '>=':
    case '>':
    case '<=':
    case '<':
      if (value === null)
        throw new AppError('BAD_INPUT', `目标运算“${spec.op}”需要目标值（value）。`, { field: 'value' });
      return new Compiled(spec, th, MODE_ONE_SIDED, spec.op[0] === '>' ? 1 : -1, value, 0, 0);
    case '=':
      if (value === null) throw new AppError('BAD_INPUT', '目标运算“=”需要目标值（value）。', { field: 'value' });
      if (spec.direction)
        return new Compiled(spec, th, MODE_ONE_SIDED, spec.direction === 'higher' ? 1 : -1, value, 0, 0);
      return new Compiled(spec, th, MODE_LEVEL, 0, value, 0, 0);
    case '~':
      if (value === null) throw new AppError('BAD_INPUT', '目标运算“≈”需要目标值（value）。', { field: 'value' });
      return new Compiled(spec, th, MODE_APPROX, 0, value, 0, 0);
    case 'increase':
    case 'decrease': {
      const d = spec.op === 'increase' ? 1 : -1;
      if (value === null) return new Compiled(spec, th, MODE_DIRECTION, d, Number.NaN, 0, 0);
      if (value < 0) throw new AppError('BAD_INPUT', '相对基期的变化量（value）不能为负数。', { field: 'value' });
      return new Compiled(spec, th, MODE_ONE_SIDED, d, Number.NaN, spec.relative === 'absolute' ? 2 : 1, value);
    }
  }
}

/** Scratch output of `judge` (projected value, ratio, paces, resolved level); reuse one per loop. */
export class JudgeOut {
  projected = Number.NaN;
  ratio = Number.NaN;
  needed = Number.NaN;
  observed = Number.NaN;
  level = Number.NaN;
}

/**
 * A compiled target resolved against one baseline (t0, x0): everything of a judgement that does not depend on
 * the latest observation (the level of a relative target, the side of a bare '=' level, the gap at the baseline,
 * the margin of “met”, the pace needed). Filled by `prepareSeries`, read by `judgeAt`; reuse one per loop.
 */
export class PreparedSeries {
  t0 = Number.NaN;
  x0 = Number.NaN;
  /** Resolved mode: one-sided, ≈ or direction-only (a bare '=' level is resolved against the baseline). */
  mode = MODE_ONE_SIDED;
  d = 0;
  level = Number.NaN;
  /** How far the baseline is from meeting the target (≤ 0 = met), in value units. */
  gapBase = Number.NaN;
  /** One-sided: met ⇔ gap ≤ margin (strict: gap < −margin); ≈: met ⇔ |latest − level| ≤ margin. */
  margin = Number.NaN;
  /** Change per year towards the target needed from the baseline (+∞ when the target year is the baseline's). */
  needed = Number.NaN;
  /** The observation being judged (set by `judgeAt` / `judgeSeries`). */
  tl = Number.NaN;
  xl = Number.NaN;
}

function rateStatus(rate: number, ct: CompiledTarget): number {
  if (rate >= ct.rateOnTrackMin) return S_ON_TRACK;
  if (rate >= ct.rateAccelerationMin) return S_ACCEL;
  if (rate >= -EPS) return S_LIMITED;
  return S_DETERIORATING;
}

/** Resolve a compiled target against the baseline (t0, x0) of one series into `s`. No allocation. */
export function prepareSeries(ct: CompiledTarget, t0: number, x0: number, s: PreparedSeries): PreparedSeries {
  s.t0 = t0;
  s.x0 = x0;
  if (ct.mode === MODE_DIRECTION) {
    s.mode = MODE_DIRECTION;
    s.d = ct.d;
    s.level = Number.NaN;
    s.gapBase = 0;
    s.margin = 0;
    s.needed = Number.NaN;
    return s;
  }
  // resolve the level and the side
  let level = ct.level;
  if (ct.rel === 1) level = x0 * (1 + (ct.d * ct.relValue) / 100);
  else if (ct.rel === 2) level = x0 + ct.d * ct.relValue;
  let mode = ct.mode;
  let d = ct.d;
  if (mode === MODE_LEVEL) {
    if (near(level, x0)) mode = MODE_APPROX;
    else {
      mode = MODE_ONE_SIDED;
      d = level > x0 ? 1 : -1;
    }
  }
  s.mode = mode;
  s.d = d;
  s.level = level;
  let gapBase: number;
  if (mode === MODE_APPROX) {
    const tolAbs = level !== 0 ? Math.abs(level) * ct.tol : ct.tol;
    gapBase = Math.abs(x0 - level);
    s.margin = tolAbs + EPS * Math.max(1, Math.abs(level));
  } else {
    gapBase = d * (level - x0);
    s.margin = EPS * (Math.abs(level) + 1);
  }
  s.gapBase = gapBase;
  const T = ct.year;
  s.needed = T > t0 + EPS ? gapBase / (T - t0) : Number.POSITIVE_INFINITY;
  return s;
}

/**
 * The judgement of the latest observation (s.tl, s.xl) of a prepared series → status code (STATUS_CODES);
 * details in `out` (NaN = not defined). The observation is read from `s`, not passed: a call with numbers that
 * V8 does not inline boxes each of them, which cost more than the judgement itself in a 20 M loop.
 */
function judgePoint(ct: CompiledTarget, s: PreparedSeries, out: JudgeOut): number {
  const t0 = s.t0;
  const x0 = s.x0;
  const tl = s.tl;
  const xl = s.xl;
  const T = ct.year;
  const hasYear = ct.hasYear;
  const hasPace = tl > t0 + EPS;
  const slope = hasPace ? (xl - x0) / (tl - t0) : Number.NaN;
  out.observed = slope;
  out.ratio = Number.NaN;
  out.needed = Number.NaN;
  // projected value at the target year at the observed pace
  let projected = Number.NaN;
  if (hasYear && hasPace) {
    projected = tl >= T ? xl : xl + slope * (T - tl);
    if (ct.ordinal) projected = Math.round(projected);
    if (projected < ct.lo) projected = ct.lo;
    else if (projected > ct.hi) projected = ct.hi;
  }
  out.projected = projected;

  const mode = s.mode;
  if (mode === MODE_DIRECTION) {
    out.level = Number.NaN;
    const change = s.d * (xl - x0);
    if (hasYear && tl >= T - EPS && change > 0) return S_ACHIEVED;
    if (!hasPace) return change < 0 ? S_DETERIORATING : S_LIMITED;
    const rate = x0 !== 0 ? change / Math.abs(x0) / (tl - t0) : change > 0 ? Number.POSITIVE_INFINITY : change;
    return rateStatus(rate, ct);
  }

  const level = s.level;
  out.level = level;
  // gap: how far from meeting the target (≤ 0 = met), in value units
  let gapLatest: number;
  let met: boolean;
  if (mode === MODE_APPROX) {
    gapLatest = Math.abs(xl - level);
    met = gapLatest <= s.margin;
  } else {
    gapLatest = s.d * (level - xl);
    met = ct.strict ? gapLatest < -s.margin : gapLatest <= s.margin;
  }
  if (met) return S_ACHIEVED;

  const gapBase = s.gapBase;
  const progress = gapBase - gapLatest; // > 0 = moved towards the target since the baseline
  if (!hasYear) {
    // a level without a year: direction-only thresholds on the relative change towards it
    if (!hasPace) return progress < 0 ? S_DETERIORATING : S_LIMITED;
    const rate = x0 !== 0 ? progress / Math.abs(x0) / (tl - t0) : progress > 0 ? Number.POSITIVE_INFINITY : progress;
    return rateStatus(rate, ct);
  }
  if (gapBase <= 0 || !hasPace) {
    // the baseline already met the target (or no pace yet): only the direction of the change tells
    return progress < 0 && !near(gapBase, gapLatest) ? S_DETERIORATING : S_LIMITED;
  }
  const needed = s.needed;
  const observed = progress / (tl - t0);
  const ratio = observed / needed;
  out.needed = needed;
  out.ratio = ratio;
  // thresholds compare with a relative margin of 1e-9 so that 7.6 / 2 / 4 counts as 0.95
  if (ratio >= ct.onTrackMin) return tl >= T - EPS ? S_ACCEL : S_ON_TRACK;
  if (ratio >= ct.accelerationMin) return S_ACCEL;
  if (ratio >= -EPS) return S_LIMITED;
  return S_DETERIORATING;
}

/**
 * The judgement of the latest observation (tl, xl) of a prepared series → status code (STATUS_CODES); details
 * in `out` (NaN = not defined). No allocation. `ct` must be the target `s` was prepared with.
 */
export function judgeAt(ct: CompiledTarget, s: PreparedSeries, tl: number, xl: number, out: JudgeOut): number {
  s.tl = tl;
  s.xl = xl;
  return judgePoint(ct, s, out);
}

/**
 * A series judged as of each of its observations: baseline (t0, x0), observations (times[p], values[vOff + p])
 * for p < n → codes[cOff + p] (STATUS_CODES); `out` holds the details of the last one. Exactly `judge` on each
 * observation; the baseline is resolved once (`prepareSeries`) and no number is boxed per observation.
 */
export function judgeSeries(
  ct: CompiledTarget,
  t0: number,
  x0: number,
  times: Float64Array,
  values: Float64Array,
  vOff: number,
  n: number,
  codes: Uint8Array,
  cOff: number,
  s: PreparedSeries,
  out: JudgeOut,
): void {
  prepareSeries(ct, t0, x0, s);
  for (let p = 0; p < n; p++) {
    s.tl = times[p] as number;
    s.xl = values[vOff + p] as number;
    codes[cOff + p] = judgePoint(ct, s, out);
  }
}

const scratchSeries = new PreparedSeries();

/**
 * The one judgement: baseline (t0, x0) and latest observation (tl, xl) → status code (STATUS_CODES); details
 * in `out` (NaN = not defined). No allocation. `prepareSeries` + `judgeAt`: loops over the periods of one series
 * call those two directly and resolve the baseline once.
 */
export function judge(ct: CompiledTarget, t0: number, x0: number, tl: number, xl: number, out: JudgeOut): number {
  return judgeAt(ct, prepareSeries(ct, t0, x0, scratchSeries), tl, xl, out);
}

// ---- the object API ----------------------------------------------------------------------------------------

export interface AssessInput {
  target: TargetSpec;
  /** Baseline (基期); null = the first observation serves as baseline. */
  baseline: Observation | null;
  observed: Observation[];
  thresholds?: Thresholds;
}

/** Status and projection from the latest observation (null when there is no observation at all). */
export function assess(input: AssessInput): Attainment | null {
  const ct = compileTarget(input.target, input.thresholds ?? DEFAULT_THRESHOLDS);
  const obs = [...input.observed].filter((o) => Number.isFinite(o.value)).sort((a, b) => a.time - b.time);
  const latest = obs[obs.length - 1];
  if (!latest) return null;
  const base = input.baseline ?? (obs[0] as Observation);
  const out = new JudgeOut();
  const code = judge(ct, base.time, base.value, latest.time, latest.value, out);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    status: STATUSES[code] as AttainmentStatus,
    projected: num(out.projected),
    targetLevel: num(out.level),
    ratio: num(out.ratio),
    neededPace: num(out.needed),
    observedPace: num(out.observed),
    latest,
  };
}

// ---- ordinal scales ----------------------------------------------------------------------------------------

/** 地表水环境质量类别 (GB 3838-2002): Ⅰ best … 劣Ⅴ worst; rank 1…6, lower is better. */
export const WATER_CLASSES = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', '劣Ⅴ'] as const;

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, Ⅳ: 4, Ⅴ: 5 };

/** Rank of a water class written Ⅲ, Ⅲ类, III, 3, 劣Ⅴ类 …; null when not a class. */
export function waterClassRank(raw: string): number | null {
  let s = raw
    .trim()
    .replace(/类$/, '')
    .replace(/^地表水/, '');
  const worse = s.startsWith('劣');
  if (worse) s = s.slice(1);
  let r: number | null = null;
  if (/^[1-5]$/.test(s)) r = Number(s);
  else r = ROMAN[s.toUpperCase()] ?? ROMAN[s] ?? null;
  if (r === null) return null;
  if (worse) return r === 5 ? 6 : null;
  return r;
}

export function waterClassLabel(rank: number): string {
  const i = Math.min(WATER_CLASSES.length, Math.max(1, Math.round(rank))) - 1;
  return `${WATER_CLASSES[i]}类`;
}

// ---- the target JSON format (CLI contract and API) -----------------------------------------------------------

const OP_ALIASES: Record<string, TargetOp> = {
  '>=': '>=',
  '≥': '>=',
  '>': '>',
  '<=': '<=',
  '≤': '<=',
  '<': '<',
  '=': '=',
  '==': '=',
  '~': '~',
  '≈': '~',
  increase: 'increase',
  decrease: 'decrease',
};

function bad(field: string, message: string): AppError {
  return new AppError('BAD_INPUT', `目标字段“${field}”不正确：${message}`, { field });
}

/**
 * Read a target in the documented JSON format (docs/monitoring.md, “目标 JSON”): the flat form
 * `{"op":">=","value":90,"year":2025}` or a target record of `luoshi extract --json`
 * (`{"target":{"op":…,"value":…,"year":…},"direction":…,"scale":…,"unit":…}`). Throws BAD_INPUT naming the field.
 */
export function parseTargetJson(input: unknown): TargetSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new AppError('BAD_INPUT', '目标应为 JSON 对象，例如 {"op":">=","value":90,"year":2025}。', {
      field: 'target',
    });
  const rec = input as Record<string, unknown>;
  const inner =
    typeof rec.target === 'object' && rec.target !== null && !Array.isArray(rec.target)
      ? (rec.target as Record<string, unknown>)
      : null;
  const get = (k: string): unknown => (inner && k in inner ? inner[k] : rec[k]);
  const known = new Set([
    'op',
    'value',
    'year',
    'relative',
    'direction',
    'scale',
    'unit',
    'tolerance',
    'target',
    'baseline',
    'name',
    'attribute',
    'reference',
    'source',
    'docNumber',
    'eId',
    'line',
    'citation',
  ]);
  for (const k of Object.keys(rec)) if (!known.has(k)) throw bad(k, '不是目标 JSON 的字段。');

  const rawOp = get('op');
  if (typeof rawOp !== 'string' || !(rawOp in OP_ALIASES))
    throw bad('op', `应为 >=、>、<=、<、=、~（≈）、increase 或 decrease 之一，收到 ${JSON.stringify(rawOp)}。`);
  const op = OP_ALIASES[rawOp] as TargetOp;

  let scale: Scale | null = null;
  const rawScale = get('scale');
  if (rawScale !== undefined && rawScale !== null) {
    if (rawScale !== 'water-class') throw bad('scale', '只支持 "water-class"（地表水水质类别）。');
    scale = 'water-class';
  }
  let value: number | null = null;
  const rawValue = get('value');
  if (typeof rawValue === 'number') {
    if (!Number.isFinite(rawValue)) throw bad('value', '应为有限数值。');
    value = rawValue;
  } else if (typeof rawValue === 'string') {
    const rank = waterClassRank(rawValue);
    if (rank !== null && !/^\d+(?:\.\d+)?$/.test(rawValue.trim())) {
      value = rank;
      scale = 'water-class';
    } else if (/^-?\d+(?:\.\d+)?$/.test(rawValue.trim())) value = Number(rawValue);
    else throw bad('value', `“${rawValue}”既不是数值，也不是水质类别（Ⅰ—Ⅴ、劣Ⅴ）。`);
  } else if (rawValue !== undefined && rawValue !== null) throw bad('value', '应为数值、水质类别或 null。');
  if (value === null && op !== 'increase' && op !== 'decrease')
    throw bad('value', `运算“${rawOp}”需要目标值；只有 increase / decrease 可以不给目标值（只看方向）。`);

  let year: number | null = null;
  const rawYear = get('year');
  if (rawYear !== undefined && rawYear !== null) {
    if (typeof rawYear !== 'number' || !Number.isInteger(rawYear) || rawYear < 1900 || rawYear > 2200)
      throw bad('year', '应为 1900—2200 之间的整数年份。');
    year = rawYear;
  }
  let direction: 'higher' | 'lower' | null = null;
  const rawDir = get('direction');
  if (rawDir !== undefined && rawDir !== null) {
    if (rawDir !== 'higher' && rawDir !== 'lower')
      throw bad('direction', '应为 "higher"（越高越好）或 "lower"（越低越好）。');
    direction = rawDir;
  }
  if (scale === 'water-class' && direction === 'higher')
    throw bad('direction', '水质类别越小越好，方向只能是 "lower"。');
  if (scale === 'water-class' && !direction) direction = 'lower';

  let relative: 'percent' | 'absolute' | null = null;
  const rawRel = get('relative');
  const unit = get('unit');
  if (op === 'increase' || op === 'decrease') {
    if (value !== null) {
      if (rawRel === 'percent' || rawRel === 'absolute') relative = rawRel;
      else if (rawRel !== undefined && rawRel !== null) throw bad('relative', '应为 "percent" 或 "absolute"。');
      else relative = unit === undefined || unit === null || unit === '%' ? 'percent' : 'absolute';
    }
  } else if (rawRel !== undefined && rawRel !== null) throw bad('relative', '只用于 increase / decrease 目标。');

  let tolerance: number | null = null;
  const rawTol = get('tolerance');
  if (rawTol !== undefined && rawTol !== null) {
    if (typeof rawTol !== 'number' || !(rawTol >= 0) || rawTol > 1)
      throw bad('tolerance', '应为 0—1 之间的比例，例如 0.05。');
    tolerance = rawTol;
  }
  return { op, value, year, relative, direction, scale, tolerance };
}

/** A value as written in a report: a number, or a water class (Ⅱ, Ⅲ类) for ordinal targets. */
export function parseObservedValue(raw: string, scale: Scale | null): number | null {
  const s = raw.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (scale === 'water-class' || !/\d/.test(s)) return waterClassRank(s);
  return null;
}
