// The sweep's pure decision (sweep.ts): which ladder steps are due and not yet recorded, on the lifecycle's own
// items (testkit.reach: assigned Monday 2023-09-25, before 中秋/国庆; deploy due 09-26, first feedback 09-28).
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates.ts';
import { firstDueOn } from './inboxAttention.ts';
import { lightFor } from './lights.ts';
import {
  ladderMessage,
  ladderStepDue,
  NEVER,
  nextSweepDay,
  nextSweepDayLate,
  nextSweepDayNotLate,
  type RecordedStep,
  sweepItem,
  takenRank,
} from './sweep.ts';
import { actors, apply, at, LEAD, reach, SUPPORT_B } from './testkit.ts';
import { DEFAULT_SETTINGS } from './types.ts';

describe('sweepItem', () => {
  it('asks nothing of an item on time, or late by less than the 催办 threshold', () => {
    const item = reach('acknowledged'); // not deployed; deploy due 2023-09-26
    expect(sweepItem(item, at('2023-09-26', '18:00'), [])).toEqual([]); // due today: yellow, not red
    expect(sweepItem(reach('closure_requested'), at('2023-10-30'), [])).toEqual([]);
  });

  it('asks 催办 one working day after the missed deploy date, told to the lead unit only', () => {
    const [d, ...rest] = sweepItem(reach('acknowledged'), at('2023-09-27'), []);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      step: 'urge',
      overdueSince: '2023-09-26',
      dueOn: '2023-09-27',
      unit: LEAD,
      units: [LEAD],
      roles: [],
      caughtUp: false,
      title: '催办：编制县域充电基础设施建设方案',
    });
    expect(d?.reason).toBe(`${LEAD}研究部署（时限 2023-09-26）逾期 1 个工作日，达到催办阈值（逾期 1 个工作日）`);
    expect(ladderMessage(d as NonNullable<typeof d>)).toContain('请尽快办理并在系统中反馈。');
  });

  it('does not repeat a recorded step; the next step comes at its threshold', () => {
    const item = reach('acknowledged');
    const recorded = [{ step: 'urge' as const, overdueSince: '2023-09-26' }];
    expect(sweepItem(item, at('2023-09-28'), recorded)).toEqual([]);
    // 中秋 09-29 and 国庆 09-30…10-06 are not working days: the 3rd working day after 09-26 is 10-07 (调休上班)
    const [notice] = sweepItem(item, at('2023-10-07'), recorded);
    expect(notice).toMatchObject({ step: 'notice', dueOn: '2023-10-07', roles: ['admin'], caughtUp: false });
  });

  it('catches up after a gap: every skipped step with the day it became due', () => {
    // not swept since before the deadline; on 2023-10-12 the deploy is 7 working days late (27, 28, 10-07 … 10-11)
    const steps = sweepItem(reach('acknowledged'), at('2023-10-12'), []);
    expect(steps.map((s) => [s.step, s.dueOn, s.caughtUp])).toEqual([
      ['urge', '2023-09-27', true],
      ['notice', '2023-10-07', true],
      ['interview', '2023-10-11', true],
    ]);
    expect(steps[2]?.roles).toEqual(['admin', 'leader']);
    expect(ladderMessage(steps[0] as NonNullable<(typeof steps)[0]>)).toContain('本应于 2023-09-27 催办');
  });

  it('counts a 催办 recorded by hand after the lateness began as taken', () => {
    const urged = apply(
      reach('acknowledged'),
      { type: 'urge', unit: LEAD, level: 'urge', note: '电话催办' },
      actors.office,
      at('2023-09-27', '10:00'),
    );
    expect(sweepItem(urged, at('2023-09-27', '11:00'), [])).toEqual([]);
  });

  it('names a supporting unit that has not reported, and opens a new episode for a new lateness', () => {
    // supporting unit B signed nothing and owes its first report by 09-28 like the lead's feedback
    const item = reach('in_progress'); // deployed 09-26; A reported; B has not; lead feedback due 09-28
    const steps = sweepItem(item, at('2023-10-07'), []);
    expect(steps[0]?.overdueSince).toBe('2023-09-28');
    expect(steps[0]?.units.sort()).toEqual([LEAD, SUPPORT_B].sort());
    // the earlier episode's records do not cover this one
    const old = [{ step: 'interview' as const, overdueSince: '2023-09-26' }];
    expect(sweepItem(item, at('2023-10-07'), old).map((s) => s.step)).toEqual(['urge']);
  });

  it('follows the county thresholds', () => {
    const settings = { ...DEFAULT_SETTINGS, escalation: { urge: 2, notice: 4, interview: 6 } };
    expect(sweepItem(reach('acknowledged'), at('2023-09-27'), [], settings)).toEqual([]);
    expect(sweepItem(reach('acknowledged'), at('2023-09-28'), [], settings).map((s) => s.step)).toEqual(['urge']);
  });
});

