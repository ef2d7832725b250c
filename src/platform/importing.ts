// The one way a gazette enters the database: the documents capability's import, with — in the same
// transaction — the unit directory of every written document, the extracted commitments (their reviews
// kept) and the audit record of the import.
// Composition root: documents does not know orgs or access; this file wires them.
import { type AuditActor, recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { toExtractJson } from '../commitments/contract.ts';
import { countyOf, extractCommitments } from '../commitments/extract.ts';
import { saveExtraction } from '../commitments/store.ts';
import { type ImportInput, type ImportResult, importIssue } from '../documents/store.ts';
import { directoryRows } from '../orgs/directory.ts';
import { replaceMentions } from '../orgs/store.ts';
import type { Db } from './db.ts';

export async function importGazette(
  db: Db,
  input: ImportInput,
  actor: Actor | AuditActor,
  options: { ip?: string | null; failAfterDocuments?: number } = {},
): Promise<ImportResult> {
  const county = countyOf(input.issue);
  return importIssue(db, input, {
    ...(options.failAfterDocuments !== undefined ? { failAfterDocuments: options.failAfterDocuments } : {}),
    inTransaction: async (trx, result, written) => {
      for (const w of written) {
        if (w.action !== 'unchanged')
          await replaceMentions(trx, input.tenant, w.documentId, directoryRows(w.doc, county));
      }
      // an import that changed nothing is no state change: nothing to extract again, nothing to audit
      if (result.status === 'unchanged') return;
      // commitments of the whole issue (extraction is pure, ≈30 ms on the seed); reviews survive (store.ts)
      const extraction = toExtractJson(extractCommitments(input.issue, { source: input.source }));
      await saveExtraction(
        trx,
        input.tenant,
        new Map(result.documents.map((d) => [d.docNumber, d.documentId])),
        extraction,
      );
      await recordAudit(trx, {
        tenant: input.tenant,
        actor,
        action: 'import',
        entity: 'issue',
        entityId: result.issueId,
        after: {
          source: input.sourceName,
          title: input.issue.title,
          year: input.issue.year,
          number: input.issue.number,
          status: result.status,
          documents: result.documents.map((d) => ({ docNumber: d.docNumber, action: d.action, version: d.version })),
        },
        ip: options.ip ?? null,
      });
    },
  });
}
