// The rubric format: categories with weights, items with a maximum and one rule, an assessor blend,
// bonuses, penalties, vetoes, grading and flags. Pure: zod parses a plain object (read from YAML by
// load.ts), then validateRubric checks what zod cannot (sums, bands, references) and names the item.
// The format is documented in docs/rubrics.md; every rule carries the clause it comes from.
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '编号只能用小写字母、数字和连字符，且不以连字符开头');
const text = z.string().min(1, '不能为空');
const points = z.number().finite().min(0, '分值不能为负');

/** One band of a tiered or count rule: explicit bounds, each inclusive or exclusive; open when absent. */
export const bandSchema = z
  .object({
    min: z.number().finite().optional(),
    minInclusive: z.boolean().default(true),
    max: z.number().finite().optional(),
    maxInclusive: z.boolean().default(false),
    points,
  })
  .strict();
export type Band = z.infer<typeof bandSchema>;

const rankRule = z
  .object({
    type: z.literal('rank'),
    /** Points of the first place. */
    first: points,
    /** Points taken off per place below the first (第一名得40分，依次递减1分 → step 1). */
    step: points,
    floor: points.default(0),
    better: z.enum(['higher', 'lower']).default('higher'),
    /** Eligibility: a value must be above (or at, when inclusive) this to be ranked (未放款不得分 → 0, exclusive). */
    eligibleAbove: z.number().finite().optional(),
    eligibleInclusive: z.boolean().default(false),
  })
  .strict();

const completionRule = z
  .object({
    type: z.literal('completion'),
    /** Numeric target; absent → the input gives a boolean (完成/未完成) or {actual, target}. */
    target: z.number().finite().optional(),
    better: z.enum(['higher', 'lower']).default('higher'),
    /** 高于 (strictly above) rather than 达到/不低于 (at least). */
    strict: z.boolean().default(false),
  })
  .strict();

const proportionalRule = z
  .object({
    type: z.literal('proportional'),
    target: z.number().finite().positive('目标值应大于0').optional(),
  })
  .strict();

const tieredRule = z.object({ type: z.literal('tiered'), bands: z.array(bandSchema).min(1) }).strict();

const countKind = z.object({ id, title: text, per: points }).strict();
const countRule = z
  .object({
    type: z.literal('count'),
    /** Points per occurrence (with cap), or bands on the count, or weighted kinds of occurrence. */
    per: points.optional(),
    cap: points.optional(),
    bands: z.array(bandSchema).min(1).optional(),
    kinds: z.array(countKind).min(1).optional(),
  })
  .strict();

const manualRule = z.object({ type: z.literal('manual') }).strict();

export const ruleSchema = z.discriminatedUnion('type', [
  rankRule,
  completionRule,
  proportionalRule,
  tieredRule,
  countRule,
  manualRule,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleType = Rule['type'];

const modifierSchema = z
  .object({ id, title: text, effect: z.enum(['half', 'zero']), clause: text.optional() })
  .strict();
export type Modifier = z.infer<typeof modifierSchema>;

export const itemSchema = z
  .object({
    id,
    title: text,
    max: points,
    /** Sub-heading inside the category (指标内容, e.g. “（一）发挥政府主导作用…”). */
    group: id.optional(),
    clause: text,
    /** What the assessor enters (label and unit), for forms and templates. */
    input: z
      .object({
        label: text,
        unit: z.string().optional(),
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
      })
      .strict()
      .optional(),
    /** 数据来源 (bank evaluation). */
    dataSource: text.optional(),
    /** 责任单位. */
    units: z.array(text).optional(),
    note: text.optional(),
    modifiers: z.array(modifierSchema).optional(),
    rule: ruleSchema,
  })
  .strict();
export type Item = z.infer<typeof itemSchema>;

const groupSchema = z.object({ id, title: text, max: points, clause: text.optional() }).strict();

export const categorySchema = z
  .object({
    id,
    title: text,
    /** Percent of the final score (weighted rubrics); absent in rubrics scored by plain sums. */
    weight: z.number().finite().positive('权重应大于0').max(100, '权重不能超过100%').optional(),
    max: points,
    /** How item points make the category score: the sum (default) or the mean (按照百分制打分 of several rows). */
    combine: z.enum(['sum', 'mean']).default('sum'),
    clause: text,
    dataSource: text.optional(),
    groups: z.array(groupSchema).optional(),
    items: z.array(itemSchema).min(1, '类别至少要有一项指标'),
  })
  .strict();
export type Category = z.infer<typeof categorySchema>;

const bonusLevel = z.object({ id, title: text, points, minPoints: points.optional() }).strict();
const bonusSchema = z.object({ id, title: text, clause: text, levels: z.array(bonusLevel).min(1) }).strict();
export type Bonus = z.infer<typeof bonusSchema>;

const penaltySchema = z
  .object({
    id,
    title: text,
    clause: text,
    /** Points per occurrence; with minPer the assessor chooses within [minPer, per] (酌情扣3—5分). */
    per: points,
    minPer: points.optional(),
    maxCount: z.number().int().positive().optional(),
  })
  .strict();
export type Penalty = z.infer<typeof penaltySchema>;

const vetoSchema = z
  .object({ id, title: text, clause: text, effect: z.literal('no-top-grade').default('no-top-grade') })
  .strict();
export type Veto = z.infer<typeof vetoSchema>;

const quotaGrade = z.object({ id, title: text, count: z.number().int().positive() }).strict();
const thresholdGrade = z.object({ id, title: text, min: z.number().finite() }).strict();
const gradingSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('quota'), clause: text, grades: z.array(quotaGrade).min(1) }).strict(),
  z.object({ method: z.literal('thresholds'), clause: text, grades: z.array(thresholdGrade).min(1) }).strict(),
]);
export type Grading = z.infer<typeof gradingSchema>;

