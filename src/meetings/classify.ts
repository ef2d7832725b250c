// The 三重一大 classifier: a topic's text against the list of the 附件 of 襄政发〔2023〕7号 (《襄垣县人民政府常务会议
// “三重一大”事项》: 一、重大事项决策 11 items, 二、重要人事任免 5, 三、重大项目安排 3, 四、大额资金安排 3). Pure.
//
// Every item is data: its printed text, its citation (附件 四、2.) and the cues that recognise it. A match says which
// cue fired ("因为…"), so a reviewer can check it. Two strengths:
//   match     the text names what the item names (e.g. 追加预算 of 150万元 ≥ 100万 → 四、2.);
//   possible  the text is near an item whose edge the 附件 does not draw (其他大额资金的使用 has no amount; we note
//             any use of funds ≥ 100万元, the only figure the 附件 gives) — a person decides.
// "100万以上" includes 100万 itself: in Chinese legal usage 以上 includes the number (《刑法》第九十九条 states
// the convention; 《民法典》第一千二百五十九条 the same for 以上/以下). See docs/meetings.md.

export type SzCategory = 'decision' | 'personnel' | 'project' | 'funds';

export const CATEGORY_LABELS: Record<SzCategory, string> = {
  decision: '重大事项决策',
  personnel: '重要人事任免',
  project: '重大项目安排',
  funds: '大额资金安排',
};

const CATEGORY_NUMERALS: Record<SzCategory, string> = { decision: '一', personnel: '二', project: '三', funds: '四' };

/** 100万元: the threshold of 附件 四、2. (需动用预备费及调整追加县级预算100万以上的资金使用申请). */
export const LARGE_AMOUNT_YUAN = 1_000_000;

export interface SzItem {
  category: SzCategory;
  /** Number within the category as printed (1–11, 1–5, 1–3, 1–3). */
  number: number;
  /** The item's text as printed in the 附件. */
  text: string;
}

/** The 附件 as printed (22 items). */
export const SZ_ITEMS: readonly SzItem[] = Object.freeze([
  {
    category: 'decision',
    number: 1,
    text: '传达学习习近平新时代中国特色社会主义思想和习近平总书记重要讲话重要指示批示精神，传达学习党的路线方针政策、重要法律法规以及上级重大决策、重要部署、重要文件、重要会议等精神，并结合实际提出贯彻实施的方案、措施。',
  },
  { category: 'decision', number: 2, text: '县人民政府年度工作计划、重大工作部署、重大活动安排等。' },
  {
    category: 'decision',
    number: 3,
    text: '全县经济和社会发展等方面的重大问题、重大政策和重要规划；涉及全局性机制、体制、制度改革方面的重大事项，重要规章制度的制定、修改、变更和废除。',
  },
  {
    category: 'decision',
    number: 4,
    text: '向县委、县人大及时常委会报告和向县政协通报的重要事项；提请县人民代表大会审议的政府工作报告草案和提请县人大常委会审定的议案。',
  },
  { category: 'decision', number: 5, text: '政府自身建设重大问题以及重要规范性文件。' },
  { category: 'decision', number: 6, text: '县人民政府班子成员分工调整。' },
  {
    category: 'decision',
    number: 7,
    text: '县属资源、资产、资金等“三资”管理的设立、调整、产权变更，县属国企的改制、重组、兼并收购、产权股权转让等，大宗物资的采购或处置等。',
  },
  { category: 'decision', number: 8, text: '国有土地供应计划、储备计划以及具体执行情况报告等。' },
  { category: 'decision', number: 9, text: '责任事故、突发事件等事关社会安全稳定重大问题的处置和应对方案。' },
  {
    category: 'decision',
    number: 10,
    text: '对经济社会发展有重大影响、涉及重大公共利益或者涉及人民群众、社会公众切身利益的其他重大事项。',
  },
  { category: 'decision', number: 11, text: '其他重大决策事项。' },
  { category: 'personnel', number: 1, text: '向县人大常委会提请的县政府副县长任免事项。' },
  { category: 'personnel', number: 2, text: '向县人大常委会提请的县政府工作部门正职任免事项。' },
  { category: 'personnel', number: 3, text: '下属单位副科级以上领导干部的任免等事项。' },
  { category: 'personnel', number: 4, text: '县属国有重点企业领导人员的任免、聘用、解除聘用等。' },
  { category: 'personnel', number: 5, text: '其他重要的干部人事工作。' },
  { category: 'project', number: 1, text: '全县重点工程项目，县财政投资项目重大变更等。' },
  { category: 'project', number: 2, text: '县属国有企业或控股、参股企业的重大项目安排。' },
  { category: 'project', number: 3, text: '其他应由集体决策的重大项目安排。' },
  { category: 'funds', number: 1, text: '向人大常委会提请的年度县级财政预算、决算的草案。' },
  { category: 'funds', number: 2, text: '需动用预备费及调整追加县级预算100万以上的资金使用申请。' },
  { category: 'funds', number: 3, text: '其他大额资金的使用。' },
]);

