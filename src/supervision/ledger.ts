// The Excel ledger (督办台账, .xlsx through exceljs): the import template, reading and validating an uploaded
// ledger row by row, and the export of the ledger with its lights. Pure apart from exceljs' (de)serialisation:
// no database. The store side (ledgerStore.ts) supplies the unit check and writes all rows or none.
//
// 襄政发〔2023〕7号 第三十七条 asks for 账单式闭环管理: the ledger is the list of items the office keeps; importing it
// registers (立项) and assigns (交办) every row in one transaction. Decisions (docs/supervision.md §7):
//   - the header row is found by its column names (the order is free; '*' and （必填） are ignored); unknown columns
//     are ignored, so a ledger with extra columns of the county's own is accepted;
//   - 交办日期 may be empty or today: the 13710 clocks start at 交办 (docs §4), and an import assigns now; a past
//     or future date would silently move every deadline, so it is refused naming the row;
//   - 是否交办 = 否 registers a draft (立项 only) to be edited and assigned on the item page;
//   - a row with a 编号 (an exported item) is refused: the import only adds items, it never updates or duplicates.
import ExcelJS from 'exceljs';
import { compareDates, type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import { draftItem } from './lifecycle.ts';
import type { ItemSummary } from './store.ts';
import {
  CATEGORY_LABELS,
  type Category,
  ESCALATION_LABELS,
  type EscalationLevel,
  type SupervisionActor,
  type SupervisionSettings,
} from './types.ts';

export const LEDGER_SHEET = '督办台账';
export const MAX_LEDGER_ROWS = 5000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportField =
  | 'id'
  | 'title'
  | 'text'
  | 'category'
  | 'lead'
  | 'supports'
  | 'assign'
  | 'assignedOn'
  | 'dueOn'
  | 'citation';

interface ColumnSpec {
  field: ImportField;
  header: string;
  required: boolean;
  width: number;
  help: string;
}

/** The columns of the import template (and the names the importer looks for). */
export const IMPORT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'title', header: '事项名称', required: true, width: 40, help: '必填，最多 500 字。' },
  { field: 'text', header: '任务内容', required: false, width: 50, help: '可空，最多 5000 字。' },
  {
    field: 'category',
    header: '事项类别',
    required: false,
    width: 14,
    help: '“一般事项”或“重大复杂事项”；空 = 一般事项。重大复杂事项 1 个月内办结，或报送时间表按节点报告。',
  },
  {
    field: 'lead',
    header: '牵头单位',
    required: true,
    width: 18,
    help: '必填，须为单位名录中的单位（如：县水利局）。',
  },
  {
    field: 'supports',
    header: '配合单位',
    required: false,
    width: 28,
    help: '可空；多个单位用“、”分隔，不能与牵头单位相同。',
  },
  {
    field: 'assign',
    header: '是否交办',
    required: false,
    width: 10,
    help: '“是”或“否”；空 = 是（导入即交办，13710 时限从今天起算）。“否”只立项，可在事项页修改后交办。',
  },
  {
    field: 'assignedOn',
    header: '交办日期',
    required: false,
    width: 14,
    help: '可空；填写时只能是导入当日（13710 时限从交办起算，导入即交办）。',
  },
  {
    field: 'dueOn',
    header: '要求办结时限',
    required: false,
    width: 14,
    help: '可空（按 13710 时限）；日期，如 2023-10-20，不能早于交办日期。',
  },
  { field: 'citation', header: '出处', required: false, width: 30, help: '可空，如：襄政办发〔2023〕21号 第三条。' },
];

/** The column an exported ledger carries per item; a row with it is an existing item, not a new one. */
const ID_HEADER = '编号';

export interface LedgerIssue {
  /** Excel row number (the header is row 1 in the template). */
  row: number;
  /** The column's name as in the sheet (列名), or null for the whole row/file. */
  column: string | null;
  message: string;
}

export interface LedgerRow {
  row: number;
  title: string;
  text: string | null;
  category: Category;
  lead: string;
  supports: string[];
  assign: boolean;
  dueOn: IsoDate | null;
  citation: string | null;
}

export type UnitCheck = { ok: true; name: string } | { ok: false; suggestion: string | null };

export interface ParseContext {
  /** Today in Asia/Shanghai: the assignment date of an import. */
  today: IsoDate;
  /** The unit registry / directory check: canonical name, or a suggestion. */
  unit: (name: string) => UnitCheck;
  /** For the lifecycle's own checks of each row (draftItem). */
  actor: SupervisionActor;
  now: string;
  settings: SupervisionSettings;
}

export interface ParsedLedger {
  rows: LedgerRow[];
  issues: LedgerIssue[];
}

