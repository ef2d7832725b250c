// The audit trail: append-only. `recordAudit` works on a Kysely instance or inside another
// capability's transaction (the importer records its import in the same transaction as the data).
// There is no update or delete function, no API for it, and the database refuses both (triggers
// of migration 0002_access).
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { accessDb, type DbLike } from './db.ts';
import { type Actor, ROLE_LABELS } from './roles.ts';
import type { AuditOutcome } from './schema.ts';

/** Who acted, when it is not a signed-in HTTP user (e.g. the CLI importer). */
export interface AuditActor {
  id: number | null;
  name: string;
  role: string;
}

export interface AuditEntry {
  tenant: string;
  actor: Actor | AuditActor;
  /** e.g. auth:login, user:create, document:read, import. */
  action: string;
  /** e.g. session, user, document, issue. */
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  outcome?: AuditOutcome;
  /** Defaults to now. */
  at?: Date;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  outcome: AuditOutcome;
}

/** The actor recorded for command-line work (imports, user administration from the shell). */
export function cliActor(name: string): AuditActor {
  return { id: null, name: `命令行:${name}`, role: 'system' };
}

function actorFields(actor: Actor | AuditActor): { actor_id: number | null; actor_name: string; role: string } {
  if ('displayName' in actor) {
    return { actor_id: actor.id, actor_name: actor.username ?? actor.displayName, role: actor.role };
  }
  return { actor_id: actor.id, actor_name: actor.name, role: actor.role };
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Append one entry. Pass a Transaction to make the entry part of the caller's unit of work. */
export async function recordAudit(db: DbLike, entry: AuditEntry): Promise<void> {
  await accessDb(db)
    .insertInto('audit_log')
    .values({
      tenant: entry.tenant,
      at: (entry.at ?? new Date()).toISOString(),
      ...actorFields(entry.actor),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: toJson(entry.before),
      after: toJson(entry.after),
      ip: entry.ip ?? null,
      outcome: entry.outcome ?? 'ok',
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Querying

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (Asia/Shanghai) or an ISO instant. */
const instantOrDay = z
  .string()
  .trim()
  .refine((s) => DAY.test(s) || !Number.isNaN(Date.parse(s)), '应为日期（YYYY-MM-DD）或带时区的时间（ISO 8601）');

export const auditFilterSchema = z.object({
  actor: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  entity: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  outcome: z.enum(['ok', 'denied', 'failed'], { error: '结果应为 ok、denied 或 failed' }).optional(),
  from: instantOrDay.optional(),
  to: instantOrDay.optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Lower bound (inclusive) as a UTC ISO instant; a day means 00:00 Beijing time. */
function lowerBound(value: string): string {
  return DAY.test(value) ? new Date(`${value}T00:00:00+08:00`).toISOString() : new Date(value).toISOString();
}

/** Upper bound (exclusive); a day is inclusive, i.e. up to 24:00 Beijing time. */
function upperBound(value: string): string {
  if (!DAY.test(value)) return new Date(new Date(value).getTime() + 1).toISOString();
  return new Date(new Date(`${value}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: DbLike, tenant: string, filter: AuditFilter) {
  let q = accessDb(db).selectFrom('audit_log').where('tenant', '=', tenant);
  if (filter.actor) {
    const pattern = `%${escapeLike(filter.actor)}%`;
    q = q.where(sql<boolean>`actor_name like ${pattern} escape '\\'`);
  }
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  if (filter.from) q = q.where('at', '>=', lowerBound(filter.from));
  if (filter.to) q = q.where('at', '<', upperBound(filter.to));
  return q;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const RECORD_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'role',
  'action',
  'entity',
  'entity_id',
  'before',
  'after',
  'ip',
  'outcome',
] as const;

type AuditRow = {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  outcome: AuditOutcome;
};

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    role: row.role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: parseJson(row.before),
    after: parseJson(row.after),
    ip: row.ip,
    outcome: row.outcome,
  };
}

export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  entries: AuditRecord[];
}

/** Newest first. */
export async function queryAudit(
  db: DbLike,
  tenant: string,
  filter: AuditFilter,
  page = 1,
  pageSize = 50,
): Promise<AuditPage> {
  const count = await filtered(db, tenant, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, tenant, filter)
    .select(RECORD_COLUMNS)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(count.n), page, pageSize, entries: rows.map(toRecord) };
}

// ---------------------------------------------------------------------------------------------
// Export (CSV for any tool, real .xlsx through exceljs)

export const AUDIT_EXPORT_LIMIT = 100_000;

export const ACTION_LABELS: Record<string, string> = {
  'auth:login': '登录',
  'auth:logout': '退出登录',
  'auth:lockout': '账户锁定',
  'user:create': '新建用户',
  'user:disable': '停用用户',
  'user:enable': '启用用户',
  'restriction:add': '设置不公开条款',
  'restriction:remove': '取消不公开条款',
  'audit:export': '导出审计日志',
  import: '导入公报',
  'document:read': '查阅文件',
  'clause:read': '查阅条款',
  'unit:act': '代表单位办理',
  'unit:read': '查看单位信息',
};

const OUTCOME_LABELS: Record<AuditOutcome, string> = { ok: '成功', denied: '拒绝', failed: '失败' };

const EXPORT_COLUMNS = [
  { header: '序号', key: 'id', width: 8 },
  { header: '时间（北京时间）', key: 'at', width: 20 },
  { header: '操作人', key: 'actor', width: 18 },
  { header: '操作人编号', key: 'actorId', width: 10 },
  { header: '角色', key: 'role', width: 12 },
  { header: '操作', key: 'action', width: 16 },
  { header: '操作代码', key: 'actionCode', width: 18 },
  { header: '对象类型', key: 'entity', width: 12 },
  { header: '对象编号', key: 'entityId', width: 20 },
  { header: '结果', key: 'outcome', width: 8 },
  { header: 'IP 地址', key: 'ip', width: 16 },
  { header: '变更前', key: 'before', width: 40 },
  { header: '变更后', key: 'after', width: 40 },
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number]['key'], string | number>;

/** UTC ISO → "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai (UTC+8, no daylight saving). */
export function beijingTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

function exportRow(r: AuditRecord): ExportRow {
  const json = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    id: r.id,
    at: beijingTime(r.at),
    actor: r.actorName,
    actorId: r.actorId ?? '',
    role: (ROLE_LABELS as Record<string, string>)[r.role] ?? (r.role === 'system' ? '系统' : r.role),
    action: ACTION_LABELS[r.action] ?? r.action,
    actionCode: r.action,
    entity: r.entity,
    entityId: r.entityId ?? '',
    outcome: OUTCOME_LABELS[r.outcome] ?? r.outcome,
    ip: r.ip ?? '',
    before: json(r.before),
    after: json(r.after),
  };
}

/** CSV cell: quoted, and defused against formula injection when opened in a spreadsheet. */
function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export interface AuditExport {
  contentType: string;
  filename: string;
  body: Buffer;
  rows: number;
}

export async function exportAudit(
  db: DbLike,
  tenant: string,
  filter: AuditFilter,
  format: 'csv' | 'xlsx',
  now: Date = new Date(),
): Promise<AuditExport> {
  const count = await filtered(db, tenant, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) > AUDIT_EXPORT_LIMIT) {
    throw new AppError(
      'BAD_INPUT',
      `符合条件的审计记录有 ${Number(count.n)} 条，超过单次导出上限 ${AUDIT_EXPORT_LIMIT} 条，请缩小时间范围（from / to）后分批导出`,
    );
  }
  const rows = (
    await filtered(db, tenant, filter).select(RECORD_COLUMNS).orderBy('at', 'asc').orderBy('id', 'asc').execute()
  )
    .map(toRecord)
    .map(exportRow);
  const stamp = beijingTime(now.toISOString()).replace(/[-: ]/g, '').slice(0, 12);
  const filename = `audit-${tenant}-${stamp}.${format}`;

  if (format === 'csv') {
    const lines = [EXPORT_COLUMNS.map((c) => csvCell(c.header)).join(',')];
    for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c.key])).join(','));
    // BOM so that Excel opens the UTF-8 file with Chinese text intact.
    return {
      contentType: 'text/csv; charset=utf-8',
      filename,
      body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
      rows: rows.length,
    };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'luoshi';
  workbook.created = now;
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename,
    body,
    rows: rows.length,
  };
}
