// Storage of evidence files (table supervision_evidence, migration 0010). Decision: the bytes live in the
// database (SQLite blob, PostgreSQL bytea), not on disk — one backup holds the ledger and its evidence, an upload
// is written in the same transaction as its audit row (nothing half-written), and tenants stay separated by the
// same `tenant` column; the 10 MiB limit keeps rows reasonable. Only this file touches the table.
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { type CheckedEvidence, checkEvidence, evidenceIdOf, evidenceRef } from './evidence.ts';

/** States in which evidence may be added (交办 … 申请办结); not to drafts, closed, archived or withdrawn items. */
export const UPLOAD_STATES = ['assigned', 'acknowledged', 'in_progress', 'closure_requested'];

export interface EvidenceInfo {
  id: number;
  itemId: number;
  /** What an action's evidence entry uses: {name, ref}. */
  ref: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  unit: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

interface Row {
  id: number;
  item_id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  unit: string | null;
  uploaded_by_name: string;
  uploaded_at: string;
}

function infoOf(r: Row): EvidenceInfo {
  return {
    id: r.id,
    itemId: r.item_id,
    ref: evidenceRef(r.id),
    name: r.name,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    unit: r.unit,
    uploadedBy: r.uploaded_by_name,
    uploadedAt: r.uploaded_at,
  };
}

const INFO_COLUMNS = [
  'id',
  'item_id',
  'name',
  'mime',
  'size',
  'sha256',
  'unit',
  'uploaded_by_name',
  'uploaded_at',
] as const;

/** The item's units and state (for authorization and the state check), or NOT_FOUND. */
export async function evidenceItem(
  target: Db,
  tenant: string,
  itemId: number,
): Promise<{ lead: string; supports: string[]; state: string }> {
  const row = await target.db
    .selectFrom('supervision_items')
    .select(['lead_unit', 'support_units', 'state'])
    .where('tenant', '=', tenant)
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${itemId} 的督办事项`);
  return { lead: row.lead_unit, supports: JSON.parse(row.support_units) as string[], state: row.state };
}

/** Check and store one upload with its audit row, in one transaction. */
export async function saveEvidence(
  target: Db,
  tenant: string,
  itemId: number,
  file: { name: string; bytes: Uint8Array },
  actor: Actor,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<EvidenceInfo> {
  const checked: CheckedEvidence = checkEvidence(file.name, file.bytes);
  const now = opts.now ?? new Date();
  const id = await target.db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('supervision_items')
      .select(['state'])
      .where('tenant', '=', tenant)
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item) throw new AppError('NOT_FOUND', `未找到编号为 ${itemId} 的督办事项`);
    if (!UPLOAD_STATES.includes(item.state))
      throw new AppError(
        'BAD_INPUT',
        item.state === 'draft'
          ? '事项尚未交办，不能上传佐证材料。'
          : item.state === 'withdrawn'
            ? '事项已撤销，不能再上传佐证材料。'
            : '事项已办结销号（或已归档），不能再上传佐证材料。',
        { field: 'itemId' },
        { state: item.state },
      );
    const inserted = await trx
      .insertInto('supervision_evidence')
      .values({
        tenant,
        item_id: itemId,
        name: checked.name,
        mime: checked.mime,
        size: checked.size,
        sha256: checked.sha256,
        content: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
        unit: actor.role === 'liaison' ? actor.unit : null,
        uploaded_by: actor.id,
        uploaded_by_name: actor.displayName,
        uploaded_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'supervision:evidence_upload',
      entity: 'supervision_item',
      entityId: itemId,
      after: {
        evidenceId: inserted.id,
        name: checked.name,
        mime: checked.mime,
        size: checked.size,
        sha256: checked.sha256,
      },
      ip: opts.ip ?? null,
      at: now,
    });
    return inserted.id;
  });
  return (await listEvidence(target, tenant, itemId)).find((e) => e.id === id) as EvidenceInfo;
}

/** The item's uploads, oldest first (without the bytes). */
export async function listEvidence(target: Db, tenant: string, itemId: number): Promise<EvidenceInfo[]> {
  const rows = await target.db
    .selectFrom('supervision_evidence')
    .select(INFO_COLUMNS)
    .where('tenant', '=', tenant)
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map(infoOf);
}

/** One upload with its bytes, or NOT_FOUND. */
export async function evidenceFile(
  target: Db,
  tenant: string,
  id: number,
): Promise<{ info: EvidenceInfo; content: Buffer }> {
  const row = await target.db
    .selectFrom('supervision_evidence')
    .select([...INFO_COLUMNS, 'content'])
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的佐证材料`);
  const c = row.content as Uint8Array;
  return { info: infoOf(row), content: Buffer.from(c.buffer, c.byteOffset, c.byteLength) };
}

/**
 * An action's evidence entries that point at uploads (`evidence:<id>`) must name uploads of the same item; other
 * references (a name typed by hand, an outside link) are left as they are. BAD_INPUT naming the entry otherwise.
 */
export async function checkEvidenceRefs(target: Db, tenant: string, itemId: number, evidence: unknown): Promise<void> {
  if (!Array.isArray(evidence)) return;
  const wanted = evidence
    .map((e, k) => ({ k, id: evidenceIdOf(String((e as { ref?: unknown })?.ref ?? '')) }))
    .filter((x): x is { k: number; id: number } => x.id !== null);
  if (wanted.length === 0) return;
  const rows = await target.db
    .selectFrom('supervision_evidence')
    .select('id')
    .where('tenant', '=', tenant)
    .where('item_id', '=', itemId)
    .where(
      'id',
      'in',
      wanted.map((w) => w.id),
    )
    .execute();
  const have = new Set(rows.map((r) => r.id));
  const bad = wanted.find((w) => !have.has(w.id));
  if (bad)
    throw new AppError(
      'BAD_INPUT',
      `字段“payload.evidence.${bad.k}”：佐证材料 ${evidenceRef(bad.id)} 不是本事项上传的文件。`,
      { field: `payload.evidence.${bad.k}` },
    );
}
