// The 13710 lifecycle, scenario by scenario: deadlines on the real calendar, each refusal and its message.
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import {
  availableActions,
  checkItem,
  draftItem,
  itemRole,
  toAppError,
  transition,
  validateSettings,
} from './lifecycle.ts';
import {
  actors,
  apply,
  at,
  deepFreeze,
  EVIDENCE,
  LEAD,
  must,
  OTHER,
  PAYLOADS,
  reach,
  SUPPORT_A,
  SUPPORT_B,
} from './testkit.ts';
import {
  type Action,
  DEFAULT_SETTINGS,
  type SupervisionActor,
  type SupervisionItem,
  type SupervisionSettings,
} from './types.ts';

const CALENDAR: SupervisionSettings = { ...DEFAULT_SETTINGS, dayCounting: 'calendar' };

function refusal(
  item: SupervisionItem,
  action: Action,
  actor: SupervisionActor = actors.lead,
  now = at('2023-09-28', '10:00'),
  settings = DEFAULT_SETTINGS,
) {
  const r = transition(deepFreeze(item), action, actor, now, settings);
  if (r.ok) throw new Error(`expected a refusal of ${action.type}`);
  return r.error;
}

function assignOn(
  date: string,
  opts: { category?: 'ordinary' | 'major'; dueOn?: string | null; settings?: SupervisionSettings } = {},
) {
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const d = must(
    draftItem(
      { id: 'X-1', title: '测试事项', category: opts.category ?? 'ordinary', lead: LEAD, dueOn: opts.dueOn ?? null },
      actors.office,
      at(date, '08:00'),
      settings,
    ),
  );
  return apply(d, { type: 'assign' }, actors.office, at(date, '09:00'), settings);
}

describe('deadlines (13710 on the working-day calendar)', () => {
  it('ordinary item assigned Monday 2023-09-25: deploy 09-26, feedback 09-28, close 10-10 (across 中秋/国庆)', () => {
    const item = reach('assigned');
    expect(item.assignedOn).toBe('2023-09-25');
    expect(item.deadlines).toMatchObject({
      counting: 'working',
      deployBy: '2023-09-26',
      feedbackBy: '2023-09-28',
      closeBy: '2023-10-10',
      official: true,
    });
    expect(item.deadlines?.basis).toContain('自交办日（2023-09-25）次日起算');
    expect(item.history.at(-2)?.summary).toContain('2023-10-10 前办结');
  });

  it('calendar days as written: 09-26, 09-28, 10-02 (a holiday, not moved)', () => {
    const item = reach('assigned', { settings: CALENDAR });
    expect(item.deadlines).toMatchObject({
      counting: 'calendar',
      deployBy: '2023-09-26',
      feedbackBy: '2023-09-28',
      closeBy: '2023-10-02',
    });
  });

  it('an item assigned on the eve of the holiday: Thursday 2023-09-28 + 1 working day = Saturday 10-07 (调休)', () => {
    const item = assignOn('2023-09-28');
    expect(item.deadlines).toMatchObject({ deployBy: '2023-10-07', feedbackBy: '2023-10-09', closeBy: '2023-10-13' });
  });

  it('major items: 1 calendar month (民法典第二百零二条), rolled to a working day when counting working days', () => {
    expect(reach('assigned', { category: 'major' }).deadlines?.closeBy).toBe('2023-10-25');
    expect(assignOn('2023-01-31', { category: 'major' }).deadlines?.closeBy).toBe('2023-02-28');
    expect(assignOn('2024-01-31', { category: 'major' }).deadlines?.closeBy).toBe('2024-02-29');
    // 2023-09-01 + 1 month = 10-01 (国庆) → next working day 10-07 (a make-up Saturday)
    expect(assignOn('2023-09-01', { category: 'major' }).deadlines?.closeBy).toBe('2023-10-07');
    expect(assignOn('2023-09-01', { category: 'major', settings: CALENDAR }).deadlines?.closeBy).toBe('2023-10-01');
    expect(reach('assigned', { category: 'major' }).deadlines?.basis).toContain('重大复杂事项 1 个月内办结');
  });

  it('a due date written in the document replaces the 13710 close-by date; deploy and feedback never fall after it', () => {
    const later = assignOn('2023-09-25', { dueOn: '2023-10-20' });
    expect(later.deadlines).toMatchObject({ deployBy: '2023-09-26', feedbackBy: '2023-09-28', closeBy: '2023-10-20' });
    expect(later.deadlines?.basis).toContain('文件要求时限 2023-10-20');
    const sameDay = assignOn('2023-09-25', { dueOn: '2023-09-25' });
    expect(sameDay.deadlines).toMatchObject({
      deployBy: '2023-09-25',
      feedbackBy: '2023-09-25',
      closeBy: '2023-09-25',
    });
    expect(checkItem(sameDay)).toEqual([]);
  });

  it('marks deadlines that reach a year without an official schedule as estimates', () => {
    const item = assignOn('2026-12-28');
    expect(item.deadlines?.official).toBe(false);
    expect(item.history.at(-1)?.summary).toContain('为估算');
    expect(assignOn('2026-11-02').deadlines?.official).toBe(true);
  });

  it('keeps the counting in force at assignment when the setting changes later', () => {
    const item = reach('acknowledged');
    const next = apply(item, PAYLOADS.deploy, actors.lead, at('2023-09-26'), CALENDAR);
    expect(next.deadlines).toEqual(item.deadlines);
  });
});

