// Test helpers: actors, instants, and items brought to each state through the lifecycle itself.
// Used by the supervision tests only.
import { draftItem, transition } from './lifecycle.ts';
import {
  type Action,
  type Category,
  DEFAULT_SETTINGS,
  type ItemRole,
  type ItemState,
  type SupervisionActor,
  type SupervisionItem,
  type SupervisionSettings,
} from './types.ts';

export const LEAD = '县发展和改革局';
export const SUPPORT_A = '县财政局';
export const SUPPORT_B = '县自然资源局';
export const OTHER = '县教育科技局';

export const actors = {
  office: { id: 'u-office', name: '督查室张敏', role: 'office' },
  leader: { id: 'u-leader', name: '李副县长', role: 'leader' },
  lead: { id: 'u-lead', name: '发改局王磊', role: 'liaison', unit: LEAD },
  supportA: { id: 'u-sup-a', name: '财政局赵云', role: 'liaison', unit: SUPPORT_A },
  supportB: { id: 'u-sup-b', name: '自然资源局孙丽', role: 'liaison', unit: SUPPORT_B },
  other: { id: 'u-other', name: '教科局周强', role: 'liaison', unit: OTHER },
  unbound: { id: 'u-unbound', name: '未绑定单位的联络员', role: 'liaison', unit: null },
} satisfies Record<string, SupervisionActor>;

/** An instant in Asia/Shanghai: at('2023-09-25', '09:00'). */
export function at(date: string, time = '09:00'): string {
  return `${date}T${time}:00+08:00`;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export function must(r: ReturnType<typeof transition>): SupervisionItem {
  if (!r.ok) throw new Error(`unexpected refusal: ${r.error.code} ${r.error.message}`);
  return r.item;
}

export function apply(
  item: SupervisionItem,
  action: Action,
  actor: SupervisionActor,
  now: string,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): SupervisionItem {
  return must(transition(deepFreeze(item), action, actor, now, settings));
}

export const EVIDENCE = [{ name: '办结报告.pdf', ref: 'files/2023/abc.pdf' }];

export interface ReachOptions {
  category?: Category;
  dueOn?: string | null;
  settings?: SupervisionSettings;
  supports?: string[];
}

/**
 * An item in `state`, built through the lifecycle on a fixed timeline (assigned Monday 2023-09-25 09:00,
 * before 中秋/国庆). In assigned/acknowledged/in_progress supporting unit A has signed and B has not;
 * from closure_requested on, both have reported. A withdrawn item was withdrawn from 办理中 on 2023-09-26.
 */
export function reach(state: ItemState, opts: ReachOptions = {}): SupervisionItem {
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const created = draftItem(
    {
      id: 'DB-2023-001',
      title: '编制县域充电基础设施建设方案',
      category: opts.category ?? 'ordinary',
      lead: LEAD,
      supports: opts.supports ?? [SUPPORT_A, SUPPORT_B],
      dueOn: opts.dueOn ?? null,
      source: { docNumber: '襄政发〔2023〕7号', citation: '《襄垣县人民政府工作规则》第七章第三十九条' },
    },
    actors.office,
    at('2023-09-25', '08:00'),
    settings,
  );
  let item = must(created);
  if (state === 'draft') return item;
  const supports = item.supports;
  item = apply(item, { type: 'assign' }, actors.office, at('2023-09-25', '09:00'), settings);
  if (supports.includes(SUPPORT_A))
    item = apply(item, { type: 'acknowledge' }, actors.supportA, at('2023-09-25', '09:30'), settings);
  if (state === 'assigned') return item;
  item = apply(item, { type: 'acknowledge' }, actors.lead, at('2023-09-25', '10:00'), settings);
  if (state === 'acknowledged') return item;
  item = apply(
    item,
    { type: 'deploy', summary: '局务会研究，明确分管领导和专班' },
    actors.lead,
    at('2023-09-26', '09:00'),
    settings,
  );
  if (supports.includes(SUPPORT_A))
    item = apply(
      item,
      { type: 'support_report', summary: '已梳理资金渠道' },
      actors.supportA,
      at('2023-09-26', '10:00'),
      settings,
    );
  if (state === 'in_progress') return item;
  if (state === 'withdrawn')
    return apply(
      item,
      { type: 'withdraw', reason: '县政府常务会议决定暂缓实施' },
      actors.office,
      at('2023-09-26', '11:00'),
      settings,
    );
  if (supports.includes(SUPPORT_B)) {
    item = apply(item, { type: 'acknowledge' }, actors.supportB, at('2023-09-27', '09:00'), settings);
    item = apply(
      item,
      { type: 'support_report', summary: '已提供用地规划意见' },
      actors.supportB,
      at('2023-09-27', '10:00'),
      settings,
    );
  }
  item = apply(item, { type: 'feedback', summary: '方案初稿已完成' }, actors.lead, at('2023-09-27', '11:00'), settings);
  item = apply(
    item,
    { type: 'request_closure', summary: '方案已印发', evidence: EVIDENCE },
    actors.lead,
    at('2023-09-27', '15:00'),
    settings,
  );
  if (state === 'closure_requested') return item;
  item = apply(item, { type: 'close', rating: '良好' }, actors.office, at('2023-09-27', '17:00'), settings);
  if (state === 'closed') return item;
  return apply(item, { type: 'archive' }, actors.office, at('2023-09-27', '18:00'), settings);
}

/** A representative actor for each item role. */
export function actorFor(role: ItemRole, action?: Action['type']): SupervisionActor {
  switch (role) {
    case 'office':
      return actors.office;
    case 'leader':
      return actors.leader;
    case 'lead':
      return actors.lead;
    case 'support':
      return action === 'acknowledge' ? actors.supportB : actors.supportA;
    case 'other':
      return actors.other;
  }
}

/** A valid payload for each action on the reach() timeline. */
export const PAYLOADS: { [K in Action['type']]: Extract<Action, { type: K }> } = {
  edit: { type: 'edit', title: '编制县域充电基础设施建设实施方案' },
  assign: { type: 'assign' },
  acknowledge: { type: 'acknowledge' },
  deploy: { type: 'deploy', summary: '召开专题会研究部署' },
  feedback: { type: 'feedback', summary: '已完成现场踏勘' },
  support_report: { type: 'support_report', summary: '配合完成资金测算' },
  file_plan: {
    type: 'file_plan',
    checkpoints: [
      { date: '2023-10-20', milestone: '完成方案初稿' },
      { date: '2023-11-20', milestone: '征求意见并报审' },
    ],
    finishOn: '2023-12-15',
  },
  approve_plan: { type: 'approve_plan' },
  reject_plan: { type: 'reject_plan', reason: '节点过粗，请细化到周' },
  request_extension: { type: 'request_extension', reason: '需等待省厅批复', newCloseBy: '2023-12-29' },
  approve_extension: { type: 'approve_extension' },
  refuse_extension: { type: 'refuse_extension', reason: '不符合延期条件' },
  request_closure: { type: 'request_closure', summary: '已完成全部任务', evidence: EVIDENCE },
  close: { type: 'close', rating: '良好' },
  return: { type: 'return', reasons: '佐证材料不足' },
  urge: { type: 'urge' },
  archive: { type: 'archive' },
  withdraw: { type: 'withdraw', reason: '县政府常务会议决定不再实施' },
  reassign: { type: 'reassign', lead: OTHER, reason: '职责调整，改由县教育科技局牵头' },
  change_supports: { type: 'change_supports', supports: [SUPPORT_A], reason: '自然资源局已完成用地意见，不再配合' },
};
