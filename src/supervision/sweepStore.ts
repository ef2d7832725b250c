// The sweep's storage (issue #5 “A scheduler sweeps periodically; its state is stored so that a restart neither
// loses nor repeats a reminder”): reads the open items in id order, batch by batch, asks the pure sweepItem()
// what is due, and writes — per batch, in ONE transaction — the ladder records (unique per item, episode and
// step) and their notifications (dedupe key = the record's key). A crash between batches leaves the finished
// batches recorded and notified and the rest untouched; the next sweep skips what is recorded and does the rest,
// so every reminder is recorded and sent exactly once. The last completed sweep is stored per tenant.
//
// Lock: a lease row per tenant (supervision_sweep_state.locked_by / lock_expires_at) taken with a guarded
// UPDATE — atomic on SQLite (one writer at a time) and on PostgreSQL (row lock) — and, on PostgreSQL, a
// session advisory lock held for the whole sweep on a dedicated connection, released by the server if the
// process dies. A second server finds either taken and skips. A lease left by a crashed SQLite process expires
// after LEASE_MS.
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type IsoDate, shanghaiDate } from '../calendar/dates.ts';
import { chunks } from '../documents/batch.ts';
import { notifyMany, type Recipients } from '../notifications/store.ts';
import type { Db } from '../platform/db.ts';
import type { Database } from '../platform/schema.ts';
import { lightFor } from './lights.ts';
import { leadersInCharge } from './rankingsStore.ts';
import { getSupervisionSettings } from './settingsStore.ts';
import {
  type LadderDecision,
  ladderMessage,
  ladderStepDue,
  nextSweepDay,
  nextSweepDayLate,
  nextSweepDayNotLate,
  type RecordedStep,
  sweepItem,
  takenRank,
} from './sweep.ts';
import type { Deadlines, SupervisionItem, SupervisionSettings } from './types.ts';
import { ESCALATION_LEVELS, type EscalationLevel } from './types.ts';

export const LEASE_MS = 10 * 60_000;
/** Rows per statement (≤ 8 parameters a row: well under SQLite's 32,766 and PostgreSQL's 65,535). */
const CHUNK = 1000;
/**
 * The states in which an item can be late (closure_requested waives the unit's obligations; a withdrawn item —
 * 已撤销 — is never swept: its clocks stopped at 撤销).
 */
const SWEPT_STATES = ['assigned', 'acknowledged', 'in_progress'] as const;

export interface SweepOptions {
  now?: Date;
  /** Items per transaction (default 1000). */
  batchSize?: number;
  /** Who holds the lease (default: a random id per call). */
  holder?: string;
  /** Settings to use instead of the stored ones (benchmarks). */
  settings?: SupervisionSettings;
  /**
   * Read every open item, ignoring the stored `sweep_due_on` (the resync; also done when the settings changed).
   * Records exactly what the pre-filtered sweep records (test: sweepDue.test.ts).
   */
  full?: boolean;
  /** Called after each committed batch (tests simulate a crash by throwing here). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

export interface SweepReport {
  /** false when another sweep holds the lock (nothing done). */
  ran: boolean;
  now: string;
  /** The previous completed sweep, or null. */
  previous: string | null;
  /** Open items (已交办 / 已签收 / 办理中) of the tenant. */
  items: number;
  /** Of them, the items read and decided on (`sweep_due_on` NULL or ≤ today; all of them on a resync). */
  examined: number;
  /** True when every open item was read (`full`, a settings change, or the first sweep after migration 0017). */
  resync: boolean;
  /** Ladder records written, by step. */
  recorded: Record<EscalationLevel, number>;
  /** Of them, steps whose day had passed (the sweep did not run then). */
  caughtUp: number;
  notifications: number;
  batches: number;
}

export interface LadderRecordView {
  id: number;
  itemId: number;
  step: EscalationLevel;
  overdueSince: string;
  dueOn: string;
  reason: string;
  unit: string;
  recordedAt: string;
}

export interface InterviewEntry extends LadderRecordView {
  title: string;
  state: string;
  closeBy: string | null;
}

const ADVISORY_KEY = 740_423_509;

