// Lights and the escalation ladder on the real calendar (an item assigned Monday 2023-09-25, before 中秋/国庆).
import { describe, expect, it } from 'vitest';
import { escalationFor, escalationLevel, lightFor, obligations } from './lights.ts';
import { actors, apply, at, EVIDENCE, LEAD, PAYLOADS, reach, SUPPORT_A, SUPPORT_B } from './testkit.ts';
import { DEFAULT_SETTINGS, type SupervisionItem, type SupervisionSettings } from './types.ts';

const CALENDAR: SupervisionSettings = { ...DEFAULT_SETTINGS, dayCounting: 'calendar' };

/** Deployed, fed back, both supporting units reported: only the close-by date (2023-10-10) is open. */
function onTrack(): SupervisionItem {
  let item = reach('in_progress');
  item = apply(item, { type: 'acknowledge' }, actors.supportB, at('2023-09-26', '11:00'));
  item = apply(item, PAYLOADS.support_report, actors.supportB, at('2023-09-26', '12:00'));
  return apply(item, PAYLOADS.feedback, actors.lead, at('2023-09-27'));
}

describe('escalationLevel', () => {
  const t = DEFAULT_SETTINGS.escalation; // 1 / 3 / 7
  it('climbs the ladder 催办 → 通报 → 约谈 at the thresholds', () => {
    expect([0, 1, 2, 3, 6, 7, 30].map((d) => escalationLevel(d, t))).toEqual([
      null,
      'urge',
      'urge',
      'notice',
      'notice',
      'interview',
      'interview',
    ]);
    expect(escalationLevel(0, { urge: 0, notice: 5, interview: 10 })).toBe('urge');
    expect(escalationLevel(9, { urge: 2, notice: 5, interview: 10 })).toBe('notice');
  });
});