const flagSchema = z.object({ id, title: text, clause: text, below: z.number().finite() }).strict();
export type Flag = z.infer<typeof flagSchema>;

const assessorSchema = z
  .object({ id, title: text, weight: z.number().finite().positive().max(100), clause: text })
  .strict();
export type Assessor = z.infer<typeof assessorSchema>;

export const rubricSchema = z
  .object({
    id,
    title: text,
    docNumber: text,
    source: text,
    maxScore: z.number().finite().positive(),
    period: text.optional(),
    schedule: text.optional(),
    assessors: z.array(assessorSchema).min(2, '评分主体至少两个（否则省略 assessors）').optional(),
    categories: z.array(categorySchema).min(1),
    bonuses: z
      .object({ cap: points, clause: text, items: z.array(bonusSchema).min(1) })
      .strict()
      .optional(),
    penalties: z.array(penaltySchema).optional(),
    vetoes: z.array(vetoSchema).optional(),
    grading: gradingSchema.optional(),
    flags: z.array(flagSchema).optional(),
    notes: z.array(text).optional(),
  })
  .strict();
export type RubricInput = z.input<typeof rubricSchema>;
export type Rubric = z.infer<typeof rubricSchema>;

const EPS = 1e-9;

function refuse(rubricName: string, where: string, message: string, field?: string): never {
  throw new AppError('BAD_INPUT', `评分细则 ${rubricName} ${where}：${message}`, field ? { field } : {});
}

/** Do the bands cover the whole line exactly once (no overlap, no gap)? Returns a Chinese problem or null. */
export function bandProblem(bands: readonly Band[]): string | null {
  const sorted = [...bands].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
  const first = sorted[0];
  if (!first) return '没有分段';
  if (first.min !== undefined)
    return `最低一段从 ${show(first.min)} 开始，低于 ${show(first.min)} 的值没有对应分值（留有空档）`;
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i] as Band;
    if (b.min !== undefined && b.max !== undefined) {
      if (b.min > b.max || (b.min === b.max && !(b.minInclusive && b.maxInclusive)))
        return `分段 ${bandText(b)} 是空区间`;
    }
    const next = sorted[i + 1];
    if (!next) {
      if (b.max !== undefined)
        return `最高一段到 ${show(b.max)} 为止，高于 ${show(b.max)} 的值没有对应分值（留有空档）`;
      break;
    }
    if (b.max === undefined) return `分段 ${bandText(b)} 与 ${bandText(next)} 重叠`;
    if (next.min === undefined) return `分段 ${bandText(next)} 与 ${bandText(b)} 重叠`;
    if (next.min < b.max) return `分段 ${bandText(b)} 与 ${bandText(next)} 重叠`;
    if (next.min > b.max) return `分段 ${bandText(b)} 与 ${bandText(next)} 之间留有空档`;
    if (b.maxInclusive && next.minInclusive) return `分段 ${bandText(b)} 与 ${bandText(next)} 在 ${show(b.max)} 处重叠`;
    if (!b.maxInclusive && !next.minInclusive)
      return `分段 ${bandText(b)} 与 ${bandText(next)} 在 ${show(b.max)} 处留有空档`;
  }
  return null;
}

export function show(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const r = Math.round(n * 1e6) / 1e6;
  return String(r);
}

