// The outage incidents API (issue #7) over HTTP on real databases (SQLite, and PostgreSQL when
// DATABASE_URL is set): grading and both response readings on creation, 首报/续报 rules, the 指挥部's
// decision (leaders only, audited), §5.4.2 termination, CAP warnings validated against CAP 1.2,
// refusals that leave nothing behind, and stale versions.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUser } from '../access/users.ts';
import { buildServer } from '../platform/http.ts';
import { forEachDatabase, signIn, type TestSession } from '../platform/testing.ts';
import { capSchemaAvailable, capSchemaErrors } from './capSchema.testkit.ts';
import { createCommand, FORM, publishWarning } from './workflow.testkit.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';
const hasSchema = capSchemaAvailable();

/** 45% of a 300 MW county grid: 一般 by 附件1; §5.2 says 二级, 附件4 says 三级 (docs/emergency.md §2). */
const OUTAGE = {
  title: '城区 110kV 变电站故障停电',
  grid: 'county-city',
  loadMw: 300,
  lostLoadPct: 45,
  judgedAt: '2026-07-03T14:00:00+08:00',
};

const ALL_MET = {
  gridRestored: true,
  lostLoadRestoredPct: 85,
  keyAreasRestoredPct: 95,
  hazardsEliminated: true,
  secondaryIncidentsHandled: true,
};

