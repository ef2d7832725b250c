// 附件1 国家大面积停电事件分级标准 of 襄政办发〔2023〕15号, as data plus one evaluator (pure).
//
// One row per level × grid type × load band. Every row keeps the fragment of the table it comes from,
// verbatim as printed in the gazette (half-width punctuation included); a test checks each fragment
// against the seed. The table's note: “以上”包括本数，“以下”不包含本数 — so a range is [min, max) and a
// load band is [minMw, maxMw). A band such as “负荷2000兆瓦以上的减供负荷60%以上，或70%以上供电用户停电”
// qualifies both alternatives (as in the 附表 of 《电力安全事故应急处置和调查处理条例》, where the load
// condition is repeated for the 供电用户 column).
import { AppError } from '../../platform/errors.ts';
import {
  GRID_ITEM,
  GRID_NAMES,
  GRID_TYPES,
  type GridType,
  isGridType,
  LEVEL_COLORS,
  levelRank,
  type OutageColor,
  type OutageLevel,
} from '../types.ts';

export type Criterion = 'lost-load' | 'users-out';

/** [min, max): “min以上” includes min, “max以下” excludes max. No max: up to and including 100. */
export interface PercentRange {
  min: number;
  max?: number;
}

/** [minMw, maxMw) of the grid's load before the event. */
export interface LoadBand {
  minMw?: number;
  maxMw?: number;
}

export interface GradingRow {
  level: OutageLevel;
  grid: GridType;
  band?: LoadBand;
  /** 减供负荷 (share of the grid's load lost). */
  lostLoad?: PercentRange;
  /** 供电用户停电 (share of supplied users cut off). */
  usersOut?: PercentRange;
  /** The band's text exactly as printed after “N. 电网名:” in the gazette. */
  source: string;
}

const row = (level: OutageLevel, grid: GridType, r: Omit<GradingRow, 'level' | 'grid'>): GradingRow => ({
  level,
  grid,
  ...r,
});

