// Stored 会签 requests (襄政发〔2023〕7号 第三十一条: “一般应在7个工作日内回复……逾期不回复视为无不同意见”). The only
// file that touches countersign_requests / countersign_replies (migration 0016_countersign).
//
//   createCountersign  the county office sends a draft title to N units on a date: the due date is computed once
//                      (countersignClock with the county's calendar overrides, getSupervisionSettings) and frozen,
//                      like the supervision deadlines; the asked units are notified (docflow.countersign).
//   replyCountersign   a unit answers 同意 (agree) or 有不同意见 (objection, with its text) up to and including the
//                      due day; the lead office is notified (docflow.countersign-reply).
//   getCountersign / listCountersigns
//                      read — and, in the same transaction, RECORD every silence past its due day as 视为无异议
//                      (answer no-objection, recorded_at), +1 version and an audit row `countersign:no-objection`
//                      per request (actor 系统:会签时钟). Lazy on read, so no scheduler is needed: whatever reads
//                      the request first (screen, API, a reply attempt is refused without writing) persists it.
// Every action is one transaction with its audit row; a stale expectedVersion answers 409.
import type { Kysely, Selectable } from 'kysely';
import { type AuditActor, recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { compareDates, type IsoDate, shanghaiDate } from '../calendar/dates.ts';
import { type CalendarOverrides, workdaysBetween } from '../calendar/workdays.ts';
import { notify } from '../notifications/index.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import { unitChecker } from '../supervision/ledgerStore.ts';
import { getSupervisionSettings } from '../supervision/settingsStore.ts';
import { COUNTERSIGN_WORKDAYS, countersignClock } from './rules.ts';
import type { CountersignAnswer, CountersignRepliesTable, CountersignRequestsTable } from './schema.ts';

export const ANSWER_LABELS: Record<CountersignAnswer, string> = {
  pending: '待回复',
  agree: '同意',
  objection: '有不同意见',
  'no-objection': '视为无异议',
};

export const COUNTERSIGN_CLOCK_ACTOR: AuditActor = { id: null, name: '系统:会签时钟', role: 'system' };

export interface CountersignInput {
  title: string;
  /** The drafting department (主办部门). */
  leadUnit: string;
  /** The units asked to countersign. */
  units: string[];
  sentOn: IsoDate;
  /** The lead department's own limit in working days; default 7. */
  workdays?: number;
  agreedDueOn?: IsoDate | null;
}

export interface ReplyInput {
  unit: string;
  answer: 'agree' | 'objection';
  opinion?: string | null;
  /** The version the replier saw; a different current version answers 409. */
  expectedVersion?: number;
}

export interface UnitClock {
  status: 'pending' | 'replied' | 'no-objection';
  /** Working days left until the due day (0 on the due day) while pending; else null. */
  workdaysLeft: number | null;
  message: string;
}

export interface CountersignUnitView {
  unit: string;
  answer: CountersignAnswer;
  answerLabel: string;
  opinion: string | null;
  repliedOn: string | null;
  repliedBy: string | null;
  recordedAt: string | null;
  clock: UnitClock;
}

export interface CountersignView {
  id: number;
  title: string;
  leadUnit: string;
  sentOn: string;
  workdays: number;
  agreedDueOn: string | null;
  dueOn: string;
  /** False when the due date rests on an estimated holiday calendar. */
  official: boolean;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  units: CountersignUnitView[];
  /** Counts per answer. */
  counts: Record<CountersignAnswer, number>;
  /** True when every unit has an answer (replied or recorded as no objection). */
  complete: boolean;
}

export interface StoreOptions {
  now?: Date;
  ip?: string | null;
}

type ActorLike = Actor | AuditActor;
type Trx = Kysely<Database>;

function actorName(actor: ActorLike): string {
  return 'displayName' in actor ? actor.displayName || actor.username || '未知用户' : actor.name;
}

function todayOf(now: Date): IsoDate {
  return shanghaiDate(now.toISOString()) as IsoDate;
}

const MAX_UNITS = 60;

function unitClock(
  req: Selectable<CountersignRequestsTable>,
  r: Selectable<CountersignRepliesTable>,
  today: IsoDate,
  overrides: CalendarOverrides,
): UnitClock {
  const limit = req.agreed_due_on ? `商定的回复日期 ${req.due_on}` : `${req.workdays} 个工作日内（${req.due_on} 前）`;
  if (r.answer === 'agree' || r.answer === 'objection')
    return {
      status: 'replied',
      workdaysLeft: null,
      message: `已于 ${r.replied_on} 回复：${ANSWER_LABELS[r.answer]}。`,
    };
  if (r.answer === 'no-objection')
    return {
      status: 'no-objection',
      workdaysLeft: null,
      message: `未在${limit}回复，按第三十一条视为无不同意见。`,
    };
  if (compareDates(today, req.due_on) <= 0) {
    const left = compareDates(today, req.sent_on) < 0 ? null : workdaysBetween(today, req.due_on, overrides).workdays;
    return {
      status: 'pending',
      workdaysLeft: left,
      message:
        left === null
          ? `会签将于 ${req.sent_on} 发出，应在${limit}回复。`
          : `尚未回复，应在${limit}回复，还剩 ${left} 个工作日；逾期不回复视为无不同意见（第三十一条）。`,
    };
  }
  // past the due day but not recorded yet (only between the read and its transaction): same answer as recorded
  return { status: 'no-objection', workdaysLeft: null, message: `未在${limit}回复，按第三十一条视为无不同意见。` };
}

function view(
  req: Selectable<CountersignRequestsTable>,
  replies: Selectable<CountersignRepliesTable>[],
  today: IsoDate,
  overrides: CalendarOverrides,
): CountersignView {
  const counts: Record<CountersignAnswer, number> = { pending: 0, agree: 0, objection: 0, 'no-objection': 0 };
  const units = replies
    .filter((r) => r.request_id === req.id)
    .sort((a, b) => a.id - b.id)
    .map((r) => {
      counts[r.answer] += 1;
      return {
        unit: r.unit,
        answer: r.answer,
        answerLabel: ANSWER_LABELS[r.answer],
        opinion: r.opinion,
        repliedOn: r.replied_on,
        repliedBy: r.replied_by,
        recordedAt: r.recorded_at,
        clock: unitClock(req, r, today, overrides),
      };
    });
  return {
    id: req.id,
    title: req.title,
    leadUnit: req.lead_unit,
    sentOn: req.sent_on,
    workdays: req.workdays,
    agreedDueOn: req.agreed_due_on,
    dueOn: req.due_on,
    official: req.official === 1,
    version: req.version,
    createdBy: req.created_by,
    createdAt: req.created_at,
    updatedAt: req.updated_at,
    units,
    counts,
    complete: counts.pending === 0,
  };
}

/**
 * Record every pending reply of these requests (all of the tenant's when `ids` is null) whose due day has passed
 * as 视为无异议, in the caller's transaction: +1 version and one audit row per request. Returns the ids touched.
 */
async function recordSilences(trx: Trx, tenant: string, ids: number[] | null, now: Date): Promise<number[]> {
  const today = todayOf(now);
  let q = trx
    .selectFrom('countersign_replies as r')
    .innerJoin('countersign_requests as q', 'q.id', 'r.request_id')
    .select(['r.id as rid', 'r.unit', 'q.id as qid', 'q.version', 'q.due_on', 'q.title'])
    .where('r.tenant', '=', tenant)
    .where('r.answer', '=', 'pending')
    .where('q.due_on', '<', today);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('q.id', 'in', ids);
  }
  const rows = await q.orderBy('r.id').execute();
  if (rows.length === 0) return [];
  const at = now.toISOString();
  const byRequest = new Map<number, typeof rows>();
  for (const r of rows) byRequest.set(r.qid, [...(byRequest.get(r.qid) ?? []), r]);
  for (const [qid, list] of byRequest) {
    const first = list[0] as (typeof rows)[number];
    const units = list.map((r) => r.unit);
    await trx
      .updateTable('countersign_replies')
      .set({ answer: 'no-objection', recorded_at: at })
      .where(
        'id',
        'in',
        list.map((r) => r.rid),
      )
      .where('answer', '=', 'pending')
      .execute();
    await trx
      .updateTable('countersign_requests')
      .set({ version: first.version + 1, updated_at: at })
      .where('id', '=', qid)
      .execute();
    await recordAudit(trx, {
      tenant,
      actor: COUNTERSIGN_CLOCK_ACTOR,
      action: 'countersign:no-objection',
      entity: 'countersign_request',
      entityId: qid,
      before: { version: first.version, pending: units },
      after: { version: first.version + 1, noObjection: units, dueOn: first.due_on },
      at: now,
    });
    await notify(trx, tenant, {
      recipients: { roles: ['admin'] },
      kind: 'docflow.countersign-silence',
      title: `会签逾期未回复，视为无异议：${first.title}`.slice(0, 200),
      body: `${units.join('、')}未在 ${first.due_on} 前回复，按第三十一条视为无不同意见。`,
      link: `/docflow#countersign-${qid}`,
      dedupeKey: `countersign:${qid}:silence`,
      source: { capability: 'docflow', id: qid },
      at: now,
    });
  }
  return [...byRequest.keys()];
}