describe('lights', () => {
  it('none before assignment and after closure', () => {
    expect(lightFor(reach('draft'), at('2023-09-25')).light).toBe('none');
    expect(lightFor(reach('closed'), at('2023-12-01')).light).toBe('none');
    expect(lightFor(reach('archived'), at('2023-12-01')).light).toBe('none');
  });

  it('green on the day of assignment (no warning in the first half of a period)', () => {
    const r = lightFor(reach('assigned'), at('2023-09-25', '12:00'));
    expect(r.light).toBe('green');
    expect(r.next).toMatchObject({ kind: 'deploy', due: '2023-09-26', days: 1 });
    expect(r.reasons).toEqual([]);
  });

  it('yellow on the deploy day without deployment; red the day after, with 催办 due', () => {
    const item = reach('acknowledged');
    const y = lightFor(item, at('2023-09-26', '10:00'));
    expect(y.light).toBe('yellow');
    expect(y.reasons).toContain(`${LEAD}研究部署时限 2023-09-26 临近（今天到期）`);
    const r = lightFor(item, at('2023-09-27', '10:00'));
    expect(r.light).toBe('red');
    expect(r.reasons[0]).toBe(`${LEAD}研究部署时限 2023-09-26 已过，逾期 1 个工作日`);
    expect(r.overdueDays).toBe(1);
    expect(r.escalation).toBe('urge');
  });

  it('counts overdue working days through the holiday; calendar counting escalates faster', () => {
    const item = reach('acknowledged'); // deploy by 2023-09-26, never deployed
    const working = (d: string) => lightFor(item, at(d)).overdueDays;
    expect(working('2023-10-01')).toBe(2); // 09-27, 09-28; 09-29 … 10-06 are off
    expect(working('2023-10-07')).toBe(3); // the make-up Saturday counts
    expect(working('2023-10-11')).toBe(7);
    expect(lightFor(item, at('2023-10-07')).escalation).toBe('notice');
    expect(lightFor(item, at('2023-10-11')).escalation).toBe('interview');
    const cal = reach('acknowledged', { settings: CALENDAR });
    expect(lightFor(cal, at('2023-10-01'), CALENDAR)).toMatchObject({ overdueDays: 5, escalation: 'notice' });
    expect(lightFor(cal, at('2023-10-03'), CALENDAR).escalation).toBe('interview');
  });

  it('red over a weekend after a Friday deadline, but nothing to escalate until the next working day', () => {
    // assigned Thursday 2023-11-02: deploy by Friday 11-03
    const item = apply(reach('draft'), { type: 'assign' }, actors.office, at('2023-11-02'));
    expect(item.deadlines?.deployBy).toBe('2023-11-03');
    const sat = lightFor(item, at('2023-11-04'));
    expect(sat).toMatchObject({ light: 'red', overdueDays: 0, escalation: null });
    expect(sat.reasons[0]).toBe(`${LEAD}研究部署时限 2023-11-03 已过`);
    expect(lightFor(item, at('2023-11-06')).escalation).toBe('urge');
  });

  it('a supporting unit that has not reported by the feedback date turns the item red', () => {
    const item = reach('in_progress'); // B has not signed or reported; feedback due 2023-09-28
    const r = lightFor(apply(item, PAYLOADS.feedback, actors.lead, at('2023-09-27')), at('2023-10-07'));
    expect(r.light).toBe('red');
    expect(r.obligations.filter((o) => o.status === 'overdue').map((o) => [o.kind, o.unit])).toEqual([
      ['support_report', SUPPORT_B],
    ]);
    expect(r.obligations.find((o) => o.unit === SUPPORT_A)?.status).toBe('done');
  });

  it('yellow within 3 working days of the close-by date without closure', () => {
    const item = onTrack();
    expect(lightFor(item, at('2023-09-28')).light).toBe('green'); // 4 working days left (10-07 … 10-10)
    const y = lightFor(item, at('2023-10-07'));
    expect(y.light).toBe('yellow');
    expect(y.reasons).toEqual([`${LEAD}办结时限 2023-10-10 临近（还剩 3 个工作日）`]);
    expect(lightFor(item, at('2023-10-11')).light).toBe('red');
    const soon: SupervisionSettings = { ...DEFAULT_SETTINGS, yellowWithinDays: 1 };
    expect(lightFor(item, at('2023-10-07'), soon).light).toBe('green');
  });

  it('green while the office reviews a closure request, even past the deadline', () => {
    const late = apply(
      onTrack(),
      { type: 'request_closure', summary: '完成', evidence: EVIDENCE },
      actors.lead,
      at('2023-10-12'),
    );
    const r = lightFor(late, at('2023-10-20'));
    expect(r.light).toBe('green');
    expect(r.reasons).toEqual(['已申请办结，等待县政府办审核']);
    expect(r.obligations.find((o) => o.kind === 'close')?.status).toBe('done_late');
  });

  it('checkpoints of an approved timeline are deadlines too', () => {
    let item = reach('in_progress', { category: 'major' });
    item = apply(item, { type: 'acknowledge' }, actors.supportB, at('2023-09-26', '11:00'));
    item = apply(item, PAYLOADS.support_report, actors.supportB, at('2023-09-26', '12:00'));
    item = apply(item, PAYLOADS.feedback, actors.lead, at('2023-09-27'));
    item = apply(item, PAYLOADS.file_plan, actors.lead, at('2023-09-28'));
    item = apply(item, { type: 'approve_plan' }, actors.office, at('2023-09-28', '10:00'));
    const r = lightFor(item, at('2023-10-23'));
    expect(r.light).toBe('red');
    expect(r.obligations.find((o) => o.kind === 'checkpoint' && o.due === '2023-10-20')?.status).toBe('overdue');
    const answered = apply(
      item,
      { type: 'feedback', summary: '初稿完成', checkpoint: '2023-10-20' },
      actors.lead,
      at('2023-10-19'),
    );
    expect(lightFor(answered, at('2023-10-23')).light).toBe('green');
  });

  it('marks estimates in years without an official schedule', () => {
    const item = apply(reach('draft'), { type: 'assign' }, actors.office, at('2026-12-28'));
    expect(lightFor(item, at('2026-12-28', '12:00')).official).toBe(false);
    expect(lightFor(reach('assigned'), at('2023-09-25', '12:00')).official).toBe(true);
  });

  it('refuses a bad instant or bad settings', () => {
    expect(() => lightFor(reach('assigned'), '2023-09-25')).toThrow('不是带时区的 ISO 时间');
    expect(() =>
      obligations(reach('assigned'), at('2023-09-25'), { ...DEFAULT_SETTINGS, yellowWithinDays: -2 }),
    ).toThrow('黄灯提前天数');
  });
});

describe('escalationFor (what the sweep will do)', () => {
  it('asks for the next step only when it is above what was taken since the deadline', () => {
    const item = reach('acknowledged'); // deploy by 09-26
    expect(escalationFor(item, at('2023-09-26'))).toMatchObject({ level: null, due: null, message: '无需催办' });
    expect(escalationFor(item, at('2023-09-27'))).toMatchObject({
      level: 'urge',
      taken: null,
      due: 'urge',
      message: '逾期 1 个工作日，应催办',
    });
    const urged = apply(item, { type: 'urge' }, actors.office, at('2023-09-27', '10:00'));
    expect(escalationFor(urged, at('2023-09-28'))).toMatchObject({
      level: 'urge',
      taken: 'urge',
      due: null,
      message: '逾期 2 个工作日，已催办',
    });
    expect(escalationFor(urged, at('2023-10-07'))).toMatchObject({
      level: 'notice',
      taken: 'urge',
      due: 'notice',
      message: '逾期 3 个工作日，应通报（已催办）',
    });
    // an urge recorded before the deadline passed does not count
    const early = apply(item, { type: 'urge' }, actors.office, at('2023-09-26', '10:00'));
    expect(escalationFor(early, at('2023-09-27')).due).toBe('urge');
  });
});
