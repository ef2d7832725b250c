// The meeting state machine: plan, topics (第二十一条、第二十三条), leave (第二十四条), minutes (第二十二条、
// 第二十三条), issue clock (第二十二条第二款). Every refusal has a Chinese message naming the rule.
import { describe, expect, it } from 'vitest';
import type { MeetingContext, PlanInput } from './lifecycle.ts';
import { type MeetingAction, planMeeting, transition } from './lifecycle.ts';
import {
  BEFORE,
  DEP,
  DIR,
  EDUCATION,
  EXEC,
  FINANCE,
  HEAD,
  JUSTICE,
  LEADER_NO_POST,
  OFFICE,
  ON_DAY,
  planInput,
  ROSTER,
} from './testkit.ts';
import type { Meeting, MeetingActor } from './types.ts';

function plan(over: Partial<PlanInput> = {}): Meeting {
  const r = planMeeting(planInput(over), OFFICE, BEFORE);
  if (!r.ok) throw new Error(r.error.message);
  return r.meeting;
}

function ok(m: Meeting, a: MeetingAction, actor: MeetingActor, ctx: MeetingContext = BEFORE): Meeting {
  const r = transition(m, a, actor, ctx);
  if (!r.ok) throw new Error(`${a.type}: ${r.error.message}`);
  return r.meeting;
}

function refused(m: Meeting, a: MeetingAction, actor: MeetingActor, ctx: MeetingContext = BEFORE) {
  const r = transition(m, a, actor, ctx);
  if (r.ok) throw new Error(`${a.type} was accepted`);
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
}

/** A meeting with topic T1 of 县财政局 (a 150万元 budget adjustment) set and its materials sent. */
function readyMeeting(over: Partial<PlanInput> = {}): Meeting {
  let m = plan(over);
  m = ok(m, { type: 'propose_topic', title: '关于追加县教育局校舍维修预算150万元的请示', unit: '县财政局' }, FINANCE);
  m = ok(m, { type: 'agree_topic', topicId: 'T1' }, EXEC);
  const setter = m.kind === 'topical' ? convenerActor(m) : HEAD;
  m = ok(m, { type: 'set_topic', topicId: 'T1' }, setter);
  m = ok(m, { type: 'send_materials', topicId: 'T1' }, OFFICE);
  return m;
}

function convenerActor(m: Meeting): MeetingActor {
  const o = ROSTER.find((x) => x.id === m.convener.officialId);
  if (!o) throw new Error('no convener');
  return { kind: 'official', id: `u-${o.id}`, name: o.name, official: o };
}

function heldWithOutcome(over: Partial<PlanInput> = {}): Meeting {
  let m = readyMeeting(over);
  m = ok(m, { type: 'hold', present: m.participants.map((p) => p.id) }, OFFICE, ON_DAY);
  m = ok(
    m,
    { type: 'record_outcome', topicId: 'T1', result: 'approved', documents: ['《襄垣县校舍维修实施方案》'] },
    OFFICE,
    ON_DAY,
  );
  return m;
}

const DRAFT: MeetingAction = {
  type: 'draft_minutes',
  text: '会议同意追加校舍维修预算150万元。',
  decisions: [
    {
      text: '县财政局于4月底前拨付校舍维修资金',
      lead: '县财政局',
      supports: ['县教育局'],
      dueOn: '2023-04-28',
      topicId: 'T1',
    },
  ],
};

