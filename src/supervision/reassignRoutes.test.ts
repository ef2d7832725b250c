// 撤销, 改派 and 调整配合单位 over HTTP on real databases: the generic action route with the version check (409),
// one audit row per change (the units before and after), the unit rows rewritten (the new lead's inbox, not the
// old one's), unknown units refused naming the field, 403 for anyone but the office; withdrawn items are never
// swept and never ranked.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { PDF } from './evidence.testkit.ts';
import { periodRankings } from './rankingsStore.ts';
import { LEAD, OTHER, STAFF, SUPPORT } from './staff.testkit.ts';
import type { Inbox, ItemDetail } from './store.ts';
import { ladderOf, runSweep } from './sweepStore.ts';

const TENANT = '140423';

const beijing = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

forEachDatabase('supervision 撤销 / 改派 routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    clock = beijing('2023-09-25');
    ({ app, session } = await serverWithSessions(t.db, TENANT, STAFF, { now: () => clock }));
  });

  afterEach(async () => {
    await app?.close();
  });

  const created = async (body: Record<string, unknown> = {}): Promise<ItemDetail> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/supervision/items',
      ...session('admin'),
      payload: {
        title: '编制县域充电基础设施建设方案',
        category: 'ordinary',
        lead: LEAD,
        supports: [SUPPORT],
        assign: true,
        ...body,
      },
    });
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

  const ok = async (u: string, item: ItemDetail, action: string, payload: Record<string, unknown> = {}) => {
    const res = await actAs(u, item.id, action, item.version, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().item as ItemDetail;
  };

  const inboxOf = async (unit: string): Promise<Inbox> => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/supervision/inbox?unit=${encodeURIComponent(unit)}`,
      ...session('admin'),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().inbox as Inbox;
  };

  const ids = (box: Inbox) => ({
    toSign: box.toSign.map((i) => i.id),
    overdue: box.overdue.map((i) => i.id),
    returned: box.returned.map((i) => i.id),
  });

  const unitRows = (id: number) =>
    t.db.db
      .selectFrom('supervision_item_units')
      .select(['unit', 'role', 'acknowledged_at'])
      .where('item_id', '=', id)
      .orderBy('unit')
      .execute();

  const audits = (id: number) =>
    t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant', '=', TENANT)
      .where('entity', '=', 'supervision_item')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();

  /** The office's unit directory knows 县教育局 once it is on an item. */
  const knowOther = () => created({ title: '校园安全排查', lead: OTHER, supports: [] });

  describe('改派', () => {
    it('moves a returned item to the new lead: its inbox, not the old one’s; audit with the units', async () => {
      await knowOther();
      let item = await created();
      item = await ok('fgj', item, 'acknowledge');
      item = await ok('fgj', item, 'deploy', { summary: '局务会研究部署' });
      item = await ok('czj', item, 'acknowledge');
      item = await ok('czj', item, 'support_report', { summary: '资金测算已报送' });
      clock = beijing('2023-09-26', '10:00');
      item = await ok('fgj', item, 'request_closure', {
        summary: '方案已编制',
        evidence: [{ name: '方案.pdf', ref: 'files/a.pdf' }],
      });
      item = await ok('admin', item, 'return', { reasons: '缺少资金保障' });
      expect(ids(await inboxOf(LEAD)).returned).toEqual([item.id]);

      clock = beijing('2023-09-27', '10:00');
      item = await ok('admin', item, 'reassign', {
        lead: OTHER,
        supports: [SUPPORT],
        reason: '职责调整，改由县教育局牵头',
        restartClock: true,
      });
      expect(item).toMatchObject({ state: 'assigned', lead: OTHER, supports: [SUPPORT], light: { light: 'green' } });
      expect(item.deadlines).toMatchObject({ deployBy: '2023-09-28', restartedOn: '2023-09-27' });
      expect(item.reassignments).toMatchObject([
        { kind: 'reassign', fromLead: LEAD, toLead: OTHER, reason: '职责调整，改由县教育局牵头', restartClock: true },
      ]);
      expect(item.withdrawal).toBeNull();
      expect(item.events.at(-1)).toMatchObject({ action: 'reassign', type: 'reassigned', fromState: 'in_progress' });
      expect(item.events.at(-1)?.to).toEqual([LEAD, SUPPORT, OTHER]);
      // unit rows rewritten: the supporting unit keeps its signature, the new lead has none, the old lead is gone
      const rows = await unitRows(item.id);
      expect(rows.map((r) => [r.unit, r.role, r.acknowledged_at !== null])).toEqual(
        [
          [OTHER, 'lead', false],
          [SUPPORT, 'support', true],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      // inboxes: the new lead signs; the old lead no longer sees it (not even as returned)
      expect(ids(await inboxOf(OTHER)).toSign).toContain(item.id);
      expect(ids(await inboxOf(LEAD))).toEqual({ toSign: [], overdue: [], returned: [] });
      // the unit filter follows
      const list = await app.inject({
        method: 'GET',
        url: `/api/supervision/items?unit=${encodeURIComponent(LEAD)}`,
        ...session('admin'),
      });
      expect(list.json().items.map((i: { id: number }) => i.id)).not.toContain(item.id);
      // the old lead's liaison is now refused 403 (another unit), the new lead's acts
      const denied = await actAs('fgj', item.id, 'acknowledge', item.version);
      expect(denied.statusCode).toBe(403);
      item = await ok('jyj', item, 'acknowledge');
      expect(item.state).toBe('acknowledged');
      expect(ids(await inboxOf(OTHER)).toSign).not.toContain(item.id);

      const audit = (await audits(item.id)).filter((a) => a.action === 'supervision:reassign');
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]?.before ?? '{}')).toMatchObject({
        state: 'in_progress',
        lead: LEAD,
        supports: [SUPPORT],
      });
      expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
        state: 'assigned',
        lead: OTHER,
        supports: [SUPPORT],
      });
    });

    it('refuses an unknown unit naming the field, the lifecycle’s refusals with 400, others 403, stale 409', async () => {
      await knowOther();
      const item = await created();
      const unknown = await actAs('admin', item.id, 'reassign', item.version, {
        lead: '县不存在局',
        reason: '调整',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'payload.lead' });
      expect(unknown.json().error.message).toContain('字段“payload.lead”（新牵头单位）：“县不存在局”不在单位名录中');
      const badSupport = await actAs('admin', item.id, 'change_supports', item.version, {
        supports: [SUPPORT, '县教育厅'],
        reason: '调整',
      });
      expect(badSupport.statusCode).toBe(400);
      expect(badSupport.json().error.field).toBe('payload.supports[1]');

      const same = await actAs('admin', item.id, 'reassign', item.version, { lead: LEAD, reason: '调整' });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.message).toContain('就是当前的牵头单位');
      expect(same.json().error.details).toMatchObject({ reason: 'BAD_INPUT' });
      const both = await actAs('admin', item.id, 'reassign', item.version, {
        lead: OTHER,
        supports: [OTHER],
        reason: '调整',
      });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.message).toContain('是牵头单位（lead），不能同时作为配合单位');
      const noReason = await actAs('admin', item.id, 'reassign', item.version, { lead: OTHER });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toContain('缺少改派理由（reason）');

      const leader = await actAs('leader', item.id, 'reassign', item.version, { lead: OTHER, reason: '调整' });
      expect(leader.statusCode).toBe(403);
      const liaison = await actAs('fgj', item.id, 'withdraw', item.version, { reason: '不想办' });
      expect(liaison.statusCode).toBe(403);
      expect(liaison.json().error.message).toContain('“撤销”只能由县政府办执行');
      const denied = (await audits(item.id)).filter((a) => a.outcome === 'denied').map((a) => a.action);
      expect(denied).toEqual(['supervision:reassign', 'supervision:withdraw']);

      const stale = await actAs('admin', item.id, 'reassign', item.version - 1, { lead: OTHER, reason: '调整' });
      expect(stale.statusCode).toBe(409);
      // nothing changed by the refusals
      const rows = await unitRows(item.id);
      expect(rows.map((r) => r.unit).sort()).toEqual([LEAD, SUPPORT].sort());
    });

    it('调整配合单位: a new supporting unit finds the item to sign; a removed one loses it', async () => {
      await knowOther();
      let item = await created();
      item = await ok('czj', item, 'acknowledge');
      item = await ok('admin', item, 'change_supports', { supports: [OTHER], reason: '改由县教育局配合' });
      expect(item).toMatchObject({ state: 'assigned', lead: LEAD, supports: [OTHER] });
      expect(ids(await inboxOf(OTHER)).toSign).toContain(item.id);
      expect(ids(await inboxOf(SUPPORT)).toSign).not.toContain(item.id);
      const denied = await actAs('czj', item.id, 'support_report', item.version, { summary: '报送' });
      expect(denied.statusCode).toBe(403);
      const audit = (await audits(item.id)).find((a) => a.action === 'supervision:change_supports');
      expect(JSON.parse(audit?.after ?? '{}')).toMatchObject({ lead: LEAD, supports: [OTHER] });
    });
  });

  describe('撤销', () => {
    it('ends an overdue item: no light, out of every inbox, never swept, never ranked; nothing after', async () => {
      let item = await created();
      const keep = await created({ title: '对照事项' });
      clock = beijing('2023-10-20'); // both long overdue
      expect(ids(await inboxOf(LEAD)).overdue).toEqual(expect.arrayContaining([item.id, keep.id]));
      const empty = await actAs('admin', item.id, 'withdraw', item.version, { reason: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toContain('撤销理由（reason）不能为空');
      item = await ok('admin', item, 'withdraw', { reason: '县政府常务会议决定不再实施' });
      expect(item).toMatchObject({ state: 'withdrawn', stateLabel: '已撤销', light: { light: 'none' }, actions: [] });
      expect(item.events.at(-1)).toMatchObject({ type: 'withdrawn', toState: 'withdrawn', fromState: 'assigned' });
      expect(item.withdrawal).toMatchObject({
        reason: '县政府常务会议决定不再实施',
        from: 'assigned',
        by: '督查室张敏',
      });
      expect(item.events.at(-1)?.to).toEqual([LEAD, SUPPORT]);
      const box = ids(await inboxOf(LEAD));
      expect(box.overdue).toEqual([keep.id]);
      expect(box.toSign).toEqual([keep.id]);

      const report = await runSweep(t.db, TENANT, { now: clock });
      expect(report.ran).toBe(true);
      expect(await ladderOf(t.db, TENANT, item.id)).toEqual([]);
      expect((await ladderOf(t.db, TENANT, keep.id)).length).toBeGreaterThan(0);

      const r = await periodRankings(t.db, TENANT, { from: '2023-10-01', to: '2023-10-31' }, { now: clock });
      const lead = r.lead.find((u) => u.unit === LEAD);
      expect(lead?.due).toBe(1); // the control item only
      expect(r.overdueItems.map((o) => o.id)).toEqual([String(keep.id)]);

      const list = await app.inject({
        method: 'GET',
        url: '/api/supervision/items?state=withdrawn',
        ...session('leader'),
      });
      expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([item.id]);
      const upload = await app.inject({
        method: 'POST',
        url: `/api/supervision/items/${item.id}/evidence`,
        ...session('fgj'),
        payload: { name: '说明.pdf', contentBase64: PDF.toString('base64') },
      });
      expect(upload.statusCode).toBe(400);
      expect(upload.json().error.message).toBe('事项已撤销，不能再上传佐证材料。');
      const after = await actAs('admin', item.id, 'urge', item.version, {});
      expect(after.statusCode).toBe(400);
      expect(after.json().error.message).toContain('当前状态为“已撤销”');
    });
  });
});
