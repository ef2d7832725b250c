// The sweep on real databases: ladder records and notifications written once per item, episode and step;
// a "crash" between batches and a second sweep record and send every reminder exactly once; a sweep after a
// gap of days catches up; a second sweeper is locked out (lease; PostgreSQL advisory lock). SQLite + PostgreSQL.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import { createUser } from '../access/users.ts';
import { createSubscription, listNotifications } from '../notifications/store.ts';
import { forEachDatabase, openTestDatabase } from '../platform/testing.ts';
import { setLeaderUnits } from './rankingsStore.ts';
import { createItem } from './store.ts';
import { ladderList, ladderOf, runSweep, sweepState } from './sweepStore.ts';

const TENANT = '140423';
const LEAD = '县发改局';
const SUPPORT = '县财政局';
const office: Actor = { id: 1, username: 'admin', displayName: '督查室张敏', role: 'admin', unit: null };
/** An instant in 襄垣 (Asia/Shanghai). */
const bj = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

forEachDatabase('supervision sweep', (t) => {
  /** n items assigned Monday 2023-09-25 (deploy due 09-26, first feedback 09-28), none acted on since. */
  const assigned = async (n: number, lead = LEAD) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const item = await createItem(
        t.db,
        TENANT,
        { title: `督办事项 ${i + 1}`, category: 'ordinary', lead, supports: [SUPPORT], assign: true },
        office,
        { now: bj('2023-09-25') },
      );
      ids.push(item.id);
    }
    return ids;
  };
  const count = async (table: 'notifications' | 'supervision_ladder' | 'webhook_deliveries') =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('c'))
          .executeTakeFirstOrThrow()
      ).c,
    );
  /** The sweep's notifications (the 交办 of each item notifies too: supervision:event:… keys). */
  const ladderNotices = async () =>
    t.db.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('dedupe_key', 'like', 'supervision:ladder:%')
      .execute();

  it('records 催办 once, notifies the units, and stores the sweep state', async () => {
    const [id] = await assigned(1);
    await createSubscription(t.db, TENANT, { name: '钉钉', url: 'http://127.0.0.1:1/x', format: 'dingtalk' }, 'x');
    const first = await runSweep(t.db, TENANT, { now: bj('2023-09-27') });
    expect(first).toMatchObject({
      ran: true,
      previous: null,
      items: 1,
      recorded: { urge: 1, notice: 0, interview: 0 },
    });
    expect(first.notifications).toBe(1);
    const again = await runSweep(t.db, TENANT, { now: bj('2023-09-27', '15:00') });
    expect(again).toMatchObject({ ran: true, previous: bj('2023-09-27').toISOString(), notifications: 0 });
    expect(again.recorded).toEqual({ urge: 0, notice: 0, interview: 0 });
    expect(await sweepState(t.db, TENANT)).toMatchObject({
      lastSweptAt: bj('2023-09-27', '15:00').toISOString(),
      sweeps: 2,
      lockedBy: null,
    });

    const ladder = await ladderOf(t.db, TENANT, id as number);
    expect(ladder).toHaveLength(1);
    expect(ladder[0]).toMatchObject({ step: 'urge', overdueSince: '2023-09-26', dueOn: '2023-09-27', unit: LEAD });
    // (and, before it, the 交办 of the item: a lifecycle event, notices.ts)
    const lead = await listNotifications(t.db, TENANT, { id: 7, role: 'liaison', unit: LEAD });
    expect(lead.items.map((n) => [n.kind, n.title.slice(0, 14), n.link])).toEqual([
      ['supervision.urge', '催办：督办事项 1', `/supervision/${id}`],
      ['supervision.assigned', '【督办】交办：督办事项 1（', `/supervision/${id}`],
    ]);
    // the supporting unit owes its first report only by 09-28: not urged yet (told of the 交办 only)
    expect(
      (await listNotifications(t.db, TENANT, { id: 8, role: 'liaison', unit: SUPPORT })).items.map((n) => n.kind),
    ).toEqual(['supervision.assigned']);
    expect(await count('webhook_deliveries')).toBe(1);
  });

  it('after a "crash" between batches, the next sweep sends each reminder exactly once', async () => {
    await assigned(5);
    const crash = runSweep(t.db, TENANT, {
      now: bj('2023-09-27'),
      batchSize: 2,
      afterBatch: (b) => {
        if (b === 2) throw new Error('进程崩溃（模拟）');
      },
    });
    await expect(crash).rejects.toThrow('进程崩溃');
    expect(await count('supervision_ladder')).toBe(4); // two batches of two committed
    expect(await ladderNotices()).toHaveLength(4);
    expect(await count('notifications')).toBe(5 + 4); // five 交办 and four 催办
    expect((await sweepState(t.db, TENANT)).lastSweptAt).toBeNull(); // not completed
    expect((await sweepState(t.db, TENANT)).lockedBy).toBeNull(); // the lease was given back

    const resumed = await runSweep(t.db, TENANT, { now: bj('2023-09-27', '10:00'), batchSize: 2 });
    expect(resumed.recorded.urge).toBe(1);
    expect(await count('supervision_ladder')).toBe(5);
    expect(await count('notifications')).toBe(5 + 5);
    const keys = await ladderNotices();
    expect(keys).toHaveLength(5);
    expect(new Set(keys.map((k) => k.dedupe_key)).size).toBe(5);
  });

  it('catches up after a gap of days: every skipped step once, with the day it was due', async () => {
    const [id] = await assigned(1);
    const late = await runSweep(t.db, TENANT, { now: bj('2023-10-12') });
    expect(late.recorded).toEqual({ urge: 1, notice: 1, interview: 1 });
    expect(late.caughtUp).toBe(3);
    const ladder = await ladderOf(t.db, TENANT, id as number);
    expect(ladder.map((l) => [l.step, l.dueOn])).toEqual([
      ['urge', '2023-09-27'],
      ['notice', '2023-10-07'],
      ['interview', '2023-10-11'],
    ]);
    const interviews = await ladderList(t.db, TENANT, 'interview');
    expect(interviews.map((e) => [e.itemId, e.title, e.state])).toEqual([[id, '督办事项 1', 'assigned']]);
    // the office and the leaders hear of 约谈; the leader does not hear of 催办
    const leader = await listNotifications(t.db, TENANT, { id: 2, role: 'leader', unit: null });
    expect(leader.items.map((n) => n.kind)).toEqual(['supervision.interview']);
    const admin = await listNotifications(t.db, TENANT, { id: 1, role: 'admin', unit: null });
    expect(admin.items.map((n) => n.kind).sort()).toEqual(['supervision.interview', 'supervision.notice']);
    expect((await runSweep(t.db, TENANT, { now: bj('2023-10-13') })).notifications).toBe(0);
  });

  it('约谈 goes to the leader in charge (分管) of the lead unit when one is recorded, else to every leader', async () => {
    const zhang = await createUser(t.db, TENANT, {
      username: 'zhang',
      password: 'correct-horse-battery',
      role: 'leader',
    });
    const li = await createUser(t.db, TENANT, { username: 'li', password: 'correct-horse-battery', role: 'leader' });
    await setLeaderUnits(t.db, TENANT, zhang.id, [LEAD], office);
    await assigned(1); // led by LEAD: 分管 zhang
    await assigned(1, '县水利局'); // no leader recorded for it
    await runSweep(t.db, TENANT, { now: bj('2023-10-12') });
    const kinds = async (u: { id: number }) =>
      (await listNotifications(t.db, TENANT, { id: u.id, role: 'leader', unit: null })).items.map((n) => n.title);
    // zhang: the interview of his unit's item and (role) the other one; li: only the one without a 分管 leader
    expect((await kinds(zhang)).sort()).toEqual(['约谈：督办事项 1', '约谈：督办事项 1']);
    expect(await kinds(li)).toEqual(['约谈：督办事项 1']);
    const targets = await t.db.db
      .selectFrom('notification_targets as t')
      .innerJoin('notifications as n', 'n.id', 't.notification_id')
      .select(['n.kind', 't.target'])
      .where('n.kind', '=', 'supervision.interview')
      .execute();
    expect(targets.map((r) => r.target).sort()).toEqual(
      [
        'role:admin',
        'role:admin',
        'role:leader', // the item led by 县水利局
        `unit:${LEAD}`,
        'unit:县水利局',
        `unit:${SUPPORT}`, // the supporting unit has not reported either: late too
        `unit:${SUPPORT}`,
        `user:${zhang.id}`, // the item led by LEAD: its 分管 leader, not the role
      ].sort(),
    );
  });

  it('skips while another sweeper holds the lease; takes over an expired lease', async () => {
    await assigned(1);
    await t.db.db
      .insertInto('supervision_sweep_state')
      .values({
        tenant: TENANT,
        last_swept_at: null,
        locked_by: 'server-b',
        lock_expires_at: bj('2023-09-27', '09:05').toISOString(),
        sweeps: 0,
      })
      .execute();
    if (t.dialect === 'sqlite') {
      expect((await runSweep(t.db, TENANT, { now: bj('2023-09-27') })).ran).toBe(false);
      expect(await count('supervision_ladder')).toBe(0);
    }
    const later = await runSweep(t.db, TENANT, { now: bj('2023-09-27', '09:10') });
    expect(later.ran).toBe(true);
    expect(later.recorded.urge).toBe(1);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('supervision sweep lock [postgres advisory lock]', () => {
  it('a second server holding the advisory lock makes this sweep skip', async () => {
    const { db, dispose } = await openTestDatabase('postgres');
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const h = (await other.query(`SELECT hashtext($1 || ':' || $2) AS k`, [db.schema, TENANT])).rows[0].k as number;
      await other.query('SELECT pg_advisory_lock($1, $2)', [740_423_509, h]);
      expect((await runSweep(db, TENANT, { now: bj('2023-09-27') })).ran).toBe(false);
      expect((await sweepState(db, TENANT)).sweeps).toBe(0);
      await other.query('SELECT pg_advisory_unlock($1, $2)', [740_423_509, h]);
      expect((await runSweep(db, TENANT, { now: bj('2023-09-27') })).ran).toBe(true);
      expect((await sweepState(db, TENANT)).sweeps).toBe(1);
    } finally {
      await other.end();
      await dispose();
    }
  });
});
