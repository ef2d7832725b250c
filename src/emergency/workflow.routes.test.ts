// The emergency workflow over HTTP on real databases (SQLite, and PostgreSQL when DATABASE_URL is set):
// 附件7 审批 before a warning is published (posts inside the 指挥部, refusals with reasons, audited), 后期处置
// (§7) after termination and closing, and bad input that leaves nothing behind.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUser } from '../access/users.ts';
import { buildServer } from '../platform/http.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { createCommand, FORM, login, PASSWORD, type Session } from './workflow.testkit.ts';

const TENANT = '140423';
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

forEachDatabase('emergency workflow routes', (t) => {
  let app: FastifyInstance;
  let duty: Session;
  let director: Session;
  let commander: Session;

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
    app = await buildServer({ db: t.db, tenant: TENANT });
    duty = await login(app, 'duty');
    await createCommand(t.db, TENANT, app, duty);
    director = await login(app, 'director');
    commander = await login(app, 'commander');
  });

  afterEach(async () => {
    await app?.close();
  });

  const counts = async () => {
    const n = async (table: string) =>
      Number(
        (await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db.db)).rows[0]?.n,
      );
    return {
      incidents: await n('incidents'),
      events: await n('incident_events'),
      publications: await n('incident_publications'),
      audit: await n('audit_log'),
    };
  };

  const create = async (body: Record<string, unknown> = OUTAGE) => {
    const res = await app.inject({ method: 'POST', url: '/api/incidents', ...duty, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().incident as { id: number; version: number };
  };

  it('附件7: 填报 → 审核 (办公室主任) → 审批 (指挥长) → 发布 makes the CAP alert; the wrong people are refused', async () => {
    const inc = await create({ ...OUTAGE, stage: 'warning' });
    const base = `/api/incidents/${inc.id}/publications`;
    const drafted = await app.inject({
      method: 'POST',
      url: base,
      ...duty,
      payload: { ...FORM, warning: { action: 'issue', level: '一般' } },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const pub = drafted.json().publication;
    expect(pub).toMatchObject({
      number: `${TENANT}-FB-${inc.id}-1`,
      state: 'draft',
      openActions: ['review', 'withdraw'],
    });
    const act = (who: Session, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `${base}/${pub.id}/actions`, ...who, payload });

    // The duty office cannot review (incident:decide); a leader without the post cannot either.
    expect((await act(duty, { action: 'review', agree: true, version: 1 })).statusCode).toBe(403);
    const leader = await login(app, 'leader');
    const noPost = await act(leader, { action: 'review', agree: true, version: 1 });
    expect(noPost.statusCode).toBe(403);
    expect(noPost.json().error.message).toMatch(/县指挥部办公室主任/);
    // Publishing before 审核/审批 is refused and records nothing.
    const before = await counts();
    const early = await act(duty, { action: 'publish', proofreader: 'a', publisher: 'b', version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toMatch(/须先经县指挥部办公室主任审核/);
    expect(await counts()).toEqual(before);

    const reviewed = await act(director, { action: 'review', agree: true, opinion: '情况属实', version: 1 });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().publication.form.review).toMatchObject({ by: 'director', agree: true, opinion: '情况属实' });
    expect((await act(director, { action: 'approve', agree: true, version: 2 })).statusCode).toBe(403);
    const stale = await act(commander, { action: 'approve', agree: true, version: 1 });
    expect(stale.statusCode).toBe(409);
    const approved = await act(commander, { action: 'approve', agree: true, version: 2 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().capXml).toBeNull(); // no CAP before 发布
    expect(approved.json().events.filter((e: { hasCap: boolean }) => e.hasCap)).toHaveLength(0);

    const published = await act(duty, { action: 'publish', proofreader: '李校对', publisher: '张发布', version: 3 });
    expect(published.statusCode, published.body).toBe(200);
    const body = published.json();
    expect(body.publication).toMatchObject({
      state: 'published',
      form: { proofreader: '李校对', publisher: '张发布' },
    });
    expect(body.capXml).toContain('<msgType>Alert</msgType>');
    expect(body.capXml).toContain('<headline>城区电网大面积停电预警</headline>');
    expect(body.publication.publishedEventId).toBe(body.events.at(-1).id);
    expect(body.workflow.publications[0].form.steps.map((s: { action: string }) => s.action)).toEqual([
      'draft',
      'review',
      'approve',
      'publish',
    ]);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'incident:publication-%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'incident:publication-draft',
      'incident:publication-review',
      'incident:publication-approve',
      'incident:publication-publish',
    ]);
  });

  it('refusals need a reason and end the form; an event-information form is published without CAP', async () => {
    const inc = await create();
    const base = `/api/incidents/${inc.id}/publications`;
    const d = await app.inject({ method: 'POST', url: base, ...duty, payload: { ...FORM, category: 'event' } });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().publication.id;
    const act = (who: Session, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `${base}/${id}/actions`, ...who, payload });
    const noReason = await act(director, { action: 'review', agree: false, version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'opinion' });
    const refused = await act(director, { action: 'review', agree: false, opinion: '伤亡数字未核实', version: 1 });
    expect(refused.json().publication).toMatchObject({ state: 'refused', openActions: [] });
    expect((await act(commander, { action: 'approve', agree: true, version: 2 })).statusCode).toBe(400);

    const d2 = await app.inject({ method: 'POST', url: base, ...duty, payload: { ...FORM, category: 'event' } });
    const id2 = d2.json().publication.id;
    const act2 = (who: Session, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `${base}/${id2}/actions`, ...who, payload });
    await act2(director, { action: 'review', agree: true, version: 1 });
    await act2(commander, { action: 'approve', agree: true, version: 2 });
    const p = await act2(duty, { action: 'publish', proofreader: 'a', publisher: 'b', version: 3 });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ capXml: null, publication: { state: 'published', publishedEventId: null } });
  });

  it('bad forms are refused naming the field, with nothing recorded', async () => {
    const inc = await create();
    const before = await counts();
    for (const [payload, field] of [
      [{ ...FORM, content: {} }, 'content'],
      [{ ...FORM, category: 'gossip' }, 'category'],
      [{ ...FORM, warning: { action: 'cancel', level: '一般' } }, 'warning.action'],
      [{ ...FORM, warning: { action: 'issue', level: '紫色' } }, 'warning.level'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: `/api/incidents/${inc.id}/publications`, ...duty, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await counts()).toEqual(before);
  });

  it('后期处置 after termination, then closed; out of order and unmet conditions are refused, nothing recorded', async () => {
    const inc = await create();
    const url = (p: string) => `/api/incidents/${inc.id}/${p}`;
    const post = (who: Session, p: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: url(p), ...who, payload });
    const leader = await login(app, 'leader');

    let before = await counts();
    const tooEarly = await post(duty, 'aftermath', { step: 'evaluation', summary: '评估报告', version: 1 });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.message).toMatch(/应急响应尚未终止/);
    const unmet = await post(leader, 'terminate', {
      conditions: { ...ALL_MET, lostLoadRestoredPct: 70 },
      at: '2026-07-03T20:00:00+08:00',
      version: 1,
    });
    expect(unmet.statusCode).toBe(400);
    expect(unmet.json().error.message).toMatch(/80%/);
    const outOfRange = await post(leader, 'terminate', {
      conditions: { ...ALL_MET, keyAreasRestoredPct: 120 },
      version: 1,
    });
    expect(outOfRange.statusCode).toBe(400);
    const followUpFirst = await post(duty, 'reports', {
      kind: 'follow-up',
      channel: 'phone',
      from: 'county-energy-bureau',
      to: ['county-government'],
      at: '2026-07-03T14:10:00+08:00',
      version: 1,
    });
    expect(followUpFirst.statusCode).toBe(400);
    expect(followUpFirst.json().error.message).toMatch(/首报/);
    expect(await counts()).toEqual(before);

    const term = await post(leader, 'terminate', { conditions: ALL_MET, at: '2026-07-03T20:00:00+08:00', version: 1 });
    expect(term.statusCode, term.body).toBe(200);
    let version = term.json().incident.version as number;
    expect((await post(leader, 'close', { version })).json().error.message).toMatch(
      /评估总结（§7.1）.*恢复重建（§7.4）/,
    );

    before = await counts();
    for (const [payload, field] of [
      [{ step: 'celebration', summary: 'x' }, 'step'],
      [{ step: 'evaluation', summary: '  ' }, 'summary'],
      [{ step: 'evaluation', summary: 'x', notNeeded: true }, 'notNeeded'],
      [{ step: 'evaluation', summary: 'x', at: '2026-07-03T19:00:00+08:00' }, 'at'],
    ] as const) {
      const res = await post(duty, 'aftermath', { ...payload, version });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await counts()).toEqual(before);

    for (const step of [
      { step: 'evaluation', summary: '形成评估报告：抢修及时，改进通信保障' },
      { step: 'investigation', summary: '调查组查明：设备老化引发 110kV 母线故障' },
      { step: 'aftercare', summary: '善后工作方案已实施，保险理赔 3 起' },
      { step: 'reconstruction', summary: '设备已修复，无需重建', notNeeded: true },
    ]) {
      const res = await post(duty, 'aftermath', { ...step, version });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().incident.version;
    }
    const dup = await post(duty, 'aftermath', { step: 'evaluation', summary: '再评估', version });
    expect(dup.json().error.message).toMatch(/已记录/);
    expect((await post(duty, 'close', { version })).statusCode).toBe(403); // the 指挥部 closes
    const closed = await post(leader, 'close', { note: '后期处置完成', version });
    expect(closed.statusCode, closed.body).toBe(200);
    const c = closed.json();
    expect(c.incident.state).toBe('closed');
    expect(c.workflow.aftermath.open).toEqual([]);
    expect(c.workflow.aftermath.done.map((d: { step: string; by: string }) => [d.step, d.by])).toEqual([
      ['evaluation', 'duty'],
      ['investigation', 'duty'],
      ['aftercare', 'duty'],
      ['reconstruction', 'duty'],
    ]);
    expect(c.workflow.whoMustAct).toEqual([]);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['incident:aftermath', 'incident:close'])
      .execute();
    expect(audit).toHaveLength(5);
  });

  it('附件6 即时报告单: the §4.2 content is kept with the report; an incomplete 首报 is refused, nothing recorded', async () => {
    const inc = await create();
    const url = `/api/incidents/${inc.id}/reports`;
    const report = {
      kind: 'first',
      channel: 'written',
      from: 'county-energy-bureau',
      to: ['city-energy-bureau', 'county-government'],
      at: '2026-07-03T14:40:00+08:00',
    };
    const content = {
      occurredAt: '2026-07-03 14:00',
      place: '城区 110kV 变电站',
      nature: '设备故障',
      reporterUnit: '县能源局',
      reporter: '王值班',
      phone: '0355—7291995',
      scope: '城区，减供负荷 135 兆瓦',
    };
    const before = await counts();
    const { place: _p, ...noPlace } = content;
    const bad = await app.inject({
      method: 'POST',
      url,
      ...duty,
      payload: { ...report, content: noPlace, version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'content.place' });
    expect(bad.json().error.message).toContain('首报须填写地点（§4.2.1）');
    expect(await counts()).toEqual(before);
    const ok = await app.inject({ method: 'POST', url, ...duty, payload: { ...report, content, version: 1 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().events.at(-1).payload.content).toEqual(content);
  });

  it('§5.2: the office director starts 三级, only the 指挥长 signs 二级/一级 and terminates them', async () => {
    const inc = await create();
    const post = (who: Session, p: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/incidents/${inc.id}/${p}`, ...who, payload });
    const noPost = await login(app, 'leader');
    const state = async () => {
      const { audit: _a, ...rest } = await counts(); // a refusal is itself audited (outcome denied)
      return rest;
    };
    const before = await state();
    const second = await post(director, 'decision', { level: '二级', note: '一般事件', version: 1 });
    expect(second.statusCode).toBe(403);
    expect(second.json().error.message).toMatch(/须由县指挥长进行（§5\.2\.2）/);
    await t.db.db.deleteFrom('command_posts').where('username', '=', 'leader').execute();
    expect((await post(noPost, 'decision', { level: '三级', note: 'x', version: 1 })).statusCode).toBe(403);
    expect(await state()).toEqual(before);

    const third = await post(director, 'decision', { level: '三级', note: '按附件4 三级 1.', version: 1 });
    expect(third.statusCode, third.body).toBe(200);
    expect((await post(director, 'decision', { level: '二级', note: '升级', version: 2 })).statusCode).toBe(403);
    const up = await post(commander, 'decision', { level: '二级', note: '按 §5.2.2 调整为二级', version: 2 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().events.at(-1).kind).toBe('response-adjusted');
    const ALL = { ...ALL_MET };
    expect((await post(director, 'terminate', { conditions: ALL, version: 3 })).statusCode).toBe(403);
    const term = await post(commander, 'terminate', { conditions: ALL, version: 3 });
    expect(term.statusCode, term.body).toBe(200);
  });

  it('the command view: posts, 附件2 units, 7 groups, 附件8 contacts; posts need a leader account', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/command', ...duty });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.workingGroups.names).toHaveLength(7);
    expect(c.contacts).toHaveLength(14);
    expect(c.holders.map((h: { username: string; post: string }) => [h.username, h.post])).toEqual([
      ['commander', 'commander'],
      ['leader', 'commander'],
      ['director', 'office-director'],
    ]);
    const liaisonPost = await app.inject({
      method: 'PUT',
      url: '/api/command/posts',
      ...duty,
      payload: { username: 'duty', posts: ['commander'] },
    });
    expect(liaisonPost.statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/command/posts',
      ...duty,
      payload: { username: 'leader', posts: ['king'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('posts');
    const byLeader = await app.inject({
      method: 'PUT',
      url: '/api/command/posts',
      ...commander,
      payload: { username: 'leader', posts: ['deputy-commander'] },
    });
    expect(byLeader.statusCode).toBe(403);
  });
});
