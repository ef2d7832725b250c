// Types of the meetings capability (会议制度, 襄政发〔2023〕7号 第十八—二十六条). Pure data; see docs/meetings.md.
import type { IsoDate } from '../calendar/dates.ts';
import type { Classification } from './classify.ts';
import type { MeetingKind, Official, Post } from './rules.ts';

/** Who acts: 县政府办 (the office: the platform's admin), a county leader (an official), or a department. */
export type MeetingActor =
  | { kind: 'office'; id: string; name: string }
  | { kind: 'official'; id: string; name: string; official: Official }
  /** A signed-in leader account not registered as an official (no post): may read, not act. */
  | { kind: 'leader'; id: string; name: string }
  | { kind: 'unit'; id: string; name: string; unit: string };

export type ParticipantRole = 'member' | 'attendee';

export type Attendance = 'expected' | 'present' | 'absent' | 'leave';

export interface Leave {
  reason: string;
  /** Who approved the leave (履行请假手续: the 县长 or the convener), as a name. */
  approvedBy: string;
  requestedAt: string;
  /** 向县人民政府办公室报备 (第二十四条): when the office recorded it; null until then. */
  filedAt: string | null;
  filedBy: string | null;
}

export interface Participant {
  id: string;
  name: string;
  /** Post or function in words (副县长, 县人武部部长, 县财政局局长 …). */
  title: string;
  officialId: string | null;
  unit: string | null;
  role: ParticipantRole;
  attendance: Attendance;
  leave: Leave | null;
}

export type TopicState = 'proposed' | 'agreed' | 'set' | 'declined' | 'withdrawn';

export const TOPIC_STATE_LABELS: Record<TopicState, string> = {
  proposed: '已提出（待分管领导同意）',
  agreed: '分管领导已同意（待确定）',
  set: '已确定',
  declined: '分管领导未同意',
  withdrawn: '已撤回',
};

export type Outcome = 'approved' | 'approved_in_principle' | 'deferred' | 'rejected';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  approved: '审议通过',
  approved_in_principle: '原则通过（按意见修改后印发）',
  deferred: '暂缓',
  rejected: '未通过',
};

export interface IssueRecord {
  /** The document to issue (印发), e.g. 《襄垣县……实施方案》. */
  title: string;
  /** The last day (第二十二条第二款: 7 working days after the meeting); null where no clock applies. */
  dueBy: IsoDate | null;
  /** False when the calendar had to estimate (a year without an official schedule). */
  official: boolean;
  issuedOn: IsoDate | null;
  docNumber: string | null;
}

export interface Topic {
  id: string;
  title: string;
  summary: string;
  /** The proposing department (县政府工作部门). */
  unit: string;
  proposedBy: string;
  proposedAt: string;
  state: TopicState;
  /** The 分管 leader who agreed (or declined). */
  agreedBy: { officialId: string; name: string; at: string } | null;
  declineReason: string | null;
  setBy: { officialId: string; name: string; at: string } | null;
  /** When the office delivered the materials to the participants (第二十一条). */
  materialsSentAt: string | null;
  declaredMajor: boolean;
  classification: Classification;
  outcome: { result: Outcome; note: string; at: string; documents: IssueRecord[] } | null;
}

export type MinutesState = 'drafted' | 'agreed' | 'reviewed' | 'awaiting_head' | 'signed';

export const MINUTES_STATE_LABELS: Record<MinutesState, string> = {
  drafted: '县政府办已起草',
  agreed: '分管领导已同意（待合法性审核）',
  reviewed: '已通过合法性审核（待签发）',
  awaiting_head: '主持领导已签发，涉及重大事项待县长审定',
  signed: '已签发',
};

export interface MeetingDecision {
  id: string;
  text: string;
  lead: string;
  supports: string[];
  dueOn: IsoDate | null;
  topicId: string | null;
  /** The supervision item created when the minutes were signed. */
  itemId: number | null;
}

export interface Minutes {
  state: MinutesState;
  text: string;
  decisions: MeetingDecision[];
  draftedBy: string;
  draftedAt: string;
  agreedBy: { officialId: string; name: string; at: string } | null;
  review: { reviewer: string; opinion: string; at: string } | null;
  /** Returns for revision (合法性审核 not passed): reason and when. */
  revisions: { by: string; reason: string; at: string }[];
  signedBy: { officialId: string; name: string; post: Post; at: string } | null;
  headReview: { officialId: string; name: string; at: string } | null;
  /** 专题会议 minutes that concern major matters (三重一大 topics): the 县长 must 审定 them. */
  major: boolean;
}

export type MeetingState = 'planned' | 'held' | 'cancelled';

export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  planned: '筹备中',
  held: '已召开',
  cancelled: '已取消',
};

export interface MeetingEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
}

export interface Meeting {
  id: string;
  kind: MeetingKind;
  title: string;
  date: IsoDate;
  place: string | null;
  /** Study session theme (第二十六条: 学习主题由县长确定). */
  theme: string | null;
  convener: { officialId: string; name: string; post: Post };
  /** 专题会议 convened by the office director / deputy: the leader who entrusted it (委托). */
  entrustedBy: { officialId: string; name: string; post: Post } | null;
  state: MeetingState;
  participants: Participant[];
  topics: Topic[];
  minutes: Minutes | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  history: MeetingEvent[];
}

export interface TransitionError {
  code: 'FORBIDDEN' | 'BAD_STATE' | 'BAD_INPUT' | 'NOT_FOUND';
  message: string;
}

export type TransitionResult =
  | { ok: true; meeting: Meeting; event: MeetingEvent }
  | { ok: false; error: TransitionError };
