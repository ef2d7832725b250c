// Labels and small helpers shared by the supervision screens (督办台账, 事项详情, 我的督办).

export type Light = 'green' | 'yellow' | 'red' | 'none';
export type ItemState =
  | 'draft'
  | 'assigned'
  | 'acknowledged'
  | 'in_progress'
  | 'closure_requested'
  | 'closed'
  | 'archived'
  | 'withdrawn';

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

/** The lights as the office reads them: green 正常, yellow 临期, red 逾期. */
export const LIGHT_TEXT: Record<Light, string> = { green: '正常', yellow: '临期', red: '逾期', none: '—' };
export const LIGHT_COLOURS: Record<Light, string> = {
  green: '#1a7f37',
  yellow: '#bf8700',
  red: '#cf222e',
  none: '#8c959f',
};

export interface LightView {
  light: Light;
  label: string;
  reasons: string[];
  overdueDays: number;
  escalation: string | null;
  next: { label: string; unit: string; due: string } | null;
}

export interface ItemSummary {
  id: number;
  title: string;
  text: string | null;
  source: 'manual' | 'document';
  documentId: number | null;
  eId: string | null;
  citation: string | null;
  lead: string;
  supports: string[];
  category: 'ordinary' | 'major';
  state: ItemState;
  stateLabel: string;
  dueOn: string | null;
  assignedOn: string | null;
  closeBy: string | null;
  version: number;
  updatedAt: string;
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
  payload: unknown;
  fromState: string | null;
  toState: string;
}

/** One page of GET /api/supervision/items (newest first) and how many items match the filters. */
export interface ItemListPage {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemDetail extends ItemSummary {
  units: { unit: string; role: 'lead' | 'support'; acknowledgedAt: string | null; addedOn?: string }[];
  /** 撤销 (null or absent when not withdrawn). */
  withdrawal?: { at: string; by: string; reason: string; from: ItemState } | null;
  /** 改派 and 调整配合单位, oldest first. */
  reassignments?: {
    at: string;
    by: string;
    kind: 'reassign' | 'change_supports';
    fromLead: string;
    toLead: string;
    fromSupports: string[];
    toSupports: string[];
    reason: string;
    restartClock: boolean;
  }[];
  events: TimelineEvent[];
  actions: { action: string; label: string }[];
}

export interface InboxEntry extends ItemSummary {
  unitRole: 'lead' | 'support';
  notes: string[];
}

export interface Inbox {
  unit: string;
  toSign: InboxEntry[];
  overdue: InboxEntry[];
  dueSoon: InboxEntry[];
  returned: InboxEntry[];
  /** How many items each list holds; each list shows its first `limit`. */
  totals: { toSign: number; overdue: number; dueSoon: number; returned: number };
  limit: number;
}

/** A one-line summary of an action's payload for the timeline. */
export function payloadSummary(payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '';
  const p = payload as Record<string, unknown>;
  const parts: string[] = [];
  const text = (k: string, label: string) => {
    const v = p[k];
    if (typeof v === 'string' && v.trim()) parts.push(`${label}：${v.trim()}`);
  };
  text('summary', '内容');
  text('reasons', '退回理由');
  text('reason', '理由');
  text('rating', '评价');
  text('comment', '意见');
  text('note', '说明');
  text('newCloseBy', '新时限');
  text('lead', '新牵头单位');
  if (Array.isArray(p.supports)) parts.push(`配合单位：${p.supports.map(String).join('、') || '无'}`);
  if (p.restartClock === true) parts.push('时限自改派日重新起算');
  if (Array.isArray(p.evidence) && p.evidence.length) {
    parts.push(
      `材料：${p.evidence.map((e) => (e && typeof e === 'object' ? String((e as { name?: unknown }).name ?? '') : '')).join('、')}`,
    );
  }
  return parts.join('；');
}
