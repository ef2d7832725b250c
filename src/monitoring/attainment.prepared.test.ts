// The prepared paths (`prepareSeries` + `judgeAt`, `judgeSeries`, and `judge` built on them) give exactly the
// answers of the straightforward judgement they replaced: the reference below is that judgement verbatim (one
// call per observation, the target compiled by object spreads, the baseline resolved on every call).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import {
  compileTarget,
  DEFAULT_THRESHOLDS,
  JudgeOut,
  judge,
  judgeAt,
  judgeSeries,
  PreparedSeries,
  type TargetSpec,
  type Thresholds,
  WATER_CLASSES,
} from './attainment.ts';

const S_ACHIEVED = 0;
const S_ON_TRACK = 1;
const S_ACCEL = 2;
const S_LIMITED = 3;
const S_DETERIORATING = 4;
const MODE_ONE_SIDED = 0;
const MODE_APPROX = 1;
const MODE_DIRECTION = 2;
const MODE_LEVEL = 3;

interface RefTarget {
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
}

// ---- the reference: the engine before the prepared paths ----------------------------------------------------

const EPS = 1e-9;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

function compileTargetRef(spec: TargetSpec, th: Thresholds = DEFAULT_THRESHOLDS): RefTarget {
  const ordinal = spec.scale === 'water-class';
  const lo = ordinal ? 1 : Number.NEGATIVE_INFINITY;
  const hi = ordinal ? WATER_CLASSES.length : Number.POSITIVE_INFINITY;
  const base = {
    strict: spec.op === '>' || spec.op === '<',
    year: spec.year ?? Number.NaN,
    hasYear: spec.year !== null,
    tol: spec.tolerance ?? th.tolerance,
    lo,
    hi,
    ordinal,
    th,
    rel: 0,
    relValue: 0,
  };
  const value = spec.value;
  switch (spec.op) {
    case '>=':
    case '>':
    case '<=':
    case '<':
      if (value === null)
        throw new AppError('BAD_INPUT', `目标运算“${spec.op}”需要目标值（value）。`, { field: 'value' });
      return { ...base, mode: MODE_ONE_SIDED, d: spec.op[0] === '>' ? 1 : -1, level: value };
    case '=':
      if (value === null) throw new AppError('BAD_INPUT', '目标运算“=”需要目标值（value）。', { field: 'value' });
      if (spec.direction)
        return { ...base, mode: MODE_ONE_SIDED, d: spec.direction === 'higher' ? 1 : -1, level: value };
      return { ...base, mode: MODE_LEVEL, d: 0, level: value };
    case '~':
      if (value === null) throw new AppError('BAD_INPUT', '目标运算“≈”需要目标值（value）。', { field: 'value' });
      return { ...base, mode: MODE_APPROX, d: 0, level: value };
    case 'increase':
    case 'decrease': {
      const d = spec.op === 'increase' ? 1 : -1;
      if (value === null) return { ...base, mode: MODE_DIRECTION, d, level: Number.NaN };
      if (value < 0) throw new AppError('BAD_INPUT', '相对基期的变化量（value）不能为负数。', { field: 'value' });
      return {
        ...base,
        mode: MODE_ONE_SIDED,
        d,
        level: Number.NaN,
        rel: spec.relative === 'absolute' ? 2 : 1,
        relValue: value,
      };
    }
  }
}

function rateStatus(rate: number, th: Thresholds): number {
  if (rate >= th.rateOnTrack - EPS) return S_ON_TRACK;
  if (rate >= th.rateAcceleration - EPS) return S_ACCEL;
  if (rate >= -EPS) return S_LIMITED;
  return S_DETERIORATING;
}

/**
 * The one judgement: baseline (t0, x0) and latest observation (tl, xl) → status code (STATUS_CODES); details
 * in `out` (NaN = not defined). No allocation.
 */
