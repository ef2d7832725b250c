// The monthly 通报 as real files: the .xlsx read back with exceljs, the .docx unzipped (word/document.xml).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { build } from './rankings.testkit.ts';
import { monthPeriod, rankings } from './rankings.ts';
import { docxText, zipEntry } from './report.testkit.ts';
import { advancedUnits, laggingUnits, reportDocx, reportTitle, reportXlsx } from './report.ts';
import { DEFAULT_SETTINGS } from './types.ts';

const A = '县发展和改革局';
const B = '县财政局';
const C = '县教育科技局';

function june() {
  const items = [
    build({
      id: '1',
      lead: A,
      supports: [B],
      dueOn: '2023-06-20',
      apply: [{ on: '2023-06-19' }],
      close: { on: '2023-06-20', rating: '优秀' },
    }),
    build({
      id: '2',
      lead: A,
      dueOn: '2023-06-15',
      apply: [{ on: '2023-06-08' }],
      close: { on: '2023-06-09', rating: '良好' },
    }),
    build({
      id: '3',
      lead: B,
      dueOn: '2023-06-12',
      apply: [{ on: '2023-06-14' }],
      close: { on: '2023-06-15', rating: '合格' },
    }),
    build({ id: '4', lead: C, supports: [A], dueOn: '2023-06-16' }),
    build({ id: '5', lead: C, assignedOn: '2023-05-04', dueOn: '2023-05-22' }),
  ];
  return rankings({
    items,
    period: monthPeriod('2023-06'),
    asOf: '2023-07-03',
    settings: DEFAULT_SETTINGS,
    leaders: [{ leader: '王副县长', units: [A, B] }],
  });
}

describe('通报', () => {
  it('title and the 先进/滞后 rule', () => {
    expect(reportTitle('2023-06')).toBe('关于2023年6月份重点工作督办落实情况的通报');
    expect(reportTitle('2024-11')).toBe('关于2024年11月份重点工作督办落实情况的通报');
    const r = june();
    expect(advancedUnits(r).map((u) => u.unit)).toEqual([A]);
    // C: 2 open overdue (one carried over from May); B: 0 % on time
    expect(laggingUnits(r).map((u) => u.unit)).toEqual([C, B]);
  });

  it('.xlsx: summary, rankings, leaders and overdue sheets with the figures, styled, header frozen', async () => {
    const buf = await reportXlsx(june(), { month: '2023-06' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总体情况',
      '牵头单位排名',
      '配合单位',
      '分管领导',
      '逾期未办结事项',
      '逾期办结事项',
    ]);
    const summary = wb.getWorksheet('总体情况') as ExcelJS.Worksheet;
    expect(summary.getCell('A1').value).toBe('关于2023年6月份重点工作督办落实情况的通报');
    const kv = new Map<string, unknown>();
    summary.eachRow((row) => kv.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(kv.get('到期事项（件）')).toBe(4);
    expect(kv.get('按期办结（件）')).toBe(2);
    expect(kv.get('按期办结率')).toBe(0.5);
    expect(kv.get('逾期未办结（含结转，件）')).toBe(2);
    expect(kv.get('先进单位')).toBe(A);
    expect(kv.get('滞后单位')).toBe(`${C}、${B}`);

    const lead = wb.getWorksheet('牵头单位排名') as ExcelJS.Worksheet;
    expect(lead.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(lead.getRow(1).font?.bold).toBe(true);
    expect(lead.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    const header = (lead.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3, 4].map((n) => lead.getRow(n));
    expect(rows.map((r) => [r.getCell(col('单位')).value, r.getCell(col('名次')).value])).toEqual([
      [A, 1],
      [B, 2],
      [C, 3], // 0 % like B, but 2 逾期未办结
    ]);
    expect(rows[0]?.getCell(col('按期办结率')).value).toBe(1);
    expect(lead.getColumn(col('按期办结率')).numFmt).toBe('0.0%');
    expect(rows[2]?.getCell(col('逾期未办结（含结转）')).value).toBe(2);

    const leaders = wb.getWorksheet('分管领导') as ExcelJS.Worksheet;
    expect(leaders.getRow(2).getCell(2).value).toBe('王副县长');
    expect(leaders.getRow(2).getCell(3).value).toBe(`${A}、${B}`);

    const overdue = wb.getWorksheet('逾期未办结事项') as ExcelJS.Worksheet;
    expect(overdue.rowCount).toBe(3);
    // most overdue first: #5 (due 05-22) then #4 (due 06-16)
    expect([overdue.getRow(2).getCell(2).value, overdue.getRow(3).getCell(2).value]).toEqual([5, 4]);
    expect(overdue.getRow(3).getCell(5).value).toBe(A);
    const late = wb.getWorksheet('逾期办结事项') as ExcelJS.Worksheet;
    expect(late.getRow(2).getCell(3).value).toBe('督办事项3');
  });

  it('.docx: title, 总体情况, 先进/滞后单位, 逾期事项清单 table, 下步要求', async () => {
    const buf = await reportDocx(june(), { month: '2023-06' });
    const xml = zipEntry(buf, 'word/document.xml');
    const text = docxText(xml);
    expect(text.split('\n')[0]).toBe('关于2023年6月份重点工作督办落实情况的通报');
    for (const h of ['一、总体情况', '二、先进单位和滞后单位', '三、逾期事项清单', '四、下步要求'])
      expect(text).toContain(h);
    expect(text).toContain('到期督办事项 4 件，其中按期办结 2 件、逾期办结 1 件、逾期未办结 1 件');
    expect(text).toContain('按期办结率 50.0%');
    expect(text).toContain('全县逾期未办结事项共 2 件');
    expect(text).toContain(`（一）先进单位。${A}（按期办结 2 件）`);
    expect(text).toContain(`（二）滞后单位。${C}（按期办结率 0.0%，逾期未办结 2 件）、${B}（按期办结率 0.0%`);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<w:tblHeader/>');
    // the table rows: header + 2 items
    const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(table.match(/<w:tr>|<w:tr /g)?.length).toBe(3);
    expect(docxText(table)).toContain('督办事项5');
    expect(text).toContain('襄垣县人民政府办公室');
    expect(text).toContain('2023年7月3日');
  });

  it('an empty month still gives valid files that say so', async () => {
    const r = rankings({ items: [], period: monthPeriod('2023-06'), asOf: '2023-07-03', settings: DEFAULT_SETTINGS });
    const text = docxText(zipEntry(await reportDocx(r, { month: '2023-06' }), 'word/document.xml'));
    expect(text).toContain('到期督办事项 0 件');
    expect(text).toContain('按期办结率 —');
    expect(text).toContain('无逾期未办结事项。');
    expect(text).toContain('本月无到期事项全部按期办结');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(r, { month: '2023-06' })) as unknown as ArrayBuffer);
    expect((wb.getWorksheet('牵头单位排名') as ExcelJS.Worksheet).rowCount).toBe(1);
  });
});
