// Storage of the meetings capability. Only this file touches the meeting tables. Every change is load → the pure
// transition() (lifecycle.ts) → write the meeting, its event and the audit record in ONE transaction, guarded by
// the meeting's version (UPDATE … WHERE version = expected; 409 when stale). When the minutes become signed, each
// decision becomes an assigned supervision item (13710) through the supervision store's createItemIn, in the same
// transaction: a refusal there (e.g. a decision's date already past) rolls the signature back.
//
//   meeting_officials  the leadership roster (post, 分管 units, linked leader account)
//   meetings           one row per meeting: columns for lists + the state as JSON
//   meeting_events     append-only timeline
//   meeting_requests   第二十五条 county-wide meeting requests with their 10-working-day check
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { type IsoDate, parseIsoDate, shanghaiDate } from '../calendar/dates.ts';
import type { CalendarOverrides } from '../calendar/workdays.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import { getSupervisionSettings } from '../supervision/settingsStore.ts';
import { createItemIn } from '../supervision/store.ts';
import {
  countywideRequest,
  executiveCadence,
  type Finding,
  type IssueClock,
  issueClock,
  type MaterialsStatus,
  type MonthCadence,
  materialsStatus,
  meetingFindings,
  type StudyPeriod,
  studyCadence,
} from './clocks.ts';
import {
  ACTION_LABELS,
  availableActions,
  type MeetingAction,
  type MeetingActionType,
  type MeetingContext,
  type PlanInput,
  planMeeting,
  transition,
  withDecisionItems,
} from './lifecycle.ts';
import { KIND_RULES, type Official, POST_LABELS, POSTS, type Post } from './rules.ts';
import type { MeetingsTable } from './schema.ts';
import {
  MEETING_STATE_LABELS,
  type Meeting,
  type MeetingActor,
  type MeetingEvent,
  MINUTES_STATE_LABELS,
  type TransitionError,
} from './types.ts';

type Trx = Kysely<Database>;
type MeetingRow = Selectable<MeetingsTable>;

export interface WriteOptions {
  now?: Date;
  ip?: string | null;
}

function refusal(error: TransitionError): AppError {
  const code = error.code === 'FORBIDDEN' ? 'FORBIDDEN' : error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_INPUT';
  // the lifecycle names the field in its message (字段“decisions.0.lead”：…); carry it as the error's location
  const field = /字段“([A-Za-z][\w.]*)”/.exec(error.message)?.[1];
  return new AppError(code, error.message, field ? { field } : {}, { reason: error.code });
}

// ---------------------------------------------------------------------------------------------------------
// Roster

export interface OfficialView extends Official {
  postLabel: string;
  userId: number | null;
}

export interface OfficialInput {
  name: string;
  post: Post;
  oversees: string[];
  userId?: number | null;
}

async function roster(db: Kysely<Database>, tenant: string): Promise<OfficialView[]> {
  const rows = await db
    .selectFrom('meeting_officials')
    .selectAll()
    .where('tenant', '=', tenant)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    name: r.name,
    post: r.post as Post,
    postLabel: POST_LABELS[r.post as Post] ?? r.post,
    oversees: JSON.parse(r.oversees) as string[],
    userId: r.user_id,
  }));
}

export function listOfficials(target: Db, tenant: string): Promise<OfficialView[]> {
  return roster(target.db, tenant);
}

