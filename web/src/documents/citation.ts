// Citation strings copied by “复制引用”. Pure.
import type { AttachmentDto, DocumentDetail } from '../api/types.ts';

/** Append the 发文字号 unless the citation already names it. */
export function withDocNumber(citation: string, docNumber: string): string {
  return citation.includes(docNumber) ? citation : `${citation}（${docNumber}）`;
}

/** 《襄垣县大面积停电事件应急预案》附件1 for an annex; 《plan title》 for a plan carried by the notice. */
export function attachmentCitation(att: AttachmentDto, doc: Pick<DocumentDetail, 'title'>): string {
  if (att.role === 'plan' || !att.label) return `《${att.title}》`;
  const label = att.label.replace(/\s+/g, '');
  return `《${att.planTitle ?? doc.title}》${label}`;
}
