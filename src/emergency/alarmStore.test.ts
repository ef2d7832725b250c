// The missed-deadline sweep on real databases: each (incident, clock, kind) raised once, as an in-app
// notification and a queued webhook delivery; closed incidents and done duties raise nothing. Plus the CLI
// over a stored incident (sweep, clocks, response).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { cliActor } from '../access/audit.ts';
import { createSubscription } from '../notifications/index.ts';
import { openDb } from '../platform/db.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { listAlarms, sweepAlarms } from './alarmStore.ts';
import { addReport, createIncident } from './store.ts';

const TENANT = '140423';
const ACTOR = cliActor('test');
const JUDGED = '2026-07-03T14:00:00+08:00';
const t0 = Date.parse(JUDGED);
const at = (min: number) => new Date(t0 + min * 60_000);
const OUTAGE = {
  status: 'Actual' as const,
  title: '城区 110kV 变电站故障停电',
  grid: 'county-city',
  loadMw: 300,
  lostLoadPct: 45,
  judgedAt: JUDGED,
  actor: ACTOR,
};

forEachDatabase('emergency alarm sweep', (t) => {
  const n = async (table: string) =>
    Number(
      (await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db.db)).rows[0]?.n,
    );

  it('raises due-soon then missed once each, in the app and by webhook; a repeated sweep raises nothing', async () => {
    await createSubscription(
      t.db,
      TENANT,
      { name: '应急值班群', url: 'https://example.org/hook', format: 'json', kinds: ['emergency.*'] },
      'admin',
    );
    const { incident } = await createIncident(t.db, TENANT, { ...OUTAGE, now: at(1) });
    expect((await sweepAlarms(t.db, TENANT, { now: at(5) })).raised).toEqual([]);

    const soon = await sweepAlarms(t.db, TENANT, { now: at(21) });
    expect(soon.raised.map((a) => `${a.clockId}:${a.kind}`)).toEqual([
      'energy-bureau-phone:due-soon',
      'tracking-1:due-soon',
    ]);
    expect((await sweepAlarms(t.db, TENANT, { now: at(22) })).raised).toEqual([]);

    // The phone report is made; only the tracking clock is then missed.
    await addReport(
      t.db,
      TENANT,
      incident.id,
      {
        kind: 'first',
        channel: 'phone',
        from: 'county-energy-bureau',
        to: ['city-energy-bureau', 'county-government'],
        at: '2026-07-03T14:25:00+08:00',
      },
      { actor: ACTOR, expectedVersion: 1, now: at(25) },
    );
    const missed = await sweepAlarms(t.db, TENANT, { now: at(31) });
    expect(missed.raised.map((a) => `${a.clockId}:${a.kind}`)).toEqual(['tracking-1:missed']);
    expect((await sweepAlarms(t.db, TENANT, { now: at(32) })).raised).toEqual([]);

    const stored = await listAlarms(t.db, TENANT, incident.id);
    expect(stored.map((a) => [a.clockId, a.kind])).toEqual([
      ['energy-bureau-phone', 'due-soon'],
      ['tracking-1', 'due-soon'],
      ['tracking-1', 'missed'],
    ]);
    expect(await n('notifications')).toBe(3);
    expect(await n('webhook_deliveries')).toBe(3);
    const note = await t.db.db
      .selectFrom('notifications')
      .select(['kind', 'title', 'body', 'link'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(note).toMatchObject({ kind: 'emergency.deadline-missed', link: `/emergency/${incident.id}` });
    expect(note.title).toMatch(/^已超时：县能源局第1次跟踪处置进展/);
    expect(note.body).toContain('北京时间 2026-07-03 14:30');
  });

  it('closed incidents are not swept; a drill’s alarm says 【演练】', async () => {
    await createIncident(t.db, TENANT, { ...OUTAGE, status: 'Exercise', drillForm: '桌面推演', now: at(1) });
    const r = await sweepAlarms(t.db, TENANT, { now: at(21) });
    expect(r.incidents).toBe(1);
    const titles = await t.db.db.selectFrom('notifications').select('title').execute();
    expect(titles.every((x) => x.title.startsWith('【演练】'))).toBe(true);
    await sql`UPDATE incidents SET state = 'closed'`.execute(t.db.db);
    expect(await sweepAlarms(t.db, TENANT, { now: at(40) })).toEqual({ incidents: 0, raised: [] });
  });
});

describe('luoshi outage sweep | clocks | response', () => {
  it('works over a stored incident; bad flags are refused in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-outage-'));
    const file = join(dir, 'l.db');
    try {
      const db = await openDb({ file });
      try {
        await createIncident(db, TENANT, { ...OUTAGE, now: at(1) });
      } finally {
        await db.close();
      }
      const clocks = await runCli('outage', 'clocks', '--id', '1', '--db', file, '--now', '2026-07-03T14:21:00+08:00');
      expect(clocks.code, clocks.err).toBe(0);
      expect(clocks.out).toContain('报告时限（北京时间）');
      expect(clocks.out).toContain('县能源局电话报告市能源局及县人民政府');
      const resp = await runCli('outage', 'response', '--id', '1', '--db', file);
      expect(resp.out).toMatch(/按 §5\.2：二级/);
      expect(resp.out).toMatch(/按 附件4：三级/);
      expect(resp.out).toContain('县指挥部尚未决定');
      const sweep = await runCli('outage', 'sweep', '--db', file, '--now', '2026-07-03T14:21:00+08:00', '--json');
      expect(sweep.code, sweep.err).toBe(0);
      expect(JSON.parse(sweep.out).raised).toHaveLength(2);
      const again = await runCli('outage', 'sweep', '--db', file, '--now', '2026-07-03T14:21:00+08:00');
      expect(again.out).toContain('无新告警');
      const badId = await runCli('outage', 'clocks', '--id', 'x', '--db', file);
      expect(badId.code).toBe(2);
      expect(badId.err).toContain('参数 --id');
      const unknown = await runCli('outage', 'clocks', '--id', '9', '--db', file);
      expect(unknown.err).toContain('未找到编号为 9 的停电事件');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
