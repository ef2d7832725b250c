// The only file that touches the notification tables (migration 0009_notifications): notify() in the caller's
// transaction, the in-app inbox (list, unread count, mark read), webhook subscriptions, the delivery outbox and
// its attempt log. The delivery worker (worker.ts) calls claimDue/recordAttempt here.
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import { kindMatches, type NotificationMessage, nextAttemptAt, WEBHOOK_FORMATS } from './payloads.ts';
import type { DeliveryStatus, NotificationsTable, WebhookFormat, WebhookSubscriptionsTable } from './schema.ts';

/** A `Db` from openDb, a Kysely instance, or a transaction (which is a Kysely). */
export type NotifyDb = Db | Kysely<Database>;

function kdb(target: NotifyDb): Kysely<Database> {
  return 'location' in target && 'dialect' in target ? (target as Db).db : (target as Kysely<Database>);
}

export interface Recipients {
  /** Units (canonical names): every user bound to the unit (liaisons) sees it. */
  units?: string[];
  /** users.id */
  users?: number[];
  /** admin (县政府办) | leader | liaison */
  roles?: string[];
}

export interface NotifyInput {
  recipients: Recipients;
  /** Dotted kind, capability first: supervision.urge, emergency.deadline … (webhook filters match it). */
  kind: string;
  title: string;
  body: string;
  /** A path of the web app (/supervision/12) or null. */
  link?: string | null;
  /** Unique per tenant: the same key never notifies twice (a repeated sweep, a retried request). */
  dedupeKey: string;
  source: { capability: string; id: string | number };
  /** Default: now. */
  at?: Date;
}

export interface NotifyResult {
  id: number;
  /** false when the dedupe key had already been used (nothing written). */
  created: boolean;
  /** Webhook deliveries queued. */
  deliveries: number;
}

const KIND_RE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;

/** Targets as stored: `unit:<name>`, `user:<id>`, `role:<role>`. */
export function targetsOf(r: Recipients): string[] {
  const out = new Set<string>();
  for (const u of r.units ?? []) if (u.trim()) out.add(`unit:${u.trim()}`);
  for (const u of r.users ?? []) out.add(`user:${u}`);
  for (const role of r.roles ?? []) if (role.trim()) out.add(`role:${role.trim()}`);
  return [...out];
}

function checkNotify(input: NotifyInput): void {
  const bad = (field: string, message: string) =>
    new AppError('BAD_INPUT', `通知的“${field}”不正确：${message}`, { field });
  if (typeof input.kind !== 'string' || !KIND_RE.test(input.kind))
    throw bad('kind', `“${String(input.kind)}”应为以点分隔的小写类别，例如 supervision.urge`);
  if (typeof input.title !== 'string' || !input.title.trim()) throw bad('title', '标题不能为空');
  if (input.title.length > 200) throw bad('title', '标题最多 200 个字符');
  if (typeof input.body !== 'string') throw bad('body', '正文应为文本');
  if (input.body.length > 4000) throw bad('body', '正文最多 4000 个字符');
  if (typeof input.dedupeKey !== 'string' || !input.dedupeKey.trim() || input.dedupeKey.length > 300)
    throw bad('dedupeKey', '去重键不能为空，最多 300 个字符');
  if (!input.source?.capability || input.source.id === undefined || input.source.id === '')
    throw bad('source', '应注明来源能力与编号（source.capability、source.id）');
  for (const u of input.recipients?.users ?? [])
    if (!Number.isInteger(u) || u <= 0) throw bad('recipients.users', `用户编号“${String(u)}”应为正整数`);
  if (targetsOf(input.recipients ?? {}).length === 0) throw bad('recipients', '至少应有一个接收单位、用户或角色');
  if (input.link != null && (typeof input.link !== 'string' || input.link.length > 500))
    throw bad('link', '链接最多 500 个字符');
}

/**
 * Notify, inside the caller's transaction: one notification row, its addressees, and one pending webhook
 * delivery per enabled subscription whose kinds filter accepts the kind. A dedupe key already used in the
 * tenant writes nothing and answers `created: false` with the existing id — so a retried sweep or request
 * never sends twice. If the caller's transaction rolls back, nothing is sent either (outbox).
 */
