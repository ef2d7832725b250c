// /api/docflow/countersigns over HTTP on real databases (SQLite and, with DATABASE_URL, PostgreSQL): the office
// creates, each liaison replies for its own unit only, silence past the due day reads as 视为无异议; refusals are
// Chinese and write no countersign data (a denied attempt leaves only its audit row).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../platform/db.ts';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';

const TENANT = '140423';
const beijing = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

/** The countersign tables and the notifications only (sessions and the audit trail move on every request). */
async function countersignData(db: Db): Promise<Record<string, string>> {
  const all = await databaseFingerprint(db);
  return Object.fromEntries(
    Object.entries(all).filter(([k]) => k.startsWith('countersign') || k.startsWith('notification')),
  );
}

forEachDatabase('countersign routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    clock = beijing('2023-09-28');
    ({ app, session } = await serverWithSessions(
      t.db,
      TENANT,
      [
        { username: 'admin', role: 'admin', displayName: '县政府办刘洋' },
        { username: 'head', role: 'leader', displayName: '王县长' },
        { username: 'czj', role: 'liaison', displayName: '财政局赵云', unit: '县财政局' },
        { username: 'sfj', role: 'liaison', displayName: '司法局钱程', unit: '县司法局' },
        { username: 'gaj', role: 'liaison', displayName: '公安局孙立', unit: '县公安局' },
      ],
      { now: () => clock },
    ));
  });
  afterEach(async () => {
    await app?.close();
  });

  const post = (u: string, url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object, ...session(u) });
  const get = (u: string, url: string) => app.inject({ method: 'GET', url, ...session(u) });
  const body = {
    title: '关于加强农村饮水安全工程管护的通知（代拟稿）',
    leadUnit: '县水利局',
    units: ['县财政局', '县司法局'],
    sentOn: '2023-09-28',
  };

  it('office creates, liaisons reply for their own unit, silence becomes 视为无异议', async () => {
    const c = await post('admin', '/api/docflow/countersigns', body);
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().request.id as number;
    expect(c.json().request.dueOn).toBe('2023-10-13');

    // the liaison's inbox has the request
    const inbox = await get('czj', '/api/notifications');
    expect(inbox.statusCode).toBe(200);
    expect(JSON.stringify(inbox.json())).toContain('docflow.countersign');

    clock = beijing('2023-10-09');
    const r = await post('czj', `/api/docflow/countersigns/${id}/reply`, { answer: 'agree', expectedVersion: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().request.units[0]).toMatchObject({ unit: '县财政局', answer: 'agree', repliedBy: '财政局赵云' });

    // a liaison sees only requests asking its unit
    expect((await get('gaj', '/api/docflow/countersigns')).json().requests).toEqual([]);
    expect((await get('gaj', `/api/docflow/countersigns/${id}`)).statusCode).toBe(404);
    expect((await get('sfj', '/api/docflow/countersigns')).json().requests).toHaveLength(1);

    clock = beijing('2023-10-16');
    const l = await get('head', '/api/docflow/countersigns');
    expect(l.statusCode).toBe(200);
    const req = l.json().requests[0];
    expect(req.units[1]).toMatchObject({ unit: '县司法局', answer: 'no-objection', answerLabel: '视为无异议' });
    expect(req.complete).toBe(true);
  });

  it('refuses in Chinese and writes no countersign data', async () => {
    const c = await post('admin', '/api/docflow/countersigns', body);
    const id = c.json().request.id as number;
    clock = beijing('2023-10-09');
    const before = await countersignData(t.db);

    // another unit's liaison
    const other = await post('gaj', `/api/docflow/countersigns/${id}/reply`, { unit: '县财政局', answer: 'agree' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/只能代表本单位（县公安局）办理，无权代表“县财政局”办理/);
    // its own unit is not asked
    const notAsked = await post('gaj', `/api/docflow/countersigns/${id}/reply`, { answer: 'agree' });
    expect(notAsked.statusCode).toBe(400);
    expect(notAsked.json().error.message).toMatch(/“县公安局”不在.*会签单位之中/);
    // a leader may not reply for a unit, a liaison may not create
    expect(
      (await post('head', `/api/docflow/countersigns/${id}/reply`, { unit: '县财政局', answer: 'agree' })).statusCode,
    ).toBe(403);
    const byLiaison = await post('czj', '/api/docflow/countersigns', body);
    expect(byLiaison.statusCode).toBe(403);
    expect(byLiaison.json().error.message).toBe('只有县政府办（管理员）可以发起会签。');
    // unknown unit, bad answer, bad date
    const unknown = await post('admin', '/api/docflow/countersigns', { ...body, units: ['县魔法局'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/单位“县魔法局”不在单位名录中/);
    expect((await post('czj', `/api/docflow/countersigns/${id}/reply`, { answer: 'maybe' })).statusCode).toBe(400);
    expect((await post('admin', '/api/docflow/countersigns', { ...body, sentOn: '28/09/2023' })).statusCode).toBe(400);
    // stale version
    const stale = await post('czj', `/api/docflow/countersigns/${id}/reply`, { answer: 'agree', expectedVersion: 5 });
    expect(stale.statusCode).toBe(409);
    // after the due day
    clock = beijing('2023-10-16');
    const late = await post('czj', `/api/docflow/countersigns/${id}/reply`, {
      answer: 'objection',
      opinion: '迟到的意见',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/已超过回复时限（2023-10-13）/);
    expect(await countersignData(t.db)).toEqual(before);

    const denied = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('outcome', '=', 'denied')
      .where('entity', '=', 'countersign_request')
      .execute();
    expect(denied.map((d) => d.action)).toContain('unit:act');
  });
});
