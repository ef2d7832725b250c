import { describe, expect, it } from 'vitest';
import { computeDeadlines, distance, monthsAfter, periodLength, RULE_13710 } from './clock.ts';

describe('clock', () => {
  it('RULE_13710 is 1 / 3 / 7 / 1 month', () => {
    expect(RULE_13710).toEqual({ deployDays: 1, feedbackDays: 3, closeDays: 7, majorCloseMonths: 1 });
  });

  it('distance counts days left and days overdue in the counting', () => {
    expect(distance('2023-09-28', '2023-10-10', 'working', [])).toEqual({ overdue: false, days: 4, official: true });
    expect(distance('2023-09-28', '2023-10-10', 'calendar', [])).toEqual({ overdue: false, days: 12, official: true });
    expect(distance('2023-10-10', '2023-10-10', 'working', [])).toEqual({ overdue: false, days: 0, official: true });
    expect(distance('2023-10-07', '2023-09-28', 'working', [])).toEqual({ overdue: true, days: 1, official: true });
    expect(distance('2023-10-07', '2023-09-28', 'calendar', [])).toEqual({ overdue: true, days: 9, official: true });
    expect(distance('2027-01-05', '2026-12-31', 'working', []).official).toBe(false);
  });

  it('periodLength', () => {
    expect(periodLength('2023-09-25', '2023-10-10', 'working', [])).toBe(7);
    expect(periodLength('2023-09-25', '2023-10-10', 'calendar', [])).toBe(15);
    expect(periodLength('2023-10-10', '2023-09-25', 'working', [])).toBe(0);
  });

  it('monthsAfter rolls a month ending on a day off only when counting working days', () => {
    expect(monthsAfter('2023-09-01', 1, 'working', [])).toEqual({ date: '2023-10-07', official: true });
    expect(monthsAfter('2023-09-01', 1, 'calendar', [])).toEqual({ date: '2023-10-01', official: true });
    expect(monthsAfter('2026-12-31', 1, 'working', []).official).toBe(false);
  });

  it('computeDeadlines honours a county override', () => {
    const local = [{ date: '2023-09-26', workday: false, note: '县定休息日（示例）' }];
    expect(computeDeadlines('ordinary', '2023-09-25', null, 'working', local)).toMatchObject({
      deployBy: '2023-09-27',
      feedbackBy: '2023-10-07',
      closeBy: '2023-10-11',
    });
  });
});
