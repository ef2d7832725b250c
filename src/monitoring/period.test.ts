// DHIS2 periods (2023, 2023Q1, 202301, 20230115) and the decimal-year axis.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextPeriod,
  type Period,
  parsePeriod,
  periodLabel,
  periodsOfYears,
  periodTime,
  requirePeriod,
} from './period.ts';

const p = (s: string) => parsePeriod(s) as Period;

describe('periods', () => {
  it('reads the four DHIS2 formats', () => {
    expect(p('2023')).toMatchObject({ frequency: 'annual', year: 2023 });
    expect(p('2023Q1')).toMatchObject({ frequency: 'quarterly', quarter: 1 });
    expect(p('202301')).toMatchObject({ frequency: 'monthly', month: 1 });
    expect(p('20230115')).toMatchObject({ frequency: 'daily', month: 1, day: 15 });
  });
  it('refuses what is not a period', () => {
    for (const s of ['2023Q5', '202313', '20230230', '20230229', '2023-01', '23', 'abc', '2023W1', ''])
      expect(parsePeriod(s), s).toBeNull();
    expect(parsePeriod('20240229')).not.toBeNull();
    expect(() => requirePeriod('2023Q5', { row: 3, field: 'period' })).toThrow(/第 3 行字段“period”不正确/);
  });
  it('places period ends on one axis: 2023 = 2023Q4 = 202312 = 20231231', () => {
    expect(periodTime(p('2023'))).toBe(2023);
    expect(periodTime(p('2023Q4'))).toBe(2023);
    expect(periodTime(p('202312'))).toBe(2023);
    expect(periodTime(p('20231231'))).toBeCloseTo(2023, 12);
    expect(periodTime(p('2023Q2'))).toBe(2022.5);
  });
  it('steps to the next period across years', () => {
    expect(nextPeriod(p('2023Q4')).id).toBe('2024Q1');
    expect(nextPeriod(p('202312')).id).toBe('202401');
    expect(nextPeriod(p('20231231')).id).toBe('20240101');
    expect(periodsOfYears('quarterly', 2023, 2024).map((x) => x.id)).toHaveLength(8);
    expect(periodsOfYears('daily', 2024, 2024)).toHaveLength(366);
    expect(periodLabel(p('2023Q1'))).toBe('2023年第1季度');
  });
  it('time strictly increases from a period to the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          const ids = [
            `${y}`,
            `${y}Q${Math.ceil(m / 3)}`,
            `${y}${String(m).padStart(2, '0')}`,
            `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
          ];
          return ids.every((id) => {
            const a = p(id);
            return periodTime(nextPeriod(a)) > periodTime(a) && parsePeriod(a.id)?.id === id;
          });
        },
      ),
    );
  });
});
