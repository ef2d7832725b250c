// Storage of the 13710 closed loop (督办). Only this file touches the supervision tables. Every state change is
// load → the pure `transition()` (lifecycle.ts) → write the item, its events and the audit record in ONE
// transaction, guarded by the item's version (optimistic concurrency: UPDATE … WHERE version = expected).
//
//   supervision_items       one row per item: queryable columns + the lifecycle state as JSON (item_json)
//   supervision_item_units  one row per unit of an item (lead, supporting): unit filter and liaison inbox
//   supervision_events      append-only timeline, one row per lifecycle event
// The events' notifications (notices.ts → notifyMany) are written in the same transaction (writeEvents).
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { compareDates, type IsoDate, parseIsoDate, shanghaiDate } from '../calendar/dates.ts';
import { chunks } from '../documents/batch.ts';
import { notifyMany } from '../notifications/store.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database, SupervisionEventsTable, SupervisionItemsTable } from '../platform/schema.ts';
import { unitLabel } from './clock.ts';
import { inboxHorizon, itemFirstDueOn, unitRowColumns } from './inboxAttention.ts';
import { availableActions, draftItem, lastReturnAt, transition } from './lifecycle.ts';
import { LIGHT_LABELS, type Light, lightFor } from './lights.ts';
import { lifecycleNotices } from './notices.ts';
import { leadersInCharge } from './rankingsStore.ts';
import { getSupervisionSettings } from './settingsStore.ts';
import { urgeColumn } from './sweep.ts';
import {
  ACTION_LABELS,
  type Action,
  type ActionType,
  type Category,
  type Deadlines,
  type ItemRole,
  type ItemState,
  ROLE_LABELS,
  STATE_LABELS,
  type SupervisionActor,
  type SupervisionEvent,
  type SupervisionItem,
  type SupervisionSettings,
  type TransitionError,
} from './types.ts';

export type Trx = Kysely<Database>;
type ItemRow = Selectable<SupervisionItemsTable>;
type EventRow = Selectable<SupervisionEventsTable>;

/** States in which the clocks run (the lights are not 'none'). */
export const OPEN_STATES: readonly ItemState[] = ['assigned', 'acknowledged', 'in_progress', 'closure_requested'];

// ---------------------------------------------------------------------------------------------------------
// Actors

/** The signed-in account as the lifecycle's actor: admin → 县政府办 (office), leader, liaison with its unit. */
export function supervisionActor(actor: Actor): SupervisionActor {
  const name = actor.displayName || actor.username || '未知用户';
  const id = actor.id === null ? 'anonymous' : String(actor.id);
  if (actor.role === 'admin') return { id, name, role: 'office' };
  if (actor.role === 'leader') return { id, name, role: 'leader' };
  return { id, name, role: 'liaison', unit: actor.unit };
}

