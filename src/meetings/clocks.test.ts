// Clocks and cadence: 第二十一条 materials, 第二十二条 7 working days, 第二十条 2—3 a month, 第二十六条 every two
// months, 第二十五条 10 working days. Dates in 2023 (official calendar: 清明 4-05, 劳动节 4-29—5-03, 调休 4-23 and 5-06).
import { describe, expect, it } from 'vitest';
import {
  countywideRequest,
  executiveCadence,
  issueClock,
  issueDueBy,
  materialsDueBy,
  materialsStatus,
  meetingFindings,
  studyCadence,
} from './clocks.ts';
import { planMeeting, transition } from './lifecycle.ts';
import { BEFORE, EXEC, FINANCE, HEAD, OFFICE, ON_DAY, planInput } from './testkit.ts';
import type { IssueRecord, Meeting } from './types.ts';

describe('materials (第二十一条; lead time 1 working day, a decision)', () => {
  it('are due the working day before the meeting (Monday meeting → Friday)', () => {
    expect(materialsDueBy('2023-03-13')).toBe('2023-03-10');
  });
  it('on time, late, pending, missing', () => {
    expect(materialsStatus({ materialsSentAt: '2023-03-10T01:00:00Z' }, '2023-03-13', '2023-03-13').status).toBe(
      'on_time',
    );
    expect(materialsStatus({ materialsSentAt: '2023-03-12T01:00:00Z' }, '2023-03-13', '2023-03-13').status).toBe(
      'late',
    );
    expect(materialsStatus({ materialsSentAt: null }, '2023-03-13', '2023-03-09').status).toBe('pending');
    expect(materialsStatus({ materialsSentAt: null }, '2023-03-13', '2023-03-11').message).toContain('第二十一条');
  });
});

describe('issue clock (第二十二条第二款)', () => {
  const rec = (over: Partial<IssueRecord> = {}): IssueRecord => ({
    title: '方案',
    dueBy: issueDueBy('2023-04-25').date,
    official: true,
    issuedOn: null,
    docNumber: null,
    ...over,
  });
  it('counts working days across the 劳动节 holiday and its 调休', () => {
    // 4-26, 4-27, 4-28, (4-29—5-03 off), 5-04, 5-05, 5-06 (调休 Saturday), 5-08
    expect(issueDueBy('2023-04-25')).toEqual({ date: '2023-05-08', official: true });
  });
  it('green, yellow within 2 working days, red when overdue, then issued or issued late', () => {
    expect(issueClock(rec(), '2023-04-26').light).toBe('green');
    expect(issueClock(rec(), '2023-05-05')).toMatchObject({ light: 'yellow', workdaysLeft: 2 });
    expect(issueClock(rec(), '2023-05-08').message).toContain('最后一天');
    expect(issueClock(rec(), '2023-05-10')).toMatchObject({ light: 'red', workdaysLeft: -2 });
    expect(issueClock(rec({ issuedOn: '2023-05-04' }), '2023-05-10').light).toBe('issued');
    expect(issueClock(rec({ issuedOn: '2023-05-09' }), '2023-05-10').light).toBe('issued_late');
    expect(issueClock(rec({ dueBy: null }), '2023-05-10').light).toBe('none');
  });
});

describe('cadence', () => {
  const mk = (kind: Meeting['kind'], date: string, state: Meeting['state'] = 'held') => ({ kind, date, state });
  it('常务会议 2—3 a month (第二十条)', () => {
    const ms = [
      mk('executive', '2023-01-05'),
      mk('executive', '2023-01-19'),
      mk('executive', '2023-02-10'),
      mk('executive', '2023-02-20', 'cancelled'),
      mk('topical', '2023-02-21'),
    ];
    for (const d of ['2023-03-01', '2023-03-08', '2023-03-15', '2023-03-29']) ms.push(mk('executive', d));
    const c = executiveCadence(ms, '2023-01', '2023-03');
    expect(c.map((x) => [x.month, x.count, x.status])).toEqual([
      ['2023-01', 2, 'ok'],
      ['2023-02', 1, 'below'],
      ['2023-03', 4, 'above'],
    ]);
    expect(c[1]?.message).toContain('第二十条');
  });
  it('专题学习 every two months (第二十六条): periods 1—2月 … 11—12月', () => {
    const ms = [mk('study', '2023-02-10'), mk('study', '2023-05-12'), mk('study', '2023-03-01', 'cancelled')];
    const s = studyCadence(ms, 2023, '2023-06-15');
    expect(s.map((p) => p.status)).toEqual(['ok', 'missing', 'ok', 'open', 'open', 'open']);
    expect(s[1]?.message).toBe('2023年3—4月未安排专题学习（第二十六条：一般两个月安排一次专题学习）');
  });
});