/** Register (id null) or update an official; one 县长 at a time; a leader account links to at most one official. */
export async function saveOfficial(
  target: Db,
  tenant: string,
  id: number | null,
  input: OfficialInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<OfficialView> {
  const now = (opts.now ?? new Date()).toISOString();
  const name = input.name.trim();
  if (!name) throw new AppError('BAD_INPUT', '字段“name”：请填写领导姓名', { field: 'name' });
  if (!POSTS.includes(input.post))
    throw new AppError('BAD_INPUT', `字段“post”：职务应为 ${POSTS.join('、')} 之一`, { field: 'post' });
  const oversees = [...new Set(input.oversees.map((u) => u.trim()).filter(Boolean))];
  const savedId = await target.db.transaction().execute(async (trx) => {
    const current = await roster(trx, tenant);
    const before = id === null ? null : current.find((o) => o.id === String(id));
    if (id !== null && !before) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的县政府领导`);
    if (input.post === 'county_head' && current.some((o) => o.post === 'county_head' && o.id !== String(id)))
      throw new AppError(
        'BAD_INPUT',
        '字段“post”：名册中已有县长，请先修改原县长的记录（第五条：县人民政府实行县长负责制）',
        {
          field: 'post',
        },
      );
    const userId = input.userId ?? null;
    if (userId !== null) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'role'])
        .where('tenant', '=', tenant)
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) throw new AppError('BAD_INPUT', `字段“userId”：未找到编号为 ${userId} 的用户`, { field: 'userId' });
      if (user.role !== 'leader')
        throw new AppError('BAD_INPUT', '字段“userId”：只有“领导”角色的账号可以关联县政府领导', { field: 'userId' });
      if (current.some((o) => o.userId === userId && o.id !== String(id)))
        throw new AppError('BAD_INPUT', '字段“userId”：该账号已关联其他县政府领导', { field: 'userId' });
    }
    const values = { name, post: input.post, oversees: JSON.stringify(oversees), user_id: userId, updated_at: now };
    let newId: number;
    if (id === null) {
      const r = await trx
        .insertInto('meeting_officials')
        .values({ tenant, ...values, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      newId = r.id;
    } else {
      await trx
        .updateTable('meeting_officials')
        .set(values)
        .where('tenant', '=', tenant)
        .where('id', '=', id)
        .execute();
      newId = id;
    }
    await recordAudit(trx, {
      tenant,
      actor,
      action: id === null ? 'meeting:official_create' : 'meeting:official_update',
      entity: 'meeting_official',
      entityId: newId,
      before: before
        ? { name: before.name, post: before.post, oversees: before.oversees, userId: before.userId }
        : null,
      after: { name, post: input.post, oversees, userId },
      ip: opts.ip ?? null,
      at: new Date(now),
    });
    return newId;
  });
  const all = await roster(target.db, tenant);
  return all.find((o) => o.id === String(savedId)) as OfficialView;
}

/** The signed-in account as the meetings' actor: admin → 县政府办; leader → the official linked to the account. */
export async function meetingActorOf(target: Db | Trx, tenant: string, actor: Actor): Promise<MeetingActor> {
  const db = 'db' in target ? target.db : target;
  const name = actor.displayName || actor.username || '未知用户';
  const id = actor.id === null ? 'anonymous' : String(actor.id);
  if (actor.role === 'admin') return { kind: 'office', id, name };
  if (actor.role === 'liaison') return { kind: 'unit', id, name, unit: actor.unit ?? '（未绑定单位）' };
  if (actor.role === 'leader' && actor.id !== null) {
    const list = await roster(db, tenant);
    const o = list.find((x) => x.userId === actor.id);
    if (o)
      return { kind: 'official', id, name, official: { id: o.id, name: o.name, post: o.post, oversees: o.oversees } };
  }
  return { kind: 'leader', id, name };
}

// ---------------------------------------------------------------------------------------------------------
// Shapes returned to routes

export interface MeetingSummary {
  id: number;
  kind: string;
  kindLabel: string;
  title: string;
  date: IsoDate;
  state: string;
  stateLabel: string;
  minutesState: string | null;
  minutesStateLabel: string | null;
  convener: string;
  topics: number;
  majorTopics: number;
  version: number;
}

export interface MeetingDetail extends MeetingSummary {
  meeting: Omit<Meeting, 'history'>;
  rule: (typeof KIND_RULES)[keyof typeof KIND_RULES];
  events: (MeetingEvent & { actionLabel: string })[];
  findings: Finding[];
  materials: Record<string, MaterialsStatus>;
  /** Issue clocks per topic id, in the order of the topic's documents. */
  issueClocks: Record<string, IssueClock[]>;
  actions: { action: MeetingActionType; label: string }[];
  /** The viewer as the meetings see it (office, official with post, unit …). */
  viewer: { kind: MeetingActor['kind']; label: string; officialId: string | null };
}

function meetingOf(row: MeetingRow, events: MeetingEvent[]): Meeting {
  const stored = JSON.parse(row.meeting_json) as Omit<Meeting, 'history'>;
  return { ...stored, id: String(row.id), version: row.version, history: events };
}

function summaryOf(row: MeetingRow, m: Meeting): MeetingSummary {
  const rule = KIND_RULES[m.kind];
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: rule?.label ?? row.kind,
    title: row.title,
    date: row.date,
    state: row.state,
    stateLabel: MEETING_STATE_LABELS[m.state] ?? row.state,
    minutesState: row.minutes_state,
    minutesStateLabel: m.minutes ? MINUTES_STATE_LABELS[m.minutes.state] : null,
    convener: row.convener,
    topics: m.topics.length,
    majorTopics: m.topics.filter((t) => t.classification.major && t.state !== 'declined' && t.state !== 'withdrawn')
      .length,
    version: row.version,
  };
}

function columns(m: Meeting) {
  const { history: _h, ...rest } = m;
  return {
    kind: m.kind,
    title: m.title,
    date: m.date,
    state: m.state,
    minutes_state: m.minutes?.state ?? null,
    convener: m.convener.name,
    meeting_json: JSON.stringify(rest),
    version: m.version,
    updated_at: m.updatedAt,
  };
}

async function loadRow(db: Kysely<Database>, tenant: string, id: number): Promise<MeetingRow> {
  const row = await db
    .selectFrom('meetings')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的会议`);
  return row;
}

async function loadEvents(db: Kysely<Database>, tenant: string, id: number): Promise<MeetingEvent[]> {
  const rows = await db
    .selectFrom('meeting_events')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('meeting_id', '=', id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, summary: r.summary }));
}