async function overridesOf(target: Db, tenant: string): Promise<CalendarOverrides> {
  return (await getSupervisionSettings(target, tenant)).calendar;
}

async function load(trx: Trx, tenant: string, ids: number[]) {
  if (ids.length === 0) return { requests: [], replies: [] };
  const requests = await trx
    .selectFrom('countersign_requests')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', 'in', ids)
    .execute();
  const replies = await trx
    .selectFrom('countersign_replies')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('request_id', 'in', ids)
    .execute();
  return { requests, replies };
}

const notFound = (id: number) => new AppError('NOT_FOUND', `会签请求 ${id} 不存在。`);

/** Create a request: validated (Chinese messages), stored with its frozen due date, audited, units notified. */
export async function createCountersign(
  target: Db,
  tenant: string,
  input: CountersignInput,
  actor: ActorLike,
  opts: StoreOptions = {},
): Promise<CountersignView> {
  const now = opts.now ?? new Date();
  const title = (input.title ?? '').trim();
  if (!title) throw new AppError('BAD_INPUT', '请填写会签文稿的标题。', { field: 'title' });
  if (title.length > 200)
    throw new AppError('BAD_INPUT', `标题过长（${title.length} 字，最多 200 字）。`, { field: 'title' });
  const check = await unitChecker(target, tenant);
  const known = (raw: string, field: string): string => {
    const u = check(raw);
    if (u.ok) return u.name;
    throw new AppError(
      'BAD_INPUT',
      `单位“${raw}”不在单位名录中${u.suggestion ? `，是否为“${u.suggestion}”？` : '。'}请核对单位全称（可在“单位名录”查询）。`,
      { field },
    );
  };
  const lead = known(input.leadUnit ?? '', 'leadUnit');
  if (!Array.isArray(input.units) || input.units.length === 0)
    throw new AppError('BAD_INPUT', '请至少选择一个会签单位。', { field: 'units' });
  if (input.units.length > MAX_UNITS)
    throw new AppError('BAD_INPUT', `会签单位过多（${input.units.length} 个，最多 ${MAX_UNITS} 个）。`, {
      field: 'units',
    });
  const units: string[] = [];
  for (const raw of input.units) {
    const name = known(raw, 'units');
    if (name === lead) throw new AppError('BAD_INPUT', `“${name}”是主办部门，不需向自己会签。`, { field: 'units' });
    if (units.includes(name)) throw new AppError('BAD_INPUT', `会签单位“${name}”重复。`, { field: 'units' });
    units.push(name);
  }
  const overrides = await overridesOf(target, tenant);
  const workdays = input.workdays ?? COUNTERSIGN_WORKDAYS;
  // validates sentOn, workdays and agreedDueOn (Chinese messages) and computes the due date
  const clock = countersignClock(
    { sentOn: input.sentOn, workdays, agreedDueOn: input.agreedDueOn ?? null, asOf: input.sentOn },
    overrides,
  );
  const at = now.toISOString();
  const by = actorName(actor);
  const id = await target.db.transaction().execute(async (trx) => {
    const req = await trx
      .insertInto('countersign_requests')
      .values({
        tenant,
        title,
        lead_unit: lead,
        sent_on: input.sentOn,
        workdays,
        agreed_due_on: input.agreedDueOn ?? null,
        due_on: clock.dueOn,
        official: clock.official ? 1 : 0,
        version: 1,
        created_by: by,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('countersign_replies')
      .values(
        units.map((unit) => ({
          tenant,
          request_id: req.id,
          unit,
          answer: 'pending' as const,
          opinion: null,
          replied_on: null,
          replied_by: null,
          recorded_at: null,
        })),
      )
      .execute();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'countersign:create',
      entity: 'countersign_request',
      entityId: req.id,
      after: {
        title,
        leadUnit: lead,
        units,
        sentOn: input.sentOn,
        workdays,
        agreedDueOn: input.agreedDueOn ?? null,
        dueOn: clock.dueOn,
      },
      ip: opts.ip ?? null,
      at: now,
    });
    for (const unit of units) {
      await notify(trx, tenant, {
        recipients: { units: [unit] },
        kind: 'docflow.countersign',
        title: `会签：${title}`.slice(0, 200),
        body: `${lead}于 ${input.sentOn} 送来《${title}》征求意见，请于 ${clock.dueOn} 前回复“同意”或“有不同意见”；逾期不回复视为无不同意见（襄政发〔2023〕7号 第三十一条）。`,
        link: `/docflow#countersign-${req.id}`,
        dedupeKey: `countersign:${req.id}:ask:${unit}`,
        source: { capability: 'docflow', id: req.id },
        at: now,
      });
    }
    return req.id;
  });
  return getCountersign(target, tenant, id, { now });
}

