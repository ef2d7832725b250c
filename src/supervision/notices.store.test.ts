// Lifecycle events notify the people they concern, on real databases (SQLite and PostgreSQL): over HTTP, each
// accepted action writes its notifications in the transaction of the item, its events and the audit row; a refused
// or stale action leaves none; the bell of a unit's liaison shows them and another unit's does not; webhook
// subscriptions filtering on `supervision.*` (or one kind) get a delivery in the outbox.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import type { User } from '../access/users.ts';
import { createSubscription } from '../notifications/store.ts';
import { forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { setLeaderUnits } from './rankingsStore.ts';
import { LEAD, STAFF, SUPPORT } from './staff.testkit.ts';
import { createItemIn, type ItemDetail } from './store.ts';

const TENANT = '140423';
const EVIDENCE = [{ name: '办结报告.pdf', ref: 'files/2023/report.pdf' }];
const TITLE = '编制县域充电基础设施建设方案';

interface Bell {
  items: { id: number; kind: string; title: string; body: string; link: string | null }[];
  unread: number;
}

const beijing = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

forEachDatabase('supervision lifecycle notifications', (t) => {
  let app: FastifyInstance;
  let session: (username: string) => TestSession;
  let users: Record<string, User>;

  beforeEach(async () => {
    const clock = beijing('2023-09-25');
    // fgj2: a second liaison of the lead unit, created right after fgj
    const people = [
      ...STAFF.slice(0, 3),
      { username: 'fgj2', role: 'liaison', unit: LEAD, displayName: '发改局刘芳' } as const,
      ...STAFF.slice(3),
    ];
    ({ app, session, users } = await serverWithSessions(t.db, TENANT, people, { now: () => clock }));
  });

  afterEach(async () => {
    await app?.close();
  });

  const created = async (): Promise<ItemDetail> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/supervision/items',
      ...session('admin'),
      payload: { title: TITLE, category: 'ordinary', lead: LEAD, supports: [SUPPORT], assign: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().item as ItemDetail;
  };

  const actAs = (
    u: string,
    item: ItemDetail,
    action: string,
    payload: Record<string, unknown> = {},
    version?: number,
  ) =>
    app.inject({
      method: 'POST',
      url: `/api/supervision/items/${item.id}/actions`,
      ...session(u),
      payload: { action, payload, version: version ?? item.version },
    });

  const ok = async (u: string, item: ItemDetail, action: string, payload: Record<string, unknown> = {}) => {
    const res = await actAs(u, item, action, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().item as ItemDetail;
  };

  const bell = async (u: string): Promise<Bell> => {
    const res = await app.inject({ method: 'GET', url: '/api/notifications', ...session(u) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Bell;
  };

  const kindsOf = async (u: string) => (await bell(u)).items.map((n) => n.kind);

  /** Every notification of the tenant with its targets, oldest first. */
  const stored = async () => {
    const rows = await t.db.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'dedupe_key', 'link', 'source_capability', 'source_id'])
      .where('tenant', '=', TENANT)
      .orderBy('id')
      .execute();
    const targets = await t.db.db.selectFrom('notification_targets').select(['notification_id', 'target']).execute();
    return rows.map((r) => ({
      ...r,
      targets: targets
        .filter((x) => x.notification_id === r.id)
        .map((x) => x.target)
        .sort(),
    }));
  };

  const count = async (table: 'notifications' | 'notification_targets' | 'webhook_deliveries') =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('c'))
          .executeTakeFirstOrThrow()
      ).c,
    );

  /** An item brought to 办理中: both units signed, the lead deployed. */
  const inProgress = async (): Promise<ItemDetail> => {
    let item = await created();
    item = await ok('fgj', item, 'acknowledge');
    item = await ok('czj', item, 'acknowledge');
    return ok('fgj', item, 'deploy', { summary: '局务会研究部署' });
  };

  it('交办 notifies the lead and supporting units: their liaisons see it in the bell, another unit’s do not', async () => {
    const all = await createSubscription(
      t.db,
      TENANT,
      {
        name: '督办群',
        url: 'http://127.0.0.1:9/all',
        format: 'json',
        kinds: ['supervision.*'],
      },
      'admin',
    );
    const one = await createSubscription(
      t.db,
      TENANT,
      {
        name: '交办提醒',
        url: 'http://127.0.0.1:9/assigned',
        format: 'json',
        kinds: ['supervision.assigned'],
      },
      'admin',
    );
    await createSubscription(
      t.db,
      TENANT,
      {
        name: '应急',
        url: 'http://127.0.0.1:9/emergency',
        format: 'json',
        kinds: ['emergency.*'],
      },
      'admin',
    );
    const item = await created();
    const rows = await stored();
    expect(rows).toEqual([
      {
        id: rows[0]?.id,
        kind: 'supervision.assigned',
        title: `【督办】交办：${TITLE}（牵头单位 ${LEAD}，办结时限 ${item.closeBy}）`,
        dedupe_key: `supervision:event:${item.id}:2`,
        link: `/supervision/${item.id}`,
        source_capability: 'supervision',
        source_id: String(item.id),
        targets: [`unit:${LEAD}`, `unit:${SUPPORT}`].sort(),
      },
    ]);
    for (const u of ['fgj', 'fgj2', 'czj']) {
      const b = await bell(u);
      expect(b.unread, u).toBe(1);
      expect(b.items[0]).toMatchObject({ kind: 'supervision.assigned', link: `/supervision/${item.id}` });
      expect(b.items[0]?.body).toContain('交办县发改局（牵头）、县财政局（配合）');
    }
    expect(await kindsOf('jyj')).toEqual([]);
    expect(await kindsOf('admin')).toEqual([]); // the office assigned it: not told of its own action
    expect(await kindsOf('leader')).toEqual([]);
    // the outbox: one delivery for `supervision.*`, one for the exact kind, none for `emergency.*`
    const deliveries = await t.db.db.selectFrom('webhook_deliveries').select(['subscription_id', 'status']).execute();
    expect(deliveries.map((d) => d.subscription_id).sort()).toEqual([all.id, one.id].sort());
    expect(deliveries.every((d) => d.status === 'pending')).toBe(true);
  });

  it('签收 tells the office; 申请延期 notifies the leaders and the office, not the lead unit', async () => {
    const item = await inProgress();
    expect(await kindsOf('admin')).toEqual([
      'supervision.deployed',
      'supervision.acknowledged',
      'supervision.acknowledged',
    ]);
    // the supporting unit's signature is also told to the lead unit; the lead's own is not told to itself
    expect(await kindsOf('fgj')).toEqual(['supervision.acknowledged', 'supervision.assigned']);
    const before = await count('notifications');
    await ok('fgj', item, 'request_extension', { reason: '需等待省厅批复', newCloseBy: '2023-12-29' });
    expect(await count('notifications')).toBe(before + 1);
    const last = (await stored()).at(-1);
    expect(last).toMatchObject({
      kind: 'supervision.extension_requested',
      dedupe_key: `supervision:event:${item.id}:6`,
      targets: ['role:admin', 'role:leader'],
    });
    expect((await bell('leader')).items.map((n) => n.title)).toEqual([
      `【督办】申请延期：${TITLE}（牵头单位 ${LEAD}，办结时限 ${item.closeBy}）`,
    ]);
    expect((await bell('leader')).items[0]?.body).toContain('请县领导审批延期申请。');
    expect((await kindsOf('admin'))[0]).toBe('supervision.extension_requested');
    expect(await kindsOf('fgj')).not.toContain('supervision.extension_requested');
    expect(await kindsOf('jyj')).toEqual([]);
  });

  it('申请延期 goes to the leader in charge (分管) of the lead unit once one is recorded', async () => {
    const item = await inProgress();
    await setLeaderUnits(t.db, TENANT, (users.leader as User).id, [SUPPORT], users.admin as User);
    // the leader is in charge of another unit: the lead unit has none recorded → every leader (role)
    let current = await ok('fgj', item, 'request_extension', { reason: '需等待省厅批复', newCloseBy: '2023-12-29' });
    expect((await stored()).at(-1)?.targets).toEqual(['role:admin', 'role:leader']);
    current = await ok('leader', current, 'refuse_extension', { reason: '不同意' });
    await setLeaderUnits(t.db, TENANT, (users.leader as User).id, [LEAD], users.admin as User);
    await ok('fgj', current, 'request_extension', { reason: '再次申请', newCloseBy: '2023-12-29' });
    expect((await stored()).at(-1)?.targets).toEqual(['role:admin', `user:${(users.leader as User).id}`]);
    expect((await bell('leader')).items[0]?.title).toContain('申请延期');
  });

  it('退回重办 notifies the lead unit only', async () => {
    let item = await inProgress();
    item = await ok('czj', item, 'support_report', { summary: '已梳理资金渠道' });
    item = await ok('fgj', item, 'request_closure', { summary: '方案已印发', evidence: EVIDENCE });
    item = await ok('admin', item, 'return', { reasons: '佐证材料不足' });
    const last = (await stored()).at(-1);
    expect(last).toMatchObject({ kind: 'supervision.returned', targets: [`unit:${LEAD}`] });
    for (const u of ['fgj', 'fgj2']) expect((await kindsOf(u))[0], u).toBe('supervision.returned');
    expect(await kindsOf('czj')).not.toContain('supervision.returned');
    expect(await kindsOf('admin')).not.toContain('supervision.returned');
    expect(await kindsOf('jyj')).toEqual([]);
    expect(item.state).toBe('in_progress');
  });

  it('a refused or stale action leaves no notification and no delivery', async () => {
    await createSubscription(t.db, TENANT, { name: '督办群', url: 'http://127.0.0.1:9/', format: 'json' }, 'admin');
    const item = await created();
    const before = {
      n: await count('notifications'),
      t: await count('notification_targets'),
      d: await count('webhook_deliveries'),
    };
    // 403: another unit's liaison; 400: the lead applies for closure without evidence; 409: a stale version
    expect((await actAs('jyj', item, 'acknowledge')).statusCode).toBe(403);
    expect((await actAs('fgj', item, 'request_closure', { summary: '办完了', evidence: [] })).statusCode).toBe(400);
    const signed = await ok('fgj', item, 'acknowledge');
    const afterSign = await count('notifications');
    expect(afterSign).toBe(before.n + 1);
    expect((await actAs('czj', item, 'acknowledge', {}, item.version)).statusCode).toBe(409);
    expect(await count('notifications')).toBe(afterSign);
    expect(await count('webhook_deliveries')).toBe(before.d + 1);
    expect(await count('notification_targets')).toBe(before.t + 1);
    expect(signed.version).toBe(item.version + 1);
  });

  it('notifications are written in the caller’s transaction: a rollback after 交办 leaves none', async () => {
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        await createItemIn(
          trx,
          TENANT,
          { title: TITLE, category: 'ordinary', lead: LEAD, supports: [SUPPORT], assign: true },
          users.admin as Actor,
          { now: beijing('2023-09-25') },
        );
        expect(await trx.selectFrom('notifications').select('id').execute()).toHaveLength(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await count('notifications')).toBe(0);
    expect(await count('notification_targets')).toBe(0);
  });
});
