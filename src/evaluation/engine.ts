// The scoring engine: a validated rubric + normalized values → per entity the points of every item with a
// one-line Chinese explanation, category scores, the final score, rank, grade and flags. Pure and
// deterministic. Decisions (docs/rubrics.md, each with its clause and a test):
//  - blend at item level: points = Σ assessor weight × the item's points from that assessor's values; rank
//    rules rank each assessor's values separately. Everything after the items is linear, so category
//    weights before or after the 40/60 blend give the same final (26号 五（一）);
//  - bonuses, penalties and vetoes are facts verified by the office, applied once after the blend;
//  - full precision everywhere, two decimals only when shown; equality of finals within 1e-9;
//  - a missing value scores 0 and is listed; a missing entity is not ranked on that item;
//  - quotas are maxima filled in rank order (fewer than six banks: 优秀 first); a veto skips the top grade;
//  - a veto does not change the score and penalties still apply.
import { type BonusClaim, type EntityValues, type ItemValue, type ScoreInput, SINGLE } from './input.ts';
import { type Band, type Item, type Rubric, show } from './rubric.ts';

export interface ItemScore {
  id: string;
  title: string;
  category: string;
  max: number;
  points: number;
  explain: string;
  missing: boolean;
}

export interface CategoryScore {
  id: string;
  title: string;
  max: number;
  weight: number | null;
  score: number;
  /** Contribution to the final score (weighted, or the score itself). */
  contribution: number;
}

export interface Missing {
  item: string;
  title: string;
  assessor: string | null;
}

export interface EntityScore {
  id: string;
  name: string;
  final: number;
  base: number;
  bonus: number;
  penalty: number;
  rank: number;
  grade: string | null;
  flags: string[];
  vetoes: string[];
  categories: CategoryScore[];
  items: ItemScore[];
  missing: Missing[];
  adjustments: string[];
}

export interface ScoreResult {
  rubric: string;
  period: string | null;
  maxScore: number;
  entities: EntityScore[];
}

const EPS = 1e-9;

/** Up to two decimals, without trailing zeros (for explanations). */
export function fmt(n: number): string {
  // Rounded to a multiple of 0.01, a double prints as its shortest form (38, 0.16, 2.01).
  const r = Math.round(n * 100) / 100;
  if (r < 0) return `−${String(-r)}`;
  return r === 0 ? '0' : String(r);
}

/** Exactly two decimals (for score sheets). */
export function fmt2(n: number): string {
  const s = (Math.round(n * 100) / 100).toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

function inBand(b: Band, x: number): boolean {
  if (b.min !== undefined && (b.minInclusive ? x < b.min : x <= b.min)) return false;
  if (b.max !== undefined && (b.maxInclusive ? x > b.max : x >= b.max)) return false;
  return true;
}

function bandLabel(b: Band, unit: string): string {
  if (b.min === undefined && b.max !== undefined) return `${b.maxInclusive ? '≤' : '<'}${show(b.max)}${unit}`;
  if (b.max === undefined && b.min !== undefined) return `${b.minInclusive ? '≥' : '>'}${show(b.min)}${unit}`;
  if (b.min !== undefined && b.max !== undefined) {
    if (b.min === b.max) return `=${show(b.min)}${unit}`;
    return `${b.minInclusive ? '[' : '('}${show(b.min)}, ${show(b.max)}${b.maxInclusive ? ']' : ')'}${unit}`;
  }
  return '任意值';
}

export function findBand(bands: readonly Band[], x: number): Band | undefined {
  return bands.find((b) => inBand(b, x));
}

/** Places with ties sharing the better place (1, 1, 3); ineligible or missing entities have no place. */
export function places(values: (number | undefined)[], better: 'higher' | 'lower'): (number | undefined)[] {
  const v = values as number[];
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined) idx.push(i);
  idx.sort(
    better === 'higher' ? (a, b) => (v[b] as number) - (v[a] as number) : (a, b) => (v[a] as number) - (v[b] as number),
  );
  const out: (number | undefined)[] = new Array(values.length).fill(undefined);
  let place = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    if (k === 0 || Math.abs((v[i] as number) - (v[idx[k - 1] as number] as number)) > EPS) place = k + 1;
    out[i] = place;
  }
  return out;
}

export interface Scored {
  points: number;
  text: string;
}

function label(item: Item): string {
  return item.input?.label ?? item.title;
}