/** A refusal of the lifecycle as an application error: FORBIDDEN → 403, every other refusal → 400. */
export function refusalError(error: TransitionError): AppError {
  return new AppError(
    error.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'BAD_INPUT',
    error.message,
    {},
    { reason: error.code },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Shapes returned to routes

export interface LightView {
  light: Light;
  label: string;
  reasons: string[];
  overdueDays: number;
  escalation: string | null;
  next: { label: string; unit: string; due: IsoDate } | null;
}

export interface ItemSummary {
  id: number;
  title: string;
  text: string | null;
  source: 'manual' | 'document';
  documentId: number | null;
  eId: string | null;
  citation: string | null;
  /** The reviewed task record the item was created from (POST /from-document), else null. */
  commitmentId: number | null;
  lead: string;
  supports: string[];
  category: Category;
  state: ItemState;
  stateLabel: string;
  dueOn: IsoDate | null;
  assignedOn: IsoDate | null;
  closeBy: IsoDate | null;
  deadlines: Deadlines | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  rating: string | null;
  light: LightView;
}

export interface TimelineEvent {
  seq: number;
  at: string;
  actor: string;
  role: string;
  roleLabel: string;
  unit: string | null;
  action: string;
  actionLabel: string;
  type: string;
  summary: string;
  to: string[];
  payload: unknown;
  fromState: string | null;
  toState: string;
}

export interface ItemDetail extends ItemSummary {
  /** The lifecycle state: units, reports, timeline (plan), extensions, returns, review, 催办 records. */
  units: SupervisionItem['units'];
  reports: SupervisionItem['reports'];
  plan: SupervisionItem['plan'];
  extensions: SupervisionItem['extensions'];
  returns: SupervisionItem['returns'];
  review: SupervisionItem['review'];
  urges: SupervisionItem['urges'];
  /** 撤销: when, by whom, why and from which state (null when not withdrawn). */
  withdrawal: SupervisionItem['withdrawal'];
  /** 改派 and 调整配合单位, oldest first. */
  reassignments: NonNullable<SupervisionItem['reassignments']>;
  events: TimelineEvent[];
  /** Actions the table allows the viewer now (preconditions not checked). */
  actions: { action: ActionType; label: string }[];
}

// ---------------------------------------------------------------------------------------------------------
// Rows ↔ items

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function toHistory(e: EventRow): SupervisionEvent {
  return {
    seq: e.seq,
    type: e.type as SupervisionEvent['type'],
    itemId: String(e.item_id),
    at: e.at,
    on: shanghaiDate(e.at) ?? e.at.slice(0, 10),
    actor: { id: e.actor_id ?? '', name: e.actor, role: e.role as ItemRole, unit: e.unit },
    to: JSON.parse(e.recipients) as string[],
    summary: e.summary,
  };
}

function itemOf(row: Pick<ItemRow, 'id' | 'version' | 'item_json'>, events: EventRow[]): SupervisionItem {
  const stored = JSON.parse(row.item_json) as Omit<SupervisionItem, 'history'>;
  return { ...stored, id: String(row.id), version: row.version, history: events.map(toHistory) };
}

function columns(item: SupervisionItem) {
  const { history: _history, ...rest } = item;
  const docId = item.source?.documentId ? Number(item.source.documentId) : null;
  return {
    title: item.title,
    text: item.source?.text ?? null,
    source: (docId !== null && Number.isInteger(docId) ? 'document' : 'manual') as 'manual' | 'document',
    document_id: docId !== null && Number.isInteger(docId) ? docId : null,
    e_id: item.source?.eId ?? null,
    citation: item.source?.citation ?? null,
    lead_unit: item.lead,
    support_units: JSON.stringify(item.supports),
    category: item.category,
    state: item.state,
    deadlines: item.deadlines ? JSON.stringify(item.deadlines) : null,
    due_on: item.dueOn,
    assigned_on: item.assignedOn,
    close_by: item.deadlines?.closeBy ?? null,
    // a 退回 no longer concerns a new lead unit after 改派 (the inbox's 被退回)
    returned_at: lastReturnAt(item),
    item_json: JSON.stringify(rest),
    version: item.version,
    updated_at: item.updatedAt,
    closed_at: item.closedAt,
    rating: item.review?.rating ?? null,
    // every write: the sweep looks at the item again at its next run (sweepStore.ts, the pre-filter)
    sweep_due_on: null,
    urges: urgeColumn(item.urges),
    first_due_on: itemFirstDueOn(item),
  };
}

function lightView(r: ReturnType<typeof lightFor>): LightView {
  return {
    light: r.light,
    label: LIGHT_LABELS[r.light],
    reasons: r.reasons,
    overdueDays: r.overdueDays,
    escalation: r.escalation,
    next: r.next ? { label: r.next.label, unit: r.next.unit, due: r.next.due } : null,
  };
}

/** `report`: the item's light when the caller has computed it already (the inbox needs it too). */
function summaryOf(
  row: ItemRow,
  item: SupervisionItem,
  now: string,
  settings: SupervisionSettings,
  report: ReturnType<typeof lightFor> = lightFor(item, now, settings),
): ItemSummary {
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    source: row.source,
    documentId: row.document_id,
    eId: row.e_id,
    citation: row.citation,
    commitmentId: row.commitment_id,
    lead: row.lead_unit,
    supports: JSON.parse(row.support_units) as string[],
    category: row.category,
    state: row.state as ItemState,
    stateLabel: STATE_LABELS[row.state as ItemState] ?? row.state,
    dueOn: row.due_on,
    assignedOn: row.assigned_on,
    closeBy: row.close_by,
    deadlines: parseJson<Deadlines>(row.deadlines),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    rating: row.rating,
    light: lightView(report),
  };
}

function timelineOf(e: EventRow): TimelineEvent {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    role: e.role,
    roleLabel: ROLE_LABELS[e.role as ItemRole] ?? e.role,
    unit: e.unit,
    action: e.action,
    actionLabel: e.action === 'draft' ? '立项' : (ACTION_LABELS[e.action as ActionType] ?? e.action),
    type: e.type,
    summary: e.summary,
    to: JSON.parse(e.recipients) as string[],
    payload: parseJson(e.payload),
    fromState: e.from_state,
    toState: e.to_state,
  };
}

