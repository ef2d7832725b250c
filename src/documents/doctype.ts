// Document type (文种 of the carried document) derived from titles. Pure.
import type { Document } from '../gazette/types.ts';

/** Types in the order they are recognised; the last one named in the title wins. */
export const DOCUMENT_TYPES = ['预案', '规划', '计划', '方案', '规则', '规定', '办法', '细则', '意见', '通知'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number] | '决定' | '批复' | '通报' | '函';

const CARRIED: Array<[RegExp, DocumentType]> = [
  [/预案/g, '预案'],
  [/规划/g, '规划'],
  [/计划/g, '计划'],
  [/方案/g, '方案'],
  [/规则/g, '规则'],
  [/规定|责任制/g, '规定'],
  [/办法/g, '办法'],
  [/细则/g, '细则'],
  [/意见/g, '意见'],
];

/**
 * The type of what a notice carries: 规划 / 方案 / 预案 / 计划 / 规则 / 规定 / 办法 / 细则 / 意见, taken
 * from the plan attachments' titles, else from a 印发/转发 notice's title (the type named last wins:
 * 国土空间专项规划编制工作方案 is a 方案); a notice carrying nothing is a 通知 (or 决定 / 意见 / 批复 /
 * 通报 / 函 by its own title).
 */
export function documentType(doc: Pick<Document, 'title' | 'attachments'>): DocumentType {
  for (const a of doc.attachments) {
    if (a.role !== 'plan') continue;
    const t = lastNamedType(a.title);
    if (t) return t;
  }
  const title = doc.title.replace(/的?通知$/, '');
  if (/印发|转发|下发/.test(doc.title) || doc.attachments.length > 0) {
    const t = lastNamedType(title.replace(/^.*?(印发|转发|下发)/, ''));
    if (t) return t;
  }
  const own = /的(决定|意见|批复|通报|函)$/.exec(doc.title);
  if (own) return own[1] as DocumentType;
  return '通知';
}

function lastNamedType(title: string): DocumentType | null {
  let best: { end: number; type: DocumentType } | null = null;
  for (const [re, type] of CARRIED) {
    for (const m of title.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end) best = { end, type };
    }
  }
  return best?.type ?? null;
}
