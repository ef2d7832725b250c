// /api/notifications and /api/webhooks over HTTP on real databases: each user sees what is addressed to them
// (user, role, unit), marks read; administrators manage webhook subscriptions (audited) and read the delivery
// log; bad input is a Chinese 400 naming the field and changes nothing; others get 401/403.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_ACCESS_CONFIG } from '../access/config.ts';
import type { User } from '../access/users.ts';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { notify } from './store.ts';

const TENANT = '140423';

forEachDatabase('notification routes', (t) => {
  let app: FastifyInstance;
  let session: (username: string) => TestSession;
  let users: Record<string, User>;

  beforeEach(async () => {
    ({ app, session, users } = await serverWithSessions(
      t.db,
      TENANT,
      [
        { username: 'admin', role: 'admin' },
        { username: 'leader', role: 'leader' },
        { username: 'fgj', role: 'liaison', unit: '县发改局' },
        { username: 'jyj', role: 'liaison', unit: '县教育局' },
      ],
      // the default session timeouts, on a fixed clock
      { now: () => new Date('2023-09-27T01:00:00Z'), access: DEFAULT_ACCESS_CONFIG },
    ));
  });

  afterEach(async () => {
    await app?.close();
  });

  const base = { kind: 'supervision.urge', body: '请尽快反馈。', source: { capability: 'supervision', id: 1 } };

  it('lists, counts and marks read what is addressed to the user', async () => {
    await notify(t.db, TENANT, { ...base, title: '给发改局', recipients: { units: ['县发改局'] }, dedupeKey: 'a' });
    await notify(t.db, TENANT, { ...base, title: '给领导', recipients: { roles: ['leader'] }, dedupeKey: 'b' });
    await notify(t.db, TENANT, {
      ...base,
      title: '给教育局联络员',
      recipients: { users: [users.jyj?.id as number] },
      dedupeKey: 'c',
    });

    const mine = await app.inject({ method: 'GET', url: '/api/notifications', ...session('fgj') });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((n: { title: string }) => n.title)).toEqual(['给发改局']);
    expect(mine.json().unread).toBe(1);
    const count = await app.inject({ method: 'GET', url: '/api/notifications/unread-count', ...session('leader') });
    expect(count.json()).toEqual({ unread: 1 });

    const other = mine.json().items[0].id as number;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      ...session('jyj'),
      payload: { ids: [other] },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toContain(`没有编号为 ${other} 的通知`);
    const read = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      ...session('fgj'),
      payload: { ids: [other] },
    });
    expect(read.json()).toEqual({ marked: 1, unread: 0 });
    const all = await app.inject({ method: 'POST', url: '/api/notifications/read', ...session('jyj'), payload: {} });
    expect(all.json()).toEqual({ marked: 1, unread: 0 });

    const bad = await app.inject({ method: 'GET', url: '/api/notifications?limit=0', ...session('fgj') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('limit');
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('lets administrators manage webhooks (audited) and read the delivery log; others are refused', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      ...session('admin'),
      payload: {
        name: '督查室钉钉群',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        format: 'dingtalk',
        secret: 'SECabc',
        kinds: ['supervision.*'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const sub = created.json().subscription;
    expect(sub).toMatchObject({ format: 'dingtalk', hasSecret: true, enabled: true, kinds: ['supervision.*'] });
    expect(JSON.stringify(created.json())).not.toContain('SECabc');

    const before = await databaseFingerprint(t.db);
    for (const [payload, field] of [
      [{ name: 'x', url: 'ftp://example.org/x', format: 'json' }, 'url'],
      [{ name: 'x', url: 'https://example.org/x', format: 'slack' }, 'format'],
      [{ name: '', url: 'https://example.org/x', format: 'json' }, 'name'],
      [{ name: 'x', url: 'https://example.org/x', format: 'json', kinds: ['Bad Kind'] }, 'kinds.0'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/webhooks', ...session('admin'), payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/请求体“/);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);

    const off = await app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${sub.id}`,
      ...session('admin'),
      payload: { enabled: false },
    });
    expect(off.json().subscription.enabled).toBe(false);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'webhook_subscription')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook:create', 'webhook:update']);

    const log = await app.inject({ method: 'GET', url: `/api/webhooks/${sub.id}/deliveries`, ...session('admin') });
    expect(log.json()).toEqual({ deliveries: [] });
    expect(
      (await app.inject({ method: 'GET', url: '/api/webhooks/999/deliveries', ...session('admin') })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/webhooks', ...session('leader') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/webhooks', ...session('fgj') })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/webhooks/deliveries/1/retry', ...session('admin') })).statusCode,
    ).toBe(409);
  });
});