async function loadRow(trx: Trx, tenant: string, id: number): Promise<ItemRow> {
  const row = await trx
    .selectFrom('supervision_items')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的督办事项`);
  return row;
}

async function loadEvents(trx: Trx, tenant: string, id: number): Promise<EventRow[]> {
  return trx
    .selectFrom('supervision_events')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('item_id', '=', id)
    .orderBy('seq')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// Writing

interface WriteContext {
  tenant: string;
  id: number;
  action: string;
  payload: unknown;
  fromState: ItemState | null;
}

/** The events' rows and, in the same transaction, their notifications (notices.ts; none for an empty `to`). */
async function writeEvents(trx: Trx, w: WriteContext, item: SupervisionItem, events: readonly SupervisionEvent[]) {
  if (events.length === 0) return;
  await trx
    .insertInto('supervision_events')
    .values(
      events.map((e) => ({
        tenant: w.tenant,
        item_id: w.id,
        seq: e.seq,
        at: e.at,
        actor: e.actor.name,
        actor_id: e.actor.id,
        role: e.actor.role,
        unit: e.actor.unit,
        action: w.action,
        type: e.type,
        summary: e.summary,
        recipients: JSON.stringify(e.to),
        payload: w.payload === undefined || w.payload === null ? null : JSON.stringify(w.payload),
        from_state: w.fromState,
        to_state: item.state,
      })),
    )
    .execute();
  // 县领导: the leaders in charge of the lead unit (分管) when recorded, else every leader
  const leaders = events.some((e) => e.to.includes('leader'))
    ? ((await leadersInCharge(trx, w.tenant, [item.lead])).get(item.lead) ?? [])
    : [];
  await notifyMany(trx, w.tenant, lifecycleNotices(item, events, leaders));
}

async function writeUnits(
  trx: Trx,
  tenant: string,
  id: number,
  before: SupervisionItem | null,
  after: SupervisionItem,
) {
  const same =
    before !== null &&
    before.units.length === after.units.length &&
    before.units.every((u, k) => u.unit === after.units[k]?.unit && u.role === after.units[k]?.role);
  if (!same) {
    // new item, or a draft whose units were edited: rewrite the rows
    await trx.deleteFrom('supervision_item_units').where('tenant', '=', tenant).where('item_id', '=', id).execute();
    await trx
      .insertInto('supervision_item_units')
      .values(
        after.units.map((u) => ({
          tenant,
          item_id: id,
          unit: u.unit,
          role: u.role,
          acknowledged_at: u.acknowledgedAt,
          ...unitRowColumns(after, u.unit),
        })),
      )
      .execute();
    return;
  }
  for (const [k, u] of after.units.entries()) {
    const columns = unitRowColumns(after, u.unit);
    if (
      u.acknowledgedAt !== before.units[k]?.acknowledgedAt ||
      JSON.stringify(columns) !== JSON.stringify(unitRowColumns(before, u.unit))
    ) {
      await trx
        .updateTable('supervision_item_units')
        .set({ acknowledged_at: u.acknowledgedAt, ...columns })
        .where('tenant', '=', tenant)
        .where('item_id', '=', id)
        .where('unit', '=', u.unit)
        .execute();
    }
  }
}

function beijing(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

/** The 409 message: the current state and who acted last since the caller loaded the item. */
async function conflictError(trx: Trx, tenant: string, id: number, expected: number): Promise<AppError> {
  const row = await loadRow(trx, tenant, id);
  const last = await trx
    .selectFrom('supervision_events')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('item_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const state = STATE_LABELS[row.state as ItemState] ?? row.state;
  const who = last
    ? `，最后由${last.actor}（${ROLE_LABELS[last.role as ItemRole] ?? last.role}${last.unit ? `，${last.unit}` : ''}）于 ${beijing(last.at)}“${last.action === 'draft' ? '立项' : (ACTION_LABELS[last.action as ActionType] ?? last.action)}”`
    : '';
  return new AppError(
    'CONFLICT',
    `该督办事项已被他人更新：当前状态为“${state}”${who}（您看到的是第 ${expected} 版，当前为第 ${row.version} 版）。请刷新后再操作。`,
    { field: 'version' },
    { state: row.state, version: row.version, lastActor: last?.actor ?? null, lastAction: last?.action ?? null },
  );
}

// ---------------------------------------------------------------------------------------------------------
// 立项 (manual entry)

export interface CreateItemInput {
  title: string;
  text?: string | null;
  category: Category;
  lead: string;
  supports?: string[];
  dueOn?: string | null;
  /** Assign (交办) in the same transaction; the assignment date is today (Asia/Shanghai). */
  assign?: boolean;
  source?: { documentId?: number | null; docNumber?: string | null; eId?: string | null; citation?: string | null };
  /** The reviewed commitment (task record) the item was created from: stored (unique) and in the audit row. */
  commitmentId?: number;
}

export interface WriteOptions {
  now?: Date;
  ip?: string | null;
  settings?: SupervisionSettings;
}

/** Register an item (县政府办), optionally assigning it at once; item, units, events and audit in one transaction. */
export async function createItem(
  target: Db,
  tenant: string,
  input: CreateItemInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<ItemDetail> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = opts.now ?? new Date();
  const id = await target.db
    .transaction()
    .execute((trx) => createItemIn(trx, tenant, input, actor, { ...opts, now, settings }));
  return getItem(target, tenant, id, actor, { now, settings });
}

/**
 * 立项 (and 交办 with `assign`) inside the caller's transaction: item, units, events and audit. Returns the new
 * item's id. Used by `createItem` and by the sources of items (sources.ts), which create many in one transaction.
 */
export async function createItemIn(
  trx: Trx,
  tenant: string,
  input: CreateItemInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<number> {
  const settings = opts.settings ?? (await getSupervisionSettings(trx, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const dueOn = input.dueOn ?? null;
  if (dueOn !== null) {
    const p = parseIsoDate(dueOn);
    if (!p.ok)
      throw new AppError('BAD_INPUT', `字段“dueOn”（要求办结时限）“${dueOn}”不是有效日期：${p.reason}。`, {
        field: 'dueOn',
      });
    if (compareDates(dueOn, today) < 0) {
      throw new AppError(
        'BAD_INPUT',
        `字段“dueOn”（要求办结时限）${dueOn} 早于交办日期 ${today}：要求办结时限不能早于交办日期。`,
        { field: 'dueOn' },
      );
    }
  }
  const sActor = supervisionActor(actor);
  const src = input.source ?? null;
  const text = input.text?.trim() || null;
  const drafted = draftItem(
    {
      id: 'new',
      title: input.title,
      category: input.category,
      lead: input.lead,
      supports: input.supports ?? [],
      dueOn,
      source:
        src || text
          ? {
              documentId: src?.documentId ? String(src.documentId) : null,
              docNumber: src?.docNumber ?? null,
              eId: src?.eId ?? null,
              citation: src?.citation ?? null,
              text,
            }
          : null,
    },
    sActor,
    now,
    settings,
  );
  if (!drafted.ok) throw refusalError(drafted.error);

  if (src?.documentId) {
    const doc = await trx
      .selectFrom('documents')
      .select('id')
      .where('tenant', '=', tenant)
      .where('id', '=', src.documentId)
      .executeTakeFirst();
    if (!doc)
      throw new AppError('BAD_INPUT', `字段“source.documentId”：未找到编号为 ${src.documentId} 的文件。`, {
        field: 'source.documentId',
      });
  }
  const cols = columns(drafted.item);
  const inserted = await trx
    .insertInto('supervision_items')
    .values({ tenant, ...cols, created_at: now, commitment_id: input.commitmentId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = inserted.id;
  const rename = (e: SupervisionEvent): SupervisionEvent => ({ ...e, itemId: String(id) });
  const item: SupervisionItem = { ...drafted.item, id: String(id), history: drafted.item.history.map(rename) };
  await writeUnits(trx, tenant, id, null, item);
  await writeEvents(trx, { tenant, id, action: 'draft', payload: null, fromState: null }, item, item.history);
  await recordAudit(trx, {
    tenant,
    actor,
    action: 'supervision:create',
    entity: 'supervision_item',
    entityId: id,
    after: {
      title: item.title,
      lead: item.lead,
      supports: item.supports,
      category: item.category,
      dueOn,
      ...(input.commitmentId ? { commitmentId: input.commitmentId } : {}),
    },
    ip: opts.ip ?? null,
    at: new Date(now),
  });
  if (input.assign) {
    const r = transition(item, { type: 'assign' }, sActor, now, settings);
    if (!r.ok) throw refusalError(r.error);
    await trx
      .updateTable('supervision_items')
      .set(columns(r.item))
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .execute();
    await writeUnits(trx, tenant, id, item, r.item);
    await writeEvents(trx, { tenant, id, action: 'assign', payload: null, fromState: item.state }, r.item, r.events);
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'supervision:assign',
      entity: 'supervision_item',
      entityId: id,
      before: { state: item.state, version: item.version },
      after: { state: r.item.state, version: r.item.version, deadlines: r.item.deadlines },
      ip: opts.ip ?? null,
      at: new Date(now),
    });
  }
  return id;
}

// ---------------------------------------------------------------------------------------------------------
// Acting on an item

export interface ActInput {
  action: ActionType;
  /** The action's fields (summary, evidence, reasons, rating …), as the lifecycle defines them. */
  payload?: Record<string, unknown> | null;
  /** The version the caller saw; a different current version answers 409. */
  expectedVersion: number;
}

/** The lead and supporting units of `of` for the audit row, when an action (改派, 调整配合单位) changed them. */
function unitsIfChanged(before: SupervisionItem, after: SupervisionItem, of: SupervisionItem) {
  const same = before.lead === after.lead && before.supports.join('\u0000') === after.supports.join('\u0000');
  return same ? {} : { lead: of.lead, supports: of.supports };
}

/**
 * Take one action on an item: load → transition() → write item + events + audit in one transaction.
 * 409 when the version moved; the lifecycle's Chinese refusal as 403 (role) or 400 (state, payload,
 * precondition) otherwise. A 403 refusal is audited (outcome denied).
 */
export async function act(
  target: Db,
  tenant: string,
  id: number,
  input: ActInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<ItemDetail> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const sActor = supervisionActor(actor);
  const payload = input.payload ?? {};
  let refused: { error: TransitionError; state: ItemState } | null = null;
  try {
    await target.db.transaction().execute(async (trx) => {
      const row = await loadRow(trx, tenant, id);
      if (row.version !== input.expectedVersion) throw await conflictError(trx, tenant, id, input.expectedVersion);
      const before = itemOf(row, await loadEvents(trx, tenant, id));
      const action = { ...payload, type: input.action } as Action;
      const r = transition(before, action, sActor, now, settings);
      if (!r.ok) {
        refused = { error: r.error, state: before.state };
        throw refusalError(r.error);
      }
      const updated = await trx
        .updateTable('supervision_items')
        .set(columns(r.item))
        .where('tenant', '=', tenant)
        .where('id', '=', id)
        .where('version', '=', input.expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw await conflictError(trx, tenant, id, input.expectedVersion);
      await writeUnits(trx, tenant, id, before, r.item);
      await writeEvents(trx, { tenant, id, action: input.action, payload, fromState: before.state }, r.item, r.events);
      await recordAudit(trx, {
        tenant,
        actor,
        action: `supervision:${input.action}`,
        entity: 'supervision_item',
        entityId: id,
        before: { state: before.state, version: before.version, ...unitsIfChanged(before, r.item, before) },
        after: {
          state: r.item.state,
          version: r.item.version,
          ...unitsIfChanged(before, r.item, r.item),
          events: r.events.map((e) => ({ seq: e.seq, type: e.type, summary: e.summary })),
        },
        ip: opts.ip ?? null,
        at: new Date(now),
      });
    });
  } catch (e) {
    const denied = refused as { error: TransitionError; state: ItemState } | null;
    if (denied && denied.error.code === 'FORBIDDEN') {
      await recordAudit(target, {
        tenant,
        actor,
        action: `supervision:${input.action}`,
        entity: 'supervision_item',
        entityId: id,
        after: { reason: denied.error.message, state: denied.state },
        ip: opts.ip ?? null,
        outcome: 'denied',
        at: new Date(now),
      });
    }
    throw e;
  }
  return getItem(target, tenant, id, actor, { now: new Date(now), settings });
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface ReadOptions {
  now?: Date;
  settings?: SupervisionSettings;
}

/** Lead and supporting units of an item (for the route's unit check), or NOT_FOUND. */
export async function itemUnits(target: Db, tenant: string, id: number): Promise<{ lead: string; supports: string[] }> {
  const row = await loadRow(target.db, tenant, id);
  return { lead: row.lead_unit, supports: JSON.parse(row.support_units) as string[] };
}

/** One item with its timeline, lights and the actions the viewer may take. */
export async function getItem(
  target: Db,
  tenant: string,
  id: number,
  viewer: Actor,
  opts: ReadOptions = {},
): Promise<ItemDetail> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const row = await loadRow(target.db, tenant, id);
  const events = await loadEvents(target.db, tenant, id);
  const item = itemOf(row, events);
  const actions = viewer.role === 'public' ? [] : availableActions(item, supervisionActor(viewer));
  return {
    ...summaryOf(row, item, now, settings),
    units: item.units,
    reports: item.reports,
    plan: item.plan,
    extensions: item.extensions,
    returns: item.returns,
    review: item.review,
    urges: item.urges,
    withdrawal: item.withdrawal ?? null,
    reassignments: item.reassignments ?? [],
    events: events.map(timelineOf),
    actions: actions.map((a) => ({ action: a, label: ACTION_LABELS[a] })),
  };
}

export interface ItemFilter {
  state?: ItemState;
  /** Lead or supporting unit. */
  unit?: string;
  light?: Light;
  /** Open items (交办 … 办理中) whose close-by date has passed. */
  overdue?: boolean;
}

/**
 * The filter in SQL. The light is computed in code (lights.ts), but its columns narrow it soundly: 'none' is
 * exactly “no deadlines, or not running” (立项, 办结, 归档); green needs a running item with deadlines; red and
 * yellow need an obligation still owed, i.e. 交办 … 办理中 with deadlines (申请办结 waives them: always green).
 */
function filteredItems(target: Db, tenant: string, filter: ItemFilter, today: IsoDate) {
  let q = target.db.selectFrom('supervision_items').where('tenant', '=', tenant);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.unit) {
    const unit = filter.unit;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('supervision_item_units').select('item_id').where('tenant', '=', tenant).where('unit', '=', unit),
    );
  }
  if (filter.overdue === true)
    q = q.where('state', 'in', ['assigned', 'acknowledged', 'in_progress']).where('close_by', '<', today);
  if (filter.overdue === false)
    q = q.where((eb) =>
      eb.or([
        eb('state', 'not in', ['assigned', 'acknowledged', 'in_progress']),
        eb('close_by', 'is', null),
        eb('close_by', '>=', today),
      ]),
    );
  if (filter.light === 'none')
    q = q.where((eb) => eb.or([eb('state', 'not in', [...OPEN_STATES]), eb('deadlines', 'is', null)]));
  if (filter.light === 'green') q = q.where('state', 'in', [...OPEN_STATES]).where('deadlines', 'is not', null);
  if (filter.light === 'red' || filter.light === 'yellow')
    q = q.where('state', 'in', ['assigned', 'acknowledged', 'in_progress']).where('deadlines', 'is not', null);
  return q;
}

/** Items, newest first, with their lights at `now` — all of them (the Excel export); screens use `listItemsPage`. */
export async function listItems(
  target: Db,
  tenant: string,
  filter: ItemFilter = {},
  opts: ReadOptions = {},
): Promise<ItemSummary[]> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const rows = await filteredItems(target, tenant, filter, today).selectAll().orderBy('id', 'desc').execute();
  const out = rows.map((row) => summaryOf(row, itemOf(row, []), now, settings));
  return filter.light ? out.filter((s) => s.light.light === filter.light) : out;
}

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface ItemListPage {
  items: ItemSummary[];
  /** Items matching the filter, over all pages. */
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of the items, newest first (id desc: a total, stable order), and how many match. Without a light
 * filter, or with light 'none' (decided by the columns alone), SQL counts and pages. With green, yellow or red,
 * SQL narrows to the items that can have that light (see filteredItems), the lights are computed for those at
 * `now`, and the matching ones are counted and sliced; only the page is formatted. A page past the last one is
 * empty (with the total).
 */
export async function listItemsPage(
  target: Db,
  tenant: string,
  filter: ItemFilter,
  pageRequest: PageRequest,
  opts: ReadOptions = {},
): Promise<ItemListPage> {
  const { page, pageSize } = pageRequest;
  if (!Number.isInteger(page) || page < 1)
    throw new AppError('BAD_INPUT', `页码（page）应为从 1 开始的整数：${page}`, { field: 'page' });
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new AppError('BAD_INPUT', `每页条数（pageSize）应为正整数：${pageSize}`, { field: 'pageSize' });
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const offset = (page - 1) * pageSize;
  if (!filter.light || filter.light === 'none') {
    const count = await filteredItems(target, tenant, filter, today)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await filteredItems(target, tenant, filter, today)
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute();
    const items = rows.map((row) => summaryOf(row, itemOf(row, []), now, settings));
    return { items, total: Number(count.n), page, pageSize };
  }
  const rows = await filteredItems(target, tenant, filter, today).selectAll().orderBy('id', 'desc').execute();
  const matching: { row: ItemRow; item: SupervisionItem; report: ReturnType<typeof lightFor> }[] = [];
  for (const row of rows) {
    const item = itemOf(row, []);
    const report = lightFor(item, now, settings);
    if (report.light === filter.light) matching.push({ row, item, report });
  }
  const shown = matching.slice(offset, offset + pageSize);
  const items = shown.map((m) => summaryOf(m.row, m.item, now, settings, m.report));
  return { items, total: matching.length, page, pageSize };
}

export interface InboxEntry extends ItemSummary {
  /** The unit's role on the item. */
  unitRole: 'lead' | 'support';
  /** Why it is in the inbox, in Chinese (this unit's overdue or nearly due obligations). */
  notes: string[];
}

export type InboxList = 'toSign' | 'overdue' | 'dueSoon' | 'returned';

export interface Inbox {
  unit: string;
  /** 待签收: assigned to the unit, not yet signed for. */
  toSign: InboxEntry[];
  /** 已逾期: an obligation of this unit is past its date. */
  overdue: InboxEntry[];
  /** 即将到期: an obligation of this unit is nearly due (yellow). */
  dueSoon: InboxEntry[];
  /** 被退回: the office returned the closure request; the lead must rework and apply again. */
  returned: InboxEntry[];
  /** How many items each list holds; a list shows its first `limit` (earliest close-by date first). */
  totals: Record<InboxList, number>;
  limit: number;
}

export const INBOX_LIMIT = { default: 50, max: 500 } as const;

/**
 * A liaison's inbox, classified at `now`, in three reads: (1) the unit's rows that can be listed today (the
 * pre-filter, inboxAttention.ts) with their columns only — 待签收, 被退回 and 已逾期 (first_due_on before today) are
 * decided there; (2) the lifecycle JSON of the rows that may be nearly due (first_due_on from today to the
 * horizon), classified by lights.ts; (3) the full rows of the entries shown, each list cut at `limit` (default 50,
 * earliest close-by date first) with `totals` counting all.
 */
export async function inbox(
  target: Db,
  tenant: string,
  unit: string,
  opts: ReadOptions & { limit?: number } = {},
): Promise<Inbox> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const horizon = inboxHorizon(today, settings);
  const limit = opts.limit ?? INBOX_LIMIT.default;
  // (1) the unit's rows alone (no join: the row carries what the lists need), by (tenant, unit, attention_on)
  const rows = await target.db
    .selectFrom('supervision_item_units')
    .where('tenant', '=', tenant)
    .where('unit', '=', unit)
    .where('attention_on', '<=', horizon)
    .select(['item_id as id', 'role', 'acknowledged_at', 'first_due_on', 'returned'])
    .orderBy('close_by')
    .orderBy('item_id')
    .execute();
  const late = (r: (typeof rows)[number]) => r.first_due_on !== null && r.first_due_on < today;
  // the full rows of some items, each with its light at `now` (read once, whether for (2), (3) or both)
  const read = new Map<number, { row: ItemRow; item: SupervisionItem; report: ReturnType<typeof lightFor> }>();
  const readItems = async (ids: number[]) => {
    for (const chunk of chunks(
      ids.filter((id) => !read.has(id)),
      1,
    )) {
      const full = await target.db
        .selectFrom('supervision_items')
        .selectAll()
        .where('tenant', '=', tenant)
        .where('id', 'in', chunk)
        .execute();
      for (const row of full) {
        const item = itemOf(row, []);
        read.set(row.id, { row, item, report: lightFor(item, now, settings) });
      }
    }
  };
  // (2) nearly due: only lights.ts can tell (the yellow window is at most half the obligation's period)
  const maybeSoon = rows.filter((r) => !late(r) && r.first_due_on !== null && r.first_due_on <= horizon);
  await readItems(maybeSoon.map((r) => r.id));
  const soon = new Set<number>();
  for (const r of maybeSoon)
    if (read.get(r.id)?.report.obligations.some((o) => o.unit === unit && o.status === 'due_soon')) soon.add(r.id);
  const lists: Record<InboxList, number[]> = { toSign: [], overdue: [], dueSoon: [], returned: [] };
  const totals: Record<InboxList, number> = { toSign: 0, overdue: 0, dueSoon: 0, returned: 0 };
  const roles = new Map<number, 'lead' | 'support'>();
  for (const row of rows) {
    const member: InboxList[] = [];
    if (row.acknowledged_at === null) member.push('toSign');
    if (late(row)) member.push('overdue');
    else if (soon.has(row.id)) member.push('dueSoon');
    if (row.returned) member.push('returned');
    for (const list of member) {
      totals[list]++;
      if (lists[list].length >= limit) continue;
      lists[list].push(row.id);
      roles.set(row.id, row.role);
    }
  }
  // (3) the entries shown
  await readItems([...roles.keys()]);
  const entries = new Map<number, InboxEntry>();
  for (const [id, role] of roles) {
    const r = read.get(id);
    if (!r) continue;
    entries.set(id, {
      ...summaryOf(r.row, r.item, now, settings, r.report),
      unitRole: role,
      notes: inboxNotes(r.item, r.report, unit),
    });
  }
  const entry = (id: number) => entries.get(id) as InboxEntry;
  return {
    unit,
    toSign: lists.toSign.map(entry),
    overdue: lists.overdue.map(entry),
    dueSoon: lists.dueSoon.map(entry),
    returned: lists.returned.map(entry),
    totals,
    limit,
  };
}

/** Why the item is in the unit's inbox: its overdue, then nearly due obligations, in Chinese. */
function inboxNotes(item: SupervisionItem, report: ReturnType<typeof lightFor>, unit: string): string[] {
  const mine = report.obligations.filter((o) => o.unit === unit);
  const u = unitLabel(item.deadlines?.counting ?? 'working');
  return [
    ...mine
      .filter((o) => o.status === 'overdue')
      .map((o) => `${o.label}时限 ${o.due} 已过${o.days ? `，逾期 ${o.days} ${u}` : ''}`),
    ...mine.filter((o) => o.status === 'due_soon').map((o) => `${o.label}时限 ${o.due} 临近`),
  ];
}

/** The items already pointing at a document: commitment, eId and title, for the sources' idempotency check. */
export async function documentItemKeys(
  target: Db,
  tenant: string,
  documentId: number,
): Promise<{ id: number; commitmentId: number | null; eId: string | null; title: string }[]> {
  const rows = await target.db
    .selectFrom('supervision_items')
    .select(['id', 'commitment_id', 'e_id', 'title'])
    .where('tenant', '=', tenant)
    .where('document_id', '=', documentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, commitmentId: r.commitment_id, eId: r.e_id, title: r.title }));
}