/** One request with its units' clocks; silences past the due day are recorded first (same transaction). */
export async function getCountersign(
  target: Db,
  tenant: string,
  id: number,
  opts: StoreOptions = {},
): Promise<CountersignView> {
  const now = opts.now ?? new Date();
  const overrides = await overridesOf(target, tenant);
  return target.db.transaction().execute(async (trx) => {
    await recordSilences(trx, tenant, [id], now);
    const { requests, replies } = await load(trx, tenant, [id]);
    const req = requests[0];
    if (!req) throw notFound(id);
    return view(req, replies, todayOf(now), overrides);
  });
}

export interface ListOptions extends StoreOptions {
  /** Only the requests asking this unit (a liaison's view). */
  unit?: string | null;
}

/** Every request, newest sent first; silences past the due day are recorded first (same transaction). */
export async function listCountersigns(target: Db, tenant: string, opts: ListOptions = {}): Promise<CountersignView[]> {
  const now = opts.now ?? new Date();
  const overrides = await overridesOf(target, tenant);
  return target.db.transaction().execute(async (trx) => {
    await recordSilences(trx, tenant, null, now);
    let q = trx.selectFrom('countersign_requests').select('id').where('tenant', '=', tenant);
    if (opts.unit)
      q = q.where(
        'id',
        'in',
        trx
          .selectFrom('countersign_replies')
          .select('request_id')
          .where('tenant', '=', tenant)
          .where('unit', '=', opts.unit),
      );
    const ids = (await q.orderBy('sent_on', 'desc').orderBy('id', 'desc').limit(500).execute()).map((r) => r.id);
    const { requests, replies } = await load(trx, tenant, ids);
    const today = todayOf(now);
    const byId = new Map(requests.map((r) => [r.id, r]));
    return ids.map((i) => view(byId.get(i) as Selectable<CountersignRequestsTable>, replies, today, overrides));
  });
}