describe('the closed loop, end to end', () => {
  it('立项 → 交办 → 签收 → 部署 → 反馈 → 申请办结 → 办结销号 → 归档, with the events addressed', () => {
    let item = reach('draft');
    expect(item.state).toBe('draft');
    expect(item.history[0]?.summary).toContain(
      '立项：编制县域充电基础设施建设方案（一般事项，牵头单位县发展和改革局，配合单位县财政局、县自然资源局）',
    );
    const assigned = transition(item, { type: 'assign' }, actors.office, at('2023-09-25'));
    expect(assigned.ok && assigned.events[0]?.to).toEqual([LEAD, SUPPORT_A, SUPPORT_B]);
    item = must(assigned);
    item = apply(item, { type: 'acknowledge' }, actors.lead, at('2023-09-25', '10:00'));
    expect(item.state).toBe('acknowledged');
    const sA = transition(item, { type: 'acknowledge' }, actors.supportA, at('2023-09-25', '11:00'));
    expect(sA.ok && sA.events[0]).toMatchObject({
      type: 'acknowledged',
      to: ['office', LEAD],
      actor: { role: 'support', unit: SUPPORT_A },
    });
    item = must(sA);
    expect(item.state).toBe('acknowledged'); // a supporting unit signing does not move the item
    item = apply(
      item,
      { type: 'deploy', summary: '局长办公会专题研究', evidence: [{ name: '会议纪要.pdf', ref: 'f/1' }] },
      actors.lead,
      at('2023-09-26'),
    );
    expect(item.state).toBe('in_progress');
    const rep = transition(
      item,
      { type: 'support_report', summary: '资金测算完成' },
      actors.supportA,
      at('2023-09-27'),
    );
    expect(rep.ok && rep.events[0]?.to).toEqual([LEAD]); // a supporting unit reports to the lead
    item = must(rep);
    item = apply(item, { type: 'acknowledge' }, actors.supportB, at('2023-09-27', '10:00'));
    item = apply(
      item,
      { type: 'support_report', summary: '用地意见已出具' },
      actors.supportB,
      at('2023-09-27', '11:00'),
    );
    const fb = transition(item, { type: 'feedback', summary: '初稿完成' }, actors.lead, at('2023-09-28'));
    expect(fb.ok && fb.events[0]?.to).toEqual(['office']); // the lead reports to the office
    item = must(fb);
    item = apply(
      item,
      { type: 'request_closure', summary: '方案已印发', evidence: EVIDENCE },
      actors.lead,
      at('2023-10-09'),
    );
    expect(item.state).toBe('closure_requested');
    item = apply(item, { type: 'close', rating: '优秀', comment: '提前完成' }, actors.office, at('2023-10-10'));
    expect(item.state).toBe('closed');
    expect(item.review).toMatchObject({ rating: '优秀', comment: '提前完成', on: '2023-10-10' });
    expect(item.history.at(-1)?.summary).toBe('办结销号，评定为“优秀”：提前完成');
    item = apply(item, { type: 'archive' }, actors.office, at('2023-10-11'));
    expect(item.state).toBe('archived');
    expect(item.version).toBe(12);
    expect(item.history.map((e) => e.seq)).toEqual(item.history.map((_, k) => k + 1));
    expect(checkItem(item)).toEqual([]);
    expect(item.units.map((u) => [u.unit, u.reports])).toEqual([
      [LEAD, 3],
      [SUPPORT_A, 1],
      [SUPPORT_B, 1],
    ]);
  });

  it('退回 sends the item back to 办理中 with reasons; the lead can apply again', () => {
    let item = reach('closure_requested');
    expect(refusal(item, { type: 'return', reasons: '  ' }, actors.office)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('退回理由不能为空'),
    });
    item = apply(item, { type: 'return', reasons: '缺少验收材料' }, actors.office, at('2023-09-28'));
    expect(item.state).toBe('in_progress');
    expect(item.closureRequestedAt).toBeNull();
    expect(item.returns).toHaveLength(1);
    expect(item.history.at(-1)?.summary).toBe('退回重办：缺少验收材料；办结时限仍为 2023-10-10');
    item = apply(item, PAYLOADS.request_closure, actors.lead, at('2023-09-29'));
    expect(item.state).toBe('closure_requested');
  });

  it('the review: a rating from the four grades; 不合格 needs a comment', () => {
    const item = reach('closure_requested');
    expect(refusal(item, { type: 'close', rating: '很好' as never }, actors.office).message).toContain(
      '评定等次应为 优秀、良好、合格、不合格 之一，收到“很好”',
    );
    expect(refusal(item, { type: 'close', rating: '不合格' }, actors.office).message).toContain(
      '评定为“不合格”时须写明审核意见',
    );
    expect(
      apply(item, { type: 'close', rating: '不合格', comment: '未达到预期' }, actors.office, at('2023-09-28')).review
        ?.rating,
    ).toBe('不合格');
  });
});

