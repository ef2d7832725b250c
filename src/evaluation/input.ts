// The values an assessment brings to a rubric: per entity (a bank, a county), per assessor when the
// rubric blends several, per item one value; bonuses, penalties and vetoes. Pure: parseScoreInput checks
// a plain object against a validated rubric and returns normalized values, or throws AppError BAD_INPUT
// naming the entity, the item and the field. A missing value is not an error: it scores 0 and is listed.
import { AppError } from '../platform/errors.ts';
import { type Item, itemsOf, type Rubric, show } from './rubric.ts';

export type NormValue =
  | { kind: 'number'; n: number }
  | { kind: 'bool'; b: boolean }
  | { kind: 'pair'; actual: number; target: number }
  | { kind: 'manual'; points: number; justification: string }
  | { kind: 'kinds'; counts: Record<string, number> };

export interface ItemValue {
  value: NormValue;
  modifiers: string[];
}

export interface BonusClaim {
  id: string;
  level: string;
  points: number;
  note?: string;
}

export interface PenaltyClaim {
  id: string;
  count: number;
  /** Points per occurrence. */
  per: number;
  note?: string;
}

export interface EntityValues {
  id: string;
  name: string;
  /** assessor id (or '' for a single-assessor rubric) → item id → value. */
  values: Map<string, Map<string, ItemValue>>;
  bonuses: BonusClaim[];
  penalties: PenaltyClaim[];
  vetoes: string[];
}

export interface ScoreInput {
  period: string | null;
  entities: EntityValues[];
}

/** The assessor key used when a rubric has no blend. */
export const SINGLE = '';

function bad(message: string, field: string): never {
  throw new AppError('BAD_INPUT', message, { field });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const UNIT_ALIASES: Record<string, string[]> = {
  '%': ['%', '％', '百分比'],
  次: ['次'],
  个: ['个', '家', '项', '类'],
};

/** A number given as text, possibly with its unit (“45%”, “3次”); a different unit is refused. */
function numberFrom(raw: unknown, item: Item, where: string, field: string): number {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) bad(`${where}：值不是有限数字`, field);
    return raw;
  }
  if (typeof raw === 'string') {
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*(.*?)\s*$/.exec(raw);
    if (!m) bad(`${where}：应为数字，收到“${raw}”`, field);
    const n = Number(m[1]);
    const unit = m[2] ?? '';
    if (unit) {
      const expected = item.input?.unit;
      const ok = expected && (unit === expected || (UNIT_ALIASES[expected] ?? []).includes(unit));
      if (!ok)
        bad(
          `${where}：单位“${unit}”不对，此项${expected ? `的单位是“${expected}”` : '不带单位'}（收到“${raw}”）`,
          field,
        );
    }
    return n;
  }
  return bad(`${where}：应为数字，收到${describe(raw)}`, field);
}

function describe(v: unknown): string {
  if (v === null) return '空值';
  if (typeof v === 'boolean') return `布尔值 ${v}`;
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'object') return '对象';
  return `“${String(v)}”`;
}

function checkRange(n: number, item: Item, where: string, field: string): void {
  const lo = item.input?.min;
  const hi = item.input?.max;
  if (lo !== undefined && n < lo)
    bad(`${where}：${show(n)} 小于允许的最小值 ${show(lo)}${item.input?.unit ?? ''}`, field);
  if (hi !== undefined && n > hi)
    bad(`${where}：${show(n)} 大于允许的最大值 ${show(hi)}${item.input?.unit ?? ''}`, field);
}

function boolFrom(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (['是', '完成', '达到', '有', 'true', 'yes', '√'].includes(t)) return true;
    if (['否', '未完成', '未达到', '无', 'false', 'no', '×'].includes(t)) return false;
  }
  return undefined;
}