export async function notify(trx: NotifyDb, tenant: string, input: NotifyInput): Promise<NotifyResult> {
  return (await notifyMany(trx, tenant, [input]))[0] as NotifyResult;
}

/** Rows per statement (≤ 10 parameters a row: well under SQLite's 32,766 and PostgreSQL's 65,535). */
const CHUNK = 1000;

/**
 * notify() for many notifications at once (a sweep's batch): the same rows and the same guarantees, written
 * with a few multi-row statements instead of a few statements per notification. Answers in input order; a key
 * repeated within `inputs` is created once.
 */
export async function notifyMany(trx: NotifyDb, tenant: string, inputs: NotifyInput[]): Promise<NotifyResult[]> {
  for (const input of inputs) checkNotify(input);
  if (inputs.length === 0) return [];
  const db = kdb(trx);
  const created = new Map<string, number>();
  const firstIndex = new Map<string, number>();
  inputs.forEach((input, i) => {
    if (!firstIndex.has(input.dedupeKey)) firstIndex.set(input.dedupeKey, i);
  });
  const unique = [...firstIndex.values()].map((i) => inputs[i] as NotifyInput);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .insertInto('notifications')
      .values(
        unique.slice(i, i + CHUNK).map((input) => ({
          tenant,
          kind: input.kind,
          title: input.title.trim(),
          body: input.body,
          link: input.link ?? null,
          dedupe_key: input.dedupeKey,
          source_capability: input.source.capability,
          source_id: String(input.source.id),
          recipients: JSON.stringify(input.recipients),
          created_at: (input.at ?? new Date()).toISOString(),
        })),
      )
      .onConflict((oc) => oc.columns(['tenant', 'dedupe_key']).doNothing())
      .returning(['id', 'dedupe_key'])
      .execute();
    for (const r of rows) created.set(r.dedupe_key, r.id);
  }
  const existing = new Map<string, number>();
  const missing = unique.map((u) => u.dedupeKey).filter((k) => !created.has(k));
  for (let i = 0; i < missing.length; i += CHUNK) {
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'dedupe_key'])
      .where('tenant', '=', tenant)
      .where('dedupe_key', 'in', missing.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) existing.set(r.dedupe_key, r.id);
  }
  const fresh = unique.filter((u) => created.has(u.dedupeKey));
  const targets = fresh.flatMap((u) =>
    targetsOf(u.recipients).map((target) => ({ tenant, notification_id: created.get(u.dedupeKey) as number, target })),
  );
  for (let i = 0; i < targets.length; i += CHUNK * 2)
    await db
      .insertInto('notification_targets')
      .values(targets.slice(i, i + CHUNK * 2))
      .execute();
  const deliveriesOf = new Map<string, number>();
  if (fresh.length) {
    const subs = await db
      .selectFrom('webhook_subscriptions')
      .select(['id', 'kinds'])
      .where('tenant', '=', tenant)
      .where('enabled', '=', 1)
      .execute();
    const filters = subs.map((s) => ({ id: s.id, kinds: s.kinds ? (JSON.parse(s.kinds) as string[]) : null }));
    const deliveries = fresh.flatMap((u) => {
      const at = (u.at ?? new Date()).toISOString();
      const matching = filters.filter((f) => kindMatches(f.kinds, u.kind));
      deliveriesOf.set(u.dedupeKey, matching.length);
      return matching.map((f) => ({
        tenant,
        subscription_id: f.id,
        notification_id: created.get(u.dedupeKey) as number,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        created_at: at,
        delivered_at: null,
      }));
    });
    for (let i = 0; i < deliveries.length; i += CHUNK)
      await db
        .insertInto('webhook_deliveries')
        .values(deliveries.slice(i, i + CHUNK))
        .execute();
  }
  return inputs.map((input, i) => {
    const isFirst = firstIndex.get(input.dedupeKey) === i;
    const newId = created.get(input.dedupeKey);
    if (isFirst && newId !== undefined)
      return { id: newId, created: true, deliveries: deliveriesOf.get(input.dedupeKey) ?? 0 };
    return { id: (newId ?? existing.get(input.dedupeKey)) as number, created: false, deliveries: 0 };
  });
}