export function bandText(b: Band): string {
  const lo = b.min === undefined ? '(−∞' : `${b.minInclusive ? '[' : '('}${show(b.min)}`;
  const hi = b.max === undefined ? '+∞)' : `${show(b.max)}${b.maxInclusive ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}

/** The most points an item's rule can give (used to check the rule against the item's max). */
function ruleMaxPoints(rule: Rule, itemMax: number): number {
  switch (rule.type) {
    case 'rank':
      return rule.first;
    case 'tiered':
      return Math.max(...rule.bands.map((b) => b.points));
    case 'count':
      if (rule.bands) return Math.max(...rule.bands.map((b) => b.points));
      return rule.cap ?? itemMax;
    default:
      return itemMax;
  }
}

function validateItem(name: string, cat: Category, item: Item): void {
  const where = `类别“${cat.title}”指标“${item.title}”（${item.id}）`;
  const rule = item.rule;
  if (rule.type === 'tiered' || (rule.type === 'count' && rule.bands)) {
    const problem = bandProblem(rule.type === 'tiered' ? rule.bands : (rule.bands as Band[]));
    if (problem) refuse(name, where, problem, `${item.id}.rule.bands`);
  }
  if (rule.type === 'count') {
    const shapes = [rule.per !== undefined, rule.bands !== undefined, rule.kinds !== undefined].filter(Boolean).length;
    if (shapes !== 1)
      refuse(
        name,
        where,
        '计数规则须且只须给出 per（每次分值）、bands（按次数分段）或 kinds（分类计次）之一',
        `${item.id}.rule`,
      );
    if (rule.bands && rule.cap !== undefined) refuse(name, where, '按次数分段时不设 cap', `${item.id}.rule.cap`);
  }
  if (rule.type === 'rank' && rule.floor > rule.first)
    refuse(name, where, '最低分高于第一名得分', `${item.id}.rule.floor`);
  const top = ruleMaxPoints(rule, item.max);
  if (top > item.max + EPS)
    refuse(name, where, `规则最高可得 ${show(top)} 分，超过该项满分 ${show(item.max)} 分`, `${item.id}.rule`);
  if (top < item.max - EPS)
    refuse(name, where, `规则最高只能得 ${show(top)} 分，达不到该项满分 ${show(item.max)} 分`, `${item.id}.max`);
  if (item.group && !cat.groups?.some((g) => g.id === item.group))
    refuse(name, where, `所属分组“${item.group}”未在类别的 groups 中定义`, `${item.id}.group`);
  const mods = new Set<string>();
  for (const m of item.modifiers ?? []) {
    if (mods.has(m.id)) refuse(name, where, `调整条件“${m.id}”重复`, `${item.id}.modifiers`);
    mods.add(m.id);
  }
  if (item.input?.min !== undefined && item.input.max !== undefined && item.input.min > item.input.max)
    refuse(name, where, '输入下限大于上限', `${item.id}.input`);
}

/** Parse and validate a rubric; throws AppError BAD_INPUT naming the rubric, category and item. */
export function validateRubric(raw: unknown, origin = '（未命名）'): Rubric {
  const parsed = rubricSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map(String);
    const field = path.join('.');
    // Name the item (or category) the failing path points into, by its id when present.
    const obj = raw as Record<string, unknown>;
    let where = field ? `字段“${field}”` : '';
    if (path[0] === 'categories' && path[1] !== undefined) {
      const cat = (obj?.categories as Record<string, unknown>[] | undefined)?.[Number(path[1])];
      where = `类别“${String(cat?.title ?? cat?.id ?? path[1])}”`;
      if (path[2] === 'items' && path[3] !== undefined) {
        const item = (cat?.items as Record<string, unknown>[] | undefined)?.[Number(path[3])];
        where += `指标“${String(item?.title ?? item?.id ?? path[3])}”`;
      }
      where += `（字段 ${path.slice(2).join('.') || path.join('.')}）`;
    }
    refuse(String(obj?.id ?? origin), where || '格式', issue.message, field || undefined);
  }
  const r = parsed.data;
  const name = r.id;
  const ids = new Set<string>();
  const seen = (kind: string, i: string) => {
    if (ids.has(i))
      refuse(name, `${kind}“${i}”`, '编号重复（类别、指标、加分、扣分、否决项的编号在一份细则内须唯一）', i);
    ids.add(i);
  };
  const weighted = r.categories.filter((c) => c.weight !== undefined).length;
  if (weighted !== 0 && weighted !== r.categories.length) {
    const c = r.categories.find((x) => x.weight === undefined) as Category;
    refuse(name, `类别“${c.title}”`, '缺少权重（一份细则的类别要么都有权重，要么都没有）', `${c.id}.weight`);
  }
  if (weighted) {
    const sum = r.categories.reduce((s, c) => s + (c.weight ?? 0), 0);
    if (Math.abs(sum - 100) > EPS)
      refuse(
        name,
        '类别权重',
        `合计 ${show(sum)}%，应为 100%（${r.categories.map((c) => `${c.title} ${show(c.weight ?? 0)}%`).join('，')}）`,
        'categories.weight',
      );
  } else {
    const sum = r.categories.reduce((s, c) => s + c.max, 0);
    if (Math.abs(sum - r.maxScore) > EPS)
      refuse(name, '类别满分', `合计 ${show(sum)} 分，与总分 ${show(r.maxScore)} 分不符`, 'maxScore');
  }
  for (const cat of r.categories) {
    seen('类别', cat.id);
    let running = 0;
    for (const item of cat.items) {
      seen('指标', item.id);
      validateItem(name, cat, item);
      if (cat.combine === 'mean') {
        if (Math.abs(item.max - cat.max) > EPS)
          refuse(
            name,
            `类别“${cat.title}”指标“${item.title}”（${item.id}）`,
            `按平均计分的类别中每项满分应等于类别满分 ${show(cat.max)} 分，此项为 ${show(item.max)} 分`,
            `${item.id}.max`,
          );
        continue;
      }
      running += item.max;
      if (running > cat.max + EPS)
        refuse(
          name,
          `类别“${cat.title}”指标“${item.title}”（${item.id}）`,
          `加上此项后类别内满分合计 ${show(running)} 分，超过类别满分 ${show(cat.max)} 分`,
          `${item.id}.max`,
        );
    }
    if (cat.combine === 'sum' && Math.abs(running - cat.max) > EPS)
      refuse(
        name,
        `类别“${cat.title}”`,
        `各项满分合计 ${show(running)} 分，少于类别满分 ${show(cat.max)} 分`,
        `${cat.id}.max`,
      );
    const groupIds = new Set<string>();
    for (const g of cat.groups ?? []) {
      if (groupIds.has(g.id)) refuse(name, `类别“${cat.title}”分组“${g.title}”`, '分组编号重复', g.id);
      groupIds.add(g.id);
      const sum = cat.items.filter((i) => i.group === g.id).reduce((s, i) => s + i.max, 0);
      if (Math.abs(sum - g.max) > EPS)
        refuse(
          name,
          `类别“${cat.title}”分组“${g.title}”`,
          `各项满分合计 ${show(sum)} 分，与分组满分 ${show(g.max)} 分不符`,
          `${g.id}.max`,
        );
    }
    if (cat.groups?.length && cat.items.some((i) => !i.group)) {
      const loose = cat.items.find((i) => !i.group) as Item;
      refuse(
        name,
        `类别“${cat.title}”指标“${loose.title}”（${loose.id}）`,
        '类别设有分组，此项未指明所属分组',
        `${loose.id}.group`,
      );
    }
  }
  for (const b of r.bonuses?.items ?? []) {
    seen('加分项', b.id);
    const lv = new Set<string>();
    for (const l of b.levels) {
      if (lv.has(l.id)) refuse(name, `加分项“${b.title}”`, `等级“${l.id}”重复`, `${b.id}.levels`);
      lv.add(l.id);
      if (l.minPoints !== undefined && l.minPoints > l.points)
        refuse(name, `加分项“${b.title}”等级“${l.title}”`, '最低分高于最高分', `${b.id}.levels`);
    }
  }
  for (const p of r.penalties ?? []) {
    seen('扣分项', p.id);
    if (p.minPer !== undefined && p.minPer > p.per)
      refuse(name, `扣分项“${p.title}”`, '最低扣分高于最高扣分', `${p.id}.minPer`);
  }
  for (const v of r.vetoes ?? []) seen('否决项', v.id);
  if (r.assessors) {
    const sum = r.assessors.reduce((s, a) => s + a.weight, 0);
    if (Math.abs(sum - 100) > EPS)
      refuse(
        name,
        '评分主体权重',
        `合计 ${show(sum)}%，应为 100%（${r.assessors.map((a) => `${a.title} ${show(a.weight)}%`).join('，')}）`,
        'assessors.weight',
      );
    const aIds = new Set<string>();
    for (const a of r.assessors) {
      if (aIds.has(a.id)) refuse(name, `评分主体“${a.title}”`, '编号重复', a.id);
      aIds.add(a.id);
    }
  }
  if (r.grading?.method === 'thresholds') {
    const mins = r.grading.grades.map((g) => g.min);
    for (let i = 1; i < mins.length; i++)
      if ((mins[i] as number) >= (mins[i - 1] as number))
        refuse(
          name,
          `等次“${r.grading.grades[i]?.title}”`,
          '按分数线定等时，等次须按分数线从高到低排列且不重复',
          'grading.grades',
        );
  }
  return r;
}

/** All items of a rubric, in order, with their category. */
export function itemsOf(r: Rubric): { category: Category; item: Item }[] {
  return r.categories.flatMap((category) => category.items.map((item) => ({ category, item })));
}