describe('county-wide meeting requests (第二十五条)', () => {
  it('10 working days before the meeting, counted on the official calendar', () => {
    // meeting 2023-05-10; 10 working days before: 5-09 5-08 5-06 5-05 5-04 4-28 4-27 4-26 4-25 4-24 → 4-24
    const okCase = countywideRequest('2023-05-10', '2023-04-24');
    expect(okCase).toMatchObject({ ok: true, latest: '2023-04-24', workdays: 10 });
    const late = countywideRequest('2023-05-10', '2023-04-25');
    expect(late.ok).toBe(false);
    expect(late.message).toContain('最迟 2023-04-24');
  });
});

describe('findings on a meeting', () => {
  function topical(): Meeting {
    const p = planMeeting(
      planInput({
        kind: 'mayor_office',
        title: '县长办公会议',
        participants: [
          { name: '周局长', title: '县财政局局长', unit: '县财政局', role: 'member' },
          { name: '吴局长', title: '县教育局局长', unit: '县教育局', role: 'member' },
        ],
      }),
      OFFICE,
      BEFORE,
    );
    if (!p.ok) throw new Error(p.error.message);
    let m = p.meeting;
    for (const [a, actor] of [
      [{ type: 'propose_topic', title: '关于追加预算150万元的请示', unit: '县财政局' }, FINANCE],
      [{ type: 'agree_topic', topicId: 'T1' }, EXEC],
      [{ type: 'set_topic', topicId: 'T1' }, HEAD],
    ] as const) {
      const r = transition(m, a, actor, BEFORE);
      if (!r.ok) throw new Error(r.error.message);
      m = r.meeting;
    }
    return m;
  }
  it('a 三重一大 topic at a 县长办公会议 is flagged with the item and 第二十条（六）; missing materials too', () => {
    const f = meetingFindings(topical(), '2023-03-15');
    const sz = f.find((x) => x.kind === 'szyd_not_executive');
    expect(sz?.message).toContain('四、2.');
    expect(sz?.message).toContain('常务会议');
    expect(f.some((x) => x.kind === 'materials_missing')).toBe(true);
  });
  it('the same topic at a 常务会议 is not flagged', () => {
    const p = planMeeting(planInput(), OFFICE, BEFORE);
    if (!p.ok) throw new Error();
    const r = transition(
      p.meeting,
      { type: 'propose_topic', title: '关于追加预算150万元的请示', unit: '县财政局' },
      FINANCE,
      BEFORE,
    );
    if (!r.ok) throw new Error();
    expect(meetingFindings(r.meeting, '2023-03-10').some((x) => x.kind === 'szyd_not_executive')).toBe(false);
  });
  it('leave not filed and absence are flagged (第二十四条)', () => {
    let m = topical();
    const dep = m.participants.find((p) => p.unit === '县财政局');
    const r = transition(
      m,
      { type: 'request_leave', participantId: dep?.id as string, reason: '出差', approvedBy: '王县长' },
      OFFICE,
      BEFORE,
    );
    if (!r.ok) throw new Error(r.error.message);
    m = r.meeting;
    const head = m.participants.find((p) => p.officialId === 'head');
    const h = transition(m, { type: 'hold', present: [head?.id as string] }, OFFICE, ON_DAY);
    if (!h.ok) throw new Error(h.error.message);
    const kinds = meetingFindings(h.meeting, '2023-03-15').map((x) => x.kind);
    expect(kinds).toContain('leave_not_filed');
    expect(kinds).toContain('absent_without_leave');
  });
});
