// Sweep routes over HTTP: the administrator sweeps now (audited), the item's ladder and the 约谈 list show the
// records, a liaison may read but not sweep; a bad step is a Chinese 400; an unknown item 404.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUser } from '../access/users.ts';
import { buildServer } from '../platform/http.ts';
import { forEachDatabase } from '../platform/testing.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';

forEachDatabase('sweep routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  const s: Record<string, { cookies: { luoshi_sid: string }; headers: { 'x-csrf-token': string } }> = {};

  beforeEach(async () => {
    clock = new Date('2023-09-25T09:00:00+08:00');
    await createUser(t.db, TENANT, { username: 'admin', password: PASSWORD, role: 'admin' });
    await createUser(t.db, TENANT, { username: 'fgj', password: PASSWORD, role: 'liaison', unit: '县发改局' });
    app = await buildServer({
      db: t.db,
      tenant: TENANT,
      access: { now: () => clock, idleMinutes: 10_000_000, absoluteHours: 1_000_000 },
    });
    for (const u of ['admin', 'fgj']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u, password: PASSWORD },
      });
      s[u] = {
        cookies: { luoshi_sid: res.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '' },
        headers: { 'x-csrf-token': res.json().csrfToken as string },
      };
    }
  });

  afterEach(async () => {
    await app?.close();
  });

  it('sweeps on demand and shows the ladder on the item and in the 约谈 list', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/supervision/items',
      ...s.admin,
      payload: { title: '编制县域充电基础设施建设方案', category: 'ordinary', lead: '县发改局', assign: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().item.id as number;

    clock = new Date('2023-10-12T09:00:00+08:00');
    expect((await app.inject({ method: 'POST', url: '/api/supervision/sweep', ...s.fgj })).statusCode).toBe(403);
    const swept = await app.inject({ method: 'POST', url: '/api/supervision/sweep', ...s.admin });
    expect(swept.statusCode, swept.body).toBe(200);
    expect(swept.json().report.recorded).toEqual({ urge: 1, notice: 1, interview: 1 });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'supervision:sweep')
      .execute();
    expect(audit).toHaveLength(1);

    const ladder = await app.inject({ method: 'GET', url: `/api/supervision/items/${id}/ladder`, ...s.fgj });
    expect(ladder.json().ladder.map((l: { step: string }) => l.step)).toEqual(['urge', 'notice', 'interview']);
    const list = await app.inject({ method: 'GET', url: '/api/supervision/ladder?step=interview', ...s.admin });
    expect(list.json().entries.map((e: { itemId: number; title: string }) => [e.itemId, e.title])).toEqual([
      [id, '编制县域充电基础设施建设方案'],
    ]);
    const state = await app.inject({ method: 'GET', url: '/api/supervision/sweep', ...s.fgj });
    expect(state.json().state).toMatchObject({ sweeps: 1, lastSweptAt: clock.toISOString() });
    // the lead unit's liaison got the three reminders in the app (after the 交办 of the item)
    const inbox = await app.inject({ method: 'GET', url: '/api/notifications', ...s.fgj });
    expect(inbox.json().items.map((n: { kind: string }) => n.kind)).toEqual([
      'supervision.interview',
      'supervision.notice',
      'supervision.urge',
      'supervision.assigned',
    ]);

    const bad = await app.inject({ method: 'GET', url: '/api/supervision/ladder?step=yuetan', ...s.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('step 应为 urge（催办）、notice（通报）或 interview（约谈）');
    expect((await app.inject({ method: 'GET', url: '/api/supervision/items/999/ladder', ...s.admin })).statusCode).toBe(
      404,
    );
  });
});
