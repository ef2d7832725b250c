import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../platform/errors.ts';
import { formatShanghai, parseDate, parseInstant, shanghaiDate, toCapDateTime } from './time.ts';

describe('Asia/Shanghai display and CAP times', () => {
  it('shows UTC instants in Beijing time, across midnight', () => {
    expect(formatShanghai('2023-07-03T16:30:00Z')).toBe('2023-07-04 00:30');
    expect(formatShanghai('2023-07-03T16:30:45.123Z', { seconds: true })).toBe('2023-07-04 00:30:45');
    expect(formatShanghai('2023-07-04T00:30:00+08:00')).toBe('2023-07-04 00:30');
    expect(shanghaiDate(Date.parse('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });

  it('CAP dateTime carries +08:00, never Z, whole seconds', () => {
    expect(toCapDateTime('2023-07-03T06:05:09.999Z')).toBe('2023-07-03T14:05:09+08:00');
    expect(toCapDateTime('2023-07-03T06:05:00-05:00')).toBe('2023-07-03T19:05:00+08:00');
  });

  it('agrees with the platform time-zone database for any instant', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1992-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }),
        (ms) => {
          expect(formatShanghai(ms)).toBe(fmt.format(ms));
        },
      ),
    );
  });

  it('refuses instants without a zone and impossible dates, in Chinese', () => {
    for (const v of ['2023-07-03 14:00', '2023-07-03T14:00:00', '2023-02-30T00:00:00Z', 'yesterday', 42]) {
      try {
        parseInstant(v, '初判发生时间', 'judgedAt');
        expect.unreachable(String(v));
      } catch (e) {
        expect(isAppError(e) && e.code === 'BAD_INPUT' && e.location.field === 'judgedAt').toBe(true);
        expect((e as Error).message).toContain('初判发生时间');
      }
    }
    expect(() => parseDate('2023-02-29', '日期')).toThrow(/不是有效日期/);
    expect(parseDate('2024-02-29', '日期')).toBe('2024-02-29');
  });
});
