// The monthly 通报 (督办落实情况通报) from the rankings: an .xlsx workbook (exceljs) and a .docx document (docx), in
// Chinese. Pure: Rankings in, file bytes out (no database, no file system).
//
// Who is 先进 and who is 滞后 is our rule (the seed's plans name 通报 as a step of the ladder — 襄政办发〔2023〕25号
// “对于进展缓慢的，进行通报批评” — but give no thresholds), documented in docs/supervision.md §8:
//   先进单位  lead units with at least one item decided in the period, on-time rate 100 % and no 逾期未办结;
//   滞后单位  lead units with 逾期未办结 at the evaluation date, or an on-time rate below 60 %.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { unitLabel } from './clock.ts';
import {
  formatRate,
  type ItemOutcome,
  OUTCOME_LABELS,
  type Rankings,
  type Stats,
  type UnitRanking,
} from './rankings.ts';
import { RATINGS } from './types.ts';

export const LAGGING_RATE = 0.6;

export interface ReportMeta {
  /** YYYY-MM: the month the 通报 covers. */
  month: string;
  /** Who issues it (default 襄垣县人民政府办公室). */
  issuer?: string;
}

const ISSUER = '襄垣县人民政府办公室';

function monthTitle(month: string): { year: number; month: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

/** “关于2023年6月份重点工作督办落实情况的通报” */
export function reportTitle(month: string): string {
  const t = monthTitle(month);
  return `关于${t.year}年${t.month}月份重点工作督办落实情况的通报`;
}

export function advancedUnits(r: Rankings): UnitRanking[] {
  return r.lead.filter((u) => u.onTimeRate === 1 && u.overdueOpen === 0 && u.onTime > 0);
}

export function laggingUnits(r: Rankings): UnitRanking[] {
  return r.lead
    .filter((u) => u.overdueOpen > 0 || (u.onTimeRate !== null && u.onTimeRate < LAGGING_RATE))
    .sort((a, b) => b.overdueOpen - a.overdueOpen || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1));
}

