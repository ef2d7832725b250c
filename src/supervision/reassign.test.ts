// 撤销 (withdraw), 改派 (reassign) and 调整配合单位 (change_supports) in the pure lifecycle: who may, from which
// states, what happens to signatures, deadlines, reports and pending requests, and the Chinese refusals.
import { describe, expect, it } from 'vitest';
import { checkItem, lastReturnAt, transition } from './lifecycle.ts';
import { lightFor } from './lights.ts';
import {
  actors,
  apply,
  at,
  deepFreeze,
  EVIDENCE,
  LEAD,
  OTHER,
  PAYLOADS,
  reach,
  SUPPORT_A,
  SUPPORT_B,
} from './testkit.ts';
import type { Action, SupervisionActor, SupervisionItem } from './types.ts';

const otherLead: SupervisionActor = actors.other; // 县教育科技局, the new lead in these tests

function refused(item: SupervisionItem, action: Action, actor: SupervisionActor, now: string) {
  const r = transition(deepFreeze(item), action, actor, now);
  if (r.ok) throw new Error(`expected a refusal of ${action.type}`);
  return r.error;
}

describe('撤销 withdraw', () => {
  for (const state of ['assigned', 'acknowledged', 'in_progress', 'closure_requested'] as const) {
    it(`withdraws from ${state}: final state, clocks stopped, events to every unit`, () => {
      const item = reach(state);
      const now = at('2023-10-20', '10:00'); // long after every deadline
      const r = transition(deepFreeze(item), { type: 'withdraw', reason: ' 上级决定不再实施 ' }, actors.office, now);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.item.state).toBe('withdrawn');
      expect(r.item.withdrawal).toEqual({
        at: now,
        on: '2023-10-20',
        by: actors.office.name,
        reason: '上级决定不再实施',
        from: state,
      });
      expect(checkItem(r.item)).toEqual([]);
      const last = r.events[r.events.length - 1];
      expect(last?.type).toBe('withdrawn');
      expect(last?.to).toEqual([LEAD, SUPPORT_A, SUPPORT_B]);
      expect(last?.summary).toContain('上级决定不再实施');
      // the clocks stop: no light, nothing overdue, no escalation
      const light = lightFor(r.item, at('2023-12-01'));
      expect(light.light).toBe('none');
      expect(light.obligations.some((o) => o.status === 'overdue' || o.status === 'due_soon')).toBe(false);
      expect(light.escalation).toBeNull();
    });
  }

  it('withdraws a pending extension request and timeline, with events to the leader and the office', () => {
    let item = reach('in_progress', { category: 'major' });
    item = apply(item, PAYLOADS.request_extension, actors.lead, at('2023-09-28', '09:00'));
    item = apply(item, PAYLOADS.file_plan, actors.lead, at('2023-09-28', '09:30'));
    const r = transition(deepFreeze(item), PAYLOADS.withdraw, actors.office, at('2023-09-28', '10:00'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.item.extensions.map((e) => e.status)).toEqual(['withdrawn']);
    expect(r.item.plan?.status).toBe('withdrawn');
    expect(r.events.map((e) => e.type)).toEqual(['extension_withdrawn', 'plan_withdrawn', 'withdrawn']);
    expect(r.events[0]?.to).toEqual(expect.arrayContaining(['leader', 'office', LEAD]));
    expect(checkItem(r.item)).toEqual([]);
  });

  it('requires a reason, naming the field', () => {
    for (const reason of [undefined, '', '   ']) {
      const e = refused(
        reach('in_progress'),
        { type: 'withdraw', reason } as unknown as Action,
        actors.office,
        at('2023-09-28'),
      );
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toMatch(/撤销理由（reason）/);
      expect(e.message).toContain('不能“撤销”');
    }
  });

  it('is the office’s alone, and not from a draft or a closed-out item; nothing can follow it', () => {
    const e1 = refused(reach('in_progress'), PAYLOADS.withdraw, actors.leader, at('2023-09-28'));
    expect(e1.code).toBe('FORBIDDEN');
    expect(e1.message).toContain('“撤销”只能由县政府办执行');
    const e2 = refused(reach('in_progress'), PAYLOADS.withdraw, actors.lead, at('2023-09-28'));
    expect(e2.code).toBe('FORBIDDEN');
    for (const state of ['draft', 'closed', 'archived'] as const) {
      const e = refused(reach(state), PAYLOADS.withdraw, actors.office, at('2023-09-28'));
      expect(e.code).toBe('ILLEGAL_TRANSITION');
      expect(e.message).toContain('县政府办只能在“已交办”、“已签收”、“办理中”、“申请办结（待审核）”状态下撤销');
    }
    const withdrawn = reach('withdrawn');
    for (const [action, actor] of [
      [{ type: 'archive' }, actors.office],
      [PAYLOADS.urge, actors.office],
      [PAYLOADS.reassign, actors.office],
      [PAYLOADS.feedback, actors.lead],
    ] as const) {
      const e = refused(withdrawn, action as Action, actor, at('2023-09-28'));
      expect(e.code).toBe('ILLEGAL_TRANSITION');
      expect(e.message).toContain('当前状态为“已撤销”');
      expect(e.message).toContain('当前状态下可执行的操作：无（流程已结束）');
    }
  });
});

