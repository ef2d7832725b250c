// The `luoshi docnumber` contract: after `luoshi import <gazette> --db <path>`, `docnumber next` prints
// {"docNumber":"襄政办发〔2023〕27号"} and writes nothing; `assign` reserves; separate processes assigning at
// the same time on one SQLite file get consecutive numbers.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { SEED_PATH, seedAvailable } from '../../test/seed.ts';

const hasSeed = seedAvailable();
const dir = mkdtempSync(join(tmpdir(), 'luoshi-docnumber-'));
const BIN = resolve(import.meta.dirname, '../../bin/luoshi.js');
const run = promisify(execFile);

describe.skipIf(!hasSeed)('luoshi docnumber', () => {
  const db = join(dir, 'seed.db');

  it('prints the next free number after the imported gazette, and peeking twice gives the same', async () => {
    const imp = await runCli('import', SEED_PATH, '--db', db, '--json');
    expect(imp.code).toBe(0);
    const r = await runCli('docnumber', 'next', '--agency', '襄政办发', '--year', '2023', '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"docNumber":"襄政办发〔2023〕27号"}\n');
    const again = await runCli('docnumber', 'next', '--agency', '襄政办发', '--year', '2023', '--db', db, '--json');
    expect(again.out).toBe(r.out);
  });

  it('assigns with title, date and 附注, then next moves on', async () => {
    const a = await runCli(
      'docnumber',
      'assign',
      '--agency',
      '襄政办发',
      '--year',
      '2023',
      '--title',
      '关于做好冬季供暖工作的通知',
      '--signed-on',
      '2023-11-20',
      '--disclosure',
      '此件公开发布',
      '--db',
      db,
      '--json',
    );
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({
      docNumber: '襄政办发〔2023〕27号',
      issuer: '襄垣县人民政府办公室',
      disclosure: 'public',
      disclosureNote: '（此件公开发布）',
    });
    const n = await runCli('docnumber', 'next', '--agency', '襄政办发', '--year', '2023', '--db', db, '--json');
    expect(n.out).toBe('{"docNumber":"襄政办发〔2023〕28号"}\n');
    const list = await runCli('docnumber', 'list', '--agency', '襄政办发', '--year', '2023', '--db', db);
    expect(list.out).toContain('襄政办发〔2023〕27号');
    expect(list.out).toContain('登记（此件公开发布）');
  });

  it('gives separate processes assigning at once consecutive numbers on one SQLite file', async () => {
    const outs = await Promise.all(
      Array.from({ length: 4 }, (_, k) =>
        run('node', [
          BIN,
          'docnumber',
          'assign',
          '--agency',
          '襄政发',
          '--year',
          '2023',
          '--title',
          `并发进程测试公文${k + 1}`,
          '--signed-on',
          '2023-12-01',
          '--disclosure',
          'public',
          '--db',
          db,
          '--json',
        ]),
      ),
    );
    const serials = outs.map((o) => JSON.parse(o.stdout).serial as number).sort((a, b) => a - b);
    expect(serials).toEqual([11, 12, 13, 14]);
  }, 120_000);

  it('refuses an unknown agency code in Chinese with a non-zero exit and writes nothing', async () => {
    const r = await runCli('docnumber', 'next', '--agency', '晋政发', '--year', '2023', '--db', db, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知的发文机关代字“晋政发”');
    const bad = await runCli(
      'docnumber',
      'assign',
      '--agency',
      '晋政发',
      '--year',
      '2023',
      '--title',
      '关于某事的通知',
      '--signed-on',
      '2023-11-20',
      '--disclosure',
      'public',
      '--db',
      db,
    );
    expect(bad.code).toBe(2);
    const shape = await runCli('docnumber', 'next', '--agency', 'ABC', '--db', db);
    expect(shape.code).toBe(2);
    expect(shape.err).toContain('参数 --agency');
    const disc = await runCli(
      'docnumber',
      'assign',
      '--agency',
      '襄政办发',
      '--year',
      '2023',
      '--title',
      '关于某事的通知',
      '--signed-on',
      '2023-11-20',
      '--disclosure',
      '内部',
      '--db',
      db,
    );
    expect(disc.code).toBe(2);
    expect(disc.err).toContain('参数 --disclosure');
    const n = await runCli('docnumber', 'next', '--agency', '襄政办发', '--year', '2023', '--db', db, '--json');
    expect(n.out).toBe('{"docNumber":"襄政办发〔2023〕28号"}\n');
  });
});