/** Normalize one raw value for an item. `where` names entity and item; `field` the path. */
export function normalizeValue(raw: unknown, item: Item, where: string, field: string): ItemValue {
  let modifiers: string[] = [];
  let v = raw;
  if (isObj(raw) && 'value' in raw) {
    const extra = Object.keys(raw).filter((k) => k !== 'value' && k !== 'modifiers');
    if (extra.length) bad(`${where}：不认识的字段“${extra[0]}”（可用 value、modifiers）`, `${field}.${extra[0]}`);
    v = raw.value;
    const mods = raw.modifiers ?? [];
    if (!Array.isArray(mods) || mods.some((m) => typeof m !== 'string'))
      bad(`${where}：modifiers 应为调整条件编号的列表`, `${field}.modifiers`);
    modifiers = mods as string[];
    for (const m of modifiers)
      if (!item.modifiers?.some((x) => x.id === m))
        bad(
          `${where}：此项没有调整条件“${m}”${item.modifiers?.length ? `（可用：${item.modifiers.map((x) => `${x.id} ${x.title}`).join('，')}）` : ''}`,
          `${field}.modifiers`,
        );
  }
  const rule = item.rule;
  const value = ((): NormValue => {
    switch (rule.type) {
      case 'rank':
      case 'tiered': {
        const n = numberFrom(v, item, where, field);
        checkRange(n, item, where, field);
        return { kind: 'number', n };
      }
      case 'completion':
      case 'proportional': {
        const b = boolFrom(v);
        if (b !== undefined) {
          if (rule.type === 'proportional' && !b)
            bad(`${where}：未完成时须给出实际值与目标值 {"actual": …, "target": …}，按实际完成折算`, field);
          return { kind: 'bool', b };
        }
        if (isObj(v)) {
          const extra = Object.keys(v).filter((k) => k !== 'actual' && k !== 'target');
          if (extra.length) bad(`${where}：不认识的字段“${extra[0]}”（可用 actual、target）`, `${field}.${extra[0]}`);
          if (v.actual === undefined) bad(`${where}：缺少实际值 actual`, `${field}.actual`);
          const actual = numberFrom(v.actual, item, where, `${field}.actual`);
          const t = v.target ?? rule.target;
          if (t === undefined) bad(`${where}：缺少目标值 target`, `${field}.target`);
          const target = numberFrom(t, item, where, `${field}.target`);
          if (rule.type === 'proportional' && target <= 0)
            bad(`${where}：目标值应大于0，收到 ${show(target)}`, `${field}.target`);
          return { kind: 'pair', actual, target };
        }
        const n = numberFrom(v, item, where, field);
        checkRange(n, item, where, field);
        if (rule.target === undefined)
          bad(`${where}：此项没有固定目标，请给出“是/否”或 {"actual": …, "target": …}`, field);
        return { kind: 'pair', actual: n, target: rule.target };
      }
      case 'count': {
        if (rule.kinds) {
          if (!isObj(v))
            bad(
              `${where}：应为各类次数，如 {${rule.kinds.map((k) => `"${k.id}": 0`).join(', ')}}，收到${describe(v)}`,
              field,
            );
          const counts: Record<string, number> = {};
          for (const [k, c] of Object.entries(v)) {
            if (!rule.kinds.some((x) => x.id === k))
              bad(
                `${where}：没有“${k}”这一类（可用：${rule.kinds.map((x) => `${x.id} ${x.title}`).join('，')}）`,
                `${field}.${k}`,
              );
            const n = numberFrom(c, item, where, `${field}.${k}`);
            if (!Number.isInteger(n) || n < 0) bad(`${where}：次数应为非负整数，收到 ${show(n)}`, `${field}.${k}`);
            counts[k] = n;
          }
          return { kind: 'kinds', counts };
        }
        const n = numberFrom(v, item, where, field);
        if (!Number.isInteger(n) || n < 0) bad(`${where}：次数应为非负整数，收到 ${show(n)}`, field);
        checkRange(n, item, where, field);
        return { kind: 'number', n };
      }
      case 'manual': {
        if (!isObj(v))
          bad(`${where}：人工评分应为 {"points": 分值, "justification": "理由"}，收到${describe(v)}`, field);
        const extra = Object.keys(v).filter((k) => k !== 'points' && k !== 'justification');
        if (extra.length)
          bad(`${where}：不认识的字段“${extra[0]}”（可用 points、justification）`, `${field}.${extra[0]}`);
        if (v.points === undefined) bad(`${where}：缺少分值 points`, `${field}.points`);
        const points = numberFrom(v.points, item, where, `${field}.points`);
        if (points < 0) bad(`${where}：分值不能为负，收到 ${show(points)}`, `${field}.points`);
        if (points > item.max)
          bad(`${where}：分值 ${show(points)} 超过该项满分 ${show(item.max)} 分`, `${field}.points`);
        const j = v.justification;
        if (typeof j !== 'string' || j.trim() === '')
          bad(`${where}：人工评分必须写明理由 justification`, `${field}.justification`);
        return { kind: 'manual', points, justification: j.trim() };
      }
    }
  })();
  return { value, modifiers };
}

