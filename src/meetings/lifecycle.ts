// The meeting as a pure state machine: planning (kind, convener, participants), topics (议题: proposed → 分管领导
// 同意 → 县长/召集人确定 → materials delivered → outcome), attendance and leave (请假、报备), minutes (纪要: office draft
// → 分管领导同意 → 合法性审核 → 县长/主持领导签发 → 县长审定 for 专题会议 on major matters) and the documents
// to issue within 7 working days. No database, no clock of its own: `now` comes in.
//
// Every refusal is a TransitionError with a Chinese message naming the rule and its clause.
import { compareDates, type IsoDate, parseIsoDate, shanghaiDate } from '../calendar/dates.ts';
import type { CalendarOverrides } from '../calendar/workdays.ts';
import { classifyTopic } from './classify.ts';
import { issueDueBy, materialsStatus } from './clocks.ts';
import { KIND_RULES, type MeetingKind, type Official, POST_LABELS, type Post } from './rules.ts';
import {
  type Attendance,
  type IssueRecord,
  type Meeting,
  type MeetingActor,
  type MeetingDecision,
  type MeetingEvent,
  type Minutes,
  OUTCOME_LABELS,
  type Outcome,
  type Participant,
  type ParticipantRole,
  TOPIC_STATE_LABELS,
  type Topic,
  type TransitionError,
  type TransitionResult,
} from './types.ts';

export interface MeetingContext {
  /** UTC ISO instant. */
  now: string;
  /** The county's leadership (县长、副县长 …) with what each is in charge of. */
  roster: readonly Official[];
  calendar?: CalendarOverrides;
}

export interface ParticipantInput {
  name: string;
  title: string;
  officialId?: string | null;
  unit?: string | null;
  role: ParticipantRole;
}

export interface PlanInput {
  kind: MeetingKind;
  title: string;
  date: IsoDate;
  place?: string | null;
  theme?: string | null;
  convenerId: string;
  /** 专题会议 convened by the 县政府办主任/副主任: the 县长 or 副县长 who entrusted it (第二十三条第三款). */
  entrustedById?: string | null;
  /** Department heads and other participants; the leadership members of the kind are added from the roster. */
  participants?: ParticipantInput[];
}

export interface DecisionInput {
  text: string;
  lead: string;
  supports?: string[];
  dueOn?: string | null;
  topicId?: string | null;
}

export type MeetingAction =
  | { type: 'propose_topic'; title: string; summary?: string; unit: string; declaredMajor?: boolean }
  | { type: 'withdraw_topic'; topicId: string }
  | { type: 'agree_topic'; topicId: string }
  | { type: 'decline_topic'; topicId: string; reason: string }
  | { type: 'set_topic'; topicId: string }
  | { type: 'send_materials'; topicId: string }
  | { type: 'request_leave'; participantId: string; reason: string; approvedBy: string }
  | { type: 'file_leave'; participantId: string }
  | { type: 'hold'; present: string[] }
  | { type: 'cancel'; reason: string }
  | { type: 'record_outcome'; topicId: string; result: Outcome; note?: string; documents?: string[] }
  | { type: 'draft_minutes'; text: string; decisions: DecisionInput[]; major?: boolean }
  | { type: 'agree_minutes' }
  | { type: 'review_minutes'; passed: boolean; reviewer: string; opinion: string }
  | { type: 'sign_minutes' }
  | { type: 'confirm_minutes' }
  | { type: 'record_issued'; topicId: string; index: number; docNumber: string; issuedOn: IsoDate };

export type MeetingActionType = MeetingAction['type'];

export const ACTION_TYPES: readonly MeetingActionType[] = [
  'propose_topic',
  'withdraw_topic',
  'agree_topic',
  'decline_topic',
  'set_topic',
  'send_materials',
  'request_leave',
  'file_leave',
  'hold',
  'cancel',
  'record_outcome',
  'draft_minutes',
  'agree_minutes',
  'review_minutes',
  'sign_minutes',
  'confirm_minutes',
  'record_issued',
];

export const ACTION_LABELS: Record<MeetingActionType | 'plan', string> = {
  plan: '安排会议',
  propose_topic: '提出议题',
  withdraw_topic: '撤回议题',
  agree_topic: '分管领导同意议题',
  decline_topic: '分管领导不同意议题',
  set_topic: '确定议题',
  send_materials: '送达会议材料',
  request_leave: '请假',
  file_leave: '请假报备',
  hold: '召开会议（登记出席）',
  cancel: '取消会议',
  record_outcome: '登记议题审议结果',
  draft_minutes: '起草纪要',
  agree_minutes: '分管领导同意纪要',
  review_minutes: '合法性审核',
  sign_minutes: '签发纪要',
  confirm_minutes: '县长审定纪要',
  record_issued: '登记文件印发',
};

/** The unit whose liaison records the legality review (第三十二条: 由县司法局进行合法性审核); the office may too. */
export const LEGALITY_REVIEW_UNIT = '县司法局';

// ---------------------------------------------------------------------------------------------------------

