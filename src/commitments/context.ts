// What every extractor needs to know about where it is: the document, the attachment, the years, the unit
// registry and the findings sink. Pure data plus small helpers.
import type { Attachment, Clause, Document } from '../gazette/types.ts';
import type { OrgRegistry } from '../orgs/registry.ts';
import { documentYear, planYear } from './text.ts';
import type { CommitmentFinding, Provenance } from './types.ts';

export interface ExtractContext {
  doc: Document;
  att: Attachment | null;
  registry: OrgRegistry;
  findings: CommitmentFinding[];
  /** Year of the document (signedOn), for 年底前. */
  year: number;
  /** Horizon year of the plan, for targets that name no year. */
  planYear: number;
  /** Raw source lines (1-based index = line number − 1), when the caller has them; used to split table cells. */
  sourceLines: readonly string[] | null;
  /** Canonical name of the member set of this document's leading group (for 各成员单位), if any. */
  groupMembers: string | null;
}

export function makeContext(
  doc: Document,
  att: Attachment | null,
  registry: OrgRegistry,
  findings: CommitmentFinding[],
  sourceLines: readonly string[] | null = null,
  groupMembers: string | null = null,
): ExtractContext {
  return {
    doc,
    att,
    registry,
    findings,
    year: documentYear(doc),
    planYear: planYear(doc, att),
    sourceLines,
    groupMembers,
  };
}

export function provenance(ctx: ExtractContext, clause: Clause, line: number = clause.line): Provenance {
  return { docNumber: ctx.doc.docNumber.text, eId: clause.eId, line, citation: clause.citation };
}

export function finding(
  ctx: ExtractContext,
  f: Omit<CommitmentFinding, 'docNumber'> & { docNumber?: string | null },
): void {
  ctx.findings.push({ docNumber: ctx.doc.docNumber.text, ...f });
}

/** Raw cells of a table row from the source, when available (tabs separate cells; markup removed). */
export function rawCells(ctx: ExtractContext, line: number): string[] | null {
  const raw = ctx.sourceLines?.[line - 1];
  if (raw === undefined || !raw.includes('\t')) return null;
  return raw.split('\t').map((c) =>
    c
      .replace(/<[^>]+>/g, ' ')
      .replace(/\*\*/g, '')
      .trim(),
  );
}
