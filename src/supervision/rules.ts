// The transition table: which role may take which action in which state, and where it leads. The single
// source of truth for the lifecycle, the exhaustive tests and the table in docs/supervision.md.
import {
  ACTION_LABELS,
  ACTION_TYPES,
  type ActionType,
  type ItemRole,
  type ItemState,
  ROLE_LABELS,
  STATE_LABELS,
} from './types.ts';

export interface Rule {
  action: ActionType;
  role: ItemRole;
  from: readonly ItemState[];
  /** The state after the action; null = unchanged. */
  to: ItemState | null;
}

const OPEN: readonly ItemState[] = ['acknowledged', 'in_progress'];
const RUNNING: readonly ItemState[] = ['assigned', 'acknowledged', 'in_progress'];
/** 撤销: any assigned item not yet closed out, also while the office reviews a closure request. */
const WITHDRAWABLE: readonly ItemState[] = [...RUNNING, 'closure_requested'];

export const RULES: readonly Rule[] = [
  { action: 'edit', role: 'office', from: ['draft'], to: null },
  { action: 'assign', role: 'office', from: ['draft'], to: 'assigned' },
  { action: 'acknowledge', role: 'lead', from: ['assigned'], to: 'acknowledged' },
  { action: 'acknowledge', role: 'support', from: RUNNING, to: null },
  { action: 'deploy', role: 'lead', from: ['acknowledged'], to: 'in_progress' },
  { action: 'feedback', role: 'lead', from: ['in_progress'], to: null },
  { action: 'support_report', role: 'support', from: RUNNING, to: null },
  { action: 'file_plan', role: 'lead', from: OPEN, to: null },
  { action: 'approve_plan', role: 'office', from: OPEN, to: null },
  { action: 'reject_plan', role: 'office', from: OPEN, to: null },
  { action: 'request_extension', role: 'lead', from: OPEN, to: null },
  { action: 'approve_extension', role: 'leader', from: OPEN, to: null },
  { action: 'refuse_extension', role: 'leader', from: OPEN, to: null },
  { action: 'request_closure', role: 'lead', from: ['in_progress'], to: 'closure_requested' },
  { action: 'close', role: 'office', from: ['closure_requested'], to: 'closed' },
  { action: 'return', role: 'office', from: ['closure_requested'], to: 'in_progress' },
  { action: 'urge', role: 'office', from: RUNNING, to: null },
  { action: 'urge', role: 'leader', from: RUNNING, to: null },
  { action: 'archive', role: 'office', from: ['closed'], to: 'archived' },
  { action: 'withdraw', role: 'office', from: WITHDRAWABLE, to: 'withdrawn' },
  // a new lead unit must sign again: back to 已交办 (docs/supervision.md §4, 改派)
  { action: 'reassign', role: 'office', from: RUNNING, to: 'assigned' },
  { action: 'change_supports', role: 'office', from: RUNNING, to: null },
];

/** The rule that allows (state, action, role), if any. */
export function ruleFor(state: ItemState, action: ActionType, role: ItemRole): Rule | undefined {
  return RULES.find((r) => r.action === action && r.role === role && r.from.includes(state));
}

/** Actions allowed in `state`, each with the roles that may take it. */
export function allowedIn(state: ItemState): { action: ActionType; roles: ItemRole[] }[] {
  const out: { action: ActionType; roles: ItemRole[] }[] = [];
  for (const action of ACTION_TYPES) {
    const roles = RULES.filter((r) => r.action === action && r.from.includes(state)).map((r) => r.role);
    if (roles.length > 0) out.push({ action, roles });
  }
  return out;
}

/** Chinese list: 签收（牵头单位联络员、配合单位联络员）、催办（县政府办、县领导）. */
export function describeAllowed(state: ItemState): string {
  const list = allowedIn(state);
  if (list.length === 0) return '无（流程已结束）';
  return list.map((a) => `${ACTION_LABELS[a.action]}（${a.roles.map((r) => ROLE_LABELS[r]).join('、')}）`).join('、');
}

/** The transition table as Markdown, embedded in docs/supervision.md (a test keeps them equal). */
export function renderTransitionTable(): string {
  const lines = ['| 操作 | action | 执行者 | 允许的状态 | 之后的状态 |', '|---|---|---|---|---|'];
  for (const r of RULES) {
    const from = r.from.map((s) => `${STATE_LABELS[s]} \`${s}\``).join('、');
    const to = r.to ? `${STATE_LABELS[r.to]} \`${r.to}\`` : '不变';
    lines.push(`| ${ACTION_LABELS[r.action]} | \`${r.action}\` | ${ROLE_LABELS[r.role]} | ${from} | ${to} |`);
  }
  return lines.join('\n');
}
