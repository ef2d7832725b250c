// Types of the 13710 closed loop (督办). Pure data; see docs/supervision.md for the rules and their sources.
import type { IsoDate } from '../calendar/dates.ts';
import type { CalendarOverrides } from '../calendar/workdays.ts';

// ---------------------------------------------------------------------------------------------------------
// Settings (one per county)

/** How the 13710 periods are counted: working days (工作日, default) or calendar days as written. */
export type DayCounting = 'working' | 'calendar';

export interface EscalationThresholds {
  /** Days overdue (in the item's counting unit) at which each step of the ladder is due. Strictly increasing. */
  urge: number; // 催办
  notice: number; // 通报
  interview: number; // 约谈
}

export interface SupervisionSettings {
  dayCounting: DayCounting;
  /** The county's calendar overrides (local holidays, corrections, next year's schedule). */
  calendar: CalendarOverrides;
  /** Yellow when a pending deadline is this close (never in the first half of its period). */
  yellowWithinDays: number;
  escalation: EscalationThresholds;
}

export const DEFAULT_SETTINGS: SupervisionSettings = Object.freeze({
  dayCounting: 'working',
  calendar: Object.freeze([]) as CalendarOverrides,
  yellowWithinDays: 3,
  escalation: Object.freeze({ urge: 1, notice: 3, interview: 7 }),
});

// ---------------------------------------------------------------------------------------------------------
// Actors and roles

/** The account's role (县政府办 = the platform's admin role; 县领导; 单位联络员 bound to one unit). */
export type ActorRole = 'office' | 'leader' | 'liaison';

export interface SupervisionActor {
  id: string;
  name: string;
  role: ActorRole;
  /** The unit a liaison acts for; a liaison may act only for this unit. */
  unit?: string | null;
}

/** The actor's role for one item: a liaison is the lead unit's, a supporting unit's, or neither. */
export type ItemRole = 'office' | 'leader' | 'lead' | 'support' | 'other';

export const ITEM_ROLES: readonly ItemRole[] = ['office', 'leader', 'lead', 'support', 'other'];

export const ROLE_LABELS: Record<ItemRole, string> = {
  office: '县政府办',
  leader: '县领导',
  lead: '牵头单位联络员',
  support: '配合单位联络员',
  other: '非承办单位联络员',
};

// ---------------------------------------------------------------------------------------------------------
// States

export type ItemState =
  | 'draft'
  | 'assigned'
  | 'acknowledged'
  | 'in_progress'
  | 'closure_requested'
  | 'closed'
  | 'archived'
  | 'withdrawn';

export const STATES: readonly ItemState[] = [
  'draft',
  'assigned',
  'acknowledged',
  'in_progress',
  'closure_requested',
  'closed',
  'archived',
  'withdrawn',
];

/** States in which nothing more can happen (归档 after 办结销号; 撤销). */
export const FINAL_STATES: readonly ItemState[] = ['archived', 'withdrawn'];

export const STATE_LABELS: Record<ItemState, string> = {
  draft: '立项',
  assigned: '已交办',
  acknowledged: '已签收',
  in_progress: '办理中',
  closure_requested: '申请办结（待审核）',
  closed: '已办结销号',
  archived: '已归档',
  withdrawn: '已撤销',
};

export type Category = 'ordinary' | 'major';

export const CATEGORY_LABELS: Record<Category, string> = { ordinary: '一般事项', major: '重大复杂事项' };

export type Rating = '优秀' | '良好' | '合格' | '不合格';

export const RATINGS: readonly Rating[] = ['优秀', '良好', '合格', '不合格'];

export type EscalationLevel = 'urge' | 'notice' | 'interview';

export const ESCALATION_LEVELS: readonly EscalationLevel[] = ['urge', 'notice', 'interview'];

export const ESCALATION_LABELS: Record<EscalationLevel, string> = { urge: '催办', notice: '通报', interview: '约谈' };

// ---------------------------------------------------------------------------------------------------------
// Actions

export interface Evidence {
  /** What the file is (e.g. 会议纪要.pdf). */
  name: string;
  /** Where it is stored (storage key or URL); the pure core never reads it. */
  ref: string;
}

export interface Checkpoint {
  date: IsoDate;
  milestone: string;
}

/** Where the task comes from (provenance): the gazette document and clause. */
export interface ItemSource {
  documentId?: string | null;
  docNumber?: string | null;
  eId?: string | null;
  citation?: string | null;
  text?: string | null;
}