function dateCn(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

function ratingsText(s: Stats): string {
  const parts = RATINGS.filter((r) => s.ratings[r] > 0).map((r) => `${r} ${s.ratings[r]} 件`);
  return parts.length ? parts.join('，') : '无';
}

/** The 总体情况 paragraph (also the summary sheet's note). */
export function overviewText(r: Rankings): string {
  const t = r.totals;
  const unit = unitLabel(r.counting);
  return [
    `${dateCn(r.period.from)}至${dateCn(r.period.to)}，到期督办事项 ${t.due} 件，其中按期办结 ${t.onTime} 件、逾期办结 ${t.late} 件、逾期未办结 ${t.overdue} 件、尚未到期或待审核 ${t.pending} 件，按期办结率 ${formatRate(t.onTimeRate)}。`,
    `截至${dateCn(r.asOf)}，全县逾期未办结事项共 ${t.overdueOpen} 件（含以前月份结转）。`,
    `本期办结销号 ${t.closed} 件，平均办理用时 ${t.avgDaysToClose ?? '—'} 个${unit}，评定等次：${ratingsText(t)}；退回重办 ${t.returned} 次，批准延期或调整时限的事项 ${t.extended} 件。`,
  ].join('');
}

// ---------------------------------------------------------------------------------------------------------
// .xlsx

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function table(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number; fmt?: string }[],
  rows: Record<string, unknown>[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of rows) ws.addRow(r);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  ws.eachRow((row, n) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
      if (n === 1) cell.fill = HEADER_FILL;
    });
  });
  columns.forEach((c, k) => {
    if (c.fmt) ws.getColumn(k + 1).numFmt = c.fmt;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

const STAT_COLUMNS = (dayUnit: string) => [
  { header: '到期事项', key: 'due', width: 10 },
  { header: '按期办结', key: 'onTime', width: 10 },
  { header: '逾期办结', key: 'late', width: 10 },
  { header: '到期未办结', key: 'overdue', width: 11 },
  { header: '未到期或待审核', key: 'pending', width: 14 },
  { header: '按期办结率', key: 'onTimeRate', width: 11, fmt: '0.0%' },
  { header: '逾期未办结（含结转）', key: 'overdueOpen', width: 20 },
  { header: '本期办结', key: 'closed', width: 10 },
  { header: `平均办理用时（${dayUnit}）`, key: 'avgDaysToClose', width: 20 },
  ...RATINGS.map((r) => ({ header: r, key: `rating_${r}`, width: 8 })),
  { header: '退回重办', key: 'returned', width: 10 },
  { header: '延期事项', key: 'extended', width: 10 },
];

function statRow(s: Stats): Record<string, unknown> {
  return {
    due: s.due,
    onTime: s.onTime,
    late: s.late,
    overdue: s.overdue,
    pending: s.pending,
    onTimeRate: s.onTimeRate,
    overdueOpen: s.overdueOpen,
    closed: s.closed,
    avgDaysToClose: s.avgDaysToClose,
    ...Object.fromEntries(RATINGS.map((r) => [`rating_${r}`, s.ratings[r]])),
    returned: s.returned,
    extended: s.extended,
  };
}

function outcomeRow(o: ItemOutcome, k: number, dayUnit: string): Record<string, unknown> {
  return {
    no: k + 1,
    id: Number(o.id),
    title: o.title,
    lead: o.lead,
    supports: o.supports.join('、'),
    assignedOn: o.assignedOn,
    closeBy: o.closeBy,
    originalCloseBy: o.extended ? o.originalCloseBy : '',
    outcome: OUTCOME_LABELS[o.outcome],
    overdueDays: o.overdueDays,
    closedOn: o.closedOn ?? '',
    unit: dayUnit,
  };
}

const OUTCOME_COLUMNS = (dayUnit: string) => [
  { header: '序号', key: 'no', width: 6 },
  { header: '事项编号', key: 'id', width: 9 },
  { header: '事项名称', key: 'title', width: 40 },
  { header: '牵头单位', key: 'lead', width: 20 },
  { header: '配合单位', key: 'supports', width: 28 },
  { header: '交办日期', key: 'assignedOn', width: 12 },
  { header: '办结时限', key: 'closeBy', width: 12 },
  { header: '原定时限（已延期）', key: 'originalCloseBy', width: 16 },
  { header: '状态', key: 'outcome', width: 12 },
  { header: `逾期（${dayUnit}）`, key: 'overdueDays', width: 12 },
  { header: '办结日期', key: 'closedOn', width: 12 },
];

/** The 通报 as a workbook: 总体情况, 牵头单位排名, 配合单位, 分管领导, 逾期事项 (and 逾期办结). */
export async function reportXlsx(r: Rankings, meta: ReportMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.issuer ?? ISSUER;
  wb.created = new Date(`${r.asOf}T00:00:00+08:00`);
  const dayUnit = unitLabel(r.counting);

  const summary = wb.addWorksheet('总体情况', { views: [{ state: 'frozen', ySplit: 2 }] });
  summary.columns = [
    { key: 'k', width: 28 },
    { key: 'v', width: 18 },
  ];
  summary.mergeCells('A1:B1');
  const title = summary.getCell('A1');
  title.value = reportTitle(meta.month);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const head = summary.addRow(['指标', '数值']);
  head.font = { bold: true };
  const t = r.totals;
  const lines: [string, unknown, string?][] = [
    ['统计期间', `${r.period.from} 至 ${r.period.to}`],
    ['统计截止日', r.asOf],
    ['计日方式', r.counting === 'working' ? '工作日' : '自然日'],
    ['到期事项（件）', t.due],
    ['按期办结（件）', t.onTime],
    ['逾期办结（件）', t.late],
    ['到期未办结（件）', t.overdue],
    ['未到期或待审核（件）', t.pending],
    ['按期办结率', t.onTimeRate, '0.0%'],
    ['逾期未办结（含结转，件）', t.overdueOpen],
    ['本期办结销号（件）', t.closed],
    [`平均办理用时（${dayUnit}）`, t.avgDaysToClose],
    ...RATINGS.map((x): [string, unknown] => [`评定“${x}”（件）`, t.ratings[x]]),
    ['退回重办（次）', t.returned],
    ['延期事项（件）', t.extended],
    [
      '先进单位',
      advancedUnits(r)
        .map((u) => u.unit)
        .join('、') || '无',
    ],
    [
      '滞后单位',
      laggingUnits(r)
        .map((u) => u.unit)
        .join('、') || '无',
    ],
  ];
  for (const [k, v, fmt] of lines) {
    const row = summary.addRow([k, v ?? '—']);
    if (fmt) row.getCell(2).numFmt = fmt;
  }
  summary.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
      if (n === 2) cell.fill = HEADER_FILL;
    });
  });
  const note = summary.addRow([overviewText(r)]);
  summary.mergeCells(`A${note.number}:B${note.number}`);
  note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  note.height = 90;

  const unitColumns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位', key: 'unit', width: 24 },
    ...STAT_COLUMNS(dayUnit),
  ];
  const unitRows = (rows: UnitRanking[]) => rows.map((u) => ({ rank: u.rank ?? '—', unit: u.unit, ...statRow(u) }));
  table(wb, '牵头单位排名', unitColumns, unitRows(r.lead));
  table(wb, '配合单位', unitColumns, unitRows(r.support));
  table(
    wb,
    '分管领导',
    [
      { header: '名次', key: 'rank', width: 6 },
      { header: '分管领导', key: 'leader', width: 14 },
      { header: '分管单位', key: 'units', width: 36 },
      ...STAT_COLUMNS(dayUnit),
    ],
    r.leaders.map((l) => ({ rank: l.rank ?? '—', leader: l.leader, units: l.units.join('、'), ...statRow(l) })),
  );
  table(
    wb,
    '逾期未办结事项',
    OUTCOME_COLUMNS(dayUnit),
    r.overdueItems.map((o, k) => outcomeRow(o, k, dayUnit)),
  );
  table(
    wb,
    '逾期办结事项',
    OUTCOME_COLUMNS(dayUnit),
    r.lateItems.map((o, k) => outcomeRow(o, k, dayUnit)),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------
// .docx (GB/T 9704 fonts: 方正小标宋简体 title, 黑体 level-1 headings, 仿宋_GB2312 text, 三号)

const BODY = '仿宋_GB2312';
const SIZE = 32; // 三号, half-points

function para(text: string, opts: { bold?: boolean; font?: string; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { line: 560 },
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, font: opts.font ?? BODY, size: SIZE, bold: opts.bold })],
  });
}

