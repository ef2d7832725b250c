// Targets (指标): a named quantity to reach, keep or move, read from prose and from indicator tables. Pure.
//
// Prose forms (docs/commitments.md, “指标”), op in brackets:
//   达到X%以上 / 不低于 / 不少于 / 至少 / ≥ (>=)    下降到…以内 / 降至…以下 / 控制在…以下 / 不高于 / 不超过 (<=)
//   低于 (<)   高于 / 超过 (>)   保持在X%左右 / 达到X左右 (~)   达到X / 完成X (>=, a quota to reach)
//   以2020年为基数下降20% (decrease 20 %, baseline year 2020)   X率持续下降 / 逐步提高 (decrease / increase, no value)
//   达到或优于Ⅲ类 / 保持Ⅱ类 (<= on the 地表水 class scale: Ⅱ类 or better)
//   新建地面标准化作业点2个 / 完成…2处智能化综采工作面 (>= a count of things built)
// Not targets: numbers in scope phrases (5岁以下儿童, 35蒸吨/小时以下的燃煤锅炉, 年货运量150万吨以上工矿企业),
// time limits (1个月内), comparisons with an unquantified reference (不低于当地平均生活水平), verb-first
// improvements (提高X率) and qualitative goals (全部消除, 保持稳定).
// Indicator tables: 指标 | 2020年 | 2025年 | 属性 → baseline, target and attribute; a bare number is op '='
// (the plan states a level without a comparator; attainment uses the direction).
import type { Table } from '../gazette/types.ts';
import { foldPunct } from './text.ts';
import type { TargetOp } from './types.ts';

export interface RawTarget {
  name: string;
  unit: string | null;
  op: TargetOp;
  value: number | null;
  year: number | null;
  baselineYear: number | null;
  baselineValue: number | null;
  attribute: 'binding' | 'expected' | null;
  reference: string | null;
  scale: 'water-class' | null;
  /** The phrase read, for provenance. */
  source: string;
  /** Set when a number follows a comparator but its unit cannot be read. */
  unitProblem: string | null;
  /** Source line (table rows), else null (the clause's line). */
  line: number | null;
}

