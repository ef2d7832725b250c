// Storage of outage incidents (issue #7, 襄政办发〔2023〕15号). Only this file touches the `incidents` and
// `incident_events` tables. The rules are the pure core's (grading, response readings, incident lifecycle,
// clocks, CAP, drills): this file validates with them, stores what they return, and rebuilds the pure
// Incident from the append-only event log to check the next step.
//
// Every write: one transaction, an optimistic version check (stale → CONFLICT 409), the event(s), and
// recordAudit in the same transaction. A refusal (BAD_INPUT) leaves nothing behind.
import type { Kysely, Selectable } from 'kysely';
import { type AuditActor, recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type {
  Database,
  IncidentEventKind,
  IncidentEventsTable,
  IncidentState,
  IncidentsTable,
} from '../platform/schema.ts';
import { checkAuthority } from './authority.ts';
import { buildCapAlert, type CapMsgType, type CapReference } from './cap.ts';
import { type Clock, clocks } from './clocks.ts';
import { type CommandPost, isCommandPost } from './command/structure.ts';
import { checkDrill, DRILL_FORMS, type Drill, type DrillForm, drillCoverage, type YearCoverage } from './drills.ts';
import {
  addReport as addReportPure,
  addTracking as addTrackingPure,
  type Incident,
  type ReportRecord,
  type TerminationConditions,
  terminate as terminatePure,
} from './incident.ts';
import { type Classification, classifyOutage, type GradingInput } from './outage/grading.ts';
import { assessResponse, type ResponseAssessment, type ResponseInput } from './outage/response.ts';
import { checkReportContent } from './reportForm.ts';
import { parseInstant, shanghaiDate, toCapDateTime, toUtcIso } from './time.ts';
import { isOutageLevel, type OutageLevel, RESPONSE_LEVELS, type ResponseLevel } from './types.ts';

export type { IncidentEventKind, IncidentState } from '../platform/schema.ts';

export type IncidentStatus = 'Actual' | 'Exercise';
type Who = Actor | AuditActor;
type Trx = Kysely<Database>;

export const STATE_LABELS: Record<IncidentState, string> = {
  warning: '预警中',
  active: '处置中',
  terminated: '响应已终止',
  closed: '已关闭',
};

export function actorName(actor: Who): string {
  return 'displayName' in actor ? (actor.username ?? actor.displayName) : actor.name;
}

function bad(message: string, field?: string): never {
  throw new AppError('BAD_INPUT', message, field ? { field } : {});
}

export const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

// ---------------------------------------------------------------------------------------------
// Reading

export interface IncidentEventDto {
  id: number;
  at: string;
  actor: string;
  kind: IncidentEventKind;
  payload: Record<string, unknown>;
  /** Whether a CAP message is stored (GET /api/incidents/:id/cap/:eventId). */
  hasCap: boolean;
}

export interface IncidentSummary {
  id: number;
  status: IncidentStatus;
  drillForm: DrillForm | null;
  title: string;
  grid: string;
  loadMw: number | null;
  lostLoadPct: number | null;
  usersOutPct: number | null;
  firstJudgedAt: string;
  reportReceivedAt: string | null;
  damSafety: boolean;
  largerSocialImpact: boolean;
  /** 附件1 level (null = below 一般) and colour. */
  level: OutageLevel | null;
  color: string | null;
  grading: Classification;
  /** Both readings (§5.2 and 附件4), never one; null when the county grid was not assessed. */
  response: ResponseAssessment | null;
  /** The 指挥部's recorded decision, null until decided. */
  decision: { level: ResponseLevel; by: string; at: string; note: string } | null;
  state: IncidentState;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface IncidentDetail {
  incident: IncidentSummary;
  events: IncidentEventDto[];
  /** §4.3 / §4.5 report clocks at read time (pure clocks()). */
  clocks: Clock[];
}

export type IncidentRow = Selectable<IncidentsTable>;
export type EventRow = Selectable<IncidentEventsTable>;

function toSummary(r: IncidentRow): IncidentSummary {
  const grading = parse<Classification>(r.grading) as Classification;
  return {
    id: Number(r.id),
    status: r.status,
    drillForm: (r.drill_form as DrillForm | null) ?? null,
    title: r.title,
    grid: r.grid,
    loadMw: r.load_mw === null ? null : Number(r.load_mw),
    lostLoadPct: r.lost_load_pct === null ? null : Number(r.lost_load_pct),
    usersOutPct: r.users_out_pct === null ? null : Number(r.users_out_pct),
    firstJudgedAt: r.first_judged_at,
    reportReceivedAt: r.report_received_at,
    damSafety: Number(r.dam_safety) === 1,
    largerSocialImpact: Number(r.larger_social_impact) === 1,
    level: grading.level,
    color: grading.color,
    grading,
    response: parse<ResponseAssessment>(r.response),
    decision:
      r.decided_level === null
        ? null
        : {
            level: r.decided_level as ResponseLevel,
            by: r.decided_by ?? '',
            at: r.decided_at ?? '',
            note: r.decision_note ?? '',
          },
    state: r.state,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toEvent(e: EventRow): IncidentEventDto {
  return {
    id: Number(e.id),
    at: e.at,
    actor: e.actor,
    kind: e.kind,
    payload: parse<Record<string, unknown>>(e.payload) ?? {},
    hasCap: e.cap_xml !== null,
  };
}

/** The pure Incident the lifecycle rules and clocks work on, rebuilt from the row and its events. */
export function toPure(r: IncidentRow, events: EventRow[]): Incident {
  const grading = parse<Classification>(r.grading) as Classification;
  const reports: ReportRecord[] = [];
  const tracking: string[] = [];
  let termination: Incident['termination'];
  for (const e of events) {
    const p = parse<Record<string, unknown>>(e.payload) ?? {};
    if (e.kind.startsWith('report-')) reports.push(p.report as ReportRecord);
    else if (e.kind === 'tracking') tracking.push(String(p.at));
    else if (e.kind === 'terminated')
      termination = { at: String(p.at), conditions: p.conditions as TerminationConditions };
  }
  reports.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    id: String(r.id),
    judgedAt: r.first_judged_at,
    ...(r.report_received_at ? { reportReceivedAt: r.report_received_at } : {}),
    level: grading.level,
    largerSocialImpact: Number(r.larger_social_impact) === 1,
    damSafety: Number(r.dam_safety) === 1,
    reports,
    tracking: tracking.sort(),
    ...(termination ? { termination } : {}),
  };
}

export async function loadRow(db: Trx, tenant: string, id: number): Promise<IncidentRow> {
  const row = await db
    .selectFrom('incidents')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的停电事件`);
  return row;
}

export async function loadEvents(db: Trx, tenant: string, id: number): Promise<EventRow[]> {
  return db
    .selectFrom('incident_events')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('incident_id', '=', id)
    .orderBy('id')
    .execute();
}

async function detail(db: Trx, tenant: string, id: number, now: Date): Promise<IncidentDetail> {
  const row = await loadRow(db, tenant, id);
  const events = await loadEvents(db, tenant, id);
  return {
    incident: toSummary(row),
    events: events.map(toEvent),
    clocks: clocks(toPure(row, events), now.getTime()),
  };
}

export async function getIncident(target: Db, tenant: string, id: number, now = new Date()): Promise<IncidentDetail> {
  return detail(target.db, tenant, id, now);
}

export async function listIncidents(
  target: Db,
  tenant: string,
  filter: { status?: IncidentStatus; state?: IncidentState } = {},
): Promise<IncidentSummary[]> {
  let q = target.db.selectFrom('incidents').selectAll().where('tenant', '=', tenant);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.state) q = q.where('state', '=', filter.state);
  const rows = await q.orderBy('first_judged_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toSummary);
}

/** The stored CAP XML of one warning event of the incident. */
export async function getCapXml(target: Db, tenant: string, incidentId: number, eventId: number): Promise<string> {
  const row = await target.db
    .selectFrom('incident_events')
    .select('cap_xml')
    .where('tenant', '=', tenant)
    .where('incident_id', '=', incidentId)
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!row || row.cap_xml === null) {
    throw new AppError('NOT_FOUND', `停电事件 ${incidentId} 没有编号为 ${eventId} 的预警（CAP）消息`);
  }
  return row.cap_xml;
}

// ---------------------------------------------------------------------------------------------
// Creating

export interface CreateIncidentInput {
  status: IncidentStatus;
  /** Required for an Exercise (§8.1 form), refused for Actual. */
  drillForm?: string;
  title: string;
  grid: string;
  loadMw?: number;
  lostLoadPct?: number;
  usersOutPct?: number;
  /** 发生或初判发生, with a zone. */
  judgedAt: string;
  /** 县能源局接到信息报告, with a zone. */
  reportReceivedAt?: string;
  damSafety?: boolean;
  /** 'warning': 研判可能发生 (a warning stage before the event); default 'active'. */
  stage?: 'warning' | 'active';
  /**
   * Inputs of assessResponse besides the county grid. The 襄垣电网 figures are the incident's own when
   * grid is county-city; for another grid type give `countyGrid` explicitly, or the response is not assessed.
   */
  response?: Omit<ResponseInput, 'countyGrid'> & { countyGrid?: ResponseInput['countyGrid'] };
  actor: Who;
  now?: Date;
}

export async function createIncident(target: Db, tenant: string, input: CreateIncidentInput): Promise<IncidentDetail> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  // Validate everything with the pure code before touching the database.
  if (input.status !== 'Actual' && input.status !== 'Exercise') {
    bad(`状态“${String(input.status)}”无效：应为 Actual（正式）或 Exercise（演练）。`, 'status');
  }
  const title = (input.title ?? '').trim();
  if (!title) bad('须填写事件名称（title）。', 'title');
  const gradingInput: GradingInput = {
    grid: input.grid as GradingInput['grid'],
    ...(input.loadMw !== undefined ? { loadMw: input.loadMw } : {}),
    ...(input.lostLoadPct !== undefined ? { lostLoadPct: input.lostLoadPct } : {}),
    ...(input.usersOutPct !== undefined ? { usersOutPct: input.usersOutPct } : {}),
  };
  const grading = classifyOutage(gradingInput);
  const judgedMs = parseInstant(input.judgedAt, '初判发生时间', 'judgedAt');
  let receivedAt: string | null = null;
  if (input.reportReceivedAt !== undefined) {
    const ms = parseInstant(input.reportReceivedAt, '县能源局接到信息报告时间', 'reportReceivedAt');
    if (ms < judgedMs) bad('县能源局接到信息报告时间不能早于初判发生时间。', 'reportReceivedAt');
    receivedAt = toUtcIso(ms);
  }
  let drillForm: DrillForm | null = null;
  if (input.status === 'Exercise') {
    const form = input.drillForm ?? '其他';
    if (!(DRILL_FORMS as readonly string[]).includes(form)) {
      bad(`演练形式“${form}”无效：应为 ${DRILL_FORMS.join('、')} 之一（§8.1）。`, 'drillForm');
    }
    checkDrill({ heldOn: shanghaiDate(judgedMs), form: form as DrillForm, status: 'Exercise' });
    drillForm = form as DrillForm;
  } else if (input.drillForm !== undefined) {
    bad('只有演练（Exercise）才有演练形式（drillForm）。', 'drillForm');
  }
  const { countyGrid: givenCounty, ...factors } = input.response ?? {};
  const countyGrid =
    givenCounty ??
    (gradingInput.grid === 'county-city' && gradingInput.loadMw !== undefined
      ? {
          loadMw: gradingInput.loadMw,
          ...(gradingInput.lostLoadPct !== undefined ? { lostLoadPct: gradingInput.lostLoadPct } : {}),
          ...(gradingInput.usersOutPct !== undefined ? { usersOutPct: gradingInput.usersOutPct } : {}),
        }
      : undefined);
  const responseInput: ResponseInput | null = countyGrid ? { ...factors, countyGrid } : null;
  const response = responseInput ? assessResponse(responseInput) : null;
  const largerSocialImpact = factors.socialImpact === 'larger' || factors.socialImpact === 'severe';
  const state: IncidentState = input.stage === 'warning' ? 'warning' : 'active';

  return target.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('incidents')
      .values({
        tenant,
        status: input.status,
        drill_form: drillForm,
        title,
        grid: gradingInput.grid,
        load_mw: gradingInput.loadMw ?? null,
        lost_load_pct: gradingInput.lostLoadPct ?? null,
        users_out_pct: gradingInput.usersOutPct ?? null,
        grading: JSON.stringify(grading),
        first_judged_at: toUtcIso(judgedMs),
        report_received_at: receivedAt,
        larger_social_impact: largerSocialImpact ? 1 : 0,
        dam_safety: input.damSafety ? 1 : 0,
        response_input: responseInput ? JSON.stringify(responseInput) : null,
        response: response ? JSON.stringify(response) : null,
        decided_level: null,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        state,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await recordAudit(trx, {
      tenant,
      actor: input.actor,
      action: 'incident:create',
      entity: 'incident',
      entityId: id,
      after: {
        status: input.status,
        title,
        grading: { level: grading.level, input: gradingInput },
        readings: response?.readings.map((r) => ({ basis: r.basis, level: r.level })) ?? null,
        state,
      },
      at: now,
    });
    return detail(trx, tenant, id, now);
  });
}

// ---------------------------------------------------------------------------------------------
// Changing: one helper for the version check, events and audit

export interface NewEvent {
  kind: IncidentEventKind;
  at: string;
  payload: Record<string, unknown>;
  capXml?: string;
}

export interface Change {
  set?: Partial<Pick<IncidentsTable, 'state' | 'decided_level' | 'decided_by' | 'decided_at' | 'decision_note'>>;
  events: NewEvent[];
  /** Audit entry: action and the after-state (before is the incident's state/version/decision). */
  audit: { action: string; after: Record<string, unknown> };
}

export interface WriteOptions {
  actor: Who;
  /** The incident version the caller saw; another current version answers 409. */
  expectedVersion: number;
  now?: Date;
}

function conflict(id: number, expected: number, current: number): AppError {
  return new AppError(
    'CONFLICT',
    `停电事件 ${id} 已被他人修改（您看到的是第 ${expected} 版，当前为第 ${current} 版），请刷新后重试。`,
    { field: 'version' },
  );
}

async function change(
  target: Db,
  tenant: string,
  id: number,
  opts: WriteOptions,
  work: (row: IncidentRow, events: EventRow[], now: Date) => Change,
): Promise<{ detail: IncidentDetail; eventIds: number[] }> {
  const now = opts.now ?? new Date();
  return target.db.transaction().execute((trx) => changeIn(trx, tenant, id, opts, work, now));
}

/** change() inside the caller's transaction (the 附件7 publication publishes its warning in the same one). */
export async function changeIn(
  trx: Trx,
  tenant: string,
  id: number,
  opts: WriteOptions,
  work: (row: IncidentRow, events: EventRow[], now: Date) => Change,
  now: Date,
): Promise<{ detail: IncidentDetail; eventIds: number[] }> {
  {
    const row = await loadRow(trx, tenant, id);
    if (Number(row.version) !== opts.expectedVersion) throw conflict(id, opts.expectedVersion, Number(row.version));
    const events = await loadEvents(trx, tenant, id);
    const c = work(row, events, now);
    const updated = await trx
      .updateTable('incidents')
      .set({ ...(c.set ?? {}), version: Number(row.version) + 1, updated_at: now.toISOString() })
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .where('version', '=', opts.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const current = await loadRow(trx, tenant, id);
      throw conflict(id, opts.expectedVersion, Number(current.version));
    }
    const eventIds: number[] = [];
    for (const e of c.events) {
      const ins = await trx
        .insertInto('incident_events')
        .values({
          tenant,
          incident_id: id,
          at: e.at,
          actor: actorName(opts.actor),
          kind: e.kind,
          payload: JSON.stringify(e.payload),
          cap_xml: e.capXml ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      eventIds.push(Number(ins.id));
    }
    await recordAudit(trx, {
      tenant,
      actor: opts.actor,
      action: c.audit.action,
      entity: 'incident',
      entityId: id,
      before: {
        state: row.state,
        version: Number(row.version),
        decidedLevel: row.decided_level,
      },
      after: { ...c.audit.after, version: Number(row.version) + 1, events: eventIds },
      at: now,
    });
    return { detail: await detail(trx, tenant, id, now), eventIds };
  }
}

/** The 指挥部 posts (command_posts, §2.1.1) the acting account holds; none for a command-line actor. */
async function actorPosts(db: Trx, tenant: string, actor: Who): Promise<CommandPost[]> {
  const username = 'displayName' in actor ? actor.username : null;
  if (!username) return [];
  const rows = await db
    .selectFrom('command_posts')
    .select('post')
    .where('tenant', '=', tenant)
    .where('username', '=', username)
    .execute();
  return rows.map((r) => r.post).filter(isCommandPost);
}

function refuseWhen(row: IncidentRow, states: IncidentState[], what: string): void {
  if (states.includes(row.state)) bad(`事件${STATE_LABELS[row.state]}，不能${what}。`, 'state');
}

// ---- 首报 / 续报 / 终报 (§4.1–§4.3) and tracking (§4.5)

export async function addReport(
  target: Db,
  tenant: string,
  id: number,
  input: ReportRecord & { content?: Record<string, string> },
  opts: WriteOptions,
): Promise<IncidentDetail> {
  const { content: given, ...report } = input;
  const r = await change(target, tenant, id, opts, (row, events) => {
    refuseWhen(row, ['closed'], '再报告');
    addReportPure(toPure(row, events), report); // throws BAD_INPUT (e.g. 续报 before 首报)
    // §4.2 content (附件6 即时报告单), when given
    const content = given === undefined ? null : checkReportContent(report.kind, given);
    const normalized: ReportRecord = {
      kind: report.kind,
      channel: report.channel,
      from: report.from,
      to: [...report.to],
      at: toUtcIso(Date.parse(report.at)),
    };
    return {
      events: [
        {
          kind: `report-${report.kind}` as IncidentEventKind,
          at: normalized.at,
          payload: { report: normalized, ...(content ? { content } : {}) },
        },
      ],
      audit: { action: 'incident:report', after: { report: normalized, ...(content ? { content } : {}) } },
    };
  });
  return r.detail;
}

export async function addTracking(
  target: Db,
  tenant: string,
  id: number,
  input: { at: string; note?: string },
  opts: WriteOptions,
): Promise<IncidentDetail> {
  const r = await change(target, tenant, id, opts, (row, events) => {
    refuseWhen(row, ['closed'], '记录进展跟踪');
    addTrackingPure(toPure(row, events), input.at);
    const at = toUtcIso(Date.parse(input.at));
    const note = input.note?.trim() || null;
    return {
      events: [{ kind: 'tracking', at, payload: { at, note } }],
      audit: { action: 'incident:tracking', after: { at, note } },
    };
  });
  return r.detail;
}

// ---- the 指挥部's decision between the two readings (§5.2, §5.4.1)

export async function decideResponse(
  target: Db,
  tenant: string,
  id: number,
  input: { level: string; note: string },
  opts: WriteOptions,
): Promise<IncidentDetail> {
  if (!(RESPONSE_LEVELS as readonly string[]).includes(input.level)) {
    bad(`响应级别“${String(input.level)}”无效：应为 ${RESPONSE_LEVELS.join('、')} 之一。`, 'level');
  }
  const note = (input.note ?? '').trim();
  if (!note) bad('须写明决定的理由（note），尤其是两种解读（§5.2 与 附件4）不一致时取哪一种。', 'note');
  const level = input.level as ResponseLevel;
  // §5.2.1–§5.2.3: 三级 the office director (or the 指挥长), 二级/一级 the 指挥长 signs.
  checkAuthority(level, 'start', await actorPosts(target.db, tenant, opts.actor));
  const r = await change(target, tenant, id, opts, (row, _events, now) => {
    refuseWhen(row, ['terminated', 'closed'], '决定或调整应急响应');
    const response = parse<ResponseAssessment>(row.response);
    const readings = response?.readings.map((x) => ({ basis: x.basis, level: x.level })) ?? [];
    const agreesWith = readings.filter((x) => x.level === level).map((x) => x.basis);
    const kind: IncidentEventKind = row.decided_level === null ? 'response-started' : 'response-adjusted';
    const by = actorName(opts.actor);
    const at = now.toISOString();
    const payload = { level, previous: row.decided_level, note, readings, agreesWith, by };
    return {
      set: { decided_level: level, decided_by: by, decided_at: at, decision_note: note, state: 'active' },
      events: [{ kind, at, payload }],
      audit: { action: 'incident:decide', after: payload },
    };
  });
  return r.detail;
}

// ---- termination (§5.4.2)

export async function terminateIncident(
  target: Db,
  tenant: string,
  id: number,
  input: { conditions: TerminationConditions; at?: string },
  opts: WriteOptions,
): Promise<IncidentDetail> {
  const posts = await actorPosts(target.db, tenant, opts.actor);
  const r = await change(target, tenant, id, opts, (row, events, now) => {
    refuseWhen(row, ['terminated', 'closed'], '终止响应');
    // §5.4.2 启动响应的组织: who may sign follows the level in force.
    checkAuthority((row.decided_level as ResponseLevel | null) ?? null, 'terminate', posts);
    const at = input.at ?? now.toISOString();
    const done = terminatePure(toPure(row, events), input.conditions, at); // names every unmet condition
    const termination = done.termination as NonNullable<Incident['termination']>;
    return {
      set: { state: 'terminated' },
      events: [{ kind: 'terminated', at: termination.at, payload: { ...termination } }],
      audit: { action: 'incident:terminate', after: { ...termination } },
    };
  });
  return r.detail;
}

// ---- warnings (§3.3) as CAP 1.2

export type WarningAction = 'issue' | 'update' | 'cancel';

const WARNING_KINDS: Record<WarningAction, { kind: IncidentEventKind; msgType: CapMsgType; what: string }> = {
  issue: { kind: 'warning-issued', msgType: 'Alert', what: '发布预警' },
  update: { kind: 'warning-adjusted', msgType: 'Update', what: '调整预警' },
  cancel: { kind: 'warning-lifted', msgType: 'Cancel', what: '解除预警' },
};

export interface WarningInput {
  action: WarningAction;
  /** Warning level; defaults to the incident's 附件1 level, then the previous warning's. */
  level?: string;
  areaDesc?: string;
  headline?: string;
  description?: string;
  instruction?: string;
}

export function capSender(tenant: string): string {
  return `outage.${tenant}@luoshi`;
}

/**
 * The work of one warning message (CAP), for change()/changeIn(). `xml` receives the message. Issue and
 * update are published only through an approved 附件7 form (approvalStore.ts); a lifting is the office's own
 * act (§3.3.4 由县指挥部办公室（县能源局）宣布解除预警信号).
 */
export function warningWork(
  tenant: string,
  id: number,
  input: WarningInput,
  out: { xml: string },
  publication?: { id: number; number: string },
): (row: IncidentRow, events: EventRow[], now: Date) => Change {
  const spec = WARNING_KINDS[input.action];
  if (!spec)
    bad(`预警操作“${String(input.action)}”无效：应为 issue（发布）、update（调整）或 cancel（解除）。`, 'action');
  if (input.level !== undefined && !isOutageLevel(input.level)) {
    bad(`预警级别“${String(input.level)}”无效：应为特别重大、重大、较大、一般。`, 'level');
  }
  return (row, events, now) => {
    refuseWhen(row, input.action === 'cancel' ? ['closed'] : ['terminated', 'closed'], spec.what);
    const capEvents = events.filter((e) => e.cap_xml !== null);
    const last = capEvents.at(-1);
    const lastMeta = last ? (parse<Record<string, unknown>>(last.payload) ?? {}) : null;
    const live = lastMeta !== null && lastMeta.msgType !== 'Cancel';
    if (input.action === 'issue' && live) {
      bad('本事件已有生效的预警：请调整（update）或解除（cancel）该预警，而不是重复发布。', 'action');
    }
    if (input.action !== 'issue' && !live) {
      bad(`本事件没有生效的预警，不能${spec.what}：请先发布预警（issue）。`, 'action');
    }
    const level = (input.level ??
      grading(row).level ??
      (lastMeta?.level as OutageLevel | undefined) ??
      bad('事件未达一般标准，须指明预警级别（level）。', 'level')) as OutageLevel;
    const sent = now.toISOString();
    const identifier = `${tenant}-OUTAGE-${id}-${capEvents.length + 1}`;
    const sender = capSender(tenant);
    const references: CapReference[] | undefined =
      input.action === 'issue' || !lastMeta
        ? undefined
        : [
            {
              sender: String(lastMeta.sender),
              identifier: String(lastMeta.identifier),
              sent: String(lastMeta.capSent),
            },
          ];
    out.xml = buildCapAlert({
      identifier,
      sender,
      sent,
      status: row.status,
      msgType: spec.msgType,
      ...(references ? { references } : {}),
      level,
      areaDesc: input.areaDesc?.trim() || '襄垣县',
      areaCode: tenant,
      ...(input.headline ? { headline: input.headline } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.instruction ? { instruction: input.instruction } : {}),
    });
    const payload = {
      identifier,
      sender,
      sent,
      capSent: toCapDateTime(sent),
      msgType: spec.msgType,
      status: row.status,
      level,
      references: references ?? [],
      ...(publication ? { publicationId: publication.id, publicationNumber: publication.number } : {}),
    };
    const nextState: IncidentState | undefined =
      input.action === 'cancel' && row.state === 'warning' ? 'closed' : undefined;
    return {
      ...(nextState ? { set: { state: nextState } } : {}),
      events: [{ kind: spec.kind, at: sent, payload, capXml: out.xml }],
      audit: { action: `incident:warning-${input.action}`, after: payload },
    };
  };
}

/**
 * A warning message sent directly: only a lifting (cancel). Issue and update need the 附件7 form
 * (§3.3.1; approvalStore.ts publishPublication), and are refused here with a message saying so.
 */
export async function issueWarning(
  target: Db,
  tenant: string,
  id: number,
  input: WarningInput,
  opts: WriteOptions,
): Promise<{ detail: IncidentDetail; eventId: number; capXml: string }> {
  if (input.action === 'issue' || input.action === 'update') {
    bad(
      `${WARNING_KINDS[input.action].what}须先填报附件7《信息发布审批表》，经县指挥部办公室主任审核、县指挥部审批后发布（§3.3.1）：请使用 /api/incidents/${id}/publications。`,
      'action',
    );
  }
  const out = { xml: '' };
  const work = warningWork(tenant, id, input, out);
  const r = await change(target, tenant, id, opts, work);
  return { detail: r.detail, eventId: r.eventIds[0] as number, capXml: out.xml };
}

function grading(row: IncidentRow): Classification {
  return parse<Classification>(row.grading) as Classification;
}

// ---------------------------------------------------------------------------------------------
// Drills (§8.1): coverage per year from incidents recorded with status Exercise

export async function drillCoverageOf(
  target: Db,
  tenant: string,
  now = new Date(),
): Promise<{ today: string; years: YearCoverage[]; notCounted: number[] }> {
  const rows = await target.db
    .selectFrom('incidents')
    .select(['id', 'first_judged_at', 'drill_form', 'title'])
    .where('tenant', '=', tenant)
    .where('status', '=', 'Exercise')
    .orderBy('first_judged_at')
    .execute();
  const today = shanghaiDate(now.getTime());
  const drills: Drill[] = [];
  const notCounted: number[] = [];
  for (const r of rows) {
    const heldOn = shanghaiDate(Date.parse(r.first_judged_at));
    // A drill dated after today has not been held yet (drillCoverage refuses it): listed, not counted.
    if (heldOn > today) {
      notCounted.push(Number(r.id));
      continue;
    }
    const form = (DRILL_FORMS as readonly string[]).includes(r.drill_form ?? '') ? (r.drill_form as DrillForm) : '其他';
    drills.push({ id: String(r.id), heldOn, form, status: 'Exercise', title: r.title });
  }
  return { today, years: drillCoverage(drills, today), notCounted };
}
