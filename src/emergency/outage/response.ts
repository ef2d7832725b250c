// County response level (§5.2 and 附件4 of 襄政办发〔2023〕15号), pure.
//
// The plan gives the county's response levels twice and the two do not agree:
//   §5.2.1 三级 is for events “尚未达到一般大面积停电事件标准，但对社会产生较大影响” (小规模、大影响),
//          §5.2.2 二级 for events that “属于一般大面积停电事件”, §5.2.3 一级 when “符合启动一级响应标准”;
//   附件4  grades by the 襄垣电网's loss: 三级 at 40–50% of the load (or 50–60% of users), 二级 at 50–60%
//          (60–70%), 一级 at 60% (70%) and above — while 附件1 already grades 40–60% (50–70%) of a county-level
//          grid of 150 MW or more as 一般.
// So an event at 45% is 三级 by 附件4 and 二级 by §5.2. This module returns both readings and never picks:
// the 指挥部 decides (§5.2.1 办公室主任 for 三级; §5.2.2/§5.2.3 指挥长 signs 二级/一级).
//
// 附件1 has no row for a county (县) grid; 附件4 uses the 县级市 threshold (150 MW), and so do we: the
// 襄垣电网 is graded with the 县级市电网 rows (附件1 6.).
import { AppError } from '../../platform/errors.ts';
import { isOutageLevel, levelRank, type OutageLevel, type ResponseLevel, responseRank } from '../types.ts';
import { type Classification, checkLoad, checkPercent, classifyOutage, inRange } from './grading.ts';

/** none; 较大影响 (the words of §5.2.1 and §4.5); 严重影响 (the words of 附件4). 严重 implies 较大. */
export type SocialImpact = 'none' | 'larger' | 'severe';

export interface ResponseInput {
  /** 襄垣电网: load before the event and what was lost (graded with 附件1's 县级市 rows). */
  countyGrid: { loadMw: number; lostLoadPct?: number; usersOutPct?: number };
  /** 长治电网: an event on the city grid, graded by the city (附件4 一级 1.). */
  cityGrid?: { level: OutageLevel | null; majorImpactOnCounty: boolean };
  /** Important power users (重要电力用户) determined by the units concerned, in danger (出现险情). */
  importantUsersAtRisk?: {
    /** 特级 */
    special?: boolean;
    /** 一级 */
    first?: boolean;
    /** 二级 */
    second?: boolean;
    /** 电气化铁路等用户 */
    electrifiedRailway?: boolean;
  };
  /** 临时性重要电力用户供电部分或全部中断 (附件4 三级 2.). */
  temporaryImportantUserInterrupted?: boolean;
  /** Judgement: 大面积停电事件超出县政府处置能力 (附件4 一级 4.). */
  beyondCountyCapacity?: boolean;
  /** Judgement of the 指挥部办公室 on the event's effect on society. */
  socialImpact?: SocialImpact;
}

export type ReadingBasis = '§5.2' | '附件4';

export interface ResponseCondition {
  level: ResponseLevel;
  /** Item number under that level in 附件4, or the § of §5.2. */
  item: string;
  clause: string;
}

export interface ResponseReading {
  basis: ReadingBasis;
  level: ResponseLevel | null;
  /** Chinese, quoting the clause(s) that decide. */
  reason: string;
  /** Every condition of this reading that holds, highest level first. */
  conditions: ResponseCondition[];
  /** Who starts this level (§5.2.1–§5.2.3), null when no response. */
  decidedBy: string | null;
}

export interface ResponseAssessment {
  /** 附件1 grade of the 襄垣电网 (县级市 rows). */
  grade: Classification;
  readings: [ResponseReading, ResponseReading];
  consistent: boolean;
  notes: string[];
}