describe('planning (第十九、二十、二十三、二十六条)', () => {
  it('a 常务会议 is convened by the 县长, has the leadership as members and the three standing 列席', () => {
    const m = plan();
    expect(m.convener.name).toBe('王县长');
    const members = m.participants.filter((p) => p.role === 'member').map((p) => p.title);
    expect(members).toEqual(expect.arrayContaining(['县长', '常务副县长', '副县长', '县政府办主任', '党组成员']));
    const attendees = m.participants.filter((p) => p.role === 'attendee').map((p) => p.title);
    expect(attendees).toEqual(
      expect.arrayContaining(['县人大常委会副主任', '县政协副主席', '县人武部部长', '县财政局局长']),
    );
  });
  it('a 副县长 cannot convene a 常务会议', () => {
    const r = planMeeting(planInput({ convenerId: 'dep' }), OFFICE, BEFORE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('第二十条');
  });
  it('a 专题会议 by the 县政府办主任 needs the entrusting leader (第二十三条第三款)', () => {
    const r = planMeeting(planInput({ kind: 'topical', convenerId: 'dir' }), OFFICE, BEFORE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('委托');
    const r2 = planMeeting(planInput({ kind: 'topical', convenerId: 'dir', entrustedById: 'dep' }), OFFICE, BEFORE);
    expect(r2.ok && r2.meeting.entrustedBy?.name).toBe('张副县长');
  });
  it('only the office plans; bad dates and unknown conveners are refused naming the field', () => {
    expect(planMeeting(planInput(), HEAD, BEFORE).ok).toBe(false);
    const bad = planMeeting(planInput({ date: '2023-02-30' }), OFFICE, BEFORE);
    expect(!bad.ok && bad.error.message).toContain('date');
    const who = planMeeting(planInput({ convenerId: 'nobody' }), OFFICE, BEFORE);
    expect(!who.ok && who.error.message).toContain('convenerId');
  });
  it('a study session needs a theme (第二十六条)', () => {
    const r = planMeeting(planInput({ kind: 'study' }), OFFICE, BEFORE);
    expect(!r.ok && r.error.message).toContain('第二十六条');
    const m = plan({ kind: 'study', theme: '学习党的二十大精神' });
    refused(m, { type: 'propose_topic', title: 'x', unit: '县财政局' }, OFFICE);
  });
});

describe('topics (第二十一条、第二十三条)', () => {
  it('proposed by a department → agreed by its 分管 leader → set by the 县长; classified on proposal', () => {
    const m = readyMeeting();
    const t = m.topics[0];
    expect(t?.state).toBe('set');
    expect(t?.agreedBy?.name).toBe('李常务');
    expect(t?.setBy?.name).toBe('王县长');
    expect(t?.classification.major).toBe(true);
    expect(m.history.map((e) => e.action)).toEqual([
      'plan',
      'propose_topic',
      'agree_topic',
      'set_topic',
      'send_materials',
    ]);
    expect(m.version).toBe(5);
  });
  it('a topic without the 分管 leader’s agreement cannot be set', () => {
    let m = plan();
    m = ok(m, { type: 'propose_topic', title: '议题', unit: '县财政局' }, FINANCE);
    const e = refused(m, { type: 'set_topic', topicId: 'T1' }, HEAD);
    expect(e.message).toContain('尚未经分管领导同志同意');
  });
  it('a leader who is not in charge of the unit cannot agree; nor can an unregistered leader', () => {
    let m = plan();
    m = ok(m, { type: 'propose_topic', title: '议题', unit: '县财政局' }, FINANCE);
    expect(refused(m, { type: 'agree_topic', topicId: 'T1' }, DEP).message).toContain('不分管县财政局');
    expect(refused(m, { type: 'agree_topic', topicId: 'T1' }, LEADER_NO_POST).message).toContain('名册');
    expect(refused(m, { type: 'agree_topic', topicId: 'T1' }, OFFICE).code).toBe('FORBIDDEN');
  });
  it('only the 县长 sets topics of a 常务会议; the convener sets those of a 专题会议', () => {
    let m = plan();
    m = ok(m, { type: 'propose_topic', title: '议题', unit: '县财政局' }, FINANCE);
    m = ok(m, { type: 'agree_topic', topicId: 'T1' }, EXEC);
    expect(refused(m, { type: 'set_topic', topicId: 'T1' }, EXEC).message).toContain('王县长');
    let s = plan({ kind: 'topical', convenerId: 'dep' });
    s = ok(s, { type: 'propose_topic', title: '议题', unit: '县教育局' }, EDUCATION);
    s = ok(s, { type: 'agree_topic', topicId: 'T1' }, DEP);
    expect(refused(s, { type: 'set_topic', topicId: 'T1' }, HEAD).message).toContain('召集人张副县长');
    expect(ok(s, { type: 'set_topic', topicId: 'T1' }, DEP).topics[0]?.state).toBe('set');
  });
  it('a liaison proposes only for its own unit; a declined topic needs a reason and cannot be set', () => {
    const m = plan();
    expect(refused(m, { type: 'propose_topic', title: '议题', unit: '县教育局' }, FINANCE).code).toBe('FORBIDDEN');
    let n = ok(m, { type: 'propose_topic', title: '议题', unit: '县教育局' }, EDUCATION);
    expect(refused(n, { type: 'decline_topic', topicId: 'T1', reason: ' ' }, DEP).message).toContain('理由');
    n = ok(n, { type: 'decline_topic', topicId: 'T1', reason: '条件不成熟' }, DEP);
    expect(refused(n, { type: 'set_topic', topicId: 'T1' }, HEAD).code).toBe('BAD_STATE');
  });
  it('materials go out only for a set topic, and before the meeting', () => {
    let m = plan();
    m = ok(m, { type: 'propose_topic', title: '议题', unit: '县财政局' }, FINANCE);
    expect(refused(m, { type: 'send_materials', topicId: 'T1' }, OFFICE).message).toContain('尚未确定');
    expect(refused(m, { type: 'send_materials', topicId: 'T9' }, OFFICE).code).toBe('NOT_FOUND');
  });
  it('a set topic whose materials never reached the participants cannot be recorded as discussed', () => {
    let m = plan();
    m = ok(m, { type: 'propose_topic', title: '议题', unit: '县财政局' }, FINANCE);
    m = ok(m, { type: 'agree_topic', topicId: 'T1' }, EXEC);
    m = ok(m, { type: 'set_topic', topicId: 'T1' }, HEAD);
    m = ok(m, { type: 'hold', present: m.participants.map((p) => p.id) }, OFFICE, ON_DAY);
    const e = refused(m, { type: 'record_outcome', topicId: 'T1', result: 'approved' }, OFFICE, ON_DAY);
    expect(e.message).toContain('第二十一条');
  });
});

describe('attendance and leave (第二十四条)', () => {
  it('leave needs a reason and an approver, then 报备 by the office', () => {
    const m = plan();
    const dep = m.participants.find((p) => p.officialId === 'dep');
    if (!dep) throw new Error('no deputy');
    expect(
      refused(m, { type: 'request_leave', participantId: dep.id, reason: '', approvedBy: '王县长' }, DEP).message,
    ).toContain('reason');
    expect(
      refused(m, { type: 'request_leave', participantId: dep.id, reason: '出差', approvedBy: '' }, DEP).message,
    ).toContain('approvedBy');
    expect(
      refused(m, { type: 'request_leave', participantId: dep.id, reason: '出差', approvedBy: '王县长' }, EXEC).code,
    ).toBe('FORBIDDEN');
    let n = ok(m, { type: 'request_leave', participantId: dep.id, reason: '赴省汇报', approvedBy: '王县长' }, DEP);
    expect(refused(n, { type: 'file_leave', participantId: dep.id }, DEP).code).toBe('FORBIDDEN');
    n = ok(n, { type: 'file_leave', participantId: dep.id }, OFFICE);
    expect(n.participants.find((p) => p.id === dep.id)?.leave?.filedAt).not.toBeNull();
    const present = n.participants.filter((p) => p.id !== dep.id).map((p) => p.id);
    expect(refused(n, { type: 'hold', present: [...present, dep.id] }, OFFICE, ON_DAY).message).toContain('已请假');
    n = ok(n, { type: 'hold', present }, OFFICE, ON_DAY);
    expect(n.participants.find((p) => p.id === dep.id)?.attendance).toBe('leave');
  });
  it('who approves the leave follows 第四十三条（二）', () => {
    const m = plan();
    const id = (f: (p: Meeting['participants'][number]) => boolean) => m.participants.find(f)?.id as string;
    const dep = id((p) => p.officialId === 'dep');
    const finance = id((p) => p.unit === '县财政局');
    const pla = id((p) => p.title === '县人武部部长');
    const leave = (participantId: string, approvedBy: string) =>
      ({ type: 'request_leave', participantId, reason: '赴省汇报', approvedBy }) as MeetingAction;
    expect(refused(m, leave(dep, '李常务'), OFFICE).message).toContain(
      '应事先向县长（王县长）请假（第四十三条（二））',
    );
    expect(ok(m, leave(dep, '县长王县长'), OFFICE).participants.find((p) => p.id === dep)?.attendance).toBe('leave');
    expect(refused(m, leave(finance, '张副县长'), OFFICE).message).toContain('县长或分管副县长');
    expect(ok(m, leave(finance, '李常务'), OFFICE).participants.find((p) => p.id === finance)?.leave?.approvedBy).toBe(
      '李常务',
    );
    // 列席 from outside the county government: not governed by 第四十三条
    expect(ok(m, leave(pla, '县人武部'), OFFICE).participants.find((p) => p.id === pla)?.attendance).toBe('leave');
  });
  it('cannot be held before its date, nor without its convener', () => {
    const m = plan();
    expect(refused(m, { type: 'hold', present: m.participants.map((p) => p.id) }, OFFICE).message).toContain(
      '还不能登记召开',
    );
    const noHead = m.participants.filter((p) => p.officialId !== 'head').map((p) => p.id);
    expect(refused(m, { type: 'hold', present: noHead }, OFFICE, ON_DAY).message).toContain('主持人须出席');
  });
  it('those neither present nor on leave are absent', () => {
    const m = plan();
    const head = m.participants.find((p) => p.officialId === 'head');
    const n = ok(m, { type: 'hold', present: [head?.id as string] }, OFFICE, ON_DAY);
    expect(n.participants.filter((p) => p.attendance === 'absent').length).toBe(m.participants.length - 1);
  });
});

describe('minutes (第二十二条、第二十三条)', () => {
  it('常务会议: office draft → 分管 leader → legality review → 县长 signs', () => {
    let m = heldWithOutcome();
    m = ok(m, DRAFT, OFFICE, ON_DAY);
    expect(refused(m, { type: 'sign_minutes' }, HEAD, ON_DAY).message).toContain('尚未经分管领导同意和合法性审核');
    expect(
      refused(m, { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '合法' }, JUSTICE, ON_DAY)
        .message,
    ).toContain('尚未经分管领导同意');
    expect(refused(m, { type: 'agree_minutes' }, DEP, ON_DAY).message).toContain('不分管');
    m = ok(m, { type: 'agree_minutes' }, EXEC, ON_DAY);
    expect(refused(m, { type: 'sign_minutes' }, HEAD, ON_DAY).message).toContain('尚未通过合法性审核');
    expect(
      refused(m, { type: 'review_minutes', passed: true, reviewer: 'x', opinion: 'y' }, FINANCE, ON_DAY).code,
    ).toBe('FORBIDDEN');
    m = ok(
      m,
      { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '未发现合法性问题' },
      JUSTICE,
      ON_DAY,
    );
    m = ok(m, { type: 'sign_minutes' }, HEAD, ON_DAY);
    expect(m.minutes?.state).toBe('signed');
    expect(m.minutes?.decisions[0]).toMatchObject({ id: 'D1', lead: '县财政局', supports: ['县教育局'], itemId: null });
  });
  it('minutes signed by someone without authority are refused', () => {
    let m = heldWithOutcome();
    m = ok(m, DRAFT, OFFICE, ON_DAY);
    m = ok(m, { type: 'agree_minutes' }, EXEC, ON_DAY);
    m = ok(m, { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '合法' }, OFFICE, ON_DAY);
    const e = refused(m, { type: 'sign_minutes' }, EXEC, ON_DAY);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe(
      '常务副县长李常务无权签发县政府常务会议纪要：应由县长王县长签发（第二十二条：县人民政府办公室起草，报分管领导同志同意，经合法性审核后，报县长签发）',
    );
    expect(refused(m, { type: 'sign_minutes' }, OFFICE, ON_DAY).code).toBe('FORBIDDEN');
    expect(refused(m, { type: 'sign_minutes' }, LEADER_NO_POST, ON_DAY).code).toBe('FORBIDDEN');
  });
  it('a failed legality review returns the minutes to the office, which may redraft', () => {
    let m = heldWithOutcome();
    m = ok(m, DRAFT, OFFICE, ON_DAY);
    m = ok(m, { type: 'agree_minutes' }, EXEC, ON_DAY);
    m = ok(
      m,
      { type: 'review_minutes', passed: false, reviewer: '县司法局', opinion: '第二项缺少法律依据' },
      JUSTICE,
      ON_DAY,
    );
    expect(m.minutes?.state).toBe('drafted');
    expect(m.minutes?.revisions[0]?.reason).toBe('第二项缺少法律依据');
    m = ok(m, { ...DRAFT, text: '修改后的纪要' } as MeetingAction, OFFICE, ON_DAY);
    expect(m.minutes?.revisions).toHaveLength(1);
  });
  it('a 专题会议 on a major matter, signed by the convening 副县长, goes to the 县长 for 审定', () => {
    let m = plan({ kind: 'topical', convenerId: 'exec', title: '校舍维修专题会议' });
    m = ok(m, { type: 'propose_topic', title: '关于追加校舍维修预算150万元的请示', unit: '县财政局' }, FINANCE);
    m = ok(m, { type: 'agree_topic', topicId: 'T1' }, EXEC);
    m = ok(m, { type: 'set_topic', topicId: 'T1' }, EXEC);
    m = ok(m, { type: 'send_materials', topicId: 'T1' }, OFFICE);
    m = ok(m, { type: 'hold', present: m.participants.map((p) => p.id) }, OFFICE, ON_DAY);
    m = ok(m, { type: 'record_outcome', topicId: 'T1', result: 'approved', documents: ['通知'] }, OFFICE, ON_DAY);
    expect(m.topics[0]?.outcome?.documents[0]?.dueBy).toBeNull(); // no 7-day clock outside 第二十二条
    m = ok(m, DRAFT, OFFICE, ON_DAY);
    expect(m.minutes?.major).toBe(true);
    expect(refused(m, { type: 'agree_minutes' }, EXEC, ON_DAY).code).toBe('BAD_STATE'); // no such step (第二十三条)
    expect(refused(m, { type: 'sign_minutes' }, HEAD, ON_DAY).message).toContain('主持会议的常务副县长李常务');
    m = ok(m, { type: 'sign_minutes' }, EXEC, ON_DAY);
    expect(m.minutes?.state).toBe('awaiting_head');
    expect(refused(m, { type: 'confirm_minutes' }, DEP, ON_DAY).message).toContain('县长审定');
    m = ok(m, { type: 'confirm_minutes' }, HEAD, ON_DAY);
    expect(m.minutes?.state).toBe('signed');
  });
  it('a 县长办公会议: minutes signed by the 县长 directly (第二十三条第二款)', () => {
    let m = heldWithOutcome({ kind: 'mayor_office', title: '县长办公会议' });
    m = ok(m, DRAFT, OFFICE, ON_DAY);
    expect(refused(m, { type: 'sign_minutes' }, DIR, ON_DAY).code).toBe('FORBIDDEN');
    expect(ok(m, { type: 'sign_minutes' }, HEAD, ON_DAY).minutes?.state).toBe('signed');
  });
  it('decisions need a lead unit and a date not before the meeting; topics must have outcomes first', () => {
    let m = readyMeeting();
    m = ok(m, { type: 'hold', present: m.participants.map((p) => p.id) }, OFFICE, ON_DAY);
    expect(refused(m, DRAFT, OFFICE, ON_DAY).message).toContain('T1 尚未登记审议结果');
    m = ok(m, { type: 'record_outcome', topicId: 'T1', result: 'approved' }, OFFICE, ON_DAY);
    const noLead = { type: 'draft_minutes', text: '纪要', decisions: [{ text: '做某事', lead: '' }] } as MeetingAction;
    expect(refused(m, noLead, OFFICE, ON_DAY).message).toContain('decisions.0.lead');
    const early = {
      type: 'draft_minutes',
      text: '纪要',
      decisions: [{ text: '做', lead: '县财政局', dueOn: '2023-03-01' }],
    } as MeetingAction;
    expect(refused(m, early, OFFICE, ON_DAY).message).toContain('早于会议日期');
    const badTopic = {
      type: 'draft_minutes',
      text: '纪要',
      decisions: [{ text: '做', lead: '县财政局', topicId: 'T7' }],
    } as MeetingAction;
    expect(refused(m, badTopic, OFFICE, ON_DAY).message).toContain('T7');
  });
});

describe('issue clock and issuing (第二十二条第二款)', () => {
  it('documents approved at a 常务会议 are due 7 working days after it', () => {
    const m = heldWithOutcome();
    const doc = m.topics[0]?.outcome?.documents[0];
    expect(doc).toMatchObject({ title: '襄垣县校舍维修实施方案', dueBy: '2023-03-24', issuedOn: null });
  });
  it('records the issue with its number; no date before the meeting or in the future', () => {
    const m = heldWithOutcome();
    const at = { ...ON_DAY, now: '2023-03-20T02:00:00.000Z' };
    const rec = (issuedOn: string) =>
      ({ type: 'record_issued', topicId: 'T1', index: 0, docNumber: '襄政发〔2023〕9号', issuedOn }) as MeetingAction;
    expect(refused(m, rec('2023-03-14'), OFFICE, at).message).toContain('早于会议日期');
    expect(refused(m, rec('2023-03-21'), OFFICE, at).message).toContain('晚于今天');
    expect(
      refused(m, { type: 'record_issued', topicId: 'T1', index: 3, docNumber: 'x', issuedOn: '2023-03-20' }, OFFICE, at)
        .code,
    ).toBe('NOT_FOUND');
    const n = ok(m, rec('2023-03-20'), OFFICE, at);
    expect(n.topics[0]?.outcome?.documents[0]?.docNumber).toBe('襄政发〔2023〕9号');
    expect(refused(n, rec('2023-03-20'), OFFICE, at).code).toBe('BAD_STATE');
  });
});

describe('cancelled meetings', () => {
  it('refuse everything after cancellation', () => {
    let m = plan();
    expect(refused(m, { type: 'cancel', reason: '' }, OFFICE).message).toContain('reason');
    m = ok(m, { type: 'cancel', reason: '县长赴省开会' }, OFFICE);
    expect(refused(m, { type: 'propose_topic', title: 'x', unit: '县财政局' }, FINANCE).message).toContain('已取消');
  });
});