// ---------------------------------------------------------------------------------------------------------
// Cells

type Cell = ExcelJS.CellValue;

/** The text of a cell (rich text, hyperlinks and formula results included), trimmed; '' when empty. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoOfDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as Cell);
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

/** exceljs reads a date cell as a Date at UTC midnight of that day. */
function isoOfDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A date cell: a real Excel date, or text 2023-10-20 / 2023/10/20 / 2023.10.20 / 2023年10月20日. */
export function cellDate(value: Cell): { ok: true; date: IsoDate | null } | { ok: false; reason: string } {
  if (value && typeof value === 'object' && !(value instanceof Date) && 'result' in value)
    return cellDate((value.result ?? null) as Cell);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: '单元格中的日期无效' };
    return { ok: true, date: isoOfDate(value) };
  }
  if (typeof value === 'number') return { ok: false, reason: `应为日期（如 2023-10-20），收到数字 ${value}` };
  const t = cellText(value);
  if (!t) return { ok: true, date: null };
  const m = DATE_TEXT.exec(t);
  if (!m) return { ok: false, reason: `“${t}”不是日期（应写作 2023-10-20 或 2023年10月20日）` };
  const iso = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
  const p = parseIsoDate(iso);
  if (!p.ok) return { ok: false, reason: `“${t}”不是有效日期：${p.reason}` };
  return { ok: true, date: iso };
}

function normalizeHeader(h: string): string {
  return h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(]必填[）)]/g, '')
    .trim();
}

const CATEGORY_BY_TEXT: Record<string, Category> = {
  一般事项: 'ordinary',
  一般: 'ordinary',
  ordinary: 'ordinary',
  重大复杂事项: 'major',
  重大复杂: 'major',
  重大事项: 'major',
  major: 'major',
};

const YES = new Set(['是', '交办', 'Y', 'y', 'yes', 'true', 'TRUE', '1']);
const NO = new Set(['否', '不交办', '仅立项', 'N', 'n', 'no', 'false', 'FALSE', '0']);

export function splitUnitCell(text: string): string[] {
  return text
    .split(/[、，,;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------
// Reading and validating

/** Read the first worksheet (or the one named 督办台账) of an .xlsx as rows of cell values (1-based rows). */
export async function readLedgerWorkbook(
  data: Uint8Array,
): Promise<{ sheet: string; rows: Map<number, Cell[]> } | { error: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return {
      error: `文件不是有效的 .xlsx 工作簿（${(e as Error).message.slice(0, 80)}）。请用模板或 Excel 另存为 .xlsx 后再导入。`,
    };
  }
  const ws = wb.getWorksheet(LEDGER_SHEET) ?? wb.worksheets[0];
  if (!ws) return { error: '工作簿中没有工作表。' };
  const rows = new Map<number, Cell[]>();
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cell.value;
    });
    rows.set(n, values);
  });
  return { sheet: ws.name, rows };
}

/**
 * Validate every row of a ledger sheet: the header row (the first row naming 事项名称 and 牵头单位), then each
 * data row. Every problem is reported with its row and column (列名); the caller writes nothing when any exists.
 */
