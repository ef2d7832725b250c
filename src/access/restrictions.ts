// Storage of the non-public marks on documents (table restricted_clauses). What a mark hides, and
// from whom, is decided in src/documents/visibility.ts and src/access/policy.ts.
import { AppError } from '../platform/errors.ts';
import { accessDb, type DbLike, isUniqueViolation } from './db.ts';

export interface Restriction {
  documentId: string;
  eId: string;
  reason: string | null;
  createdBy: number | null;
  createdAt: string;
}

export async function listRestrictions(
  db: DbLike,
  tenant: string,
  documentId?: string | number,
): Promise<Restriction[]> {
  let q = accessDb(db)
    .selectFrom('restricted_clauses')
    .select(['document_id', 'e_id', 'reason', 'created_by', 'created_at'])
    .where('tenant', '=', tenant);
  if (documentId !== undefined) q = q.where('document_id', '=', String(documentId));
  const rows = await q.orderBy('document_id').orderBy('e_id').execute();
  return rows.map((r) => ({
    documentId: r.document_id,
    eId: r.e_id,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** eIds marked non-public, by document id. */
export async function restrictedByDocument(db: DbLike, tenant: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const r of await listRestrictions(db, tenant)) {
    const list = map.get(r.documentId) ?? [];
    list.push(r.eId);
    map.set(r.documentId, list);
  }
  return map;
}

export async function addRestriction(
  db: DbLike,
  tenant: string,
  value: { documentId: string | number; eId: string; reason?: string | null; createdBy: number | null },
  now: Date = new Date(),
): Promise<Restriction> {
  const row = {
    tenant,
    document_id: String(value.documentId),
    e_id: value.eId,
    reason: value.reason ?? null,
    created_by: value.createdBy,
    created_at: now.toISOString(),
  };
  try {
    await accessDb(db).insertInto('restricted_clauses').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `条款 ${value.eId} 已设置为不公开`, { field: 'eId' });
    throw error;
  }
  return {
    documentId: row.document_id,
    eId: row.e_id,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Returns the removed mark, or null when there was none. */
export async function removeRestriction(
  db: DbLike,
  tenant: string,
  documentId: string | number,
  eId: string,
): Promise<Restriction | null> {
  const existing = (await listRestrictions(db, tenant, documentId)).find((r) => r.eId === eId) ?? null;
  if (!existing) return null;
  await accessDb(db)
    .deleteFrom('restricted_clauses')
    .where('tenant', '=', tenant)
    .where('document_id', '=', String(documentId))
    .where('e_id', '=', eId)
    .execute();
  return existing;
}