describe('refusals the brief names', () => {
  it('feedback on a closed item', () => {
    const e = refusal(reach('closed'), PAYLOADS.feedback);
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    expect(e.message).toBe(
      '事项“编制县域充电基础设施建设方案”当前状态为“已办结销号”，不能“反馈进展”：牵头单位联络员只能在“办理中”状态下反馈进展。当前状态下可执行的操作：归档（县政府办）。',
    );
  });

  it('an extension request after the deadline (allowed on the deadline day itself)', () => {
    const item = reach('in_progress'); // close by 2023-10-10
    const e = refusal(item, PAYLOADS.request_extension, actors.lead, at('2023-10-11'));
    expect(e.code).toBe('DEADLINE_PASSED');
    expect(e.message).toBe(
      '不能“申请延期”（事项当前状态：办理中）：办结时限 2023-10-10 已过（今天是 2023-10-11），不能再申请延期：延期须在时限届满前申请。请尽快办结，或向县政府办说明情况。',
    );
    expect(transition(item, PAYLOADS.request_extension, actors.lead, at('2023-10-10', '23:59')).ok).toBe(true);
    // the day is the Shanghai day: 2023-10-10T16:30Z is already 10-11 in 襄垣
    expect(transition(item, PAYLOADS.request_extension, actors.lead, '2023-10-10T16:30:00Z').ok).toBe(false);
  });

  it('a due date before the assignment date', () => {
    const draft = reach('draft', { dueOn: '2023-09-26' });
    const e = refusal(draft, { type: 'assign' }, actors.office, at('2023-09-27'));
    expect(e).toEqual({
      code: 'BAD_INPUT',
      message:
        '不能“交办”（事项当前状态：立项）：要求办结时限 2023-09-26 早于交办日期 2023-09-27；请先“修改立项”调整时限。',
    });
    const early = draftItem(
      { id: 'x', title: '示例', category: 'ordinary', lead: LEAD, dueOn: '2023-09-01' },
      actors.office,
      at('2023-09-25'),
    );
    expect(early.ok).toBe(false);
    expect(!early.ok && early.error.message).toContain('要求办结时限 2023-09-01 早于今天 2023-09-25');
    // fixed by editing, then assigned
    const fixed = apply(draft, { type: 'edit', dueOn: '2023-10-20' }, actors.office, at('2023-09-27'));
    expect(apply(fixed, { type: 'assign' }, actors.office, at('2023-09-27')).deadlines?.closeBy).toBe('2023-10-20');
  });
});