/**
 * A unit's answer: 同意 or 有不同意见 (with its text), up to and including the due day. Refused (nothing written):
 * unknown request, a unit not asked, an answer already given, a reply after the due day (the silence counts),
 * an objection without text, a stale version (409). Authorization (the unit's own liaison) is the route's.
 */
export async function replyCountersign(
  target: Db,
  tenant: string,
  id: number,
  input: ReplyInput,
  actor: ActorLike,
  opts: StoreOptions = {},
): Promise<CountersignView> {
  const now = opts.now ?? new Date();
  const today = todayOf(now);
  if (input.answer !== 'agree' && input.answer !== 'objection')
    throw new AppError('BAD_INPUT', '回复应为“同意”（agree）或“有不同意见”（objection）。', { field: 'answer' });
  const opinion = (input.opinion ?? '').trim();
  if (input.answer === 'objection' && !opinion)
    throw new AppError('BAD_INPUT', '有不同意见时请写明具体意见。', { field: 'opinion' });
  if (opinion.length > 5000)
    throw new AppError('BAD_INPUT', `意见过长（${opinion.length} 字，最多 5000 字）。`, { field: 'opinion' });
  const at = now.toISOString();
  await target.db.transaction().execute(async (trx) => {
    const req = await trx
      .selectFrom('countersign_requests')
      .selectAll()
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!req) throw notFound(id);
    const row = await trx
      .selectFrom('countersign_replies')
      .selectAll()
      .where('request_id', '=', id)
      .where('unit', '=', input.unit)
      .executeTakeFirst();
    if (!row)
      throw new AppError('BAD_INPUT', `“${input.unit}”不在《${req.title}》的会签单位之中，不能回复。`, {
        field: 'unit',
      });
    if (compareDates(today, req.sent_on) < 0)
      throw new AppError('CONFLICT', `会签将于 ${req.sent_on} 发出，尚不能回复。`);
    if (row.answer !== 'pending' && row.answer !== 'no-objection')
      throw new AppError(
        'CONFLICT',
        `${input.unit}已于 ${row.replied_on} 回复“${ANSWER_LABELS[row.answer]}”，不能重复回复。`,
      );
    if (row.answer === 'no-objection' || compareDates(today, req.due_on) > 0)
      throw new AppError(
        'CONFLICT',
        `已超过回复时限（${req.due_on}），按第三十一条${input.unit}已视为无不同意见，不能再回复；迟到的意见请直接与主办部门（${req.lead_unit}）联系。`,
      );
    if (input.expectedVersion !== undefined && input.expectedVersion !== req.version)
      throw new AppError(
        'CONFLICT',
        `会签请求已被他人更新（您看到的是第 ${input.expectedVersion} 版，当前为第 ${req.version} 版）。请刷新后再回复。`,
        {},
        { currentVersion: req.version },
      );
    const by = actorName(actor);
    const r = await trx
      .updateTable('countersign_requests')
      .set({ version: req.version + 1, updated_at: at })
      .where('id', '=', id)
      .where('version', '=', req.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new AppError('CONFLICT', '会签请求已被他人更新，请刷新后再回复。', {}, { currentVersion: req.version + 1 });
    await trx
      .updateTable('countersign_replies')
      .set({ answer: input.answer, opinion: opinion || null, replied_on: today, replied_by: by })
      .where('id', '=', row.id)
      .where('answer', '=', 'pending')
      .execute();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'countersign:reply',
      entity: 'countersign_request',
      entityId: id,
      before: { version: req.version, unit: input.unit, answer: 'pending' },
      after: {
        version: req.version + 1,
        unit: input.unit,
        answer: input.answer,
        opinion: opinion || null,
        repliedOn: today,
      },
      ip: opts.ip ?? null,
      at: now,
    });
    await notify(trx, tenant, {
      recipients: { roles: ['admin'] },
      kind: 'docflow.countersign-reply',
      title: `会签回复：${input.unit}${ANSWER_LABELS[input.answer]}`.slice(0, 200),
      body: `${input.unit}对《${req.title}》的会签回复：${ANSWER_LABELS[input.answer]}${opinion ? `。意见：${opinion}` : '。'}`.slice(
        0,
        2000,
      ),
      link: `/docflow#countersign-${id}`,
      dedupeKey: `countersign:${id}:reply:${input.unit}`,
      source: { capability: 'docflow', id },
      at: now,
    });
  });
  return getCountersign(target, tenant, id, { now });
}
