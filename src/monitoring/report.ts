// Monitoring reports as .docx (docx package), in Chinese: the annual monitoring report (年度监测报告, 4号 四、（一）
// “县统计局开展年度监测”), and the mid-term and final evaluation reports (中期评估 / 终期评估, 4号 “中期和总结评估”, 6号
// 第四节 “年度监测和中期、末期评估”). Pure: report data in, bytes out.
//
// Charts: no server-side chart image (that would need a native canvas dependency). Each indicator gets a drawn
// bar chart made of docx table cells shaded in proportion to the values — 基期 → 最新 → 目标 (and the projection) —
// readable in Word and WPS without images.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type AttainmentStatus, STATUS_LABELS, STATUSES } from './attainment.ts';
import { ATTRIBUTE_LABELS, type Attribute } from './warnings.ts';

export type ReportKind = 'annual' | 'midterm' | 'final';

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  annual: '年度监测报告',
  midterm: '中期评估报告',
  final: '终期评估报告',
};

export interface ReportIndicator {
  domain: string;
  name: string;
  measureUnit: string | null;
  attribute: Attribute | null;
  responsibleUnit: string;
  baseline: { year: number; value: number; text: string } | null;
  /** e.g. ≥95（2025年）. */
  targetText: string;
  targetLevel: number | null;
  latest: { label: string; value: number; text: string; approved: boolean } | null;
  status: AttainmentStatus | null;
  projected: number | null;
  projectedText: string | null;
}

export interface ReportUnit {
  unit: string;
  indicators: number;
  reported: number;
  approved: number;
  offTrack: number;
  warnings: number;
}

export interface ReportData {
  kind: ReportKind;
  planName: string;
  docNumber: string | null;
  year: number;
  /** YYYY-MM-DD */
  date: string;
  indicators: ReportIndicator[];
  units: ReportUnit[];
  warnings: { indicator: string; unit: string; period: string; level: 'red' | 'yellow'; message: string }[];
}

const BODY = '仿宋_GB2312';
const SIZE = 32;

function para(text: string, opts: { font?: string; bold?: boolean; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { line: 560 },
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, font: opts.font ?? BODY, size: SIZE, bold: opts.bold ?? false })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, font: BODY, size: 21, bold: header })],
      }),
    ],
  });
}

function table(header: string[], rows: string[][]): Table {
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

const COLORS = { baseline: 'A6A6A6', latest: '2F75B5', target: 'C00000', projected: 'F4B183' };

/** One bar: label | shaded part ∝ value | rest | value. Total width 9000 twips. */
function bar(label: string, value: number, max: number, color: string, text: string): Table {
  const TOTAL = 9000;
  const labelW = 1500;
  const valueW = 1800;
  const span = TOTAL - labelW - valueW;
  const filled = Math.max(60, Math.round((span * Math.abs(value)) / (max || 1)));
  const rest = Math.max(60, span - filled);
  const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
  const small = (t: string) => new Paragraph({ children: [new TextRun({ text: t, font: BODY, size: 20 })] });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: labelW + filled + rest + valueW, type: WidthType.DXA },
    columnWidths: [labelW, filled, rest, valueW],
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: labelW, type: WidthType.DXA }, borders: noBorders, children: [small(label)] }),
          new TableCell({
            width: { size: filled, type: WidthType.DXA },
            borders: noBorders,
            shading: { type: ShadingType.SOLID, color: color, fill: color },
            children: [small('')],
          }),
          new TableCell({ width: { size: rest, type: WidthType.DXA }, borders: noBorders, children: [small('')] }),
          new TableCell({ width: { size: valueW, type: WidthType.DXA }, borders: noBorders, children: [small(text)] }),
        ],
      }),
    ],
  });
}

function chart(ind: ReportIndicator): (Paragraph | Table)[] {
  const vals = [ind.baseline?.value, ind.latest?.value, ind.targetLevel, ind.projected].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );
  if (vals.length === 0) return [];
  const max = Math.max(...vals.map(Math.abs));
  const unit = ind.measureUnit ?? '';
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      spacing: { before: 200 },
      children: [new TextRun({ text: `图：${ind.name}（基期 → 最新 → 目标）`, font: '黑体', size: 22 })],
    }),
  ];
  if (ind.baseline)
    out.push(
      bar(`基期 ${ind.baseline.year}年`, ind.baseline.value, max, COLORS.baseline, `${ind.baseline.text}${unit}`),
    );
  if (ind.latest)
    out.push(bar(`最新 ${ind.latest.label}`, ind.latest.value, max, COLORS.latest, `${ind.latest.text}${unit}`));
  if (ind.projected !== null && ind.projectedText)
    out.push(bar('按当前速度推算', ind.projected, max, COLORS.projected, `${ind.projectedText}${unit}`));
  if (ind.targetLevel !== null) out.push(bar('目标', ind.targetLevel, max, COLORS.target, ind.targetText));
  return out;
}

function counts(inds: ReportIndicator[]): Record<AttainmentStatus | 'none', number> {
  const c = { achieved: 0, on_track: 0, acceleration_needed: 0, limited_progress: 0, deteriorating: 0, none: 0 };
  for (const i of inds) c[i.status ?? 'none']++;
  return c;
}

export function reportTitle(d: Pick<ReportData, 'planName' | 'kind' | 'year'>): string {
  const plan = d.planName.startsWith('《') ? d.planName : `《${d.planName}》`;
  return d.kind === 'annual'
    ? `${plan}${d.year}年度监测报告`
    : `${plan}${REPORT_KIND_LABELS[d.kind]}（截至${d.year}年）`;
}

