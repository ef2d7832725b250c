// The ledger's pure part on real .xlsx files: written with exceljs, read back by readLedgerWorkbook, validated by
// parseLedger (every problem with its row and 列名), the template and the export read back.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  buildLedgerTemplate,
  buildLedgerWorkbook,
  cellDate,
  describeIssues,
  EXPORT_HEADERS,
  IMPORT_COLUMNS,
  LEDGER_SHEET,
  type ParseContext,
  parseLedger,
  readLedgerWorkbook,
  type UnitCheck,
} from './ledger.ts';
import type { ItemSummary } from './store.ts';
import { DEFAULT_SETTINGS } from './types.ts';

const UNITS: Record<string, string> = {
  县水利局: '县水利局',
  县财政局: '县财政局',
  县住建局: '县住建局',
  县人民政府办公室: '县政府办',
  县政府办: '县政府办',
};

const ctx: ParseContext = {
  today: '2023-09-25',
  unit: (name: string): UnitCheck =>
    UNITS[name]
      ? { ok: true, name: UNITS[name] as string }
      : { ok: false, suggestion: name === '县水力局' ? '县水利局' : null },
  actor: { id: '1', name: '督查室张敏', role: 'office' },
  now: '2023-09-25T01:00:00.000Z',
  settings: DEFAULT_SETTINGS,
};

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

async function xlsx(rows: unknown[][], sheet = LEDGER_SHEET): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parse(rows: unknown[][]) {
  const book = await readLedgerWorkbook(await xlsx(rows));
  if ('error' in book) throw new Error(book.error);
  return parseLedger(book.rows, ctx);
}

describe('cellDate', () => {
  it('reads Excel dates and the usual written forms, strictly', () => {
    expect(cellDate(new Date(Date.UTC(2023, 9, 20)))).toEqual({ ok: true, date: '2023-10-20' });
    expect(cellDate('2023/10/2')).toEqual({ ok: true, date: '2023-10-02' });
    expect(cellDate('2023年10月20日')).toEqual({ ok: true, date: '2023-10-20' });
    expect(cellDate('2023.10.20')).toEqual({ ok: true, date: '2023-10-20' });
    expect(cellDate(null)).toEqual({ ok: true, date: null });
    expect(cellDate('2023-02-30')).toMatchObject({ ok: false, reason: expect.stringContaining('2 月只有 28 天') });
    expect(cellDate('下月底')).toMatchObject({ ok: false, reason: expect.stringContaining('不是日期') });
    expect(cellDate(45219)).toMatchObject({ ok: false, reason: expect.stringContaining('收到数字') });
  });
});