export const GRADING_TABLE: readonly GradingRow[] = [
  // 特别重大
  row('特别重大', 'regional', { lostLoad: { min: 30 }, source: '减供负荷30%以上' }),
  row('特别重大', 'provincial', {
    band: { minMw: 20000 },
    lostLoad: { min: 30 },
    source: '负荷20000兆瓦以上的减供负荷30%以上',
  }),
  row('特别重大', 'provincial', {
    band: { minMw: 5000, maxMw: 20000 },
    lostLoad: { min: 40 },
    source: '负荷5000兆瓦以上20000兆瓦以下的减供负荷40%以上',
  }),
  row('特别重大', 'municipality', {
    lostLoad: { min: 50 },
    usersOut: { min: 60 },
    source: '减供负荷50%以上, 或60%以上供电用户停电',
  }),
  row('特别重大', 'provincial-capital', {
    band: { minMw: 2000 },
    lostLoad: { min: 60 },
    usersOut: { min: 70 },
    source: '负荷2000兆瓦以上的减供负荷60%以上, 或70%以上供电用户停电',
  }),
  // 重大
  row('重大', 'regional', { lostLoad: { min: 10, max: 30 }, source: '减供负荷10%以上30%以下' }),
  row('重大', 'provincial', {
    band: { minMw: 20000 },
    lostLoad: { min: 13, max: 30 },
    source: '负荷20000兆瓦以上的减供负荷13%以上30%以下',
  }),
  row('重大', 'provincial', {
    band: { minMw: 5000, maxMw: 20000 },
    lostLoad: { min: 16, max: 40 },
    source: '负荷5000兆瓦以上20000兆瓦以下的减供负荷16%以上40%以下',
  }),
  row('重大', 'provincial', {
    band: { minMw: 1000, maxMw: 5000 },
    lostLoad: { min: 50 },
    source: '负荷1000兆瓦以上5000兆瓦以下的减供负荷50%以上',
  }),
  row('重大', 'municipality', {
    lostLoad: { min: 20, max: 50 },
    usersOut: { min: 30, max: 60 },
    source: '减供负荷20%以上50%以下, 或30%以上60%以下供电用户停电',
  }),
  row('重大', 'provincial-capital', {
    band: { minMw: 2000 },
    lostLoad: { min: 40, max: 60 },
    usersOut: { min: 50, max: 70 },
    source: '负荷2000兆瓦以上的减供负荷40%以上60%以下, 或50%以上70%以下供电用户停电',
  }),
  row('重大', 'provincial-capital', {
    band: { maxMw: 2000 },
    lostLoad: { min: 40 },
    usersOut: { min: 50 },
    source: '负荷2000兆瓦以下的减供负荷40%以上, 或50%以上供电用户停电',
  }),
  row('重大', 'city', {
    band: { minMw: 600 },
    lostLoad: { min: 60 },
    usersOut: { min: 70 },
    source: '负荷600兆瓦以上的减供负荷60%以上, 或70%以上供电用户停电',
  }),
  // 较大
  row('较大', 'regional', { lostLoad: { min: 7, max: 10 }, source: '减供负荷7%以上10%以下' }),
  row('较大', 'provincial', {
    band: { minMw: 20000 },
    lostLoad: { min: 10, max: 13 },
    source: '负荷20000兆瓦以上的减供负荷10%以上13%以下',
  }),
  row('较大', 'provincial', {
    band: { minMw: 5000, maxMw: 20000 },
    lostLoad: { min: 12, max: 16 },
    source: '负荷5000兆瓦以上20000兆瓦以下的减供负荷12%以上16%以下',
  }),
  row('较大', 'provincial', {
    band: { minMw: 1000, maxMw: 5000 },
    lostLoad: { min: 20, max: 50 },
    source: '负荷1000兆瓦以上5000兆瓦以下的减供负荷20%以上50%以下',
  }),
  row('较大', 'provincial', {
    band: { maxMw: 1000 },
    lostLoad: { min: 40 },
    source: '负荷1000兆瓦以下的减供负荷40%以上',
  }),
  row('较大', 'municipality', {
    lostLoad: { min: 10, max: 20 },
    usersOut: { min: 15, max: 30 },
    source: '减供负荷10%以上20%以下, 或15%以上30%以下供电用户停电',
  }),
  row('较大', 'provincial-capital', {
    lostLoad: { min: 20, max: 40 },
    usersOut: { min: 30, max: 50 },
    source: '减供负荷20%以上40%以下, 或30%以上50%以下供电用户停电',
  }),
  row('较大', 'city', {
    band: { minMw: 600 },
    lostLoad: { min: 40, max: 60 },
    usersOut: { min: 50, max: 70 },
    source: '负荷600兆瓦以上的减供负荷40%以上60%以下, 或50%以上70%以下供电用户停电',
  }),
  row('较大', 'city', {
    band: { maxMw: 600 },
    lostLoad: { min: 40 },
    usersOut: { min: 50 },
    source: '负荷600兆瓦以下的减供负荷40%以上, 或50%以上供电用户停电',
  }),
  row('较大', 'county-city', {
    band: { minMw: 150 },
    lostLoad: { min: 60 },
    usersOut: { min: 70 },
    source: '负荷150兆瓦以上的减供负荷60%以上, 或70%以上供电用户停电',
  }),
  // 一般
  row('一般', 'regional', { lostLoad: { min: 4, max: 7 }, source: '减供负荷4%以上7%以下' }),
  row('一般', 'provincial', {
    band: { minMw: 20000 },
    lostLoad: { min: 5, max: 10 },
    source: '负荷20000兆瓦以上的减供负荷5%以上10%以下',
  }),
  row('一般', 'provincial', {
    band: { minMw: 5000, maxMw: 20000 },
    lostLoad: { min: 6, max: 12 },
    source: '负荷5000兆瓦以上20000兆瓦以下的减供负荷6%以上12%以下',
  }),
  row('一般', 'provincial', {
    band: { minMw: 1000, maxMw: 5000 },
    lostLoad: { min: 10, max: 20 },
    source: '负荷1000兆瓦以上5000兆瓦以下的减供负荷10%以上20%以下',
  }),
  row('一般', 'provincial', {
    band: { maxMw: 1000 },
    lostLoad: { min: 25, max: 40 },
    source: '负荷1000兆瓦以下的减供负荷25%以上40%以下',
  }),
  row('一般', 'municipality', {
    lostLoad: { min: 5, max: 10 },
    usersOut: { min: 10, max: 15 },
    source: '减供负荷5%以上10%以下, 或10%以上15%以下供电用户停电',
  }),
  row('一般', 'provincial-capital', {
    lostLoad: { min: 10, max: 20 },
    usersOut: { min: 15, max: 30 },
    source: '减供负荷10%以上20%以下, 或15%以上30%以下供电用户停电',
  }),
  row('一般', 'city', {
    lostLoad: { min: 20, max: 40 },
    usersOut: { min: 30, max: 50 },
    source: '减供负荷20%以上40%以下, 或30%以上50%以下供电用户停电',
  }),
  row('一般', 'county-city', {
    band: { minMw: 150 },
    lostLoad: { min: 40, max: 60 },
    usersOut: { min: 50, max: 70 },
    source: '负荷150兆瓦以上的减供负荷40%以上60%以下, 或50%以上70%以下供电用户停电',
  }),
  row('一般', 'county-city', {
    band: { maxMw: 150 },
    lostLoad: { min: 40 },
    usersOut: { min: 50 },
    source: '负荷150兆瓦以下的减供负荷40%以上, 或50%以上供电用户停电',
  }),
];

