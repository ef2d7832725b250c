// Document API over HTTP (fastify.inject) on real SQLite, and PostgreSQL when DATABASE_URL is set:
// what each role may see, the 404-as-missing contract for restricted documents, the partial marker,
// administrator marks on attachments and clauses (never reaching the public, also not via search).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { queryAudit } from '../access/audit.ts';
import { createUser } from '../access/users.ts';
import type { GazetteIssue } from '../gazette/types.ts';
import { buildServer } from '../platform/http.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { sampleIssue } from './fixtures.ts';
import { clauseNotFound, documentNotFound, documentNumberNotFound } from './routes.ts';
import { importIssue } from './store.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';

forEachDatabase('document routes', (t) => {
  let app: FastifyInstance;
  let ids: { plan: number; work: number; notice: number; issue: number };
  let fixture: GazetteIssue;

  beforeEach(async () => {
    fixture = sampleIssue();
    // an editorial finding about the restricted notice: the public must not receive it
    fixture.findings.push({
      kind: 'date-order',
      severity: 'warning',
      message: '成文日期早于前一号文件。',
      line: 2,
      docNumber: fixture.documents[2]?.docNumber.text ?? null,
    });
    const r = await importIssue(t.db, { tenant: TENANT, issue: fixture, source: 'x', sourceName: 'sample.txt' });
    const byNumber = new Map(r.documents.map((d) => [d.docNumber, d.documentId]));
    const idOf = (k: number) => byNumber.get(fixture.documents[k]?.docNumber.text ?? '') ?? -1;
    ids = { plan: idOf(0), work: idOf(1), notice: idOf(2), issue: r.issueId };
    await createUser(t.db, TENANT, { username: 'admin', password: PASSWORD, role: 'admin' });
    await createUser(t.db, TENANT, { username: 'leader', password: PASSWORD, role: 'leader' });
    await createUser(t.db, TENANT, { username: 'fgj', password: PASSWORD, role: 'liaison', unit: '县发改局' });
    app = await buildServer({ db: t.db, tenant: TENANT });
  });

  afterEach(async () => {
    await app.close();
  });

  async function session(
    username: string,
  ): Promise<{ cookies: { luoshi_sid: string }; headers: { 'x-csrf-token': string } }> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    const sid = res.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '';
    return { cookies: { luoshi_sid: sid }, headers: { 'x-csrf-token': res.json().csrfToken } };
  }

  const get = async (url: string, as?: { cookies: { luoshi_sid: string } }) =>
    app.inject({ method: 'GET', url, ...(as ? { cookies: as.cookies } : {}) });

  it('GET /api/documents lists only what the caller may see (contract shape)', async () => {
    const pub = await get('/api/documents');
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(Object.keys(body)).toEqual(['documents']);
    for (const d of body.documents) {
      expect(d).toEqual(
        expect.objectContaining({ id: expect.any(Number), docNumber: expect.any(String), title: expect.any(String) }),
      );
      expect(['public', 'partial']).toContain(d.disclosure);
    }
    expect(body.documents.map((d: { id: number }) => d.id).sort()).toEqual([ids.plan, ids.work].sort());
    expect((await get('/api/documents?disclosure=restricted')).json()).toEqual({ documents: [] });
    expect((await get('/api/documents', await session('fgj'))).json().documents).toHaveLength(3);
    const leader = await get('/api/documents?disclosure=restricted,partial', await session('leader'));
    expect(
      leader
        .json()
        .documents.map((d: { disclosure: string }) => d.disclosure)
        .sort(),
    ).toEqual(['partial', 'restricted']);
  });

  it('validates list filters in Chinese', async () => {
    const res = await get('/api/documents?year=23');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'BAD_INPUT',
      field: 'year',
      message: '查询参数“year”不正确：年份应为四位数字',
    });
    expect((await get('/api/documents?disclosure=secret')).json().error.field).toBe('disclosure.0');
  });

  it('a restricted document answers the public exactly like a missing one, and is audited', async () => {
    const restricted = await get(`/api/documents/${ids.notice}`);
    const missing = await get('/api/documents/987654');
    expect(restricted.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(restricted.json()).toEqual({ error: { code: 'NOT_FOUND', message: documentNotFound(ids.notice) } });
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: documentNotFound(987654) } });
    expect(Object.keys(restricted.headers).sort()).toEqual(Object.keys(missing.headers).sort());

    const denied = await queryAudit(t.db, TENANT, { outcome: 'denied' });
    expect(denied.entries).toHaveLength(1);
    expect(denied.entries[0]).toMatchObject({
      action: 'document:read',
      role: 'public',
      entity: 'document',
      entityId: String(ids.notice),
    });

    // the same by 发文字号 and through a clause
    const number = fixture.documents[2]?.docNumber.text ?? '';
    const byNumber = await get(`/api/documents/by-number/${encodeURIComponent(number)}`);
    expect(byNumber.json()).toEqual({ error: { code: 'NOT_FOUND', message: documentNumberNotFound(number) } });
    const clause = await get(`/api/documents/${ids.notice}/clauses/body__lvl_1`);
    const missingClause = await get('/api/documents/987654/clauses/body__lvl_1');
    expect(clause.json()).toEqual({ error: { code: 'NOT_FOUND', message: clauseNotFound(ids.notice, 'body__lvl_1') } });
    expect(missingClause.json()).toEqual({
      error: { code: 'NOT_FOUND', message: clauseNotFound(987654, 'body__lvl_1') },
    });

    // signed-in staff read it: a liaison as well as a leader
    expect((await get(`/api/documents/${ids.notice}`, await session('fgj'))).statusCode).toBe(200);
    const leader = await get(`/api/documents/${ids.notice}`, await session('leader'));
    expect(leader.statusCode).toBe(200);
    expect(leader.json().document).toMatchObject({ id: ids.notice, disclosure: 'restricted', publicPart: false });
  });

  it('marks partial documents for the public', async () => {
    const partial = (await get(`/api/documents/${ids.work}`)).json().document;
    expect(partial.disclosure).toBe('partial');
    expect(partial.publicPart).toBe(true);
    expect(partial.publicNote).toMatch(/^此件部分公开/);
    expect(partial.attachments[0].clauses).toHaveLength(2); // the printed text is public
    const pub = (await get(`/api/documents/${ids.plan}`)).json().document;
    expect(pub.publicPart).toBe(false);
    expect(pub.publicNote).toBeUndefined();
  });

  it('serves clauses with their path', async () => {
    const res = await get(`/api/documents/${ids.plan}/clauses/att_1__num_1__num_1`);
    expect(res.statusCode).toBe(200);
    expect(res.json().clause).toMatchObject({ documentId: ids.plan, clause: { eId: 'att_1__num_1__num_1' } });
    expect((await get(`/api/documents/${ids.plan}/clauses/att_9`)).statusCode).toBe(404);
    expect((await get(`/api/documents/${ids.plan}/clauses/att%201`)).statusCode).toBe(400);
  });

  it('issues and findings leave out what the caller may not see', async () => {
    expect((await get('/api/issues')).json().issues).toHaveLength(1);
    const issue = (await get(`/api/issues/${ids.issue}`)).json().issue;
    expect(issue.documents.map((d: { id: number }) => d.id).sort()).toEqual([ids.plan, ids.work].sort());
    expect(issue.documentCount).toBe(2);
    expect(issue.toc.some((e: { documentId: number | null }) => e.documentId === ids.notice)).toBe(false);
    expect(issue.toc.some((e: { title: string }) => e.title.includes('土壤普查'))).toBe(false);
    const findings = (await get(`/api/issues/${ids.issue}/findings`)).json().findings;
    expect(findings.some((f: { message: string }) => f.message.includes('成文日期'))).toBe(false);
    expect(issue.findingCount).toBe(findings.length);
    const leaderFindings = (await get(`/api/issues/${ids.issue}/findings`, await session('leader'))).json().findings;
    expect(leaderFindings.length).toBe(findings.length + 1);
    expect((await get('/api/issues/424242')).statusCode).toBe(404);
  });

  it('search: Chinese validation, and restricted documents never reach the public', async () => {
    const empty = await get('/api/search?q=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      code: 'BAD_INPUT',
      field: 'q',
      message: '查询参数“q”不正确：请输入检索词',
    });
    expect((await get('/api/search')).json().error.message).toContain('请输入检索词');
    expect((await get(`/api/search?q=${'停'.repeat(101)}`)).json().error.message).toContain('检索词最多 100 个字');

    const pub = (await get(`/api/search?q=${encodeURIComponent('土壤普查')}`)).json();
    expect(pub).toMatchObject({ total: 0, hits: [] });
    const leader = (await get(`/api/search?q=${encodeURIComponent('土壤普查')}`, await session('leader'))).json();
    expect(leader.hits.length).toBeGreaterThan(0);
    const hit = (await get(`/api/search?q=${encodeURIComponent('停电')}`)).json().hits[0];
    expect(hit).toEqual(
      expect.objectContaining({
        documentId: ids.plan,
        docNumber: expect.any(String),
        citation: expect.any(String),
        snippet: expect.stringContaining('<mark>'),
      }),
    );
  });

  it('administrators mark an attachment or clause non-public; the public never receives it', async () => {
    const admin = await session('admin');
    const leader = await session('leader');
    const mark = (eId: string, as = admin) =>
      app.inject({
        method: 'POST',
        url: `/api/documents/${ids.plan}/restrictions`,
        ...as,
        payload: { eId, reason: '涉及内部联络方式' },
      });

    expect((await mark('att_2', leader)).statusCode).toBe(403);
    const unknown = await mark('att_7');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('eId');
    expect((await mark('att_2')).statusCode).toBe(201);
    expect((await mark('att_1__num_2')).statusCode).toBe(201);
    expect((await mark('att_2')).statusCode).toBe(409);

    const pub = (await get(`/api/documents/${ids.plan}`)).json().document;
    expect(pub.publicPart).toBe(true);
    expect(pub.publicNote).toMatch(/^此件部分公开/);
    expect(pub.attachments.map((a: { eId: string }) => a.eId)).toEqual(['att_1']);
    expect(pub.attachments[0].clauses.map((c: { eId: string }) => c.eId)).toEqual(['att_1__num_1']);
    expect(pub.attachmentList).toEqual([]);
    expect(pub.restrictedEIds).toBeUndefined();
    expect(JSON.stringify(pub)).not.toMatch(/启动条件|30分钟/);

    // by clause id: not found (the same as a missing clause), and audited
    const clause = await get(`/api/documents/${ids.plan}/clauses/att_1__num_2__para_1`);
    expect(clause.statusCode).toBe(404);
    expect(clause.json().error.message).toBe(clauseNotFound(ids.plan, 'att_1__num_2__para_1'));
    expect((await queryAudit(t.db, TENANT, { action: 'clause:read', outcome: 'denied' })).total).toBe(1);
    // the parent clause comes without the marked child
    const parent = (await get(`/api/documents/${ids.plan}/clauses/att_1`)).json();
    expect(parent.error.code).toBe('NOT_FOUND'); // att_1 is an attachment, not a clause
    const top = (await get(`/api/documents/${ids.plan}/clauses/att_1__num_1`)).json().clause;
    expect(top.clause.eId).toBe('att_1__num_1');

    // search: neither the clause nor the attachment title
    for (const q of ['30分钟', '启动条件']) {
      const res = (await get(`/api/search?q=${encodeURIComponent(q)}`)).json();
      expect(res.hits.filter((h: { documentId: number }) => h.documentId === ids.plan)).toEqual([]);
      const seen = (await get(`/api/search?q=${encodeURIComponent(q)}`, leader)).json();
      expect(seen.hits.some((h: { documentId: number }) => h.documentId === ids.plan)).toBe(true);
    }

    // leaders see everything, flagged
    const full = (await get(`/api/documents/${ids.plan}`, leader)).json().document;
    expect(full.attachments.map((a: { eId: string; restricted?: boolean }) => [a.eId, a.restricted ?? false])).toEqual([
      ['att_1', false],
      ['att_2', true],
    ]);
    expect(full.restrictedEIds.sort()).toEqual(['att_1__num_2', 'att_2']);
    const list = (await get(`/api/documents/${ids.plan}/restrictions`, leader)).json().restrictions;
    expect(list).toHaveLength(2);
    expect((await get(`/api/documents/${ids.plan}/restrictions`)).statusCode).toBe(401);

    // removing a mark publishes the part again; both changes are audited
    const del = await app.inject({ method: 'DELETE', url: `/api/documents/${ids.plan}/restrictions/att_2`, ...admin });
    expect(del.statusCode).toBe(200);
    expect((await get(`/api/documents/${ids.plan}`)).json().document.attachments).toHaveLength(2);
    const audit = await queryAudit(t.db, TENANT, { entity: 'document' });
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['restriction:add', 'restriction:remove']),
    );
  });
});
