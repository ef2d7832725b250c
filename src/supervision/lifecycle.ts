// The 13710 closed loop as a pure state machine: 立项 → 交办 → 签收 → 办理中 → 申请办结 → 审核 (办结销号 with a
// rating, or 退回) → 归档, with 延期申请, 时间表 (major items), 催办, and supporting units reporting to the lead.
// transition() never throws and never mutates its input: every refusal is a value with a Chinese message
// saying which state, which action, and what is allowed now. See docs/supervision.md.
import { compareDates, type IsoDate, parseIsoDate, shanghaiDate } from '../calendar/dates.ts';
import { validateOverrides } from '../calendar/workdays.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { after, computeDeadlines, distance, RULE_13710, unitLabel } from './clock.ts';
import { describeAllowed, RULES, ruleFor } from './rules.ts';
import {
  ACTION_LABELS,
  ACTION_TYPES,
  type Action,
  type ActionType,
  CATEGORY_LABELS,
  type Category,
  type Checkpoint,
  DEFAULT_SETTINGS,
  type Deadlines,
  type DraftInput,
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  type EventType,
  type Evidence,
  type ItemRole,
  type ItemSource,
  type ItemState,
  RATINGS,
  type Report,
  ROLE_LABELS,
  STATE_LABELS,
  STATES,
  type SupervisionActor,
  type SupervisionEvent,
  type SupervisionItem,
  type SupervisionSettings,
  type TransitionError,
  type TransitionErrorCode,
  type TransitionResult,
  type UnitStatus,
} from './types.ts';

const MAX_TEXT = 5000;
const MAX_EVIDENCE = 50;
const MAX_CHECKPOINTS = 24;

class Refusal {
  constructor(
    readonly code: TransitionErrorCode,
    readonly message: string,
  ) {}
}

function refuse(code: TransitionErrorCode, message: string): never {
  throw new Refusal(code, message);
}

// ---------------------------------------------------------------------------------------------------------
// Validation helpers (each refuses with a Chinese message naming the field)

function text(value: unknown, what: string, opts: { optional?: boolean } = {}): string {
  if (value === undefined || value === null) {
    if (opts.optional) return '';
    refuse('BAD_INPUT', `缺少${what}。`);
  }
  if (typeof value !== 'string') refuse('BAD_INPUT', `${what}应为文字。`);
  const t = value.trim();
  if (!t && !opts.optional) refuse('BAD_INPUT', `${what}不能为空。`);
  if (t.length > MAX_TEXT) refuse('BAD_INPUT', `${what}过长（${t.length} 字，最多 ${MAX_TEXT} 字）。`);
  return t;
}

function date(value: unknown, what: string): IsoDate {
  if (typeof value !== 'string') refuse('BAD_INPUT', `${what}应为 YYYY-MM-DD 格式的日期。`);
  const p = parseIsoDate(value);
  if (!p.ok) refuse('BAD_INPUT', `${what}“${value}”不是有效日期：${p.reason}。`);
  return value;
}

function evidenceList(value: unknown, what: string, required: boolean): Evidence[] {
  if (value === undefined || value === null) {
    if (required) refuse('BAD_INPUT', `${what}须附佐证材料（至少 1 件）。`);
    return [];
  }
  if (!Array.isArray(value)) refuse('BAD_INPUT', `${what}的佐证材料应为列表。`);
  if (required && value.length === 0) refuse('BAD_INPUT', `${what}须附佐证材料（至少 1 件）。`);
  if (value.length > MAX_EVIDENCE)
    refuse('BAD_INPUT', `${what}的佐证材料过多（${value.length} 件，最多 ${MAX_EVIDENCE} 件）。`);
  return value.map((e: unknown, i: number) => {
    const o = (e ?? {}) as Record<string, unknown>;
    return {
      name: text(o.name, `${what}第 ${i + 1} 件佐证材料的名称`),
      ref: text(o.ref, `${what}第 ${i + 1} 件佐证材料的存储位置`),
    };
  });
}

function unitName(value: unknown, what: string): string {
  const t = text(value, what);
  if (t.length > 100) refuse('BAD_INPUT', `${what}过长。`);
  return t;
}

function units(lead: string, supports: unknown): string[] {
  if (supports === undefined || supports === null) return [];
  if (!Array.isArray(supports)) refuse('BAD_INPUT', '配合单位应为单位名称列表。');
  const out: string[] = [];
  supports.forEach((s: unknown, i: number) => {
    const u = unitName(s, `第 ${i + 1} 个配合单位`);
    if (u === lead) refuse('BAD_INPUT', `“${u}”已是牵头单位，不能同时作为配合单位。`);
    if (out.includes(u)) refuse('BAD_INPUT', `配合单位“${u}”重复。`);
    out.push(u);
  });
  return out;
}

/** The supporting units of a 改派 / 调整配合单位, refused naming the field (supports) and the position. */
function supportList(lead: string, value: unknown): string[] {
  if (!Array.isArray(value)) refuse('BAD_INPUT', '配合单位（supports）应为单位名称列表（可为空列表）。');
  const out: string[] = [];
  value.forEach((s: unknown, k: number) => {
    const u = unitName(s, `配合单位（supports）第 ${k + 1} 项`);
    if (u === lead)
      refuse('BAD_INPUT', `配合单位（supports）第 ${k + 1} 项“${u}”是牵头单位（lead），不能同时作为配合单位。`);
    if (out.includes(u))
      refuse('BAD_INPUT', `配合单位（supports）中“${u}”重复（第 ${out.indexOf(u) + 1} 项和第 ${k + 1} 项）。`);
    out.push(u);
  });
  return out;
}

/**
 * The unit statuses after a change of units: a unit that keeps its role keeps its signature and reports; a
 * new unit, or one whose role changes (配合 → 牵头 or back), starts unsigned and without reports (a
 * signature is for a role), with the day it joined.
 */
function regroup(
  old: readonly UnitStatus[],
  lead: string,
  supports: readonly string[],
  today: IsoDate,
  reportBy: IsoDate,
): UnitStatus[] {
  const status = (unit: string, role: UnitStatus['role']): UnitStatus => {
    const was = old.find((u) => u.unit === unit);
    if (was && was.role === role) return was;
    return {
      unit,
      role,
      acknowledgedAt: null,
      reports: 0,
      firstReportAt: null,
      lastReportAt: null,
      addedOn: today,
      ...(role === 'support' ? { reportBy } : {}),
    };
  };
  return [status(lead, 'lead'), ...supports.map((u) => status(u, 'support'))];
}