async function takeLease(
  db: Kysely<Database>,
  tenant: string,
  holder: string,
  now: Date,
  /** PostgreSQL: the advisory lock is held, so a lease left by a crashed process is stale. */
  force: boolean,
): Promise<{ last: string | null; basis: string | null } | false> {
  await db
    .insertInto('supervision_sweep_state')
    .values({ tenant, last_swept_at: null, locked_by: null, lock_expires_at: null, sweeps: 0 })
    .onConflict((oc) => oc.column('tenant').doNothing())
    .execute();
  const res = await db
    .updateTable('supervision_sweep_state')
    .set({ locked_by: holder, lock_expires_at: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('tenant', '=', tenant)
    .where((eb) =>
      force ? eb.val(true) : eb.or([eb('locked_by', 'is', null), eb('lock_expires_at', '<', now.toISOString())]),
    )
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  const row = await db
    .selectFrom('supervision_sweep_state')
    .select(['last_swept_at', 'due_basis'])
    .where('tenant', '=', tenant)
    .executeTakeFirstOrThrow();
  return { last: row.last_swept_at, basis: row.due_basis };
}

async function releaseLease(
  db: Kysely<Database>,
  tenant: string,
  holder: string,
  completedAt: string | null,
  basis: string | null,
): Promise<void> {
  await db
    .updateTable('supervision_sweep_state')
    .set({
      locked_by: null,
      lock_expires_at: null,
      ...(completedAt ? { last_swept_at: completedAt, sweeps: sql<number>`sweeps + 1`, due_basis: basis } : {}),
    })
    .where('tenant', '=', tenant)
    .where('locked_by', '=', holder)
    .execute();
}

function itemFrom(row: { id: number; version: number; item_json: string }): SupervisionItem {
  const stored = JSON.parse(row.item_json) as Omit<SupervisionItem, 'history'>;
  return { ...stored, id: String(row.id), version: row.version, history: [] };
}

/** Bump when nextSweepDay's rule (or what the basis covers) changes: the next sweep then recomputes every day. */
const DUE_RULE = 2;

/**
 * The fingerprint of what the stored `sweep_due_on` days depend on besides the items: the rule and the ladder's
 * thresholds — nothing else of the settings. nextSweepDay bounds in calendar days, which no calendar override or
 * day counting can shorten (overdue days never exceed calendar days), and whether an obligation is open or overdue
 * does not depend on the yellow window; so saving the calendar or the yellow window does not force a resync.
 */
export function dueBasis(settings: SupervisionSettings): string {
  return `${DUE_RULE}:${createHash('sha256').update(JSON.stringify(settings.escalation)).digest('hex').slice(0, 24)}`;
}

/** Who hears of a ladder step: its units and roles, the 分管 leaders (user ids) instead of every leader when known. */
function ladderRecipients(d: LadderDecision, leaders: readonly number[]): Recipients {
  if (!leaders.length || !d.roles.includes('leader')) return { units: d.units, roles: d.roles };
  return { units: d.units, roles: d.roles.filter((r) => r !== 'leader'), users: [...leaders] };
}

/** The dedupe key of a ladder step: one notification per item, episode and step. */
export function ladderKey(itemId: number, d: Pick<LadderDecision, 'overdueSince' | 'step'>): string {
  return `supervision:ladder:${itemId}:${d.overdueSince}:${d.step}`;
}

async function sweepWith(
  db: Kysely<Database>,
  target: Db,
  tenant: string,
  opts: SweepOptions,
  force = false,
): Promise<SweepReport> {
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const holder = opts.holder ?? randomBytes(6).toString('hex');
  const report: SweepReport = {
    ran: false,
    now: nowIso,
    previous: null,
    items: 0,
    examined: 0,
    resync: false,
    recorded: { urge: 0, notice: 0, interview: 0 },
    caughtUp: 0,
    notifications: 0,
    batches: 0,
  };
  const lease = await takeLease(db, tenant, holder, now, force);
  if (lease === false) return report;
  report.ran = true;
  report.previous = lease.last;
  let completed = false;
  let basis: string | null = null;
  try {
    const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
    basis = dueBasis(settings);
    const full = opts.full === true || lease.basis !== basis;
    report.resync = full;
    const batchSize = opts.batchSize ?? 1000;
    const today = shanghaiDate(nowIso) as IsoDate;
    const counted = await db
      .selectFrom('supervision_items')
      .select((eb) => eb.fn.countAll<number | string>().as('c'))
      .where('tenant', '=', tenant)
      .where('state', 'in', [...SWEPT_STATES])
      .executeTakeFirstOrThrow();
    report.items = Number(counted.c);
    // the pre-filter: only the items whose stored day has come (or that were written since: NULL), by the
    // (tenant, sweep_due_on) index; on a resync every open item
    let due = db
      .selectFrom('supervision_items')
      .select('id')
      .where('tenant', '=', tenant)
      .where('state', 'in', [...SWEPT_STATES]);
    if (!full) due = due.where((eb) => eb.or([eb('sweep_due_on', 'is', null), eb('sweep_due_on', '<=', today)]));
    const dueIds = (await due.orderBy('id').execute()).map((r) => r.id);
    // one batch's reads: its open items and the steps already recorded for its late ones — by the range of their
    // ids on the ladder's unique key (item_id first; rows of other items are not looked up). Ids belong to one
    // tenant (a tenant filter made SQLite scan the (tenant, step) index), and a range, unlike a list of 1,000 ids,
    // keeps PostgreSQL on the index when its statistics are stale (right after a sweep recorded much).
    const readBatch = async (batchIds: number[]) => {
      // the items' columns and their earliest unanswered due date (first_due_on). Not before
      // today: not late — nothing to record, the next day follows from that date. Before today: late since that
      // day; with the 催办 done by hand (urges) and the steps recorded for that episode, the ladder says whether a
      // step is due (ladderStepDue) — only then is the item's lifecycle JSON read, to decide and word the step.
      const heads = await db
        .selectFrom('supervision_items')
        .select(['id', 'version', 'sweep_due_on', 'deadlines', 'urges', 'first_due_on as first_due'])
        .where('tenant', '=', tenant)
        .where('state', 'in', [...SWEPT_STATES])
        .where('id', 'in', batchIds)
        .orderBy('id')
        .execute();
      const late = heads.filter((h) => h.first_due !== null && h.first_due < today);
      const recordedRows = late.length
        ? await db
            .selectFrom('supervision_ladder')
            .select(['item_id', 'step', 'overdue_since'])
            .where('item_id', '>=', (late[0] as (typeof late)[number]).id)
            .where('item_id', '<=', (late[late.length - 1] as (typeof late)[number]).id)
            .execute()
        : [];
      const byItem = new Map<number, RecordedStep[]>();
      for (const r of recordedRows) {
        const list = byItem.get(r.item_id) ?? [];
        list.push({ step: r.step as EscalationLevel, overdueSince: r.overdue_since });
        byItem.set(r.item_id, list);
      }
      const taken = new Map<number, number>();
      const toDecide: number[] = [];
      for (const h of late) {
        const since = h.first_due as IsoDate;
        const rank = takenRank(since, h.urges ? JSON.parse(h.urges) : [], byItem.get(h.id) ?? []);
        taken.set(h.id, rank);
        const counting = h.deadlines ? (JSON.parse(h.deadlines) as Deadlines).counting : 'working';
        if (ladderStepDue(since, counting, rank, today, settings)) toDecide.push(h.id);
      }
      const json = new Map<number, string>();
      for (const part of chunks(toDecide, 1, CHUNK)) {
        const bodies = await db
          .selectFrom('supervision_items')
          .select(['id', 'item_json'])
          .where('tenant', '=', tenant)
          .where('id', 'in', part)
          .execute();
        for (const b of bodies) json.set(b.id, b.item_json);
      }
      return { heads, byItem, taken, json };
    };
    // the next batch is read while this one is decided (PostgreSQL answers while the CPU works; the ranges are
    // disjoint, so this batch's writes cannot change what the next one reads)
    let pending = dueIds.length ? readBatch(dueIds.slice(0, batchSize)) : null;
    for (let at = 0; at < dueIds.length; at += batchSize) {
      const { heads, byItem, taken: takenOf, json } = await (pending as ReturnType<typeof readBatch>);
      pending = at + batchSize < dueIds.length ? readBatch(dueIds.slice(at + batchSize, at + 2 * batchSize)) : null;
      // a failed read-ahead is reported when its batch is reached, not as an unhandled rejection now
      pending?.catch(() => {});
      report.examined += heads.length;
      const decided: { itemId: number; d: LadderDecision }[] = [];
      // each item's next day, counting the steps decided now as taken (written below in the same transaction)
      const nextDays: { id: number; version: number; day: IsoDate }[] = [];
      for (const r of heads) {
        const body = json.get(r.id);
        if (body === undefined) {
          // decided from the columns (see readBatch): not late, or late with nothing new on the ladder
          const rank = takenOf.get(r.id);
          const next =
            rank === undefined
              ? nextSweepDayNotLate(r.first_due, settings)
              : nextSweepDayLate(r.first_due as IsoDate, rank, today, settings);
          if (next !== r.sweep_due_on) nextDays.push({ id: r.id, version: r.version, day: next });
          continue;
        }
        const item = itemFrom({ id: r.id, version: r.version, item_json: body });
        const light = lightFor(item, nowIso, settings);
        const steps = sweepItem(item, nowIso, byItem.get(r.id) ?? [], settings, light);
        for (const d of steps) decided.push({ itemId: r.id, d });
        const taken = [
          ...(byItem.get(r.id) ?? []),
          ...steps.map((d) => ({ step: d.step, overdueSince: d.overdueSince })),
        ];
        const next = nextSweepDay(item, nowIso, taken, settings, light);
        if (next !== r.sweep_due_on) nextDays.push({ id: r.id, version: r.version, day: next });
      }
      if (decided.length || nextDays.length) {
        await db.transaction().execute(async (trx) => {
          // the items' next days, unless an action wrote the item since it was read (the action set NULL): one
          // UPDATE … FROM (VALUES (id, version, day), …) per chunk, joined on id and version; the id list lets
          // SQLite find the rows by primary key (without it, it scans the table and probes the VALUES)
          for (const chunk of chunks(nextDays, 1, CHUNK)) {
            const values = sql.join(
              chunk.map((c) => sql`(CAST(${c.id} AS integer), CAST(${c.version} AS integer), CAST(${c.day} AS text))`),
            );
            const ids = sql.join(chunk.map((c) => c.id));
            await sql`UPDATE supervision_items SET sweep_due_on = v.column3 FROM (VALUES ${values}) AS v
              WHERE supervision_items.id IN (${ids}) AND supervision_items.id = v.column1
              AND supervision_items.version = v.column2 AND supervision_items.tenant = ${tenant}`.execute(trx);
          }
          // the ladder records first (unique per item, episode and step): a record another sweep already
          // made is not returned, so it is not notified again
          const inserted = new Set<string>();
          for (const part of chunks(decided, 1, CHUNK)) {
            const rows = await trx
              .insertInto('supervision_ladder')
              .values(
                part.map(({ itemId, d }) => ({
                  tenant,
                  item_id: itemId,
                  step: d.step,
                  overdue_since: d.overdueSince,
                  due_on: d.dueOn,
                  reason: d.reason,
                  unit: d.unit,
                  recorded_at: nowIso,
                })),
              )
              .onConflict((oc) => oc.columns(['item_id', 'overdue_since', 'step']).doNothing())
              .returning(['item_id', 'overdue_since', 'step'])
              .execute();
            for (const r of rows) inserted.add(`${r.item_id}|${r.overdue_since}|${r.step}`);
          }
          const fresh = decided.filter(({ itemId, d }) => inserted.has(`${itemId}|${d.overdueSince}|${d.step}`));
          for (const { d } of fresh) {
            report.recorded[d.step]++;
            if (d.caughtUp) report.caughtUp++;
          }
          // 约谈 is told to 县领导: the leaders in charge of the lead unit (分管) when recorded, else every leader
          const leaders = await leadersInCharge(
            trx,
            tenant,
            fresh.filter(({ d }) => d.roles.includes('leader')).map(({ d }) => d.unit),
          );
          const results = await notifyMany(
            trx,
            tenant,
            fresh.map(({ itemId, d }) => ({
              recipients: ladderRecipients(d, leaders.get(d.unit) ?? []),
              kind: `supervision.${d.step}`,
              title: d.title,
              body: ladderMessage(d),
              link: `/supervision/${itemId}`,
              dedupeKey: ladderKey(itemId, d),
              source: { capability: 'supervision', id: itemId },
              at: now,
            })),
          );
          report.notifications += results.filter((r) => r.created).length;
        });
      }
      report.batches++;
      await opts.afterBatch?.(report.batches);
    }
    completed = true;
    return report;
  } finally {
    await releaseLease(db, tenant, holder, completed ? nowIso : null, basis);
  }
}

/**
 * One sweep of the tenant's open items at `now`. Answers `ran: false` (and does nothing) when another sweep
 * holds the lock.
 */
export async function runSweep(target: Db, tenant: string, opts: SweepOptions = {}): Promise<SweepReport> {
  if (target.dialect !== 'postgres') return sweepWith(target.db, target, tenant, opts);
  return target.db.connection().execute(async (conn) => {
    // advisory locks are database-wide: the key covers the schema too (one luoshi per schema, e.g. tests)
    const keyRow = await sql<{ k: number }>`SELECT hashtext(current_schema() || ':' || ${tenant}) AS k`.execute(conn);
    const key = Number(keyRow.rows[0]?.k ?? 0);
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${ADVISORY_KEY}, ${key}) AS ok`.execute(conn);
    if (!got.rows[0]?.ok)
      return {
        ran: false,
        now: (opts.now ?? new Date()).toISOString(),
        previous: null,
        items: 0,
        examined: 0,
        resync: false,
        recorded: { urge: 0, notice: 0, interview: 0 },
        caughtUp: 0,
        notifications: 0,
        batches: 0,
      };
    try {
      return await sweepWith(conn, target, tenant, opts, true);
    } finally {
      await sql`SELECT pg_advisory_unlock(${ADVISORY_KEY}, ${key})`.execute(conn);
    }
  });
}

export interface SweepState {
  lastSweptAt: string | null;
  sweeps: number;
  lockedBy: string | null;
  lockExpiresAt: string | null;
}

export async function sweepState(target: Db, tenant: string): Promise<SweepState> {
  const row = await target.db
    .selectFrom('supervision_sweep_state')
    .selectAll()
    .where('tenant', '=', tenant)
    .executeTakeFirst();
  return {
    lastSweptAt: row?.last_swept_at ?? null,
    sweeps: row?.sweeps ?? 0,
    lockedBy: row?.locked_by ?? null,
    lockExpiresAt: row?.lock_expires_at ?? null,
  };
}

function recordView(r: {
  id: number;
  item_id: number;
  step: string;
  overdue_since: string;
  due_on: string;
  reason: string;
  unit: string;
  recorded_at: string;
}): LadderRecordView {
  return {
    id: r.id,
    itemId: r.item_id,
    step: r.step as EscalationLevel,
    overdueSince: r.overdue_since,
    dueOn: r.due_on,
    reason: r.reason,
    unit: r.unit,
    recordedAt: r.recorded_at,
  };
}

/** The ladder records of one item, in order. */
export async function ladderOf(target: Db, tenant: string, itemId: number): Promise<LadderRecordView[]> {
  const rows = await target.db
    .selectFrom('supervision_ladder')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('item_id', '=', itemId)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return rows.map(recordView);
}

/**
 * The 约谈 list (or 通报 list with step 'notice'): the records of that step for items still open, newest first;
 * with `all`, also items closed since.
 */
export async function ladderList(
  target: Db,
  tenant: string,
  step: EscalationLevel,
  opts: { all?: boolean } = {},
): Promise<InterviewEntry[]> {
  let q = target.db
    .selectFrom('supervision_ladder as l')
    .innerJoin('supervision_items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['i.title', 'i.state', 'i.close_by'])
    .where('l.tenant', '=', tenant)
    .where('l.step', '=', step);
  if (!opts.all) q = q.where('i.state', 'in', [...SWEPT_STATES, 'closure_requested']);
  const rows = await q.orderBy('l.due_on', 'desc').orderBy('l.id', 'desc').limit(1000).execute();
  return rows.map((r) => ({ ...recordView(r), title: r.title, state: r.state, closeBy: r.close_by }));
}

export { ESCALATION_LEVELS };
