// notify() in the caller's transaction, dedupe, the in-app inbox, and webhook delivery to a REAL local HTTP
// server (node:http) that checks DingTalk signatures like the robot does: retries with backoff, every attempt
// logged with status, HTTP code, error and duration. On SQLite and PostgreSQL.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import { dingtalkSign } from './payloads.ts';
import {
  createSubscription,
  deliveryLog,
  listNotifications,
  markRead,
  type NotifyInput,
  notify,
  notifyMany,
  type Reader,
  unreadCount,
  updateSubscription,
} from './store.ts';
import { deliverDue } from './worker.ts';

const TENANT = '140423';
const LEAD = '县发改局';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const input = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  recipients: { units: [LEAD] },
  kind: 'supervision.urge',
  title: '催办：编制县域充电基础设施建设方案',
  body: '研究部署时限 2023-09-26 已过。',
  link: '/supervision/1',
  dedupeKey: 'supervision:ladder:1:2023-09-26:urge',
  source: { capability: 'supervision', id: 1 },
  at: new Date('2023-09-27T01:00:00Z'),
  ...over,
});

const liaison: Reader = { id: 3, role: 'liaison', unit: LEAD };
const otherLiaison: Reader = { id: 4, role: 'liaison', unit: '县教育局' };
const admin: Reader = { id: 1, role: 'admin', unit: null };

