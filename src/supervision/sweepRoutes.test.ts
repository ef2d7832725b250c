// Sweep routes over HTTP: the administrator sweeps now (audited), the item's ladder and the 约谈 list show the
// records, a liaison may read but not sweep; a bad step is a Chinese 400; an unknown item 404.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';

const TENANT = '140423';

forEachDatabase('sweep routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    clock = new Date('2023-09-25T09:00:00+08:00');
    ({ app, session } = await serverWithSessions(
      t.db,
      TENANT,
      [
        { username: 'admin', role: 'admin' },
        { username: 'fgj', role: 'liaison', unit: '县发改局' },
      ],
      { now: () => clock },
    ));
  });

  afterEach(async () => {
    await app?.close();
  });

  it('sweeps on demand and shows the ladder on the item and in the 约谈 list', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/supervision/items',
      ...session('admin'),
      payload: { title: '编制县域充电基础设施建设方案', category: 'ordinary', lead: '县发改局', assign: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().item.id as number;

    clock = new Date('2023-10-12T09:00:00+08:00');
    expect((await app.inject({ method: 'POST', url: '/api/supervision/sweep', ...session('fgj') })).statusCode).toBe(
      403,
    );
    const swept = await app.inject({ method: 'POST', url: '/api/supervision/sweep', ...session('admin') });
    expect(swept.statusCode, swept.body).toBe(200);
    expect(swept.json().report.recorded).toEqual({ urge: 1, notice: 1, interview: 1 });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'supervision:sweep')
      .execute();
    expect(audit).toHaveLength(1);

    const ladder = await app.inject({ method: 'GET', url: `/api/supervision/items/${id}/ladder`, ...session('fgj') });
    expect(ladder.json().ladder.map((l: { step: string }) => l.step)).toEqual(['urge', 'notice', 'interview']);
    const list = await app.inject({
      method: 'GET',
      url: '/api/supervision/ladder?step=interview',
      ...session('admin'),
    });
    expect(list.json().entries.map((e: { itemId: number; title: string }) => [e.itemId, e.title])).toEqual([
      [id, '编制县域充电基础设施建设方案'],
    ]);
    const state = await app.inject({ method: 'GET', url: '/api/supervision/sweep', ...session('fgj') });
    expect(state.json().state).toMatchObject({ sweeps: 1, lastSweptAt: clock.toISOString() });
    // the lead unit's liaison got the three reminders in the app (after the 交办 of the item)
    const inbox = await app.inject({ method: 'GET', url: '/api/notifications', ...session('fgj') });
    expect(inbox.json().items.map((n: { kind: string }) => n.kind)).toEqual([
      'supervision.interview',
      'supervision.notice',
      'supervision.urge',
      'supervision.assigned',
    ]);

    const bad = await app.inject({ method: 'GET', url: '/api/supervision/ladder?step=yuetan', ...session('admin') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('step 应为 urge（催办）、notice（通报）或 interview（约谈）');
    expect(
      (await app.inject({ method: 'GET', url: '/api/supervision/items/999/ladder', ...session('admin') })).statusCode,
    ).toBe(404);
  });
});