export interface DraftInput {
  id: string;
  title: string;
  category: Category;
  lead: string;
  supports?: readonly string[];
  /** A due date written in the document (e.g. “2023年10月20日前完成”); else 13710 decides. */
  dueOn?: IsoDate | null;
  source?: ItemSource | null;
}

export type Action =
  | {
      type: 'edit';
      title?: string;
      category?: Category;
      lead?: string;
      supports?: readonly string[];
      dueOn?: IsoDate | null;
      source?: ItemSource | null;
    }
  | { type: 'assign' }
  | { type: 'acknowledge' }
  | { type: 'deploy'; summary: string; evidence?: readonly Evidence[] }
  | { type: 'feedback'; summary: string; evidence?: readonly Evidence[]; checkpoint?: IsoDate | null }
  | { type: 'support_report'; summary: string; evidence?: readonly Evidence[] }
  | { type: 'file_plan'; checkpoints: readonly Checkpoint[]; finishOn: IsoDate; summary?: string }
  | { type: 'approve_plan'; comment?: string }
  | { type: 'reject_plan'; reason: string }
  | { type: 'request_extension'; reason: string; newCloseBy: IsoDate }
  | { type: 'approve_extension'; newCloseBy?: IsoDate | null; comment?: string }
  | { type: 'refuse_extension'; reason: string }
  | { type: 'request_closure'; summary: string; evidence: readonly Evidence[] }
  | { type: 'close'; rating: Rating; comment?: string }
  | { type: 'return'; reasons: string }
  | { type: 'urge'; level?: EscalationLevel; unit?: string | null; note?: string }
  | { type: 'archive' }
  | { type: 'withdraw'; reason: string }
  | {
      type: 'reassign';
      /** The new lead unit (must differ from the current one). */
      lead: string;
      /** The supporting units after the re-assignment (the whole list); omitted = unchanged. */
      supports?: readonly string[];
      reason: string;
      /** Count the deploy and first-feedback dates again from the re-assignment day (default false: frozen). */
      restartClock?: boolean;
    }
  | { type: 'change_supports'; supports: readonly string[]; reason: string };

export type ActionType = Action['type'];

export const ACTION_TYPES: readonly ActionType[] = [
  'edit',
  'assign',
  'acknowledge',
  'deploy',
  'feedback',
  'support_report',
  'file_plan',
  'approve_plan',
  'reject_plan',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'request_closure',
  'close',
  'return',
  'urge',
  'archive',
  'withdraw',
  'reassign',
  'change_supports',
];

export const ACTION_LABELS: Record<ActionType, string> = {
  edit: '修改立项',
  assign: '交办',
  acknowledge: '签收',
  deploy: '研究部署',
  feedback: '反馈进展',
  support_report: '配合单位报送',
  file_plan: '报送时间表',
  approve_plan: '审定时间表',
  reject_plan: '退回时间表',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  refuse_extension: '不予延期',
  request_closure: '申请办结',
  close: '办结销号',
  return: '退回重办',
  urge: '催办',
  archive: '归档',
  withdraw: '撤销',
  reassign: '改派',
  change_supports: '调整配合单位',
};

// ---------------------------------------------------------------------------------------------------------
// The item

export interface Deadlines {
  /** The counting in force when the item was assigned; the deadlines do not move if the setting changes. */
  counting: DayCounting;
  deployBy: IsoDate;
  feedbackBy: IsoDate;
  /** The current close-by date (after approved timelines and extensions). */
  closeBy: IsoDate;
  /** The close-by date set at assignment. */
  originalCloseBy: IsoDate;
  /** False when a date was computed across a year without an official holiday schedule (an estimate). */
  official: boolean;
  /** Chinese explanation of how the dates were computed. */
  basis: string;
  /** The day a 改派 with restartClock counted the deploy and feedback dates again (absent: from assignedOn). */
  restartedOn?: IsoDate;
}

export interface UnitStatus {
  unit: string;
  role: 'lead' | 'support';
  acknowledgedAt: string | null;
  reports: number;
  firstReportAt: string | null;
  lastReportAt: string | null;
  /** The day the unit joined the item after assignment (改派, 调整配合单位); absent for the units assigned at 交办. */
  addedOn?: IsoDate;
  /** A supporting unit that joined after assignment: its first report's date, fixed when it joined. */
  reportBy?: IsoDate;
}

export type ReportKind = 'deploy' | 'feedback' | 'support' | 'closure';