export function szCitation(category: SzCategory, number: number): string {
  return `襄政发〔2023〕7号附件 ${CATEGORY_NUMERALS[category]}、${number}.`;
}

// ---------------------------------------------------------------------------------------------------------
// Amounts

export interface Amount {
  /** As written, e.g. “150万元”, “1.2亿元”, “三百万元”, “2,000,000元”. */
  text: string;
  yuan: number;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral below 10 000 (三百、一千二百五十、十五); NaN when it is not one. */
export function chineseNumber(text: string): number {
  if (!text) return Number.NaN;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch] as number;
    } else if (ch in CN_UNITS) {
      total += (digit ?? 1) * (CN_UNITS[ch] as number);
      digit = null;
    } else {
      return Number.NaN;
    }
  }
  return total + (digit ?? 0);
}

const AMOUNT_RE = /(\d[\d,，]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(亿|万)?\s*(元)/g;
const AMOUNT_WAN_RE = /(\d[\d,，]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(亿|万)(?!元)/g;

/**
 * Money amounts in a text: a number (Arabic with thousands separators or decimals, or a Chinese numeral below
 * 10 000) followed by 亿/万 and/or 元. “100万以上” (no 元, as the 附件 itself writes) counts; a bare number
 * without 万/亿/元 does not (it may be a count of people or a year).
 */
export function parseAmounts(text: string): Amount[] {
  const out: Amount[] = [];
  const seen = new Set<number>();
  const take = (m: RegExpExecArray, unit: string | undefined) => {
    if (seen.has(m.index)) return;
    const raw = m[1] as string;
    const base = /^\d/.test(raw) ? Number(raw.replace(/[,，]/g, '')) : chineseNumber(raw);
    if (!Number.isFinite(base)) return;
    const factor = unit === '亿' ? 100_000_000 : unit === '万' ? 10_000 : 1;
    seen.add(m.index);
    out.push({ text: m[0].replace(/\s+/g, ''), yuan: Math.round(base * factor) });
  };
  for (const m of text.matchAll(AMOUNT_RE)) take(m as RegExpExecArray, m[2]);
  for (const m of text.matchAll(AMOUNT_WAN_RE)) take(m as RegExpExecArray, m[2]);
  return out.sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));
}

/** 1500000 → “150万元”, 120000000 → “1.2亿元”. */
export function formatYuan(yuan: number): string {
  if (yuan >= 100_000_000) return `${+(yuan / 100_000_000).toFixed(4)}亿元`;
  if (yuan >= 10_000) return `${+(yuan / 10_000).toFixed(4)}万元`;
  return `${yuan}元`;
}

// ---------------------------------------------------------------------------------------------------------
// Cues

type Strength = 'match' | 'possible';

interface Cue {
  category: SzCategory;
  number: number;
  strength: Strength;
  /** Returns the reason (Chinese, quoting what was found) or null. */
  test: (text: string, amounts: readonly Amount[]) => string | null;
}

