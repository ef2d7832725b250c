// The `luoshi workday` contract, through main() with a captured io.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { cliActor } from '../access/audit.ts';
import { openDb } from '../platform/db.ts';
import { saveSupervisionSettings } from '../supervision/settingsStore.ts';
import { DEFAULT_SETTINGS } from '../supervision/types.ts';

const run = runCli;

describe('luoshi workday add', () => {
  it('prints exactly {"date","official"} with --json', async () => {
    const r = await run('workday', 'add', '2023-09-28', '7', '--json');
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"date":"2023-10-13","official":true}\n');
    expect(r.err).toBe('');
  });

  it('counts starting the day after the given date', async () => {
    expect((await run('workday', 'add', '2023-09-28', '1', '--json')).out).toBe(
      '{"date":"2023-10-07","official":true}\n',
    );
    expect((await run('workday', 'add', '2023-09-28', '0', '--json')).out).toBe(
      '{"date":"2023-09-28","official":true}\n',
    );
  });

  it('marks a count that reaches an unofficial year', async () => {
    expect((await run('workday', 'add', '2026-12-30', '1', '--json')).out).toBe(
      '{"date":"2026-12-31","official":true}\n',
    );
    expect((await run('workday', 'add', '2026-12-30', '2', '--json')).out).toBe(
      '{"date":"2027-01-01","official":false}\n',
    );
  });

  it('takes a negative n after --', async () => {
    const r = await run('workday', 'add', '2023-10-13', '--json', '--', '-7');
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"date":"2023-09-28","official":true}\n');
  });

  it('prints readable Chinese without --json', async () => {
    const r = await run('workday', 'add', '2023-09-28', '7');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2023-09-28 之后第 7 个工作日是 2023-10-13（星期五');
    const e = await run('workday', 'add', '2026-12-30', '2');
    expect(e.out).toContain('估算');
  });
});

describe('luoshi workday is', () => {
  it('prints exactly {"workday","official"} with --json', async () => {
    expect((await run('workday', 'is', '2023-10-07', '--json')).out).toBe('{"workday":true,"official":true}\n');
    expect((await run('workday', 'is', '2023-10-01', '--json')).out).toBe('{"workday":false,"official":true}\n');
    expect((await run('workday', 'is', '2024-02-04', '--json')).out).toBe('{"workday":true,"official":true}\n');
    expect((await run('workday', 'is', '2027-10-01', '--json')).out).toBe('{"workday":true,"official":false}\n');
  });

  it('explains the day in Chinese', async () => {
    expect((await run('workday', 'is', '2023-10-07')).out).toBe('2023-10-07（星期六）是工作日（国庆节调休上班）。\n');
    expect((await run('workday', 'is', '2023-09-29')).out).toBe('2023-09-29（星期五）不是工作日（中秋节）。\n');
    const r = await run('workday', 'is', '2027-01-02');
    expect(r.out).toContain('不是工作日');
    expect(r.out).toContain('估算');
  });
});

describe('luoshi workday between', () => {
  it('prints {"workdays","official"} with --json', async () => {
    expect((await run('workday', 'between', '2023-09-28', '2023-10-13', '--json')).out).toBe(
      '{"workdays":7,"official":true}\n',
    );
    expect((await run('workday', 'between', '2023-10-13', '2023-09-28', '--json')).out).toBe(
      '{"workdays":-7,"official":true}\n',
    );
    expect((await run('workday', 'between', '2026-12-01', '2027-01-05', '--json')).out).toContain('"official":false');
  });

  it('reads in Chinese', async () => {
    expect((await run('workday', 'between', '2023-09-28', '2023-10-13')).out).toContain(
      '7 个工作日（不含 2023-09-28，含 2023-10-13）',
    );
  });
});