forEachDatabase('notifications store', (t) => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** What the server answers next (a queue; the last one repeats). */
  let answers: { status: number; body: string; delayMs?: number }[] = [];

  beforeEach(async () => {
    received.length = 0;
    answers = [{ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }];
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body });
        const a =
          answers.length > 1 ? (answers.shift() as (typeof answers)[number]) : (answers[0] as (typeof answers)[number]);
        const send = () => {
          res.writeHead(a.status, { 'content-type': 'application/json' });
          res.end(a.body);
        };
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('notifies in the caller transaction, never twice for one dedupe key, and not at all on rollback', async () => {
    const first = await t.db.db.transaction().execute((trx) => notify(trx, TENANT, input()));
    expect(first.created).toBe(true);
    const again = await t.db.db.transaction().execute((trx) => notify(trx, TENANT, input({ title: '另一个标题' })));
    expect(again).toEqual({ id: first.id, created: false, deliveries: 0 });

    const before = await databaseFingerprint(t.db);
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        await notify(trx, TENANT, input({ dedupeKey: 'rolled-back' }));
        throw new Error('调用方失败');
      }),
    ).rejects.toThrow('调用方失败');
    expect(await databaseFingerprint(t.db)).toEqual(before);

    const list = await listNotifications(t.db, TENANT, liaison);
    expect(list.items.map((n) => n.title)).toEqual(['催办：编制县域充电基础设施建设方案']);
    expect(list.unread).toBe(1);
  });

  it('notifies many at once with the same guarantees: a repeated or already used key is created once', async () => {
    await createSubscription(t.db, TENANT, { name: '全部', url: `${base}/all`, format: 'json' }, 'x');
    const before = await notify(t.db, TENANT, input({ dedupeKey: 'k0' }));
    const results = await t.db.db
      .transaction()
      .execute((trx) =>
        notifyMany(trx, TENANT, [
          input({ dedupeKey: 'k0' }),
          input({ dedupeKey: 'k1', title: '一' }),
          input({ dedupeKey: 'k1', title: '重复' }),
          input({ dedupeKey: 'k2', title: '二', recipients: { roles: ['admin'], units: [LEAD] } }),
        ]),
      );
    expect(results.map((r) => [r.created, r.deliveries])).toEqual([
      [false, 0],
      [true, 1],
      [false, 0],
      [true, 1],
    ]);
    expect(results[0]?.id).toBe(before.id);
    expect(results[2]?.id).toBe(results[1]?.id);
    expect((await listNotifications(t.db, TENANT, liaison)).items.map((n) => n.title).sort()).toEqual(
      ['一', '二', '催办：编制县域充电基础设施建设方案'].sort(),
    );
    expect((await listNotifications(t.db, TENANT, admin)).items.map((n) => n.title)).toEqual(['二']);
  });

  it('refuses bad input in Chinese naming the field, writing nothing', async () => {
    const before = await databaseFingerprint(t.db);
    await expect(notify(t.db, TENANT, input({ recipients: {} }))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      location: { field: 'recipients' },
    });
    await expect(notify(t.db, TENANT, input({ kind: 'Urge' }))).rejects.toThrow(/通知的“kind”不正确/);
    await expect(notify(t.db, TENANT, input({ title: ' ' }))).rejects.toThrow(/标题不能为空/);
    await expect(notify(t.db, TENANT, input({ dedupeKey: '' }))).rejects.toThrow(/去重键/);
    await expect(notify(t.db, TENANT, input({ recipients: { users: [0] } }))).rejects.toThrow(/用户编号“0”/);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('shows a notification to the listed units, users and roles only, and keeps read marks per user', async () => {
    await notify(t.db, TENANT, input({ dedupeKey: 'a', title: '给发改局' }));
    await notify(t.db, TENANT, input({ dedupeKey: 'b', title: '给县政府办', recipients: { roles: ['admin'] } }));
    await notify(t.db, TENANT, input({ dedupeKey: 'c', title: '给 4 号用户', recipients: { users: [4] } }));
    await notify(t.db, '140400', input({ dedupeKey: 'a', title: '另一租户' }));

    const titles = async (r: Reader) => (await listNotifications(t.db, TENANT, r)).items.map((n) => n.title);
    expect(await titles(liaison)).toEqual(['给发改局']);
    expect(await titles(otherLiaison)).toEqual(['给 4 号用户']);
    expect(await titles(admin)).toEqual(['给县政府办']);

    const [mine] = (await listNotifications(t.db, TENANT, liaison)).items;
    await expect(markRead(t.db, TENANT, otherLiaison, [mine?.id as number])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await markRead(t.db, TENANT, liaison, [mine?.id as number])).toEqual({ marked: 1, unread: 0 });
    expect(await markRead(t.db, TENANT, liaison, [mine?.id as number])).toEqual({ marked: 0, unread: 0 });
    expect((await listNotifications(t.db, TENANT, liaison, { unreadOnly: true })).items).toEqual([]);
    // another liaison of the same unit still has it unread
    expect(await unreadCount(t.db, TENANT, { id: 9, role: 'liaison', unit: LEAD })).toBe(1);
    expect(await markRead(t.db, TENANT, admin, null)).toEqual({ marked: 1, unread: 0 });
  });

  it('delivers to a DingTalk robot with a valid signature and logs the attempt', async () => {
    const secret = 'SECtest-secret-123';
    const sub = await createSubscription(
      t.db,
      TENANT,
      {
        name: '督查室钉钉群',
        url: `${base}/robot/send?access_token=tok`,
        format: 'dingtalk',
        secret,
        kinds: ['supervision.*'],
      },
      '督查室张敏',
    );
    const r = await notify(t.db, TENANT, input());
    expect(r.deliveries).toBe(1);
    await notify(t.db, TENANT, input({ dedupeKey: 'e1', kind: 'emergency.deadline' })); // filtered out
    const now = new Date('2023-09-27T01:00:05Z');
    expect(await deliverDue(t.db, TENANT, { now, baseUrl: 'https://luoshi.example' })).toEqual({
      attempted: 1,
      delivered: 1,
      retrying: 0,
      failed: 0,
    });
    expect(received).toHaveLength(1);
    const got = received[0] as Received;
    const url = new URL(got.url, base);
    const ts = Number(url.searchParams.get('timestamp'));
    expect(ts).toBe(now.getTime());
    // the robot's own check: recompute the sign from the timestamp and the secret
    expect(url.searchParams.get('sign')).toBe(dingtalkSign(secret, ts));
    expect(url.searchParams.get('access_token')).toBe('tok');
    expect(JSON.parse(got.body)).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '催办：编制县域充电基础设施建设方案' },
    });
    expect(JSON.parse(got.body).markdown.text).toContain('[查看详情](https://luoshi.example/supervision/1)');

    const log = await deliveryLog(t.db, TENANT, sub.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 1, nextAttemptAt: null, lastError: null });
    expect(log[0]?.log).toHaveLength(1);
    expect(log[0]?.log[0]).toMatchObject({ ok: true, httpStatus: 200, error: null });
    expect(log[0]?.log[0]?.durationMs).toBeGreaterThanOrEqual(0);
    // nothing more to send
    expect((await deliverDue(t.db, TENANT, { now })).attempted).toBe(0);
  });

  it('retries a failing endpoint with backoff, logs every attempt, and gives up after the last one', async () => {
    const sub = await createSubscription(
      t.db,
      TENANT,
      { name: '通用', url: `${base}/hook`, format: 'json', secret: 'k' },
      'x',
    );
    await notify(t.db, TENANT, input());
    answers = [
      { status: 500, body: 'boom' },
      { status: 200, body: '' },
    ];
    const t0 = new Date('2023-09-27T01:00:05Z');
    expect((await deliverDue(t.db, TENANT, { now: t0 })).retrying).toBe(1);
    // not yet due again 30 s later; due after the 1-minute backoff
    expect((await deliverDue(t.db, TENANT, { now: new Date(t0.getTime() + 30_000) })).attempted).toBe(0);
    expect((await deliverDue(t.db, TENANT, { now: new Date(t0.getTime() + 61_000) })).delivered).toBe(1);
    expect(received.map((r) => r.headers['x-luoshi-event'])).toEqual(['supervision.urge', 'supervision.urge']);
    expect(String(received[0]?.headers['x-luoshi-signature'])).toMatch(/^t=\d+,sha256=[0-9a-f]{64}$/);
    const [d] = await deliveryLog(t.db, TENANT, sub.id);
    expect(d?.log.map((a) => [a.ok, a.httpStatus, a.error])).toEqual([
      [false, 500, '对方返回 HTTP 500：boom'],
      [true, 200, null],
    ]);

    // an endpoint that is down: connection refused, six attempts, then failed
    await updateSubscription(t.db, TENANT, sub.id, { url: 'http://127.0.0.1:1/down' });
    await notify(t.db, TENANT, input({ dedupeKey: 'down' }));
    let at = new Date('2023-09-28T00:00:00Z');
    for (let i = 0; i < 6; i++) {
      const rep = await deliverDue(t.db, TENANT, { now: at, timeoutMs: 2000 });
      expect(rep.attempted).toBe(1);
      at = new Date(at.getTime() + 7 * 3_600_000);
    }
    const down = (await deliveryLog(t.db, TENANT, sub.id)).find((x) => x.status !== 'delivered');
    expect(down).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null });
    expect(down?.log).toHaveLength(6);
    expect(down?.log.every((a) => a.httpStatus === null && /无法连接/.test(a.error ?? ''))).toBe(true);
    expect((await deliverDue(t.db, TENANT, { now: at })).attempted).toBe(0);
  });

  it('times out a slow endpoint and logs it', async () => {
    const sub = await createSubscription(
      t.db,
      TENANT,
      { name: '企业微信', url: `${base}/wecom`, format: 'wecom' },
      'x',
    );
    await notify(t.db, TENANT, input());
    answers = [{ status: 200, body: '{"errcode":0}', delayMs: 1500 }];
    const rep = await deliverDue(t.db, TENANT, { now: new Date('2023-09-27T02:00:00Z'), timeoutMs: 200 });
    expect(rep.retrying).toBe(1);
    const [d] = await deliveryLog(t.db, TENANT, sub.id);
    expect(d?.log[0]?.error).toBe('请求超时（200 毫秒内没有应答）');
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ msgtype: 'markdown' });
  });

  it('queues nothing for a disabled subscription', async () => {
    const sub = await createSubscription(
      t.db,
      TENANT,
      { name: 'off', url: `${base}/x`, format: 'json', enabled: false },
      'x',
    );
    expect((await notify(t.db, TENANT, input())).deliveries).toBe(0);
    expect(await deliveryLog(t.db, TENANT, sub.id)).toEqual([]);
  });
});