// ---- the in-app inbox ----

/** Who is reading: the user's id, role and unit (a liaison's). */
export interface Reader {
  id: number;
  role: string;
  unit: string | null;
}

function readerTargets(r: Reader): string[] {
  return [`user:${r.id}`, `role:${r.role}`, ...(r.unit ? [`unit:${r.unit}`] : [])];
}

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  source: { capability: string; id: string };
  createdAt: string;
  readAt: string | null;
}

function viewOf(r: Selectable<NotificationsTable> & { read_at: string | null }): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    source: { capability: r.source_capability, id: r.source_id },
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function visible(db: Kysely<Database>, tenant: string, reader: Reader) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('notification_reads as r', (j) =>
      j.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', reader.id),
    )
    .where('n.tenant', '=', tenant)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('notification_targets as t')
          .select('t.id')
          .whereRef('t.notification_id', '=', 'n.id')
          .where('t.tenant', '=', tenant)
          .where('t.target', 'in', readerTargets(reader)),
      ),
    );
}

export interface ListOptions {
  unreadOnly?: boolean;
  /** Default 50, at most 200. */
  limit?: number;
  /** Only notifications with an id below this one (paging). */
  before?: number;
}

/** The reader's notifications, newest first, with the unread count. */
export async function listNotifications(
  target: NotifyDb,
  tenant: string,
  reader: Reader,
  opts: ListOptions = {},
): Promise<{ items: NotificationView[]; unread: number }> {
  const db = kdb(target);
  let q = visible(db, tenant, reader).selectAll('n').select('r.read_at');
  if (opts.unreadOnly) q = q.where('r.id', 'is', null);
  if (opts.before) q = q.where('n.id', '<', opts.before);
  const rows = await q
    .orderBy('n.id', 'desc')
    .limit(Math.min(Math.max(opts.limit ?? 50, 1), 200))
    .execute();
  return { items: rows.map(viewOf), unread: await unreadCount(db, tenant, reader) };
}

export async function unreadCount(target: NotifyDb, tenant: string, reader: Reader): Promise<number> {
  const row = await visible(kdb(target), tenant, reader)
    .where('r.id', 'is', null)
    .select((eb) => eb.fn.countAll<number | string>().as('c'))
    .executeTakeFirst();
  return Number(row?.c ?? 0);
}

/**
 * Mark notifications read for the reader: the given ids, or all when `ids` is omitted. Ids the reader cannot
 * see are refused (404 naming them) and nothing is marked. Answers how many were newly marked.
 */
export async function markRead(
  target: NotifyDb,
  tenant: string,
  reader: Reader,
  ids: number[] | null,
  now: Date = new Date(),
): Promise<{ marked: number; unread: number }> {
  const db = kdb(target);
  return db.transaction().execute(async (trx) => {
    let q = visible(trx, tenant, reader).where('r.id', 'is', null).select('n.id');
    if (ids) {
      const wanted = [...new Set(ids)];
      if (wanted.length === 0) return { marked: 0, unread: await unreadCount(trx, tenant, reader) };
      const seen = await visible(trx, tenant, reader).select('n.id').where('n.id', 'in', wanted).execute();
      const seenIds = new Set(seen.map((r) => r.id));
      const missing = wanted.filter((i) => !seenIds.has(i));
      if (missing.length)
        throw new AppError('NOT_FOUND', `没有编号为 ${missing.join('、')} 的通知（或不是发给您的）`, { field: 'ids' });
      q = q.where('n.id', 'in', wanted);
    }
    const unreadRows = await q.execute();
    if (unreadRows.length) {
      const at = now.toISOString();
      for (let i = 0; i < unreadRows.length; i += 500) {
        await trx
          .insertInto('notification_reads')
          .values(
            unreadRows
              .slice(i, i + 500)
              .map((r) => ({ tenant, notification_id: r.id, user_id: reader.id, read_at: at })),
          )
          .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
          .execute();
      }
    }
    return { marked: unreadRows.length, unread: await unreadCount(trx, tenant, reader) };
  });
}