/**
 * The common well-formed values, normalized without building any message (the hot path of a large
 * assessment); anything else returns undefined and goes through normalizeValue, which explains what is wrong.
 */
function fastValue(raw: unknown, item: Item): ItemValue | undefined {
  const rule = item.rule;
  const lo = item.input?.min;
  const hi = item.input?.max;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || (lo !== undefined && raw < lo) || (hi !== undefined && raw > hi)) return undefined;
    if (rule.type === 'rank' || rule.type === 'tiered') return { value: { kind: 'number', n: raw }, modifiers: [] };
    if (rule.type === 'count' && !rule.kinds && Number.isInteger(raw) && raw >= 0)
      return { value: { kind: 'number', n: raw }, modifiers: [] };
    if ((rule.type === 'completion' || rule.type === 'proportional') && rule.target !== undefined)
      return { value: { kind: 'pair', actual: raw, target: rule.target }, modifiers: [] };
    return undefined;
  }
  if (typeof raw === 'boolean' && rule.type === 'completion') return { value: { kind: 'bool', b: raw }, modifiers: [] };
  if (rule.type === 'manual' && isObj(raw)) {
    const p = raw.points;
    const j = raw.justification;
    if (
      typeof p === 'number' &&
      p >= 0 &&
      p <= item.max &&
      typeof j === 'string' &&
      j.trim() !== '' &&
      Object.keys(raw).length === 2
    )
      return { value: { kind: 'manual', points: p, justification: j.trim() }, modifiers: [] };
  }
  return undefined;
}

function parseValues(
  rubric: Rubric,
  items: Map<string, Item>,
  raw: unknown,
  entityName: string,
  assessorTitle: string,
  field: string,
): Map<string, ItemValue> {
  const out = new Map<string, ItemValue>();
  if (raw === undefined || raw === null) return out;
  if (!isObj(raw)) bad(`单位“${entityName}”${assessorTitle}：values 应为“指标编号 → 值”的对象`, field);
  for (const [itemId, v] of Object.entries(raw)) {
    const item = items.get(itemId);
    if (!item)
      bad(`单位“${entityName}”${assessorTitle}：细则 ${rubric.id} 中没有指标“${itemId}”`, `${field}.${itemId}`);
    if (v === null || v === undefined || v === '') continue; // explicitly empty = missing
    const fast = fastValue(v, item);
    if (fast) {
      out.set(itemId, fast);
      continue;
    }
    const where = `单位“${entityName}”${assessorTitle}指标“${item.title}”（${itemId}）`;
    out.set(itemId, normalizeValue(v, item, where, `${field}.${itemId}`));
  }
  return out;
}