export function parseLedger(sheetRows: Map<number, Cell[]>, ctx: ParseContext): ParsedLedger {
  const issues: LedgerIssue[] = [];
  const rows: LedgerRow[] = [];
  const numbers = [...sheetRows.keys()].sort((a, b) => a - b);
  let headerRow = -1;
  const columnOf = new Map<ImportField, number>();
  for (const n of numbers.slice(0, 20)) {
    const headers = (sheetRows.get(n) ?? []).map((v) => normalizeHeader(cellText(v)));
    if (headers.includes('事项名称') && headers.includes('牵头单位')) {
      headerRow = n;
      for (const spec of IMPORT_COLUMNS) {
        const i = headers.indexOf(spec.header);
        if (i >= 0) columnOf.set(spec.field, i);
      }
      const idCol = headers.indexOf(ID_HEADER);
      if (idCol >= 0) columnOf.set('id', idCol);
      break;
    }
  }
  if (headerRow < 0) {
    issues.push({
      row: numbers[0] ?? 1,
      column: null,
      message: '找不到表头：台账须有“事项名称”“牵头单位”两列（请使用下载的模板）。',
    });
    return { rows, issues };
  }
  const data = numbers.filter((n) => n > headerRow);
  const nonEmpty = data.filter((n) => (sheetRows.get(n) ?? []).some((v) => cellText(v) !== ''));
  if (nonEmpty.length === 0) {
    issues.push({ row: headerRow, column: null, message: '台账没有数据行（表头之下为空）。' });
    return { rows, issues };
  }
  if (nonEmpty.length > MAX_LEDGER_ROWS) {
    issues.push({
      row: nonEmpty[MAX_LEDGER_ROWS] as number,
      column: null,
      message: `一次最多导入 ${MAX_LEDGER_ROWS} 行，本表有 ${nonEmpty.length} 行；请分批导入。`,
    });
    return { rows, issues };
  }

  for (const n of nonEmpty) {
    const values = sheetRows.get(n) ?? [];
    const get = (f: ImportField): Cell => {
      const i = columnOf.get(f);
      return i === undefined ? null : (values[i] ?? null);
    };
    const header = (f: ImportField) =>
      f === 'id' ? ID_HEADER : (IMPORT_COLUMNS.find((c) => c.field === f)?.header ?? f);
    const before = issues.length;
    const issue = (f: ImportField | null, message: string) =>
      issues.push({
        row: n,
        column: f ? header(f) : null,
        message: `第 ${n} 行${f ? `“${header(f)}”列` : ''}：${message}`,
      });

    const id = cellText(get('id'));
    if (id) {
      issue('id', `已有编号 ${id}（这是导出的已有事项）；台账导入只新增事项，请删去此行或清空编号。`);
      continue;
    }
    const title = cellText(get('title'));
    if (!title) issue('title', '事项名称不能为空。');
    else if (title.length > 500) issue('title', `事项名称过长（${title.length} 字，最多 500 字）。`);
    const text = cellText(get('text'));
    if (text.length > 5000) issue('text', `任务内容过长（${text.length} 字，最多 5000 字）。`);

    const catText = cellText(get('category'));
    const category = catText ? CATEGORY_BY_TEXT[catText] : 'ordinary';
    if (!category) issue('category', `“${catText}”不是事项类别，应为“一般事项”或“重大复杂事项”。`);

    const leadText = cellText(get('lead'));
    let lead = '';
    if (!leadText) issue('lead', '牵头单位不能为空。');
    else {
      const u = ctx.unit(leadText);
      if (u.ok) lead = u.name;
      else
        issue(
          'lead',
          `单位“${leadText}”不在单位名录中${u.suggestion ? `，是否为“${u.suggestion}”？` : '。'}请核对单位全称（可在“单位名录”查询）。`,
        );
    }
    const supports: string[] = [];
    for (const s of splitUnitCell(cellText(get('supports')))) {
      const u = ctx.unit(s);
      if (!u.ok) {
        issue(
          'supports',
          `单位“${s}”不在单位名录中${u.suggestion ? `，是否为“${u.suggestion}”？` : '。'}请核对单位全称（可在“单位名录”查询）。`,
        );
        continue;
      }
      if (lead && u.name === lead) issue('supports', `“${s}”已是牵头单位，不能同时作为配合单位。`);
      else if (supports.includes(u.name)) issue('supports', `配合单位“${s}”重复。`);
      else supports.push(u.name);
    }

    const assignText = cellText(get('assign'));
    let assign = true;
    if (assignText) {
      if (YES.has(assignText)) assign = true;
      else if (NO.has(assignText)) assign = false;
      else issue('assign', `“${assignText}”应为“是”或“否”。`);
    }
    const assigned = cellDate(get('assignedOn'));
    let assignedOn: IsoDate = ctx.today;
    if (!assigned.ok) issue('assignedOn', `${assigned.reason}。`);
    else if (assigned.date !== null) {
      if (!assign) issue('assignedOn', '“是否交办”为“否”时交办日期应为空。');
      else if (assigned.date !== ctx.today)
        issue(
          'assignedOn',
          `交办日期 ${assigned.date} 不是导入当日 ${ctx.today}：导入即交办，13710 时限从交办起算；请清空交办日期或改为当日。`,
        );
      else assignedOn = assigned.date;
    }
    const due = cellDate(get('dueOn'));
    let dueOn: IsoDate | null = null;
    if (!due.ok) issue('dueOn', `${due.reason}。`);
    else if (due.date !== null) {
      if (compareDates(due.date, assignedOn) < 0)
        issue(
          'dueOn',
          `要求办结时限 ${due.date} 早于${assign ? '交办日期' : '立项日期'} ${assignedOn}：要求办结时限不能早于交办日期。`,
        );
      else dueOn = due.date;
    }
    const citation = cellText(get('citation'));
    if (citation.length > 500) issue('citation', `出处过长（${citation.length} 字，最多 500 字）。`);

    if (issues.length > before || !category) continue;
    // the lifecycle's own 立项 checks, so that the write cannot fail on a row
    const drafted = draftItem(
      { id: `row-${n}`, title, category, lead, supports, dueOn, source: null },
      ctx.actor,
      ctx.now,
      ctx.settings,
    );
    if (!drafted.ok) {
      issue(null, drafted.error.message);
      continue;
    }
    rows.push({
      row: n,
      title,
      text: text || null,
      category,
      lead,
      supports,
      assign,
      dueOn,
      citation: citation || null,
    });
  }
  return { rows, issues };
}

