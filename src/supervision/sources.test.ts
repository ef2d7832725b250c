// POST /api/supervision/from-document/:id on real databases: the confirmed and corrected tasks of a document
// become assigned items (corrected fields win; lead = first lead, supporting = other leads + support), in one
// transaction with audit; running it again creates nothing; tasks without a lead or with a past date are
// reported; only the county office may do it.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cliActor } from '../access/audit.ts';
import type { CommitmentDto } from '../commitments/store.ts';
import { miniGazette } from '../commitments/testkit.ts';
import { parseGazette } from '../gazette/parse.ts';
import { importGazette } from '../platform/importing.ts';
import { forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import type { FromDocumentResult } from './sources.ts';
import { WATER_STAFF } from './staff.testkit.ts';
import type { Inbox, ItemDetail } from './store.ts';

const TENANT = '140423';

const PLAN = `## 二、重点任务

### （一）强化水资源管控

1. 保障河流生态流量。制定生态流量保障实施方案，2023年12月31日前完成。（县水利局牵头，县财政局配合）

2. 提升饮用水水源保护水平。完成县城集中式饮用水水源保护区规范化建设。（县发改局、县住建局按职责分工牵头）

3. 推进再生水利用。2023年6月30日前完成再生水管网建设。（县住建局牵头）
`;

forEachDatabase('supervision items from reviewed tasks', (t) => {
  let app: FastifyInstance;
  let documentId: number;
  const clock = new Date('2023-09-25T09:00:00+08:00');
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    const text = miniGazette(PLAN, { docNumber: '襄政办发〔2023〕99号' });
    const r = await importGazette(
      t.db,
      { tenant: TENANT, issue: parseGazette(text), source: text, sourceName: 'mini.txt' },
      cliActor('t'),
    );
    documentId = r.documents[0]?.documentId as number;
    ({ app, session } = await serverWithSessions(t.db, TENANT, WATER_STAFF, { now: () => clock }));
  });

  afterEach(async () => {
    await app?.close();
  });

  const tasks = async (): Promise<CommitmentDto[]> => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/commitments?kind=task&documentId=${documentId}`,
      ...session('admin'),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().commitments as CommitmentDto[];
  };

  const review = async (c: CommitmentDto, action: string, extra: Record<string, unknown> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/commitments/${c.id}/review`,
      ...session('admin'),
      payload: { action, version: c.version, ...extra },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  const generate = (u = 'admin', id = documentId) =>
    app.inject({ method: 'POST', url: `/api/supervision/from-document/${id}`, ...session(u) });

  it('turns confirmed and corrected tasks into assigned items, once', async () => {
    const [flow, water, reuse] = await tasks();
    if (!flow || !water || !reuse) throw new Error('three tasks expected');
    await review(flow, 'confirm');
    await review(water, 'confirm');
    // the extracted date (2023-06-30) has passed: first generated as is, it is reported, not assigned
    await review(reuse, 'confirm');

    let res = await generate();
    expect(res.statusCode, res.body).toBe(201);
    let r = res.json() as FromDocumentResult;
    expect(r.created.map((c) => c.title)).toEqual(['保障河流生态流量', '提升饮用水水源保护水平']);
    expect(r.created[0]).toMatchObject({ lead: '县水利局', supports: ['县财政局'], dueOn: '2023-12-31' });
    expect(r.created[1]).toMatchObject({ lead: '县发改局', supports: ['县住建局'], dueOn: null });
    expect(r.pastDue).toEqual([expect.objectContaining({ title: '推进再生水利用', due: '2023-06-30' })]);
    expect(r.skipped).toEqual([]);

    // the item: source document, eId, citation, assigned; a document date replaces the 13710 close-by date
    const id = r.created[0]?.itemId as number;
    const item = (await app.inject({ method: 'GET', url: `/api/supervision/items/${id}`, ...session('leader') })).json()
      .item as ItemDetail;
    expect(item).toMatchObject({
      source: 'document',
      documentId,
      eId: flow.eId,
      citation: flow.citation,
      state: 'assigned',
      lead: '县水利局',
      supports: ['县财政局'],
      dueOn: '2023-12-31',
    });
    expect(item.text).toContain('生态流量');
    expect(item.deadlines?.closeBy).toBe('2023-12-31');
    expect(item.events.map((e) => e.action)).toEqual(['draft', 'assign']);
    // no document date: the 13710 defaults (7 working days after 2023-09-25: 中秋/国庆 off, 10-07 and 10-08 worked)
    const second = (
      await app.inject({ method: 'GET', url: `/api/supervision/items/${r.created[1]?.itemId}`, ...session('admin') })
    ).json().item as ItemDetail;
    expect(second.dueOn).toBeNull();
    expect(second.deadlines?.closeBy).toBe('2023-10-10');

    // the liaison of the lead unit finds it to sign
    const box = (await app.inject({ method: 'GET', url: '/api/supervision/inbox', ...session('slj') })).json()
      .inbox as Inbox;
    expect(box.toSign.map((i) => i.id)).toEqual([id]);

    // audit: 立项 (with the commitment) and 交办 for each created item
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where('tenant', '=', TENANT)
      .where('entity', '=', 'supervision_item')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'supervision:create',
      'supervision:assign',
      'supervision:create',
      'supervision:assign',
    ]);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ commitmentId: flow.id });

    // corrected with a future date: the corrected fields are used; the others are skipped
    const reuseNow = (await tasks()).find((c) => c.id === reuse.id) as CommitmentDto;
    await review(reuseNow, 'correct', {
      corrected: { title: '推进再生水利用', lead: ['县住建局'], support: ['县水利局'], due: '2023-12-15' },
    });
    res = await generate();
    expect(res.statusCode, res.body).toBe(201);
    r = res.json() as FromDocumentResult;
    expect(r.created).toEqual([
      expect.objectContaining({
        title: '推进再生水利用',
        lead: '县住建局',
        supports: ['县水利局'],
        dueOn: '2023-12-15',
      }),
    ]);
    expect(r.skipped.map((x) => x.title)).toEqual(['保障河流生态流量', '提升饮用水水源保护水平']);

    // a title corrected after its item was created: still the same record, not a new item
    const flowNow = (await tasks()).find((c) => c.id === flow.id) as CommitmentDto;
    await review(flowNow, 'correct', {
      corrected: { title: '保障浊漳河生态流量', lead: ['县水利局'], support: ['县财政局'], due: '2023-12-31' },
    });
    expect(item.commitmentId).toBe(flow.id);

    // a third run creates nothing
    res = await generate();
    expect(res.statusCode).toBe(200);
    r = res.json() as FromDocumentResult;
    expect(r.created).toEqual([]);
    expect(r.skipped).toHaveLength(3);
    const count = await t.db.db.selectFrom('supervision_items').select(['id']).execute();
    expect(count).toHaveLength(3);
  });

  it('pending and rejected tasks are not used; a task without a lead unit is reported', async () => {
    const [flow, water] = await tasks();
    if (!flow || !water) throw new Error('tasks expected');
    await review(water, 'reject', { note: '不是本县任务' });
    await review(flow, 'confirm');
    // a record whose extraction named no lead unit (e.g. a table row with an empty cell)
    const data = JSON.parse(
      (await t.db.db.selectFrom('commitments').select('data').where('id', '=', flow.id).executeTakeFirstOrThrow()).data,
    ) as Record<string, unknown>;
    await t.db.db
      .updateTable('commitments')
      .set({ data: JSON.stringify({ ...data, lead: [] }) })
      .where('id', '=', flow.id)
      .execute();
    const res = await generate();
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as FromDocumentResult;
    expect(r.created).toEqual([]);
    expect(r.withoutLead).toEqual([expect.objectContaining({ commitmentId: flow.id, title: '保障河流生态流量' })]);
    expect(await t.db.db.selectFrom('supervision_items').select('id').execute()).toEqual([]);
  });

  it('only the county office generates items; an unknown document is 404', async () => {
    const [flow] = await tasks();
    if (!flow) throw new Error('task expected');
    await review(flow, 'confirm');
    expect((await generate('slj')).statusCode).toBe(403);
    expect((await generate('leader')).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/supervision/from-document/${documentId}` })).statusCode).toBe(
      401,
    );
    // CSRF is required
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/supervision/from-document/${documentId}`,
          cookies: session('admin').cookies,
        })
      ).statusCode,
    ).toBe(403);
    expect((await generate('admin', 9999)).statusCode).toBe(404);
    expect(await t.db.db.selectFrom('supervision_items').select('id').execute()).toEqual([]);
  });
  it('concurrent requests for the same document: one creates, the others answer skipped — never a 500', async () => {
    const [flow, water] = await tasks();
    if (!flow || !water) throw new Error('tasks expected');
    await review(flow, 'confirm');
    await review(water, 'confirm');
    // several requests at once: on PostgreSQL they run in parallel transactions and collide on the unique
    // (tenant, commitment_id) index; SQLite serialises them
    const answers = await Promise.all([generate(), generate(), generate(), generate()]);
    for (const res of answers) expect([200, 201], res.body).toContain(res.statusCode);
    const results = answers.map((res) => res.json() as FromDocumentResult);
    const created = results.flatMap((r) => r.created.map((c) => c.commitmentId)).sort();
    expect(created).toEqual([flow.id, water.id].sort());
    for (const r of results) {
      // every answer accounts for both tasks, as created or as already existing
      expect([...r.created, ...r.skipped].map((x) => x.commitmentId).sort()).toEqual([flow.id, water.id].sort());
    }
    const items = await t.db.db.selectFrom('supervision_items').select(['id', 'commitment_id']).execute();
    expect(items).toHaveLength(2);
    const ids = new Set(items.map((i) => i.id));
    for (const r of results) for (const x of [...r.created, ...r.skipped]) expect(ids.has(x.itemId)).toBe(true);
  });
  it('the office chooses 一般事项 or 重大复杂事项 per task when generating', async () => {
    const [flow, water] = await tasks();
    if (!flow || !water) throw new Error('tasks expected');
    await review(flow, 'confirm');
    await review(water, 'confirm');
    const post = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: `/api/supervision/from-document/${documentId}`,
        ...session('admin'),
        payload: payload as object,
      });
    let res = await post({ categories: { [flow.id]: 'major', 999999: 'major' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'categories' });
    expect(res.json().error.message).toContain('999999 不是文件 襄政办发〔2023〕99号 的任务记录编号');
    res = await post({ categories: { [flow.id]: 'complex' } });
    expect(res.statusCode).toBe(400);
    expect(await t.db.db.selectFrom('supervision_items').select('id').execute()).toEqual([]);

    res = await post({ categories: { [water.id]: 'major' } });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as FromDocumentResult;
    const detail = async (itemId: number) =>
      (await app.inject({ method: 'GET', url: `/api/supervision/items/${itemId}`, ...session('admin') })).json()
        .item as ItemDetail;
    const byTitle = new Map(r.created.map((c) => [c.commitmentId, c.itemId]));
    const major = await detail(byTitle.get(water.id) as number);
    expect(major.category).toBe('major');
    // 重大复杂事项: one calendar month after 09-25 is 10-25 (a working day), docs/supervision.md §4
    expect(major.deadlines?.closeBy).toBe('2023-10-25');
    expect((await detail(byTitle.get(flow.id) as number)).category).toBe('ordinary');
  });
});
