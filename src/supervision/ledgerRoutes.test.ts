// The Excel ledger over HTTP on real databases, with real .xlsx files written by exceljs and read back: a valid
// ledger becomes assigned items (units checked against the registry, aliases made canonical) in one transaction
// with audit; a ledger with an unknown unit, a malformed date, a due date before the assignment date or a missing
// title is refused naming row and column, and the database is unchanged; the export follows the filters.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { queryAudit } from '../access/audit.ts';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { EXPORT_HEADERS, LEDGER_SHEET } from './ledger.ts';
import type { LedgerImportResult } from './ledgerStore.ts';
import type { ItemDetail } from './store.ts';

const TENANT = '140423';
const HEADER = [
  '事项名称*',
  '任务内容',
  '事项类别',
  '牵头单位*',
  '配合单位',
  '是否交办',
  '交办日期',
  '要求办结时限',
  '出处',
];

async function xlsxBase64(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(LEDGER_SHEET);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

forEachDatabase('supervision Excel ledger', (t) => {
  let app: FastifyInstance;
  const clock = new Date('2023-09-25T09:00:00+08:00');
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    ({ app, session } = await serverWithSessions(
      t.db,
      TENANT,
      [
        { username: 'admin', role: 'admin', displayName: '督查室张敏' },
        { username: 'slj', role: 'liaison', unit: '县水利局' },
      ],
      { now: () => clock },
    ));
  });

  afterEach(async () => {
    await app?.close();
  });

  const upload = async (u: string, rows: unknown[][], fileName = '九月台账.xlsx') =>
    app.inject({
      method: 'POST',
      url: '/api/supervision/ledger/import',
      ...session(u),
      payload: { fileName, content: await xlsxBase64(rows) },
    });
  const download = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, ...session('slj') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { wb, res };
  };

  it('imports a valid ledger in one go: assigned items (or a draft), canonical units, audit', async () => {
    const res = await upload('admin', [
      HEADER,
      [
        '保障河流生态流量',
        '制定生态流量保障实施方案',
        '一般事项',
        '县水利局',
        '县财政局、县人民政府办公室',
        '',
        '2023-09-25',
        '2023-12-31',
        '襄政办发〔2023〕21号',
      ],
      ['完善防汛应急预案', '', '重大复杂事项', '襄垣县水利局', '', '是', '', '', ''],
      ['推进再生水利用', '', '', '县住建局', '', '否', '', '', ''],
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as LedgerImportResult;
    expect(r.created.map((c) => [c.row, c.title, c.lead, c.assigned])).toEqual([
      [2, '保障河流生态流量', '县水利局', true],
      [3, '完善防汛应急预案', '县水利局', true],
      [4, '推进再生水利用', '县住建局', false],
    ]);
    const first = (
      await app.inject({ method: 'GET', url: `/api/supervision/items/${r.created[0]?.itemId}`, ...session('admin') })
    ).json().item as ItemDetail;
    expect(first).toMatchObject({
      state: 'assigned',
      supports: ['县财政局', '县政府办'],
      dueOn: '2023-12-31',
      closeBy: '2023-12-31',
      assignedOn: '2023-09-25',
      citation: '襄政办发〔2023〕21号',
    });
    const major = (
      await app.inject({ method: 'GET', url: `/api/supervision/items/${r.created[1]?.itemId}`, ...session('admin') })
    ).json().item as ItemDetail;
    expect(major).toMatchObject({ category: 'major', state: 'assigned' });
    const draft = (
      await app.inject({ method: 'GET', url: `/api/supervision/items/${r.created[2]?.itemId}`, ...session('admin') })
    ).json().item as ItemDetail;
    expect(draft.state).toBe('draft');
    // the liaison's inbox has the two assigned items of its unit to sign
    const box = (await app.inject({ method: 'GET', url: '/api/supervision/inbox', ...session('slj') })).json().inbox;
    expect(box.toSign.map((e: { title: string }) => e.title).sort()).toEqual(['保障河流生态流量', '完善防汛应急预案']);
    const audit = await queryAudit(t.db, TENANT, { action: 'supervision:ledger-import' });
    expect(audit.entries[0]?.after).toMatchObject({ fileName: '九月台账.xlsx', rows: 3 });
    expect((await queryAudit(t.db, TENANT, { action: 'supervision:create' })).total).toBe(3);
  });

  it('refuses a bad ledger naming row and column, writing nothing', async () => {
    const ok = await upload('admin', [HEADER, ['已有事项', '', '', '县水利局', '', '', '', '', '']]);
    expect(ok.statusCode).toBe(201);
    const before = await databaseFingerprint(t.db);
    const res = await upload('admin', [
      HEADER,
      ['保障河流生态流量', '', '', '县水利局', '', '', '', '2023-12-31', ''], // valid, but not written either
      ['', '', '', '县水利局', '', '', '', '', ''],
      ['事项甲', '', '', '县水力局', '', '', '', '', ''],
      ['事项乙', '', '', '县水利局', '', '', '', '2023-02-30', ''],
      ['事项丙', '', '', '县水利局', '', '', '', '2023-09-20', ''],
    ]);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.message).toMatch(
      /^台账未导入（共 4 处问题，全部行均未写入）：第 3 行“事项名称”列：事项名称不能为空。/,
    );
    expect(error).toMatchObject({ file: '九月台账.xlsx', row: 3, field: '事项名称' });
    expect(error.details.issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [3, '事项名称'],
      [4, '牵头单位'],
      [5, '要求办结时限'],
      [6, '要求办结时限'],
    ]);
    expect(error.details.issues[1].message).toContain('单位“县水力局”不在单位名录中，是否为“县水利局”？');
    expect(error.details.issues[2].message).toContain('2 月只有 28 天');
    expect(error.details.issues[3].message).toContain('早于交办日期 2023-09-25');
    expect(await databaseFingerprint(t.db)).toEqual(before);

    // not an .xlsx; the wrong file type; a liaison
    let r = await app.inject({
      method: 'POST',
      url: '/api/supervision/ledger/import',
      ...session('admin'),
      payload: { fileName: '台账.xlsx', content: Buffer.from('事项名称,牵头单位\n').toString('base64') },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('不是有效的 .xlsx 工作簿');
    r = await app.inject({
      method: 'POST',
      url: '/api/supervision/ledger/import',
      ...session('admin'),
      payload: { fileName: '台账.xls', content: 'AAAA' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('fileName');
    r = await upload('slj', [HEADER, ['事项', '', '', '县水利局', '', '', '', '', '']]);
    expect(r.statusCode).toBe(403);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('exports the ledger with the filters and its lights; the template downloads', async () => {
    await upload('admin', [
      HEADER,
      ['保障河流生态流量', '', '', '县水利局', '县财政局', '', '', '2023-12-31', ''],
      ['推进再生水利用', '', '', '县住建局', '', '', '', '', ''],
    ]);
    let { wb, res } = await download('/api/supervision/ledger.xlsx');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('督办台账-20230925.xlsx'));
    let ws = wb.getWorksheet(LEDGER_SHEET);
    expect(ws?.getRow(1).values).toEqual([undefined, ...EXPORT_HEADERS]);
    expect(ws?.rowCount).toBe(3);
    ({ wb } = await download(`/api/supervision/ledger.xlsx?unit=${encodeURIComponent('县财政局')}&state=assigned`));
    ws = wb.getWorksheet(LEDGER_SHEET);
    expect(ws?.rowCount).toBe(2);
    const row = ws?.getRow(2).values as unknown[];
    expect(row.slice(2, 10)).toEqual([
      '保障河流生态流量',
      '一般事项',
      '县水利局',
      '县财政局',
      '已交办',
      '绿灯',
      '2023-09-25',
      '2023-12-31',
    ]);
    expect(wb.getWorksheet('导出说明')?.getCell('B4').value).toBe('状态：已交办；单位：县财政局');
    expect((await queryAudit(t.db, TENANT, { action: 'supervision:ledger-export' })).total).toBe(2);
    const bad = await app.inject({ method: 'GET', url: '/api/supervision/ledger.xlsx?light=blue', ...session('slj') });
    expect(bad.statusCode).toBe(400);

    ({ wb } = await download('/api/supervision/ledger/template.xlsx'));
    expect(wb.getWorksheet(LEDGER_SHEET)?.getCell('A1').value).toBe('事项名称*');
  });
});
