// The 15 types of official documents (公文种类) of 《党政机关公文处理工作条例》第八条 and their direction
// (行文方向). Pure data.

export const DOC_TYPES = [
  '决议',
  '决定',
  '命令',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
] as const;

export type DocType = (typeof DOC_TYPES)[number];

/** 上行文 (to a higher organ), 平行文 (to an organ not above or below), 下行文 (to lower organs). */
export type Direction = '上行' | '平行' | '下行';

/**
 * Directions each type may take. 意见 is the one type the 条例 allows in all three directions; 通知 and 纪要
 * also go to organs that are not subordinate (平行); 议案 goes from the government to the people's congress
 * of the same level (上行, to the organ of power); 函 is the 平行文 between organs without a line of authority.
 */
export const DIRECTIONS: Record<DocType, readonly Direction[]> = {
  决议: ['下行'],
  决定: ['下行'],
  命令: ['下行'],
  公报: ['下行'],
  公告: ['下行'],
  通告: ['下行'],
  意见: ['上行', '平行', '下行'],
  通知: ['下行', '平行'],
  通报: ['下行'],
  报告: ['上行'],
  请示: ['上行'],
  批复: ['下行'],
  议案: ['上行'],
  函: ['平行'],
  纪要: ['下行', '平行'],
};

/** 令 is the printed name of 命令 (国务院令); 会议纪要 is a 纪要. */
const ALIASES: Record<string, DocType> = { 令: '命令', 会议纪要: '纪要' };

export function isDocType(s: string): s is DocType {
  return (DOC_TYPES as readonly string[]).includes(s);
}

export function docTypeOf(s: string): DocType | null {
  const t = s.trim();
  if (isDocType(t)) return t;
  return ALIASES[t] ?? null;
}

/**
 * The type a title names: 关于……的请示 → 请示, 关于印发……的通知 → 通知. The longest type name that ends the
 * title wins (会议纪要 before 纪要); null when the title ends in none.
 */
export function typeFromTitle(title: string): DocType | null {
  const t = title.replace(/[\s（(][^）)]*[）)]\s*$/, '').trim();
  const names = [...Object.keys(ALIASES), ...DOC_TYPES].sort((a, b) => b.length - a.length);
  for (const n of names) {
    if (t.endsWith(n)) {
      // 令 alone is too short to trust at the end of any title (指令, 命令 is listed): only 第N号令 forms
      if (n === '令' && !/第.{1,6}号令$/.test(t)) continue;
      return docTypeOf(n);
    }
  }
  return null;
}

/**
 * Scope of a document for 第二十九条's length limits.
 * - comprehensive: 部署全局性、综合性工作 (the clause exempts it from the general limit: no fixed limit);
 * - general: any other document (≤ 5000字);
 * - special: 部署专项工作或具体任务 (≤ 4000字).
 * For a 报告: comprehensive = 综合报告 (≤ 5000字), special = 专项报告 (≤ 3000字).
 */
export type Scope = 'comprehensive' | 'general' | 'special';

export const SCOPE_NAMES: Record<Scope, string> = { comprehensive: '综合', general: '一般', special: '专项' };

export function scopeOf(s: string): Scope | null {
  const t = s.trim();
  if (/^(全局|全局性|综合|综合性|comprehensive)$/.test(t)) return 'comprehensive';
  if (/^(一般|general)$/.test(t)) return 'general';
  if (/^(专项|具体任务|special)$/.test(t)) return 'special';
  return null;
}
