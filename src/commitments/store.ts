// Storage of extracted commitments and their review. Only this file touches the `commitments` table.
//
// - saveExtraction (inside the import transaction): upsert by a stable record_key. New records are
//   pending; existing ones keep status, correction, note and reviewer — a review survives re-extraction —
//   while the extracted `data` is refreshed. Records no longer extracted from a document of the issue are
//   kept and marked `gone_at` (never deleted silently); extracted again, the mark is cleared.
// - reviewCommitment: confirm / correct / reject with optimistic concurrency (version) and an audit
//   record (before/after) in the same transaction.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AuditActor, recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import type { Disclosure } from '../gazette/types.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { CommitmentKind, CommitmentStatus, CommitmentsTable, Database } from '../platform/schema.ts';
import type { ExtractJson } from './contract.ts';

export type { CommitmentKind, CommitmentStatus } from '../platform/schema.ts';

export const COMMITMENT_KINDS: readonly CommitmentKind[] = ['task', 'target', 'group', 'phase', 'project'];
export const COMMITMENT_STATUSES: readonly CommitmentStatus[] = ['pending', 'confirmed', 'corrected', 'rejected'];

export const KIND_LABELS: Record<CommitmentKind, string> = {
  task: '任务',
  target: '指标',
  group: '领导小组',
  phase: '阶段',
  project: '项目',
};

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  pending: '待审核',
  confirmed: '已确认',
  corrected: '已更正',
  rejected: '已驳回',
};

/** The part of an extraction that is stored (the `luoshi extract --json` contract). */
export type Extraction = Pick<ExtractJson, 'tasks' | 'targets' | 'groups' | 'phases' | 'projects'>;

type AnyRecord = Record<string, unknown> & { docNumber: string; eId: string; line: number; citation?: string };

/** The fields that identify a record within its clause (what makes two records of one clause different). */
function identity(kind: CommitmentKind, r: Record<string, unknown>): string {
  switch (kind) {
    case 'task':
      return String(r.title ?? '');
    case 'target': {
      const t = r.target as { year?: number | null } | undefined;
      return `${String(r.name ?? '')}|${t?.year ?? ''}`;
    }
    default:
      return String(r.name ?? '');
  }
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 10);
}

interface KeyedRecord {
  kind: CommitmentKind;
  key: string;
  record: AnyRecord;
}

/**
 * Stable keys: kind + 发文字号 + eId + a short hash of the identifying fields. The same record extracted
 * again gets the same key; two records with the same identity in one clause get #2, #3 in extraction order.
 */
export function keyedRecords(extraction: Extraction): KeyedRecord[] {
  const out: KeyedRecord[] = [];
  const seen = new Map<string, number>();
  const lists: [CommitmentKind, AnyRecord[]][] = [
    ['task', extraction.tasks as unknown as AnyRecord[]],
    ['target', extraction.targets as unknown as AnyRecord[]],
    ['group', extraction.groups as unknown as AnyRecord[]],
    ['phase', extraction.phases as unknown as AnyRecord[]],
    ['project', extraction.projects as unknown as AnyRecord[]],
  ];
  for (const [kind, records] of lists) {
    for (const record of records) {
      const base = `${kind}:${record.docNumber}:${record.eId}:${shortHash(identity(kind, record))}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      out.push({ kind, key: n === 1 ? base : `${base}#${n}`, record });
    }
  }
  return out;
}

/** What changes between two extractions of the same record without changing the record: its source line. */
function comparable(data: string): string {
  const { line: _line, ...rest } = JSON.parse(data) as Record<string, unknown>;
  return JSON.stringify(rest);
}

const CHUNK = 100;

export interface SaveResult {
  created: number;
  updated: number;
  unchanged: number;
  gone: number;
}

/**
 * Save an issue's extraction (inside the importer's transaction). `documentIdByNumber` maps the 发文字号
 * of every document of the issue to its row id; records of documents not in the map are skipped, and only
 * those documents' records can be marked gone.
 */
