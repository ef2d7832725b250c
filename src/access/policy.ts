// The one place that decides every permission. Pure: no database, no HTTP. Routes (of every
// capability) call `can` and act on the decision; they never re-implement a rule.
//
// Status semantics of a denial:
//   401 — the action needs a signed-in user and the caller is anonymous;
//   403 — the caller is signed in but the role or unit does not allow it;
//   404 — the resource is not visible to the caller, and saying "forbidden" would reveal that it
//         exists (restricted documents and non-public clauses). Routes answer exactly as for a
//         missing resource.
import type { Disclosure } from '../gazette/types.ts';
import { type Actor, ROLE_LABELS } from './roles.ts';

export type Action =
  | 'issue:read'
  | 'document:list'
  | 'document:read'
  | 'clause:read'
  | 'search'
  | 'findings:read'
  | 'restriction:read'
  | 'restriction:manage'
  | 'audit:read'
  | 'audit:export'
  | 'user:manage'
  | 'import'
  | 'approve'
  | 'supervision:read'
  | 'supervision:assign'
  | 'supervision:act'
  | 'supervision:settings'
  | 'unit:read'
  | 'unit:act'
  | 'commitment:read'
  | 'commitment:review'
  | 'meeting:read'
  | 'meeting:act'
  | 'meeting:plan'
  | 'docflow:check'
  | 'docnumber:read'
  | 'docnumber:assign'
  | 'gazette:compile'
  | 'incident:read'
  | 'incident:act'
  | 'incident:decide'
  | 'notification:read'
  | 'webhook:manage';

export type Resource =
  | { kind: 'system' }
  | { kind: 'document'; disclosure: Disclosure }
  /** An attachment or clause; `restricted` = an administrator marked it (or an ancestor) non-public. */
  | { kind: 'clause'; disclosure: Disclosure; restricted: boolean }
  /** Something that belongs to one unit (a liaison may only act for its own unit). */
  | { kind: 'unit'; unit: string };

export interface Decision {
  allowed: boolean;
  /** Chinese explanation (for the audit trail and for 401/403 responses). */
  reason: string;
  /** HTTP status to answer when denied (200 when allowed). */
  status: 200 | 401 | 403 | 404;
  /** Whether a denial matters enough to be written to the audit trail. */
  audit: boolean;
}

const ALL_DISCLOSURES: readonly Disclosure[] = ['public', 'partial', 'restricted'];
const PUBLIC_DISCLOSURES: readonly Disclosure[] = ['public', 'partial'];

/**
 * Signed-in staff (county office, leaders, unit liaisons) read every document, including those not
 * released to the public (no 附注: internal documents go to the units named as 主送机关, whose liaisons
 * work on them) and clauses an administrator marked non-public. The public sees what the gazette
 * publishes: public documents and the public part of partial ones.
 */
function seesEverything(actor: Actor): boolean {
  return actor.role !== 'public';
}

/** Disclosure levels whose documents the actor may list, read and find. */
export function visibleDisclosures(actor: Actor): Disclosure[] {
  return [...(seesEverything(actor) ? ALL_DISCLOSURES : PUBLIC_DISCLOSURES)];
}

const allow = (reason: string): Decision => ({ allowed: true, reason, status: 200, audit: false });

function needSignIn(what: string): Decision {
  return { allowed: false, reason: `请先登录：${what}需要登录后才能进行`, status: 401, audit: false };
}

function forbidden(actor: Actor, what: string, audit = false): Decision {
  return { allowed: false, reason: `当前角色（${ROLE_LABELS[actor.role]}）无权${what}`, status: 403, audit };
}

/** Restricted content: not found for whoever may not see it, so its existence does not leak. */
function hidden(reason: string): Decision {
  return { allowed: false, reason, status: 404, audit: true };
}

/** Actions open to anyone (results are filtered by `visibleDisclosures` and non-public clauses). */
const OPEN_ACTIONS: Partial<Record<Action, string>> = {
  'issue:read': '查阅公报',
  'document:list': '浏览文件目录',
  search: '全文检索',
  'findings:read': '查看校对意见',
};