/**
 * A supporting unit added after assignment owes its first report within the feedback period (3) from the day it
 * joined — never earlier than the item's feedback date, never after the close-by date. Fixed when it joins.
 */
function joinerReportBy(today: IsoDate, d: Deadlines, calendar: SupervisionSettings['calendar']): IsoDate {
  const own = after(today, RULE_13710.feedbackDays, d.counting, calendar).date;
  const capped = compareDates(own, d.closeBy) <= 0 ? own : d.closeBy;
  return compareDates(capped, d.feedbackBy) >= 0 ? capped : d.feedbackBy;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

function unitsChange(fromLead: string, toLead: string, from: readonly string[], to: readonly string[]): string {
  const parts: string[] = [];
  if (fromLead !== toLead) parts.push(`牵头单位由${fromLead}改为${toLead}`);
  const added = to.filter((u) => !from.includes(u));
  const removed = from.filter((u) => !to.includes(u));
  if (added.length) parts.push(`增加配合单位${added.join('、')}`);
  if (removed.length) parts.push(`不再由${removed.join('、')}配合`);
  if (!added.length && !removed.length && !sameList(from, to)) parts.push('调整配合单位顺序');
  return parts.join('，');
}

function restartFlag(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') refuse('BAD_INPUT', '是否重新起算时限（restartClock）应为 true 或 false。');
  return value;
}

/** The instant of the last 退回 that still concerns the current lead unit (a later 改派 clears it), or null. */
export function lastReturnAt(item: Pick<SupervisionItem, 'returns' | 'reassignments'>): string | null {
  const last = item.returns[item.returns.length - 1];
  if (!last) return null;
  const moved = (item.reassignments ?? []).some(
    (r) => r.kind === 'reassign' && Date.parse(r.at) >= Date.parse(last.at),
  );
  return moved ? null : last.at;
}

function category(value: unknown): Category {
  if (value !== 'ordinary' && value !== 'major')
    refuse('BAD_INPUT', '事项类别应为 ordinary（一般事项）或 major（重大复杂事项）。');
  return value;
}

function source(value: unknown): ItemSource | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') refuse('BAD_INPUT', '来源应为 {documentId, docNumber, eId, citation, text}。');
  const o = value as Record<string, unknown>;
  const pick = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
  return {
    documentId: pick('documentId'),
    docNumber: pick('docNumber'),
    eId: pick('eId'),
    citation: pick('citation'),
    text: pick('text'),
  };
}

