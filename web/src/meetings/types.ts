// Shapes of /api/meetings answers (src/meetings/store.ts), as the portal reads them.

export interface MeetingSummary {
  id: number;
  kind: string;
  kindLabel: string;
  title: string;
  date: string;
  state: string;
  stateLabel: string;
  minutesState: string | null;
  minutesStateLabel: string | null;
  convener: string;
  topics: number;
  majorTopics: number;
  version: number;
}

export interface SzMatch {
  categoryLabel: string;
  number: number;
  citation: string;
  itemText: string;
  strength: 'match' | 'possible';
  because: string;
}

export interface IssueRecord {
  title: string;
  dueBy: string | null;
  issuedOn: string | null;
  docNumber: string | null;
}

export interface Topic {
  id: string;
  title: string;
  summary: string;
  unit: string;
  state: 'proposed' | 'agreed' | 'set' | 'declined' | 'withdrawn';
  agreedBy: { name: string } | null;
  setBy: { name: string } | null;
  declineReason: string | null;
  materialsSentAt: string | null;
  classification: { major: boolean; matches: SzMatch[]; notes: string[] };
  outcome: { result: string; note: string; documents: IssueRecord[] } | null;
}

export interface Participant {
  id: string;
  name: string;
  title: string;
  officialId: string | null;
  unit: string | null;
  role: 'member' | 'attendee';
  attendance: 'expected' | 'present' | 'absent' | 'leave';
  leave: { reason: string; approvedBy: string; filedAt: string | null } | null;
}

export interface Decision {
  id: string;
  text: string;
  lead: string;
  supports: string[];
  dueOn: string | null;
  topicId: string | null;
  itemId: number | null;
}

export interface Minutes {
  state: string;
  text: string;
  decisions: Decision[];
  agreedBy: { name: string } | null;
  review: { reviewer: string; opinion: string } | null;
  revisions: { by: string; reason: string }[];
  signedBy: { name: string } | null;
  headReview: { name: string } | null;
  major: boolean;
}

export interface Finding {
  kind: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface IssueClock {
  light: 'issued' | 'issued_late' | 'green' | 'yellow' | 'red' | 'none';
  dueBy: string | null;
  workdaysLeft: number | null;
  message: string;
}

export interface MeetingDetail extends MeetingSummary {
  meeting: {
    kind: string;
    title: string;
    date: string;
    place: string | null;
    theme: string | null;
    convener: { name: string; post: string; officialId: string };
    entrustedBy: { name: string } | null;
    state: string;
    participants: Participant[];
    topics: Topic[];
    minutes: Minutes | null;
  };
  rule: {
    label: string;
    clause: string;
    members: string;
    attendees: string;
    topicClause: string;
    minutesClause: string;
  };
  events: { seq: number; at: string; actor: string; actionLabel: string; summary: string }[];
  findings: Finding[];
  materials: Record<string, { status: string; dueBy: string; message: string }>;
  issueClocks: Record<string, IssueClock[]>;
  actions: { action: string; label: string }[];
  viewer: { kind: 'office' | 'official' | 'leader' | 'unit'; label: string; officialId: string | null };
}

export interface Cadence {
  year: number;
  executive: { month: string; count: number; status: string; message: string }[];
  study: { from: string; to: string; status: string; message: string }[];
}

export const TOPIC_STATE_LABELS: Record<Topic['state'], string> = {
  proposed: '已提出，待分管领导同意',
  agreed: '分管领导已同意，待确定',
  set: '已确定',
  declined: '分管领导未同意',
  withdrawn: '已撤回',
};

export const OUTCOME_LABELS: Record<string, string> = {
  approved: '审议通过',
  approved_in_principle: '原则通过',
  deferred: '暂缓',
  rejected: '未通过',
};

export const ATTENDANCE_LABELS: Record<Participant['attendance'], string> = {
  expected: '应出席',
  present: '出席',
  absent: '缺席',
  leave: '请假',
};

export const CLOCK_TEXT: Record<IssueClock['light'], string> = {
  issued: '已印发',
  issued_late: '逾期印发',
  green: '正常',
  yellow: '临期',
  red: '逾期',
  none: '无时限',
};