/** The first of the words found in the text, or null. */
function firstWord(text: string, words: readonly string[]): string | null {
  for (const w of words) if (text.includes(w)) return w;
  return null;
}

/** All groups must be present (one word of each): returns the words found, or null. */
function allOf(text: string, ...groups: (readonly string[])[]): string[] | null {
  const found: string[] = [];
  for (const g of groups) {
    const w = firstWord(text, g);
    if (w === null) return null;
    found.push(w);
  }
  return found;
}

const quote = (words: readonly string[]) => words.map((w) => `“${w}”`).join('、');

function words(category: SzCategory, number: number, strength: Strength, ...groups: (readonly string[])[]): Cue {
  return {
    category,
    number,
    strength,
    test: (text) => {
      const found = allOf(text, ...groups);
      return found ? `议题含有${quote(found)}` : null;
    },
  };
}

const APPOINT = ['任免', '任命', '免去', '免职', '提名', '聘任', '聘用', '解聘', '解除聘用'];
const SOE = ['国有企业', '国企', '县属企业', '国有控股', '国有独资', '国有公司', '投资公司', '集团公司'];

const CUES: readonly Cue[] = [
  words('decision', 1, 'match', ['传达学习', '学习贯彻', '传达贯彻']),
  words('decision', 2, 'match', ['年度工作计划', '工作要点', '重大工作部署', '重大活动安排', '重大活动']),
  words('decision', 3, 'match', [
    '发展规划',
    '专项规划',
    '总体规划',
    '重要规划',
    '重大政策',
    '体制改革',
    '机制改革',
    '制度改革',
    '规章制度',
  ]),
  words('decision', 4, 'match', ['政府工作报告', '议案', '向县委报告', '向县人大', '向县政协通报']),
  words('decision', 5, 'match', ['规范性文件', '政府自身建设']),
  words('decision', 6, 'match', ['分工调整', '工作分工']),
  words('decision', 7, 'match', [
    '三资',
    '国有资产',
    '资产处置',
    '产权变更',
    '改制',
    '重组',
    '兼并',
    '收购',
    '股权转让',
    '产权转让',
    '大宗物资',
  ]),
  words('decision', 8, 'match', ['土地供应计划', '土地储备计划', '国有土地供应', '土地储备', '供地计划']),
  words(
    'decision',
    9,
    'match',
    ['责任事故', '突发事件', '安全事故', '生产安全事故', '事故', '社会稳定'],
    ['处置', '应对', '方案', '预案'],
  ),
  words('decision', 10, 'match', ['重大公共利益', '切身利益', '重大民生', '社会公众']),
  words('personnel', 1, 'match', ['副县长'], APPOINT),
  words('personnel', 2, 'match', ['局长', '主任', '部门正职', '正职'], APPOINT),
  words('personnel', 3, 'match', ['副科级', '科级', '领导干部'], APPOINT),
  words('personnel', 4, 'match', SOE, ['董事长', '总经理', '领导人员', '负责人', '高管'], APPOINT),
  words('personnel', 5, 'possible', ['干部', '人事'], ['调整', '任用', '选拔', '考核']),
  words('project', 1, 'match', ['重点工程', '重点项目', '财政投资项目'], ['项目', '工程', '变更', '建设']),
  words('project', 2, 'match', SOE, ['重大项目', '投资项目', '项目安排', '项目']),
  words('project', 3, 'possible', ['重大项目', '项目安排']),
  words('funds', 1, 'match', ['财政预算', '县级预算', '预算草案', '决算草案', '预算', '决算'], ['草案', '年度']),
  {
    category: 'funds',
    number: 2,
    strength: 'match',
    test: (text, amounts) => {
      if (text.includes('预备费')) {
        const big = amounts.find((a) => a.yuan >= LARGE_AMOUNT_YUAN);
        return `议题涉及动用“预备费”${big ? `（${big.text}）` : ''}：附件 四、2. 对动用预备费不设金额下限`;
      }
      const adjust = allOf(text, ['追加', '调整', '调增', '调剂'], ['预算', '资金']);
      if (!adjust) return null;
      const big = amounts.filter((a) => a.yuan >= LARGE_AMOUNT_YUAN);
      if (!big.length) return null;
      const top = big.reduce((a, b) => (b.yuan > a.yuan ? b : a));
      return `议题含有${quote(adjust)}，金额 ${top.text}（${formatYuan(top.yuan)}）达到 100万元（“100万以上”含本数）`;
    },
  },
  {
    category: 'funds',
    number: 3,
    strength: 'possible',
    test: (text, amounts) => {
      const use = firstWord(text, ['资金', '经费', '拨付', '补助', '奖补', '投资', '支出']);
      if (!use) return null;
      const big = amounts.filter((a) => a.yuan >= LARGE_AMOUNT_YUAN);
      if (!big.length) return null;
      const top = big.reduce((a, b) => (b.yuan > a.yuan ? b : a));
      return `议题涉及“${use}”，金额 ${top.text}（${formatYuan(top.yuan)}）：附件未规定“大额”的标准，参照四、2. 的 100万元提示，由县政府办判断`;
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Classification

export interface SzMatch {
  category: SzCategory;
  categoryLabel: string;
  number: number;
  citation: string;
  itemText: string;
  strength: Strength;
  /** Why (Chinese, quoting the words or amount found). */
  because: string;
}

export interface Classification {
  /** True when at least one item matched firmly, or the proposer declared the topic 三重一大 (一、11.). */
  major: boolean;
  matches: SzMatch[];
  amounts: Amount[];
  /** Notes worth showing: e.g. a budget adjustment below 100万元 (not 三重一大 by 四、2.). */
  notes: string[];
}

function matchOf(cue: Cue, because: string): SzMatch {
  const item = SZ_ITEMS.find((i) => i.category === cue.category && i.number === cue.number) as SzItem;
  return {
    category: cue.category,
    categoryLabel: CATEGORY_LABELS[cue.category],
    number: cue.number,
    citation: szCitation(cue.category, cue.number),
    itemText: item.text,
    strength: cue.strength,
    because,
  };
}

/**
 * Classify a topic (its title and summary) against the 附件. `declaredMajor`: the proposing department or the
 * office declares it 三重一大 although no cue fired — recorded as 一、11.（其他重大决策事项）.
 */
export function classifyTopic(text: string, declaredMajor = false): Classification {
  const t = text.replace(/\s+/g, '');
  const amounts = parseAmounts(t);
  const matches: SzMatch[] = [];
  for (const cue of CUES) {
    const because = cue.test(t, amounts);
    if (because) matches.push(matchOf(cue, because));
  }
  // 四、3. (possible) says nothing 四、2. has not already said firmly
  const firm = matches.some((m) => m.category === 'funds' && m.number === 2);
  const kept = firm ? matches.filter((m) => !(m.category === 'funds' && m.number === 3)) : matches;
  const notes: string[] = [];
  const adjust = allOf(t, ['追加', '调整', '调增', '调剂'], ['预算']);
  if (adjust && !t.includes('预备费') && amounts.length && amounts.every((a) => a.yuan < LARGE_AMOUNT_YUAN)) {
    const top = amounts.reduce((a, b) => (b.yuan > a.yuan ? b : a));
    notes.push(
      `议题涉及${quote(adjust)}，金额 ${top.text} 不足 100万元，不属于附件 四、2.（调整追加县级预算100万以上的资金使用申请）`,
    );
  }
  if (declaredMajor && !kept.some((m) => m.strength === 'match')) {
    const item = SZ_ITEMS.find((i) => i.category === 'decision' && i.number === 11) as SzItem;
    kept.push({
      category: 'decision',
      categoryLabel: CATEGORY_LABELS.decision,
      number: 11,
      citation: szCitation('decision', 11),
      itemText: item.text,
      strength: 'match',
      because: '提出单位或县政府办认定为“三重一大”事项（其他重大决策事项）',
    });
  }
  return { major: kept.some((m) => m.strength === 'match'), matches: kept, amounts, notes };
}