function unitOf(item: Item): string {
  return item.input?.unit ?? '';
}

function applyModifiers(item: Item, v: ItemValue, s: Scored): Scored {
  if (v.modifiers.length === 0) return s;
  let { points, text } = s;
  for (const id of v.modifiers) {
    const m = item.modifiers?.find((x) => x.id === id);
    if (!m) continue;
    if (m.effect === 'half') {
      text += `；${m.title}，分数减半：${fmt(points)}÷2=${fmt(points / 2)}分`;
      points /= 2;
    } else {
      text += `；${m.title}，该项不得分：0分`;
      points = 0;
    }
  }
  return { points, text };
}

/** Points of one item for one entity from one assessor's values; `place` for rank rules. */
export function scoreItem(item: Item, v: ItemValue, place: number | undefined): Scored {
  const rule = item.rule;
  const lab = label(item);
  const unit = unitOf(item);
  const val = v.value;
  let s: Scored;
  switch (rule.type) {
    case 'rank': {
      const n = val.kind === 'number' ? val.n : 0;
      if (place === undefined) {
        const cond =
          rule.eligibleAbove !== undefined
            ? `须${rule.eligibleInclusive ? '不低于' : '大于'}${show(rule.eligibleAbove)}${unit}`
            : '';
        s = { points: 0, text: `${lab}为${show(n)}${unit}，不参加排名（${cond}），不得分：0分` };
        break;
      }
      const raw = rule.first - (place - 1) * rule.step;
      const points = Math.max(rule.floor, raw);
      if (place === 1) s = { points, text: `${lab}排第1名：${fmt(rule.first)}分` };
      else if (raw < rule.floor)
        s = {
          points,
          text: `${lab}排第${place}名：${fmt(rule.first)}−${fmt((place - 1) * rule.step)}=${fmt(raw)}，最低${fmt(rule.floor)}分`,
        };
      else
        s = {
          points,
          text: `${lab}排第${place}名：${fmt(rule.first)}−${fmt((place - 1) * rule.step)}=${fmt(points)}分`,
        };
      break;
    }
    case 'completion': {
      let met: boolean;
      let what: string;
      if (val.kind === 'bool') {
        met = val.b;
        what = lab;
      } else if (val.kind === 'pair') {
        const d = rule.better === 'higher' ? val.actual - val.target : val.target - val.actual;
        met = rule.strict ? d > EPS : d >= -EPS;
        const op = rule.better === 'higher' ? (rule.strict ? '>' : '≥') : rule.strict ? '<' : '≤';
        what = `${lab}${show(val.actual)}${unit}，目标${op}${show(val.target)}${unit}`;
      } else {
        met = false;
        what = lab;
      }
      s = met
        ? { points: item.max, text: `${what}：完成，得${fmt(item.max)}分` }
        : { points: 0, text: `${what}：未完成，0分` };
      break;
    }
    case 'proportional': {
      if (val.kind === 'bool') {
        s = { points: item.max, text: `${lab}：完成，得${fmt(item.max)}分` };
        break;
      }
      const { actual, target } = val as { actual: number; target: number };
      const ratio = Math.min(1, Math.max(0, actual / target));
      const points = item.max * ratio;
      s =
        ratio >= 1
          ? { points, text: `${lab}${show(actual)}${unit}，目标${show(target)}${unit}：完成，得${fmt(item.max)}分` }
          : {
              points,
              text: `${lab}${show(actual)}${unit}，目标${show(target)}${unit}，按实际完成折算：${fmt(item.max)}×${fmt(actual)}/${fmt(target)}=${fmt(points)}分`,
            };
      break;
    }
    case 'tiered': {
      const n = (val as { n: number }).n;
      const band = findBand(rule.bands, n) as Band;
      s = { points: band.points, text: `${lab}${show(n)}${unit}（${bandLabel(band, unit)}）：${fmt(band.points)}分` };
      break;
    }
    case 'count': {
      if (rule.kinds) {
        const counts = val.kind === 'kinds' ? val.counts : {};
        const parts = rule.kinds.filter((k) => (counts[k.id] ?? 0) > 0);
        const raw = parts.reduce((sum, k) => sum + (counts[k.id] ?? 0) * k.per, 0);
        const points = rule.cap !== undefined ? Math.min(rule.cap, raw) : raw;
        const expr = parts.length ? parts.map((k) => `${k.title}${counts[k.id]}次×${fmt(k.per)}分`).join('+') : '0次';
        s = {
          points,
          text:
            raw > points + EPS
              ? `${lab}：${expr}=${fmt(raw)}，最高${fmt(points)}分`
              : `${lab}：${expr}=${fmt(points)}分`,
        };
        break;
      }
      const n = (val as { n: number }).n;
      const u = unit || '次';
      if (rule.bands) {
        const band = findBand(rule.bands, n) as Band;
        s = { points: band.points, text: `${lab}${n}${u}（${bandLabel(band, u)}）：${fmt(band.points)}分` };
        break;
      }
      const per = rule.per as number;
      const raw = n * per;
      const points = rule.cap !== undefined ? Math.min(rule.cap, raw) : raw;
      s = {
        points,
        text:
          raw > points + EPS
            ? `${lab}${n}${u}×${fmt(per)}分=${fmt(raw)}，最高${fmt(points)}分`
            : `${lab}${n}${u}×${fmt(per)}分=${fmt(points)}分`,
      };
      break;
    }
    case 'manual': {
      const m = val as { points: number; justification: string };
      s = { points: m.points, text: `评分人给${fmt(m.points)}分（满分${fmt(item.max)}分），理由：${m.justification}` };
      break;
    }
  }
  return applyModifiers(item, v, s);
}