describe('roles: a liaison acts only for their own unit', () => {
  it('itemRole', () => {
    const item = reach('assigned');
    expect(itemRole(item, actors.lead)).toBe('lead');
    expect(itemRole(item, actors.supportB)).toBe('support');
    expect(itemRole(item, actors.other)).toBe('other');
    expect(itemRole(item, actors.unbound)).toBe('other');
    expect(itemRole(item, { ...actors.lead, unit: ` ${LEAD} ` })).toBe('lead');
    expect(itemRole(item, { ...actors.office, unit: LEAD })).toBe('office');
  });

  it('refuses a liaison of another unit, naming the item’s units', () => {
    const e = refusal(reach('assigned'), { type: 'acknowledge' }, actors.other);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe(
      `“签收”只能由牵头单位联络员或配合单位联络员执行；你所在的“${OTHER}”不是本事项的承办单位（牵头单位为${LEAD}，配合单位为${SUPPORT_A}、${SUPPORT_B}），联络员只能为本单位办理。`,
    );
    expect(refusal(reach('assigned'), { type: 'acknowledge' }, actors.unbound).message).toContain('你的账户未绑定单位');
  });

  it('a supporting unit signs and reports only for itself; a second signature is refused', () => {
    const item = reach('assigned'); // A has signed
    expect(refusal(item, { type: 'acknowledge' }, actors.supportA)).toMatchObject({
      code: 'PRECONDITION',
      message: expect.stringContaining(`${SUPPORT_A}已于 2023-09-25 签收，无需重复签收`),
    });
    expect(refusal(item, PAYLOADS.support_report, actors.supportB)).toMatchObject({
      code: 'PRECONDITION',
      message: expect.stringContaining(`${SUPPORT_B}尚未签收本事项，请先签收再向牵头单位报送`),
    });
    expect(refusal(reach('acknowledged'), PAYLOADS.deploy, actors.supportA).code).toBe('FORBIDDEN');
    expect(refusal(reach('in_progress'), PAYLOADS.support_report, actors.lead).code).toBe('FORBIDDEN');
    expect(refusal(reach('closure_requested'), { type: 'close', rating: '优秀' }, actors.leader).message).toBe(
      '“办结销号”只能由县政府办执行；你是县领导。',
    );
  });

  it('the lead cannot apply for closure while a supporting unit has not reported', () => {
    const e = refusal(reach('in_progress'), PAYLOADS.request_closure);
    expect(e.code).toBe('PRECONDITION');
    expect(e.message).toContain(`配合单位${SUPPORT_B}尚未向牵头单位报送办理情况，暂不能申请办结`);
  });

  it('availableActions follows the table', () => {
    expect(availableActions(reach('assigned'), actors.lead)).toEqual(['acknowledge']);
    expect(availableActions(reach('in_progress'), actors.leader)).toEqual([
      'approve_extension',
      'refuse_extension',
      'urge',
    ]);
    expect(availableActions(reach('in_progress'), actors.other)).toEqual([]);
    expect(availableActions(reach('closed'), actors.office)).toEqual(['archive']);
  });
});