forEachDatabase('emergency routes', (t) => {
  let app: FastifyInstance;

  beforeEach(async () => {
    await createUser(t.db, TENANT, { username: 'duty', password: PASSWORD, role: 'admin' });
    await createUser(t.db, TENANT, { username: 'leader', password: PASSWORD, role: 'leader' });
    // the 指挥长 (§2.1.1): starts 二级/一级 and terminates them (§5.2.2, §5.4.2)
    await t.db.db
      .insertInto('command_posts')
      .values({
        tenant: TENANT,
        username: 'leader',
        post: 'commander',
        unit: null,
        assigned_by: 'test',
        assigned_at: '2026-07-01T00:00:00Z',
      })
      .execute();
    await createUser(t.db, TENANT, { username: 'nyj', password: PASSWORD, role: 'liaison', unit: '县能源局' });
    app = await buildServer({ db: t.db, tenant: TENANT });
  });

  afterEach(async () => {
    await app?.close();
  });

  const login = (username: string): Promise<TestSession> => signIn(app, username, PASSWORD);

  const counts = async () => {
    const n = async (table: string) =>
      Number(
        (await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db.db)).rows[0]?.n,
      );
    return { incidents: await n('incidents'), events: await n('incident_events'), audit: await n('audit_log') };
  };

  const create = async (s: TestSession, body: Record<string, unknown> = OUTAGE) => {
    const res = await app.inject({ method: 'POST', url: '/api/incidents', ...s, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { incident: { id: number; version: number } };
  };

  it('creates an incident from a grading input: 一般, both readings, inconsistent; staff read it with its clocks', async () => {
    const duty = await login('duty');
    const created = await create(duty);
    const inc = created.incident as Record<string, unknown> & { id: number };
    expect(inc).toMatchObject({ status: 'Actual', level: '一般', color: 'blue', state: 'active', version: 1 });
    const response = inc.response as { readings: { basis: string; level: string }[]; consistent: boolean };
    expect(response.readings.map((r) => [r.basis, r.level])).toEqual([
      ['§5.2', '二级'],
      ['附件4', '三级'],
    ]);
    expect(response.consistent).toBe(false);
    expect(inc.decision).toBeNull();

    const liaison = await login('nyj');
    const list = await app.inject({ method: 'GET', url: '/api/incidents', ...liaison });
    expect(list.statusCode).toBe(200);
    expect(list.json().incidents.map((i: { id: number }) => i.id)).toEqual([inc.id]);
    const detail = await app.inject({ method: 'GET', url: `/api/incidents/${inc.id}`, ...liaison });
    expect(detail.statusCode).toBe(200);
    const clocks = detail.json().clocks as Record<string, unknown>[];
    expect(clocks.map((c) => c.id)).toEqual([
      'energy-bureau-phone',
      'tracking-1',
      'energy-bureau-written',
      'county-to-city',
    ]);
    for (const c of clocks) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'label', 'dueAt', 'remainingMs', 'state']));
    }
    expect(clocks[0]).toMatchObject({ dueAt: '2026-07-03T06:30:00.000Z' });

    expect((await app.inject({ method: 'GET', url: '/api/incidents' })).statusCode).toBe(401);
    const missing = await app.inject({ method: 'GET', url: '/api/incidents/9999', ...liaison });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/未找到编号为 9999 的停电事件/);
    const byLiaison = await app.inject({ method: 'POST', url: '/api/incidents', ...liaison, payload: OUTAGE });
    expect(byLiaison.statusCode).toBe(403);
  });

  it('refuses bad input with a Chinese 400 naming the field, and records nothing', async () => {
    const duty = await login('duty');
    const before = await counts();
    for (const [patch, field] of [
      [{ lostLoadPct: 120 }, 'lostLoadPct'],
      [{ loadMw: -5 }, 'loadMw'],
      [{ grid: 'village' }, 'grid'],
      [{ judgedAt: '2026-07-03 14:00' }, 'judgedAt'],
      [{ status: 'Exercise', drillForm: '演讲' }, 'drillForm'],
      [{ drillForm: '桌面推演' }, 'drillForm'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/incidents',
        ...duty,
        payload: { ...OUTAGE, ...patch },
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await counts()).toEqual(before);
  });

  it('takes 首报 then 续报; a 续报 before the 首报 is refused and leaves nothing', async () => {
    const duty = await login('duty');
    const { incident } = await create(duty);
    const url = `/api/incidents/${incident.id}/reports`;
    const report = (kind: string, at: string, version: number) => ({
      kind,
      channel: 'phone',
      from: 'county-energy-bureau',
      to: ['city-energy-bureau', 'county-government'],
      at,
      version,
    });

    const before = await counts();
    const early = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: report('follow-up', '2026-07-03T14:10:00+08:00', 1),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toMatch(/尚未首报/);
    expect(await counts()).toEqual(before);

    const first = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: report('first', '2026-07-03T14:10:00+08:00', 1),
    });
    expect(first.statusCode, first.body).toBe(200);
    const follow = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: report('follow-up', '2026-07-03T14:40:00+08:00', 2),
    });
    expect(follow.statusCode, follow.body).toBe(200);
    const body = follow.json();
    expect(body.incident.version).toBe(3);
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual(['report-first', 'report-follow-up']);
    const phone = body.clocks.find((c: { id: string }) => c.id === 'energy-bureau-phone');
    expect(phone).toMatchObject({ state: 'met', doneAt: '2026-07-03T06:10:00.000Z' });
  });

  it('records the leader’s decision (audited); an administrator may not decide', async () => {
    const duty = await login('duty');
    const { incident } = await create(duty);
    const url = `/api/incidents/${incident.id}/decision`;
    const payload = { level: '二级', note: '按 §5.2.2 属一般大面积停电事件，启动二级响应', version: 1 };

    const byAdmin = await app.inject({ method: 'POST', url, ...duty, payload });
    expect(byAdmin.statusCode).toBe(403);

    const leader = await login('leader');
    const res = await app.inject({ method: 'POST', url, ...leader, payload });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.incident.decision).toMatchObject({ level: '二级', by: 'leader', note: payload.note });
    const event = body.events.at(-1);
    expect(event.kind).toBe('response-started');
    expect(event.payload.agreesWith).toEqual(['§5.2']);

    const audit = await app.inject({
      method: 'GET',
      url: `/api/audit?action=incident:decide&entityId=${incident.id}`,
      ...leader,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().entries).toHaveLength(1);
    expect(audit.json().entries[0]).toMatchObject({ actorName: 'leader', outcome: 'ok' });
  });

  it('refuses termination naming the unmet §5.4.2 condition, and accepts it when all hold', async () => {
    const duty = await login('duty');
    const leader = await login('leader');
    const { incident } = await create(duty);
    const url = `/api/incidents/${incident.id}/terminate`;
    const before = await counts();
    const refused = await app.inject({
      method: 'POST',
      url,
      ...leader,
      payload: { conditions: { ...ALL_MET, lostLoadRestoredPct: 50 }, version: 1 },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/减供负荷恢复 50%，未达到 80% 以上/);
    expect(refused.json().error.details.unmet).toHaveLength(1);
    expect(await counts()).toEqual(before);

    const byAdmin = await app.inject({ method: 'POST', url, ...duty, payload: { conditions: ALL_MET, version: 1 } });
    expect(byAdmin.statusCode).toBe(403);

    const ok = await app.inject({ method: 'POST', url, ...leader, payload: { conditions: ALL_MET, version: 1 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().incident.state).toBe('terminated');
    expect(ok.json().events.at(-1).kind).toBe('terminated');
    const late = await app.inject({
      method: 'POST',
      url: `/api/incidents/${incident.id}/decision`,
      ...leader,
      payload: { level: '三级', note: '终止后', version: 2 },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toMatch(/响应已终止/);
  });

  it('answers 409 with a Chinese message to a stale version', async () => {
    const duty = await login('duty');
    const { incident } = await create(duty);
    const url = `/api/incidents/${incident.id}/tracking`;
    const first = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: { at: '2026-07-03T14:20:00+08:00', version: 1 },
    });
    expect(first.statusCode, first.body).toBe(200);
    const before = await counts();
    const stale = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: { at: '2026-07-03T14:50:00+08:00', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.message).toMatch(/已被他人修改.*第 1 版.*第 2 版/);
    expect(await counts()).toEqual(before);
  });

  it('issues and updates a warning as CAP 1.2 through the 附件7 form: the Update references the first alert', async () => {
    const duty = await login('duty');
    await createCommand(t.db, TENANT, app, duty);
    const s = { duty, director: await login('director'), commander: await login('commander') };
    const { incident } = await create(duty, { ...OUTAGE, stage: 'warning' });
    const url = `/api/incidents/${incident.id}/warnings`;
    const early = await app.inject({ method: 'POST', url, ...duty, payload: { action: 'update', version: 1 } });
    expect(early.statusCode).toBe(400);
    // §3.3.1 / 附件7: a warning is not issued directly.
    const direct = await app.inject({ method: 'POST', url, ...duty, payload: { action: 'issue', version: 1 } });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().error.message).toMatch(/附件7《信息发布审批表》/);

    const a = await publishWarning(app, s, incident.id, { action: 'issue', level: '一般' });
    expect(a.capXml).toContain('<msgType>Alert</msgType>');
    const events = a.events as { payload: Record<string, string> }[];
    const first = events.at(-1)?.payload as { identifier: string; sender: string; capSent: string };

    const u = await publishWarning(app, s, incident.id, { action: 'update', level: '较大' });
    expect(u.capXml).toContain('<msgType>Update</msgType>');
    expect(u.capXml).toContain(`<references>${first.sender},${first.identifier},${first.capSent}</references>`);
    const uEvents = u.events as { id: number; payload: Record<string, string> }[];
    const uEvent = uEvents.at(-1) as { id: number; payload: Record<string, string> };
    expect(uEvent.payload.publicationNumber).toBe(`${TENANT}-FB-${incident.id}-2`);

    const xml = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/cap/${uEvent.id}`, ...duty });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.body).toBe(u.capXml);

    const cancel = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: { action: 'cancel', version: u.incident.version },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().incident.state).toBe('closed');
    expect(cancel.json().capXml).toContain(`<references>${uEvent.payload.sender},`);
    const again = await app.inject({
      method: 'POST',
      url: `/api/incidents/${incident.id}/publications`,
      ...duty,
      payload: { ...FORM, warning: { action: 'issue', level: '一般' } },
    });
    expect(again.statusCode).toBe(400); // closed
  });

  it.skipIf(!hasSchema)(
    'every warning message validates against CAP 1.2 (cap12.xsd), a drill’s as Exercise',
    async () => {
      const duty = await login('duty');
      await createCommand(t.db, TENANT, app, duty);
      const s = { duty, director: await login('director'), commander: await login('commander') };
      const xmls: string[] = [];
      for (const body of [OUTAGE, { ...OUTAGE, status: 'Exercise', drillForm: '实战演练' }]) {
        const { incident } = await create(duty, body);
        xmls.push((await publishWarning(app, s, incident.id, { action: 'issue', level: '一般' })).capXml);
        const u = await publishWarning(app, s, incident.id, { action: 'update', level: '较大' });
        xmls.push(u.capXml);
        const res = await app.inject({
          method: 'POST',
          url: `/api/incidents/${incident.id}/warnings`,
          ...duty,
          payload: { action: 'cancel', version: u.incident.version },
        });
        expect(res.statusCode, res.body).toBe(200);
        xmls.push(res.json().capXml);
      }
      expect(xmls.filter((x) => x.includes('<status>Exercise</status>'))).toHaveLength(3);
      expect(await capSchemaErrors(xmls)).toEqual([]);
    },
  );

  it('counts drills (status Exercise) per year for §8.1', async () => {
    const duty = await login('duty');
    await create(duty, {
      ...OUTAGE,
      status: 'Exercise',
      drillForm: '桌面推演',
      title: '2024 年大面积停电桌面推演',
      judgedAt: '2024-05-10T09:00:00+08:00',
    });
    await create(duty); // Actual: not a drill
    const res = await app.inject({ method: 'GET', url: '/api/drills/coverage', ...duty });
    expect(res.statusCode).toBe(200);
    const years = res.json().years as { year: number; state: string; drills: unknown[] }[];
    expect(years.find((y) => y.year === 2023)?.state).toBe('missing');
    expect(years.find((y) => y.year === 2024)).toMatchObject({ state: 'covered' });
    expect(years.find((y) => y.year === 2024)?.drills).toHaveLength(1);
  });
});