describe('parseLedger', () => {
  it('reads valid rows: canonical units, category, draft-only rows, Excel date cells', async () => {
    const r = await parse([
      HEADER,
      [
        '保障河流生态流量',
        '制定方案',
        '重大复杂事项',
        '县水利局',
        '县财政局、县人民政府办公室',
        '',
        '2023-09-25',
        new Date(Date.UTC(2023, 11, 31)),
        '襄政办发〔2023〕21号',
      ],
      [],
      ['推进再生水利用', '', '', '县住建局', '', '否', '', '', ''],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        title: '保障河流生态流量',
        text: '制定方案',
        category: 'major',
        lead: '县水利局',
        supports: ['县财政局', '县政府办'],
        assign: true,
        dueOn: '2023-12-31',
        citation: '襄政办发〔2023〕21号',
      },
      {
        row: 4,
        title: '推进再生水利用',
        text: null,
        category: 'ordinary',
        lead: '县住建局',
        supports: [],
        assign: false,
        dueOn: null,
        citation: null,
      },
    ]);
  });

  it('finds the header by name in any order, below a title row, ignoring extra columns', async () => {
    const r = await parse([
      ['县政府督查室 2023 年 9 月台账'],
      ['备注', '牵头单位', '事项名称'],
      ['自有列', '县水利局', '保障河流生态流量'],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.title, x.lead])).toEqual([[3, '保障河流生态流量', '县水利局']]);
  });

  it('names the row and the column of every problem (bad input of issue #5)', async () => {
    const r = await parse([
      HEADER,
      ['', '', '', '县水利局', '', '', '', '', ''], // 2: missing title
      ['事项甲', '', '', '县水力局', '', '', '', '', ''], // 3: unknown unit (with a suggestion)
      ['事项乙', '', '', '县水利局', '县某某中心', '', '', '2023-13-01', ''], // 4: unknown support, malformed date
      ['事项丙', '', '', '县水利局', '', '', '', '2023-09-24', ''], // 5: due before assignment
      ['事项丁', '', '一般性', '县水利局', '县水利局', '也许', '2023-09-20', '', ''], // 6: four problems
      ['事项戊', '', '', '', '', '', '', '', ''], // 7: missing lead
    ]);
    expect(r.rows).toEqual([]);
    const where = r.issues.map((i) => [i.row, i.column]);
    expect(where).toEqual([
      [2, '事项名称'],
      [3, '牵头单位'],
      [4, '配合单位'],
      [4, '要求办结时限'],
      [5, '要求办结时限'],
      [6, '事项类别'],
      [6, '配合单位'],
      [6, '是否交办'],
      [6, '交办日期'],
      [7, '牵头单位'],
    ]);
    const text = r.issues.map((i) => i.message);
    expect(text[0]).toBe('第 2 行“事项名称”列：事项名称不能为空。');
    expect(text[1]).toContain('单位“县水力局”不在单位名录中，是否为“县水利局”？');
    expect(text[3]).toContain('“2023-13-01”不是有效日期');
    expect(text[4]).toBe(
      '第 5 行“要求办结时限”列：要求办结时限 2023-09-24 早于交办日期 2023-09-25：要求办结时限不能早于交办日期。',
    );
    expect(text[8]).toContain('不是导入当日 2023-09-25');
    expect(describeIssues(r.issues)).toMatch(
      /^台账未导入（共 10 处问题，全部行均未写入）：第 2 行“事项名称”列.*另有 5 处问题。$/,
    );
  });

  it('refuses exported rows (with a 编号), a sheet without header or rows, and a file that is not .xlsx', async () => {
    let r = await parse([
      ['编号', ...HEADER],
      ['12', '保障河流生态流量', '', '', '县水利局'],
    ]);
    expect(r.issues[0]).toMatchObject({ row: 2, column: '编号' });
    expect(r.issues[0]?.message).toContain('台账导入只新增事项');
    r = await parse([
      ['标题', '单位'],
      ['a', 'b'],
    ]);
    expect(r.issues[0]?.message).toContain('找不到表头');
    r = await parse([HEADER]);
    expect(r.issues[0]?.message).toContain('没有数据行');
    const bad = await readLedgerWorkbook(new TextEncoder().encode('事项名称,牵头单位\n甲,县水利局\n'));
    expect(bad).toMatchObject({ error: expect.stringContaining('不是有效的 .xlsx 工作簿') });
  });
});

describe('template and export', () => {
  it('the template carries the import columns (required marked *) and reads back as an empty ledger', async () => {
    const data = await buildLedgerTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(LEDGER_SHEET);
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      ...IMPORT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)),
    ]);
    expect(wb.getWorksheet('填写说明')?.getCell('B2').value).toBe(IMPORT_COLUMNS[0]?.help);
    const book = await readLedgerWorkbook(new Uint8Array(data));
    if ('error' in book) throw new Error(book.error);
    expect(parseLedger(book.rows, ctx).issues[0]?.message).toContain('没有数据行');
  });

  it('the export has one row per item with its light and a sheet of what was exported', async () => {
    const item = {
      id: 7,
      title: '保障河流生态流量',
      category: 'major',
      lead: '县水利局',
      supports: ['县财政局', '县住建局'],
      stateLabel: '办理中',
      assignedOn: '2023-09-25',
      dueOn: '2023-12-31',
      closeBy: '2023-12-31',
      citation: '襄政办发〔2023〕21号 三、(一)',
      rating: null,
      closedAt: null,
      light: {
        light: 'red',
        label: '红灯',
        reasons: [],
        overdueDays: 4,
        escalation: 'notice',
        next: { label: '首次反馈', unit: '县水利局', due: '2023-09-28' },
      },
    } as unknown as ItemSummary;
    const data = await buildLedgerWorkbook([item], {
      filters: '灯色：红灯',
      exportedAt: '2023-10-05T02:00:00Z',
      exportedBy: '督查室张敏',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(LEDGER_SHEET);
    expect(ws?.getRow(1).values).toEqual([undefined, ...EXPORT_HEADERS]);
    expect(ws?.getRow(2).values).toEqual([
      undefined,
      7,
      '保障河流生态流量',
      '重大复杂事项',
      '县水利局',
      '县财政局、县住建局',
      '办理中',
      '红灯',
      '2023-09-25',
      '2023-12-31',
      '2023-12-31',
      '首次反馈 2023-09-28',
      4,
      '通报',
      '襄政办发〔2023〕21号 三、(一)',
      '',
      '',
    ]);
    const info = wb.getWorksheet('导出说明');
    expect(info?.getCell('B2').value).toBe('2023-10-05 10:00（北京时间）');
    expect(info?.getCell('B4').value).toBe('灯色：红灯');
  });
});