/** Check and normalize the input of a scoring run against a rubric. */
export function parseScoreInput(rubric: Rubric, raw: unknown): ScoreInput {
  if (!isObj(raw)) bad('输入应为 JSON 对象 {"entities": [...]}', '');
  const extra = Object.keys(raw).filter((k) => !['entities', 'period', 'rubric'].includes(k));
  if (extra.length) bad(`输入中有不认识的字段“${extra[0]}”（可用 rubric、period、entities）`, extra[0] as string);
  if (raw.rubric !== undefined && raw.rubric !== rubric.id)
    bad(`输入写明的细则是“${String(raw.rubric)}”，而本次评分使用的是“${rubric.id}”`, 'rubric');
  if (!Array.isArray(raw.entities)) bad('缺少 entities 列表（每个被评价单位一项）', 'entities');
  const items = new Map(itemsOf(rubric).map(({ item }) => [item.id, item]));
  const seen = new Map<string, number>();
  const entities: EntityValues[] = raw.entities.map((e: unknown, i: number): EntityValues => {
    const field = `entities.${i}`;
    if (!isObj(e)) bad(`第 ${i + 1} 个单位应为对象`, field);
    if (typeof e.id !== 'string' || e.id.trim() === '') bad(`第 ${i + 1} 个单位缺少编号 id`, `${field}.id`);
    const id = e.id.trim();
    const name = typeof e.name === 'string' && e.name.trim() ? e.name.trim() : id;
    const before = seen.get(id);
    if (before !== undefined)
      bad(`单位“${name}”（${id}）列出了两次：第 ${before + 1} 个和第 ${i + 1} 个单位编号相同`, `${field}.id`);
    seen.set(id, i);
    const allowed = ['id', 'name', 'values', 'assessments', 'bonuses', 'penalties', 'vetoes'];
    const unknown = Object.keys(e).find((k) => !allowed.includes(k));
    if (unknown) bad(`单位“${name}”：不认识的字段“${unknown}”（可用 ${allowed.join('、')}）`, `${field}.${unknown}`);
    const values = new Map<string, Map<string, ItemValue>>();
    if (rubric.assessors) {
      if (e.values !== undefined)
        bad(
          `单位“${name}”：细则 ${rubric.id} 按${rubric.assessors.map((a) => a.title).join('、')}分别评分，请用 assessments: {${rubric.assessors.map((a) => `"${a.id}": {…}`).join(', ')}}`,
          `${field}.values`,
        );
      const as = e.assessments ?? {};
      if (!isObj(as)) bad(`单位“${name}”：assessments 应为对象`, `${field}.assessments`);
      for (const k of Object.keys(as))
        if (!rubric.assessors.some((a) => a.id === k))
          bad(
            `单位“${name}”：没有评分主体“${k}”（可用：${rubric.assessors.map((a) => `${a.id} ${a.title}`).join('，')}）`,
            `${field}.assessments.${k}`,
          );
      for (const a of rubric.assessors)
        values.set(a.id, parseValues(rubric, items, as[a.id], name, `（${a.title}）`, `${field}.assessments.${a.id}`));
    } else {
      if (e.assessments !== undefined)
        bad(`单位“${name}”：细则 ${rubric.id} 只有一个评分主体，请用 values`, `${field}.assessments`);
      values.set(SINGLE, parseValues(rubric, items, e.values, name, '', `${field}.values`));
    }
    return {
      id,
      name,
      values,
      bonuses: parseBonuses(rubric, e.bonuses, name, `${field}.bonuses`),
      penalties: parsePenalties(rubric, e.penalties, name, `${field}.penalties`),
      vetoes: parseVetoes(rubric, e.vetoes, name, `${field}.vetoes`),
    };
  });
  const period = typeof raw.period === 'string' ? raw.period : raw.period === undefined ? null : String(raw.period);
  return { period, entities };
}