export interface Report {
  kind: ReportKind;
  at: string;
  on: IsoDate;
  unit: string;
  /** 'office' for the lead unit's reports, the lead unit's name for a supporting unit's. */
  to: string;
  by: string;
  summary: string;
  evidence: readonly Evidence[];
  /** The timeline checkpoint this report answers, if any. */
  checkpoint: IsoDate | null;
}

export interface Plan {
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  checkpoints: readonly Checkpoint[];
  finishOn: IsoDate;
  summary: string;
  filedAt: string;
  filedOn: IsoDate;
  decidedAt: string | null;
  decidedOn: IsoDate | null;
  decidedBy: string | null;
  comment: string | null;
}

export interface ExtensionRequest {
  status: 'pending' | 'approved' | 'refused' | 'withdrawn';
  reason: string;
  requestedAt: string;
  requestedOn: IsoDate;
  previousCloseBy: IsoDate;
  newCloseBy: IsoDate;
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
  granted: IsoDate | null;
}

export interface Review {
  at: string;
  on: IsoDate;
  by: string;
  rating: Rating;
  comment: string;
}

export interface ReturnRecord {
  at: string;
  on: IsoDate;
  by: string;
  reasons: string;
}

export interface Withdrawal {
  at: string;
  on: IsoDate;
  by: string;
  reason: string;
  /** The state the item was withdrawn from. */
  from: ItemState;
}

/** One 改派 or 调整配合单位: the units before and after, and why. */
export interface Reassignment {
  at: string;
  on: IsoDate;
  by: string;
  kind: 'reassign' | 'change_supports';
  fromLead: string;
  toLead: string;
  fromSupports: readonly string[];
  toSupports: readonly string[];
  reason: string;
  restartClock: boolean;
}

export interface UrgeRecord {
  at: string;
  on: IsoDate;
  by: string;
  level: EscalationLevel;
  unit: string;
  note: string;
}

export type EventType =
  | 'drafted'
  | 'edited'
  | 'assigned'
  | 'acknowledged'
  | 'deployed'
  | 'feedback'
  | 'support_report'
  | 'plan_filed'
  | 'plan_approved'
  | 'plan_rejected'
  | 'plan_withdrawn'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'extension_withdrawn'
  | 'closure_requested'
  | 'closed'
  | 'returned'
  | 'urged'
  | 'archived'
  | 'withdrawn'
  | 'reassigned'
  | 'supports_changed';

export interface SupervisionEvent {
  /** 1, 2, 3 … within the item. */
  seq: number;
  type: EventType;
  itemId: string;
  at: string;
  on: IsoDate;
  actor: { id: string; name: string; role: ItemRole; unit: string | null };
  /** Who should hear about it: 'office', 'leader', or unit names (notified by notices.ts, docs/notifications.md §6). */
  to: readonly string[];
  /** One line of Chinese for the ledger (台账). */
  summary: string;
}

export interface SupervisionItem {
  id: string;
  title: string;
  category: Category;
  source: ItemSource | null;
  lead: string;
  supports: readonly string[];
  dueOn: IsoDate | null;
  state: ItemState;
  /** Incremented by every accepted transition (optimistic locking in storage, later). */
  version: number;
  createdAt: string;
  updatedAt: string;
  assignedAt: string | null;
  assignedOn: IsoDate | null;
  deadlines: Deadlines | null;
  units: readonly UnitStatus[];
  deployedAt: string | null;
  reports: readonly Report[];
  plan: Plan | null;
  extensions: readonly ExtensionRequest[];
  closureRequestedAt: string | null;
  returns: readonly ReturnRecord[];
  review: Review | null;
  urges: readonly UrgeRecord[];
  closedAt: string | null;
  archivedAt: string | null;
  /** 撤销 (absent on items stored before it existed = null). */
  withdrawal?: Withdrawal | null;
  /** 改派 and 调整配合单位, oldest first (absent on items stored before they existed = none). */
  reassignments?: readonly Reassignment[];
  history: readonly SupervisionEvent[];
}

// ---------------------------------------------------------------------------------------------------------
// Results

export type TransitionErrorCode = 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'BAD_INPUT' | 'PRECONDITION' | 'DEADLINE_PASSED';

export interface TransitionError {
  code: TransitionErrorCode;
  /** Chinese: which state, which action, what is allowed now. */
  message: string;
}

export type TransitionResult =
  | { ok: true; item: SupervisionItem; events: readonly SupervisionEvent[] }
  | { ok: false; error: TransitionError };