export interface ProseOptions {
  /** Year for targets whose sentence names none (the plan's horizon). */
  planYear: number | null;
  /** Prepended to metric names (a table row's place, e.g. 东畛村). */
  namePrefix?: string;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const BASE_UNITS = [
  '个百分点',
  '微克/立方米',
  '毫克/立方米',
  '毫克/升',
  '吨标准煤',
  '万立方米',
  '立方米',
  '批次',
  '千克',
  '公斤',
  '公顷',
  '万亩',
  '分贝',
  '起',
  '户',
  '%',
  '‰',
  '‱',
  '万千瓦',
  '千瓦',
  '兆瓦',
  '万吨',
  '吨',
  '平方公里',
  '平方米',
  '平米',
  '公里',
  '亩',
  '小时',
  '学时',
  '分钟',
  '亿元',
  '万元',
  '元',
  '万人',
  '个',
  '张',
  '人',
  '名',
  '所',
  '家',
  '座',
  '处',
  '次',
  '辆',
  '项',
  '类',
  '级',
  '倍',
  '天',
  '床',
  '台',
  '套',
  '条',
];
const UNIT = `((?:\\/\\d*万|${BASE_UNITS.join('|')})(?:\\/(?:\\d+万?)?[\\u4e00-\\u9fa5]{1,4}(?:·[\\u4e00-\\u9fa5]{1,4})?)?)`;
const QUAL = '(及以上|以上|及以下|以下|以内|之内|左右|上下)';
const VERBS =
  '下降到|下降至|降低到|降低至|降至|降到|控制在|保持在|稳定在|维持在|提高到|提高至|提升到|提升至|增长到|增加到|达到|到达|达|不低于|不少于|不小于|不高于|不超过|不大于|低于|高于|超过|大于|小于|完成';

const CJK = /[\u4e00-\u9fa5]/;
const DATE_AFTER = /^(?:年|月|日|号|时|岁|周岁|月龄|后|前|多|余)/;

function opOf(verb: string | null, qual: string | null): TargetOp {
  if (qual === '左右' || qual === '上下') return '~';
  if (verb && /^(?:不低于|不少于|不小于)$/.test(verb)) return '>=';
  if (verb && /^(?:不高于|不超过|不大于)$/.test(verb)) return '<=';
  if (verb && /^(?:低于|小于)$/.test(verb)) return '<';
  if (verb && /^(?:高于|超过|大于)$/.test(verb)) return '>';
  if (qual === '以上' || qual === '及以上') return '>=';
  if (qual === '以下' || qual === '及以下' || qual === '以内' || qual === '之内') return '<=';
  if (verb && /^(?:下降到|下降至|降低到|降低至|降至|降到|控制在)$/.test(verb)) return '<=';
  if (verb && /^(?:保持在|稳定在|维持在)$/.test(verb)) return '~';
  return '>=';
}

const LEADING = [
  /^[（(]?\d{1,2}[)）.、．]\s*/,
  /^其中[：:，]?/,
  /^(?:到|至)?\d{4}年(?:底前|底|前|末)?[，]?/,
  /^到“十四五”期末/,
  /^(?:力争|确保|要|并|且|使|实现|推动实现|推动|同时|保障|保证|争取|努力|规划周期内|境内|在|对于|对|使得|以及|和|及|全面|基本|进一步)/,
];
const TRAILING =
  /(?:要|均|应|须|必须|需|继续|稳定|一般|力争|分别|以镇为单位|以乡镇为单位|以乡（镇、街道）为单位|的|并|且|逐步|能够|可以|得以|已|将)+$/;

export function cleanName(raw: string): string {
  let s = raw.replace(/\s+/g, '').replace(/^[，、：；]+/, '');
  for (let i = 0; i < 6; i++) {
    const before = s;
    for (const re of LEADING) s = s.replace(re, '');
    s = s.replace(TRAILING, '');
    if (s === before) break;
  }
  return s.replace(/^[“”"]+$/, '');
}

const TIME_WORD = /^(?:全年|年均|日均|每年|当年|全县|月均|今年|本年)$/;

function core(name: string): string {
  return name.replace(/^(?:日均|年均|月均|全年|每日|每年|调度|当年)+/, '');
}

const TAILS = [
  '规范化管理率',
  '规范管理率',
  '生长迟缓率',
  '低体重率',
  '净入学率',
  '毛入学率',
  '入学率',
  '死亡率',
  '贫血率',
  '近视率',
  '知晓率',
  '控制率',
  '管理率',
  '覆盖率',
  '参保率',
  '普及率',
  '接种率',
  '筛查率',
  '检测率',
  '发病率',
  '患病率',
  '达标率',
  '利用率',
  '断面水质',
  '水质',
  '比例',
  '占比',
  '比重',
];

function tailOf(s: string): string | null {
  for (const t of TAILS) if (s.endsWith(t)) return t;
  return null;
}

/** 新生儿、婴儿和5岁以下儿童死亡率 → 新生儿死亡率, 婴儿死亡率, 5岁以下儿童死亡率. */
export function distributeNames(subject: string): string[] {
  const items = subject
    .split(/[、]|和|及|与/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (items.length <= 1) return items;
  const last = items[items.length - 1] as string;
  const lastTail = tailOf(last);
  const first = items[0] as string;
  const firstTail = tailOf(first);
  const prefix = firstTail && first.length > firstTail.length ? first.slice(0, first.length - firstTail.length) : '';
  return items.map((it, k) => {
    const t = tailOf(it);
    if (!t && lastTail) return (it + lastTail).replace(/断面断面/, '断面');
    if (k > 0 && t === it && prefix) return prefix + it;
    return it;
  });
}

function numberValue(s: string): number {
  return Number(s);
}

const ROMAN: Record<string, number> = { Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, Ⅳ: 4, Ⅴ: 5, I: 1, II: 2, III: 3, IV: 4, V: 5 };

interface Span {
  start: number;
  end: number;
}

interface Seg {
  text: string;
  /** Offset of the segment in its sentence. */
  offset: number;
}

function overlaps(spans: Span[], s: Span): boolean {
  return spans.some((x) => s.start < x.end && x.start < s.end);
}

/** Explicit target year named before `index` in a sentence (到2025年, 2023年…), not a base year. */
function yearBefore(sentence: string, index: number): number | null {
  let year: number | null = null;
  const head = sentence.slice(0, index);
  for (const m of head.matchAll(/(\d{4})\s*年(?!为基数|度)/g)) {
    const at = m.index ?? 0;
    const open =
      head.lastIndexOf('《', at) > head.lastIndexOf('》', at) ||
      head.lastIndexOf('〔', at) > head.lastIndexOf('〕', at);
    if (open) continue;
    if (/以$/.test(head.slice(Math.max(0, at - 1), at))) continue;
    year = Number(m[1]);
  }
  return year;
}

function blank(): Omit<RawTarget, 'name' | 'op' | 'value' | 'unit' | 'source'> {
  return {
    year: null,
    baselineYear: null,
    baselineValue: null,
    attribute: null,
    reference: null,
    scale: null,
    unitProblem: null,
    line: null,
  };
}

const COMPARATOR_RE = new RegExp(
  `(分别|均)?(?:(${VERBS})([\\u4e00-\\u9fa5]{0,8}?))?${NUM}(?!\\d)${UNIT}?${QUAL}?`,
  'g',
);
const EACH_RE = new RegExp(`均(${VERBS})${NUM}(?!\\d)${UNIT}?${QUAL}?`, 'g');
const VALUE_RE = new RegExp(`${NUM}\\s*${UNIT}?`, 'g');
const ADVERB = /持续|逐步|不断|稳步|明显|显著|进一步|逐年/;
const CLASS_CHAR = /[ⅠⅡⅢⅣⅤ]|[IV]类/;
const GAP_VERBS = /^(?:不低于|不少于|不高于|不超过|低于|高于|超过|达到)$/;
const RELATIVE_RE = new RegExp(`以(\\d{4})年为基数(下降|降低|减少|提高|增长|增加|上升)${NUM}(%|个百分点)`, 'g');
const CLASS_RE =
  /(达到或优于|达到或好于|稳定保持|稳定达到|稳定达|优于|达到|保持|达)(?:地表水)?(Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ|III|II|IV|I|V)类(水质)?/g;
const MULTI_RE = new RegExp(
  `(分别|均)(${VERBS})((?:${NUM}\\s*${UNIT}?\\s*[、和及]\\s*)+${NUM}\\s*${UNIT}?)${QUAL}?`,
  'g',
);
const ATLEAST_RE = new RegExp(
  `至少(?:要)?(?:有|配备|设有|开展|组织|建设|建成)?${NUM}${UNIT}([^，。；]{0,30}?)(?=[，。；]|$)`,
  'g',
);
const ENSURE_RE = new RegExp(`^(?:确保|力争)([\\u4e00-\\u9fa5“”]{2,14}?)${NUM}${UNIT}$`);
const BUILD_A_RE = new RegExp(
  `(新建|建成)([\\u4e00-\\u9fa5“”]{2,14}?)${NUM}(个|座|处|所|家|台|套|条)(?=[，。；]|$)`,
  'g',
);
const BUILD_CONT_RE = new RegExp(`^([\\u4e00-\\u9fa5“”]{2,14}?)${NUM}(个|座|处|所|家|台|套|条)$`);
const BUILD_B_RE = new RegExp(
  `(完成|推动|建成)[^，。；]*?${NUM}(座|处|个|所)([\\u4e00-\\u9fa5“”]{2,30}?)(?=[，。；]|$)`,
  'g',
);
const BUILD_B_CONT_RE = new RegExp(`^[^，。；]*?${NUM}(座|处)([\\u4e00-\\u9fa5“”]{2,30}?)$`);
const DIRECTION_RE =
  /([^，。；]{2,40}?(?:率|比例|比重|占比|人数|寿命|数量))(持续|逐步|不断|稳步|明显|显著|进一步|逐年)(提高|增加|增长|上升|提升|下降|降低|减少)/g;

/** Split a text into sentences (。；！？, line breaks and (1) enumerators) and each sentence into comma segments. */
function sentences(text: string): string[] {
  return foldPunct(text)
    .replace(/<[^>]+>/g, '')
    .split(/[。！？；\n]|(?=[（(]\d{1,2}[)）])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function segments(sentence: string): Seg[] {
  const out: Seg[] = [];
  let offset = 0;
  for (const part of sentence.split('，')) {
    out.push({ text: part, offset });
    offset += part.length + 1;
  }
  return out;
}

/** Targets stated in a piece of prose. Never throws. */
export function proseTargets(text: string, opts: ProseOptions): RawTarget[] {
  const out: RawTarget[] = [];
  for (const sentence of sentences(text)) {
    const inSentence: RawTarget[] = [];
    let prevBuild: 'A' | 'B' | null = null;
    let prevBuildVerb = '';
    let prevPlain: string | null = null;
    for (const seg of segments(sentence)) {
      const found = segmentTargets(seg, sentence, opts, inSentence, prevPlain, prevBuild, prevBuildVerb);
      if (found.build) {
        prevBuild = found.build;
        prevBuildVerb = found.buildVerb;
      } else if (found.targets.length > 0) prevBuild = null;
      prevPlain = found.targets.length === 0 ? seg.text : null;
      inSentence.push(...found.targets);
    }
    out.push(...inSentence);
  }
  if (opts.namePrefix) for (const t of out) if (!t.name.startsWith(opts.namePrefix)) t.name = opts.namePrefix + t.name;
  return out;
}

function segmentTargets(
  seg: Seg,
  sentence: string,
  opts: ProseOptions,
  earlier: RawTarget[],
  prevPlain: string | null,
  prevBuild: 'A' | 'B' | null,
  prevBuildVerb: string,
): { targets: RawTarget[]; build: 'A' | 'B' | null; buildVerb: string } {
  const s = seg.text;
  const hasDigit = /\d/.test(s);
  if (!hasDigit && !ADVERB.test(s) && !CLASS_CHAR.test(s)) return { targets: [], build: null, buildVerb: '' };
  const used: Span[] = [];
  const found: RawTarget[] = [];
  let build: 'A' | 'B' | null = null;
  let buildVerb = '';
  const year = (idx: number) => yearBefore(sentence, seg.offset + idx) ?? opts.planYear;
  const nameFor = (before: string): string => {
    const n = cleanName(before);
    if (n && !TIME_WORD.test(n)) return n;
    const prev = found[found.length - 1];
    if (!prev && prevPlain)
      return cleanName(prevPlain.replace(/^(?:提高|提升|降低|推进|加强|扩大|增加|减少|巩固|控制)/, ''));
    const last = prev ?? earlier[earlier.length - 1];
    if (last) return (n && TIME_WORD.test(n) ? n : '') + core(last.name);
    return n;
  };

  // 1. relative to a base year
  for (const m of hasDigit && s.includes('基数') ? s.matchAll(RELATIVE_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    used.push(span);
    const decrease = /下降|降低|减少/.test(m[2] as string);
    found.push({
      ...blank(),
      name: nameFor(s.slice(0, span.start)),
      unit: m[4] as string,
      op: decrease ? 'decrease' : 'increase',
      value: numberValue(m[3] as string),
      year: year(span.start),
      baselineYear: Number(m[1]),
      source: s.slice(0, span.end),
    });
  }

  // 2. water-quality class
  for (const m of CLASS_CHAR.test(s) ? s.matchAll(CLASS_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    const after = s.slice(span.end);
    const before = s.slice(0, span.start);
    if (/（$/.test(before) || (after && CJK.test(after[0] as string) && !m[3])) continue;
    if (overlaps(used, span)) continue;
    used.push(span);
    const value = ROMAN[m[2] as string] ?? null;
    const subject = cleanName(before.replace(/^.*?其中/, ''));
    if (!subject) continue;
    const names =
      /和/.test(subject) && subject.split('和').every((x) => /断面|点位/.test(x))
        ? distributeNames(subject)
        : [subject];
    for (let n of names) {
      if (/(?:断面|点位)$/.test(n)) n += '水质';
      found.push({
        ...blank(),
        name: n,
        unit: '类',
        op: '<=',
        value,
        year: year(span.start),
        scale: 'water-class',
        source: s.slice(0, span.end),
      });
    }
  }

  // 3. several values for several names: A、B和C分别降至x、y和z以下 / A、B均保持在x以上
  for (const m of hasDigit && (s.includes('分别') || s.includes('均')) ? s.matchAll(MULTI_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (overlaps(used, span)) continue;
    const subject = cleanName(s.slice(0, span.start));
    const values = [...(m[3] as string).matchAll(VALUE_RE)].map((v) => ({
      value: numberValue(v[1] as string),
      unit: v[2] ?? null,
    }));
    const lastUnit = values[values.length - 1]?.unit ?? null;
    const names = distributeNames(subject);
    const qual = m[m.length - 1] ?? null;
    const op = opOf(m[2] as string, qual);
    if (m[1] === '分别' && names.length !== values.length) continue;
    used.push(span);
    const pairs =
      m[1] === '分别' ? names.map((n, k) => ({ n, v: values[k] })) : names.map((n) => ({ n, v: values[0] }));
    for (const { n, v } of pairs) {
      if (!v) continue;
      found.push({
        ...blank(),
        name: n,
        unit: v.unit ?? lastUnit,
        op,
        value: v.value,
        year: year(span.start),
        source: s.slice(0, span.end),
      });
    }
  }
  // 均 with a single value: 小学、初中阶段净入学率均保持在99.95%以上
  for (const m of s.includes('均') ? s.matchAll(EACH_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (overlaps(used, span)) continue;
    const subject = cleanName(s.slice(0, span.start));
    if (!/[、和]/.test(subject)) continue;
    used.push(span);
    const ref = null;
    for (const n of distributeNames(subject)) {
      found.push({
        ...blank(),
        name: n,
        unit: m[3] ?? null,
        op: opOf(m[1] as string, m[4] ?? null),
        value: numberValue(m[2] as string),
        year: year(span.start),
        reference: ref,
        source: s.slice(0, span.end),
      });
    }
  }

  // 4. one comparator: 达到90%以上, 不少于2.69万吨, 低于本省平均水平3%及以上
  const cre = COMPARATOR_RE;
  cre.lastIndex = 0;
  for (let m = hasDigit ? cre.exec(s) : null; m; m = cre.exec(s)) {
    const start = m.index;
    // a rejected match must not hide a later one that starts inside it (完成率达到80%: 完成 is no comparator here)
    cre.lastIndex = start + 1;
    const span = { start, end: start + m[0].length };
    if (overlaps(used, span)) continue;
    const verb = m[2] ?? null;
    const gap = m[3] ?? '';
    const value = m[4] as string;
    const unit = m[5] ?? null;
    const qual = m[6] ?? null;
    const after = s.slice(span.end);
    const prevChar = s[start - 1] ?? '';
    const numStart = span.start + (m[1]?.length ?? 0) + (verb?.length ?? 0) + gap.length;
    if (/[\d.—\-～~/]/.test(s[numStart - 1] ?? '') || /^[—\-～~]\d/.test(s.slice(numStart + value.length))) continue; // ranges, codes
    if (/[\d.]$/.test(prevChar) && !verb) continue;
    if (!verb && !qual) continue;
    if (gap && !(verb && GAP_VERBS.test(verb))) continue;
    if (DATE_AFTER.test(s.slice(numStart + value.length))) continue;
    if (!unit && !qual) {
      const next = after[0] ?? '';
      if (next && CJK.test(next)) {
        found.push({
          ...blank(),
          name: nameFor(s.slice(0, start)),
          unit: null,
          op: opOf(verb, null),
          value: numberValue(value),
          year: year(start),
          source: s.slice(0, span.end + 2),
          unitProblem: s.slice(numStart, span.end + 4),
        });
        used.push(span);
      }
      continue;
    }
    // attributive scope phrase: 150万吨以上工矿企业, 30%以上的村, 尘肺病患者达100人以上的镇, 超过50人的企业
    if (after && CJK.test(after[0] as string) && (!verb || qual || after.startsWith('的'))) continue;
    used.push(span);
    let reference: string | null = null;
    const objAfter = /^([\u4e00-\u9fa5“”]{2,20})/.exec(after);
    let name =
      !cleanName(s.slice(0, start)) && objAfter
        ? (objAfter[1] as string).replace(/的.*$/, '')
        : nameFor(s.slice(0, start));
    if (gap) {
      if (/平均水平$|平均值$/.test(gap)) reference = gap;
      else name = cleanName(s.slice(0, start)) + gap;
    }
    found.push({
      ...blank(),
      name,
      unit,
      op: opOf(verb, qual),
      value: numberValue(value),
      year: year(start),
      reference,
      source: s.slice(0, span.end),
    });
  }

  // 5. 至少: 每个社区至少有1所社区卫生服务机构
  for (const m of hasDigit && s.includes('至少') ? s.matchAll(ATLEAST_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (overlaps(used, span)) continue;
    used.push(span);
    const subject = cleanName(s.slice(0, span.start).replace(/(?:配备|设有|有)$/, ''));
    const obj = (m[3] ?? '').replace(/^的/, '');
    found.push({
      ...blank(),
      name: subject + obj,
      unit: m[2] as string,
      op: '>=',
      value: numberValue(m[1] as string),
      year: year(span.start),
      source: s.slice(0, span.end),
    });
  }

  // 6. 确保新增产能300万吨/年
  const ensure = hasDigit ? ENSURE_RE.exec(s) : null;
  if (ensure && !overlaps(used, { start: 0, end: s.length })) {
    used.push({ start: 0, end: s.length });
    found.push({
      ...blank(),
      name: ensure[1] as string,
      unit: ensure[3] as string,
      op: '>=',
      value: numberValue(ensure[2] as string),
      year: year(0),
      source: s,
    });
  }

  // 7. things to build: 新建地面标准化作业点2个，高山烟炉1座 / 完成…2处智能化综采工作面
  for (const m of hasDigit && (s.includes('新建') || s.includes('建成')) ? s.matchAll(BUILD_A_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (overlaps(used, span)) continue;
    used.push(span);
    build = 'A';
    buildVerb = m[1] as string;
    found.push({
      ...blank(),
      name: `${m[1]}${m[2]}`,
      unit: m[4] as string,
      op: '>=',
      value: numberValue(m[3] as string),
      year: year(span.start),
      source: m[0],
    });
  }
  if (!build && prevBuild === 'A') {
    const c = BUILD_CONT_RE.exec(s);
    if (c && !overlaps(used, { start: 0, end: s.length })) {
      used.push({ start: 0, end: s.length });
      build = 'A';
      buildVerb = prevBuildVerb;
      found.push({
        ...blank(),
        name: `${prevBuildVerb}${c[1]}`,
        unit: c[3] as string,
        op: '>=',
        value: numberValue(c[2] as string),
        year: year(0),
        source: s,
      });
    }
  }
  for (const m of hasDigit ? s.matchAll(BUILD_B_RE) : []) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (overlaps(used, span)) continue;
    used.push(span);
    build = 'B';
    found.push({
      ...blank(),
      name: (m[4] as string).replace(/^达/, ''),
      unit: m[3] as string,
      op: '>=',
      value: numberValue(m[2] as string),
      year: year(span.start),
      source: m[0],
    });
  }
  if (!build && prevBuild === 'B') {
    const c = BUILD_B_CONT_RE.exec(s);
    if (c && !overlaps(used, { start: 0, end: s.length })) {
      used.push({ start: 0, end: s.length });
      build = 'B';
      found.push({
        ...blank(),
        name: c[3] as string,
        unit: c[2] as string,
        op: '>=',
        value: numberValue(c[1] as string),
        year: year(0),
        source: s,
      });
    }
  }

  // 8. direction only: 儿童溺水死亡率持续下降
  if (found.length === 0 && ADVERB.test(s)) {
    for (const m of s.matchAll(DIRECTION_RE)) {
      const rest = s.slice((m.index ?? 0) + m[0].length);
      if (/\d/.test(rest)) continue;
      const name = cleanName(m[1] as string);
      if (!name || /^(?:提高|提升|降低|减少|增加|扩大)/.test(name)) continue;
      const down = /下降|降低|减少/.test(m[3] as string);
      found.push({
        ...blank(),
        name,
        unit: null,
        op: down ? 'decrease' : 'increase',
        value: null,
        year: year(m.index ?? 0),
        source: m[0],
      });
    }
  }
  return { targets: found.filter((t) => t.name.length > 0), build, buildVerb };
}

/** Parse an indicator-table value cell: 5以内, ≥95, 90, 持续增长, Ⅱ类. */
export function parseValueCell(
  cell: string,
): { op: TargetOp; value: number | null; scale: 'water-class' | null; baseYear?: number } | null {
  const s = foldPunct(cell)
    .replace(/\s/g, '')
    .replace(/\$|\\geq|\\leq/g, (x) => (x === '\\geq' ? '≥' : x === '\\leq' ? '≤' : ''));
  if (!s) return null;
  if (/^(?:持续|逐步|稳步|不断)?(?:增长|增加|提高|提升|上升)$/.test(s))
    return { op: 'increase', value: null, scale: null };
  if (/^(?:持续|逐步|稳步|不断)?(?:下降|降低|减少)$/.test(s)) return { op: 'decrease', value: null, scale: null };
  const rel = /^以(\d{4})年为基数(下降|降低|减少|提高|增长|增加)(\d+(?:\.\d+)?)%?$/.exec(s);
  if (rel)
    return {
      op: /下降|降低|减少/.test(rel[2] as string) ? 'decrease' : 'increase',
      value: Number(rel[3]),
      scale: null,
      baseYear: Number(rel[1]),
    };
  const cls = /^(?:达到|优于)?(Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ|III|II|IV|I|V)类$/.exec(s);
  if (cls) return { op: '<=', value: ROMAN[cls[1] as string] ?? null, scale: 'water-class' };
  const m =
    /^(≥|>=|≤|<=|＜|<|＞|>|不低于|不少于|不高于|不超过|低于|高于)?(\d+(?:\.\d+)?)(%|‰)?(以上|以下|以内|左右)?$/.exec(s);
  if (!m) return null;
  const sign = m[1] ?? '';
  const qual = m[4] ?? null;
  let op: TargetOp = '=';
  if (/^(?:≥|>=|不低于|不少于)$/.test(sign)) op = '>=';
  else if (/^(?:≤|<=|不高于|不超过)$/.test(sign)) op = '<=';
  else if (/^(?:＜|<|低于)$/.test(sign)) op = '<';
  else if (/^(?:＞|>|高于)$/.test(sign)) op = '>';
  else if (qual) op = opOf(null, qual);
  return { op, value: Number(m[2]), scale: null };
}

/** Is this an indicator table (a name column and at least one year column)? */
export function isIndicatorTable(t: Table): boolean {
  const h = t.header.map((x) => x.replace(/\s/g, ''));
  return (
    h.some((x) => /\d{4}年/.test(x)) &&
    h.some((x) => /指标|断面名称|名称/.test(x)) &&
    !h.some((x) => /责任单位|牵头单位/.test(x))
  );
}

/** Targets of an indicator table: 指标 | 2020年 | 2025年 | 属性, or 断面名称 … | 2023年目标. */
export function tableTargets(
  t: Table,
  planYear: number | null,
): { targets: RawTarget[]; problems: { line: number; message: string }[] } {
  const h = t.header.map((x) => x.replace(/\s/g, ''));
  const yearCols = h.map((x, i) => ({ i, y: /(\d{4})年/.exec(x) })).filter((x) => x.y) as {
    i: number;
    y: RegExpExecArray;
  }[];
  const nameCol =
    h.findIndex((x) => /断面名称/.test(x)) >= 0
      ? h.findIndex((x) => /断面名称/.test(x))
      : h.findIndex((x) => /指标|名称/.test(x));
  const attrCol = h.findIndex((x) => /属性/.test(x));
  const targets: RawTarget[] = [];
  const problems: { line: number; message: string }[] = [];
  if (yearCols.length === 0 || nameCol < 0) return { targets, problems };
  const targetCol = yearCols[yearCols.length - 1] as { i: number; y: RegExpExecArray };
  const baseCol = yearCols.length > 1 ? yearCols[0] : null;
  const waterClass = h[nameCol]?.includes('断面');
  t.rows.forEach((row, k) => {
    const line = t.rowLines[k] ?? t.headerLine;
    const filled = row.filter((c) => c.trim());
    if (filled.length <= 1) return; // group row (健康水平) or note
    const rawName = (row[nameCol] ?? '').trim();
    const cell = (row[targetCol.i] ?? '').trim();
    if (!rawName) return;
    const parsed = parseValueCell(cell);
    let name = rawName.replace(/^[（(]\d+[)）]\s*/, '').replace(/^其中[：:]\s*/, '');
    let unit: string | null = null;
    const u = /\s*[（(]([^（）()]{1,8})[)）]\s*$/.exec(name);
    if (u) {
      unit = (u[1] as string).trim();
      name = name.slice(0, u.index).trim();
    }
    if (waterClass) name = `${name}断面水质`;
    if (!parsed) {
      problems.push({ line, message: `“${name}”的目标值“${cell}”无法识别` });
      return;
    }
    if (parsed.scale) unit = '类';
    else if (!unit) {
      const inCell = /(%|‰)/.exec(cell);
      unit = inCell ? (inCell[1] as string) : null;
      if (!unit) problems.push({ line, message: `“${name}”没有计量单位（指标名称后应有括号注明单位）` });
    }
    const baseCell = baseCol ? (row[baseCol.i] ?? '').trim() : '';
    const baseValue = baseCell && /^\d+(?:\.\d+)?$/.test(baseCell) ? Number(baseCell) : null;
    const baseYear = parsed.baseYear ?? (baseCol ? Number(baseCol.y[1]) : null);
    const attr = attrCol >= 0 ? (row[attrCol] ?? '').trim() : '';
    targets.push({
      ...blank(),
      name: name.replace(/\s+/g, ''),
      unit,
      op: parsed.op,
      value: parsed.value,
      year: Number(targetCol.y[1]) || planYear,
      baselineYear: baseYear,
      baselineValue: parsed.baseYear ? null : baseValue,
      attribute: /约束/.test(attr) ? 'binding' : /预期/.test(attr) ? 'expected' : null,
      scale: parsed.scale,
      source: row.join(' | '),
      line,
    });
  });
  return { targets, problems };
}

const LOWER_IS_BETTER =
  /死亡率|发病率|患病率|患龋率|近视率|贫血率|迟缓率|低体重率|吸烟率|传播率|降尘|排放|污染物|文盲|辍学|犯罪|超重|肥胖|自付|外转率|事故|人工流产|剖宫产|摄入量|伤害|不良事件|水质|感染率|欠薪|投诉/;
const HIGHER_IS_BETTER = /率|比例|比重|占比|人数|数$|覆盖|寿命|水平|经费|产量|产能|面积|床位|个数|数量/;

/** Higher or lower is better: from the comparator first, then from the metric's name. */
export function inferDirection(name: string, op: TargetOp): 'higher' | 'lower' | null {
  if (op === '<=' || op === '<' || op === 'decrease') return 'lower';
  if (op === '>=' || op === '>' || op === 'increase') return 'higher';
  if (LOWER_IS_BETTER.test(name)) return 'lower';
  if (HIGHER_IS_BETTER.test(name)) return 'higher';
  return null;
}