/** 附件4, verbatim (full-width punctuation as printed in this table). */
export const ANNEX4 = {
  一级: {
    1: '长治电网：发生较大及以上大面积停电事件且对我县电网有特重大影响，根据市政府要求或我县受影响实际，启动应急响应措施。',
    2: '襄垣电网：负荷 150 兆瓦及以上减供负荷 60% 以上，70% 以上供电用户停电。',
    3: '各有关单位确定的特级或一级重要电力用户等用户出现险情。',
    4: '大面积停电事件超出县政府处置能力。',
    5: '尚未达到上述条件，但对社会产生严重影响的大面积停电事件。',
  },
  二级: {
    1: '襄垣电网：150 兆瓦及以上负荷减供 50% 以上 60% 以下，或 60% 以上 70% 以下供电用户停电。',
    2: '各有关单位确定的二级重要电力用户及电气化铁路等用户出现险情。',
    3: '尚未达到上述条件，但对社会产生严重影响的其他停电事件。',
  },
  三级: {
    1: '襄垣电网：150 兆瓦及以上负荷减供 40% 以上 50% 以下，或 50% 以上 60% 以下供电用户停电。',
    2: '各有关单位确定的临时性重要电力用户供电部分或全部中断。',
    3: '尚未达到上述条件，但对社会产生严重影响的其他停电事件。',
  },
} as const;

/** §5.2, verbatim. */
export const SECTION_5_2 = {
  '5.2':
    '根据《长治市大面积停电事件应急预案》要求，按照大面积停电事件严重程度和发展态势，我县主要涉及的是较大、一般大面积停电事件及尚未达到一般大面积停电事件分级标准但对社会产生较大影响的其他停电事件，因此大面积停电事件应急响应分为三级、二级、一级3个等级，一级为最高等级，详见附件4。',
  '5.2.1':
    '大面积停电事件发生后，县指挥部办公室经过分析评估，认定事件属于尚未达到一般大面积停电事件标准，但对社会产生较大影响的“小规模、大影响”停电事件，由县指挥部办公室主任决定启动三级响应',
  '5.2.2':
    '大面积停电事件发生后，县指挥部办公室经过分析研判，属于一般大面积停电事件，符合启动二级响应标准时，由县指挥部办公室主任向县指挥部报告，建议县指挥长启动二级响应，县指挥长签发启动',
  '5.2.3':
    '大面积停电事件发生后，县指挥部办公室经过分析研判，符合启动一级响应标准时，由县指挥部办公室主任向县指挥部报告，建议县指挥长启动一级响应，县指挥长签发启动',
} as const;

const DECIDER: Record<ResponseLevel, string> = {
  三级: '县指挥部办公室主任决定启动（§5.2.1）',
  二级: '县指挥部办公室主任建议、县指挥长签发启动（§5.2.2）',
  一级: '县指挥部办公室主任建议、县指挥长签发启动（§5.2.3）',
};

const annex = (level: ResponseLevel, item: 1 | 2 | 3 | 4 | 5): ResponseCondition => ({
  level,
  item: `附件4 ${level}响应 ${item}.`,
  clause: `附件4 ${level}响应 ${item}. ${(ANNEX4[level] as Record<number, string>)[item]}`,
});

function checkInput(input: ResponseInput): void {
  if (!input || typeof input !== 'object' || !input.countyGrid || typeof input.countyGrid !== 'object') {
    throw new AppError('BAD_INPUT', '须提供襄垣电网的负荷与减供情况（countyGrid）。', { field: 'countyGrid' });
  }
  checkLoad(input.countyGrid.loadMw, 'countyGrid.loadMw', '襄垣电网负荷（兆瓦）');
  if (input.countyGrid.lostLoadPct !== undefined)
    checkPercent(input.countyGrid.lostLoadPct, 'countyGrid.lostLoadPct', '襄垣电网减供负荷比例（%）');
  if (input.countyGrid.usersOutPct !== undefined)
    checkPercent(input.countyGrid.usersOutPct, 'countyGrid.usersOutPct', '襄垣电网停电用户比例（%）');
  if (input.cityGrid && input.cityGrid.level !== null && !isOutageLevel(input.cityGrid.level)) {
    throw new AppError(
      'BAD_INPUT',
      `长治电网事件级别“${String(input.cityGrid.level)}”无效：应为特别重大、重大、较大、一般或空。`,
      {
        field: 'cityGrid.level',
      },
    );
  }
  const impact = input.socialImpact ?? 'none';
  if (!['none', 'larger', 'severe'].includes(impact)) {
    throw new AppError(
      'BAD_INPUT',
      `社会影响“${String(impact)}”无效：应为 none（无）、larger（较大影响）或 severe（严重影响）。`,
      {
        field: 'socialImpact',
      },
    );
  }
}