// ---- webhook subscriptions ----

export interface SubscriptionInput {
  name: string;
  url: string;
  format: WebhookFormat;
  /** null or [] = every kind; "supervision.*" matches a prefix. */
  kinds?: string[] | null;
  /** undefined = keep (on update), null = remove. */
  secret?: string | null;
  enabled?: boolean;
}

export interface SubscriptionView {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  kinds: string[] | null;
  /** The secret itself is never sent back. */
  hasSecret: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Deliveries by status. */
  counts: Record<DeliveryStatus, number>;
}

function subscriptionView(
  s: Selectable<WebhookSubscriptionsTable>,
  counts?: Record<DeliveryStatus, number>,
): SubscriptionView {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    format: s.format,
    kinds: s.kinds ? (JSON.parse(s.kinds) as string[]) : null,
    hasSecret: s.secret !== null,
    enabled: s.enabled === 1,
    createdBy: s.created_by,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    counts: counts ?? { pending: 0, delivered: 0, failed: 0 },
  };
}

/** A webhook URL must be http(s) with a host; checked here too, not only at the HTTP edge. */
export function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('BAD_INPUT', `Webhook 地址“${url}”不是有效的网址`, { field: 'url' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new AppError('BAD_INPUT', `Webhook 地址只能是 http 或 https（收到“${parsed.protocol}”）`, { field: 'url' });
}

export async function listSubscriptions(target: NotifyDb, tenant: string): Promise<SubscriptionView[]> {
  const db = kdb(target);
  const subs = await db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('tenant', '=', tenant)
    .orderBy('id')
    .execute();
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select(['subscription_id', 'status', (eb) => eb.fn.countAll<number | string>().as('c')])
    .where('tenant', '=', tenant)
    .groupBy(['subscription_id', 'status'])
    .execute();
  return subs.map((s) => {
    const c: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const r of counts) if (r.subscription_id === s.id) c[r.status] = Number(r.c);
    return subscriptionView(s, c);
  });
}