describe('extensions (延期申请, decided by a leader)', () => {
  const pending = () => apply(reach('in_progress'), PAYLOADS.request_extension, actors.lead, at('2023-10-09'));

  it('approve: the close-by date moves; the event reaches the lead and the office', () => {
    const r = transition(pending(), { type: 'approve_extension' }, actors.leader, at('2023-10-10'));
    expect(r.ok && r.events[0]).toMatchObject({ type: 'extension_approved', to: [LEAD, 'office'] });
    const item = must(r);
    expect(item.deadlines).toMatchObject({ closeBy: '2023-12-29', originalCloseBy: '2023-10-10' });
    expect(item.extensions[0]).toMatchObject({
      status: 'approved',
      granted: '2023-12-29',
      previousCloseBy: '2023-10-10',
    });
  });

  it('a leader may grant a shorter extension, not an earlier date', () => {
    const item = apply(
      pending(),
      { type: 'approve_extension', newCloseBy: '2023-10-31' },
      actors.leader,
      at('2023-10-10'),
    );
    expect(item.deadlines?.closeBy).toBe('2023-10-31');
    expect(item.history.at(-1)?.summary).toContain('批准延期至 2023-10-31（申请 2023-12-29）');
    expect(
      refusal(pending(), { type: 'approve_extension', newCloseBy: '2023-10-09' }, actors.leader, at('2023-10-10'))
        .message,
    ).toContain('批准的新时限 2023-10-09 应晚于当前办结时限 2023-10-10');
  });

  it('refuse keeps the date; a second request waits for the first; the lead cannot approve', () => {
    const refused = apply(pending(), { type: 'refuse_extension', reason: '任务紧迫' }, actors.leader, at('2023-10-10'));
    expect(refused.deadlines?.closeBy).toBe('2023-10-10');
    expect(refused.extensions[0]?.status).toBe('refused');
    expect(refusal(pending(), PAYLOADS.request_extension, actors.lead, at('2023-10-09', '10:00')).message).toContain(
      '已有待审批的延期申请（2023-10-09 提出，申请延至 2023-12-29）',
    );
    expect(refusal(pending(), { type: 'approve_extension' }, actors.lead, at('2023-10-10')).code).toBe('FORBIDDEN');
    expect(refusal(pending(), { type: 'approve_extension' }, actors.office, at('2023-10-10')).code).toBe('FORBIDDEN');
    expect(refusal(reach('in_progress'), { type: 'approve_extension' }, actors.leader).message).toContain(
      '没有待审批的延期申请',
    );
    expect(
      refusal(reach('in_progress'), { type: 'request_extension', reason: '需要', newCloseBy: '2023-10-10' }).message,
    ).toContain('申请的新时限 2023-10-10 应晚于当前办结时限 2023-10-10');
  });

  it('applying for closure withdraws a pending request', () => {
    let item = pending();
    item = apply(item, { type: 'acknowledge' }, actors.supportB, at('2023-10-09', '10:00'));
    item = apply(item, PAYLOADS.support_report, actors.supportB, at('2023-10-09', '11:00'));
    const r = transition(item, PAYLOADS.request_closure, actors.lead, at('2023-10-09', '12:00'));
    expect(r.ok && r.events.map((e) => e.type)).toEqual(['extension_withdrawn', 'closure_requested']);
    expect(must(r).extensions[0]?.status).toBe('withdrawn');
  });
});

describe('timelines for major items (时间表, agreed checkpoints)', () => {
  const major = () => reach('in_progress', { category: 'major' });

  it('file, approve, report at checkpoints', () => {
    let item = apply(major(), PAYLOADS.file_plan, actors.lead, at('2023-09-28'));
    expect(item.plan?.status).toBe('pending');
    expect(refusal(item, PAYLOADS.file_plan, actors.lead).message).toContain('已有待审定的时间表（2023-09-28 报送）');
    item = apply(item, { type: 'approve_plan', comment: '同意' }, actors.office, at('2023-09-28', '11:00'));
    expect(item.plan?.status).toBe('approved');
    expect(item.deadlines).toMatchObject({ closeBy: '2023-12-15', originalCloseBy: '2023-10-25' });
    item = apply(
      item,
      { type: 'feedback', summary: '初稿完成', checkpoint: '2023-10-20' },
      actors.lead,
      at('2023-10-19'),
    );
    expect(item.reports.at(-1)?.checkpoint).toBe('2023-10-20');
    expect(
      refusal(
        item,
        { type: 'feedback', summary: '再报', checkpoint: '2023-10-20' },
        actors.lead,
        at('2023-10-19', '10:00'),
      ).message,
    ).toContain('时间表节点 2023-10-20 已经反馈过');
    expect(
      refusal(
        item,
        { type: 'feedback', summary: 'x', checkpoint: '2023-10-21' },
        actors.lead,
        at('2023-10-19', '10:00'),
      ).message,
    ).toContain('2023-10-21 不是已审定时间表的节点；节点为：2023-10-20、2023-11-20');
  });

  it('validates the checkpoints', () => {
    const item = major();
    const plan = (checkpoints: { date: string; milestone: string }[], finishOn = '2023-12-15') => ({
      type: 'file_plan' as const,
      checkpoints,
      finishOn,
    });
    expect(refusal(item, plan([])).message).toContain('时间表至少要有 1 个节点');
    expect(refusal(item, plan([{ date: '2023-09-28', milestone: 'a' }])).message).toContain(
      '第 1 个节点 2023-09-28 不晚于今天（2023-09-28）',
    );
    expect(
      refusal(
        item,
        plan([
          { date: '2023-11-01', milestone: 'a' },
          { date: '2023-10-20', milestone: 'b' },
        ]),
      ).message,
    ).toContain('第 2 个节点 2023-10-20 应晚于第 1 个节点 2023-11-01');
    expect(refusal(item, plan([{ date: '2023-11-01', milestone: 'a' }], '2023-10-30')).message).toContain(
      '计划办结日期 2023-10-30 早于最后一个节点 2023-11-01',
    );
    expect(refusal(item, plan([{ date: '2023-11-01', milestone: '' }])).message).toContain(
      '第 1 个节点的阶段目标不能为空',
    );
    expect(refusal(reach('in_progress'), PAYLOADS.file_plan).message).toContain('只适用于重大复杂事项');
    expect(refusal(item, PAYLOADS.file_plan, actors.lead, at('2023-10-26')).code).toBe('DEADLINE_PASSED');
  });

  it('a plan whose checkpoint has passed cannot be approved; a rejected one can be filed again', () => {
    const filed = apply(major(), PAYLOADS.file_plan, actors.lead, at('2023-09-28'));
    expect(refusal(filed, { type: 'approve_plan' }, actors.office, at('2023-10-21')).message).toContain(
      '时间表节点 2023-10-20 已过',
    );
    const rejected = apply(filed, PAYLOADS.reject_plan, actors.office, at('2023-10-21'));
    expect(rejected.plan).toMatchObject({ status: 'rejected', comment: '节点过粗，请细化到周' });
    const again = apply(
      rejected,
      { ...PAYLOADS.file_plan, checkpoints: [{ date: '2023-10-24', milestone: '完成初稿' }] },
      actors.lead,
      at('2023-10-22'),
    );
    expect(again.plan?.status).toBe('pending');
  });
});

