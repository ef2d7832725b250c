// `luoshi supervision sweep` (the cron entry point) on a real SQLite file: sweeps, answers in Chinese or JSON,
// a second run sends nothing, a bad --now is refused naming the argument and changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import type { CliIO } from '../platform/cli.ts';
import { openDb } from '../platform/db.ts';
import { isAppError } from '../platform/errors.ts';
import { createItem } from './store.ts';
import { runSweepCli } from './sweepCli.ts';

function capture(): CliIO & { text: () => string } {
  let out = '';
  return {
    out: (s) => {
      out += `${s}\n`;
    },
    err: (s) => {
      out += `${s}\n`;
    },
    tty: false,
    text: () => out,
  };
}

describe('luoshi supervision sweep', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-sweep-'));
    file = join(dir, 'luoshi.db');
    const db = await openDb({ file });
    await createItem(
      db,
      '140423',
      { title: '编制县域充电基础设施建设方案', category: 'ordinary', lead: '县发改局', assign: true },
      { id: 1, username: 'admin', displayName: '督查室张敏', role: 'admin', unit: null },
      { now: new Date('2023-09-25T09:00:00+08:00') },
    );
    await db.close();
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('sweeps once and reports in Chinese, then in JSON with nothing new', async () => {
    const io = capture();
    expect(await runSweepCli([], { db: file, now: '2023-10-12T09:00:00+08:00' }, io)).toBe(0);
    expect(io.text()).toContain('检查在办事项 1 件，新记催办 1、通报 1、约谈 1（其中补记 3），发出通知 3 条。');
    const json = capture();
    expect(await runSweepCli([], { db: file, now: '2023-10-12T10:00:00+08:00', json: true }, json)).toBe(0);
    const parsed = JSON.parse(json.text());
    expect(parsed.sweep).toMatchObject({ ran: true, items: 1, notifications: 0, previous: '2023-10-12T01:00:00.000Z' });
    expect(parsed.delivery).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
  });

  it('refuses a malformed --now naming it', async () => {
    const io = capture();
    const e = await runSweepCli([], { db: file, now: '2023-10-12' }, io).catch((x: unknown) => x);
    expect(isAppError(e) && e.code === 'BAD_INPUT' && e.location.field === 'now').toBe(true);
    expect((e as Error).message).toContain('参数“--now”应为带时区的 ISO 时间');
    const db = await openDb({ file });
    try {
      expect(await db.db.selectFrom('supervision_ladder').selectAll().execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('is the `luoshi supervision sweep` subcommand', async () => {
    const r = await runCli('supervision', 'sweep', '--db', file, '--now', '2023-09-27T09:00:00+08:00', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).sweep).toMatchObject({
      ran: true,
      items: 1,
      recorded: { urge: 1, notice: 0, interview: 0 },
    });
    const bad = await runCli('supervision', 'sweep', '--db', file, '--now', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('参数“--now”应为带时区的 ISO 时间');
  });
});