const highest = (cs: ResponseCondition[]): ResponseLevel | null =>
  cs.reduce<ResponseLevel | null>((best, c) => (responseRank(c.level) > responseRank(best) ? c.level : best), null);

const a4Items = (cs: ResponseCondition[], level: ResponseLevel) =>
  cs
    .filter((c) => c.level === level)
    .map((c) => c.item)
    .join('、');

const byLevel = (a: ResponseCondition, b: ResponseCondition) => responseRank(b.level) - responseRank(a.level);

/** Assess the county response level under both readings of the plan. */
export function assessResponse(input: ResponseInput): ResponseAssessment {
  checkInput(input);
  const { countyGrid: g } = input;
  const grade = classifyOutage({
    grid: 'county-city',
    loadMw: g.loadMw,
    lostLoadPct: g.lostLoadPct,
    usersOutPct: g.usersOutPct,
  });
  const impact = input.socialImpact ?? 'none';
  const users = input.importantUsersAtRisk ?? {};
  const lost = g.lostLoadPct;
  const out = g.usersOutPct;
  const big = g.loadMw >= 150; // “负荷 150 兆瓦及以上”
  const lostIn = (min: number, max?: number) => lost !== undefined && inRange(lost, { min, max });
  const outIn = (min: number, max?: number) => out !== undefined && inRange(out, { min, max });
  // A 大面积停电事件 is an event that reaches a 附件1 level (on the county or the city grid); 附件4 calls the
  // others “其他停电事件”.
  const largeScale = grade.level !== null || (input.cityGrid?.level ?? null) !== null;
  const notes: string[] = [];

  // ---- 附件4, literally ----
  const a4: ResponseCondition[] = [];
  if (input.cityGrid && levelRank(input.cityGrid.level) >= levelRank('较大') && input.cityGrid.majorImpactOnCounty)
    a4.push(annex('一级', 1));
  if (big && (lostIn(60) || outIn(70))) {
    a4.push(annex('一级', 2));
    if (!(lostIn(60) && outIn(70))) {
      notes.push(
        '附件4 一级 2. 写作“减供负荷 60% 以上，70% 以上供电用户停电”，两项之间是逗号而非“或”；本系统按“或”理解（与附件1 6. 及附件4 二级、三级的写法一致），本次只满足其中一项。',
      );
    }
  }
  if (users.special || users.first) a4.push(annex('一级', 3));
  if (input.beyondCountyCapacity) a4.push(annex('一级', 4));
  if (impact === 'severe' && largeScale && !a4.some((c) => c.level === '一级')) a4.push(annex('一级', 5));
  if (big && (lostIn(50, 60) || outIn(60, 70))) a4.push(annex('二级', 1));
  if (users.second || users.electrifiedRailway) a4.push(annex('二级', 2));
  if (impact === 'severe' && !largeScale) {
    a4.push(annex('二级', 3), annex('三级', 3));
    notes.push(
      '附件4 二级 3. 与三级 3. 措辞相同（“尚未达到上述条件，但对社会产生严重影响的其他停电事件”），文本未区分二者；按就高原则取二级，由指挥部决定。',
    );
  }
  if (big && (lostIn(40, 50) || outIn(50, 60))) a4.push(annex('三级', 1));
  if (input.temporaryImportantUserInterrupted) a4.push(annex('三级', 2));
  a4.sort(byLevel);
  const a4Level = highest(a4);
  if (!big && grade.level !== null) {
    notes.push(
      `附件4 的电网条件只覆盖负荷 150 兆瓦及以上的襄垣电网；本次负荷 ${g.loadMw} 兆瓦，附件1 定为${grade.level}，附件4 无对应的电网条件。`,
    );
  }

  // ---- §5.2 ----
  const s52: ResponseCondition[] = [];
  const oneLevel = a4.filter((c) => c.level === '一级');
  if (oneLevel.length > 0) {
    // §5.2.3 gives no criterion of its own: “符合启动一级响应标准时” refers to 附件4 一级.
    s52.push({ level: '一级', item: '§5.2.3', clause: `§5.2.3 ${SECTION_5_2['5.2.3']}` });
  }
  if (grade.level !== null) {
    s52.push({ level: '二级', item: '§5.2.2', clause: `§5.2.2 ${SECTION_5_2['5.2.2']}` });
  } else if (impact !== 'none') {
    s52.push({ level: '三级', item: '§5.2.1', clause: `§5.2.1 ${SECTION_5_2['5.2.1']}` });
  }
  const s52Level = highest(s52);

  const gradeText = grade.level
    ? `附件1 定为${grade.level}（${grade.matched[0]?.clause}）`
    : '未达到附件1 一般大面积停电事件标准';
  const reading52: ResponseReading = {
    basis: '§5.2',
    level: s52Level,
    conditions: s52,
    decidedBy: s52Level ? DECIDER[s52Level] : null,
    reason:
      s52Level === '一级'
        ? `符合启动一级响应标准（§5.2.3，标准见附件4 一级：${oneLevel.map((c) => c.item).join('、')}）。`
        : s52Level === '二级'
          ? `襄垣电网${gradeText}，属于一般大面积停电事件（§5.2.2 二级）；§5.2.1 把三级限于“尚未达到一般大面积停电事件标准”的事件。`
          : s52Level === '三级'
            ? `襄垣电网${gradeText}，但认定对社会产生${impact === 'severe' ? '严重' : '较大'}影响，属“小规模、大影响”停电事件（§5.2.1 三级）。`
            : `襄垣电网${gradeText}，且未认定对社会产生较大影响，§5.2 不启动县级响应。`,
  };
  const readingA4: ResponseReading = {
    basis: '附件4',
    level: a4Level,
    conditions: a4,
    decidedBy: a4Level ? DECIDER[a4Level] : null,
    reason: a4Level
      ? `符合${a4Items(a4, a4Level)} 的启动条件${a4.length > 1 ? `（同时满足：${a4.map((c) => c.item).join('、')}，按就高原则取${a4Level}）` : ''}。`
      : '不符合附件4 任何一级响应的启动条件。',
  };
  if (s52Level !== a4Level) {
    notes.push(
      `两种读法不一致：§5.2 为${s52Level ?? '不启动'}，附件4 为${a4Level ?? '不启动'}。预案本身在此处矛盾（见 docs/emergency.md），由县指挥部决定启动哪一级。`,
    );
  }
  if (grade.level && levelRank(grade.level) >= levelRank('较大')) {
    notes.push('按 §2.2，较大大面积停电事件由市指挥部负责处置（特别重大、重大由省指挥部负责），县指挥部配合。');
  } else if (grade.level === '一般') {
    notes.push('按 §2.2，一般大面积停电事件由县指挥部负责处置；超出县级应对能力时请求市级支援。');
  }
  if (input.beyondCountyCapacity)
    notes.push('超出县级处置能力，应及时向市指挥部报告，配合市指挥部或工作组开展应急处置（§5.2.2、§5.2.3）。');
  if (readingA4.level === null && reading52.level === null) notes.push('两种读法均不启动县级应急响应。');

  return { grade, readings: [reading52, readingA4], consistent: s52Level === a4Level, notes };
}
