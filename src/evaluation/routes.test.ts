// The evaluation API on real databases: roles, entering values as JSON (a refusal names entity, item, field and
// writes nothing), the score sheet, the Excel template round trip and the .xlsx/.docx exports read back.
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { DATA_SHEET } from './excel.ts';

const TENANT = '140423';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** word/document.xml of a .docx (a zip), walking the local file headers. */
function documentXml(docx: Buffer): string {
  let i = 0;
  while (i + 30 < docx.length && docx.readUInt32LE(i) === 0x04034b50) {
    const method = docx.readUInt16LE(i + 8);
    let size = docx.readUInt32LE(i + 18);
    const nameLen = docx.readUInt16LE(i + 26);
    const extraLen = docx.readUInt16LE(i + 28);
    const name = docx.subarray(i + 30, i + 30 + nameLen).toString('utf8');
    const start = i + 30 + nameLen + extraLen;
    const flags = docx.readUInt16LE(i + 6);
    if (flags & 0x08 && size === 0) {
      let j = start;
      while (j + 4 <= docx.length && docx.readUInt32LE(j) !== 0x04034b50 && docx.readUInt32LE(j) !== 0x02014b50) j++;
      size = j - start - 16;
    }
    const data = docx.subarray(start, start + size);
    if (name === 'word/document.xml') return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    i = start + size + (flags & 0x08 ? 16 : 0);
  }
  throw new Error('word/document.xml not found');
}

const values = (k: number) => ({
  'loan-increment-rank': 9000 - 1000 * k,
  'gov-activities': { points: 90 - k, justification: '按时参加' },
});

forEachDatabase('evaluation routes', (t) => {
  let app: FastifyInstance;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    ({ app, session } = await serverWithSessions(t.db, TENANT, [
      { username: 'admin', role: 'admin', displayName: '县政府办王芳' },
      { username: 'lead', role: 'leader', displayName: '李县长' },
      { username: 'wtj', role: 'liaison', unit: '县卫体局' },
    ]));
  });

  afterEach(async () => {
    await app.close();
  });

  it('lists rubrics for staff, refuses the public', async () => {
    const anon = await app.inject({ method: 'GET', url: '/api/evaluation/rubrics' });
    expect(anon.statusCode).toBe(401);
    const r = await app.inject({ method: 'GET', url: '/api/evaluation/rubrics', ...session('wtj') });
    expect(r.statusCode).toBe(200);
    expect(r.json().rubrics.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(['bank-evaluation-2023', 'chronic-disease-zone-2023']),
    );
  });

  it('the county office creates and enters; leaders and liaisons read but cannot enter', async () => {
    const denied = await app.inject({
      method: 'POST',
      url: '/api/evaluation/assessments',
      ...session('wtj'),
      payload: { rubricId: 'bank-evaluation-2023', period: '2023' },
    });
    expect(denied.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/evaluation/assessments',
      ...session('admin'),
      payload: { rubricId: 'bank-evaluation-2023', period: '2023' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const put = await app.inject({
      method: 'PUT',
      url: `/api/evaluation/assessments/${id}/entities`,
      ...session('admin'),
      payload: {
        entities: [
          { id: 'b1', name: '甲银行', assessments: { self: values(0), department: values(0) } },
          {
            id: 'b2',
            name: '乙银行',
            assessments: { self: values(1), department: values(1) },
            vetoes: ['major-risk-or-violation'],
          },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const byLeader = await app.inject({
      method: 'PUT',
      url: `/api/evaluation/assessments/${id}/entities`,
      ...session('lead'),
      payload: { entities: [{ id: 'b3' }] },
    });
    expect(byLeader.statusCode).toBe(403);
    const score = await app.inject({
      method: 'GET',
      url: `/api/evaluation/assessments/${id}/score`,
      ...session('lead'),
    });
    expect(score.statusCode).toBe(200);
    const body = score.json();
    expect(body.entities.map((e: { id: string }) => e.id)).toEqual(['b1', 'b2']);
    expect(body.entities[1].items[0].explain).toContain('当年贷款增量排第2名：40−1=39分');
    expect(body.entities[1].flags).toContain('取消评优资格');
    expect(body.categories).toHaveLength(9);
  });

  it('a bad entry is refused with 400 naming entity, item and field, and nothing is written', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/evaluation/assessments',
      ...session('admin'),
      payload: { rubricId: 'bank-evaluation-2023', period: '2023' },
    });
    const id = created.json().id as number;
    const before = await databaseFingerprint(t.db);
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/evaluation/assessments/${id}/entities`,
      ...session('admin'),
      payload: { entities: [{ id: 'b1', name: '甲银行', assessments: { self: { 'loan-increment-rank': '很多' } } }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('单位“甲银行”（自查自评）指标“当年贷款增量排序”（loan-increment-rank）');
    expect(bad.json().error.field).toBe('entities.0.assessments.self.loan-increment-rank');
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const missing = await app.inject({
      method: 'GET',
      url: '/api/evaluation/assessments/9999/score',
      ...session('admin'),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('round-trips the Excel template and exports the score sheet as .xlsx and .docx', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/evaluation/assessments',
      ...session('admin'),
      payload: { rubricId: 'bank-evaluation-2023', period: '2023' },
    });
    const id = created.json().id as number;
    await app.inject({
      method: 'PUT',
      url: `/api/evaluation/assessments/${id}/entities`,
      ...session('admin'),
      payload: {
        entities: [
          { id: 'b1', name: '甲银行' },
          { id: 'b2', name: '乙银行' },
        ],
      },
    });
    const tpl = await app.inject({
      method: 'GET',
      url: `/api/evaluation/assessments/${id}/template.xlsx`,
      ...session('admin'),
    });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    expect(ws.rowCount).toBe(5); // header + 2 banks × 2 assessors
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (key: string) => header.findIndex((h) => h.endsWith(`〔${key}〕`));
    [5000, 5000, 3000, 3000].forEach((v, i) => {
      ws.getRow(i + 2).getCell(col('loan-increment-rank')).value = v;
    });
    const up = await app.inject({
      method: 'POST',
      url: `/api/evaluation/assessments/${id}/template.xlsx`,
      ...session('admin'),
      headers: { ...session('admin').headers, 'content-type': XLSX },
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(up.statusCode, up.body).toBe(200);
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/evaluation/assessments/${id}/sheet.xlsx`,
      ...session('lead'),
    });
    expect(xlsx.statusCode).toBe(200);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rank = out.getWorksheet('排名')!;
    expect(rank.getRow(2).getCell(3).value).toBe('甲银行');
    expect(rank.getRow(3).getCell(3).value).toBe('乙银行');
    const detail = out.getWorksheet('评分明细')!;
    expect(String(detail.getRow(2).getCell(6).value)).toContain('当年贷款增量排第1名：40分');
    const docx = await app.inject({
      method: 'GET',
      url: `/api/evaluation/assessments/${id}/sheet.docx`,
      ...session('lead'),
    });
    expect(docx.statusCode).toBe(200);
    const xml = documentXml(docx.rawPayload);
    expect(xml).toContain('襄垣县银行业金融机构支持地方经济发展实绩评价（2023）评分表');
    expect(xml).toContain('当年贷款增量排第2名：40−1=39分');
  });
});