describe('bad input', () => {
  for (const bad of ['2023-02-30', '2023/1/1', 'text', '2023-1-1', '20230101', '']) {
    it(`refuses the date “${bad}” naming the argument, exit 2`, async () => {
      const add = await run('workday', 'add', bad, '3');
      expect(add.code).toBe(2);
      expect(add.err).toMatch(bad === '' ? /缺少参数：日期/ : /参数“日期”不是有效日期/);
      const is = await run('workday', 'is', bad, '--json');
      expect(is.code).toBe(2);
      expect(JSON.parse(is.out).error.code).toBe('BAD_INPUT');
      const between = await run('workday', 'between', '2023-01-01', bad);
      expect(between.code).toBe(2);
      expect(between.err).toMatch(bad === '' ? /缺少参数：结束日期/ : /参数“结束日期”不是有效日期/);
    });
  }

  it('says why 2023-02-30 is wrong', async () => {
    expect((await run('workday', 'is', '2023-02-30')).err).toContain('2023 年 2 月只有 28 天');
    expect((await run('workday', 'is', '2023/1/1')).err).toContain('格式应为 YYYY-MM-DD');
  });

  it('refuses a non-integer n, an unknown subcommand and a missing subcommand', async () => {
    const n = await run('workday', 'add', '2023-09-28', 'seven');
    expect(n.code).toBe(2);
    expect(n.err).toContain('参数“工作日数”应为整数');
    expect((await run('workday', 'add', '2023-09-28', '1.5')).code).toBe(2);
    const sub = await run('workday', 'plus', '2023-09-28');
    expect(sub.code).toBe(2);
    expect(sub.err).toContain('未知的子命令“plus”');
    expect((await run('workday')).code).toBe(2);
  });
});

describe('--overrides', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-workday-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify([{ date: '2027-10-01', workday: false, note: '国庆节（预录）' }]));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify([{ date: '2027-02-30', workday: false, note: 'x' }]));

  it('applies a county table and makes the date official', async () => {
    expect((await run('workday', 'is', '2027-10-01', '--json', '--overrides', good)).out).toBe(
      '{"workday":false,"official":true}\n',
    );
    expect((await run('workday', 'is', '2027-10-01', '--overrides', good)).out).toContain('国庆节（预录）');
  });

  it('refuses a broken table or a missing file', async () => {
    const r = await run('workday', 'is', '2027-10-01', '--overrides', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('第 1 条的日期“2027-02-30”无效');
    expect((await run('workday', 'is', '2027-10-01', '--overrides', join(dir, 'none.json'))).code).toBe(6);
  });
});

describe('--db: the county overrides stored in the supervision settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-workday-db-'));
  const file = join(dir, 'county.db');
  const other = join(dir, 'other.json');
  writeFileSync(other, JSON.stringify([{ date: '2023-10-07', workday: true, note: '文件：照常上班' }]));

  beforeAll(async () => {
    const db = await openDb({ file });
    await saveSupervisionSettings(
      db,
      '140423',
      { ...DEFAULT_SETTINGS, calendar: [{ date: '2023-10-07', workday: false, note: '县内调整：改为休息' }] },
      cliActor('test'),
    );
    await db.close();
  });

  it('reads them and keeps the contract output exactly', async () => {
    expect((await run('workday', 'is', '2023-10-07', '--json')).out).toBe('{"workday":true,"official":true}\n');
    expect((await run('workday', 'is', '2023-10-07', '--json', '--db', file)).out).toBe(
      '{"workday":false,"official":true}\n',
    );
    expect((await run('workday', 'add', '2023-09-28', '1', '--json', '--db', file)).out).toBe(
      '{"date":"2023-10-08","official":true}\n',
    );
    expect((await run('workday', 'is', '2023-10-07', '--db', file)).out).toContain('县内调整：改为休息');
    // another tenant has no overrides; a file's entries win over the stored ones for their dates
    expect((await run('workday', 'is', '2023-10-07', '--json', '--db', file, '--tenant', '140400')).out).toBe(
      '{"workday":true,"official":true}\n',
    );
    expect((await run('workday', 'is', '2023-10-07', '--json', '--db', file, '--overrides', other)).out).toBe(
      '{"workday":true,"official":true}\n',
    );
  });

  it('refuses a missing database file (without creating it) and a bad tenant', async () => {
    const missing = join(dir, 'none.db');
    const r = await run('workday', 'is', '2023-10-07', '--json', '--db', missing);
    expect(r.code).toBe(6);
    expect(r.err).toContain('找不到数据库文件');
    expect(existsSync(missing)).toBe(false);
    const t = await run('workday', 'is', '2023-10-07', '--db', file, '--tenant', 'xy');
    expect(t.code).toBe(2);
    expect(t.err).toContain('租户代码');
  });
});
