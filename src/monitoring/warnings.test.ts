// Early warning: lights (binding off track → red) and fluctuation (k sd of history's changes, x % of previous).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES } from './attainment.ts';
import { DEFAULT_FLUCTUATION, fluctuation, lightOf } from './warnings.ts';

describe('lights', () => {
  it('binding targets off track are red; expected ones yellow; deteriorating always red', () => {
    expect(STATUSES.map((s) => lightOf(s, 'binding'))).toEqual(['green', 'green', 'red', 'red', 'red']);
    expect(STATUSES.map((s) => lightOf(s, 'expected'))).toEqual(['green', 'green', 'yellow', 'yellow', 'red']);
    expect(STATUSES.map((s) => lightOf(s, null))).toEqual(['green', 'green', 'yellow', 'yellow', 'red']);
    expect(lightOf(null, 'binding')).toBe('none');
  });
});

describe('fluctuation', () => {
  it('warns beyond x % of the previous value', () => {
    const cfg = { sigma: null, percent: 30, minHistory: 3 };
    expect(fluctuation([100], 131, cfg).warn).toBe(true);
    expect(fluctuation([100], 130, cfg).warn).toBe(false);
    expect(fluctuation([100], 69, cfg).reasons[0]).toContain('-31%');
    expect(fluctuation([], 1000, cfg).warn).toBe(false);
    expect(fluctuation([0], 5, cfg).percentChange).toBeNull();
  });
  it('warns beyond k standard deviations of the history’s changes (a steady trend is not a fluctuation)', () => {
    const cfg = { sigma: 3, percent: null, minHistory: 3 };
    // steady growth of about 2 a period
    const h = [10, 12, 14.2, 16, 18.1];
    expect(fluctuation(h, 20.1, cfg).warn).toBe(false);
    const r = fluctuation(h, 30, cfg);
    expect(r.warn).toBe(true);
    expect(r.reasons[0]).toContain('标准差');
    expect(r.z).toBeGreaterThan(3);
    // too little history: the test does not apply
    expect(fluctuation([10, 12, 14], 100, cfg).warn).toBe(false);
    // perfectly flat history and a change
    expect(fluctuation([5, 5, 5, 5], 6, cfg).warn).toBe(true);
    expect(fluctuation([5, 5, 5, 5], 5, cfg).warn).toBe(false);
  });
  it('switching both tests off never warns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (h, v) => !fluctuation(h, v, { sigma: null, percent: null, minHistory: 3 }).warn,
      ),
    );
  });
  it('repeating the previous value never warns with the default config unless the history moved steadily', () => {
    expect(fluctuation([3, 3, 3, 3], 3, DEFAULT_FLUCTUATION).warn).toBe(false);
  });
});
