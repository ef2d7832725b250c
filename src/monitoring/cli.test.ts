// The `luoshi attain` contract: exactly {"status":…,"projected":…} with --json, the same engine as the app.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { assess, parseTargetJson } from './attainment.ts';

const attain = (target: unknown, baseline: string, observed: string, json = true) =>
  runCli(
    'attain',
    '--target',
    JSON.stringify(target),
    '--baseline',
    baseline,
    '--observed',
    observed,
    ...(json ? ['--json'] : []),
  );

describe('luoshi attain', () => {
  it('prints exactly status and projected', async () => {
    const r = await attain({ op: '>=', value: 90, year: 2025 }, '2020:68.9', '2021:72,2022:76');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ status: 'acceleration_needed', projected: 86.65 });
  });
  it('gives each of the five statuses', async () => {
    const t = { op: '>=', value: 90, year: 2025 };
    const cases: [string, string][] = [
      ['2022:91', 'achieved'],
      ['2022:78', 'on_track'],
      ['2022:75', 'acceleration_needed'],
      ['2022:71', 'limited_progress'],
      ['2022:69', 'deteriorating'],
    ];
    for (const [obs, status] of cases) expect(JSON.parse((await attain(t, '2020:70', obs)).out).status).toBe(status);
  });
  it('agrees with the application engine', async () => {
    const target = { op: '<=', value: 5, year: 2025 };
    const r = JSON.parse((await attain(target, '2020:9', '2021:8.5,2022:8')).out);
    const app = assess({
      target: parseTargetJson(target),
      baseline: { time: 2020, value: 9 },
      observed: [
        { time: 2021, value: 8.5 },
        { time: 2022, value: 8 },
      ],
    });
    expect(r).toEqual({ status: app?.status, projected: app?.projected });
  });
  it('handles water classes, relative and direction-only targets and null projections', async () => {
    expect(JSON.parse((await attain({ op: '<=', value: 'Ⅲ类', year: 2025 }, '2020:Ⅴ', '2022:Ⅳ')).out)).toEqual({
      // 4 − 0.5 × 3 = 2.5, rounded to class Ⅲ
      status: 'on_track',
      projected: 3,
    });
    expect(
      JSON.parse((await attain({ op: 'decrease', value: 20, unit: '%', year: 2025 }, '2020:100', '2023:80')).out)
        .status,
    ).toBe('achieved');
    expect(JSON.parse((await attain({ op: 'increase' }, '2020:74', '2022:80')).out)).toEqual({
      status: 'on_track',
      projected: null,
    });
    expect(JSON.parse((await attain({ op: '>=', value: 95, year: 2025 }, '2020:95', '2020:95')).out)).toEqual({
      status: 'achieved',
      projected: null,
    });
  });
  it('accepts DHIS2 periods for sub-annual data', async () => {
    const r = await attain({ op: '>=', value: 90, year: 2025 }, '2020:70', '2023Q2:80'); // 2023Q2 ends at 2022.5
    expect(JSON.parse(r.out)).toEqual({ status: 'on_track', projected: 90 });
  });
  it('prints a Chinese explanation without --json', async () => {
    const r = await attain({ op: '>=', value: 90, year: 2025 }, '2020:70', '2022:75', false);
    expect(r.out).toContain('需加快进度');
    expect(r.out).toContain('推算');
  });
  it('refuses bad input with a Chinese message naming the field and a non-zero exit', async () => {
    const bad: [string[], RegExp][] = [
      [['--target', '{op', '--observed', '2021:1'], /--target 不是有效的 JSON/],
      [['--target', '{"op":">=","value":1}'], /缺少参数 --observed/],
      [['--target', '{"op":">=","value":1}', '--observed', '2021'], /第 1 项“2021”应写成 年份:数值/],
      [['--target', '{"op":">=","value":1}', '--observed', '2021:x'], /数值“x”不正确/],
      [['--target', '{"op":">=","value":1}', '--observed', '2021:1,2021:2'], /同一期间出现了两次/],
      [
        ['--target', '{"op":">=","value":1}', '--baseline', '20x:1', '--observed', '2021:1'],
        /--baseline的期间“20x”不正确/,
      ],
      [['--target', '{"op":"gt","value":1}', '--observed', '2021:1'], /目标字段“op”不正确/],
      [['--observed', '2021:1'], /缺少参数 --target/],
    ];
    for (const [args, re] of bad) {
      const r = await runCli('attain', ...args, '--json');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      expect(JSON.parse(r.out).error.code).toBe('BAD_INPUT');
    }
  });
});