/** One Chinese message for a refused import: how many problems, the first few with row and column. */
export function describeIssues(issues: readonly LedgerIssue[], shown = 5): string {
  const head = issues
    .slice(0, shown)
    .map((i) => i.message)
    .join('；');
  const more = issues.length > shown ? `；另有 ${issues.length - shown} 处问题` : '';
  return `台账未导入（共 ${issues.length} 处问题，全部行均未写入）：${head}${more}。`;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** The import template: the header row (required columns marked *), drop-downs, and a sheet of instructions. */
export async function buildLedgerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width }));
  styleHeader(ws.getRow(1));
  const col = (f: ImportField) => IMPORT_COLUMNS.findIndex((c) => c.field === f) + 1;
  for (let r = 2; r <= 501; r++) {
    ws.getCell(r, col('category')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"一般事项,重大复杂事项"'],
    };
    ws.getCell(r, col('assign')).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    ws.getCell(r, col('assignedOn')).numFmt = 'yyyy-mm-dd';
    ws.getCell(r, col('dueOn')).numFmt = 'yyyy-mm-dd';
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 16 },
    { header: '填写要求', width: 90 },
  ];
  styleHeader(help.getRow(1));
  for (const c of IMPORT_COLUMNS) help.addRow([c.required ? `${c.header}*` : c.header, c.help]);
  help.addRow([]);
  help.addRow([
    '导入规则',
    '全部行通过校验才写入，任何一行有误则整表不导入，并列出每处问题的行号和列名。每行导入后即立项并交办（除非“是否交办”为“否”）。',
  ]);
  help.addRow([
    '依据',
    '《襄垣县人民政府工作规则》（襄政发〔2023〕7号）第三十七条：实行账单式闭环管理；第三十九条：用好“13710”信息化督办平台。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const EXPORT_HEADERS = [
  ID_HEADER,
  '事项名称',
  '事项类别',
  '牵头单位',
  '配合单位',
  '状态',
  '灯色',
  '交办日期',
  '要求办结时限',
  '办结时限',
  '下一时限',
  '逾期天数',
  '应升级',
  '出处',
  '办结评价',
  '办结时间',
] as const;

export interface ExportMeta {
  /** Chinese description of the filters, e.g. 状态：办理中；单位：县水利局. */
  filters: string;
  /** Instant of the export, shown in Beijing time. */
  exportedAt: string;
  /** Display name of who exported. */
  exportedBy: string;
}

function beijing(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The ledger as .xlsx: one row per item (with its light at export time) and a sheet saying what was exported. */
export async function buildLedgerWorkbook(items: readonly ItemSummary[], meta: ExportMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [8, 40, 14, 18, 28, 14, 8, 12, 12, 12, 22, 9, 8, 30, 9, 18].map((width, i) => ({
    header: EXPORT_HEADERS[i],
    width,
  }));
  styleHeader(ws.getRow(1));
  const fills: Record<string, string> = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE' };
  for (const it of items) {
    const l = it.light;
    const row = ws.addRow([
      it.id,
      it.title,
      CATEGORY_LABELS[it.category as Category] ?? it.category,
      it.lead,
      it.supports.join('、'),
      it.stateLabel,
      l.label,
      it.assignedOn ?? '',
      it.dueOn ?? '',
      it.closeBy ?? '',
      l.next ? `${l.next.label} ${l.next.due}` : '',
      l.overdueDays > 0 ? l.overdueDays : '',
      l.escalation ? (ESCALATION_LABELS[l.escalation as EscalationLevel] ?? l.escalation) : '',
      it.citation ?? '',
      it.rating ?? '',
      it.closedAt ? beijing(it.closedAt) : '',
    ]);
    const fill = fills[l.light];
    if (fill) row.getCell(7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  const info = wb.addWorksheet('导出说明');
  info.columns = [
    { header: '项目', width: 14 },
    { header: '内容', width: 80 },
  ];
  styleHeader(info.getRow(1));
  info.addRow(['导出时间', `${beijing(meta.exportedAt)}（北京时间）`]);
  info.addRow(['导出人', meta.exportedBy]);
  info.addRow(['筛选条件', meta.filters || '全部事项']);
  info.addRow(['事项数', items.length]);
  info.addRow(['灯色', '绿灯正常，黄灯临期，红灯逾期；按导出时刻与本县督办设置计算。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