function heading(text: string): Paragraph {
  return para(text, { font: '黑体' });
}

function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, font: BODY, size: 24, bold: header })],
      }),
    ],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function docTable(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

/** The 通报 as a Word document: title, 总体情况, 先进/滞后单位, 逾期事项清单, 下步要求. */
export async function reportDocx(r: Rankings, meta: ReportMeta): Promise<Buffer> {
  const issuer = meta.issuer ?? ISSUER;
  const dayUnit = unitLabel(r.counting);
  const advanced = advancedUnits(r);
  const lagging = laggingUnits(r);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 700 },
      children: [new TextRun({ text: reportTitle(meta.month), font: '方正小标宋简体', size: 44 })],
    }),
    para('各镇人民政府，县直各有关单位：', { indent: false }),
    para(
      `为推动县委、县政府各项决策部署落地见效，按照《襄垣县人民政府工作规则》第三十七条“实行账单式闭环管理”、第三十九条“用好‘13710’信息化督办平台”的要求，现将${monthTitle(meta.month).year}年${monthTitle(meta.month).month}月份重点工作督办落实情况通报如下：`,
    ),
    heading('一、总体情况'),
    para(overviewText(r)),
    heading('二、先进单位和滞后单位'),
    para(
      advanced.length
        ? `（一）先进单位。${advanced.map((u) => `${u.unit}（按期办结 ${u.onTime} 件）`).join('、')}到期事项全部按期办结，无逾期未办结事项，予以通报表扬。`
        : '（一）先进单位。本月无到期事项全部按期办结且无逾期未办结事项的单位。',
    ),
    para(
      lagging.length
        ? `（二）滞后单位。${lagging
            .map((u) => `${u.unit}（按期办结率 ${formatRate(u.onTimeRate)}，逾期未办结 ${u.overdueOpen} 件）`)
            .join('、')}工作进展滞后，予以通报。`
        : '（二）滞后单位。本月无逾期未办结事项，且无按期办结率低于60%的单位。',
    ),
    heading('三、逾期事项清单'),
  ];
  if (r.overdueItems.length) {
    children.push(
      para(`截至${dateCn(r.asOf)}，逾期未办结事项 ${r.overdueItems.length} 件，清单如下：`),
      docTable(
        ['序号', '事项名称', '牵头单位', '配合单位', '办结时限', `逾期（${dayUnit}）`],
        r.overdueItems.map((o, k) => [
          String(k + 1),
          o.title,
          o.lead,
          o.supports.join('、') || '—',
          o.closeBy,
          String(o.overdueDays),
        ]),
      ),
    );
  } else {
    children.push(para(`截至${dateCn(r.asOf)}，无逾期未办结事项。`));
  }
  if (r.lateItems.length)
    children.push(
      para(
        `本月到期事项中逾期办结 ${r.lateItems.length} 件：${r.lateItems.map((o) => `${o.title}（${o.lead}，逾期 ${o.overdueDays} 个${dayUnit}）`).join('；')}。`,
      ),
    );
  children.push(
    heading('四、下步要求'),
    para('（一）各责任单位要对照逾期事项清单，逐项分析原因，明确整改措施和完成时限，确保逾期事项尽快办结销号、清零。'),
    para(
      '（二）严格落实“13710”工作制度，交办事项1日内研究部署、3日内反馈进展、一般事项7日内办结，重大复杂事项1个月内办结或按审定的时间表推进，按时反馈办理情况。',
    ),
    para(
      '（三）县政府办将持续跟踪督办，对逾期未办结事项依次催办、通报，必要时约谈相关单位主要负责人，确保各项工作落地见效。',
    ),
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: issuer, font: BODY, size: SIZE })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: dateCn(r.asOf), font: BODY, size: SIZE })],
    }),
  );
  const doc = new Document({
    creator: issuer,
    title: reportTitle(meta.month),
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