/** The table's note, verbatim. */
export const GRADING_NOTE = '注: 上述所称“以上”包括本数, 所称“以下”不包含本数。';

/** Full-width punctuation, as the official document sets it (the gazette's OCR text uses half-width). */
function officialPunctuation(s: string): string {
  return s.replace(/:\s*/g, '：').replace(/,\s*/g, '，').replace(/;\s*/g, '；');
}

/** `附件1 特别重大 2. 省、自治区电网：负荷20000兆瓦以上的减供负荷30%以上` */
export function clauseOf(r: GradingRow): string {
  return `附件1 ${r.level} ${GRID_ITEM[r.grid]}. ${GRID_NAMES[r.grid]}：${officialPunctuation(r.source)}`;
}

export function inRange(value: number, range: { min?: number; max?: number }): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value < range.max);
}

/** Grid types whose rows depend on the grid's load (负荷…兆瓦以上/以下). */
export function gridHasLoadBands(grid: GridType): boolean {
  return GRADING_TABLE.some((r) => r.grid === grid && r.band !== undefined);
}

/** Grid types for which 附件1 has a 供电用户停电 criterion. */
export function gridHasUsersCriterion(grid: GridType): boolean {
  return GRADING_TABLE.some((r) => r.grid === grid && r.usersOut !== undefined);
}

export interface GradingInput {
  grid: GridType;
  /** The grid's load before the event, in MW (负荷). Required for grid types graded by load band. */
  loadMw?: number;
  /** 减供负荷 as a percentage of the load, 0–100. */
  lostLoadPct?: number;
  /** 供电用户停电 as a percentage of supplied users, 0–100. */
  usersOutPct?: number;
}

export interface GradingMatch {
  level: OutageLevel;
  grid: GridType;
  criterion: Criterion;
  clause: string;
}

export interface Classification {
  level: OutageLevel | null;
  color: OutageColor | null;
  /** Every row that matched, highest level first; `level` is the first one's. */
  matched: GradingMatch[];
  /** Chinese remarks (a criterion the table does not use for this grid type, …). */
  notes: string[];
}

