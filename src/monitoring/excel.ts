// Excel data-entry template per plan, unit and year (exceljs), and reading a filled template back. No database.
//
// Sheet “填报”: 指标编码 | 领域 | 指标名称 | 计量单位 | 期间 | 数值 | 说明（未通过校验时强制上报必填） | 备注, one row per
// indicator the unit reports and period of the year; only the last three columns are editable (the sheet is
// protected). A hidden sheet “_template” holds the plan, the unit, the year and a signature (sha256) of the fixed
// cells: a template whose header, codes, periods or units were changed is refused naming the row and the field.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AppError } from '../platform/errors.ts';
import { type Frequency, type Period, periodLabel, periodsOfYears } from './period.ts';

export const TEMPLATE_HEADER = [
  '指标编码',
  '领域',
  '指标名称',
  '计量单位',
  '期间',
  '数值',
  '说明（未通过校验时强制上报必填）',
  '备注',
];

export interface TemplateIndicator {
  code: string;
  domain: string;
  name: string;
  measureUnit: string | null;
  frequency: Frequency;
}

export interface TemplateInput {
  planId: number;
  planName: string;
  unit: string;
  year: number;
  indicators: TemplateIndicator[];
  /** Values already reported, by `${code}/${period}` (pre-filled). */
  existing?: Map<string, { valueText: string; explanation: string | null; comment: string | null }>;
}

export interface TemplateRow {
  row: number;
  indicator: string;
  period: string;
  value: string;
  explanation: string | null;
  comment: string | null;
}

function fixedRows(input: Pick<TemplateInput, 'indicators' | 'year'>): { ind: TemplateIndicator; period: Period }[] {
  const out: { ind: TemplateIndicator; period: Period }[] = [];
  for (const ind of input.indicators)
    for (const period of periodsOfYears(ind.frequency, input.year, input.year)) out.push({ ind, period });
  return out;
}

function signature(planId: number, unit: string, year: number, cells: string[][]): string {
  return createHash('sha256')
    .update(JSON.stringify([planId, unit, year, TEMPLATE_HEADER, cells]))
    .digest('hex');
}

export async function buildTemplate(input: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi 落实';
  const ws = wb.addWorksheet('填报');
  ws.addRow([`${input.planName} — ${input.unit} ${input.year}年监测数据填报表`]);
  ws.addRow(TEMPLATE_HEADER);
  ws.getRow(2).font = { bold: true };
  const cells: string[][] = [];
  for (const { ind, period } of fixedRows(input)) {
    const fixed = [ind.code, ind.domain, ind.name, ind.measureUnit ?? '', period.id];
    cells.push(fixed);
    const prev = input.existing?.get(`${ind.code}/${period.id}`);
    const r = ws.addRow([...fixed, prev?.valueText ?? '', prev?.explanation ?? '', prev?.comment ?? '']);
    r.getCell(5).note = periodLabel(period);
    for (const c of [6, 7, 8]) r.getCell(c).protection = { locked: false };
  }
  ws.columns.forEach((col, i) => {
    col.width = [12, 14, 36, 10, 10, 12, 36, 20][i] ?? 12;
  });
  await ws.protect('luoshi', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  const meta = wb.addWorksheet('_template', { state: 'veryHidden' });
  meta.addRow(['planId', input.planId]);
  meta.addRow(['unit', input.unit]);
  meta.addRow(['year', input.year]);
  meta.addRow(['signature', signature(input.planId, input.unit, input.year, cells)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return text(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString();
  }
  return String(v).trim();
}

const changed = (row: number, field: string, message: string) =>
  new AppError('BAD_INPUT', `模板已被修改，未导入任何数据：第 ${row} 行 字段“${field}”${message}请重新下载模板填报。`, {
    row,
    field,
  });

/**
 * Read a filled template. `expected` is the template as it should be (plan, unit, year, indicators now); any
 * change to the fixed part is refused. Rows with an empty value, explanation and comment are skipped (not yet
 * reported); a row with an explanation or comment but no value is kept (the store refuses it as compulsory).
 */
export async function readTemplate(
  data: Buffer,
  expected: Omit<TemplateInput, 'existing' | 'planName'>,
): Promise<TemplateRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_INPUT', '上传的文件不是有效的 Excel（.xlsx）文件。', { field: 'file' });
  }
  const ws = wb.getWorksheet('填报');
  const meta = wb.getWorksheet('_template');
  if (!ws || !meta)
    throw new AppError('BAD_INPUT', '不是本系统生成的填报模板（缺少“填报”工作表或模板标记），请下载模板后填报。', {
      field: 'file',
    });
  const metaOf = (r: number) => text(meta.getRow(r).getCell(2).value);
  if (metaOf(1) !== String(expected.planId) || metaOf(2) !== expected.unit || metaOf(3) !== String(expected.year))
    throw new AppError(
      'BAD_INPUT',
      `模板属于规划 ${metaOf(1)}、单位“${metaOf(2)}”、${metaOf(3)}年，与本次导入（规划 ${expected.planId}、单位“${expected.unit}”、${expected.year}年）不符。`,
      { field: 'file' },
    );
  const header = TEMPLATE_HEADER.map((_, i) => text(ws.getRow(2).getCell(i + 1).value));
  for (const [i, h] of TEMPLATE_HEADER.entries())
    if (header[i] !== h) throw changed(2, h, `的表头变成了“${header[i]}”，`);
  const rows = fixedRows(expected);
  const cells: string[][] = [];
  const out: TemplateRow[] = [];
  for (const [i, { ind, period }] of rows.entries()) {
    const r = i + 3;
    const row = ws.getRow(r);
    const fixed = [1, 2, 3, 4, 5].map((c) => text(row.getCell(c).value));
    const want = [ind.code, ind.domain, ind.name, ind.measureUnit ?? '', period.id];
    for (const [c, w] of want.entries())
      if (fixed[c] !== w) throw changed(r, TEMPLATE_HEADER[c] as string, `应为“${w}”，却是“${fixed[c]}”，`);
    cells.push(want);
    const value = text(row.getCell(6).value);
    const explanation = text(row.getCell(7).value) || null;
    const comment = text(row.getCell(8).value) || null;
    if (value === '' && !explanation && !comment) continue;
    out.push({ row: r, indicator: ind.code, period: period.id, value, explanation, comment });
  }
  const extra = ws.getRow(rows.length + 3);
  if ([1, 2, 3, 4, 5, 6].some((c) => text(extra.getCell(c).value) !== ''))
    throw changed(rows.length + 3, '指标编码', '是模板之外新增的行，');
  if (metaOf(4) !== signature(expected.planId, expected.unit, expected.year, cells))
    throw new AppError(
      'BAD_INPUT',
      '模板已被修改（模板标记与当前指标不一致，可能是指标已调整），未导入任何数据：请重新下载模板填报。',
      {
        field: 'file',
      },
    );
  return out;
}