describe('nextSweepDayNotLate', () => {
  it('is nextSweepDay for every item that is not late, from the earliest stored due date of its units', () => {
    let checked = 0;
    for (const category of ['ordinary', 'major'] as const)
      for (const state of ['assigned', 'acknowledged', 'in_progress'] as const)
        for (const urge of [0, 1, 3]) {
          const settings = { ...DEFAULT_SETTINGS, escalation: { urge, notice: urge + 2, interview: urge + 5 } };
          const item = reach(state, { category });
          for (let k = 0; k < 40; k++) {
            const now = at(addDays('2023-09-25', k), '10:00');
            const late = lightFor(item, now, settings).obligations.some((o) => o.status === 'overdue');
            if (late) continue;
            const dues = item.units.map((u) => firstDueOn(item, u.unit)).filter((d): d is string => d !== null);
            const first = [...dues].sort()[0] ?? null;
            expect(nextSweepDay(item, now, [], settings), `${category} ${state} ${now}`).toBe(
              nextSweepDayNotLate(first, settings),
            );
            checked++;
          }
        }
    expect(checked).toBeGreaterThan(20);
    expect(nextSweepDayNotLate(null)).toBe(NEVER);
  });
});

describe('ladderStepDue and nextSweepDayLate', () => {
  it('decide a late item from its earliest overdue date, its 催办 by hand and its recorded steps as sweepItem does', () => {
    let checked = 0;
    let due = 0;
    for (const counting of ['working', 'calendar'] as const)
      for (const state of ['assigned', 'acknowledged', 'in_progress'] as const)
        for (const thresholds of [
          { urge: 0, notice: 1, interview: 2 },
          { urge: 1, notice: 3, interview: 5 },
          { urge: 2, notice: 6, interview: 12 },
        ]) {
          const settings = { ...DEFAULT_SETTINGS, dayCounting: counting, escalation: thresholds };
          let item = reach(state, { settings });
          // a 催办 by hand on 2023-09-28 (counts for an episode that began before it)
          item = apply(item, { type: 'urge', unit: LEAD, level: 'urge' }, actors.office, at('2023-09-28'), settings);
          for (let k = 0; k < 30; k++) {
            const now = at(addDays('2023-09-26', k), '10:00');
            const today = addDays('2023-09-26', k);
            const overdue = lightFor(item, now, settings)
              .obligations.filter((o) => o.status === 'overdue')
              .map((o) => o.due)
              .sort();
            const since = overdue[0];
            if (!since) continue;
            for (const recorded of [
              [] as RecordedStep[],
              [{ step: 'urge', overdueSince: since }] as RecordedStep[],
              [{ step: 'notice', overdueSince: since }] as RecordedStep[],
              [{ step: 'interview', overdueSince: since }] as RecordedStep[],
              [{ step: 'interview', overdueSince: '2023-09-01' }] as RecordedStep[],
            ]) {
              const taken = takenRank(since, item.urges, recorded);
              const what = `${counting} ${state} ${JSON.stringify(thresholds)} ${now} ${JSON.stringify(recorded)}`;
              const steps = sweepItem(item, now, recorded, settings);
              expect(ladderStepDue(since, counting, taken, today, settings), what).toBe(steps.length > 0);
              const after = [...recorded, ...steps.map((d) => ({ step: d.step, overdueSince: d.overdueSince }))];
              expect(nextSweepDayLate(since, takenRank(since, item.urges, after), today, settings), what).toBe(
                nextSweepDay(item, now, after, settings),
              );
              checked++;
              if (steps.length) due++;
            }
          }
        }
    expect(checked).toBeGreaterThan(100);
    expect(due).toBeGreaterThan(10);
    expect(due).toBeLessThan(checked);
  });
});
