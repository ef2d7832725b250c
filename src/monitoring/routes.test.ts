// The monitoring API on real databases: roles, JSON reporting with a row-named refusal, the Excel template round
// trip (a changed template refused, nothing written), DHIS2 CSV, the .docx reports read back from the zip, and the
// public progress page showing approved values only.
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';

const TENANT = '140423';

/** The text of word/document.xml in a .docx (a zip), without a zip library: walk the local file headers. */
export function documentXml(docx: Buffer): string {
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
      // sizes in a data descriptor: find the next local header
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

forEachDatabase('monitoring routes', (t) => {
  let app: FastifyInstance;
  let session: (username: string) => TestSession;
  let planId = 0;

  beforeEach(async () => {
    ({ app, session } = await serverWithSessions(t.db, TENANT, [
      { username: 'admin', role: 'admin', displayName: '县政府办王芳' },
      { username: 'wtj', role: 'liaison', unit: '县卫体局' },
      { username: 'jyj', role: 'liaison', unit: '县教育局' },
    ]));
    const plan = await app.inject({
      method: 'POST',
      url: '/api/monitoring/plans',
      ...session('admin'),
      payload: { name: '襄垣县“十四五”公共卫生体系建设规划', isPublic: true, baseYear: 2020, targetYear: 2025 },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    planId = plan.json().id;
    for (const payload of [
      {
        code: 'H04',
        name: '家庭医生签约率',
        measureUnit: '%',
        baselineYear: 2020,
        baselineValue: 68.9,
        target: { op: '=', value: 90, year: 2025, direction: 'higher' },
        attribute: 'expected',
      },
      {
        code: 'H07',
        name: '适龄儿童免疫规划疫苗接种率',
        measureUnit: '%',
        baselineYear: 2020,
        baselineValue: 95,
        target: { op: '>=', value: 95, year: 2025 },
        attribute: 'binding',
      },
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/monitoring/indicators',
        ...session('admin'),
        payload: {
          planId,
          domain: '主要指标',
          responsibleUnit: '县卫体局',
          frequency: 'annual',
          dataSource: '县统计局年度监测',
          rules: { type: 'percent' },
          ...payload,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  afterEach(async () => {
    await app?.close();
  });

  const post = (u: string, url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, ...session(u), payload: payload as object });

  it('lets only the office define indicators and approve; a liaison reports for its own unit', async () => {
    expect((await post('wtj', '/api/monitoring/plans', { name: 'x' })).statusCode).toBe(403);
    const other = await post('jyj', '/api/monitoring/values', {
      values: [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: 96 }],
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/^第 1 行 字段“unit”：单位联络员只能代表本单位/);
    const ok = await post('wtj', '/api/monitoring/values', {
      values: [
        { indicator: 'H07', unit: '县卫体局', period: '2021', value: 96 },
        { indicator: 'H04', unit: '县卫体局', period: '2021', value: '72' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const ids = ok.json().written.map((v: { id: number }) => v.id);
    expect((await post('wtj', '/api/monitoring/values/approve', { ids })).statusCode).toBe(403);
    expect((await post('admin', '/api/monitoring/values/approve', { ids })).statusCode).toBe(200);
    const late = await post('wtj', '/api/monitoring/values', {
      values: [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: 97 }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ row: 1, field: 'value' });
    const m = await app.inject({ method: 'GET', url: `/api/monitoring/plans/${planId}/matrix`, ...session('wtj') });
    expect(m.json().rows.map((r: { latest: { light: string } }) => r.latest.light)).toEqual(['yellow', 'green']);
    const w = await app.inject({ method: 'GET', url: '/api/monitoring/warnings', ...session('jyj') });
    expect(w.json().warnings).toEqual([]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/monitoring/warnings?unit=县卫体局', ...session('jyj') }))
        .statusCode,
    ).toBe(403);
    const inds = (
      await app.inject({ method: 'GET', url: `/api/monitoring/plans/${planId}/indicators`, ...session('wtj') })
    ).json().indicators;
    const h04 = inds.find((i: { code: string }) => i.code === 'H04');
    const series = await app.inject({
      method: 'GET',
      url: `/api/monitoring/indicators/${h04.id}/series`,
      ...session('wtj'),
    });
    expect(series.json().attainment).toMatchObject({
      status: 'acceleration_needed',
      label: '需加快进度',
      light: 'yellow',
    });
    expect(series.json().values.map((v: { valueText: string }) => v.valueText)).toEqual(['72']);
    expect(
      (await app.inject({ method: 'GET', url: '/api/monitoring/indicators/99999/series', ...session('wtj') }))
        .statusCode,
    ).toBe(404);
  });

  it('round-trips the Excel template; a changed template is refused and nothing is written', async () => {
    const url = `/api/monitoring/plans/${planId}/template.xlsx?unit=${encodeURIComponent('县卫体局')}&year=2022`;
    const res = await app.inject({ method: 'GET', url, ...session('wtj') });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报') as ExcelJS.Worksheet;
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '指标编码',
      '领域',
      '指标名称',
      '计量单位',
      '期间',
      '数值',
      '说明（未通过校验时强制上报必填）',
      '备注',
    ]);
    ws.getRow(3).getCell(6).value = 75.5;
    ws.getRow(4).getCell(6).value = 96.1;
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = (body: Buffer, u = 'wtj') =>
      app.inject({
        method: 'POST',
        url,
        ...session(u),
        headers: {
          ...session(u).headers,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        payload: body,
      });
    expect((await upload(filled, 'jyj')).statusCode).toBe(403);
    // change the template: rename an indicator code
    const tampered = new ExcelJS.Workbook();
    await tampered.xlsx.load(filled as unknown as ArrayBuffer);
    (tampered.getWorksheet('填报') as ExcelJS.Worksheet).getRow(4).getCell(1).value = 'H99';
    const before = await databaseFingerprint(t.db);
    const bad = await upload(Buffer.from(await tampered.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(
      /模板已被修改，未导入任何数据：第 4 行 字段“指标编码”应为“H07”，却是“H99”/,
    );
    // a value failing a rule without explanation: the row is named, nothing written
    const overRange = new ExcelJS.Workbook();
    await overRange.xlsx.load(filled as unknown as ArrayBuffer);
    (overRange.getWorksheet('填报') as ExcelJS.Worksheet).getRow(4).getCell(6).value = 101;
    const r2 = await upload(Buffer.from(await overRange.xlsx.writeBuffer()));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error).toMatchObject({ row: 4, field: 'value' });
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const good = await upload(filled);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().written.map((v: { valueText: string; period: string }) => [v.period, v.valueText])).toEqual([
      ['2022', '75.5'],
      ['2022', '96.1'],
    ]);
    // the next download is pre-filled
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(
      (await app.inject({ method: 'GET', url, ...session('wtj') })).rawPayload as unknown as ArrayBuffer,
    );
    expect(again.getWorksheet('填报')?.getRow(3).getCell(6).value).toBe('75.5');
  });

  it('exchanges DHIS2 CSV', async () => {
    const inds = (
      await app.inject({ method: 'GET', url: `/api/monitoring/plans/${planId}/indicators`, ...session('admin') })
    ).json().indicators;
    const h07 = inds.find((i: { code: string }) => i.code === 'H07');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/monitoring/indicators/${h07.id}/dhis2`,
          ...session('admin'),
          payload: { dataElement: 'fbfJHSPpUQD' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/monitoring/dhis2/org-units',
          ...session('admin'),
          payload: { orgUnits: [{ unit: '县卫体局', orgUnit: 'DiszpKrYNg8' }] },
        })
      ).statusCode,
    ).toBe(200);
    const csv =
      'dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value,storedBy,lastUpdated,comment,followup\nfbfJHSPpUQD,2021,DiszpKrYNg8,HllvX50cXC0,HllvX50cXC0,96.3,dhis2,2022-01-05T00:00:00.000Z,,false\n';
    const imp = await app.inject({
      method: 'POST',
      url: '/api/monitoring/dhis2',
      ...session('admin'),
      headers: { ...session('admin')?.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imp.statusCode, imp.body).toBe(200);
    const out = await app.inject({ method: 'GET', url: '/api/monitoring/dhis2.csv', ...session('admin') });
    expect(out.headers['content-type']).toContain('text/csv');
    expect(out.body).toContain('fbfJHSPpUQD,2021,DiszpKrYNg8,HllvX50cXC0,HllvX50cXC0,96.3,admin,');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/monitoring/dhis2',
      ...session('admin'),
      headers: { ...session('admin')?.headers, 'content-type': 'text/csv' },
      payload: 'dataElement,period,orgUnit,value\nfbfJHSPpUQD,2021Q9,DiszpKrYNg8,1\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ row: 2, field: 'period' });
  });

  it('generates the annual report and the evaluations as .docx with tables by domain and unit and drawn charts', async () => {
    await post('wtj', '/api/monitoring/values', {
      values: [
        { indicator: 'H04', unit: '县卫体局', period: '2021', value: 72 },
        { indicator: 'H04', unit: '县卫体局', period: '2022', value: 76 },
        { indicator: 'H07', unit: '县卫体局', period: '2022', value: 94 },
      ],
    });
    for (const kind of ['annual', 'midterm', 'final']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/monitoring/plans/${planId}/report.docx?kind=${kind}&year=2022`,
        ...session('admin'),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const xml = documentXml(res.rawPayload);
      const title = {
        annual: '2022年度监测报告',
        midterm: '中期评估报告（截至2022年）',
        final: '终期评估报告（截至2022年）',
      }[kind] as string;
      expect(xml).toContain(title);
      for (const s of [
        '一、总体情况',
        '二、分领域情况',
        '三、分单位情况',
        '四、指标进展图',
        '五、预警情况',
        '家庭医生签约率',
        '需加快进度',
        '趋势恶化',
        '县卫体局',
        '图：家庭医生签约率（基期 → 最新 → 目标）',
        '【红色预警】',
      ])
        expect(xml, `${kind}: ${s}`).toContain(s);
      // the drawn bars: shaded cells
      expect(xml).toMatch(/w:shd [^>]*w:fill="2F75B5"/);
      if (kind !== 'annual') expect(xml).toContain('六、存在问题和对策建议');
    }
    const bad = await app.inject({
      method: 'GET',
      url: `/api/monitoring/plans/${planId}/report.docx?kind=weekly&year=2022`,
      ...session('admin'),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows public plans to the public with approved values only', async () => {
    const w = await post('wtj', '/api/monitoring/values', {
      values: [
        { indicator: 'H07', unit: '县卫体局', period: '2021', value: 96 },
        { indicator: 'H07', unit: '县卫体局', period: '2022', value: 97 },
      ],
    });
    await post('admin', '/api/monitoring/values/approve', { ids: [w.json().written[0].id] });
    const list = await app.inject({ method: 'GET', url: '/api/public/monitoring/plans' });
    expect(list.json().plans.map((p: { id: number }) => p.id)).toEqual([planId]);
    const page = await app.inject({ method: 'GET', url: `/api/public/monitoring/plans/${planId}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().periods.map((p: { id: string }) => p.id)).toEqual(['2021']);
    expect(JSON.stringify(page.json())).not.toContain('97');
    expect(page.json().rows[0].indicator.rules).toBeUndefined();
    // the staff API refuses the public
    expect((await app.inject({ method: 'GET', url: `/api/monitoring/plans/${planId}/matrix` })).statusCode).toBe(401);
    const internal = await post('admin', '/api/monitoring/plans', { name: '内部规划', isPublic: false });
    expect(
      (await app.inject({ method: 'GET', url: `/api/public/monitoring/plans/${internal.json().id}` })).statusCode,
    ).toBe(404);
  });

  const put = (u: string, url: string, payload: unknown) =>
    app.inject({ method: 'PUT', url, ...session(u), payload: payload as object });
  const auditRows = (action: string) =>
    t.db.db.selectFrom('audit_log').selectAll().where('tenant', '=', TENANT).where('action', '=', action).execute();

  it('M1: org-unit mapping with a unit or uid listed twice → 400 naming the row', async () => {
    const before = await databaseFingerprint(t.db);
    const unitTwice = await put('admin', '/api/monitoring/dhis2/org-units', {
      orgUnits: [
        { unit: '县卫体局', orgUnit: 'DiszpKrYNg8' },
        { unit: '县卫体局', orgUnit: 'ImspTQPwCqd' },
      ],
    });
    expect(unitTwice.statusCode, unitTwice.body).toBe(400);
    expect(unitTwice.json().error).toMatchObject({ code: 'BAD_INPUT', row: 2, field: 'unit' });
    expect(unitTwice.json().error.message).toContain('与第 1 行重复');
    const uidTwice = await put('admin', '/api/monitoring/dhis2/org-units', {
      orgUnits: [
        { unit: '县卫体局', orgUnit: 'DiszpKrYNg8' },
        { unit: '县教育局', orgUnit: 'DiszpKrYNg8' },
      ],
    });
    expect(uidTwice.statusCode, uidTwice.body).toBe(400);
    expect(uidTwice.json().error).toMatchObject({ row: 2, field: 'orgUnit' });
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('M2: mapping an indicator to a DHIS2 data element writes an audit row', async () => {
    const inds = (
      await app.inject({ method: 'GET', url: `/api/monitoring/plans/${planId}/indicators`, ...session('admin') })
    ).json().indicators as { id: number; code: string }[];
    const h07 = inds.find((i) => i.code === 'H07')!;
    const r = await put('admin', `/api/monitoring/indicators/${h07.id}/dhis2`, { dataElement: 'fbfJHSPpUQD' });
    expect(r.statusCode, r.body).toBe(200);
    const rows = (await auditRows('monitoring:dhis2-mapping')).filter((a) => a.entity === 'monitoring_indicator');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.entity_id).toBe(String(h07.id));
    expect(JSON.parse(rows[0]!.after as string)).toEqual({ dataElement: 'fbfJHSPpUQD', categoryOptionCombo: null });
    expect((await put('admin', '/api/monitoring/indicators/99999/dhis2', { dataElement: null })).statusCode).toBe(404);
  });

  it('M3: indicators from the targets of an unknown document → 404', async () => {
    const r = await post('admin', `/api/monitoring/plans/${planId}/from-targets`, {
      documentId: 99999,
      responsibleUnit: '县卫体局',
    });
    expect(r.statusCode, r.body).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'documentId' });
    expect(r.json().error.message).toBe('未找到编号为 99999 的文件。');
  });

  it('M4: an indicator code made only of digits is refused (it would read as an id when reporting)', async () => {
    const r = await post('admin', '/api/monitoring/indicators', {
      planId,
      domain: '主要指标',
      code: '123',
      name: '全数字编码',
      target: { op: '>=', value: 1 },
      responsibleUnit: '县卫体局',
      frequency: 'annual',
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'code' });
    expect(r.json().error.message).toContain('不能全为数字');
  });

  it('M5: an indicator body may omit the nullable fields (they default to null)', async () => {
    const r = await post('admin', '/api/monitoring/indicators', {
      planId,
      domain: '主要指标',
      name: '每千人口执业（助理）医师数',
      target: { op: '>=', value: 3 },
      responsibleUnit: '县卫体局',
      frequency: 'annual',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      measureUnit: null,
      baselineYear: null,
      baselineValue: null,
      attribute: null,
      dataSource: null,
    });
  });

  it('M6: a unit:act refusal is 403 and leaves a denied audit row', async () => {
    const other = await post('jyj', '/api/monitoring/values', {
      values: [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: 96 }],
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({ code: 'FORBIDDEN', row: 1, field: 'unit' });
    const ok = await post('wtj', '/api/monitoring/values', {
      values: [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: 96 }],
    });
    const id = ok.json().written[0].id as number;
    await post('admin', '/api/monitoring/values/approve', { ids: [id] });
    const reopen = await post('jyj', `/api/monitoring/values/${id}/reopen`, { reason: '录错了' });
    expect(reopen.statusCode).toBe(403);
    const tpl = await app.inject({
      method: 'POST',
      url: `/api/monitoring/plans/${planId}/template.xlsx?unit=县卫体局&year=2021`,
      ...session('jyj'),
      headers: { ...session('jyj').headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('x'),
    });
    expect(tpl.statusCode).toBe(403);
    const denied = (await auditRows('unit:act')).filter((a) => a.outcome === 'denied');
    expect(denied.map((a) => [a.actor_name, a.entity, a.entity_id])).toEqual([
      ['jyj', 'monitoring_value', null],
      ['jyj', 'monitoring_value', String(id)],
      ['jyj', 'monitoring_plan', String(planId)],
    ]);
  });
});
