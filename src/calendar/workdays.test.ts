import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { addDays, addMonths, daysBetween, fromDay, parseIsoDate, shanghaiDate, toDay, weekdayName } from './dates.ts';
import {
  addWorkdays,
  type CalendarOverrides,
  dayInfo,
  hasOfficialSchedule,
  isWorkday,
  OFFICIAL_YEARS,
  onOrNextWorkday,
  validateOverrides,
  workdaysBetween,
} from './workdays.ts';

const work = (d: string, o?: CalendarOverrides) => isWorkday(d, o).workday;

describe('the national table (chinese-days)', () => {
  // chinese-days builds its lookup table when it is imported, in the process's local time zone (west of UTC
  // every date is shifted by a day). The oracle is therefore imported fresh with TZ=Asia/Shanghai.
  let chineseDays: typeof import('chinese-days').default;
  beforeAll(async () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      chineseDays = (await import('chinese-days')).default;
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('derives the official years from the data: 2004–2026', () => {
    expect(OFFICIAL_YEARS[0]).toBe(2004);
    expect(OFFICIAL_YEARS.at(-1)).toBe(2026);
    expect(OFFICIAL_YEARS).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(hasOfficialSchedule(2003)).toBe(false);
    expect(hasOfficialSchedule(2027)).toBe(false);
  });

  it('agrees with chinese-days isWorkday on every day 2004–2026', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const mismatches: string[] = [];
      let checked = 0;
      for (let day = toDay('2004-01-01'); day <= toDay('2026-12-31'); day++) {
        const iso = fromDay(day);
        if (chineseDays.isWorkday(iso) !== work(iso)) mismatches.push(iso);
        checked++;
      }
      expect(checked).toBe(8401);
      expect(mismatches).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('agrees with findWorkday(7, 2023-09-28) = 2023-10-13', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      expect(chineseDays.findWorkday(7, '2023-09-28')).toBe('2023-10-13');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(addWorkdays('2023-09-28', 7)).toEqual({ date: '2023-10-13', official: true });
  });

  it('does not depend on the process time zone (chinese-days does)', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(isWorkday('2023-10-01').workday, tz).toBe(false);
        expect(isWorkday('2023-10-07').workday, tz).toBe(true);
        expect(addWorkdays('2023-09-28', 7).date, tz).toBe('2023-10-13');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('国庆 / 中秋 2023', () => {
  it('2023-09-29 to 2023-10-06 are days off', () => {
    for (let d = '2023-09-29'; d <= '2023-10-06'; d = addDays(d, 1)) {
      expect(isWorkday(d), d).toEqual({ workday: false, official: true });
    }
    expect(dayInfo('2023-09-29')).toMatchObject({ source: 'holiday', label: '中秋节' });
    expect(dayInfo('2023-10-01')).toMatchObject({ source: 'holiday', label: '国庆节' });
    expect(dayInfo('2023-10-05')).toMatchObject({ source: 'holiday', label: '国庆节（调休）' });
  });

  it('2023-10-07 (Sat) and 2023-10-08 (Sun) are make-up working days', () => {
    expect(weekdayName('2023-10-07')).toBe('星期六');
    expect(isWorkday('2023-10-07')).toEqual({ workday: true, official: true });
    expect(isWorkday('2023-10-08')).toEqual({ workday: true, official: true });
    expect(dayInfo('2023-10-08')).toMatchObject({ source: 'makeup', label: '国庆节调休上班' });
    expect(isWorkday('2023-09-28')).toEqual({ workday: true, official: true });
    expect(isWorkday('2023-10-09')).toEqual({ workday: true, official: true });
  });

  it('counts through the holiday', () => {
    // 09-28 → 10-07 (1), 10-08 (2), 10-09 … 10-13 (3–7)
    expect(addWorkdays('2023-09-28', 1).date).toBe('2023-10-07');
    expect(addWorkdays('2023-09-28', 2).date).toBe('2023-10-08');
    expect(workdaysBetween('2023-09-28', '2023-10-13')).toEqual({ workdays: 7, official: true });
    expect(workdaysBetween('2023-09-28', '2023-10-06')).toEqual({ workdays: 0, official: true });
  });
});

describe('春节 2024', () => {
  it('2024-02-04 (Sun) and 2024-02-18 (Sun) are make-up days; 02-10 to 02-17 off', () => {
    expect(weekdayName('2024-02-04')).toBe('星期日');
    expect(isWorkday('2024-02-04')).toEqual({ workday: true, official: true });
    expect(isWorkday('2024-02-18')).toEqual({ workday: true, official: true });
    expect(dayInfo('2024-02-18').label).toBe('春节调休上班');
    for (let d = '2024-02-10'; d <= '2024-02-17'; d = addDays(d, 1)) expect(work(d), d).toBe(false);
    expect(addWorkdays('2024-02-08', 1).date).toBe('2024-02-09');
    expect(addWorkdays('2024-02-09', 1).date).toBe('2024-02-18');
  });
});

describe('years without an official schedule', () => {
  it('2027 dates are estimates: Mon–Fri, official false', () => {
    expect(isWorkday('2027-01-04')).toEqual({ workday: true, official: false }); // Monday
    expect(isWorkday('2027-01-02')).toEqual({ workday: false, official: false }); // Saturday
    expect(isWorkday('2027-10-01')).toEqual({ workday: true, official: false }); // 国庆 unknown yet: never silent
    expect(dayInfo('2027-10-01')).toMatchObject({ source: 'estimate' });
    expect(dayInfo('2027-10-01').label).toContain('尚无官方节假日安排');
    expect(isWorkday('2003-10-01').official).toBe(false);
  });

  it('counting that touches an unofficial year is an estimate', () => {
    expect(addWorkdays('2026-12-30', 1)).toEqual({ date: '2026-12-31', official: true });
    expect(addWorkdays('2026-12-30', 2).official).toBe(false);
    expect(workdaysBetween('2026-12-01', '2027-01-05').official).toBe(false);
    expect(workdaysBetween('2004-01-05', '2026-12-31').official).toBe(true);
    expect(addWorkdays('2004-01-05', -2).official).toBe(false); // into 2003
  });

  it('an override makes a date official', () => {
    const o: CalendarOverrides = [
      { date: '2027-01-01', workday: false, note: '元旦（预录，待国务院公布）' },
      { date: '2027-01-04', workday: true, note: '县定工作日' },
    ];
    expect(isWorkday('2027-01-01', o)).toEqual({ workday: false, official: true });
    expect(dayInfo('2027-01-01', o)).toMatchObject({ source: 'override', label: '元旦（预录，待国务院公布）' });
    // 2026-12-31 (Thu) + 1 → 2027-01-01 is off (override) → 01-02, 01-03 weekend (estimate) → 01-04 (override)
    expect(addWorkdays('2026-12-31', 1, o)).toEqual({ date: '2027-01-04', official: false });
    expect(addWorkdays('2027-01-03', 1, o)).toEqual({ date: '2027-01-04', official: true });
  });
});

describe('county overrides', () => {
  const local: CalendarOverrides = [
    { date: '2023-10-09', workday: false, note: '县定休息日（示例）' },
    { date: '2023-10-14', workday: true, note: '县定补班（示例）' },
  ];

  it('override the national table both ways', () => {
    expect(isWorkday('2023-10-09', local)).toEqual({ workday: false, official: true });
    expect(isWorkday('2023-10-14', local)).toEqual({ workday: true, official: true });
    expect(addWorkdays('2023-09-28', 7, local).date).toBe('2023-10-14');
  });

  it('refuses a contradictory or malformed table', () => {
    const bad = [
      { date: '2023-10-09', workday: false, note: 'a' },
      { date: '2023-10-09', workday: true, note: 'b' },
      { date: '2023-02-30', workday: true, note: 'c' },
    ];
    const problems = validateOverrides(bad);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('第 2 条与第 1 条都调整 2023-10-09');
    expect(problems[1]).toContain('第 3 条的日期“2023-02-30”无效：2023 年 2 月只有 28 天');
    expect(() => isWorkday('2023-10-09', bad)).toThrow(AppError);
    expect(validateOverrides(local)).toEqual([]);
    // the same date twice with the same answer is harmless
    expect(validateOverrides([...local, { date: '2023-10-09', workday: false, note: 'dup' }])).toEqual([]);
  });
});

describe('addWorkdays / workdaysBetween semantics', () => {
  it('n = 0 is the date itself; negative n counts backwards from the day before', () => {
    expect(addWorkdays('2023-10-01', 0)).toEqual({ date: '2023-10-01', official: true });
    expect(addWorkdays('2023-10-13', -7).date).toBe('2023-09-28');
    expect(addWorkdays('2023-10-09', -1).date).toBe('2023-10-08');
    expect(addWorkdays('2023-10-07', -1).date).toBe('2023-09-28');
    expect(workdaysBetween('2023-10-13', '2023-09-28').workdays).toBe(-7);
    expect(workdaysBetween('2023-10-01', '2023-10-01')).toEqual({ workdays: 0, official: true });
  });

  it('第二十五条: a county-wide meeting on 2023-10-16 must be requested by 2023-09-26 (10 working days ahead)', () => {
    // 10-13, 10-12, 10-11, 10-10, 10-09, 10-08 (调休), 10-07 (调休), 09-28, 09-27, 09-26
    expect(addWorkdays('2023-10-16', -10).date).toBe('2023-09-26');
  });

  it('onOrNextWorkday rolls a day off forward', () => {
    expect(onOrNextWorkday('2023-10-01')).toEqual({ date: '2023-10-07', official: true });
    expect(onOrNextWorkday('2023-10-09')).toEqual({ date: '2023-10-09', official: true });
  });

  it('refuses bad dates with a precise Chinese reason', () => {
    for (const [input, reason] of [
      ['2023-02-30', '2023 年 2 月只有 28 天'],
      ['2023/1/1', '格式应为 YYYY-MM-DD'],
      ['tomorrow', '格式应为 YYYY-MM-DD'],
      ['2023-13-01', '月份应在 01–12 之间'],
      ['1899-12-31', '年份应在 1900–2199 之间'],
    ] as const) {
      expect(() => addWorkdays(input, 1)).toThrow(reason);
      try {
        isWorkday(input);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('BAD_INPUT');
      }
    }
    expect(parseIsoDate('2024-02-29').ok).toBe(true);
    expect(() => addWorkdays('2023-01-01', 1.5)).toThrow('工作日数应为整数');
    expect(() => addWorkdays('2199-12-30', 5)).toThrow('超出支持的日期范围');
  });
});

describe('dates', () => {
  it('addMonths follows 《民法典》第二百零二条 (no corresponding day → month end)', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-02-28', 1)).toBe('2023-03-28');
    expect(addMonths('2023-12-15', 1)).toBe('2024-01-15');
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(daysBetween('2023-01-31', '2023-02-28')).toBe(28);
  });

  it('shanghaiDate converts an instant to the civil date in 襄垣', () => {
    expect(shanghaiDate('2023-09-28T15:59:59Z')).toBe('2023-09-28');
    expect(shanghaiDate('2023-09-28T16:00:00Z')).toBe('2023-09-29');
    expect(shanghaiDate('2023-09-29T00:30:00+08:00')).toBe('2023-09-29');
    expect(shanghaiDate('2023-02-30T00:00:00Z')).toBeNull();
    expect(shanghaiDate('yesterday')).toBeNull();
  });
});

describe('properties', () => {
  const day = fc.integer({ min: toDay('1990-01-01'), max: toDay('2035-12-31') }).map(fromDay);
  const overrides = fc
    .uniqueArray(fc.tuple(fc.integer({ min: toDay('2023-01-01'), max: toDay('2028-12-31') }), fc.boolean()), {
      selector: (t) => t[0],
      maxLength: 30,
    })
    .map((xs): CalendarOverrides => xs.map(([d, w]) => ({ date: fromDay(d), workday: w, note: 'p' })));

  it('addWorkdays(d, n) is a working day for n ≠ 0', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0),
        overrides,
        (d, n, o) => {
          expect(isWorkday(addWorkdays(d, n, o).date, o).workday).toBe(true);
        },
      ),
    );
  });

  it('workdaysBetween(d, addWorkdays(d, n)) === n', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }), overrides, (d, n, o) => {
        const r = addWorkdays(d, n, o);
        const b = workdaysBetween(d, r.date, o);
        expect(b.workdays).toBe(n);
        expect(b.official).toBe(r.official);
      }),
    );
  });

  it('the result is the first such day: no working day is skipped', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = addWorkdays(d, n).date;
        expect(addWorkdays(d, n - 1).date < r).toBe(true);
        expect(workdaysBetween(d, addDays(r, -1)).workdays).toBe(n - 1);
      }),
    );
  });

  it('workdaysBetween is additive forwards', () => {
    fc.assert(
      fc.property(day, fc.nat(50), fc.nat(50), (a, x, y) => {
        const b = addDays(a, x);
        const c = addDays(b, y);
        expect(workdaysBetween(a, b).workdays + workdaysBetween(b, c).workdays).toBe(workdaysBetween(a, c).workdays);
      }),
    );
  });

  it('official is false exactly when a counted day is in an unofficial year and not overridden', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const r = addWorkdays(d, n);
        let expected = true;
        for (let x = addDays(d, 1); x <= r.date; x = addDays(x, 1))
          if (!hasOfficialSchedule(Number(x.slice(0, 4)))) expected = false;
        expect(r.official).toBe(expected);
      }),
    );
  });
});
