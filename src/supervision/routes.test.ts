// /api/supervision over HTTP on real databases: the 13710 loop from 立项 to 办结销号 through the pure lifecycle,
// with every state change written together with its events and audit row; refusals carry the lifecycle's
// Chinese message; a liaison acts only for its own unit; a stale version answers 409 saying what changed.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { LEAD, OTHER, STAFF, SUPPORT } from './staff.testkit.ts';
import type { Inbox, ItemDetail, ItemSummary } from './store.ts';

const TENANT = '140423';
const EVIDENCE = [{ name: '办结报告.pdf', ref: 'files/2023/report.pdf' }];

interface ErrorBody {
  code?: string;
  message?: string;
  field?: string;
  details?: unknown;
}

/** The error of an answer ({error: {code, message, field, details}}). */
const err = (res: { json: () => unknown }): ErrorBody => (res.json() as { error: ErrorBody }).error;

/** 09:00 in 襄垣 (Asia/Shanghai) on the given day. */
const beijing = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

forEachDatabase('supervision routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    clock = beijing('2023-09-25'); // Monday, before 中秋/国庆
    ({ app, session } = await serverWithSessions(t.db, TENANT, STAFF, { now: () => clock }));
  });

  afterEach(async () => {
    await app?.close();
  });

  const create = async (body: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/supervision/items',
      ...session('admin'),
      payload: {
        title: '编制县域充电基础设施建设方案',
        text: '县发改局牵头，县财政局配合，编制方案并报县政府审定。',
        category: 'ordinary',
        lead: LEAD,
        supports: [SUPPORT],
        assign: true,
        ...body,
      },
    });

  const created = async (body: Record<string, unknown> = {}): Promise<ItemDetail> => {
    const res = await create(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().item as ItemDetail;
  };

  const actAs = (u: string, id: number, action: string, version: number, payload: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/supervision/items/${id}/actions`,
      ...session(u),
      payload: { action, payload, version },
    });

  /** Act and expect success; returns the new item. */
  const ok = async (
    u: string,
    item: ItemDetail,
    action: string,
    payload: Record<string, unknown> = {},
  ): Promise<ItemDetail> => {
    const res = await actAs(u, item.id, action, item.version, payload);
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json().item as ItemDetail;
    expect(next.version).toBe(item.version + 1);
    return next;
  };

  const inboxOf = async (u: string, unit?: string): Promise<Inbox> => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/supervision/inbox${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`,
      ...session(u),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().inbox as Inbox;
  };

  const auditRows = (entityId: number) =>
    t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant', '=', TENANT)
      .where('entity', '=', 'supervision_item')
      .where('entity_id', '=', String(entityId))
      .orderBy('id')
      .execute();

  const eventRows = (id: number) =>
    t.db.db.selectFrom('supervision_events').selectAll().where('item_id', '=', id).orderBy('seq').execute();

  describe('the closed loop', () => {
    it('create → assign → acknowledge → deploy → feedback → request closure → return → close with a rating', async () => {
      let item = await created();
      expect(item).toMatchObject({
        state: 'assigned',
        version: 2,
        lead: LEAD,
        supports: [SUPPORT],
        source: 'manual',
        assignedOn: '2023-09-25',
        light: { light: 'green' },
      });
      expect(item.deadlines).toMatchObject({ counting: 'working', deployBy: '2023-09-26' });
      expect(item.events.map((e) => e.action)).toEqual(['draft', 'assign']);

      // both units find it to sign
      expect((await inboxOf('fgj')).toSign.map((i) => i.id)).toEqual([item.id]);
      expect((await inboxOf('czj')).toSign.map((i) => i.id)).toEqual([item.id]);

      item = await ok('fgj', item, 'acknowledge');
      expect(item.state).toBe('acknowledged');
      expect((await inboxOf('fgj')).toSign).toEqual([]);
      item = await ok('fgj', item, 'deploy', { summary: '召开局务会研究部署，明确专人负责' });
      expect(item.state).toBe('in_progress');
      clock = beijing('2023-09-26', '10:00');
      item = await ok('fgj', item, 'feedback', { summary: '已完成现状调研', evidence: EVIDENCE });
      item = await ok('czj', item, 'acknowledge');
      item = await ok('czj', item, 'support_report', { summary: '资金测算已报送牵头单位' });
      item = await ok('fgj', item, 'request_closure', { summary: '方案已编制完成', evidence: EVIDENCE });
      expect(item.state).toBe('closure_requested');

      item = await ok('admin', item, 'return', { reasons: '方案缺少资金保障章节' });
      expect(item.state).toBe('in_progress');
      expect(item.returns[0]?.reasons).toBe('方案缺少资金保障章节');
      expect((await inboxOf('fgj')).returned.map((i) => i.id)).toEqual([item.id]);
      expect((await inboxOf('czj')).returned).toEqual([]); // the lead reworks, not the supporting unit

      clock = beijing('2023-09-27', '15:00');
      item = await ok('fgj', item, 'request_closure', { summary: '已补充资金保障章节', evidence: EVIDENCE });
      item = await ok('admin', item, 'close', { rating: '良好', comment: '按期办结' });
      expect(item).toMatchObject({ state: 'closed', rating: '良好', light: { light: 'none' } });
      expect(item.closedAt).toBe(clock.toISOString());
      expect((await inboxOf('fgj')).returned).toEqual([]);

      // the timeline: one row per lifecycle event, from/to states, payloads
      const detail = await app.inject({
        method: 'GET',
        url: `/api/supervision/items/${item.id}`,
        ...session('leader'),
      });
      expect(detail.statusCode).toBe(200);
      const timeline = (detail.json().item as ItemDetail).events;
      expect(timeline.map((e) => e.action)).toEqual([
        'draft',
        'assign',
        'acknowledge',
        'deploy',
        'feedback',
        'acknowledge',
        'support_report',
        'request_closure',
        'return',
        'request_closure',
        'close',
      ]);
      expect(timeline.find((e) => e.action === 'return')).toMatchObject({
        fromState: 'closure_requested',
        toState: 'in_progress',
        actor: '督查室张敏',
        role: 'office',
        payload: { reasons: '方案缺少资金保障章节' },
      });
      expect(timeline.find((e) => e.action === 'feedback')).toMatchObject({
        role: 'lead',
        unit: LEAD,
        payload: { summary: '已完成现状调研', evidence: EVIDENCE },
      });

      // every state change: an event row and an audit row (create + 10 actions = 11 changes, 11 versions)
      const audits = await auditRows(item.id);
      expect(audits.map((a) => a.action)).toEqual([
        'supervision:create',
        'supervision:assign',
        'supervision:acknowledge',
        'supervision:deploy',
        'supervision:feedback',
        'supervision:acknowledge',
        'supervision:support_report',
        'supervision:request_closure',
        'supervision:return',
        'supervision:request_closure',
        'supervision:close',
      ]);
      expect(audits.every((a) => a.outcome === 'ok')).toBe(true);
      expect(item.version).toBe(11);
      const events = await eventRows(item.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k + 1));
      expect(new Set(events.map((e) => e.action)).size).toBeGreaterThanOrEqual(8);

      // feedback on a closed item is refused with the lifecycle's message
      const late = await actAs('fgj', item.id, 'feedback', item.version, { summary: '补充材料' });
      expect(late.statusCode).toBe(400);
      expect(err(late).message).toContain('当前状态为“已办结销号”，不能“反馈进展”');
      expect(err(late).message).toContain('归档（县政府办）');
      expect(err(late).details).toEqual({ reason: 'ILLEGAL_TRANSITION' });
      expect(await eventRows(item.id)).toHaveLength(events.length);
    });

    it('refuses illegal transitions and wrong roles with the lifecycle message, writing nothing', async () => {
      const item = await created();
      const early = await actAs('fgj', item.id, 'request_closure', item.version, {
        summary: '已完成',
        evidence: EVIDENCE,
      });
      expect(early.statusCode).toBe(400);
      expect(err(early).message).toContain('当前状态为“已交办”，不能“申请办结”');

      // a supporting unit may not close; the leader may not acknowledge: 403 with the lifecycle's reason, audited
      const support = await actAs('czj', item.id, 'close', item.version, { rating: '优秀' });
      expect(support.statusCode).toBe(403);
      expect(err(support).message).toContain('“办结销号”只能由县政府办执行');
      const leader = await actAs('leader', item.id, 'acknowledge', item.version);
      expect(leader.statusCode).toBe(403);
      const denied = (await auditRows(item.id)).filter((a) => a.outcome === 'denied');
      expect(denied.map((a) => a.action)).toEqual(['supervision:close', 'supervision:acknowledge']);

      // a payload the lifecycle refuses: 400 naming the field
      const ack = await ok('fgj', item, 'acknowledge');
      const noSummary = await actAs('fgj', item.id, 'deploy', ack.version, {});
      expect(noSummary.statusCode).toBe(400);
      expect(err(noSummary).message).toContain('研究部署');
      expect(err(noSummary).message).toContain('缺少');

      // unknown action: zod at the edge
      const bogus = await actAs('fgj', item.id, 'teleport', ack.version);
      expect(bogus.statusCode).toBe(400);
      expect(err(bogus).field).toBe('action');
      expect((await eventRows(item.id)).length).toBe(3);
    });

    it('a liaison of another unit is refused 403 and the attempt is audited', async () => {
      const item = await created();
      const res = await actAs('jyj', item.id, 'acknowledge', item.version);
      expect(res.statusCode).toBe(403);
      expect(err(res).message).toContain('只能代表本单位（县教育局）办理');
      const denied = (await auditRows(item.id)).filter((a) => a.outcome === 'denied');
      expect(denied).toHaveLength(1);
      expect(denied[0]).toMatchObject({ action: 'unit:act', actor_name: 'jyj' });
      const after = await app.inject({ method: 'GET', url: `/api/supervision/items/${item.id}`, ...session('jyj') });
      expect((after.json().item as ItemDetail).version).toBe(item.version); // nothing changed
      // nor may it read another unit's inbox
      const box = await app.inject({
        method: 'GET',
        url: `/api/supervision/inbox?unit=${encodeURIComponent(LEAD)}`,
        ...session('jyj'),
      });
      expect(box.statusCode).toBe(403);
    });

    it('two updates with the same version: the second gets 409 saying what changed', async () => {
      const item = await created();
      const [a, b] = await Promise.all([
        actAs('fgj', item.id, 'acknowledge', item.version),
        actAs('fgj', item.id, 'acknowledge', item.version),
      ]);
      const codes = [a?.statusCode, b?.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const conflict = a?.statusCode === 409 ? a : b;
      const body = conflict ? err(conflict) : {};
      expect(body.code).toBe('CONFLICT');
      expect(body.message).toContain('当前状态为“已签收”');
      expect(body.message).toContain('最后由发改局王磊（牵头单位联络员，县发改局）');
      expect(body.message).toContain('“签收”');
      expect(body.message).toContain('您看到的是第 2 版，当前为第 3 版');
      expect(body.field).toBe('version');
      // exactly one change was written
      expect((await eventRows(item.id)).filter((e) => e.action === 'acknowledge')).toHaveLength(1);
      expect((await auditRows(item.id)).filter((e) => e.action === 'supervision:acknowledge')).toHaveLength(1);

      // a stale version sent later is refused the same way, by another actor
      const stale = await actAs('admin', item.id, 'urge', item.version, { note: '请抓紧' });
      expect(stale.statusCode).toBe(409);
    });
  });

  describe('entry and reading', () => {
    it('refuses a due date before the assignment date, naming the field', async () => {
      const res = await create({ dueOn: '2023-09-20' });
      expect(res.statusCode).toBe(400);
      expect(err(res).field).toBe('dueOn');
      expect(err(res).message).toContain('要求办结时限');
      expect(err(res).message).toContain('早于交办日期 2023-09-25');
      const bad = await create({ dueOn: '2023-02-30' });
      expect(bad.statusCode).toBe(400);
      expect(err(bad).field).toBe('dueOn');
      const none = await t.db.db.selectFrom('supervision_items').select('id').execute();
      expect(none).toEqual([]);
    });

    it('only the county office registers items; the public must sign in; CSRF is required', async () => {
      const liaison = await app.inject({
        method: 'POST',
        url: '/api/supervision/items',
        ...session('fgj'),
        payload: { title: 'x', category: 'ordinary', lead: LEAD },
      });
      expect(liaison.statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/supervision/items' })).statusCode).toBe(401);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/supervision/items',
        cookies: session('admin').cookies,
        payload: { title: 'x', category: 'ordinary', lead: LEAD },
      });
      expect(noCsrf.statusCode).toBe(403);
      const missing = await app.inject({ method: 'GET', url: '/api/supervision/items/999', ...session('admin') });
      expect(missing.statusCode).toBe(404);
    });

    it('editing a draft moves its units; a leader grants an extension and the close-by date moves', async () => {
      let item = await created({ assign: false });
      item = await ok('admin', item, 'edit', { lead: OTHER, supports: [SUPPORT] });
      item = await ok('admin', item, 'assign');
      expect(item.lead).toBe(OTHER);
      expect((await inboxOf('jyj')).toSign.map((i) => i.id)).toEqual([item.id]);
      expect((await inboxOf('fgj')).toSign).toEqual([]);
      const refused = await actAs('fgj', item.id, 'acknowledge', item.version);
      expect(refused.statusCode).toBe(403);

      item = await ok('jyj', item, 'acknowledge');
      const closeBy = item.closeBy as string;
      item = await ok('jyj', item, 'request_extension', { reason: '需等待省级批复', newCloseBy: '2023-10-31' });
      const early = await actAs('admin', item.id, 'approve_extension', item.version);
      expect(early.statusCode).toBe(403); // 批准延期 is the leader's
      item = await ok('leader', item, 'approve_extension', { newCloseBy: '2023-10-20' });
      expect(item.closeBy).toBe('2023-10-20');
      expect(item.closeBy).not.toBe(closeBy);
      const row = await t.db.db
        .selectFrom('supervision_items')
        .select(['close_by', 'version'])
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ close_by: '2023-10-20', version: item.version });
      const last = item.events[item.events.length - 1];
      expect(last).toMatchObject({ action: 'approve_extension', role: 'leader', actor: '李副县长' });
    });

    it('draft, then assign through the actions endpoint; lights and filters at read time; the inbox', async () => {
      const draft = await created({ assign: false, title: '草稿事项' });
      expect(draft).toMatchObject({ state: 'draft', version: 1, light: { light: 'none' } });
      await ok('admin', draft, 'assign');
      const major = await created({ title: '重大事项', category: 'major', supports: [] });

      // 2023-09-27: deployment (due 09-26) is overdue for both items → red, in the lead's inbox as overdue
      clock = beijing('2023-09-27');
      const list = async (query: string) => {
        const res = await app.inject({ method: 'GET', url: `/api/supervision/items${query}`, ...session('leader') });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as ItemSummary[]).map((i) => i.title);
      };
      expect(await list('?light=red')).toEqual(['重大事项', '草稿事项']);
      expect(await list('?light=green')).toEqual([]);
      expect(await list(`?unit=${encodeURIComponent(SUPPORT)}`)).toEqual(['草稿事项']);
      expect(await list('?state=assigned')).toHaveLength(2);
      expect(await list('?overdue=true')).toEqual([]); // the close-by dates have not passed
      const red = (
        await app.inject({ method: 'GET', url: `/api/supervision/items/${major.id}`, ...session('fgj') })
      ).json().item as ItemDetail;
      expect(red.light.light).toBe('red');
      expect(red.light.reasons.join()).toContain('研究部署时限 2023-09-26 已过');
      expect(red.actions.map((a) => a.action)).toEqual(['acknowledge']);

      const box = await inboxOf('fgj');
      expect(box.toSign.map((i) => i.title).sort()).toEqual(['草稿事项', '重大事项'].sort());
      expect(box.overdue.map((i) => i.title).sort()).toEqual(['草稿事项', '重大事项'].sort());
      expect(box.overdue[0]?.notes.join()).toContain('研究部署时限 2023-09-26 已过');
      // the supporting unit's own first report (due 09-28) is not yet late; the lead's lateness is not its own
      const support = await inboxOf('czj');
      expect(support.overdue).toEqual([]);
      expect(support.toSign.map((i) => i.title)).toEqual(['草稿事项']);
      // admin names the unit; without it, 400 naming the field
      expect((await inboxOf('admin', LEAD)).overdue).toHaveLength(2);
      // each list shows its first `limit` entries (earliest close-by first) and says how many it holds
      const one = await app.inject({
        method: 'GET',
        url: `/api/supervision/inbox?unit=${encodeURIComponent(LEAD)}&limit=1`,
        ...session('admin'),
      });
      const cut = one.json().inbox as Inbox;
      expect(cut.overdue.map((i) => i.title)).toEqual(['草稿事项']); // close by 10-10, before the major item
      expect(cut.totals).toEqual({ toSign: 2, overdue: 2, dueSoon: 0, returned: 0 });
      expect(cut.limit).toBe(1);
      for (const bad of ['0', '501', 'x', '1.5']) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/supervision/inbox?unit=${encodeURIComponent(LEAD)}&limit=${bad}`,
          ...session('admin'),
        });
        expect(res.statusCode, bad).toBe(400);
        expect(err(res).field).toBe('limit');
      }
      const noUnit = await app.inject({ method: 'GET', url: '/api/supervision/inbox', ...session('admin') });
      expect(noUnit.statusCode).toBe(400);
      expect(err(noUnit).field).toBe('unit');

      // after the ordinary item's close-by date (7 working days across 国庆: 2023-10-10)
      clock = beijing('2023-10-11');
      expect(await list('?overdue=true')).toEqual(['草稿事项']);
      expect(await list('?overdue=false')).toEqual(['重大事项']);
    });
  });
});
