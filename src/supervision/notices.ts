// Notifications of lifecycle events (pure): an item and the events one write produced → the inputs of
// notifyMany (src/notifications). The store writes them in the same transaction as the item, its events and the
// audit row (store.ts), so a refused or stale action notifies nobody. docs/notifications.md §6 lists who hears of
// what; the table there is checked against NOTICE_TABLE by notices.test.ts.
//
// Recipients come from each event's `to` (lifecycle.ts): a unit name → that unit (its liaisons), 'office' → the
// admin role (县政府办), 'leader' → the leader role (县领导). The actor's own side never hears of its own action:
// a liaison's unit, the office when the office acts, the leaders when a leader acts. Nobody left → no notification.
import type { NotifyInput } from '../notifications/index.ts';
import {
  ESCALATION_LABELS,
  type EscalationLevel,
  type EventType,
  ROLE_LABELS,
  type SupervisionEvent,
  type SupervisionItem,
} from './types.ts';

/** The notification kind of a lifecycle event: `supervision.<eventType>` (the sweep's are urge|notice|interview). */
export const noticeKind = (type: EventType): string => `supervision.${type}`;

/** Chinese name of each event, used in the title “【督办】<label>：<item>（…）”. */
export const EVENT_LABELS: Record<EventType, string> = {
  drafted: '立项',
  edited: '修改立项',
  assigned: '交办',
  acknowledged: '签收',
  deployed: '研究部署',
  feedback: '反馈进展',
  support_report: '配合单位报送',
  plan_filed: '报送时间表',
  plan_approved: '审定时间表',
  plan_rejected: '退回时间表',
  plan_withdrawn: '时间表撤回',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_refused: '不予延期',
  extension_withdrawn: '延期申请撤回',
  closure_requested: '申请办结',
  closed: '办结销号',
  returned: '退回重办',
  urged: '催办',
  archived: '归档',
  withdrawn: '撤销',
  reassigned: '改派',
  supports_changed: '调整配合单位',
};

/** What the recipients are asked to do next (a line of the body), when there is something to do. */
const NEXT_STEP: Partial<Record<EventType, string>> = {
  assigned: '请承办单位及时在系统中签收，并按时限研究部署、反馈进展。',
  plan_filed: '请县政府办审定时间表。',
  plan_rejected: '请按退回意见修改后重新报送时间表。',
  extension_requested: '请县领导审批延期申请。',
  closure_requested: '请县政府办审核办结申请。',
  returned: '请按退回理由重新办理，完成后再次申请办结。',
  urged: '请尽快办理并在系统中反馈。',
  reassigned: '新牵头单位请及时签收，并按时限研究部署、反馈进展。',
  supports_changed: '新增的配合单位请及时签收，并向牵头单位报送。',
};

/** An addressee of the lifecycle's events: 县政府办, 县领导, the lead unit, the supporting units, the unit urged. */
export type Addressee = 'office' | 'leader' | 'lead' | 'supports' | 'target' | 'former';

const ADDRESSEE_LABELS: Record<Addressee, string> = {
  office: '县政府办（角色 admin）',
  leader: '县领导（分管牵头单位的领导；未设分管时全体领导）',
  lead: '牵头单位',
  supports: '配合单位',
  target: '被催办的单位',
  former: '不再承办的原单位',
};

/**
 * Who hears of each event, as the lifecycle addresses it (before the actor's own side is removed). The tests
 * check it against real transitions and against the table in docs/notifications.md (renderNoticeTable).
 */
export const NOTICE_TABLE: readonly { type: EventType; when: string; to: readonly Addressee[]; note?: string }[] = [
  { type: 'assigned', when: '交办', to: ['lead', 'supports'] },
  { type: 'acknowledged', when: '签收', to: ['office'], note: '配合单位签收时另告知牵头单位' },
  { type: 'deployed', when: '研究部署', to: ['office'] },
  { type: 'feedback', when: '反馈进展', to: ['office'] },
  { type: 'support_report', when: '配合单位报送', to: ['lead'] },
  { type: 'plan_filed', when: '报送时间表', to: ['office'] },
  { type: 'plan_approved', when: '审定时间表', to: ['lead'] },
  { type: 'plan_rejected', when: '退回时间表', to: ['lead'] },
  { type: 'extension_requested', when: '申请延期', to: ['leader', 'office'] },
  { type: 'extension_approved', when: '批准延期', to: ['lead', 'office'] },
  { type: 'extension_refused', when: '不予延期', to: ['lead', 'office'] },
  { type: 'closure_requested', when: '申请办结', to: ['office'] },
  { type: 'plan_withdrawn', when: '申请办结时待审定的时间表自动撤回', to: ['office'] },
  { type: 'extension_withdrawn', when: '申请办结时待审批的延期申请自动撤回', to: ['leader', 'office'] },
  { type: 'closed', when: '办结销号', to: ['lead', 'supports'] },
  { type: 'returned', when: '退回重办', to: ['lead'] },
  { type: 'urged', when: '催办（县政府办或县领导；含通报、约谈）', to: ['target'] },
  { type: 'withdrawn', when: '撤销', to: ['lead', 'supports'] },
  { type: 'reassigned', when: '改派', to: ['lead', 'supports', 'former'], note: '原牵头单位和不再配合的单位一并告知' },
  {
    type: 'supports_changed',
    when: '调整配合单位',
    to: ['lead', 'supports', 'former'],
    note: '不再配合的单位一并告知',
  },
  { type: 'drafted', when: '立项', to: [], note: '不通知' },
  { type: 'edited', when: '修改立项', to: [], note: '不通知' },
  { type: 'archived', when: '归档', to: [], note: '不通知' },
];