describe('催办', () => {
  it('defaults to 催办 of the lead; may target a supporting unit with 通报 or 约谈; not a stranger', () => {
    const item = reach('in_progress');
    const r = transition(item, { type: 'urge' }, actors.office, at('2023-09-28'));
    expect(r.ok && r.events[0]).toMatchObject({
      type: 'urged',
      to: [LEAD],
      summary: `县政府办督查室张敏对${LEAD}催办`,
    });
    const n = apply(
      item,
      { type: 'urge', level: 'notice', unit: SUPPORT_B, note: '未按时报送' },
      actors.leader,
      at('2023-09-28'),
    );
    expect(n.urges.at(-1)).toMatchObject({ level: 'notice', unit: SUPPORT_B, note: '未按时报送', on: '2023-09-28' });
    expect(refusal(item, { type: 'urge', unit: OTHER }, actors.office).message).toContain(
      `“${OTHER}”不是本事项的承办单位，不能对其催办`,
    );
    expect(refusal(item, { type: 'urge', level: 'scold' as never }, actors.office).message).toContain('催办方式应为');
    expect(refusal(item, { type: 'urge' }, actors.lead).code).toBe('FORBIDDEN');
  });
});

describe('立项 and 修改立项', () => {
  it('validates the draft', () => {
    const bad = (input: object) => {
      const r = draftItem(
        { id: 'x', title: '示例', category: 'ordinary', lead: LEAD, ...input } as never,
        actors.office,
        at('2023-09-25'),
      );
      return r.ok ? 'ok' : r.error.message;
    };
    expect(bad({})).toBe('ok');
    expect(bad({ title: ' ' })).toBe('事项名称不能为空。');
    expect(bad({ category: 'urgent' })).toContain('事项类别应为 ordinary（一般事项）或 major（重大复杂事项）');
    expect(bad({ supports: [LEAD] })).toContain(`“${LEAD}”已是牵头单位，不能同时作为配合单位`);
    expect(bad({ supports: [SUPPORT_A, SUPPORT_A] })).toContain(`配合单位“${SUPPORT_A}”重复`);
    expect(bad({ dueOn: '2023-13-01' })).toContain('要求办结时限“2023-13-01”不是有效日期：月份应在 01–12 之间');
    const byLiaison = draftItem(
      { id: 'x', title: '示例', category: 'ordinary', lead: LEAD },
      actors.lead,
      at('2023-09-25'),
    );
    expect(!byLiaison.ok && byLiaison.error.code).toBe('FORBIDDEN');
  });

  it('edit changes the draft and says what changed', () => {
    const item = apply(
      reach('draft'),
      { type: 'edit', lead: SUPPORT_A, supports: [SUPPORT_B], category: 'major' },
      actors.office,
      at('2023-09-25', '08:30'),
    );
    expect(item).toMatchObject({ lead: SUPPORT_A, supports: [SUPPORT_B], category: 'major' });
    expect(item.units.map((u) => [u.unit, u.role])).toEqual([
      [SUPPORT_A, 'lead'],
      [SUPPORT_B, 'support'],
    ]);
    expect(item.history.at(-1)?.summary).toBe('修改立项：类别、牵头单位、配合单位');
    expect(refusal(reach('draft'), { type: 'edit', lead: SUPPORT_A }, actors.office).message).toContain(
      `“${SUPPORT_A}”已是牵头单位，不能同时作为配合单位`,
    );
  });
});