function judgeRef(ct: RefTarget, t0: number, x0: number, tl: number, xl: number, out: JudgeOut): number {
  const th = ct.th;
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

  if (ct.mode === MODE_DIRECTION) {
    out.level = Number.NaN;
    const change = ct.d * (xl - x0);
    if (hasYear && tl >= T - EPS && change > 0) return S_ACHIEVED;
    if (!hasPace) return change < 0 ? S_DETERIORATING : S_LIMITED;
    const rate = x0 !== 0 ? change / Math.abs(x0) / (tl - t0) : change > 0 ? Number.POSITIVE_INFINITY : change;
    return rateStatus(rate, th);
  }

  // resolve the level and the side
  let level = ct.level;
  if (ct.rel === 1) level = x0 * (1 + (ct.d * ct.relValue) / 100);
  else if (ct.rel === 2) level = x0 + ct.d * ct.relValue;
  out.level = level;
  let mode = ct.mode;
  let d = ct.d;
  if (mode === MODE_LEVEL) {
    if (near(level, x0)) mode = MODE_APPROX;
    else {
      mode = MODE_ONE_SIDED;
      d = level > x0 ? 1 : -1;
    }
  }

  // gap: how far from meeting the target (≤ 0 = met), in value units
  let gapLatest: number;
  let gapBase: number;
  let met: boolean;
  if (mode === MODE_APPROX) {
    const tolAbs = level !== 0 ? Math.abs(level) * ct.tol : ct.tol;
    gapLatest = Math.abs(xl - level);
    gapBase = Math.abs(x0 - level);
    met = gapLatest <= tolAbs + EPS * Math.max(1, Math.abs(level));
  } else {
    gapLatest = d * (level - xl);
    gapBase = d * (level - x0);
    const margin = EPS * (Math.abs(level) + 1);
    met = ct.strict ? gapLatest < -margin : gapLatest <= margin;
  }
  if (met) return S_ACHIEVED;

  const progress = gapBase - gapLatest; // > 0 = moved towards the target since the baseline
  if (!hasYear) {
    // a level without a year: direction-only thresholds on the relative change towards it
    if (!hasPace) return progress < 0 ? S_DETERIORATING : S_LIMITED;
    const rate = x0 !== 0 ? progress / Math.abs(x0) / (tl - t0) : progress > 0 ? Number.POSITIVE_INFINITY : progress;
    return rateStatus(rate, th);
  }
  if (gapBase <= 0 || !hasPace) {
    // the baseline already met the target (or no pace yet): only the direction of the change tells
    return progress < 0 && !near(gapBase, gapLatest) ? S_DETERIORATING : S_LIMITED;
  }
  const needed = T > t0 + EPS ? gapBase / (T - t0) : Number.POSITIVE_INFINITY;
  const observed = progress / (tl - t0);
  const ratio = observed / needed;
  out.needed = needed;
  out.ratio = ratio;
  // thresholds compare with a relative margin of 1e-9 so that 7.6 / 2 / 4 counts as 0.95
  if (ratio >= th.onTrack - EPS) return tl >= T - EPS ? S_ACCEL : S_ON_TRACK;
  if (ratio >= th.acceleration - EPS) return S_ACCEL;
  if (ratio >= -EPS) return S_LIMITED;
  return S_DETERIORATING;
}

// ---- properties -----------------------------------------------------------------------------------------------

const OPS = ['>=', '>', '<=', '<', '=', '~', 'increase', 'decrease'] as const;