describe('改派 reassign', () => {
  const NOW = at('2023-10-09', '10:00'); // after the deploy (09-26) and feedback (09-28) dates

  it('moves the item to the new lead: back to 已交办, the new lead signs and deploys again', () => {
    const item = reach('in_progress');
    const r = transition(deepFreeze(item), PAYLOADS.reassign, actors.office, NOW);
    if (!r.ok) throw new Error(r.error.message);
    const next = r.item;
    expect(next.state).toBe('assigned');
    expect(next.lead).toBe(OTHER);
    expect(next.supports).toEqual([SUPPORT_A, SUPPORT_B]);
    expect(next.deployedAt).toBeNull();
    // the new lead is unsigned; the supporting units keep their signatures and reports
    expect(next.units.map((u) => [u.unit, u.role, u.acknowledgedAt !== null, u.reports])).toEqual([
      [OTHER, 'lead', false, 0],
      [SUPPORT_A, 'support', true, 1],
      [SUPPORT_B, 'support', false, 0],
    ]);
    expect(next.units[0]?.addedOn).toBe('2023-10-09');
    // reports already made stay, attributed to the unit that made them
    expect(next.reports.map((x) => x.unit)).toEqual(item.reports.map((x) => x.unit));
    // deadlines frozen by default
    expect(next.deadlines).toEqual(item.deadlines);
    expect(next.reassignments).toEqual([
      {
        at: NOW,
        on: '2023-10-09',
        by: actors.office.name,
        kind: 'reassign',
        fromLead: LEAD,
        toLead: OTHER,
        fromSupports: [SUPPORT_A, SUPPORT_B],
        toSupports: [SUPPORT_A, SUPPORT_B],
        reason: PAYLOADS.reassign.reason,
        restartClock: false,
      },
    ]);
    const ev = r.events[r.events.length - 1];
    expect(ev?.type).toBe('reassigned');
    expect(ev?.to).toEqual([LEAD, SUPPORT_A, SUPPORT_B, OTHER]);
    expect(ev?.summary).toContain(`牵头单位由${LEAD}改为${OTHER}`);
    expect(ev?.summary).toContain('时限不变');
    expect(checkItem(next)).toEqual([]);
    // frozen: the new lead's deploy date has passed — red
    expect(lightFor(next, NOW).light).toBe('red');

    // the old lead can no longer act; the new one signs, deploys, feeds back
    const e = refused(next, { type: 'acknowledge' }, actors.lead, NOW);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain(`你所在的“${LEAD}”不是本事项的承办单位`);
    let x = apply(next, { type: 'acknowledge' }, otherLead, at('2023-10-09', '11:00'));
    expect(x.state).toBe('acknowledged');
    x = apply(x, { type: 'deploy', summary: '局党组会研究部署' }, otherLead, at('2023-10-09', '15:00'));
    expect(x.state).toBe('in_progress');
    expect(checkItem(x)).toEqual([]);
  });

  it('restartClock: deploy, feedback and close-by counted again from the re-assignment day', () => {
    const item = reach('in_progress');
    const r = transition(deepFreeze(item), { ...PAYLOADS.reassign, restartClock: true }, actors.office, NOW);
    if (!r.ok) throw new Error(r.error.message);
    const d = r.item.deadlines;
    // 2023-10-09 (Monday) + 1 / 3 / 7 working days
    expect(d).toMatchObject({
      deployBy: '2023-10-10',
      feedbackBy: '2023-10-12',
      closeBy: '2023-10-18',
      originalCloseBy: item.deadlines?.originalCloseBy,
      restartedOn: '2023-10-09',
    });
    expect(d?.basis).toContain('2023-10-09 改派');
    expect(r.events[r.events.length - 1]?.summary).toContain('时限重新起算');
    expect(lightFor(r.item, NOW).light).toBe('green');
    expect(checkItem(r.item)).toEqual([]);
  });

  it('restartClock keeps a later close-by date already granted, and a due date written in the document', () => {
    let item = reach('in_progress');
    item = apply(item, PAYLOADS.request_extension, actors.lead, at('2023-09-28', '09:00'));
    item = apply(item, PAYLOADS.approve_extension, actors.leader, at('2023-09-28', '10:00'));
    const r = transition(deepFreeze(item), { ...PAYLOADS.reassign, restartClock: true }, actors.office, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.item.deadlines?.closeBy).toBe('2023-12-29');
    expect(checkItem(r.item)).toEqual([]);
    const due = reach('in_progress', { dueOn: '2023-10-13' });
    const r2 = transition(deepFreeze(due), { ...PAYLOADS.reassign, restartClock: true }, actors.office, NOW);
    if (!r2.ok) throw new Error(r2.error.message);
    expect(r2.item.deadlines).toMatchObject({
      deployBy: '2023-10-10',
      feedbackBy: '2023-10-12',
      closeBy: '2023-10-13',
    });
  });

  it('withdraws the old lead’s pending extension request and timeline; an approved timeline stays', () => {
    let item = reach('in_progress', { category: 'major' });
    item = apply(item, PAYLOADS.request_extension, actors.lead, at('2023-09-28', '09:00'));
    item = apply(item, PAYLOADS.file_plan, actors.lead, at('2023-09-28', '09:30'));
    const r = transition(deepFreeze(item), PAYLOADS.reassign, actors.office, at('2023-09-28', '10:00'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.item.extensions.map((e) => e.status)).toEqual(['withdrawn']);
    expect(r.item.plan?.status).toBe('withdrawn');
    expect(r.events.map((e) => e.type)).toEqual(['extension_withdrawn', 'plan_withdrawn', 'reassigned']);

    let approved = reach('in_progress', { category: 'major' });
    approved = apply(approved, PAYLOADS.file_plan, actors.lead, at('2023-09-28', '09:30'));
    approved = apply(approved, PAYLOADS.approve_plan, actors.office, at('2023-09-28', '10:00'));
    const r2 = transition(deepFreeze(approved), PAYLOADS.reassign, actors.office, at('2023-09-28', '11:00'));
    if (!r2.ok) throw new Error(r2.error.message);
    expect(r2.item.plan?.status).toBe('approved');
    expect(r2.item.deadlines?.closeBy).toBe('2023-12-15');
  });

  it('a supporting unit promoted to lead signs again as lead; the old lead kept as support signs again too', () => {
    const item = reach('in_progress');
    const r = transition(
      deepFreeze(item),
      { type: 'reassign', lead: SUPPORT_A, supports: [LEAD, SUPPORT_B], reason: '财政局牵头更合适' },
      actors.office,
      NOW,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.item.units.map((u) => [u.unit, u.role, u.acknowledgedAt !== null, u.reports])).toEqual([
      [SUPPORT_A, 'lead', false, 0],
      [LEAD, 'support', false, 0],
      [SUPPORT_B, 'support', false, 0],
    ]);
    expect(r.events[r.events.length - 1]?.summary).toContain(`增加配合单位${LEAD}`);
    expect(checkItem(r.item)).toEqual([]);
  });

  it('a later 退回 no longer concerns the new lead (the inbox’s 被退回)', () => {
    let item = reach('closure_requested');
    item = apply(item, PAYLOADS.return, actors.office, at('2023-09-28', '09:00'));
    expect(lastReturnAt(item)).toBe(at('2023-09-28', '09:00'));
    const moved = apply(item, PAYLOADS.reassign, actors.office, at('2023-09-28', '10:00'));
    expect(lastReturnAt(moved)).toBeNull();
  });

  it('refuses with Chinese messages naming the field', () => {
    const item = reach('in_progress');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ lead: LEAD }, /新牵头单位（lead）“县发展和改革局”就是当前的牵头单位/],
      [{ lead: '' }, /新牵头单位（lead）不能为空/],
      [{ lead: undefined }, /缺少新牵头单位（lead）/],
      [{ lead: SUPPORT_A, supports: undefined }, /现为配合单位.*配合单位（supports）/],
      [{ lead: OTHER, supports: [OTHER] }, /配合单位（supports）第 1 项“县教育科技局”是牵头单位（lead）/],
      [{ lead: OTHER, supports: [SUPPORT_A, SUPPORT_A] }, /配合单位（supports）中“县财政局”重复（第 1 项和第 2 项）/],
      [{ lead: OTHER, supports: [SUPPORT_A, ' '] }, /配合单位（supports）第 2 项不能为空/],
      [{ lead: OTHER, supports: '县财政局' }, /配合单位（supports）应为单位名称列表/],
      [{ reason: '' }, /改派理由（reason）不能为空/],
      [{ restartClock: 'yes' }, /restartClock/],
    ];
    for (const [patch, message] of cases) {
      const e = refused(item, { ...PAYLOADS.reassign, ...patch } as Action, actors.office, NOW);
      expect(e.code, JSON.stringify(patch)).toBe('BAD_INPUT');
      expect(e.message).toMatch(message);
      expect(e.message).toContain('不能“改派”（事项当前状态：办理中）');
    }
  });

  it('only the office, only while 已交办/已签收/办理中', () => {
    expect(refused(reach('in_progress'), PAYLOADS.reassign, actors.leader, NOW).code).toBe('FORBIDDEN');
    for (const state of ['draft', 'closure_requested', 'closed', 'withdrawn'] as const) {
      const e = refused(reach(state), PAYLOADS.reassign, actors.office, NOW);
      expect(e.code).toBe('ILLEGAL_TRANSITION');
      expect(e.message).toContain('县政府办只能在“已交办”、“已签收”、“办理中”状态下改派');
    }
  });
});