/** Actions restricted to a set of roles. */
const ROLE_ACTIONS: Partial<Record<Action, { roles: Actor['role'][]; what: string }>> = {
  'restriction:read': { roles: ['admin', 'leader'], what: '查看不公开条款标记' },
  'restriction:manage': { roles: ['admin'], what: '设置不公开条款' },
  'audit:read': { roles: ['admin', 'leader'], what: '查看审计日志' },
  'audit:export': { roles: ['admin', 'leader'], what: '导出审计日志' },
  'user:manage': { roles: ['admin'], what: '管理用户' },
  import: { roles: ['admin'], what: '导入公报' },
  approve: { roles: ['leader'], what: '审批' },
  // 督办 (13710): staff follow items; the county office (admin) registers and assigns them; who may take which
  // action on an item is the lifecycle's rule (src/supervision/rules.ts), and a liaison acts only for its own
  // unit ('unit:act').
  'supervision:read': { roles: ['admin', 'leader', 'liaison'], what: '查看督办事项' },
  'supervision:assign': { roles: ['admin'], what: '督办立项、交办' },
  'supervision:act': { roles: ['admin', 'leader', 'liaison'], what: '办理督办事项' },
  'supervision:settings': { roles: ['admin'], what: '修改督办设置与本县工作日历调整' },
  'commitment:read': { roles: ['admin', 'leader', 'liaison'], what: '查看提取的任务、指标等记录' },
  'commitment:review': { roles: ['admin'], what: '审核（确认、更正、驳回）提取的记录' },
  // 襄政办发〔2023〕15号: staff follow incidents; the county office (县指挥部办公室 / 值班) records them, reports
  // and warnings; the 指挥部 (leaders) decides the response level and its termination (§5.2, §5.4.2).
  // 会议制度 (襄政发〔2023〕7号 第十八—二十六条): staff follow meetings; departments propose topics, leaders agree,
  // set and sign (who may do what is src/meetings/lifecycle.ts); the county office (admin) plans meetings and
  // keeps the leadership roster (第二十一条: 组织工作由县人民政府办公室负责).
  'meeting:read': { roles: ['admin', 'leader', 'liaison'], what: '查看县政府会议' },
  'meeting:act': { roles: ['admin', 'leader', 'liaison'], what: '办理会议事项（议题、请假、纪要）' },
  'meeting:plan': { roles: ['admin'], what: '安排会议、维护县政府领导名册' },
  // 公文处理 (襄政发〔2023〕7号 第六章): departments (liaisons) pre-flight their drafts; the county office (admin)
  // keeps the 发文字号 register and compiles the gazette; leaders read the register.
  'docflow:check': { roles: ['admin', 'leader', 'liaison'], what: '公文预审' },
  'docnumber:read': { roles: ['admin', 'leader'], what: '查看发文字号登记簿' },
  'docnumber:assign': { roles: ['admin'], what: '分配发文字号' },
  'gazette:compile': { roles: ['admin'], what: '编辑公报' },
  'incident:read': { roles: ['admin', 'leader', 'liaison'], what: '查看停电事件' },
  'incident:act': { roles: ['admin'], what: '登记停电事件、报告和预警' },
  'incident:decide': { roles: ['leader'], what: '决定应急响应级别或终止响应（县指挥部）' },
  // 通知 (src/notifications): every signed-in user reads their own; administrators manage webhooks.
  'notification:read': { roles: ['admin', 'leader', 'liaison'], what: '查看自己的通知' },
  'webhook:manage': { roles: ['admin'], what: '管理 Webhook 订阅与投递记录' },
};

export function can(actor: Actor, action: Action, resource: Resource = { kind: 'system' }): Decision {
  const open = OPEN_ACTIONS[action];
  if (open) return allow(`任何人均可${open}`);

  const byRole = ROLE_ACTIONS[action];
  if (byRole) {
    if (actor.role === 'public') return needSignIn(byRole.what);
    if (!byRole.roles.includes(actor.role)) return forbidden(actor, byRole.what);
    return allow(`${ROLE_LABELS[actor.role]}可以${byRole.what}`);
  }

  switch (action) {
    case 'document:read': {
      if (resource.kind !== 'document') return invalidResource(action, resource);
      if (resource.disclosure !== 'restricted') return allow('公开发布的文件，任何人均可查阅');
      if (seesEverything(actor)) return allow(`${ROLE_LABELS[actor.role]}可以查阅不公开文件`);
      return hidden(`不公开文件，${ROLE_LABELS[actor.role]}无权查阅`);
    }
    case 'clause:read': {
      if (resource.kind !== 'clause') return invalidResource(action, resource);
      if (resource.disclosure !== 'restricted' && !resource.restricted) return allow('公开条款，任何人均可查阅');
      if (seesEverything(actor)) return allow(`${ROLE_LABELS[actor.role]}可以查阅不公开条款`);
      return hidden(`不公开条款，${ROLE_LABELS[actor.role]}无权查阅`);
    }
    case 'unit:read':
    case 'unit:act': {
      if (resource.kind !== 'unit') return invalidResource(action, resource);
      const what = action === 'unit:act' ? `代表“${resource.unit}”办理` : `查看“${resource.unit}”的内部信息`;
      if (actor.role === 'public') return needSignIn(what);
      if (actor.role === 'admin') return allow('管理员（县政府办）可以代表任何单位办理');
      if (actor.role === 'leader') {
        return action === 'unit:read' ? allow('领导可以查看所有单位的信息') : forbidden(actor, what);
      }
      if (actor.unit !== null && actor.unit === resource.unit) return allow(`单位联络员可以${what}`);
      return {
        allowed: false,
        reason: `单位联络员只能代表本单位（${actor.unit ?? '未绑定单位'}）办理，无权${what}`,
        status: 403,
        audit: true,
      };
    }
    default:
      return invalidResource(action, resource);
  }
}

/** A programming error (wrong resource for the action): deny, never allow by accident. */
function invalidResource(action: Action, resource: Resource): Decision {
  return { allowed: false, reason: `权限规则未定义：${action} 作用于 ${resource.kind}`, status: 403, audit: true };
}