async function writeEvent(trx: Trx, tenant: string, id: number, e: MeetingEvent, actor: Actor, payload: unknown) {
  await trx
    .insertInto('meeting_events')
    .values({
      tenant,
      meeting_id: id,
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      actor_id: actor.id,
      action: e.action,
      summary: e.summary,
      payload: payload === undefined || payload === null ? null : JSON.stringify(payload),
    })
    .execute();
}

function context(now: string, list: readonly Official[], calendar: CalendarOverrides): MeetingContext {
  return { now, roster: list.map((o) => ({ id: o.id, name: o.name, post: o.post, oversees: o.oversees })), calendar };
}

/** The county's working-day calendar (its overrides of the official schedule), kept with the supervision settings. */
async function countyCalendar(db: Kysely<Database>, tenant: string): Promise<CalendarOverrides> {
  return (await getSupervisionSettings(db, tenant)).calendar;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** Plan a meeting (县政府办): meeting, first event and audit in one transaction. */
export async function createMeeting(
  target: Db,
  tenant: string,
  input: PlanInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<MeetingDetail> {
  const now = (opts.now ?? new Date()).toISOString();
  const id = await target.db.transaction().execute(async (trx) => {
    const list = await roster(trx, tenant);
    const mActor = await meetingActorOf(trx, tenant, actor);
    const r = planMeeting(input, mActor, context(now, list, []));
    if (!r.ok) throw refusal(r.error);
    const inserted = await trx
      .insertInto('meetings')
      .values({ tenant, ...columns(r.meeting), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = r.meeting.history[0] as MeetingEvent;
    await writeEvent(trx, tenant, inserted.id, event, actor, input);
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'meeting:plan',
      entity: 'meeting',
      entityId: inserted.id,
      after: { kind: input.kind, title: r.meeting.title, date: r.meeting.date, convener: r.meeting.convener.name },
      ip: opts.ip ?? null,
      at: new Date(now),
    });
    return inserted.id;
  });
  return getMeeting(target, tenant, id, actor, { now: new Date(now) });
}

export interface ActInput {
  action: MeetingAction;
  expectedVersion: number;
}

/** The account that registers supervision items from signed minutes: the county office, on the minutes' authority. */
function officeFor(signer: string): Actor {
  return {
    id: null,
    username: null,
    displayName: `县政府办（依据${signer}签发的会议纪要立项）`,
    role: 'admin',
    unit: null,
  };
}

/**
 * One action on a meeting: load → transition() → meeting + event + audit (+ supervision items when the minutes
 * become signed) in one transaction. 409 when the version moved; the lifecycle's refusal as 403/400/404 (a 403
 * is audited as denied).
 */
export async function actOnMeeting(
  target: Db,
  tenant: string,
  id: number,
  input: ActInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<MeetingDetail> {
  const now = (opts.now ?? new Date()).toISOString();
  let denied: TransitionError | null = null;
  try {
    await target.db.transaction().execute(async (trx) => {
      const row = await loadRow(trx, tenant, id);
      if (row.version !== input.expectedVersion) throw conflict(row, input.expectedVersion);
      const before = meetingOf(row, await loadEvents(trx, tenant, id));
      const list = await roster(trx, tenant);
      const mActor = await meetingActorOf(trx, tenant, actor);
      const r = transition(before, input.action, mActor, context(now, list, await countyCalendar(trx, tenant)));
      if (!r.ok) {
        if (r.error.code === 'FORBIDDEN') denied = r.error;
        throw refusal(r.error);
      }
      let after = r.meeting;
      const becameSigned = before.minutes?.state !== 'signed' && after.minutes?.state === 'signed';
      const created: { decision: string; itemId: number }[] = [];
      if (becameSigned && after.minutes) {
        const signer = after.minutes.headReview?.name ?? after.minutes.signedBy?.name ?? '';
        const office = officeFor(signer);
        const ids = new Map<string, number>();
        for (const d of after.minutes.decisions) {
          const topic = d.topicId ? after.topics.find((t) => t.id === d.topicId) : undefined;
          try {
            const itemId = await createItemIn(
              trx,
              tenant,
              {
                title: d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text,
                text: d.text,
                category: topic?.classification.major ? 'major' : 'ordinary',
                lead: d.lead,
                supports: d.supports,
                dueOn: d.dueOn,
                assign: true,
                source: { citation: `${after.title}（${after.date}）纪要 决定事项${d.id.slice(1)}` },
              },
              office,
              { now: new Date(now), ip: opts.ip ?? null },
            );
            ids.set(d.id, itemId);
            created.push({ decision: d.id, itemId });
          } catch (e) {
            if (e instanceof AppError)
              throw new AppError(
                e.code,
                `纪要第 ${d.id.slice(1)} 项决定事项“${d.text.slice(0, 30)}”不能生成督办事项：${e.message}纪要未签发。`,
                { field: `decisions.${Number(d.id.slice(1)) - 1}` },
              );
            throw e;
          }
        }
        after = withDecisionItems(after, ids);
      }
      const updated = await trx
        .updateTable('meetings')
        .set(columns(after))
        .where('tenant', '=', tenant)
        .where('id', '=', id)
        .where('version', '=', input.expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw conflict(await loadRow(trx, tenant, id), input.expectedVersion);
      const { type: _t, ...payload } = input.action as MeetingAction & Record<string, unknown>;
      await writeEvent(trx, tenant, id, r.event, actor, Object.keys(payload).length ? payload : null);
      await recordAudit(trx, {
        tenant,
        actor,
        action: `meeting:${input.action.type}`,
        entity: 'meeting',
        entityId: id,
        before: { state: before.state, minutes: before.minutes?.state ?? null, version: before.version },
        after: {
          state: after.state,
          minutes: after.minutes?.state ?? null,
          version: after.version,
          summary: r.event.summary,
          ...(created.length ? { supervisionItems: created } : {}),
        },
        ip: opts.ip ?? null,
        at: new Date(now),
      });
    });
  } catch (e) {
    const d = denied as TransitionError | null;
    if (d) {
      await recordAudit(target.db, {
        tenant,
        actor,
        action: `meeting:${input.action.type}`,
        entity: 'meeting',
        entityId: id,
        after: { reason: d.message },
        ip: opts.ip ?? null,
        outcome: 'denied',
        at: new Date(now),
      });
    }
    throw e;
  }
  return getMeeting(target, tenant, id, actor, { now: new Date(now) });
}

function conflict(row: MeetingRow, expected: number): AppError {
  return new AppError(
    'CONFLICT',
    `该会议已被他人更新（您看到的是第 ${expected} 版，当前为第 ${row.version} 版，会议状态“${MEETING_STATE_LABELS[row.state as Meeting['state']] ?? row.state}”）。请刷新后再操作。`,
    { field: 'version' },
    { version: row.version, state: row.state },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface ReadOptions {
  now?: Date;
}

export async function getMeeting(
  target: Db,
  tenant: string,
  id: number,
  viewer: Actor,
  opts: ReadOptions = {},
): Promise<MeetingDetail> {
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const row = await loadRow(target.db, tenant, id);
  const m = meetingOf(row, await loadEvents(target.db, tenant, id));
  const list = await roster(target.db, tenant);
  const mActor = await meetingActorOf(target, tenant, viewer);
  const calendar = await countyCalendar(target.db, tenant);
  const actions = viewer.role === 'public' ? [] : availableActions(m, mActor, context(now, list, calendar));
  const { history, ...meeting } = m;
  const materials: Record<string, MaterialsStatus> = {};
  const clocks: Record<string, IssueClock[]> = {};
  for (const t of m.topics) {
    if (t.state === 'set') materials[t.id] = materialsStatus(t, m.date, today, calendar);
    if (t.outcome?.documents.length) clocks[t.id] = t.outcome.documents.map((d) => issueClock(d, today, calendar));
  }
  return {
    ...summaryOf(row, m),
    meeting,
    rule: KIND_RULES[m.kind],
    events: history.map((e) => ({ ...e, actionLabel: ACTION_LABELS[e.action as MeetingActionType] ?? e.action })),
    findings: meetingFindings(m, today, calendar),
    materials,
    issueClocks: clocks,
    actions: actions.map((a) => ({ action: a, label: ACTION_LABELS[a] })),
    viewer: {
      kind: mActor.kind,
      label:
        mActor.kind === 'official'
          ? `${mActor.official.name}（${POST_LABELS[mActor.official.post]}）`
          : mActor.kind === 'unit'
            ? `${mActor.name}（${mActor.unit}）`
            : mActor.kind === 'office'
              ? `${mActor.name}（县政府办）`
              : `${mActor.name}（未登记为县政府领导）`,
      officialId: mActor.kind === 'official' ? mActor.official.id : null,
    },
  };
}

export interface MeetingFilter {
  from?: IsoDate;
  to?: IsoDate;
  kind?: string;
}

export async function listMeetings(target: Db, tenant: string, filter: MeetingFilter = {}): Promise<MeetingSummary[]> {
  let q = target.db.selectFrom('meetings').selectAll().where('tenant', '=', tenant);
  if (filter.from) q = q.where('date', '>=', filter.from);
  if (filter.to) q = q.where('date', '<=', filter.to);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('date', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => summaryOf(r, meetingOf(r, [])));
}

export interface Cadence {
  year: number;
  executive: MonthCadence[];
  study: StudyPeriod[];
}

/** 第二十条 (常务会议 2—3 a month) and 第二十六条 (专题学习 every two months) for a year, up to today. */
export async function cadence(target: Db, tenant: string, year: number, opts: ReadOptions = {}): Promise<Cadence> {
  const today = shanghaiDate((opts.now ?? new Date()).toISOString()) as IsoDate;
  const rows = await target.db
    .selectFrom('meetings')
    .select(['kind', 'date', 'state'])
    .where('tenant', '=', tenant)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  const ms = rows.map((r) => ({ kind: r.kind as Meeting['kind'], date: r.date, state: r.state as Meeting['state'] }));
  const lastMonth = today.startsWith(String(year)) ? today.slice(0, 7) : `${year}-12`;
  const executive = Number(today.slice(0, 4)) < year ? [] : executiveCadence(ms, `${year}-01`, lastMonth);
  return { year, executive, study: studyCadence(ms, year, today) };
}

// ---------------------------------------------------------------------------------------------------------
// 第二十五条 county-wide meeting requests

export interface RequestInput {
  unit: string;
  title: string;
  meetingDate: string;
  submittedOn: string;
}

export interface RequestView {
  id: number;
  unit: string;
  title: string;
  meetingDate: IsoDate;
  submittedOn: IsoDate;
  onTime: boolean;
  latest: IsoDate;
  message: string;
  createdBy: string;
  createdAt: string;
}

export async function recordRequest(
  target: Db,
  tenant: string,
  input: RequestInput,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<RequestView> {
  const now = (opts.now ?? new Date()).toISOString();
  for (const [field, v] of [
    ['meetingDate', input.meetingDate],
    ['submittedOn', input.submittedOn],
  ] as const) {
    const p = parseIsoDate(v);
    if (!p.ok) throw new AppError('BAD_INPUT', `字段“${field}”：“${v}”不是有效日期（${p.reason}）`, { field });
  }
  if (input.submittedOn > input.meetingDate)
    throw new AppError(
      'BAD_INPUT',
      `字段“submittedOn”：报送日期 ${input.submittedOn} 晚于会议日期 ${input.meetingDate}`,
      {
        field: 'submittedOn',
      },
    );
  const check = countywideRequest(input.meetingDate, input.submittedOn, await countyCalendar(target.db, tenant));
  const createdBy = actor.displayName || actor.username || '未知用户';
  const id = await target.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('meeting_requests')
      .values({
        tenant,
        unit: input.unit,
        title: input.title,
        meeting_date: input.meetingDate,
        submitted_on: input.submittedOn,
        on_time: check.ok ? 1 : 0,
        latest: check.latest,
        message: check.message,
        created_by: createdBy,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'meeting:request',
      entity: 'meeting_request',
      entityId: r.id,
      after: { unit: input.unit, title: input.title, meetingDate: input.meetingDate, onTime: check.ok },
      ip: opts.ip ?? null,
      at: new Date(now),
    });
    return r.id;
  });
  return (await listRequests(target, tenant)).find((x) => x.id === id) as RequestView;
}

export async function listRequests(target: Db, tenant: string): Promise<RequestView[]> {
  const rows = await target.db
    .selectFrom('meeting_requests')
    .selectAll()
    .where('tenant', '=', tenant)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unit: r.unit,
    title: r.title,
    meetingDate: r.meeting_date,
    submittedOn: r.submitted_on,
    onTime: r.on_time === 1,
    latest: r.latest,
    message: r.message,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}