/** The points of one item from one assessor's value, without building the explanation (the hot path). */
export function pointsOf(item: Item, v: ItemValue, place: number | undefined): number {
  const rule = item.rule;
  const val = v.value;
  let points: number;
  switch (rule.type) {
    case 'rank':
      points = place === undefined ? 0 : Math.max(rule.floor, rule.first - (place - 1) * rule.step);
      break;
    case 'completion': {
      let met = false;
      if (val.kind === 'bool') met = val.b;
      else if (val.kind === 'pair') {
        const d = rule.better === 'higher' ? val.actual - val.target : val.target - val.actual;
        met = rule.strict ? d > EPS : d >= -EPS;
      }
      points = met ? item.max : 0;
      break;
    }
    case 'proportional':
      if (val.kind === 'bool') points = item.max;
      else {
        const { actual, target } = val as { actual: number; target: number };
        points = item.max * Math.min(1, Math.max(0, actual / target));
      }
      break;
    case 'tiered':
      points = (findBand(rule.bands, (val as { n: number }).n) as Band).points;
      break;
    case 'count': {
      if (rule.kinds) {
        const counts = val.kind === 'kinds' ? val.counts : {};
        let raw = 0;
        for (const k of rule.kinds) raw += (counts[k.id] ?? 0) * k.per;
        points = rule.cap !== undefined ? Math.min(rule.cap, raw) : raw;
      } else if (rule.bands) points = (findBand(rule.bands, (val as { n: number }).n) as Band).points;
      else {
        const raw = (val as { n: number }).n * (rule.per as number);
        points = rule.cap !== undefined ? Math.min(rule.cap, raw) : raw;
      }
      break;
    }
    case 'manual':
      points = (val as { points: number }).points;
      break;
  }
  for (const id of v.modifiers) {
    const m = item.modifiers?.find((x) => x.id === id);
    if (m) points = m.effect === 'half' ? points / 2 : 0;
  }
  return points;
}

/**
 * One item of one entity. Points are computed eagerly; the one-line explanation is built when first read
 * (building 60,000 Chinese sentences costs more than the scoring itself — see bench/evaluation.bench.ts).
 */
/** What the explanations of one scoring run read: shared by all its items (no per-item arrays). */
interface RunContext {
  assessors: readonly { id: string; title: string; weight: number }[];
  blended: boolean;
  /** places[item index][assessor index][entity index] for rank items. */
  places: ((number | undefined)[] | undefined)[][];
}

class ItemResult implements ItemScore {
  readonly id: string;
  readonly title: string;
  readonly max: number;
  #explain: string | undefined;
  constructor(
    private readonly run: RunContext,
    private readonly entity: EntityValues,
    private readonly entityIndex: number,
    private readonly itemIndex: number,
    private readonly item: Item,
    readonly category: string,
    readonly points: number,
    readonly missing: boolean,
  ) {
    this.id = item.id;
    this.title = item.title;
    this.max = item.max;
  }