export async function saveExtraction(
  trx: Kysely<Database>,
  tenant: string,
  documentIdByNumber: ReadonlyMap<string, number>,
  extraction: Extraction,
  now: Date = new Date(),
): Promise<SaveResult> {
  const at = now.toISOString();
  const docIds = [...new Set(documentIdByNumber.values())];
  const result: SaveResult = { created: 0, updated: 0, unchanged: 0, gone: 0 };
  if (docIds.length === 0) return result;
  const existing = await trx
    .selectFrom('commitments')
    .where('tenant', '=', tenant)
    .where('document_id', 'in', docIds)
    .select(['id', 'record_key', 'data', 'line', 'citation', 'gone_at', 'document_id'])
    .execute();
  const byKey = new Map(existing.map((r) => [r.record_key, r]));
  const keyed = keyedRecords(extraction).filter((k) => documentIdByNumber.has(k.record.docNumber));
  // groups, phases and projects carry no citation in the contract: the clause's own (written by the import)
  const citations = new Map<string, string>();
  if (keyed.some((k) => !k.record.citation)) {
    const rows = await trx
      .selectFrom('clauses')
      .where('tenant', '=', tenant)
      .where('document_id', 'in', docIds)
      .select(['document_id', 'e_id', 'citation'])
      .execute();
    for (const r of rows) citations.set(`${r.document_id}:${r.e_id}`, r.citation);
  }
  const inserts: Array<Omit<CommitmentsTable, 'id'>> = [];
  const seenKeys = new Set<string>();
  for (const { kind, key, record } of keyed) {
    const documentId = documentIdByNumber.get(record.docNumber) as number;
    seenKeys.add(key);
    const data = JSON.stringify(record);
    const citation = record.citation || citations.get(`${documentId}:${record.eId}`) || record.docNumber;
    const old = byKey.get(key);
    if (!old) {
      inserts.push({
        tenant,
        document_id: documentId,
        kind,
        record_key: key,
        e_id: record.eId,
        citation,
        line: record.line,
        data,
        status: 'pending',
        corrected: null,
        reviewed_by: null,
        reviewed_at: null,
        note: null,
        version: 1,
        extracted_at: at,
        gone_at: null,
      });
      continue;
    }
    const changed = comparable(old.data) !== comparable(data);
    if (!changed && old.line === record.line && old.citation === citation && old.gone_at === null) {
      result.unchanged++;
      continue;
    }
    result.updated++;
    await trx
      .updateTable('commitments')
      .set((eb) => ({
        data,
        line: record.line,
        citation,
        document_id: documentId,
        gone_at: null,
        // a reviewer looking at the old reading must reload before reviewing (409)
        ...(changed || old.gone_at !== null ? { version: eb('version', '+', 1), extracted_at: at } : {}),
      }))
      .where('id', '=', old.id)
      .execute();
  }
  for (let i = 0; i < inserts.length; i += CHUNK) {
    await trx
      .insertInto('commitments')
      .values(inserts.slice(i, i + CHUNK))
      .execute();
  }
  result.created = inserts.length;
  const goneIds = existing.filter((r) => !seenKeys.has(r.record_key) && r.gone_at === null).map((r) => r.id);
  for (let i = 0; i < goneIds.length; i += CHUNK) {
    await trx
      .updateTable('commitments')
      .set((eb) => ({ gone_at: at, version: eb('version', '+', 1) }))
      .where('id', 'in', goneIds.slice(i, i + CHUNK))
      .execute();
  }
  result.gone = goneIds.length;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface CommitmentFilter {
  kind?: CommitmentKind;
  status?: CommitmentStatus;
  documentId?: number;
  /** Disclosure levels of the documents whose records may be shown (policy.visibleDisclosures). */
  disclosures: Disclosure[];
}

export interface CommitmentDto {
  id: number;
  kind: CommitmentKind;
  documentId: number;
  docNumber: string;
  documentTitle: string;
  disclosure: Disclosure;
  eId: string;
  citation: string;
  line: number;
  /** The extracted record (contract shape), as the last extraction read it. */
  data: Record<string, unknown>;
  /** The administrator's correction: the reviewed fields of the kind (contract shape), or null. */
  corrected: Record<string, unknown> | null;
  /** What the record says after review: the extraction with the corrected fields over it. */
  effective: Record<string, unknown>;
  status: CommitmentStatus;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  version: number;
  extractedAt: string;
  /** Set when the record is no longer extracted from its document (kept for the record). */
  goneAt: string | null;
}

function baseQuery(target: Kysely<Database>, tenant: string) {
  return target
    .selectFrom('commitments as c')
    .innerJoin('documents as d', 'd.id', 'c.document_id')
    .where('c.tenant', '=', tenant)
    .where('d.tenant', '=', tenant)
    .select([
      'c.id',
      'c.kind',
      'c.document_id',
      'c.e_id',
      'c.citation',
      'c.line',
      'c.data',
      'c.corrected',
      'c.status',
      'c.note',
      'c.reviewed_by',
      'c.reviewed_at',
      'c.version',
      'c.extracted_at',
      'c.gone_at',
      'd.doc_number',
      'd.title',
      'd.disclosure',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toDto(r: Row): CommitmentDto {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  const corrected = r.corrected === null ? null : (JSON.parse(r.corrected) as Record<string, unknown>);
  return {
    id: r.id,
    kind: r.kind,
    documentId: r.document_id,
    docNumber: r.doc_number,
    documentTitle: r.title,
    disclosure: r.disclosure,
    eId: r.e_id,
    citation: r.citation,
    line: r.line,
    data,
    corrected,
    effective: corrected ? { ...data, ...corrected } : data,
    status: r.status,
    note: r.note,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    version: r.version,
    extractedAt: r.extracted_at,
    goneAt: r.gone_at,
  };
}

export async function listCommitments(target: Db, tenant: string, filter: CommitmentFilter): Promise<CommitmentDto[]> {
  if (filter.disclosures.length === 0) return [];
  let q = baseQuery(target.db, tenant).where('d.disclosure', 'in', filter.disclosures);
  if (filter.kind) q = q.where('c.kind', '=', filter.kind);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.documentId !== undefined) q = q.where('c.document_id', '=', filter.documentId);
  const rows = await q.orderBy('d.year').orderBy('d.serial').orderBy('c.line').orderBy('c.id').execute();
  return rows.map(toDto);
}

export async function getCommitment(target: Db, tenant: string, id: number): Promise<CommitmentDto> {
  const row = await baseQuery(target.db, tenant).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的提取记录`);
  return toDto(row);
}

// ---------------------------------------------------------------------------------------------
// Review

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(DATE, '应为 YYYY-MM-DD 格式的日期')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效的日期');
const name = z.string().trim().min(1, '不能为空').max(500, '过长（最多 500 字）');
const unitName = z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称过长');
const optText = z.string().trim().max(200, '过长（最多 200 字）').nullable();
const year = z.number().int('应为整数年份').min(1949, '年份不合理').max(2100, '年份不合理').nullable();

export const TARGET_OPS = ['>=', '>', '<=', '<', '=', '~', 'increase', 'decrease'] as const;

/** The reviewed fields of each kind (contract shape); a correction must satisfy the whole schema once merged. */
export const CORRECTION_SCHEMAS = {
  task: z.object({
    title: name,
    lead: z.array(unitName, { error: '应为单位名称列表' }).min(1, '至少要有一个牵头单位'),
    support: z.array(unitName, { error: '应为单位名称列表' }),
    due: isoDate.nullable(),
  }),
  target: z.object({
    name,
    unit: optText,
    target: z.object({
      year,
      op: z.enum(TARGET_OPS, { error: `应为 ${TARGET_OPS.join('、')} 之一` }),
      value: z.number({ error: '应为数值' }).finite('应为有限数值').nullable(),
    }),
    attribute: z.enum(['binding', 'expected'], { error: '应为 binding（约束性）或 expected（预期性）' }).nullable(),
    direction: z.enum(['higher', 'lower'], { error: '应为 higher（越高越好）或 lower（越低越好）' }).nullable(),
  }),
  group: z.object({
    name,
    leader: optText,
    deputies: z.array(z.string().trim().min(1, '不能为空')),
    members: z.array(unitName),
  }),
  phase: z.object({ name, start: isoDate.nullable(), end: isoDate.nullable() }),
  project: z.object({
    name,
    owner: optText,
    fundingWan: z.number({ error: '应为数值（万元）' }).nonnegative('不能为负数').nullable(),
    years: z.number().int('应为整数').positive('应为正数').nullable(),
  }),
} satisfies Record<CommitmentKind, z.ZodType>;

export const FIELD_LABELS: Record<string, string> = {
  title: '任务名称',
  lead: '牵头单位',
  support: '配合单位',
  due: '完成时限',
  name: '名称',
  unit: '计量单位',
  target: '目标',
  'target.year': '目标年份',
  'target.op': '比较方式',
  'target.value': '目标值',
  attribute: '指标属性',
  direction: '方向',
  leader: '组长',
  deputies: '副组长',
  members: '成员单位',
  start: '开始日期',
  end: '结束日期',
  owner: '责任单位',
  fundingWan: '投资（万元）',
  years: '建设年限',
};

/**
 * Validate a correction of a record of `kind`: the reviewed fields, merged over the extracted record, must
 * satisfy the kind's schema. Returns the reviewed fields (all of them) — what is stored as `corrected`.
 */
export function validateCorrection(
  kind: CommitmentKind,
  data: Record<string, unknown>,
  corrected: unknown,
): Record<string, unknown> {
  if (typeof corrected !== 'object' || corrected === null || Array.isArray(corrected)) {
    throw new AppError('BAD_INPUT', '更正内容应为对象（记录的字段）', { field: 'corrected' });
  }
  const schema = CORRECTION_SCHEMAS[kind];
  const allowed = Object.keys(schema.shape);
  const unknownKey = Object.keys(corrected).find((k) => !allowed.includes(k));
  if (unknownKey) {
    throw new AppError('BAD_INPUT', `更正内容“corrected.${unknownKey}”不可更正：可更正的字段为 ${allowed.join('、')}`, {
      field: `corrected.${unknownKey}`,
    });
  }
  const merged = { ...data, ...(corrected as Record<string, unknown>) };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    const label = FIELD_LABELS[path] ?? FIELD_LABELS[issue?.path[0] !== undefined ? String(issue.path[0]) : ''] ?? '';
    const field = `corrected${path ? `.${path}` : ''}`;
    throw new AppError(
      'BAD_INPUT',
      `更正内容“${field}”${label ? `（${label}）` : ''}不正确：${issue?.message ?? '格式不对'}`,
      {
        field,
      },
    );
  }
  return parsed.data as Record<string, unknown>;
}

export type ReviewAction = 'confirm' | 'correct' | 'reject';

export interface ReviewInput {
  action: ReviewAction;
  corrected?: unknown;
  note?: string | null;
  /** The version the reviewer saw; a different current version answers 409. */
  expectedVersion: number;
  actor: Actor | AuditActor;
  ip?: string | null;
  now?: Date;
}

const ACTION_STATUS: Record<ReviewAction, CommitmentStatus> = {
  confirm: 'confirmed',
  correct: 'corrected',
  reject: 'rejected',
};

function actorName(actor: Actor | AuditActor): string {
  return 'displayName' in actor ? actor.displayName || actor.username || '未知用户' : actor.name;
}

function beijing(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

/** The 409 message: who or what changed the record since the reviewer loaded it. */
function conflictMessage(current: Row, expected: number): string {
  const parts: string[] = [];
  const reviewedLast = current.reviewed_at !== null && current.reviewed_at >= current.extracted_at;
  if (current.gone_at !== null && current.gone_at >= (current.reviewed_at ?? '')) {
    parts.push(`重新导入后该记录已不再从文件中提取（${beijing(current.gone_at)}）`);
  } else if (reviewedLast && current.reviewed_at) {
    parts.push(
      `${current.reviewed_by ?? '其他管理员'}已于 ${beijing(current.reviewed_at)} 将其审核为“${STATUS_LABELS[current.status]}”`,
    );
  } else {
    parts.push(`重新导入公报后提取内容已于 ${beijing(current.extracted_at)} 更新`);
  }
  return `该记录已被修改：${parts.join('；')}（您看到的是第 ${expected} 版，当前为第 ${current.version} 版）。请刷新后再审核。`;
}

/** Confirm, correct or reject one record; audited in the same transaction. */
export async function reviewCommitment(
  target: Db,
  tenant: string,
  id: number,
  input: ReviewInput,
): Promise<CommitmentDto> {
  const at = (input.now ?? new Date()).toISOString();
  const note = input.note?.trim() ? input.note.trim() : null;
  if (input.action === 'reject' && !note) {
    throw new AppError('BAD_INPUT', '驳回时必须填写理由（note）', { field: 'note' });
  }
  if (input.action === 'correct' && input.corrected === undefined) {
    throw new AppError('BAD_INPUT', '更正时必须提交更正后的内容（corrected）', { field: 'corrected' });
  }
  if (input.action !== 'correct' && input.corrected !== undefined && input.corrected !== null) {
    throw new AppError('BAD_INPUT', '只有“更正”可以提交更正内容（corrected）', { field: 'corrected' });
  }
  return target.db.transaction().execute(async (trx) => {
    const row = await baseQuery(trx, tenant).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的提取记录`);
    if (row.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', conflictMessage(row, input.expectedVersion), { field: 'version' });
    }
    const before = toDto(row);
    const data = before.data;
    // confirm: the extraction is right (a previous correction is withdrawn); reject: the record is wrong
    // and is not tracked (a previous correction is kept for the record).
    const corrected =
      input.action === 'correct'
        ? validateCorrection(row.kind, data, input.corrected)
        : input.action === 'confirm'
          ? null
          : before.corrected;
    const status = ACTION_STATUS[input.action];
    const updated = await trx
      .updateTable('commitments')
      .set({
        status,
        corrected: corrected === null ? null : JSON.stringify(corrected),
        note,
        reviewed_by: actorName(input.actor),
        reviewed_at: at,
        version: row.version + 1,
      })
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .where('version', '=', input.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const now = await baseQuery(trx, tenant).where('c.id', '=', id).executeTakeFirstOrThrow();
      throw new AppError('CONFLICT', conflictMessage(now, input.expectedVersion), { field: 'version' });
    }
    const after = toDto(await baseQuery(trx, tenant).where('c.id', '=', id).executeTakeFirstOrThrow());
    const slim = (d: CommitmentDto) => ({
      status: d.status,
      corrected: d.corrected,
      note: d.note,
      version: d.version,
      reviewedBy: d.reviewedBy,
    });
    await recordAudit(trx, {
      tenant,
      actor: input.actor,
      action: `commitment:${input.action}`,
      entity: 'commitment',
      entityId: id,
      before: { kind: before.kind, docNumber: before.docNumber, eId: before.eId, data, ...slim(before) },
      after: slim(after),
      ip: input.ip ?? null,
      at: new Date(at),
    });
    return after;
  });
}
