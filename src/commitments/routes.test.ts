// /api/commitments over HTTP on real databases: the public gets 401, staff read, only the county office
// (admin) reviews, CSRF is required, conflicts answer 409 and bad corrections 400.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { cliActor } from '../access/audit.ts';
import { createUser } from '../access/users.ts';
import { parseGazette } from '../gazette/parse.ts';
import { buildServer } from '../platform/http.ts';
import { importGazette } from '../platform/importing.ts';
import { forEachDatabase, signIn, type TestSession } from '../platform/testing.ts';
import type { CommitmentDto } from './store.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';
const hasSeed = seedAvailable();

forEachDatabase('commitments routes', (t) => {
  let app: FastifyInstance;

  beforeEach(async () => {
    if (!hasSeed) return;
    const text = seedText();
    await importGazette(
      t.db,
      { tenant: TENANT, issue: parseGazette(text), source: text, sourceName: 'seed.txt' },
      cliActor('t'),
    );
    await createUser(t.db, TENANT, { username: 'admin', password: PASSWORD, role: 'admin' });
    await createUser(t.db, TENANT, { username: 'fgj', password: PASSWORD, role: 'liaison', unit: '县发改局' });
    app = await buildServer({ db: t.db, tenant: TENANT });
  });

  afterEach(async () => {
    await app?.close();
  });

  const login = (username: string): Promise<TestSession> => signIn(app, username, PASSWORD);

  const firstTask = async (s: TestSession): Promise<CommitmentDto> => {
    const res = await app.inject({ method: 'GET', url: '/api/commitments?kind=task&status=pending', ...s });
    expect(res.statusCode).toBe(200);
    const task = (res.json().commitments as CommitmentDto[])[0];
    if (!task) throw new Error('no task');
    return task;
  };

  it.skipIf(!hasSeed)('the public must sign in', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/commitments' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/commitments/1' })).statusCode).toBe(401);
    const post = await app.inject({
      method: 'POST',
      url: '/api/commitments/1/review',
      payload: { action: 'confirm', version: 1 },
    });
    expect(post.statusCode).toBe(401);
  });

  it.skipIf(!hasSeed)('a liaison reads records with their source clause but may not review', async () => {
    const s = await login('fgj');
    const task = await firstTask(s);
    const detail = await app.inject({ method: 'GET', url: `/api/commitments/${task.id}`, ...s });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.commitment.id).toBe(task.id);
    expect(body.clause).toMatchObject({ eId: task.eId, citation: task.citation });
    expect(body.clause.text.length).toBeGreaterThan(0);
    const review = await app.inject({
      method: 'POST',
      url: `/api/commitments/${task.id}/review`,
      ...s,
      payload: { action: 'confirm', version: task.version },
    });
    expect(review.statusCode).toBe(403);
    expect(review.json().error.message).toMatch(/无权审核/);
  });

  it.skipIf(!hasSeed)('an administrator reviews; CSRF is required; conflicts and bad input are named', async () => {
    const s = await login('admin');
    const task = await firstTask(s);
    const url = `/api/commitments/${task.id}/review`;

    const noCsrf = await app.inject({
      method: 'POST',
      url,
      cookies: s.cookies,
      payload: { action: 'confirm', version: task.version },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF');

    const bad = await app.inject({
      method: 'POST',
      url,
      ...s,
      payload: { action: 'correct', corrected: { lead: [] }, version: task.version },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'corrected.lead' });

    const badAction = await app.inject({ method: 'POST', url, ...s, payload: { action: 'approve', version: 1 } });
    expect(badAction.statusCode).toBe(400);

    const ok = await app.inject({
      method: 'POST',
      url,
      ...s,
      payload: { action: 'correct', corrected: { lead: ['县气象局'] }, note: '核对原文', version: task.version },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().commitment).toMatchObject({
      status: 'corrected',
      corrected: { lead: ['县气象局'] },
      note: '核对原文',
    });

    const stale = await app.inject({
      method: 'POST',
      url,
      ...s,
      payload: { action: 'confirm', version: task.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/已被修改.*请刷新/);

    const corrected = await app.inject({ method: 'GET', url: '/api/commitments?status=corrected', ...s });
    expect((corrected.json().commitments as CommitmentDto[]).map((c) => c.id)).toEqual([task.id]);

    const badQuery = await app.inject({ method: 'GET', url: '/api/commitments?kind=foo', ...s });
    expect(badQuery.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/commitments/999999', ...s })).statusCode).toBe(404);
  });
});