describe('调整配合单位 change_supports', () => {
  const NOW = at('2023-10-09', '10:00');

  it('adds a unit with its own first-report date and removes another; state and signatures unchanged', () => {
    const item = reach('in_progress');
    const r = transition(
      deepFreeze(item),
      { type: 'change_supports', supports: [SUPPORT_A, OTHER], reason: '增加县教育科技局配合' },
      actors.office,
      NOW,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.item.state).toBe('in_progress');
    expect(r.item.lead).toBe(LEAD);
    expect(r.item.units.map((u) => [u.unit, u.acknowledgedAt !== null, u.addedOn ?? null])).toEqual([
      [LEAD, true, null],
      [SUPPORT_A, true, null],
      [OTHER, false, '2023-10-09'],
    ]);
    const ev = r.events[0];
    expect(ev?.type).toBe('supports_changed');
    expect(ev?.to).toEqual([LEAD, SUPPORT_A, SUPPORT_B, OTHER]);
    expect(ev?.summary).toContain(`增加配合单位${OTHER}`);
    expect(ev?.summary).toContain(`不再由${SUPPORT_B}配合`);
    expect(checkItem(r.item)).toEqual([]);
    // the new unit owes its first report 3 working days after joining (10-12) — capped at the close-by date
    // 10-10 — not at the item's feedback date 09-28, which has passed
    expect(r.item.deadlines?.closeBy).toBe('2023-10-10');
    const o = lightFor(r.item, NOW).obligations.find((x) => x.unit === OTHER);
    expect(o).toMatchObject({ kind: 'support_report', due: '2023-10-10', start: '2023-10-09' });
    const early = apply(item, PAYLOADS.change_supports, actors.office, at('2023-09-27', '10:00'));
    const added = apply(
      early,
      { ...PAYLOADS.change_supports, supports: [SUPPORT_A, OTHER] },
      actors.office,
      at('2023-09-27', '11:00'),
    );
    // added on 09-27: 09-28, then 中秋/国庆, 10-07 and 10-08 (调休) → due 10-08, later than the item's feedback date 09-28
    expect(lightFor(added, at('2023-09-28')).obligations.find((x) => x.unit === OTHER)?.due).toBe('2023-10-08');
    expect(o?.status).not.toBe('overdue');
    // the lead cannot apply for closure before the new unit has reported
    const e = refused(r.item, PAYLOADS.request_closure, actors.lead, NOW);
    expect(e.code).toBe('PRECONDITION');
    expect(e.message).toContain(`配合单位${OTHER}尚未向牵头单位报送`);
    let x = apply(r.item, { type: 'acknowledge' }, actors.other, at('2023-10-09', '11:00'));
    x = apply(x, { type: 'support_report', summary: '已提供学校布点意见' }, actors.other, at('2023-10-09', '12:00'));
    x = apply(
      x,
      { type: 'request_closure', summary: '已完成', evidence: EVIDENCE },
      actors.lead,
      at('2023-10-09', '15:00'),
    );
    expect(x.state).toBe('closure_requested');
  });

  it('refuses no change, the lead as a supporting unit, repeats, a missing list, no reason', () => {
    const item = reach('acknowledged');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ supports: [SUPPORT_A, SUPPORT_B] }, /配合单位（supports）与当前相同（县财政局、县自然资源局），没有调整/],
      [{ supports: [LEAD] }, /第 1 项“县发展和改革局”是牵头单位（lead）/],
      [{ supports: [OTHER, OTHER] }, /“县教育科技局”重复/],
      [{ supports: undefined }, /缺少配合单位（supports）/],
      [{ reason: ' ' }, /调整理由（reason）不能为空/],
    ];
    for (const [patch, message] of cases) {
      const e = refused(item, { ...PAYLOADS.change_supports, ...patch } as Action, actors.office, NOW);
      expect(e.code, JSON.stringify(patch)).toBe('BAD_INPUT');
      expect(e.message).toMatch(message);
    }
    // removing every supporting unit is a change
    const r = transition(deepFreeze(item), { ...PAYLOADS.change_supports, supports: [] }, actors.office, NOW);
    expect(r.ok).toBe(true);
  });
});