export async function reportDocx(d: ReportData): Promise<Buffer> {
  const c = counts(d.indicators);
  const total = d.indicators.length;
  const verb = d.kind === 'annual' ? '监测' : '评估';
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 700 },
      children: [new TextRun({ text: reportTitle(d), font: '方正小标宋简体', size: 44 })],
    }),
    para(
      `根据${d.docNumber ? `${d.docNumber}印发的` : ''}${d.planName.startsWith('《') ? d.planName : `《${d.planName}》`}关于监测评估的要求，现将${d.year}年规划指标${verb}情况报告如下。数据来源为各责任单位报送的监测数据${d.indicators.some((i) => i.latest && !i.latest.approved) ? '（标注“＊”的数据尚未经办公室审核）' : ''}。`,
    ),
    para('一、总体情况', { font: '黑体', indent: false }),
    para(
      `纳入${verb}的指标共 ${total} 项，其中已达标 ${c.achieved} 项、进展顺利 ${c.on_track} 项、需加快进度 ${c.acceleration_needed} 项、进展有限 ${c.limited_progress} 项、趋势恶化 ${c.deteriorating} 项、暂无数据 ${c.none} 项。判定方法：按基期至目标年所需的年均进度与基期以来实际年均进度之比判定（≥0.95 进展顺利，0.5—0.95 需加快进度，0—0.5 进展有限，<0 趋势恶化）。`,
    ),
    table(
      ['判定', '指标数', '占比'],
      [...STATUSES, 'none' as const].map((s) => [
        s === 'none' ? '暂无数据' : STATUS_LABELS[s],
        String(c[s]),
        total ? `${Math.round((c[s] / total) * 1000) / 10}%` : '—',
      ]),
    ),
  ];
  const bindingOff = d.indicators.filter(
    (i) => i.attribute === 'binding' && i.status !== null && i.status !== 'achieved' && i.status !== 'on_track',
  );
  children.push(
    para(
      bindingOff.length
        ? `约束性指标中，${bindingOff.map((i) => `“${i.name}”（${i.status ? STATUS_LABELS[i.status] : ''}）`).join('、')}未达到进度要求，已向责任单位和办公室发出红色预警。`
        : '约束性指标均已达标或进展顺利。',
    ),
  );

  children.push(para('二、分领域情况', { font: '黑体', indent: false }));
  const domains = [...new Set(d.indicators.map((i) => i.domain))];
  for (const [k, domain] of domains.entries()) {
    const inds = d.indicators.filter((i) => i.domain === domain);
    children.push(para(`（${'一二三四五六七八九十'[k] ?? k + 1}）${domain}`, { bold: true, indent: false }));
    children.push(
      table(
        ['指标', '属性', '基期值', '目标值', '最新值', '推算目标年', '判定', '责任单位'],
        inds.map((i) => [
          `${i.name}${i.measureUnit ? `（${i.measureUnit}）` : ''}`,
          i.attribute ? ATTRIBUTE_LABELS[i.attribute] : '—',
          i.baseline ? `${i.baseline.text}（${i.baseline.year}）` : '—',
          i.targetText,
          i.latest ? `${i.latest.text}${i.latest.approved ? '' : '＊'}（${i.latest.label}）` : '暂无数据',
          i.projectedText ?? '—',
          i.status ? STATUS_LABELS[i.status] : '暂无数据',
          i.responsibleUnit,
        ]),
      ),
    );
  }

  children.push(para('三、分单位情况', { font: '黑体', indent: false }));
  children.push(
    table(
      ['单位', '负责指标', '已报送数据', '已审核', '未达进度指标', '预警'],
      d.units.map((u) => [
        u.unit,
        String(u.indicators),
        String(u.reported),
        String(u.approved),
        String(u.offTrack),
        String(u.warnings),
      ]),
    ),
  );

  children.push(para('四、指标进展图', { font: '黑体', indent: false }));
  for (const i of d.indicators) children.push(...chart(i));

  children.push(para('五、预警情况', { font: '黑体', indent: false }));
  if (d.warnings.length)
    for (const w of d.warnings)
      children.push(para(`${w.level === 'red' ? '【红色预警】' : '【黄色预警】'}${w.message}`));
  else children.push(para('本期无预警。'));

  if (d.kind !== 'annual') {
    children.push(para('六、存在问题和对策建议', { font: '黑体', indent: false }));
    const lagging = d.indicators.filter(
      (i) => i.status === 'acceleration_needed' || i.status === 'limited_progress' || i.status === 'deteriorating',
    );
    if (lagging.length)
      for (const i of lagging)
        children.push(
          para(
            `“${i.name}”${STATUS_LABELS[i.status as AttainmentStatus]}${i.projectedText ? `，按当前速度到目标年约为 ${i.projectedText}${i.measureUnit ?? ''}，目标为 ${i.targetText}` : ''}。建议${i.responsibleUnit}分析原因，明确加快推进的措施和时间表，县妇儿工委办公室（或规划牵头部门）加强跟踪调度。`,
          ),
        );
    else children.push(para('各项指标均已达标或进展顺利，建议继续保持，做好终期评估准备。'));
    const noData = d.indicators.filter((i) => i.status === null);
    if (noData.length)
      children.push(
        para(
          `${noData.map((i) => `“${i.name}”`).join('、')}暂无监测数据，建议责任单位补报或开展专项统计调查（4号 四、（三）“对妇女发展缺项数据开展专项统计调查”）。`,
        ),
      );
  }
  children.push(
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [
        new TextRun({
          text: d.date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, mo, da) => `${y}年${Number(mo)}月${Number(da)}日`),
          font: BODY,
          size: SIZE,
        }),
      ],
    }),
  );
  const doc = new Document({
    creator: 'luoshi 落实',
    title: reportTitle(d),
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