describe('bad input never throws', () => {
  it('refuses a malformed instant, time going backwards, bad settings, a bad actor, an unknown action', () => {
    const item = reach('in_progress');
    expect(refusal(item, PAYLOADS.feedback, actors.lead, '2023-09-28').message).toContain(
      '操作时间“2023-09-28”不是带时区的 ISO 时间',
    );
    expect(refusal(item, PAYLOADS.feedback, actors.lead, '2023-02-30T09:00:00+08:00').code).toBe('BAD_INPUT');
    expect(refusal(item, PAYLOADS.feedback, actors.lead, at('2023-09-20')).message).toContain(
      '早于该事项上一次操作的时间',
    );
    const badSettings = { ...DEFAULT_SETTINGS, escalation: { urge: 3, notice: 3, interview: 7 } };
    expect(refusal(item, PAYLOADS.feedback, actors.lead, at('2023-09-28'), badSettings).message).toContain(
      '催办 < 通报 < 约谈',
    );
    expect(refusal(item, PAYLOADS.feedback, { id: '', name: 'x', role: 'liaison' }).message).toContain(
      '操作人缺少账号标识',
    );
    expect(refusal(item, PAYLOADS.feedback, { id: 'x', name: 'x', role: 'mayor' as never }).message).toContain(
      '操作人的角色应为',
    );
    expect(refusal(item, { type: 'delete' } as never).message).toContain(
      '未知的操作“delete”。当前状态（办理中）下可执行的操作：签收（配合单位联络员）',
    );
    expect(refusal(item, null as never).code).toBe('BAD_INPUT');
    expect(refusal(item, { type: 'feedback', summary: 42 } as never).message).toContain('反馈内容应为文字');
    expect(refusal(item, { type: 'feedback', summary: 'x', evidence: [{ name: 'a' }] } as never).message).toContain(
      '第 1 件佐证材料的存储位置',
    );
    expect(refusal(item, { type: 'feedback', summary: 'x'.repeat(5001) }).message).toContain('过长');
    expect(refusal(reach('in_progress'), { type: 'request_closure', summary: '完成', evidence: [] }).message).toContain(
      '申请办结须附佐证材料',
    );
  });

  it('validateSettings lists every problem', () => {
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual([]);
    const problems = validateSettings({
      dayCounting: 'lunar' as never,
      yellowWithinDays: -1,
      escalation: { urge: 1, notice: 3, interview: 2 },
      calendar: [{ date: '2023-02-29', workday: true, note: '' }],
    });
    expect(problems).toHaveLength(4);
  });

  it('toAppError maps refusals to HTTP status and exit codes', () => {
    const conflict = toAppError({ code: 'ILLEGAL_TRANSITION', message: 'm' });
    expect(conflict).toBeInstanceOf(AppError);
    expect(conflict.httpStatus).toBe(409);
    expect(toAppError({ code: 'FORBIDDEN', message: 'm' }).httpStatus).toBe(403);
    expect(toAppError({ code: 'BAD_INPUT', message: 'm' }).exitCode).toBe(2);
    expect(toAppError({ code: 'DEADLINE_PASSED', message: 'm' }).code).toBe('CONFLICT');
  });
});