/** The table of docs/notifications.md §6 (between `<!-- supervision-notices:start/end -->`), from NOTICE_TABLE. */
export function renderNoticeTable(): string {
  const rows = NOTICE_TABLE.map((r) => {
    const to = r.to.map((a) => ADDRESSEE_LABELS[a]).join('、') || '—';
    return `| ${r.when} | \`${noticeKind(r.type)}\` | ${to} | ${r.note ?? ''} |`;
  });
  return ['| 事件 | kind | 通知谁 | 说明 |', '|---|---|---|---|', ...rows].join('\n');
}

const TITLE_MAX = 200;
const BODY_MAX = 4000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Recipients of one event: units, and the roles 'office' → admin, 'leader' → the leaders in charge (分管) of the
 * lead unit when recorded (`leaders`, user ids), else every leader (role); the actor's side removed.
 */
export function noticeRecipients(
  event: SupervisionEvent,
  leaders: readonly number[] = [],
): { units: string[]; roles: string[]; users: number[] } {
  const self =
    event.actor.role === 'office' ? 'office' : event.actor.role === 'leader' ? 'leader' : (event.actor.unit ?? null);
  const units: string[] = [];
  const roles: string[] = [];
  const users: number[] = [];
  for (const to of new Set(event.to)) {
    if (to === self) continue;
    if (to === 'office') roles.push('admin');
    else if (to === 'leader') {
      if (leaders.length) users.push(...leaders);
      else roles.push('leader');
    } else if (to.trim()) units.push(to);
  }
  return { units, roles, users };
}

/** The level of a 催办 event (催办/通报/约谈): the item's urge record written at the same instant. */
function urgeLabel(item: SupervisionItem, event: SupervisionEvent): string {
  const rec = item.urges.find((u) => u.at === event.at);
  return rec ? ESCALATION_LABELS[rec.level as EscalationLevel] : EVENT_LABELS.urged;
}

function actorLine(event: SupervisionEvent): string {
  const a = event.actor;
  return `操作：${a.name}（${ROLE_LABELS[a.role] ?? a.role}${a.unit ? `，${a.unit}` : ''}）`;
}

/**
 * The notifications of `events` (just produced by a write of `item`, which is the item after the write): one per
 * event that still has a recipient once the actor's own side is removed. Title “【督办】<event>：<item>（牵头单位 …，
 * 办结时限 …）”, body = the event's ledger line, the next step and the actor; dedupe key
 * `supervision:event:<itemId>:<seq>` (a retried write never notifies twice).
 */
export function lifecycleNotices(
  item: SupervisionItem,
  events: readonly SupervisionEvent[],
  /** The leaders in charge (分管) of the item's lead unit, if recorded (user ids). */
  leaders: readonly number[] = [],
): NotifyInput[] {
  const numeric = Number(item.id);
  const id = Number.isInteger(numeric) && numeric > 0 ? numeric : item.id;
  const closeBy = item.deadlines?.closeBy ?? item.dueOn ?? null;
  const facts = `（牵头单位 ${item.lead}${closeBy ? `，办结时限 ${closeBy}` : ''}）`;
  const out: NotifyInput[] = [];
  for (const event of events) {
    const recipients = noticeRecipients(event, leaders);
    if (recipients.units.length === 0 && recipients.roles.length === 0 && recipients.users.length === 0) continue;
    const label = event.type === 'urged' ? urgeLabel(item, event) : EVENT_LABELS[event.type];
    const head = `【督办】${label}：`;
    const title = `${head}${clip(item.title, TITLE_MAX - head.length - facts.length)}${facts}`;
    const next = NEXT_STEP[event.type];
    const body = [event.summary, `事项：${item.title}`, ...(next ? [next] : []), actorLine(event)].join('\n');
    out.push({
      recipients: {
        ...(recipients.units.length ? { units: recipients.units } : {}),
        ...(recipients.roles.length ? { roles: recipients.roles } : {}),
        ...(recipients.users.length ? { users: recipients.users } : {}),
      },
      kind: noticeKind(event.type),
      title: clip(title, TITLE_MAX),
      body: clip(body, BODY_MAX),
      link: `/supervision/${id}`,
      dedupeKey: `supervision:event:${id}:${event.seq}`,
      source: { capability: 'supervision', id },
      at: new Date(event.at),
    });
  }
  return out;
}
