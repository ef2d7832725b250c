// The attainment engine: every status for every kind of target, the gazette's own targets (6号 规划 主要指标,
// 4号 妇女/儿童规划, 17号 水质类别), and properties over random series.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttainmentStatus,
  assess,
  compileTarget,
  DEFAULT_THRESHOLDS,
  JudgeOut,
  judge,
  parseObservedValue,
  parseTargetJson,
  STATUS_CODES,
  STATUSES,
  type TargetSpec,
  waterClassRank,
} from './attainment.ts';

const spec = (s: Partial<TargetSpec> & Pick<TargetSpec, 'op'>): TargetSpec => ({
  value: null,
  year: null,
  relative: null,
  direction: null,
  scale: null,
  tolerance: null,
  ...s,
});

function status(target: TargetSpec, base: [number, number] | null, ...obs: [number, number][]): AttainmentStatus {
  const r = assess({
    target,
    baseline: base ? { time: base[0], value: base[1] } : null,
    observed: obs.map(([time, value]) => ({ time, value })),
  });
  if (!r) throw new Error('no result');
  return r.status;
}

describe('every status for every kind of target', () => {
  // ≥ 90 by 2025 from 70 in 2020: needed pace 4/year.
  const ge = spec({ op: '>=', value: 90, year: 2025 });
  it('≥: achieved, on track, acceleration needed, limited progress, deteriorating', () => {
    expect(status(ge, [2020, 70], [2022, 90])).toBe('achieved');
    expect(status(ge, [2020, 70], [2022, 78])).toBe('on_track'); // 4/year = ratio 1
    expect(status(ge, [2020, 70], [2022, 77.6])).toBe('on_track'); // ratio 0.95 exactly
    expect(status(ge, [2020, 70], [2022, 77.5])).toBe('acceleration_needed'); // ratio 0.9375
    expect(status(ge, [2020, 70], [2022, 74])).toBe('acceleration_needed'); // ratio 0.5 exactly
    expect(status(ge, [2020, 70], [2022, 73.9])).toBe('limited_progress');
    expect(status(ge, [2020, 70], [2022, 70])).toBe('limited_progress'); // ratio 0
    expect(status(ge, [2020, 70], [2022, 69.9])).toBe('deteriorating');
  });
  it('>: the target value itself is not achieved', () => {
    const gt = spec({ op: '>', value: 90, year: 2025 });
    expect(status(gt, [2020, 70], [2024, 90])).toBe('on_track');
    expect(status(gt, [2020, 70], [2024, 90.1])).toBe('achieved');
  });
  it('≤ (lower is better): 婴儿死亡率 5‰以内', () => {
    const le = spec({ op: '<=', value: 5, year: 2025 });
    expect(status(le, [2020, 9], [2022, 5])).toBe('achieved');
    expect(status(le, [2020, 9], [2022, 7.4])).toBe('on_track'); // needed 0.8/year, observed 0.8
    expect(status(le, [2020, 9], [2022, 8])).toBe('acceleration_needed'); // 0.5/0.8 = 0.625
    expect(status(le, [2020, 9], [2022, 8.8])).toBe('limited_progress');
    expect(status(le, [2020, 9], [2022, 9.5])).toBe('deteriorating');
  });
  it('<: strictly below', () => {
    const lt = spec({ op: '<', value: 5, year: 2025 });
    expect(status(lt, [2020, 9], [2025, 5])).not.toBe('achieved');
    expect(status(lt, [2020, 9], [2025, 4.99])).toBe('achieved');
  });
  it('≈ within the tolerance: 托位数 4.5个左右', () => {
    const approx = spec({ op: '~', value: 4.5, year: 2025 });
    expect(status(approx, [2020, 0.19], [2024, 4.3])).toBe('achieved'); // |4.3 − 4.5| ≤ 0.225
    expect(status(approx, [2020, 0.19], [2024, 4.7])).toBe('achieved');
    expect(status(approx, [2020, 0.19], [2024, 4.8])).not.toBe('achieved'); // 0.3 > 0.225
    expect(status(approx, [2020, 0.19], [2022, 1.5])).toBe('acceleration_needed'); // 0.655 of 0.862 per year
    expect(status(approx, [2020, 0.19], [2022, 3.8])).toBe('on_track');
    expect(status(approx, [2020, 0.19], [2022, 0.1])).toBe('deteriorating');
    // overshooting far past the target is no longer attainment
    expect(status(approx, [2020, 4], [2022, 6])).toBe('deteriorating');
    // baseline on the target, latest off it
    expect(status(approx, [2020, 4.5], [2022, 5])).toBe('deteriorating');
    expect(status(spec({ op: '~', value: 4.5, year: 2025, tolerance: 0.2 }), [2020, 4.5], [2022, 5])).toBe('achieved');
  });
  it('relative to the base year: 以2020年为基数下降20%', () => {
    const dec = spec({ op: 'decrease', value: 20, year: 2025, relative: 'percent' });
    expect(status(dec, [2020, 100], [2023, 80])).toBe('achieved');
    expect(status(dec, [2020, 100], [2022, 92])).toBe('on_track'); // needed 4/year
    expect(status(dec, [2020, 100], [2022, 95])).toBe('acceleration_needed');
    expect(status(dec, [2020, 100], [2022, 99])).toBe('limited_progress');
    expect(status(dec, [2020, 100], [2022, 101])).toBe('deteriorating');
    const inc = spec({ op: 'increase', value: 10, year: 2025, relative: 'absolute' });
    expect(status(inc, [2020, 50], [2025, 60])).toBe('achieved');
    expect(
      assess({ target: inc, baseline: { time: 2020, value: 50 }, observed: [{ time: 2021, value: 52 }] })?.targetLevel,
    ).toBe(60);
  });
  it('direction only: 持续增长 / 持续下降 (Open SDG no-target thresholds)', () => {
    const up = spec({ op: 'increase', year: 2025 });
    expect(status(up, [2020, 100], [2022, 103])).toBe('on_track'); // 1.5 %/year
    expect(status(up, [2020, 100], [2022, 101.5])).toBe('acceleration_needed'); // 0.75 %/year
    expect(status(up, [2020, 100], [2022, 100.5])).toBe('limited_progress');
    expect(status(up, [2020, 100], [2022, 100])).toBe('limited_progress');
    expect(status(up, [2020, 100], [2022, 99])).toBe('deteriorating');
    expect(status(up, [2020, 100], [2025, 101])).toBe('achieved'); // increased by the target year
    const down = spec({ op: 'decrease' });
    expect(status(down, [2020, 10], [2022, 9])).toBe('on_track');
    expect(status(down, [2020, 10], [2022, 11])).toBe('deteriorating');
    // a zero baseline: any move the right way is on track
    expect(status(up, [2020, 0], [2022, 1])).toBe('on_track');
  });
  it("'=' with a direction is one-sided; without one it points from the baseline to the level", () => {
    const higher = spec({ op: '=', value: 90, year: 2025, direction: 'higher' });
    expect(status(higher, [2020, 68.9], [2022, 95])).toBe('achieved');
    const bare = spec({ op: '=', value: 3.5, year: 2025 });
    expect(status(bare, [2020, 1.7], [2022, 2.42])).toBe('on_track'); // 每万人口全科医生数 1.7 → 3.5
    expect(status(bare, [2020, 1.7], [2022, 3.6])).toBe('achieved');
    const down = spec({ op: '=', value: 3.3, year: 2025 });
    expect(status(down, [2020, 3.6], [2022, 3.3])).toBe('achieved');
  });
  it('water class (ordinal, lower rank is better): 达到或优于Ⅲ类', () => {
    const t = parseTargetJson({ op: '<=', value: 'Ⅲ类', year: 2025 });
    expect(t.scale).toBe('water-class');
    expect(t.direction).toBe('lower');
    expect(status(t, [2020, 4], [2022, 3])).toBe('achieved');
    expect(status(t, [2020, 5], [2022, 4])).toBe('on_track'); // 1 class in 2 years, 2 needed in 5
    expect(status(t, [2020, 5], [2022, 5])).toBe('limited_progress');
    expect(status(t, [2020, 4], [2022, 6])).toBe('deteriorating');
    const r = assess({ target: t, baseline: { time: 2020, value: 6 }, observed: [{ time: 2022, value: 4 }] });
    expect(r?.projected).toBe(1); // clamped to Ⅰ, an integer class
  });
  it('the target year passed unmet is never on track', () => {
    expect(status(ge, [2020, 70], [2025, 89.5])).toBe('acceleration_needed');
    expect(status(ge, [2020, 70], [2026, 89.5])).toBe('acceleration_needed');
  });
  it('a baseline that already met the target: slipping back is deteriorating (6号 (10) 孕产妇系统管理率 90.24 → 90)', () => {
    const t = spec({ op: '>=', value: 90, year: 2025 });
    expect(status(t, [2020, 90.24], [2022, 91])).toBe('achieved');
    expect(status(t, [2020, 90.24], [2022, 89])).toBe('deteriorating');
  });
  it('no observation after the baseline: no pace, limited progress unless worse', () => {
    expect(status(ge, [2022, 70], [2022, 70])).toBe('limited_progress');
    expect(status(ge, [2022, 70], [2021, 60])).toBe('deteriorating'); // below the baseline, whenever it was
    expect(assess({ target: ge, baseline: { time: 2020, value: 1 }, observed: [] })).toBeNull();
  });
  it('no baseline: the first observation serves as baseline', () => {
    expect(status(ge, null, [2020, 70], [2022, 78])).toBe('on_track');
  });
  it('a level without a year is judged by the direction towards it', () => {
    const t = spec({ op: '>=', value: 90 });
    expect(status(t, [2020, 70], [2022, 72])).toBe('on_track');
    expect(status(t, [2020, 70], [2022, 69])).toBe('deteriorating');
    expect(
      assess({ target: t, baseline: { time: 2020, value: 70 }, observed: [{ time: 2022, value: 72 }] })?.projected,
    ).toBeNull();
  });
  it('sub-annual observations sit on the decimal-year axis (2023Q2 = 2022.5)', () => {
    // 2020 → 2022.5: 2.5 years at 4/year = 80
    expect(status(ge, [2020, 70], [2022.5, 80])).toBe('on_track');
  });
});