function parseBonuses(rubric: Rubric, raw: unknown, name: string, field: string): BonusClaim[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) bad(`单位“${name}”：bonuses 应为列表`, field);
  return raw.map((b: unknown, i: number) => {
    const f = `${field}.${i}`;
    if (!isObj(b)) bad(`单位“${name}”第 ${i + 1} 个加分应为对象 {"id", "level"}`, f);
    const def = rubric.bonuses?.items.find((x) => x.id === b.id);
    if (!def) bad(`单位“${name}”：细则 ${rubric.id} 中没有加分项“${String(b.id)}”`, `${f}.id`);
    const level =
      def.levels.find((l) => l.id === b.level) ??
      (def.levels.length === 1 && b.level === undefined ? def.levels[0] : undefined);
    if (!level)
      bad(
        `单位“${name}”加分项“${def.title}”：没有等级“${String(b.level)}”（可用：${def.levels.map((l) => `${l.id} ${l.title}`).join('，')}）`,
        `${f}.level`,
      );
    let points = level.points;
    if (level.minPoints !== undefined) {
      if (typeof b.points !== 'number')
        bad(
          `单位“${name}”加分项“${def.title}”（${level.title}）：须给出分值 points（${show(level.minPoints)}—${show(level.points)} 分）`,
          `${f}.points`,
        );
      if (b.points < level.minPoints || b.points > level.points)
        bad(
          `单位“${name}”加分项“${def.title}”（${level.title}）：分值 ${show(b.points)} 不在 ${show(level.minPoints)}—${show(level.points)} 分之间`,
          `${f}.points`,
        );
      points = b.points;
    } else if (b.points !== undefined && b.points !== level.points) {
      bad(
        `单位“${name}”加分项“${def.title}”（${level.title}）：此等级固定加 ${show(level.points)} 分，收到 ${String(b.points)}`,
        `${f}.points`,
      );
    }
    return { id: def.id, level: level.id, points, ...(typeof b.note === 'string' ? { note: b.note } : {}) };
  });
}

function parsePenalties(rubric: Rubric, raw: unknown, name: string, field: string): PenaltyClaim[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) bad(`单位“${name}”：penalties 应为列表`, field);
  const totals = new Map<string, number>();
  return raw.map((p: unknown, i: number) => {
    const f = `${field}.${i}`;
    if (!isObj(p)) bad(`单位“${name}”第 ${i + 1} 个扣分应为对象 {"id", "count"}`, f);
    const def = rubric.penalties?.find((x) => x.id === p.id);
    if (!def) bad(`单位“${name}”：细则 ${rubric.id} 中没有扣分项“${String(p.id)}”`, `${f}.id`);
    const count = p.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      bad(`单位“${name}”扣分项“${def.title}”：次数应为正整数，收到 ${describe(count)}`, `${f}.count`);
    const total = (totals.get(def.id) ?? 0) + count;
    totals.set(def.id, total);
    if (def.maxCount !== undefined && total > def.maxCount)
      bad(`单位“${name}”扣分项“${def.title}”：最多计 ${def.maxCount} 次，收到 ${total} 次`, `${f}.count`);
    let per = def.per;
    if (def.minPer !== undefined) {
      if (typeof p.points !== 'number')
        bad(
          `单位“${name}”扣分项“${def.title}”：须给出每次扣分 points（${show(def.minPer)}—${show(def.per)} 分）`,
          `${f}.points`,
        );
      if (p.points < def.minPer || p.points > def.per)
        bad(
          `单位“${name}”扣分项“${def.title}”：每次扣分 ${show(p.points)} 不在 ${show(def.minPer)}—${show(def.per)} 分之间`,
          `${f}.points`,
        );
      per = p.points;
    } else if (p.points !== undefined && p.points !== def.per) {
      bad(`单位“${name}”扣分项“${def.title}”：每次固定扣 ${show(def.per)} 分，收到 ${String(p.points)}`, `${f}.points`);
    }
    return { id: def.id, count, per, ...(typeof p.note === 'string' ? { note: p.note } : {}) };
  });
}

function parseVetoes(rubric: Rubric, raw: unknown, name: string, field: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) bad(`单位“${name}”：vetoes 应为否决项编号的列表`, field);
  const out: string[] = [];
  raw.forEach((v: unknown, i: number) => {
    if (!rubric.vetoes?.some((x) => x.id === v))
      bad(`单位“${name}”：细则 ${rubric.id} 中没有否决项“${String(v)}”`, `${field}.${i}`);
    if (!out.includes(v as string)) out.push(v as string);
  });
  return out;
}