/** Problems with the settings, in Chinese (empty when usable). */
export function validateSettings(settings: SupervisionSettings): string[] {
  const problems: string[] = [];
  if (!settings || typeof settings !== 'object') return ['督办设置缺失。'];
  if (settings.dayCounting !== 'working' && settings.dayCounting !== 'calendar') {
    problems.push('计日方式（dayCounting）应为 working（工作日）或 calendar（自然日）。');
  }
  if (!Number.isInteger(settings.yellowWithinDays) || settings.yellowWithinDays < 0 || settings.yellowWithinDays > 60) {
    problems.push('黄灯提前天数（yellowWithinDays）应为 0–60 的整数。');
  }
  const e = settings.escalation;
  if (
    !e ||
    ![e.urge, e.notice, e.interview].every((n) => Number.isInteger(n) && n >= 0 && n <= 365) ||
    !(e.urge < e.notice && e.notice < e.interview)
  ) {
    problems.push('逾期升级阈值（escalation）应为整数且 催办 < 通报 < 约谈（例如 1、3、7）。');
  }
  if (!Array.isArray(settings.calendar)) problems.push('日历调整表（calendar）应为列表。');
  else problems.push(...validateOverrides(settings.calendar));
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Roles

/** The actor's role for this item: a liaison acts only for their own unit. */
export function itemRole(item: Pick<SupervisionItem, 'lead' | 'supports'>, actor: SupervisionActor): ItemRole {
  if (actor.role === 'office') return 'office';
  if (actor.role === 'leader') return 'leader';
  const unit = typeof actor.unit === 'string' ? actor.unit.trim() : '';
  if (!unit) return 'other';
  if (unit === item.lead) return 'lead';
  if (item.supports.includes(unit)) return 'support';
  return 'other';
}

/** Actions the table allows this actor now (preconditions such as a pending extension are not checked). */
export function availableActions(item: SupervisionItem, actor: SupervisionActor): ActionType[] {
  const role = itemRole(item, actor);
  return ACTION_TYPES.filter((a) => ruleFor(item.state, a, role) !== undefined);
}

function checkActor(actor: unknown): SupervisionActor {
  const a = (actor ?? {}) as Record<string, unknown>;
  if (typeof a.id !== 'string' || !a.id.trim()) refuse('BAD_INPUT', '操作人缺少账号标识（id）。');
  if (typeof a.name !== 'string') refuse('BAD_INPUT', '操作人缺少姓名（name）。');
  if (a.role !== 'office' && a.role !== 'leader' && a.role !== 'liaison')
    refuse('BAD_INPUT', '操作人的角色应为 office（县政府办）、leader（县领导）或 liaison（单位联络员）。');
  return actor as SupervisionActor;
}

function describeActor(actor: SupervisionActor, role: ItemRole): string {
  if (actor.role === 'liaison') {
    const unit = typeof actor.unit === 'string' && actor.unit.trim() ? actor.unit.trim() : null;
    return unit ? `${unit}联络员（${ROLE_LABELS[role]}）` : '单位联络员（账户未绑定单位）';
  }
  return ROLE_LABELS[role];
}

function checkPermission(item: SupervisionItem, action: ActionType, actor: SupervisionActor, role: ItemRole): void {
  const label = ACTION_LABELS[action];
  const forAction = RULES.filter((r) => r.action === action);
  const mine = forAction.filter((r) => r.role === role);
  if (mine.length === 0) {
    const who = [...new Set(forAction.map((r) => ROLE_LABELS[r.role]))].join('或');
    let why = `你是${describeActor(actor, role)}`;
    if (actor.role === 'liaison' && role === 'other') {
      const unit = typeof actor.unit === 'string' && actor.unit.trim() ? actor.unit.trim() : null;
      const supports = item.supports.length ? `，配合单位为${item.supports.join('、')}` : '，无配合单位';
      why = unit
        ? `你所在的“${unit}”不是本事项的承办单位（牵头单位为${item.lead}${supports}），联络员只能为本单位办理`
        : '你的账户未绑定单位，联络员只能为本单位办理';
    }
    refuse('FORBIDDEN', `“${label}”只能由${who}执行；${why}。`);
  }
  if (!mine.some((r) => r.from.includes(item.state))) {
    const states = [...new Set(mine.flatMap((r) => r.from))].map((s) => `“${STATE_LABELS[s]}”`).join('、');
    refuse(
      'ILLEGAL_TRANSITION',
      `事项“${item.title}”当前状态为“${STATE_LABELS[item.state]}”，不能“${label}”：${ROLE_LABELS[role]}只能在${states}状态下${label}。` +
        `当前状态下可执行的操作：${describeAllowed(item.state)}。`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Creating an item (立项)

function emptyUnits(lead: string, supports: readonly string[]): UnitStatus[] {
  return [
    { unit: lead, role: 'lead', acknowledgedAt: null, reports: 0, firstReportAt: null, lastReportAt: null },
    ...supports.map(
      (unit): UnitStatus => ({
        unit,
        role: 'support',
        acknowledgedAt: null,
        reports: 0,
        firstReportAt: null,
        lastReportAt: null,
      }),
    ),
  ];
}

function checkNow(now: unknown): IsoDate {
  const today = shanghaiDate(now as string);
  if (!today) refuse('BAD_INPUT', `操作时间“${String(now)}”不是带时区的 ISO 时间（例如 2023-09-28T09:00:00+08:00）。`);
  return today;
}

function checkDueOn(dueOn: IsoDate | null, today: IsoDate, when: string): void {
  if (dueOn && compareDates(dueOn, today) < 0) {
    refuse(
      'BAD_INPUT',
      when === '交办日期'
        ? `要求办结时限 ${dueOn} 早于交办日期 ${today}；请先“修改立项”调整时限。`
        : `要求办结时限 ${dueOn} 早于今天 ${today}，交办日期不会早于今天；请修改时限。`,
    );
  }
}

function guard(fn: () => TransitionResult): TransitionResult {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { code: e.code, message: e.message } };
    if (isAppError(e)) return { ok: false, error: { code: 'BAD_INPUT', message: e.message } };
    throw e;
  }
}

/** 立项: a new item in the draft state (县政府办 only). */
export function draftItem(
  input: DraftInput,
  actor: SupervisionActor,
  now: string,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): TransitionResult {
  return guard(() => {
    const a = checkActor(actor);
    const today = checkNow(now);
    const problems = validateSettings(settings);
    if (problems.length) refuse('BAD_INPUT', `督办设置有误：${problems.join(' ')}`);
    if (a.role !== 'office')
      refuse('FORBIDDEN', `“立项”只能由县政府办执行；你是${a.role === 'leader' ? '县领导' : '单位联络员'}。`);
    const i = (input ?? {}) as DraftInput;
    const id = text(i.id, '事项编号');
    const title = text(i.title, '事项名称');
    const cat = category(i.category);
    const lead = unitName(i.lead, '牵头单位');
    const supports = units(lead, i.supports);
    const dueOn = i.dueOn === undefined || i.dueOn === null ? null : date(i.dueOn, '要求办结时限');
    checkDueOn(dueOn, today, '今天');
    const event: SupervisionEvent = {
      seq: 1,
      type: 'drafted',
      itemId: id,
      at: now,
      on: today,
      actor: { id: a.id, name: a.name, role: 'office', unit: null },
      to: [],
      summary: `立项：${title}（${CATEGORY_LABELS[cat]}，牵头单位${lead}${supports.length ? `，配合单位${supports.join('、')}` : ''}${dueOn ? `，要求 ${dueOn} 前办结` : ''}）`,
    };
    const item: SupervisionItem = {
      id,
      title,
      category: cat,
      source: source(i.source),
      lead,
      supports,
      dueOn,
      state: 'draft',
      version: 1,
      createdAt: now,
      updatedAt: now,
      assignedAt: null,
      assignedOn: null,
      deadlines: null,
      units: emptyUnits(lead, supports),
      deployedAt: null,
      reports: [],
      plan: null,
      extensions: [],
      closureRequestedAt: null,
      returns: [],
      review: null,
      urges: [],
      closedAt: null,
      archivedAt: null,
      withdrawal: null,
      reassignments: [],
      history: [event],
    };
    return { ok: true, item, events: [event] };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Transitions

interface Ctx {
  item: SupervisionItem;
  actor: SupervisionActor;
  role: ItemRole;
  unit: string | null;
  now: string;
  today: IsoDate;
  settings: SupervisionSettings;
}

interface EventDraft {
  type: EventType;
  to: readonly string[];
  summary: string;
}

interface Step {
  changes: Partial<SupervisionItem>;
  events: EventDraft[];
}

function short(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function deadlinesOf(c: Ctx) {
  const d = c.item.deadlines;
  if (!d) refuse('PRECONDITION', `事项“${c.item.title}”尚未交办，没有时限。`);
  return d;
}

function lateNote(c: Ctx, due: IsoDate, what: string): string {
  const d = deadlinesOf(c);
  const dist = distance(c.today, due, d.counting, c.settings.calendar);
  return dist.overdue
    ? `（已超过${what}时限 ${due}${dist.days > 0 ? `，逾期 ${dist.days} ${unitLabel(d.counting)}` : ''}）`
    : '';
}

function withUnit(list: readonly UnitStatus[], unit: string, fn: (u: UnitStatus) => UnitStatus): UnitStatus[] {
  return list.map((u) => (u.unit === unit ? fn(u) : u));
}

function reported(u: UnitStatus, at: string): UnitStatus {
  return { ...u, reports: u.reports + 1, firstReportAt: u.firstReportAt ?? at, lastReportAt: at };
}

function report(
  c: Ctx,
  kind: Report['kind'],
  summary: string,
  evidence: Evidence[],
  checkpoint: IsoDate | null = null,
): Report {
  const unit = c.unit as string;
  return {
    kind,
    at: c.now,
    on: c.today,
    unit,
    to: kind === 'support' ? c.item.lead : 'office',
    by: c.actor.name,
    summary,
    evidence,
    checkpoint,
  };
}

function myUnit(c: Ctx): UnitStatus {
  const u = c.item.units.find((x) => x.unit === c.unit);
  if (!u) refuse('FORBIDDEN', `“${c.unit}”不是本事项的承办单位。`);
  return u;
}

const handlers: { [K in ActionType]: (c: Ctx, a: Extract<Action, { type: K }>) => Step } = {
  edit(c, a) {
    const i = c.item;
    const title = a.title === undefined ? i.title : text(a.title, '事项名称');
    const cat = a.category === undefined ? i.category : category(a.category);
    const lead = a.lead === undefined ? i.lead : unitName(a.lead, '牵头单位');
    const supports = a.supports === undefined ? units(lead, i.supports) : units(lead, a.supports);
    const dueOn = a.dueOn === undefined ? i.dueOn : a.dueOn === null ? null : date(a.dueOn, '要求办结时限');
    checkDueOn(dueOn, c.today, '今天');
    const src = a.source === undefined ? i.source : source(a.source);
    const changed: string[] = [];
    if (title !== i.title) changed.push('名称');
    if (cat !== i.category) changed.push('类别');
    if (lead !== i.lead) changed.push('牵头单位');
    if (supports.join('\u0000') !== i.supports.join('\u0000')) changed.push('配合单位');
    if (dueOn !== i.dueOn) changed.push('时限');
    if (JSON.stringify(src) !== JSON.stringify(i.source)) changed.push('来源');
    return {
      changes: { title, category: cat, lead, supports, dueOn, source: src, units: emptyUnits(lead, supports) },
      events: [
        { type: 'edited', to: [], summary: changed.length ? `修改立项：${changed.join('、')}` : '修改立项：无变化' },
      ],
    };
  },

  assign(c) {
    const i = c.item;
    checkDueOn(i.dueOn, c.today, '交办日期');
    const deadlines = computeDeadlines(i.category, c.today, i.dueOn, c.settings.dayCounting, c.settings.calendar);
    return {
      changes: { assignedAt: c.now, assignedOn: c.today, deadlines },
      events: [
        {
          type: 'assigned',
          to: [i.lead, ...i.supports],
          summary:
            `交办${i.lead}（牵头）${i.supports.length ? `、${i.supports.join('、')}（配合）` : ''}：` +
            `${deadlines.deployBy} 前研究部署，${deadlines.feedbackBy} 前反馈，${deadlines.closeBy} 前办结` +
            (deadlines.official ? '' : '（时限跨越尚无官方节假日安排的年份，为估算）'),
        },
      ],
    };
  },

  acknowledge(c) {
    const u = myUnit(c);
    if (u.acknowledgedAt)
      refuse(
        'PRECONDITION',
        `${u.unit}已于 ${shanghaiDate(u.acknowledgedAt) ?? u.acknowledgedAt} 签收，无需重复签收。`,
      );
    return {
      changes: { units: withUnit(c.item.units, u.unit, (x) => ({ ...x, acknowledgedAt: c.now })) },
      events: [
        {
          type: 'acknowledged',
          to: c.role === 'lead' ? ['office'] : ['office', c.item.lead],
          summary: `${u.unit}（${c.role === 'lead' ? '牵头单位' : '配合单位'}）签收`,
        },
      ],
    };
  },

  deploy(c, a) {
    const summary = text(a.summary, '研究部署情况');
    const evidence = evidenceList(a.evidence, '研究部署情况', false);
    const d = deadlinesOf(c);
    return {
      changes: {
        deployedAt: c.now,
        reports: [...c.item.reports, report(c, 'deploy', summary, evidence)],
        units: withUnit(c.item.units, c.item.lead, (x) => reported(x, c.now)),
      },
      events: [
        {
          type: 'deployed',
          to: ['office'],
          summary: `${c.item.lead}研究部署：${short(summary)}${lateNote(c, d.deployBy, '研究部署')}`,
        },
      ],
    };
  },

  feedback(c, a) {
    const summary = text(a.summary, '反馈内容');
    const evidence = evidenceList(a.evidence, '反馈', false);
    const d = deadlinesOf(c);
    let checkpoint: IsoDate | null = null;
    if (a.checkpoint !== undefined && a.checkpoint !== null) {
      checkpoint = date(a.checkpoint, '对应的时间表节点');
      const plan = c.item.plan;
      if (plan?.status !== 'approved')
        refuse('PRECONDITION', `本事项没有已审定的时间表，不能按节点 ${checkpoint} 反馈；请不填节点直接反馈。`);
      if (!plan.checkpoints.some((p) => p.date === checkpoint)) {
        refuse(
          'PRECONDITION',
          `${checkpoint} 不是已审定时间表的节点；节点为：${plan.checkpoints.map((p) => p.date).join('、')}。`,
        );
      }
      if (c.item.reports.some((r) => r.kind === 'feedback' && r.checkpoint === checkpoint)) {
        refuse('PRECONDITION', `时间表节点 ${checkpoint} 已经反馈过；补充情况请不填节点直接反馈。`);
      }
    }
    const first = !c.item.reports.some((r) => r.kind === 'feedback');
    const late = first ? lateNote(c, d.feedbackBy, '反馈') : checkpoint ? lateNote(c, checkpoint, '节点反馈') : '';
    return {
      changes: {
        reports: [...c.item.reports, report(c, 'feedback', summary, evidence, checkpoint)],
        units: withUnit(c.item.units, c.item.lead, (x) => reported(x, c.now)),
      },
      events: [
        {
          type: 'feedback',
          to: ['office'],
          summary: `${c.item.lead}反馈${checkpoint ? `（节点 ${checkpoint}）` : ''}：${short(summary)}${late}`,
        },
      ],
    };
  },

  support_report(c, a) {
    const u = myUnit(c);
    if (!u.acknowledgedAt) refuse('PRECONDITION', `${u.unit}尚未签收本事项，请先签收再向牵头单位报送。`);
    const summary = text(a.summary, '报送内容');
    const evidence = evidenceList(a.evidence, '报送', false);
    return {
      changes: {
        reports: [...c.item.reports, report(c, 'support', summary, evidence)],
        units: withUnit(c.item.units, u.unit, (x) => reported(x, c.now)),
      },
      events: [
        {
          type: 'support_report',
          to: [c.item.lead],
          summary: `${u.unit}向牵头单位${c.item.lead}报送：${short(summary)}`,
        },
      ],
    };
  },

  file_plan(c, a) {
    const i = c.item;
    const d = deadlinesOf(c);
    if (i.category !== 'major') {
      refuse(
        'PRECONDITION',
        `“报送时间表”只适用于重大复杂事项；本事项为一般事项，应在 ${d.closeBy} 前办结，确需延期请“申请延期”。`,
      );
    }
    if (i.plan?.status === 'pending')
      refuse('PRECONDITION', `已有待审定的时间表（${i.plan.filedOn} 报送），请等待县政府办审定或退回后再报送。`);
    if (compareDates(c.today, d.closeBy) > 0) {
      refuse(
        'DEADLINE_PASSED',
        `办结时限 ${d.closeBy} 已过（今天是 ${c.today}），不能再报送时间表；请尽快办结，或向县政府办说明情况。`,
      );
    }
    if (!Array.isArray(a.checkpoints) || a.checkpoints.length === 0)
      refuse('BAD_INPUT', '时间表至少要有 1 个节点（日期和阶段目标）。');
    if (a.checkpoints.length > MAX_CHECKPOINTS) refuse('BAD_INPUT', `时间表节点过多（最多 ${MAX_CHECKPOINTS} 个）。`);
    const checkpoints: Checkpoint[] = [];
    a.checkpoints.forEach((p: Checkpoint, k: number) => {
      const o = (p ?? {}) as Partial<Checkpoint>;
      const when = date(o.date, `第 ${k + 1} 个节点的日期`);
      const milestone = text(o.milestone, `第 ${k + 1} 个节点的阶段目标`);
      if (compareDates(when, c.today) <= 0)
        refuse('BAD_INPUT', `第 ${k + 1} 个节点 ${when} 不晚于今天（${c.today}），节点应是今后的日期。`);
      const prev = checkpoints[k - 1];
      if (prev && compareDates(when, prev.date) <= 0)
        refuse('BAD_INPUT', `第 ${k + 1} 个节点 ${when} 应晚于第 ${k} 个节点 ${prev.date}。`);
      checkpoints.push({ date: when, milestone });
    });
    const finishOn = date(a.finishOn, '计划办结日期');
    const last = checkpoints[checkpoints.length - 1] as Checkpoint;
    if (compareDates(finishOn, last.date) < 0)
      refuse('BAD_INPUT', `计划办结日期 ${finishOn} 早于最后一个节点 ${last.date}。`);
    const summary = text(a.summary, '时间表说明', { optional: true });
    return {
      changes: {
        plan: {
          status: 'pending',
          checkpoints,
          finishOn,
          summary,
          filedAt: c.now,
          filedOn: c.today,
          decidedAt: null,
          decidedOn: null,
          decidedBy: null,
          comment: null,
        },
      },
      events: [
        {
          type: 'plan_filed',
          to: ['office'],
          summary: `${i.lead}报送时间表：${checkpoints.map((p) => `${p.date} ${short(p.milestone, 20)}`).join('；')}；计划 ${finishOn} 办结`,
        },
      ],
    };
  },

  approve_plan(c, a) {
    const i = c.item;
    const plan = i.plan;
    if (plan?.status !== 'pending') refuse('PRECONDITION', '没有待审定的时间表。');
    const passed = plan.checkpoints.find((p) => compareDates(p.date, c.today) < 0);
    if (passed)
      refuse(
        'PRECONDITION',
        `时间表节点 ${passed.date} 已过（今天是 ${c.today}），请退回时间表，由牵头单位修改后重新报送。`,
      );
    const comment = text(a.comment, '审定意见', { optional: true });
    const d = deadlinesOf(c);
    return {
      changes: {
        plan: {
          ...plan,
          status: 'approved',
          decidedAt: c.now,
          decidedOn: c.today,
          decidedBy: c.actor.name,
          comment: comment || null,
        },
        deadlines: { ...d, closeBy: plan.finishOn },
      },
      events: [
        {
          type: 'plan_approved',
          to: [i.lead],
          summary: `县政府办审定时间表：按节点报告，${plan.finishOn} 前办结${comment ? `（${short(comment)}）` : ''}`,
        },
      ],
    };
  },

  reject_plan(c, a) {
    const plan = c.item.plan;
    if (plan?.status !== 'pending') refuse('PRECONDITION', '没有待审定的时间表。');
    const reason = text(a.reason, '退回理由');
    return {
      changes: {
        plan: {
          ...plan,
          status: 'rejected',
          decidedAt: c.now,
          decidedOn: c.today,
          decidedBy: c.actor.name,
          comment: reason,
        },
      },
      events: [{ type: 'plan_rejected', to: [c.item.lead], summary: `县政府办退回时间表：${short(reason)}` }],
    };
  },

  request_extension(c, a) {
    const i = c.item;
    const d = deadlinesOf(c);
    const pending = i.extensions.find((e) => e.status === 'pending');
    if (pending)
      refuse(
        'PRECONDITION',
        `已有待审批的延期申请（${pending.requestedOn} 提出，申请延至 ${pending.newCloseBy}），请等待县领导审批。`,
      );
    if (compareDates(c.today, d.closeBy) > 0) {
      refuse(
        'DEADLINE_PASSED',
        `办结时限 ${d.closeBy} 已过（今天是 ${c.today}），不能再申请延期：延期须在时限届满前申请。请尽快办结，或向县政府办说明情况。`,
      );
    }
    const reason = text(a.reason, '延期理由');
    const newCloseBy = date(a.newCloseBy, '申请的新时限');
    if (compareDates(newCloseBy, d.closeBy) <= 0)
      refuse('BAD_INPUT', `申请的新时限 ${newCloseBy} 应晚于当前办结时限 ${d.closeBy}。`);
    return {
      changes: {
        extensions: [
          ...i.extensions,
          {
            status: 'pending',
            reason,
            requestedAt: c.now,
            requestedOn: c.today,
            previousCloseBy: d.closeBy,
            newCloseBy,
            decidedAt: null,
            decidedBy: null,
            comment: null,
            granted: null,
          },
        ],
      },
      events: [
        {
          type: 'extension_requested',
          to: ['leader', 'office'],
          summary: `${i.lead}申请延期至 ${newCloseBy}（原时限 ${d.closeBy}）：${short(reason)}`,
        },
      ],
    };
  },

  approve_extension(c, a) {
    const i = c.item;
    const d = deadlinesOf(c);
    const k = i.extensions.findIndex((e) => e.status === 'pending');
    const pending = i.extensions[k];
    if (!pending) refuse('PRECONDITION', '没有待审批的延期申请。');
    const granted =
      a.newCloseBy === undefined || a.newCloseBy === null ? pending.newCloseBy : date(a.newCloseBy, '批准的新时限');
    if (compareDates(granted, d.closeBy) <= 0)
      refuse('BAD_INPUT', `批准的新时限 ${granted} 应晚于当前办结时限 ${d.closeBy}。`);
    if (compareDates(granted, c.today) < 0) refuse('BAD_INPUT', `批准的新时限 ${granted} 早于今天（${c.today}）。`);
    const comment = text(a.comment, '审批意见', { optional: true });
    const extensions = i.extensions.map((e, j) =>
      j === k
        ? {
            ...e,
            status: 'approved' as const,
            decidedAt: c.now,
            decidedBy: c.actor.name,
            comment: comment || null,
            granted,
          }
        : e,
    );
    return {
      changes: { extensions, deadlines: { ...d, closeBy: granted } },
      events: [
        {
          type: 'extension_approved',
          to: [i.lead, 'office'],
          summary: `${c.actor.name}批准延期至 ${granted}${granted !== pending.newCloseBy ? `（申请 ${pending.newCloseBy}）` : ''}`,
        },
      ],
    };
  },

  refuse_extension(c, a) {
    const i = c.item;
    const k = i.extensions.findIndex((e) => e.status === 'pending');
    if (k < 0) refuse('PRECONDITION', '没有待审批的延期申请。');
    const reason = text(a.reason, '不予延期的理由');
    const extensions = i.extensions.map((e, j) =>
      j === k ? { ...e, status: 'refused' as const, decidedAt: c.now, decidedBy: c.actor.name, comment: reason } : e,
    );
    return {
      changes: { extensions },
      events: [
        {
          type: 'extension_refused',
          to: [i.lead, 'office'],
          summary: `${c.actor.name}不予延期：${short(reason)}；办结时限仍为 ${deadlinesOf(c).closeBy}`,
        },
      ],
    };
  },

  request_closure(c, a) {
    const i = c.item;
    const d = deadlinesOf(c);
    const summary = text(a.summary, '办结情况');
    const evidence = evidenceList(a.evidence, '申请办结', true);
    const silent = i.units.filter((u) => u.role === 'support' && u.reports === 0).map((u) => u.unit);
    if (silent.length) {
      refuse(
        'PRECONDITION',
        `配合单位${silent.join('、')}尚未向牵头单位报送办理情况，暂不能申请办结；可请县政府办催办。`,
      );
    }
    const events: EventDraft[] = [];
    const extensions = i.extensions.map((e) =>
      e.status === 'pending' ? { ...e, status: 'withdrawn' as const, decidedAt: c.now } : e,
    );
    if (i.extensions.some((e) => e.status === 'pending'))
      events.push({
        type: 'extension_withdrawn',
        to: ['leader', 'office'],
        summary: '申请办结，待审批的延期申请自动撤回',
      });
    let plan = i.plan;
    if (plan?.status === 'pending') {
      plan = { ...plan, status: 'withdrawn', decidedAt: c.now, decidedOn: c.today };
      events.push({ type: 'plan_withdrawn', to: ['office'], summary: '申请办结，待审定的时间表自动撤回' });
    }
    events.push({
      type: 'closure_requested',
      to: ['office'],
      summary: `${i.lead}申请办结：${short(summary)}（佐证材料 ${evidence.length} 件）${lateNote(c, d.closeBy, '办结')}`,
    });
    return {
      changes: {
        closureRequestedAt: c.now,
        extensions,
        plan,
        reports: [...i.reports, report(c, 'closure', summary, evidence)],
        units: withUnit(i.units, i.lead, (x) => reported(x, c.now)),
      },
      events,
    };
  },

  close(c, a) {
    const i = c.item;
    if (!RATINGS.includes(a.rating))
      refuse('BAD_INPUT', `评定等次应为 ${RATINGS.join('、')} 之一，收到“${String(a.rating)}”。`);
    const comment = text(a.comment, '审核意见', { optional: true });
    if (a.rating === '不合格' && !comment) refuse('BAD_INPUT', '评定为“不合格”时须写明审核意见。');
    return {
      changes: { review: { at: c.now, on: c.today, by: c.actor.name, rating: a.rating, comment }, closedAt: c.now },
      events: [
        {
          type: 'closed',
          to: [i.lead, ...i.supports],
          summary: `办结销号，评定为“${a.rating}”${comment ? `：${short(comment)}` : ''}`,
        },
      ],
    };
  },

  return(c, a) {
    const reasons = text(a.reasons, '退回理由');
    const d = deadlinesOf(c);
    return {
      changes: {
        returns: [...c.item.returns, { at: c.now, on: c.today, by: c.actor.name, reasons }],
        closureRequestedAt: null,
      },
      events: [
        { type: 'returned', to: [c.item.lead], summary: `退回重办：${short(reasons)}；办结时限仍为 ${d.closeBy}` },
      ],
    };
  },

  urge(c, a) {
    const i = c.item;
    const level = a.level ?? 'urge';
    if (!ESCALATION_LEVELS.includes(level))
      refuse('BAD_INPUT', '催办方式应为 urge（催办）、notice（通报）或 interview（约谈）。');
    const unit = a.unit === undefined || a.unit === null ? i.lead : unitName(a.unit, '催办对象');
    if (unit !== i.lead && !i.supports.includes(unit))
      refuse('BAD_INPUT', `“${unit}”不是本事项的承办单位，不能对其${ESCALATION_LABELS[level]}。`);
    const note = text(a.note, '催办说明', { optional: true });
    return {
      changes: { urges: [...i.urges, { at: c.now, on: c.today, by: c.actor.name, level, unit, note }] },
      events: [
        {
          type: 'urged',
          to: [unit],
          summary: `${ROLE_LABELS[c.role]}${c.actor.name}对${unit}${ESCALATION_LABELS[level]}${note ? `：${short(note)}` : ''}`,
        },
      ],
    };
  },

  archive(c) {
    return { changes: { archivedAt: c.now }, events: [{ type: 'archived', to: [], summary: '归档' }] };
  },

  withdraw(c, a) {
    const i = c.item;
    const reason = text(a.reason, '撤销理由（reason）');
    const pending = withdrawPending(c, '事项撤销', [i.lead]);
    return {
      changes: {
        withdrawal: { at: c.now, on: c.today, by: c.actor.name, reason, from: i.state },
        extensions: pending.extensions,
        plan: pending.plan,
      },
      events: [
        ...pending.events,
        {
          type: 'withdrawn',
          to: [i.lead, ...i.supports],
          summary: `撤销（原状态：${STATE_LABELS[i.state]}），各项时限停止计算：${short(reason)}`,
        },
      ],
    };
  },

  reassign(c, a) {
    const i = c.item;
    const d = deadlinesOf(c);
    const lead = unitName(a.lead, '新牵头单位（lead）');
    if (lead === i.lead)
      refuse(
        'BAD_INPUT',
        `新牵头单位（lead）“${lead}”就是当前的牵头单位，没有改派；只增减配合单位请用“调整配合单位”。`,
      );
    let supports: string[];
    if (a.supports === undefined || a.supports === null) {
      if (i.supports.includes(lead))
        refuse(
          'BAD_INPUT',
          `“${lead}”现为配合单位；改派其为牵头单位时，请同时提交配合单位（supports），并从中去掉“${lead}”。`,
        );
      supports = [...i.supports];
    } else supports = supportList(lead, a.supports);
    const restart = restartFlag(a.restartClock);
    const reason = text(a.reason, '改派理由（reason）');
    let deadlines = d;
    if (restart) {
      // a new 交办 to the new lead: 1 day to deploy, 3 to feed back, 7 days / 1 month to close, from today;
      // a due date written in the document still binds, and a later close-by already granted is kept
      const fresh = computeDeadlines(i.category, c.today, i.dueOn, d.counting, c.settings.calendar);
      const closeBy = compareDates(fresh.closeBy, d.closeBy) >= 0 ? fresh.closeBy : d.closeBy;
      const cap = (x: IsoDate) => (compareDates(x, closeBy) <= 0 ? x : closeBy);
      deadlines = {
        ...d,
        deployBy: cap(fresh.deployBy),
        feedbackBy: cap(fresh.feedbackBy),
        closeBy,
        official: d.official && fresh.official,
        restartedOn: c.today,
        basis: `${d.basis}${c.today} 改派${lead}，时限自改派日次日重新起算：${cap(fresh.deployBy)} 前研究部署，${cap(fresh.feedbackBy)} 前反馈，${closeBy} 前办结。`,
      };
    }
    // the old lead's pending requests are its own: withdrawn; the new lead files again if it needs to
    const pending = withdrawPending(c, '改派牵头单位', [i.lead]);
    const change = unitsChange(i.lead, lead, i.supports, supports);
    const everyone = [...new Set([i.lead, ...i.supports, lead, ...supports])];
    return {
      changes: {
        lead,
        supports,
        units: regroup(i.units, lead, supports, c.today, joinerReportBy(c.today, deadlines, c.settings.calendar)),
        deployedAt: null,
        deadlines,
        extensions: pending.extensions,
        plan: pending.plan,
        reassignments: [
          ...(i.reassignments ?? []),
          {
            at: c.now,
            on: c.today,
            by: c.actor.name,
            kind: 'reassign',
            fromLead: i.lead,
            toLead: lead,
            fromSupports: i.supports,
            toSupports: supports,
            reason,
            restartClock: restart,
          },
        ],
      },
      events: [
        ...pending.events,
        {
          type: 'reassigned',
          to: everyone,
          summary:
            `改派：${change}；${lead}须重新签收、研究部署；` +
            (restart
              ? `时限重新起算：${deadlines.deployBy} 前研究部署，${deadlines.feedbackBy} 前反馈，${deadlines.closeBy} 前办结`
              : `时限不变（${d.closeBy} 前办结）`) +
            `。理由：${short(reason)}`,
        },
      ],
    };
  },

  change_supports(c, a) {
    const i = c.item;
    if (a.supports === undefined || a.supports === null)
      refuse('BAD_INPUT', '缺少配合单位（supports）：请提交调整后的全部配合单位（可为空列表）。');
    const supports = supportList(i.lead, a.supports);
    if (sameList(supports, i.supports))
      refuse('BAD_INPUT', `配合单位（supports）与当前相同（${i.supports.join('、') || '无'}），没有调整。`);
    const reason = text(a.reason, '调整理由（reason）');
    const change = unitsChange(i.lead, i.lead, i.supports, supports);
    const added = supports.filter((u) => !i.supports.includes(u));
    return {
      changes: {
        supports,
        units: regroup(
          i.units,
          i.lead,
          supports,
          c.today,
          joinerReportBy(c.today, deadlinesOf(c), c.settings.calendar),
        ),
        reassignments: [
          ...(i.reassignments ?? []),
          {
            at: c.now,
            on: c.today,
            by: c.actor.name,
            kind: 'change_supports',
            fromLead: i.lead,
            toLead: i.lead,
            fromSupports: i.supports,
            toSupports: supports,
            reason,
            restartClock: false,
          },
        ],
      },
      events: [
        {
          type: 'supports_changed',
          to: [...new Set([i.lead, ...i.supports, ...supports])],
          summary:
            `调整配合单位：${change}` +
            (added.length
              ? `；新增的配合单位须签收，并自今天起 ${RULE_13710.feedbackDays} ${unitLabel(deadlinesOf(c).counting)}内向牵头单位报送`
              : '') +
            `。理由：${short(reason)}`,
        },
      ],
    };
  },
};

/** Pending extension requests and timelines are withdrawn (撤销, 改派): each with an event. */
function withdrawPending(
  c: Ctx,
  why: string,
  units: readonly string[],
): { extensions: SupervisionItem['extensions']; plan: SupervisionItem['plan']; events: EventDraft[] } {
  const i = c.item;
  const events: EventDraft[] = [];
  const extensions = i.extensions.map((e) =>
    e.status === 'pending' ? { ...e, status: 'withdrawn' as const, decidedAt: c.now, decidedBy: c.actor.name } : e,
  );
  if (i.extensions.some((e) => e.status === 'pending'))
    events.push({
      type: 'extension_withdrawn',
      to: ['leader', 'office', ...units],
      summary: `${why}，待审批的延期申请自动撤回`,
    });
  let plan = i.plan;
  if (plan?.status === 'pending') {
    plan = { ...plan, status: 'withdrawn', decidedAt: c.now, decidedOn: c.today, decidedBy: c.actor.name };
    events.push({ type: 'plan_withdrawn', to: ['office', ...units], summary: `${why}，待审定的时间表自动撤回` });
  }
  return { extensions, plan, events };
}

/**
 * Apply one action. Pure: returns the new item and the events it produced, or a refusal. `now` is an ISO
 * instant; dates are taken in Asia/Shanghai. Checks, in order: the input is well formed; the actor's role
 * may take this action at all (FORBIDDEN); the item's state allows it (ILLEGAL_TRANSITION); the payload
 * (BAD_INPUT); the preconditions (PRECONDITION, DEADLINE_PASSED).
 */
export function transition(
  item: SupervisionItem,
  action: Action,
  actor: SupervisionActor,
  now: string,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): TransitionResult {
  return guard(() => {
    if (!item || typeof item !== 'object' || !STATES.includes(item.state))
      refuse('BAD_INPUT', '督办事项数据不完整（缺少状态）。');
    const a = checkActor(actor);
    const type = (action as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(type)) {
      refuse(
        'BAD_INPUT',
        `未知的操作“${String(type)}”。当前状态（${STATE_LABELS[item.state]}）下可执行的操作：${describeAllowed(item.state)}。`,
      );
    }
    const today = checkNow(now);
    if (Date.parse(now) < Date.parse(item.updatedAt)) {
      refuse('BAD_INPUT', `操作时间 ${now} 早于该事项上一次操作的时间 ${item.updatedAt}，请检查系统时间。`);
    }
    const problems = validateSettings(settings);
    if (problems.length) refuse('BAD_INPUT', `督办设置有误：${problems.join(' ')}`);
    const role = itemRole(item, a);
    checkPermission(item, type as ActionType, a, role);
    const rule = ruleFor(item.state, type as ActionType, role);
    if (!rule) throw new AppError('INTERNAL', 'rule vanished'); // unreachable: checkPermission found it
    const unit = role === 'lead' || role === 'support' ? (a.unit as string).trim() : null;
    const ctx: Ctx = { item, actor: a, role, unit, now, today, settings };
    const handler = handlers[type as ActionType] as (c: Ctx, x: Action) => Step;
    let step: Step;
    try {
      step = handler(ctx, action);
    } catch (e) {
      // name the action and the state in every refusal of the payload or a precondition
      if (e instanceof Refusal)
        refuse(
          e.code,
          `不能“${ACTION_LABELS[type as ActionType]}”（事项当前状态：${STATE_LABELS[item.state]}）：${e.message}`,
        );
      throw e;
    }
    const to: ItemState = rule.to ?? item.state;
    const events: SupervisionEvent[] = step.events.map((e, k) => ({
      seq: item.history.length + k + 1,
      type: e.type,
      itemId: item.id,
      at: now,
      on: today,
      actor: { id: a.id, name: a.name, role, unit },
      to: e.to,
      summary: e.summary,
    }));
    const next: SupervisionItem = {
      ...item,
      ...step.changes,
      state: to,
      version: item.version + 1,
      updatedAt: now,
      closedAt: to === 'closed' ? now : (step.changes.closedAt ?? item.closedAt),
      archivedAt: to === 'archived' ? now : item.archivedAt,
      history: [...item.history, ...events],
    };
    return { ok: true, item: next, events };
  });
}

/** Map a refusal to the application's error (HTTP status and CLI exit code), for routes and CLI later. */
export function toAppError(error: TransitionError): AppError {
  const code = error.code === 'FORBIDDEN' ? 'FORBIDDEN' : error.code === 'BAD_INPUT' ? 'BAD_INPUT' : 'CONFLICT';
  return new AppError(code, error.message, {}, { reason: error.code });
}

// ---------------------------------------------------------------------------------------------------------
// Invariants

/** Broken invariants of an item, in English (for tests and for checking rows loaded from storage). */
export function checkItem(item: SupervisionItem): string[] {
  const bad: string[] = [];
  const i = item;
  if (!STATES.includes(i.state)) bad.push(`unknown state ${String(i.state)}`);
  // one accepted transition = one version; a transition may record several events
  if (!Number.isInteger(i.version) || i.version < 1 || i.version > i.history.length)
    bad.push(`version ${i.version} vs ${i.history.length} events`);
  i.history.forEach((e, k) => {
    if (e.seq !== k + 1) bad.push(`history seq ${e.seq} at ${k}`);
  });
  const lead = i.units.find((u) => u.role === 'lead');
  if (!lead || lead.unit !== i.lead) bad.push('lead unit status missing');
  if (i.units.length !== 1 + i.supports.length) bad.push('unit statuses do not match the units');
  if (i.supports.includes(i.lead)) bad.push('lead is also a supporting unit');
  const assigned = i.state !== 'draft';
  const withdrawal = i.withdrawal ?? null;
  if ((i.state === 'withdrawn') !== (withdrawal !== null)) bad.push('withdrawal record vs state');
  // a withdrawn item keeps what it had reached: the checks below use the state it was withdrawn from
  const reached: ItemState = i.state === 'withdrawn' ? (withdrawal?.from ?? 'assigned') : i.state;
  if (assigned !== (i.deadlines !== null) || assigned !== (i.assignedOn !== null))
    bad.push('deadlines/assignedOn vs state');
  if (i.deadlines && i.assignedOn) {
    const d = i.deadlines;
    if (
      !(
        compareDates(i.assignedOn, d.deployBy) <= 0 &&
        compareDates(d.deployBy, d.feedbackBy) <= 0 &&
        compareDates(d.feedbackBy, d.restartedOn ? d.closeBy : d.originalCloseBy) <= 0
      )
    ) {
      bad.push(`deadlines out of order: ${i.assignedOn} ${d.deployBy} ${d.feedbackBy} ${d.originalCloseBy}`);
    }
    if (compareDates(d.closeBy, d.feedbackBy) < 0 && !i.plan) bad.push('closeBy before feedbackBy without a plan');
  }
  const after = (s: ItemState) => STATES.indexOf(reached) >= STATES.indexOf(s);
  if (after('acknowledged') && !lead?.acknowledgedAt) bad.push('acknowledged without the lead unit signing');
  if (after('in_progress') && !i.deployedAt) bad.push('in progress without deployment');
  if (reached === 'closure_requested' && !i.closureRequestedAt) bad.push('closure requested without a request');
  if ((i.state === 'closed' || i.state === 'archived') && (!i.review || !i.closedAt)) bad.push('closed without review');
  if (i.state !== 'closed' && i.state !== 'archived' && (i.review || i.closedAt)) bad.push('review on an open item');
  if (i.state === 'archived' && !i.archivedAt) bad.push('archived without archivedAt');
  const pending = i.extensions.filter((e) => e.status === 'pending').length;
  if (pending > 1) bad.push('more than one pending extension');
  if (pending === 1 && i.state !== 'acknowledged' && i.state !== 'in_progress')
    bad.push(`pending extension in ${i.state}`);
  if (i.plan?.status === 'pending' && i.state !== 'acknowledged' && i.state !== 'in_progress')
    bad.push(`pending plan in ${i.state}`);
  if (i.plan && i.category !== 'major') bad.push('plan on an ordinary item');
  for (const u of i.units) {
    if (u.role === 'support' && u.reports > 0 && !u.acknowledgedAt) bad.push(`${u.unit} reported without signing`);
  }
  for (let k = 1; k < i.history.length; k++) {
    const prev = i.history[k - 1] as SupervisionEvent;
    const cur = i.history[k] as SupervisionEvent;
    if (Date.parse(cur.at) < Date.parse(prev.at)) bad.push(`history goes back in time at ${k}`);
  }
  return bad;
}