const fail = (code: TransitionError['code'], message: string): { ok: false; error: TransitionError } => ({
  ok: false,
  error: { code, message },
});

function actorLabel(a: MeetingActor): string {
  switch (a.kind) {
    case 'office':
      return `${a.name}（县政府办）`;
    case 'official':
      return `${a.name}（${POST_LABELS[a.official.post]}）`;
    case 'leader':
      return `${a.name}（领导）`;
    case 'unit':
      return `${a.name}（${a.unit}）`;
  }
}

const clean = (s: unknown): string => (typeof s === 'string' ? s.trim() : '');

function official(roster: readonly Official[], id: string): Official | undefined {
  return roster.find((o) => o.id === id);
}

function countyHead(roster: readonly Official[]): Official | undefined {
  return roster.find((o) => o.post === 'county_head');
}

const snapshot = (o: Official) => ({ officialId: o.id, name: o.name, post: o.post });

/** Plan a meeting (县政府办). Validates the kind's convener (第十九、二十、二十三、二十六条) and builds participants. */
export function planMeeting(
  input: PlanInput,
  actor: MeetingActor,
  ctx: MeetingContext,
): { ok: true; meeting: Meeting } | { ok: false; error: TransitionError } {
  if (actor.kind !== 'office')
    return fail('FORBIDDEN', '只有县人民政府办公室可以安排会议（第二十一条：组织工作由县人民政府办公室负责）');
  const rule = KIND_RULES[input.kind];
  if (!rule) return fail('BAD_INPUT', `字段“kind”：未知的会议类型“${String(input.kind)}”`);
  const title = clean(input.title);
  if (!title) return fail('BAD_INPUT', '字段“title”：请填写会议名称');
  const d = parseIsoDate(clean(input.date));
  if (!d.ok) return fail('BAD_INPUT', `字段“date”：“${input.date}”不是有效日期（${d.reason}）`);
  const convener = official(ctx.roster, input.convenerId);
  if (!convener) return fail('BAD_INPUT', `字段“convenerId”：县政府领导名册中没有编号为“${input.convenerId}”的领导`);
  let entrustedBy: Meeting['entrustedBy'] = null;
  if (!rule.conveners.includes(convener.post)) {
    if (!rule.entrustedConveners.includes(convener.post)) {
      const who = [...rule.conveners, ...rule.entrustedConveners].map((p) => POST_LABELS[p]).join('、');
      return fail(
        'BAD_INPUT',
        `${rule.label}不能由${POST_LABELS[convener.post]}${convener.name}召集：${rule.conveneClause}（可召集：${who}）`,
      );
    }
    const by = input.entrustedById ? official(ctx.roster, input.entrustedById) : undefined;
    if (!by || !rule.conveners.includes(by.post))
      return fail(
        'BAD_INPUT',
        `${POST_LABELS[convener.post]}${convener.name}召开${rule.label}须受县长或副县长委托：请在“entrustedById”中指明委托的领导（${rule.conveneClause}）`,
      );
    entrustedBy = snapshot(by);
  }
  if (input.kind === 'study' && !clean(input.theme))
    return fail('BAD_INPUT', '字段“theme”：专题学习须有学习主题（第二十六条：学习主题由县长确定）');

  const participants: Participant[] = [];
  const add = (p: ParticipantInput) => {
    const key = p.officialId ?? `${p.name}\u0000${p.unit ?? ''}`;
    if (participants.some((q) => (q.officialId ?? `${q.name}\u0000${q.unit ?? ''}`) === key)) return;
    participants.push({
      id: `P${participants.length + 1}`,
      name: p.name,
      title: p.title,
      officialId: p.officialId ?? null,
      unit: p.unit ?? null,
      role: p.role,
      attendance: 'expected',
      leave: null,
    });
  };
  add({ name: convener.name, title: POST_LABELS[convener.post], officialId: convener.id, role: 'member' });
  for (const o of ctx.roster)
    if (rule.memberPosts.includes(o.post))
      add({ name: o.name, title: POST_LABELS[o.post], officialId: o.id, role: 'member' });
  for (const [k, p] of (input.participants ?? []).entries()) {
    if (!clean(p.name) || !clean(p.title))
      return fail('BAD_INPUT', `字段“participants.${k}”：与会人员须有姓名（name）和职务（title）`);
    if (p.officialId && !official(ctx.roster, p.officialId))
      return fail('BAD_INPUT', `字段“participants.${k}.officialId”：县政府领导名册中没有“${p.officialId}”`);
    add({ ...p, name: clean(p.name), title: clean(p.title) });
  }
  for (const title of rule.standingAttendees) {
    if (!participants.some((p) => p.title === title)) add({ name: `（${title}）`, title, role: 'attendee' });
  }
  const now = ctx.now;
  const event: MeetingEvent = {
    seq: 1,
    at: now,
    actor: actorLabel(actor),
    action: 'plan',
    summary: `安排${rule.label}“${title}”，${input.date}，召集人${convener.name}${entrustedBy ? `（受${entrustedBy.name}委托）` : ''}`,
  };
  return {
    ok: true,
    meeting: {
      id: 'new',
      kind: input.kind,
      title,
      date: input.date,
      place: clean(input.place) || null,
      theme: clean(input.theme) || null,
      convener: snapshot(convener),
      entrustedBy,
      state: 'planned',
      participants,
      topics: [],
      minutes: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      history: [event],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

function findTopic(m: Meeting, id: string): Topic | TransitionError {
  const t = m.topics.find((x) => x.id === id);
  return t ?? { code: 'NOT_FOUND', message: `字段“topicId”：本次会议没有编号为“${id}”的议题` };
}

const isError = (x: unknown): x is TransitionError =>
  typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !('id' in x);

function onlyOffice(actor: MeetingActor, what: string): TransitionError | null {
  return actor.kind === 'office' ? null : { code: 'FORBIDDEN', message: `只有县人民政府办公室可以${what}` };
}

function asOfficial(actor: MeetingActor, what: string): Official | TransitionError {
  if (actor.kind === 'official') return actor.official;
  if (actor.kind === 'leader')
    return {
      code: 'FORBIDDEN',
      message: `${actor.name}的账号未登记在县政府领导名册中（县长、副县长等），不能${what}；请县政府办在名册中登记`,
    };
  return { code: 'FORBIDDEN', message: `${actorLabel(actor)}不能${what}：须由县人民政府领导同志办理` };
}

/** The official who sets topics of this meeting: the 县长 (全体、常务、县长办公会议) or the convener (专题会议). */
function topicSetter(m: Meeting, roster: readonly Official[]): { id: string; label: string } | null {
  if (KIND_RULES[m.kind].topicSetBy === 'convener')
    return { id: m.convener.officialId, label: `召集人${m.convener.name}` };
  const head = countyHead(roster);
  return head ? { id: head.id, label: `县长${head.name}` } : null;
}

/** The official who signs the minutes. */
function minutesSigner(m: Meeting, roster: readonly Official[]): { id: string; label: string } | null {
  if (KIND_RULES[m.kind].minutesSignedBy === 'convener')
    return { id: m.convener.officialId, label: `主持会议的${POST_LABELS[m.convener.post]}${m.convener.name}` };
  const head = countyHead(roster);
  return head ? { id: head.id, label: `县长${head.name}` } : null;
}

function parseDecision(d: DecisionInput, k: number, m: Meeting): MeetingDecision | TransitionError {
  const text = clean(d.text);
  const lead = clean(d.lead);
  if (!text) return { code: 'BAD_INPUT', message: `字段“decisions.${k}.text”：第 ${k + 1} 项决定事项没有内容` };
  if (!lead)
    return {
      code: 'BAD_INPUT',
      message: `字段“decisions.${k}.lead”：第 ${k + 1} 项决定事项“${text.slice(0, 30)}”没有牵头单位（督办须有牵头单位）`,
    };
  const dueOn = d.dueOn ? clean(d.dueOn) : null;
  if (dueOn !== null) {
    const p = parseIsoDate(dueOn);
    if (!p.ok)
      return { code: 'BAD_INPUT', message: `字段“decisions.${k}.dueOn”：“${dueOn}”不是有效日期（${p.reason}）` };
    if (compareDates(dueOn, m.date) < 0)
      return {
        code: 'BAD_INPUT',
        message: `字段“decisions.${k}.dueOn”：第 ${k + 1} 项决定事项的完成时限 ${dueOn} 早于会议日期 ${m.date}`,
      };
  }
  const topicId = d.topicId ? clean(d.topicId) : null;
  if (topicId !== null && !m.topics.some((t) => t.id === topicId))
    return { code: 'BAD_INPUT', message: `字段“decisions.${k}.topicId”：本次会议没有编号为“${topicId}”的议题` };
  const supports = [...new Set((d.supports ?? []).map(clean).filter((u) => u && u !== lead))];
  return { id: `D${k + 1}`, text, lead, supports, dueOn, topicId, itemId: null };
}

/**
 * 第四十三条（二）: 副县长、县政府办主任 ask the 县长 for leave; the heads of departments ask the 县长 or the 分管副县长.
 * Participants outside the county government (县人大常委会副主任 …) are not governed by it. Names come from the roster.
 */
function leaveApproverError(p: Participant, approvedBy: string, roster: readonly Official[]): TransitionError | null {
  const head = countyHead(roster);
  const named = (o: Official) => approvedBy === o.name || approvedBy === `${POST_LABELS[o.post]}${o.name}`;
  const me = p.officialId ? official(roster, p.officialId) : undefined;
  if (me) {
    if (me.post === 'county_head' || !head || named(head)) return null;
    return {
      code: 'BAD_INPUT',
      message: `字段“approvedBy”：${POST_LABELS[me.post]}${me.name}应事先向县长（${head.name}）请假（第四十三条（二））`,
    };
  }
  if (p.unit) {
    const unit = p.unit;
    const allowed = roster.filter(
      (o) =>
        o.post === 'county_head' ||
        ((o.post === 'deputy' || o.post === 'executive_deputy') && o.oversees.includes(unit)),
    );
    if (allowed.length && !allowed.some(named))
      return {
        code: 'BAD_INPUT',
        message: `字段“approvedBy”：${unit}负责人请假应经县长或分管副县长同意（${allowed.map((o) => o.name).join('、')}；第四十三条（二））`,
      };
  }
  return null;
}

/** Topics that go to the meeting (not declined or withdrawn). */
const live = (m: Meeting) => m.topics.filter((t) => t.state !== 'declined' && t.state !== 'withdrawn');

// ---------------------------------------------------------------------------------------------------------

/** Apply one action. Returns the new meeting (version + 1) and its event, or a refusal. */
export function transition(
  m: Meeting,
  action: MeetingAction,
  actor: MeetingActor,
  ctx: MeetingContext,
): TransitionResult {
  const r = step(m, action, actor, ctx);
  if (isError(r)) return { ok: false, error: r };
  const event: MeetingEvent = {
    seq: m.history.length + 1,
    at: ctx.now,
    actor: actorLabel(actor),
    action: action.type,
    summary: r.summary,
  };
  return {
    ok: true,
    meeting: { ...r.meeting, version: m.version + 1, updatedAt: ctx.now, history: [...m.history, event] },
    event,
  };
}

type Step = { meeting: Meeting; summary: string } | TransitionError;

function withTopic(m: Meeting, t: Topic): Meeting {
  return { ...m, topics: m.topics.map((x) => (x.id === t.id ? t : x)) };
}

function withParticipant(m: Meeting, p: Participant): Meeting {
  return { ...m, participants: m.participants.map((x) => (x.id === p.id ? p : x)) };
}

function step(m: Meeting, a: MeetingAction, actor: MeetingActor, ctx: MeetingContext): Step {
  const rule = KIND_RULES[m.kind];
  const today = shanghaiDate(ctx.now) as IsoDate;
  const cal = ctx.calendar ?? [];
  if (m.state === 'cancelled')
    return { code: 'BAD_STATE', message: `会议“${m.title}”已取消，不能再${ACTION_LABELS[a.type]}` };

  switch (a.type) {
    case 'propose_topic': {
      if (!rule.hasTopics) return { code: 'BAD_INPUT', message: `${rule.label}不设议题（${rule.topicClause}）` };
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已召开，不能再提出议题' };
      const unit = clean(a.unit);
      const title = clean(a.title);
      if (!unit) return { code: 'BAD_INPUT', message: '字段“unit”：请填写提出议题的部门' };
      if (!title) return { code: 'BAD_INPUT', message: '字段“title”：请填写议题名称' };
      if (title.length > 200) return { code: 'BAD_INPUT', message: '字段“title”：议题名称过长（最多 200 字）' };
      if (actor.kind === 'unit' && actor.unit !== unit)
        return {
          code: 'FORBIDDEN',
          message: `单位联络员只能以本单位（${actor.unit}）名义提出议题，不能代“${unit}”提出`,
        };
      if (actor.kind !== 'unit' && actor.kind !== 'office')
        return {
          code: 'FORBIDDEN',
          message: `议题由县政府工作部门提出（${rule.topicClause}），${actorLabel(actor)}不能提出`,
        };
      const summary = clean(a.summary);
      const declaredMajor = a.declaredMajor === true;
      const id = `T${m.topics.length + 1}`;
      const topic: Topic = {
        id,
        title,
        summary,
        unit,
        proposedBy: actorLabel(actor),
        proposedAt: ctx.now,
        state: 'proposed',
        agreedBy: null,
        declineReason: null,
        setBy: null,
        materialsSentAt: null,
        declaredMajor,
        classification: classifyTopic(`${title}\n${summary}`, declaredMajor),
        outcome: null,
      };
      return {
        meeting: { ...m, topics: [...m.topics, topic] },
        summary: `${unit}提出议题 ${id}“${title}”${topic.classification.major ? '（“三重一大”事项）' : ''}`,
      };
    }
    case 'withdraw_topic': {
      const t = findTopic(m, a.topicId);
      if (isError(t)) return t;
      if (actor.kind === 'unit' && actor.unit !== t.unit)
        return { code: 'FORBIDDEN', message: `只有提出部门（${t.unit}）或县政府办可以撤回议题` };
      if (actor.kind !== 'unit' && actor.kind !== 'office')
        return { code: 'FORBIDDEN', message: `只有提出部门（${t.unit}）或县政府办可以撤回议题` };
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已召开，议题不能撤回' };
      if (t.state === 'declined' || t.state === 'withdrawn')
        return { code: 'BAD_STATE', message: `议题“${t.title}”${TOPIC_STATE_LABELS[t.state]}，不能撤回` };
      return { meeting: withTopic(m, { ...t, state: 'withdrawn' }), summary: `撤回议题 ${t.id}“${t.title}”` };
    }
    case 'agree_topic':
    case 'decline_topic': {
      const t = findTopic(m, a.topicId);
      if (isError(t)) return t;
      const o = asOfficial(actor, '同意议题');
      if (isError(o)) return o;
      if (!o.oversees.includes(t.unit))
        return {
          code: 'FORBIDDEN',
          message: `${o.name}不分管${t.unit}，不能${a.type === 'agree_topic' ? '同意' : '退回'}该议题：议题须经分管领导同志同意（${rule.topicClause}）`,
        };
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已召开，议题不能再审' };
      if (t.state !== 'proposed')
        return {
          code: 'BAD_STATE',
          message: `议题“${t.title}”当前状态为“${TOPIC_STATE_LABELS[t.state]}”，不能再由分管领导审`,
        };
      const by = { officialId: o.id, name: o.name, at: ctx.now };
      if (a.type === 'agree_topic')
        return { meeting: withTopic(m, { ...t, state: 'agreed', agreedBy: by }), summary: `${o.name}同意议题 ${t.id}` };
      const reason = clean(a.reason);
      if (!reason) return { code: 'BAD_INPUT', message: '字段“reason”：不同意议题须说明理由' };
      return {
        meeting: withTopic(m, { ...t, state: 'declined', agreedBy: by, declineReason: reason }),
        summary: `${o.name}不同意议题 ${t.id}：${reason}`,
      };
    }
    case 'set_topic': {
      const t = findTopic(m, a.topicId);
      if (isError(t)) return t;
      const o = asOfficial(actor, '确定议题');
      if (isError(o)) return o;
      const setter = topicSetter(m, ctx.roster);
      if (!setter || setter.id !== o.id)
        return {
          code: 'FORBIDDEN',
          message: `${o.name}无权确定${rule.label}的议题：应由${setter?.label ?? '县长'}确定（${rule.topicClause}）`,
        };
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已召开，不能再确定议题' };
      if (t.state === 'proposed')
        return {
          code: 'BAD_STATE',
          message: `议题“${t.title}”尚未经分管领导同志同意，不能确定（${rule.topicClause}）`,
        };
      if (t.state !== 'agreed')
        return { code: 'BAD_STATE', message: `议题“${t.title}”当前状态为“${TOPIC_STATE_LABELS[t.state]}”，不能确定` };
      return {
        meeting: withTopic(m, { ...t, state: 'set', setBy: { officialId: o.id, name: o.name, at: ctx.now } }),
        summary: `${o.name}确定议题 ${t.id}${rule.topicSetBy === 'county_head' && m.kind !== 'mayor_office' ? '，会议文件批印' : ''}`,
      };
    }
    case 'send_materials': {
      const err = onlyOffice(actor, '送达会议材料（第二十一条：组织工作由县人民政府办公室负责）');
      if (err) return err;
      const t = findTopic(m, a.topicId);
      if (isError(t)) return t;
      if (t.state !== 'set')
        return { code: 'BAD_STATE', message: `议题“${t.title}”尚未确定，会议材料不能送达（须先确定议题、批印文件）` };
      if (t.materialsSentAt)
        return { code: 'BAD_STATE', message: `议题“${t.title}”的会议材料已于 ${t.materialsSentAt} 送达` };
      if (m.state !== 'planned')
        return { code: 'BAD_STATE', message: '会议已召开，会议材料应于会前送达（第二十一条）' };
      const s = materialsStatus({ materialsSentAt: ctx.now }, m.date, today, cal);
      return {
        meeting: withTopic(m, { ...t, materialsSentAt: ctx.now }),
        summary: `议题 ${t.id} 的会议材料送达与会人员${s.status === 'late' ? `（迟于 ${s.dueBy}）` : ''}`,
      };
    }
    case 'request_leave': {
      const p = m.participants.find((x) => x.id === a.participantId);
      if (!p)
        return { code: 'NOT_FOUND', message: `字段“participantId”：本次会议没有编号为“${a.participantId}”的与会人员` };
      const self =
        (actor.kind === 'official' && p.officialId === actor.official.id) ||
        (actor.kind === 'unit' && p.unit !== null && p.unit === actor.unit);
      if (actor.kind !== 'office' && !self)
        return { code: 'FORBIDDEN', message: `只有${p.name}本人（或其单位）或县政府办可以为其请假` };
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已召开，不能再请假' };
      if (p.attendance === 'leave') return { code: 'BAD_STATE', message: `${p.name}已请假` };
      const reason = clean(a.reason);
      const approvedBy = clean(a.approvedBy);
      if (!reason)
        return { code: 'BAD_INPUT', message: '字段“reason”：请假须说明特殊情况（第二十四条：原则上不应请假）' };
      if (!approvedBy)
        return {
          code: 'BAD_INPUT',
          message: '字段“approvedBy”：请假须履行请假手续，请填写批准请假的领导（第二十四条）',
        };
      const approverError = leaveApproverError(p, approvedBy, ctx.roster);
      if (approverError) return approverError;
      return {
        meeting: withParticipant(m, {
          ...p,
          attendance: 'leave',
          leave: { reason, approvedBy, requestedAt: ctx.now, filedAt: null, filedBy: null },
        }),
        summary: `${p.name}请假（${reason}），经${approvedBy}同意，待向县政府办报备`,
      };
    }
    case 'file_leave': {
      const err = onlyOffice(actor, '登记请假报备（第二十四条：向县人民政府办公室报备）');
      if (err) return err;
      const p = m.participants.find((x) => x.id === a.participantId);
      if (!p)
        return { code: 'NOT_FOUND', message: `字段“participantId”：本次会议没有编号为“${a.participantId}”的与会人员` };
      if (p.attendance !== 'leave' || !p.leave) return { code: 'BAD_STATE', message: `${p.name}没有请假，无需报备` };
      if (p.leave.filedAt) return { code: 'BAD_STATE', message: `${p.name}的请假已于 ${p.leave.filedAt} 报备` };
      return {
        meeting: withParticipant(m, { ...p, leave: { ...p.leave, filedAt: ctx.now, filedBy: actorLabel(actor) } }),
        summary: `${p.name}的请假已向县政府办报备`,
      };
    }
    case 'hold': {
      const err = onlyOffice(actor, '登记会议召开和出席情况');
      if (err) return err;
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已登记召开' };
      if (compareDates(today, m.date) < 0)
        return { code: 'BAD_STATE', message: `会议定于 ${m.date} 召开，今天（${today}）还不能登记召开` };
      const present = new Set(a.present);
      for (const id of present) {
        const p = m.participants.find((x) => x.id === id);
        if (!p) return { code: 'BAD_INPUT', message: `字段“present”：本次会议没有编号为“${id}”的与会人员` };
        if (p.attendance === 'leave')
          return { code: 'BAD_INPUT', message: `字段“present”：${p.name}已请假，不能登记为出席` };
      }
      const convener = m.participants.find((p) => p.officialId === m.convener.officialId);
      if (convener && !present.has(convener.id))
        return { code: 'BAD_INPUT', message: `字段“present”：会议由${m.convener.name}召集和主持，主持人须出席` };
      const participants = m.participants.map((p): Participant => {
        const attendance: Attendance = p.attendance === 'leave' ? 'leave' : present.has(p.id) ? 'present' : 'absent';
        return { ...p, attendance };
      });
      const n = participants.filter((p) => p.attendance === 'present').length;
      const l = participants.filter((p) => p.attendance === 'leave').length;
      const x = participants.filter((p) => p.attendance === 'absent').length;
      return {
        meeting: { ...m, state: 'held', participants },
        summary: `会议召开：出席 ${n} 人，请假 ${l} 人，缺席 ${x} 人`,
      };
    }
    case 'cancel': {
      const err = onlyOffice(actor, '取消会议');
      if (err) return err;
      if (m.state !== 'planned') return { code: 'BAD_STATE', message: '会议已召开，不能取消' };
      const reason = clean(a.reason);
      if (!reason) return { code: 'BAD_INPUT', message: '字段“reason”：请说明取消会议的原因' };
      return { meeting: { ...m, state: 'cancelled' }, summary: `取消会议：${reason}` };
    }
    case 'record_outcome': {
      const err = onlyOffice(actor, '登记议题审议结果');
      if (err) return err;
      if (m.state !== 'held') return { code: 'BAD_STATE', message: '会议尚未召开，不能登记审议结果' };
      if (m.minutes) return { code: 'BAD_STATE', message: '纪要已起草，审议结果不能再改' };
      const t = findTopic(m, a.topicId);
      if (isError(t)) return t;
      if (t.state !== 'set')
        return {
          code: 'BAD_STATE',
          message: `议题“${t.title}”未经确定（${TOPIC_STATE_LABELS[t.state]}），不能上会审议（${rule.topicClause}）`,
        };
      if (!t.materialsSentAt)
        return {
          code: 'BAD_STATE',
          message: `议题“${t.title}”的会议材料未于会前送达与会人员，不能登记为已审议（第二十一条）`,
        };
      if (!(a.result in OUTCOME_LABELS))
        return {
          code: 'BAD_INPUT',
          message: `字段“result”：审议结果应为 ${Object.keys(OUTCOME_LABELS).join('、')} 之一`,
        };
      const titles = (a.documents ?? []).map(clean).filter(Boolean);
      if (titles.length && a.result !== 'approved' && a.result !== 'approved_in_principle')
        return { code: 'BAD_INPUT', message: '字段“documents”：只有审议通过的议题才有决定印发的文件' };
      const due = rule.issueClock ? issueDueBy(m.date, cal) : null;
      const documents: IssueRecord[] = titles.map((title) => ({
        title: title.replace(/^《|》$/g, ''),
        dueBy: due?.date ?? null,
        official: due?.official ?? true,
        issuedOn: null,
        docNumber: null,
      }));
      return {
        meeting: withTopic(m, {
          ...t,
          outcome: { result: a.result, note: clean(a.note), at: ctx.now, documents },
        }),
        summary: `议题 ${t.id}：${OUTCOME_LABELS[a.result]}${documents.length ? `，决定印发 ${documents.length} 件文件${due ? `（${due.date} 前）` : ''}` : ''}`,
      };
    }
    case 'draft_minutes': {
      const err = onlyOffice(actor, '起草会议纪要（第二十二条：由县人民政府办公室起草）');
      if (err) return err;
      if (m.state !== 'held') return { code: 'BAD_STATE', message: '会议尚未召开，不能起草纪要' };
      if (m.minutes && m.minutes.state !== 'drafted')
        return { code: 'BAD_STATE', message: '纪要已进入审核签发程序，不能再修改（合法性审核未通过退回后可修改）' };
      const pending = live(m).filter((t) => t.state === 'set' && !t.outcome);
      if (pending.length)
        return {
          code: 'BAD_STATE',
          message: `议题 ${pending.map((t) => t.id).join('、')} 尚未登记审议结果，不能起草纪要`,
        };
      const text = clean(a.text);
      if (!text) return { code: 'BAD_INPUT', message: '字段“text”：纪要正文不能为空' };
      const decisions: MeetingDecision[] = [];
      for (const [k, d] of (a.decisions ?? []).entries()) {
        const r = parseDecision(d, k, m);
        if (isError(r)) return r;
        decisions.push(r);
      }
      const major = a.major === true || live(m).some((t) => t.classification.major);
      const minutes: Minutes = {
        state: 'drafted',
        text,
        decisions,
        draftedBy: actorLabel(actor),
        draftedAt: ctx.now,
        agreedBy: null,
        review: null,
        revisions: m.minutes?.revisions ?? [],
        signedBy: null,
        headReview: null,
        major,
      };
      return {
        meeting: { ...m, minutes },
        summary: `${m.minutes ? '修改' : '起草'}纪要，决定事项 ${decisions.length} 项${major ? '，涉及重大事项' : ''}`,
      };
    }
    case 'agree_minutes': {
      const o = asOfficial(actor, '同意纪要');
      if (isError(o)) return o;
      const min = m.minutes;
      if (!min) return { code: 'BAD_STATE', message: '纪要尚未起草' };
      if (!rule.minutesSteps.includes('agree'))
        return { code: 'BAD_STATE', message: `${rule.label}纪要无需分管领导同意环节（${rule.minutesClause}）` };
      const units = new Set(live(m).map((t) => t.unit));
      if (!o.oversees.some((u) => units.has(u)))
        return {
          code: 'FORBIDDEN',
          message: `${o.name}不分管本次会议议题的提出部门，不能同意纪要（${rule.minutesClause}）`,
        };
      if (min.state !== 'drafted') return { code: 'BAD_STATE', message: '纪要已经分管领导同意' };
      return {
        meeting: {
          ...m,
          minutes: { ...min, state: 'agreed', agreedBy: { officialId: o.id, name: o.name, at: ctx.now } },
        },
        summary: `${o.name}同意纪要`,
      };
    }
    case 'review_minutes': {
      const isJustice = actor.kind === 'unit' && actor.unit === LEGALITY_REVIEW_UNIT;
      if (actor.kind !== 'office' && !isJustice)
        return {
          code: 'FORBIDDEN',
          message: `合法性审核由${LEGALITY_REVIEW_UNIT}办理，县政府办登记；${actorLabel(actor)}不能登记`,
        };
      const min = m.minutes;
      if (!min) return { code: 'BAD_STATE', message: '纪要尚未起草' };
      if (!rule.minutesSteps.includes('review'))
        return { code: 'BAD_STATE', message: `${rule.label}纪要无需合法性审核环节（${rule.minutesClause}）` };
      if (min.state === 'drafted')
        return { code: 'BAD_STATE', message: `纪要尚未经分管领导同意，不能进行合法性审核（${rule.minutesClause}）` };
      if (min.state !== 'agreed') return { code: 'BAD_STATE', message: '纪要已通过合法性审核' };
      const reviewer = clean(a.reviewer);
      const opinion = clean(a.opinion);
      if (!reviewer) return { code: 'BAD_INPUT', message: '字段“reviewer”：请填写审核人' };
      if (!opinion) return { code: 'BAD_INPUT', message: '字段“opinion”：请填写审核意见' };
      if (!a.passed)
        return {
          meeting: {
            ...m,
            minutes: {
              ...min,
              state: 'drafted',
              agreedBy: null,
              revisions: [...min.revisions, { by: reviewer, reason: opinion, at: ctx.now }],
            },
          },
          summary: `合法性审核未通过，退回修改：${opinion}`,
        };
      return {
        meeting: { ...m, minutes: { ...min, state: 'reviewed', review: { reviewer, opinion, at: ctx.now } } },
        summary: `合法性审核通过（${reviewer}）`,
      };
    }
    case 'sign_minutes': {
      const o = asOfficial(actor, '签发纪要');
      if (isError(o)) return o;
      const min = m.minutes;
      if (!min) return { code: 'BAD_STATE', message: '纪要尚未起草' };
      const signer = minutesSigner(m, ctx.roster);
      if (!signer || signer.id !== o.id)
        return {
          code: 'FORBIDDEN',
          message: `${POST_LABELS[o.post]}${o.name}无权签发${rule.label}纪要：应由${signer?.label ?? '县长'}签发（${rule.minutesClause}）`,
        };
      if (min.state === 'signed' || min.state === 'awaiting_head') return { code: 'BAD_STATE', message: '纪要已签发' };
      const need = rule.minutesSteps.includes('review')
        ? 'reviewed'
        : rule.minutesSteps.includes('agree')
          ? 'agreed'
          : 'drafted';
      if (min.state !== need)
        return {
          code: 'BAD_STATE',
          message:
            min.state === 'drafted'
              ? `纪要尚未经分管领导同意和合法性审核，不能签发（${rule.minutesClause}）`
              : `纪要尚未通过合法性审核，不能签发（${rule.minutesClause}）`,
        };
      const signedBy = { officialId: o.id, name: o.name, post: o.post as Post, at: ctx.now };
      const toHead = m.kind === 'topical' && min.major && o.post !== 'county_head';
      return {
        meeting: { ...m, minutes: { ...min, state: toHead ? 'awaiting_head' : 'signed', signedBy } },
        summary: toHead ? `${o.name}签发纪要；涉及重大事项，报县长审定` : `${o.name}签发纪要`,
      };
    }
    case 'confirm_minutes': {
      const o = asOfficial(actor, '审定纪要');
      if (isError(o)) return o;
      const min = m.minutes;
      if (!min) return { code: 'BAD_STATE', message: '纪要尚未起草' };
      if (min.state !== 'awaiting_head') return { code: 'BAD_STATE', message: '没有待县长审定的纪要' };
      if (o.post !== 'county_head')
        return {
          code: 'FORBIDDEN',
          message: `专题会议纪要涉及重大事项须报县长审定，${o.name}（${POST_LABELS[o.post]}）无权审定（第二十三条第三款）`,
        };
      return {
        meeting: {
          ...m,
          minutes: { ...min, state: 'signed', headReview: { officialId: o.id, name: o.name, at: ctx.now } },
        },
        summary: `县长${o.name}审定纪要`,
      };
    }
    case 'record_issued': {
      const err = onlyOffice(actor, '登记文件印发');
      if (err) return err;
      const t = findTopic(m, a.topicId);
      if (isError(t)) return t;
      const doc = t.outcome?.documents[a.index];
      if (!t.outcome || !doc)
        return { code: 'NOT_FOUND', message: `字段“index”：议题 ${t.id} 没有第 ${a.index + 1} 件决定印发的文件` };
      if (doc.issuedOn) return { code: 'BAD_STATE', message: `《${doc.title}》已于 ${doc.issuedOn} 登记印发` };
      const p = parseIsoDate(clean(a.issuedOn));
      if (!p.ok) return { code: 'BAD_INPUT', message: `字段“issuedOn”：“${a.issuedOn}”不是有效日期（${p.reason}）` };
      if (compareDates(a.issuedOn, m.date) < 0)
        return { code: 'BAD_INPUT', message: `字段“issuedOn”：印发日期 ${a.issuedOn} 早于会议日期 ${m.date}` };
      if (compareDates(a.issuedOn, today) > 0)
        return { code: 'BAD_INPUT', message: `字段“issuedOn”：印发日期 ${a.issuedOn} 晚于今天 ${today}` };
      const docNumber = clean(a.docNumber);
      if (!docNumber) return { code: 'BAD_INPUT', message: '字段“docNumber”：请填写发文字号' };
      const documents = t.outcome.documents.map((d, k) =>
        k === a.index ? { ...d, issuedOn: a.issuedOn, docNumber } : d,
      );
      const late = doc.dueBy !== null && compareDates(a.issuedOn, doc.dueBy) > 0;
      return {
        meeting: withTopic(m, { ...t, outcome: { ...t.outcome, documents } }),
        summary: `《${doc.title}》于 ${a.issuedOn} 印发（${docNumber}）${late ? `，超过 ${doc.dueBy} 的时限` : ''}`,
      };
    }
  }
}

/** Record the supervision item ids of the decisions (after the store created them). */
export function withDecisionItems(m: Meeting, ids: ReadonlyMap<string, number>): Meeting {
  if (!m.minutes) return m;
  return {
    ...m,
    minutes: { ...m.minutes, decisions: m.minutes.decisions.map((d) => ({ ...d, itemId: ids.get(d.id) ?? d.itemId })) },
  };
}

/** Actions whose preconditions hold for this actor now (the UI shows these buttons). */
export function availableActions(m: Meeting, actor: MeetingActor, ctx: MeetingContext): MeetingActionType[] {
  const out: MeetingActionType[] = [];
  const probes: MeetingAction[] = [
    { type: 'sign_minutes' },
    { type: 'confirm_minutes' },
    { type: 'agree_minutes' },
    { type: 'review_minutes', passed: true, reviewer: '-', opinion: '-' },
    { type: 'cancel', reason: '-' },
    { type: 'hold', present: m.participants.filter((p) => p.attendance !== 'leave').map((p) => p.id) },
  ];
  for (const p of probes) if (transition(m, p, actor, ctx).ok) out.push(p.type);
  if (m.state === 'planned' && KIND_RULES[m.kind].hasTopics && (actor.kind === 'office' || actor.kind === 'unit'))
    out.push('propose_topic');
  return out;
}
