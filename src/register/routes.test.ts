// /api/docflow, /api/docnumbers and /api/gazette/compile over HTTP on real databases: who may do what, the
// register's peek and assignment (201, audited), Chinese 400s that write nothing, the compiled issue as json,
// txt and docx.
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { cliActor } from '../access/audit.ts';
import { parseGazette } from '../gazette/parse.ts';
import { importGazette } from '../platform/importing.ts';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';

const TENANT = '140423';
const hasSeed = seedAvailable();
const seed = hasSeed ? seedText() : '';
const seedIssue = hasSeed ? parseGazette(seed) : null;

const DRAFT = [
  '关于申请维修资金和增加人员编制的请示',
  '',
  '县人民政府：',
  '',
  '今年汛期，我县部分村庄供水管网受损。恳请县人民政府拨付农村饮水安全维修资金85万元。',
  '另外，我局人员紧缺，申请增加事业编制5名，用于水资源监测工作。',
  '妥否，请批示。',
].join('\n');

forEachDatabase('docflow and register routes', (t) => {
  let app: FastifyInstance;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    if (seedIssue)
      await importGazette(
        t.db,
        { tenant: TENANT, issue: seedIssue, source: seed, sourceName: 'seed.txt' },
        cliActor('t'),
      );
    ({ app, session } = await serverWithSessions(
      t.db,
      TENANT,
      [
        { username: 'admin', role: 'admin' },
        { username: 'leader', role: 'leader' },
        { username: 'sl', role: 'liaison', unit: '县水利局' },
      ],
      { now: () => new Date('2023-12-01T09:00:00+08:00') },
    ));
  });

  afterEach(async () => {
    await app?.close();
  });

  it('pre-flights a pasted draft and an uploaded GB18030 file for staff; the public is refused', async () => {
    const pasted = await app.inject({
      method: 'POST',
      url: '/api/docflow/check',
      ...session('sl'),
      payload: { text: DRAFT },
    });
    expect(pasted.statusCode).toBe(200);
    const r = pasted.json().result;
    expect(r.type).toBe('请示');
    expect(r.limit).toBe(1500);
    expect(r.findings.map((f: { kind: string }) => f.kind)).toContain('multiple-requests');
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/docflow/check',
      ...session('sl'),
      payload: { contentBase64: iconv.encode(DRAFT, 'gb18030').toString('base64'), fileName: '请示.txt' },
    });
    expect(uploaded.json().result.findings).toEqual(r.findings);
    const utf16 = await app.inject({
      method: 'POST',
      url: '/api/docflow/check',
      ...session('sl'),
      payload: {
        contentBase64: iconv.encode(DRAFT, 'utf16le', { addBOM: true }).toString('base64'),
        fileName: 'x.txt',
      },
    });
    expect(utf16.statusCode).toBe(400);
    expect(utf16.json().error.message).toContain('UTF-16');
    const anon = await app.inject({ method: 'POST', url: '/api/docflow/check', payload: { text: DRAFT } });
    expect(anon.statusCode).toBe(401);
  });

  it('answers the clocks and the signing matrix', async () => {
    const c = await app.inject({
      method: 'POST',
      url: '/api/docflow/countersign',
      ...session('sl'),
      payload: { sentOn: '2023-09-28', asOf: '2023-10-16' },
    });
    expect(c.json().clock).toMatchObject({ dueOn: '2023-10-13', status: 'no-objection' });
    const sign = await app.inject({
      method: 'POST',
      url: '/api/docflow/sign',
      ...session('sl'),
      payload: { issuedAs: 'office', type: '通知', signer: '县政府办主任' },
    });
    expect(sign.json().answer.allowed).toBe(true);
  });

  it.skipIf(!hasSeed)('peeks and assigns numbers: admin assigns (201), leader reads, liaison may not', async () => {
    const next = await app.inject({
      method: 'GET',
      url: '/api/docnumbers/next?agency=襄政办发&year=2023',
      ...session('leader'),
    });
    expect(next.json().next.docNumber).toBe('襄政办发〔2023〕27号');
    const payload = {
      agency: '襄政办发',
      year: 2023,
      title: '关于做好冬季供暖工作的通知',
      signedOn: '2023-11-20',
      disclosure: 'public',
    };
    expect(
      (await app.inject({ method: 'POST', url: '/api/docnumbers', ...session('leader'), payload })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/docnumbers', ...session('sl') })).statusCode).toBe(403);
    const a = await app.inject({ method: 'POST', url: '/api/docnumbers', ...session('admin'), payload });
    expect(a.statusCode).toBe(201);
    expect(a.json().issued).toMatchObject({ docNumber: '襄政办发〔2023〕27号', assignedBy: 'admin' });
    const list = await app.inject({
      method: 'GET',
      url: '/api/docnumbers?agency=襄政办发&year=2023',
      ...session('leader'),
    });
    expect(list.json().entries.map((e: { serial: number }) => e.serial)).toEqual([15, 16, 17, 19, 21, 24, 25, 26, 27]);
    expect(list.json().agencies.map((x: { code: string }) => x.code)).toContain('襄政办发');
  });

  it('refuses an unknown agency code and a bad field with a Chinese 400 naming the field, writing nothing', async () => {
    const before = await databaseFingerprint(t.db);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/docnumbers',
      ...session('admin'),
      payload: { agency: '晋政发', year: 2023, title: '关于某事的通知', signedOn: '2023-11-20', disclosure: 'public' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'agency' });
    expect(bad.json().error.message).toContain('未知的发文机关代字“晋政发”');
    const year = await app.inject({
      method: 'POST',
      url: '/api/docnumbers',
      ...session('admin'),
      payload: {
        agency: '襄政办发',
        year: 2023,
        title: '关于某事的通知',
        signedOn: '2024-01-02',
        disclosure: 'public',
      },
    });
    expect(year.statusCode).toBe(400);
    expect(year.json().error.field).toBe('signedOn');
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('assigns with a draft and answers the formal text; a draft that is not a document takes no number', async () => {
    const payload = {
      agency: '襄政办发',
      year: 2024,
      title: '关于做好冬季供暖工作的通知',
      signedOn: '2024-01-05',
      disclosure: 'public',
    };
    const before = await databaseFingerprint(t.db);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/docnumbers',
      ...session('admin'),
      payload: { ...payload, draft: '关于某事的通知\n\n各镇人民政府：\n' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('没有正文');
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/docnumbers',
      ...session('admin'),
      payload: { ...payload, draft: '关于做好冬季供暖工作的通知\n\n各镇人民政府：\n\n请各镇做好供暖保障工作。\n' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().issued.docNumber).toBe('襄政办发〔2024〕1号');
    const doc = parseGazette(`# 测试公报\n\n2024 第 1 期\n\n${ok.json().formalText}`).documents[0];
    expect([doc?.docNumber.text, doc?.issuer, doc?.signedOn, doc?.disclosureNote]).toEqual([
      '襄政办发〔2024〕1号',
      '襄垣县人民政府办公室',
      '2024-01-05',
      '（此件公开发布）',
    ]);
  });

  it.skipIf(!hasSeed)(
    'compiles the next issue as json, txt (parses back) and docx, for the county office only',
    async () => {
      const q = 'from=2023-09-01&to=2023-12-31&issue=2023:4&published=2023-12-28';
      const json = await app.inject({ method: 'GET', url: `/api/gazette/compile?${q}`, ...session('admin') });
      expect(json.statusCode).toBe(200);
      const toc = json.json().toc as { docNumber: string; page: number }[];
      expect(toc.length).toBeGreaterThan(0);
      expect(toc[0]?.page).toBe(1);
      const txt = await app.inject({ method: 'GET', url: `/api/gazette/compile?${q}&format=txt`, ...session('admin') });
      expect(txt.headers['content-disposition']).toContain('gazette-2023-4.txt');
      const back = parseGazette(txt.body);
      expect(back.documents.map((d) => d.docNumber.text)).toEqual(toc.map((e) => e.docNumber));
      const docx = await app.inject({
        method: 'GET',
        url: `/api/gazette/compile?${q}&format=docx`,
        ...session('admin'),
      });
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(
        (await app.inject({ method: 'GET', url: `/api/gazette/compile?${q}`, ...session('leader') })).statusCode,
      ).toBe(403);
      const dup = await app.inject({
        method: 'GET',
        url: '/api/gazette/compile?from=2023-01-01&to=2023-12-31&issue=2023:3',
        ...session('admin'),
      });
      expect(dup.statusCode).toBe(409);
    },
  );
});