describe('projection', () => {
  it('extrapolates linearly to the target year', () => {
    const r = assess({
      target: spec({ op: '>=', value: 90, year: 2025 }),
      baseline: { time: 2020, value: 68.9 },
      observed: [
        { time: 2021, value: 72 },
        { time: 2022, value: 76 },
      ],
    });
    expect(r?.projected).toBeCloseTo(86.65, 9);
    expect(r?.ratio).toBeCloseTo(3.55 / 4.22, 9);
  });
  it('after the target year the projection is the latest value', () => {
    const r = assess({
      target: spec({ op: '>=', value: 90, year: 2025 }),
      baseline: { time: 2020, value: 70 },
      observed: [{ time: 2026, value: 85 }],
    });
    expect(r?.projected).toBe(85);
  });
});

describe('target JSON', () => {
  it('reads the flat form and the extract record form', () => {
    expect(parseTargetJson({ op: '≥', value: 90, year: 2025 })).toMatchObject({ op: '>=', value: 90, year: 2025 });
    const fromExtract = parseTargetJson({
      name: '家庭医生签约率',
      unit: '%',
      baseline: { year: 2020, value: 68.9 },
      target: { year: 2025, op: '=', value: 90 },
      attribute: 'expected',
      direction: 'higher',
      scale: null,
    });
    expect(fromExtract).toMatchObject({ op: '=', value: 90, year: 2025, direction: 'higher' });
    expect(parseTargetJson({ op: 'decrease', value: 20, unit: '%' }).relative).toBe('percent');
    expect(parseTargetJson({ op: 'increase', value: 3, unit: '个' }).relative).toBe('absolute');
  });
  it('refuses bad targets naming the field, in Chinese', () => {
    const cases: [unknown, string][] = [
      [[], 'target'],
      [{ op: 'more', value: 1 }, 'op'],
      [{ op: '>=' }, 'value'],
      [{ op: '>=', value: 'abc' }, 'value'],
      [{ op: '>=', value: 1, year: 20 }, 'year'],
      [{ op: '>=', value: 1, direction: 'up' }, 'direction'],
      [{ op: '>=', value: 'Ⅲ', direction: 'higher' }, 'direction'],
      [{ op: '>=', value: 1, relative: 'percent' }, 'relative'],
      [{ op: '~', value: 1, tolerance: 2 }, 'tolerance'],
      [{ op: '>=', value: 1, colour: 'red' }, 'colour'],
      [{ op: 'decrease', value: -3 }, 'value'],
    ];
    for (const [input, field] of cases) {
      let caught: unknown;
      try {
        compileTarget(parseTargetJson(input));
      } catch (e) {
        caught = e;
      }
      expect(caught, JSON.stringify(input)).toMatchObject({ code: 'BAD_INPUT', location: { field } });
      expect((caught as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
  it('reads water classes in every printed form', () => {
    expect(['Ⅰ', 'Ⅱ类', 'III', 'iv', '5', '劣Ⅴ类', '地表水Ⅲ类'].map(waterClassRank)).toEqual([1, 2, 3, 4, 5, 6, 3]);
    expect(waterClassRank('劣Ⅲ')).toBeNull();
    expect(waterClassRank('优')).toBeNull();
    expect(parseObservedValue('Ⅱ', 'water-class')).toBe(2);
    expect(parseObservedValue('12.5', null)).toBe(12.5);
    expect(parseObservedValue('12.5万', null)).toBeNull();
  });
});

// ---- properties ---------------------------------------------------------------------------------------------

const rank = (s: AttainmentStatus) => STATUS_CODES[s];
const oneSided = fc.record({
  op: fc.constantFrom('>=' as const, '<=' as const),
  value: fc.double({ min: -1000, max: 1000, noNaN: true }),
  year: fc.integer({ min: 2021, max: 2035 }),
});

describe('properties', () => {
  it('a better latest value never gives a worse status (≥ and ≤)', () => {
    fc.assert(
      fc.property(
        oneSided,
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (t, x0, a, b, years) => {
          const target = spec(t);
          const d = t.op === '>=' ? 1 : -1;
          const [worse, better] = d * a <= d * b ? [a, b] : [b, a];
          const sw = status(target, [2020, x0], [2020 + years, worse]);
          const sb = status(target, [2020, x0], [2020 + years, better]);
          return rank(sb) <= rank(sw);
        },
      ),
    );
  });
  it('achieved exactly when the latest value meets the target', () => {
    fc.assert(
      fc.property(
        oneSided,
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (t, x0, xl) => {
          const s = status(spec(t), [2020, x0], [2022, xl]);
          const m = 1e-9 * (Math.abs(t.value) + 1); // the engine's equality margin
          const meets = t.op === '>=' ? xl >= t.value - m : xl <= t.value + m;
          if (Math.abs(xl - t.value) <= m) return true; // within the documented equality margin
          return (s === 'achieved') === meets;
        },
      ),
    );
  });
  it('mirroring values and the comparison gives the same status and the mirrored projection', () => {
    fc.assert(
      fc.property(
        oneSided,
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (t, x0, xl) => {
          const a = assess({
            target: spec(t),
            baseline: { time: 2020, value: x0 },
            observed: [{ time: 2021, value: xl }],
          });
          const b = assess({
            target: spec({ ...t, op: t.op === '>=' ? '<=' : '>=', value: -t.value }),
            baseline: { time: 2020, value: -x0 },
            observed: [{ time: 2021, value: -xl }],
          });
          if (a?.status !== b?.status) return false;
          return a?.projected === null
            ? b?.projected === null
            : Math.abs((a?.projected as number) + (b?.projected as number)) < 1e-6;
        },
      ),
    );
  });
  it('on the way (target year ahead, not met): projection meets the target ⇔ ratio ≥ 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: -600, max: 600 }),
        fc.integer({ min: 1, max: 4 }),
        (x0, gap, delta, years) => {
          const target = spec({ op: '>=', value: x0 + gap, year: 2025 });
          const xl = x0 + delta;
          fc.pre(xl < x0 + gap);
          const r = assess({
            target,
            baseline: { time: 2020, value: x0 },
            observed: [{ time: 2020 + years, value: xl }],
          });
          if (!r || r.ratio === null || r.projected === null) return false;
          if (Math.abs(r.ratio - 1) < 1e-9) return true;
          return r.ratio >= 1 === r.projected >= x0 + gap;
        },
      ),
    );
  });
  it('every input gives one of the five statuses, and judge agrees with assess', () => {
    const out = new JudgeOut();
    fc.assert(
      fc.property(
        fc.constantFrom(...(['>=', '>', '<=', '<', '=', '~', 'increase', 'decrease'] as const)),
        fc.option(fc.double({ min: -100, max: 100, noNaN: true }), { nil: null }),
        fc.option(fc.integer({ min: 2015, max: 2030 }), { nil: null }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 2015, max: 2030, noNaN: true }),
        (op, value, year, x0, xl, tl) => {
          const v = op === 'increase' || op === 'decrease' ? (value === null ? null : Math.abs(value)) : (value ?? 1);
          const target = spec({ op, value: v, year, relative: v === null ? null : 'percent' });
          const r = assess({ target, baseline: { time: 2020, value: x0 }, observed: [{ time: tl, value: xl }] });
          const code = judge(compileTarget(target, DEFAULT_THRESHOLDS), 2020, x0, tl, xl, out);
          return r !== null && STATUSES.includes(r.status) && STATUSES[code] === r.status;
        },
      ),
    );
  });
});