  get explain(): string {
    if (this.#explain !== undefined) return this.#explain;
    const { assessors, blended, places: table } = this.run;
    const item = this.item;
    let parts = '';
    let blendParts = '';
    for (let ai = 0; ai < assessors.length; ai++) {
      const a = assessors[ai] as { id: string; title: string; weight: number };
      const v = this.entity.values.get(a.id)?.get(item.id);
      const place = table[this.itemIndex]?.[ai]?.[this.entityIndex];
      const s: Scored = v ? scoreItem(item, v, place) : { points: 0, text: `${label(item)}缺少数据，记0分` };
      if (blended) {
        parts += ai === 0 ? `${a.title}：${s.text}` : `；${a.title}：${s.text}`;
        blendParts += ai === 0 ? `${a.weight}%×${fmt(s.points)}` : `+${a.weight}%×${fmt(s.points)}`;
      } else parts = s.text;
    }
    this.#explain = blended ? `${parts}；合成：${blendParts}=${fmt(this.points)}分` : parts;
    return this.#explain;
  }

  toJSON() {
    return {
      id: this.id,
      title: this.title,
      category: this.category,
      max: this.max,
      points: this.points,
      explain: this.explain,
      missing: this.missing,
    };
  }
}

function numeric(v: ItemValue | undefined): number | undefined {
  return v && v.value.kind === 'number' ? v.value.n : undefined;
}

function eligible(item: Item, n: number | undefined): number | undefined {
  if (n === undefined || item.rule.type !== 'rank') return n;
  const r = item.rule;
  if (r.eligibleAbove === undefined) return n;
  return (r.eligibleInclusive ? n >= r.eligibleAbove : n > r.eligibleAbove) ? n : undefined;
}

function bestBonuses(rubric: Rubric, claims: BonusClaim[]): { total: number; lines: string[] } {
  const best = new Map<string, BonusClaim>();
  for (const c of claims) {
    const prev = best.get(c.id);
    if (!prev || c.points > prev.points) best.set(c.id, c);
  }
  const lines: string[] = [];
  let sum = 0;
  for (const c of best.values()) {
    const def = rubric.bonuses?.items.find((b) => b.id === c.id);
    const lvl = def?.levels.find((l) => l.id === c.level);
    const dup = claims.filter((x) => x.id === c.id).length;
    lines.push(
      `加分：${def?.title}（${lvl?.title}）+${fmt(c.points)}分${dup > 1 ? `（同一加分项${dup}次，按最高分计）` : ''}`,
    );
    sum += c.points;
  }
  const cap = rubric.bonuses?.cap ?? Infinity;
  if (sum > cap + EPS) lines.push(`加分合计${fmt(sum)}分，累计不超过${fmt(cap)}分`);
  return { total: Math.min(sum, cap), lines };
}

/** Score every entity; ranks, grades and flags across them. */
export function score(rubric: Rubric, input: ScoreInput): ScoreResult {
  const assessors = rubric.assessors ?? [{ id: SINGLE, title: '', weight: 100, clause: '' }];
  const blended = rubric.assessors !== undefined;
  const ents = input.entities;
  const cats = rubric.categories;

  // Rank places per rank item and assessor, computed once: places[item index][assessor index][entity index].
  const flatItems = cats.flatMap((c) => c.items);
  // The values of every entity by assessor, looked up once.
  const byAssessor = assessors.map((a) => ents.map((e) => e.values.get(a.id)));
  const placeTable: ((number | undefined)[] | undefined)[][] = flatItems.map((item) =>
    assessors.map((_a, ai) => {
      if (item.rule.type !== 'rank') return undefined;
      const maps = byAssessor[ai] as (Map<string, ItemValue> | undefined)[];
      const vals: (number | undefined)[] = new Array(ents.length);
      for (let k = 0; k < ents.length; k++) vals[k] = eligible(item, numeric(maps[k]?.get(item.id)));
      return places(vals, item.rule.better);
    }),
  );

  const run: RunContext = { assessors, blended, places: placeTable };

  const results: EntityScore[] = ents.map((e: EntityValues, ei): EntityScore => {
    const items: ItemScore[] = [];
    const categories: CategoryScore[] = [];
    const missing: Missing[] = [];
    let base = 0;
    let itemIndex = 0;
    const assessorValues = byAssessor.map((maps) => maps[ei]);
    for (const cat of cats) {
      let catSum = 0;
      for (const item of cat.items) {
        const itemPlaces = placeTable[itemIndex++] as ((number | undefined)[] | undefined)[];
        let points = 0;
        let anyMissing = false;
        for (let ai = 0; ai < assessors.length; ai++) {
          const a = assessors[ai] as (typeof assessors)[number];
          const v = assessorValues[ai]?.get(item.id);
          const place = itemPlaces[ai]?.[ei];
          if (!v) {
            anyMissing = true;
            missing.push({ item: item.id, title: item.title, assessor: blended ? a.id : null });
          } else points += (a.weight / 100) * pointsOf(item, v, place);
        }
        items.push(new ItemResult(run, e, ei, itemIndex - 1, item, cat.id, points, anyMissing));
        catSum += points;
      }
      const scoreC = cat.combine === 'mean' ? catSum / cat.items.length : catSum;
      const contribution =
        cat.weight !== undefined ? ((cat.weight / 100) * scoreC * rubric.maxScore) / cat.max : scoreC;
      base += contribution;
      categories.push({
        id: cat.id,
        title: cat.title,
        max: cat.max,
        weight: cat.weight ?? null,
        score: scoreC,
        contribution,
      });
    }
    const adjustments: string[] = [];
    const b = bestBonuses(rubric, e.bonuses);
    adjustments.push(...b.lines);
    let penalty = 0;
    for (const p of e.penalties) {
      const def = rubric.penalties?.find((x) => x.id === p.id);
      penalty += p.count * p.per;
      adjustments.push(`扣分：${def?.title} ${p.count}次×${fmt(p.per)}分=−${fmt(p.count * p.per)}分`);
    }
    for (const v of e.vetoes) {
      const def = rubric.vetoes?.find((x) => x.id === v);
      adjustments.push(`否决：${def?.title}，取消评优资格（不影响得分）`);
    }
    const final = base + b.total - penalty;
    return {
      id: e.id,
      name: e.name,
      final,
      base,
      bonus: b.total,
      penalty,
      rank: 0,
      grade: null,
      flags: [],
      vetoes: [...e.vetoes],
      categories,
      items,
      missing,
      adjustments,
    };
  });

  // Final ranking: ties share the better place.
  const finalPlaces = places(
    results.map((r) => r.final),
    'higher',
  );
  results.forEach((r, i) => {
    r.rank = finalPlaces[i] as number;
  });
  const order = results
    .map((_, i) => i)
    .sort((a, b) => (results[a] as EntityScore).rank - (results[b] as EntityScore).rank || a - b);
  grade(rubric, results, order);
  for (const r of results) {
    if (r.vetoes.length) r.flags.push('取消评优资格');
    for (const f of rubric.flags ?? []) if (r.final < f.below - EPS) r.flags.push(f.title);
    if (r.missing.length) r.flags.push('数据缺失');
  }
  return {
    rubric: rubric.id,
    period: input.period,
    maxScore: rubric.maxScore,
    entities: order.map((i) => results[i] as EntityScore),
  };
}

function grade(rubric: Rubric, results: EntityScore[], order: number[]): void {
  const g = rubric.grading;
  if (!g) return;
  if (g.method === 'thresholds') {
    for (const r of results) {
      const eligibleGrades = r.vetoes.length ? g.grades.slice(1) : g.grades;
      r.grade = eligibleGrades.find((x) => r.final >= x.min - EPS)?.title ?? null;
    }
    return;
  }
  const remaining = g.grades.map((x) => x.count);
  // Groups of tied entities share a grade: the first grade with room when the group is reached.
  let k = 0;
  while (k < order.length) {
    const first = results[order[k] as number] as EntityScore;
    const group: EntityScore[] = [];
    while (k < order.length && (results[order[k] as number] as EntityScore).rank === first.rank) {
      group.push(results[order[k] as number] as EntityScore);
      k++;
    }
    for (const vetoed of [false, true]) {
      const members = group.filter((r) => r.vetoes.length > 0 === vetoed);
      if (!members.length) continue;
      const gi = remaining.findIndex((left, i) => left > 0 && !(vetoed && i === 0));
      if (gi < 0) continue;
      for (const m of members) m.grade = (g.grades[gi] as { title: string }).title;
      remaining[gi] = (remaining[gi] as number) - members.length;
      if ((remaining[gi] as number) < 0) for (const m of members) m.flags.push('并列超出等次名额，须领导小组审定');
    }
  }
}