forEachDatabase('evaluation routes: review fixes', (t) => {
  let app: FastifyInstance;
  let admin: TestSession;

  beforeEach(async () => {
    const server = await serverWithSessions(t.db, TENANT, [
      { username: 'admin', role: 'admin', displayName: '县政府办王芳' },
    ]);
    app = server.app;
    admin = server.session('admin');
  });

  afterEach(async () => {
    await app.close();
  });

  async function assessment(entities: unknown[]): Promise<number> {
    const created = await app.inject({
      method: 'POST',
      url: '/api/evaluation/assessments',
      ...admin,
      payload: { rubricId: 'bank-evaluation-2023', period: '2023' },
    });
    const id = created.json().id as number;
    if (entities.length) {
      const put = await app.inject({
        method: 'PUT',
        url: `/api/evaluation/assessments/${id}/entities`,
        ...admin,
        payload: { entities },
      });
      expect(put.statusCode, put.body).toBe(200);
    }
    return id;
  }

  it('imports a JSON {contentBase64} body larger than the server-wide 1 MiB limit', async () => {
    const id = await assessment([{ id: 'b1', name: '甲银行' }]);
    const tpl = await app.inject({ method: 'GET', url: `/api/evaluation/assessments/${id}/template.xlsx`, ...admin });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = header.findIndex((h) => h.endsWith('〔loan-increment-rank〕'));
    ws.getRow(2).getCell(col).value = 5000;
    ws.getRow(3).getCell(col).value = 5000;
    // base64 wrapped in lines, as encoders do; the whitespace makes the body exceed 1 MiB
    const b64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') + '\n'.repeat(1_200_000);
    const up = await app.inject({
      method: 'POST',
      url: `/api/evaluation/assessments/${id}/template.xlsx`,
      ...admin,
      payload: { contentBase64: b64 },
    });
    expect(up.statusCode, up.body.slice(0, 300)).toBe(200);
    expect(up.json().assessment.version).toBe(3);
    const tooBig = await app.inject({
      method: 'POST',
      url: `/api/evaluation/assessments/${id}/template.xlsx`,
      ...admin,
      payload: { contentBase64: 'A'.repeat(28_000_004) },
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.message).toContain('最多 20 MB');
  });

  it('a refusal in PUT …/entities names the index in the request, not in the merged list', async () => {
    const id = await assessment([{ id: 'b1', name: '甲银行' }]);
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/evaluation/assessments/${id}/entities`,
      ...admin,
      payload: { entities: [{ id: 'b2', name: '乙银行', bogus: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('entities.0.bogus');
    const second = await app.inject({
      method: 'PUT',
      url: `/api/evaluation/assessments/${id}/entities`,
      ...admin,
      payload: {
        entities: [
          { id: 'b3', name: '丙银行' },
          { id: 'b1', assessments: { self: { 'loan-increment-rank': '很多' } } },
        ],
      },
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.field).toBe('entities.1.assessments.self.loan-increment-rank');
    expect(second.json().error.message).toContain('单位“甲银行”');
  });

  it('an assessment whose rubric file is gone: 409 saying the rubric file is missing, still listed', async () => {
    const at = new Date().toISOString();
    const row = await t.db.db
      .insertInto('evaluation_assessments')
      .values({
        tenant: TENANT,
        rubric_id: 'removed-rubric-2020',
        period: '2020',
        version: 1,
        created_by: 'admin',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/score'],
      ['GET', '/template.xlsx'],
      ['GET', '/sheet.xlsx'],
      ['GET', '/sheet.docx'],
      ['PUT', '/entities'],
    ] as const) {
      const r = await app.inject({
        method,
        url: `/api/evaluation/assessments/${row.id}${path}`,
        ...admin,
        ...(method === 'PUT' ? { payload: { entities: [{ id: 'b1' }] } } : {}),
      });
      expect(r.statusCode, `${method} ${path}`).toBe(409);
      expect(r.json().error.code).toBe('CONFLICT');
      expect(r.json().error.message).toContain('评分细则文件（编号“removed-rubric-2020”）已不存在');
    }
    const list = await app.inject({ method: 'GET', url: '/api/evaluation/assessments', ...admin });
    expect(list.json().assessments[0].rubricId).toBe('removed-rubric-2020');
  });
});
