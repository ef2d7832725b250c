// workdaysBetween counts with per-year prefix sums once a table has been used (the sweep counts days for every
// open item): the answer must equal a day-by-day count with isWorkday, across year boundaries, years without an
// official schedule (estimates) and county overrides — also on the first use of a table (which walks the days).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDay, toDay } from './dates.ts';
import { type CalendarOverrides, isWorkday, workdaysBetween } from './workdays.ts';

function reference(a: string, b: string, overrides: CalendarOverrides): { workdays: number; official: boolean } {
  const from = toDay(a);
  const to = toDay(b);
  const step = to < from ? -1 : 1;
  let count = 0;
  let official = true;
  for (let d = from; d !== to; ) {
    d += step;
    const w = isWorkday(fromDay(d), overrides);
    if (w.workday) count++;
    if (!w.official) official = false;
  }
  return { workdays: step * count, official };
}

const overrides: CalendarOverrides = [
  { date: '2023-10-09', workday: false, note: '县定休息日' },
  { date: '2027-01-04', workday: false, note: '县定休息日' },
  { date: '2027-02-06', workday: true, note: '调休上班' },
];

describe('workdaysBetween with prefix sums', () => {
  it('equals the day-by-day count for random ranges, with and without overrides', () => {
    const day = fc.integer({ min: toDay('2002-06-01'), max: toDay('2028-06-30') }).map(fromDay);
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (a, n) => {
        const b = addDays(a, n);
        for (const table of [[], overrides] as CalendarOverrides[]) {
          expect(workdaysBetween(a, b, table)).toEqual(reference(a, b, table));
          expect(workdaysBetween(a, b, table)).toEqual(reference(a, b, table)); // second use: prefix sums
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts across the end of the official range as an estimate', () => {
    expect(workdaysBetween('2026-12-30', '2027-01-05', overrides)).toEqual(
      reference('2026-12-30', '2027-01-05', overrides),
    );
    expect(workdaysBetween('2026-12-30', '2027-01-05', overrides).official).toBe(false);
    expect(workdaysBetween('2023-10-06', '2023-10-10', overrides)).toEqual({ workdays: 3, official: true }); // 10-07, 10-08 调休, 10-10
  });
});
