// Shared vocabulary of the outage plan 襄政办发〔2023〕15号《襄垣县大面积停电事件应急预案》.

/** 附件1 event levels, highest first (§1.5: 特别重大、重大、较大、一般). */
export const OUTAGE_LEVELS = ['特别重大', '重大', '较大', '一般'] as const;
export type OutageLevel = (typeof OUTAGE_LEVELS)[number];

/** §3.3.1: 分别对应红色、橙色、黄色、蓝色. */
export const LEVEL_COLORS = { 特别重大: 'red', 重大: 'orange', 较大: 'yellow', 一般: 'blue' } as const;
export type OutageColor = (typeof LEVEL_COLORS)[OutageLevel];
export const COLOR_NAMES: Record<OutageColor, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };

/** Rank for comparisons: 特别重大 4 … 一般 1; null (below 一般) 0. */
export function levelRank(level: OutageLevel | null): number {
  return level === null ? 0 : 4 - OUTAGE_LEVELS.indexOf(level);
}

export function isOutageLevel(v: unknown): v is OutageLevel {
  return typeof v === 'string' && (OUTAGE_LEVELS as readonly string[]).includes(v);
}

/** The six grid types of 附件1, in the table's order. */
export const GRID_TYPES = [
  'regional',
  'provincial',
  'municipality',
  'provincial-capital',
  'city',
  'county-city',
] as const;
export type GridType = (typeof GRID_TYPES)[number];

/** The names exactly as 附件1 prints them (before the colon). */
export const GRID_NAMES: Record<GridType, string> = {
  regional: '区域性电网',
  provincial: '省、自治区电网',
  municipality: '直辖市电网',
  'provincial-capital': '省、自治区人民政府所在地城市电网',
  city: '其他设区的市电网',
  'county-city': '县级市电网',
};

/** The item number each grid type carries under every level of 附件1 (1. 区域性电网 … 6. 县级市电网). */
export const GRID_ITEM: Record<GridType, number> = {
  regional: 1,
  provincial: 2,
  municipality: 3,
  'provincial-capital': 4,
  city: 5,
  'county-city': 6,
};

export function isGridType(v: unknown): v is GridType {
  return typeof v === 'string' && (GRID_TYPES as readonly string[]).includes(v);
}

/** County response levels of §5.2 / 附件4, 一级 highest. */
export const RESPONSE_LEVELS = ['一级', '二级', '三级'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];

export function responseRank(level: ResponseLevel | null): number {
  return level === null ? 0 : 3 - RESPONSE_LEVELS.indexOf(level);
}

export const PLAN_DOC_NUMBER = '襄政办发〔2023〕15号';
export const PLAN_TITLE = '襄垣县大面积停电事件应急预案';
/** §8.3 本预案自发布之日起实施; the notice is dated 2023年7月3日. */
export const PLAN_EFFECTIVE_ON = '2023-07-03';