export async function getSubscription(target: NotifyDb, tenant: string, id: number): Promise<SubscriptionView> {
  const s = await kdb(target)
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的 Webhook 订阅`);
  return subscriptionView(s);
}

export async function createSubscription(
  target: NotifyDb,
  tenant: string,
  input: SubscriptionInput,
  by: string,
  now: Date = new Date(),
): Promise<SubscriptionView> {
  checkWebhookUrl(input.url);
  if (!WEBHOOK_FORMATS.includes(input.format))
    throw new AppError('BAD_INPUT', `格式应为 ${WEBHOOK_FORMATS.join('、')} 之一`, { field: 'format' });
  const at = now.toISOString();
  const row = await kdb(target)
    .insertInto('webhook_subscriptions')
    .values({
      tenant,
      name: input.name,
      url: input.url,
      format: input.format,
      kinds: input.kinds?.length ? JSON.stringify(input.kinds) : null,
      secret: input.secret ?? null,
      enabled: input.enabled === false ? 0 : 1,
      created_by: by,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return subscriptionView(row);
}

export async function updateSubscription(
  target: NotifyDb,
  tenant: string,
  id: number,
  input: Partial<SubscriptionInput>,
  now: Date = new Date(),
): Promise<SubscriptionView> {
  await getSubscription(target, tenant, id);
  if (input.url !== undefined) checkWebhookUrl(input.url);
  const row = await kdb(target)
    .updateTable('webhook_subscriptions')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.kinds !== undefined ? { kinds: input.kinds?.length ? JSON.stringify(input.kinds) : null } : {}),
      ...(input.secret !== undefined ? { secret: input.secret } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    })
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return subscriptionView(row);
}

// ---- deliveries (outbox) and the attempt log ----

export interface AttemptView {
  at: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryView {
  id: number;
  subscriptionId: number;
  notification: { id: number; kind: string; title: string };
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: AttemptView[];
}

/** A subscription's deliveries, newest first, each with every attempt (the delivery log). */
export async function deliveryLog(
  target: NotifyDb,
  tenant: string,
  subscriptionId: number,
  opts: { limit?: number } = {},
): Promise<DeliveryView[]> {
  const db = kdb(target);
  await getSubscription(db, tenant, subscriptionId);
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .selectAll('d')
    .select(['n.kind', 'n.title'])
    .where('d.tenant', '=', tenant)
    .where('d.subscription_id', '=', subscriptionId)
    .orderBy('d.id', 'desc')
    .limit(Math.min(opts.limit ?? 100, 500))
    .execute();
  const ids = rows.map((r) => r.id);
  const attempts = ids.length
    ? await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    notification: { id: r.notification_id, kind: r.kind, title: r.title },
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    log: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ at: a.at, ok: a.ok === 1, httpStatus: a.http_status, error: a.error, durationMs: a.duration_ms })),
  }));
}

/** A delivery the worker is about to attempt. */
export interface DueDelivery {
  id: number;
  attempts: number;
  target: { url: string; format: WebhookFormat; secret: string | null };
  message: NotificationMessage;
}

/**
 * Claim up to `limit` deliveries due at `now`: each claim pushes next_attempt_at forward by `leaseMs` with a
 * guarded UPDATE, so that a second worker (another server) does not send the same delivery at the same time.
 */
export async function claimDue(
  target: NotifyDb,
  tenant: string,
  now: Date,
  opts: { limit?: number; leaseMs?: number } = {},
): Promise<DueDelivery[]> {
  const db = kdb(target);
  const at = now.toISOString();
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select([
      'd.id',
      'd.attempts',
      'd.next_attempt_at',
      's.url',
      's.format',
      's.secret',
      's.enabled',
      'n.id as nid',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
      'n.source_capability',
      'n.source_id',
      'n.created_at',
    ])
    .where('d.tenant', '=', tenant)
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', at)
    .where('s.enabled', '=', 1)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(opts.limit ?? 50)
    .execute();
  const lease = new Date(now.getTime() + (opts.leaseMs ?? 60_000)).toISOString();
  const out: DueDelivery[] = [];
  for (const r of rows) {
    const claimed = await db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: lease })
      .where('id', '=', r.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', r.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    out.push({
      id: r.id,
      attempts: r.attempts,
      target: { url: r.url, format: r.format, secret: r.secret },
      message: {
        id: r.nid,
        tenant,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        source: { capability: r.source_capability, id: r.source_id },
        createdAt: r.created_at,
      },
    });
  }
  return out;
}

export interface AttemptResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** Log one attempt and move the delivery on: delivered, pending with backoff, or failed after the last try. */
export async function recordAttempt(
  target: NotifyDb,
  tenant: string,
  delivery: { id: number; attempts: number },
  result: AttemptResult,
  now: Date,
): Promise<DeliveryStatus> {
  const db = kdb(target);
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    await trx
      .insertInto('webhook_attempts')
      .values({
        tenant,
        delivery_id: delivery.id,
        at,
        ok: result.ok ? 1 : 0,
        http_status: result.httpStatus,
        error: result.error,
        duration_ms: Math.max(0, Math.round(result.durationMs)),
      })
      .execute();
    const attempts = delivery.attempts + 1;
    const next = result.ok ? null : nextAttemptAt(attempts, now);
    const status: DeliveryStatus = result.ok ? 'delivered' : next ? 'pending' : 'failed';
    await trx
      .updateTable('webhook_deliveries')
      .set({
        status,
        attempts,
        next_attempt_at: next,
        last_error: result.ok ? null : result.error,
        ...(result.ok ? { delivered_at: at } : {}),
      })
      .where('id', '=', delivery.id)
      .execute();
    return status;
  });
}

/** Send a failed delivery again at the next run of the worker (an administrator's retry). */
export async function retryDelivery(
  target: NotifyDb,
  tenant: string,
  id: number,
  now: Date = new Date(),
): Promise<void> {
  const res = await kdb(target)
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now.toISOString() })
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `投递 ${id} 不存在或不是“失败”状态，无需重试`);
}