export const FIELD_LABELS = {
  grid: '电网类型',
  loadMw: '电网负荷（兆瓦）',
  lostLoadPct: '减供负荷比例（%）',
  usersOutPct: '停电用户比例（%）',
} as const;

export function checkPercent(value: unknown, field: keyof typeof FIELD_LABELS | string, label: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AppError('BAD_INPUT', `${label}应为数字，收到“${String(value)}”。`, { field });
  }
  if (value < 0 || value > 100) {
    throw new AppError('BAD_INPUT', `${label}应在 0 到 100 之间，收到 ${value}。`, { field });
  }
  return value;
}

export function checkLoad(value: unknown, field = 'loadMw', label: string = FIELD_LABELS.loadMw): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AppError('BAD_INPUT', `${label}应为数字，收到“${String(value)}”。`, { field });
  }
  if (value < 0) throw new AppError('BAD_INPUT', `${label}不能为负数，收到 ${value}。`, { field });
  return value;
}

/** Validate the input once; throws AppError BAD_INPUT in Chinese naming the field. */
export function checkGradingInput(input: GradingInput): GradingInput {
  if (!isGridType(input.grid)) {
    throw new AppError(
      'BAD_INPUT',
      `未知的电网类型“${String(input.grid)}”：应为 ${GRID_TYPES.map((g) => `${g}（${GRID_NAMES[g]}）`).join('、')}。`,
      { field: 'grid' },
    );
  }
  if (input.lostLoadPct === undefined && input.usersOutPct === undefined) {
    throw new AppError('BAD_INPUT', `须至少提供${FIELD_LABELS.lostLoadPct}或${FIELD_LABELS.usersOutPct}之一。`, {
      field: 'lostLoadPct',
    });
  }
  if (input.lostLoadPct !== undefined) checkPercent(input.lostLoadPct, 'lostLoadPct', FIELD_LABELS.lostLoadPct);
  if (input.usersOutPct !== undefined) checkPercent(input.usersOutPct, 'usersOutPct', FIELD_LABELS.usersOutPct);
  if (input.loadMw !== undefined) checkLoad(input.loadMw);
  else if (gridHasLoadBands(input.grid)) {
    throw new AppError('BAD_INPUT', `${GRID_NAMES[input.grid]}按负荷分档定级，须提供${FIELD_LABELS.loadMw}。`, {
      field: 'loadMw',
    });
  }
  return input;
}

/** Grade an outage per 附件1: every matching row, the highest level wins. */
export function classifyOutage(input: GradingInput): Classification {
  checkGradingInput(input);
  const matched: GradingMatch[] = [];
  for (const r of GRADING_TABLE) {
    if (r.grid !== input.grid) continue;
    if (r.band && !inRange(input.loadMw as number, { min: r.band.minMw, max: r.band.maxMw })) continue;
    if (r.lostLoad && input.lostLoadPct !== undefined && inRange(input.lostLoadPct, r.lostLoad)) {
      matched.push({ level: r.level, grid: r.grid, criterion: 'lost-load', clause: clauseOf(r) });
    }
    if (r.usersOut && input.usersOutPct !== undefined && inRange(input.usersOutPct, r.usersOut)) {
      matched.push({ level: r.level, grid: r.grid, criterion: 'users-out', clause: clauseOf(r) });
    }
  }
  matched.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  const level = matched[0]?.level ?? null;
  const notes: string[] = [];
  if (input.usersOutPct !== undefined && !gridHasUsersCriterion(input.grid)) {
    notes.push(`附件1 对${GRID_NAMES[input.grid]}只规定减供负荷标准，停电用户比例未参与定级。`);
  }
  if (input.loadMw !== undefined && !gridHasLoadBands(input.grid)) {
    notes.push(`附件1 对${GRID_NAMES[input.grid]}不按负荷分档，电网负荷未参与定级。`);
  }
  if (level === null) notes.push('未达到附件1 一般大面积停电事件标准。');
  return { level, color: level ? LEVEL_COLORS[level] : null, matched, notes };
}