const targetArb = fc
  .record({
    op: fc.constantFrom(...OPS),
    value: fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { nil: null }),
    year: fc.option(fc.integer({ min: 2015, max: 2035 }), { nil: null }),
    relative: fc.constantFrom('percent' as const, 'absolute' as const),
    direction: fc.constantFrom('higher' as const, 'lower' as const, null),
    ordinal: fc.boolean(),
    tolerance: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  })
  .map(({ op, value, year, relative, direction, ordinal, tolerance }): TargetSpec => {
    const change = op === 'increase' || op === 'decrease';
    const v = change ? (value === null ? null : Math.abs(value)) : (value ?? 0);
    return {
      op,
      value: ordinal && v !== null && !change ? Math.min(WATER_CLASSES.length, Math.max(1, Math.round(v))) : v,
      year,
      relative: change && v !== null ? relative : null,
      direction,
      scale: ordinal && !change ? 'water-class' : null,
      tolerance,
    };
  });

const thresholdsArb = fc.oneof(
  fc.constant(DEFAULT_THRESHOLDS),
  fc.record({
    onTrack: fc.double({ min: 0, max: 2, noNaN: true }),
    acceleration: fc.double({ min: 0, max: 1, noNaN: true }),
    rateOnTrack: fc.double({ min: 0, max: 0.1, noNaN: true }),
    rateAcceleration: fc.double({ min: 0, max: 0.05, noNaN: true }),
    tolerance: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

// values on a coarse grid as well, so that ties (met exactly, ratio exactly at a threshold, x0 = 0) occur
const valueArb = fc.oneof(
  fc.double({ min: -300, max: 300, noNaN: true }),
  fc.integer({ min: -10, max: 10 }).map((n) => n * 5),
  fc.constant(0),
);
const timeArb = fc.oneof(fc.double({ min: 2012, max: 2038, noNaN: true }), fc.integer({ min: 2012, max: 2038 }));

function same(a: JudgeOut, b: JudgeOut): boolean {
  return (
    Object.is(a.projected, b.projected) &&
    Object.is(a.ratio, b.ratio) &&
    Object.is(a.needed, b.needed) &&
    Object.is(a.observed, b.observed) &&
    Object.is(a.level, b.level)
  );
}

describe('the prepared paths equal the straightforward judgement', () => {
  it('judge, judgeAt and judgeSeries give the reference status and details for every observation', () => {
    const refOut = new JudgeOut();
    const out = new JudgeOut();
    const atOut = new JudgeOut();
    const seriesOut = new JudgeOut();
    const s = new PreparedSeries();
    fc.assert(
      fc.property(
        targetArb,
        thresholdsArb,
        timeArb,
        valueArb,
        fc.array(fc.tuple(timeArb, valueArb), { minLength: 1, maxLength: 12 }),
        (spec, th, t0, x0, obs) => {
          let refCt: RefTarget;
          try {
            refCt = compileTargetRef(spec, th);
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect(() => compileTarget(spec, th)).toThrow((e as Error).message);
            return;
          }
          const ct = compileTarget(spec, th);
          const times = Float64Array.from(obs, (o) => o[0]);
          const values = Float64Array.from([7, ...obs.map((o) => o[1])]); // offset 1
          const codes = new Uint8Array(obs.length + 2).fill(255);
          judgeSeries(ct, t0, x0, times, values, 1, obs.length, codes, 2, s, seriesOut);
          for (let p = 0; p < obs.length; p++) {
            const [tl, xl] = obs[p] as [number, number];
            const want = judgeRef(refCt, t0, x0, tl, xl, refOut);
            expect(judge(ct, t0, x0, tl, xl, out)).toBe(want);
            expect(same(out, refOut)).toBe(true);
            expect(codes[p + 2]).toBe(want);
          }
          expect(same(seriesOut, refOut)).toBe(true); // the details of the last observation
          // judgeAt on a series prepared once, in any order of the observations
          for (let p = obs.length - 1; p >= 0; p--) {
            const [tl, xl] = obs[p] as [number, number];
            if (p === obs.length - 1) judgeSeries(ct, t0, x0, times, values, 1, 0, codes, 0, s, atOut);
            expect(judgeAt(ct, s, tl, xl, atOut)).toBe(judgeRef(refCt, t0, x0, tl, xl, refOut));
            expect(same(atOut, refOut)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
