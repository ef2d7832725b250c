// What of a stored document a caller may receive. Pure: no database, no HTTP.
//
// The gazette prints only what is public, so printed text is public by default. Administrators can
// additionally mark an attachment or a clause (by eId) as non-public; a mark covers the clause and
// its whole subtree, because eIds are hierarchical (att_1__chp_2 covers att_1__chp_2__para_1).
// Callers who may not see marked content never receive it: not in the document, not as a clause,
// not in findings that point into it, not in search hits.
import type { Attachment, Clause } from '../gazette/types.ts';

/** Does the mark `marked` cover the clause or attachment `eId`? */
export function covers(marked: string, eId: string): boolean {
  return eId === marked || eId.startsWith(`${marked}__`);
}

export function isCovered(marks: readonly string[], eId: string): boolean {
  return marks.some((m) => covers(m, eId));
}

/** Source line ranges [line, endLine] of what was withheld, to drop findings that point into it. */
export type LineRange = readonly [number, number];

export interface Withheld {
  /** How many marked attachments and clauses (top-most ones) were removed. */
  count: number;
  lines: LineRange[];
  /** Titles of removed attachments. */
  attachmentTitles: string[];
}

function emptyWithheld(): Withheld {
  return { count: 0, lines: [], attachmentTitles: [] };
}

/** A copy of the tree without the covered clauses. */
export function pruneClauses(
  nodes: readonly Clause[],
  marks: readonly string[],
  withheld: Withheld = emptyWithheld(),
): Clause[] {
  const kept: Clause[] = [];
  for (const node of nodes) {
    if (isCovered(marks, node.eId)) {
      withheld.count++;
      withheld.lines.push([node.line, node.endLine]);
      continue;
    }
    kept.push({ ...node, children: pruneClauses(node.children, marks, withheld) });
  }
  return kept;
}

export function inRanges(line: number | null | undefined, ranges: readonly LineRange[]): boolean {
  return line !== null && line !== undefined && ranges.some(([a, b]) => line >= a && line <= b);
}

/** Loose comparison of an 附件 list item with an attachment title (numbering and punctuation ignored). */
function sameTitle(item: string, title: string): boolean {
  const loose = (s: string) => s.replace(/^\s*(附件)?\s*\d*[.．、:：\s]*/, '').replace(/[\s\p{P}\p{S}]/gu, '');
  const a = loose(item);
  const b = loose(title);
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

export interface ClauseBearing {
  body: Clause[];
  attachments: Attachment[];
  attachmentList: string[];
}

/** The document without the covered attachments and clauses (and 附件 list items naming removed attachments). */
export function withoutMarked<T extends ClauseBearing>(
  doc: T,
  marks: readonly string[],
): { doc: T; withheld: Withheld } {
  const withheld = emptyWithheld();
  if (marks.length === 0) return { doc, withheld };
  const body = pruneClauses(doc.body, marks, withheld);
  const attachments: Attachment[] = [];
  for (const att of doc.attachments) {
    if (isCovered(marks, att.eId)) {
      withheld.count++;
      withheld.lines.push([att.line, att.endLine]);
      withheld.attachmentTitles.push(att.title);
      continue;
    }
    attachments.push({ ...att, clauses: pruneClauses(att.clauses, marks, withheld) });
  }
  const attachmentList = doc.attachmentList.filter(
    (item) => !withheld.attachmentTitles.some((t) => sameTitle(item, t)),
  );
  return { doc: { ...doc, body, attachments, attachmentList }, withheld };
}

/** Every eId of the document (body, attachments, clauses), to validate a mark. */
export function allEIds(doc: Pick<ClauseBearing, 'body' | 'attachments'>): Set<string> {
  const ids = new Set<string>();
  const walk = (nodes: readonly Clause[]) => {
    for (const n of nodes) {
      ids.add(n.eId);
      walk(n.children);
    }
  };
  walk(doc.body);
  for (const att of doc.attachments) {
    ids.add(att.eId);
    walk(att.clauses);
  }
  return ids;
}

export const PARTIAL_NOTE = '此件部分公开：这里只呈现公开发布的部分，不公开的内容不予提供。';
