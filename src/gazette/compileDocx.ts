// The compiled gazette issue as a print-ready .docx (docx package). Pure: CompileInput in, bytes out.
//
// Layout (GB/T 9704-2012 党政机关公文格式, as the gazette prints its documents): A4, margins 37/35/28/26 mm (top,
// bottom, left, right), 仿宋_GB2312 三号 body with a fixed 28.95 pt line (22 lines a page), 方正小标宋简体 二号
// titles, 黑体 for level-1 headings, 楷体_GB2312 for level-2, page numbers “— n —” in the footer (宋体 四号). The
// cover carries the title, the issue, the notes and the editorial board; the table of contents follows with the
// page numbers of the text model (compile.ts: the same numbers as the .txt); every document starts on a new page.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type CompileInput, compileGazette } from './compile.ts';
import type { Clause, Document as GazetteDocument } from './types.ts';

const BODY = '仿宋_GB2312';
const TITLE = '方正小标宋简体';
const SIZE = 32; // 三号, half-points
const LINE = 579; // 28.95 pt in twentieths of a point: 22 lines on the 225 mm text block

function run(text: string, opts: { font?: string; size?: number; bold?: boolean } = {}): TextRun {
  return new TextRun({ text, font: opts.font ?? BODY, size: opts.size ?? SIZE, bold: opts.bold });
}

function para(
  text: string,
  opts: {
    font?: string;
    size?: number;
    bold?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    pageBreakBefore?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align,
    spacing: { line: LINE, lineRule: 'exact' },
    indent: opts.indent === false || opts.align ? undefined : { firstLine: 640 },
    pageBreakBefore: opts.pageBreakBefore,
    children: [run(text, opts)],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(header: string[], rows: string[][]): Table {
  const width = Math.max(header.length, ...rows.map((r) => r.length), 1);
  const cell = (text: string, head: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: 24, bold: head })] })],
    });
  const pad = (r: string[]) => [...r, ...Array.from({ length: width - r.length }, () => '')];
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
      new TableRow({ tableHeader: true, children: pad(header).map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: pad(r).map((c) => cell(c, false)) })),
    ],
  });
}

function clauseBlocks(nodes: readonly Clause[], out: (Paragraph | Table)[]): void {
  for (const c of nodes) {
    if (c.kind === 'table' && c.table) {
      if (c.table.title) out.push(para(c.table.title, { font: '黑体', align: AlignmentType.CENTER }));
      out.push(table(c.table.header, c.table.rows));
    } else if (c.kind === 'paragraph') {
      out.push(para(c.text));
    } else if (c.kind === 'heading') {
      out.push(para(c.text, { font: '黑体', indent: false, align: AlignmentType.CENTER }));
    } else {
      const sep = c.kind === 'level1' || c.kind === 'level2' || c.kind === 'level4' ? '' : ' ';
      const font =
        c.kind === 'chapter' || c.kind === 'section'
          ? '黑体'
          : c.kind === 'level1'
            ? '黑体'
            : c.kind === 'level2'
              ? '楷体_GB2312'
              : BODY;
      const centred = c.kind === 'chapter' || c.kind === 'section';
      out.push(para(`${c.num ?? ''}${sep}${c.text}`, { font, ...(centred ? { align: AlignmentType.CENTER } : {}) }));
    }
    clauseBlocks(c.children, out);
  }
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function documentBlocks(doc: GazetteDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(para(doc.issuer, { font: TITLE, size: 44, align: AlignmentType.CENTER, pageBreakBefore: true }));
  out.push(para(doc.title, { font: TITLE, size: 44, align: AlignmentType.CENTER }));
  out.push(para(doc.docNumber.text, { align: AlignmentType.CENTER }));
  if (doc.addressees.length) out.push(para(`${doc.addressees.join('，')}：`, { indent: false }));
  clauseBlocks(doc.body, out);
  out.push(para(doc.issuer, { align: AlignmentType.RIGHT }));
  if (doc.signedOn) out.push(para(chineseDate(doc.signedOn), { align: AlignmentType.RIGHT }));
  if (doc.disclosureNote) out.push(para(doc.disclosureNote));
  for (const a of doc.attachments) {
    if (a.role === 'annex') {
      out.push(para(a.label ?? `附件${a.number ?? ''}`, { font: '黑体', indent: false, pageBreakBefore: true }));
      out.push(para(a.title, { font: TITLE, size: 44, align: AlignmentType.CENTER }));
    } else if (a.title !== doc.title) {
      out.push(para(a.title, { font: TITLE, size: 44, align: AlignmentType.CENTER, pageBreakBefore: true }));
    }
    clauseBlocks(a.clauses, out);
  }
  return out;
}

/** The print-ready .docx of the issue: cover, table of contents, documents. */
export async function compileDocx(input: CompileInput): Promise<Buffer> {
  const compiled = compileGazette(input); // validates the input and numbers the pages
  const { cover } = input;
  const children: (Paragraph | Table)[] = [
    para(cover.title, { font: TITLE, size: 72, align: AlignmentType.CENTER }),
    para(`${cover.year}年 第${cover.number}期`, { size: 36, align: AlignmentType.CENTER }),
    ...cover.notes.map((n) => para(n, { size: 24, align: AlignmentType.CENTER })),
    para('编辑委员会', { font: '黑体', align: AlignmentType.CENTER }),
    ...cover.editorialBoard.map((r) => para(`${r.role}：${r.names.join('  ')}`, { indent: false })),
    ...(cover.publisher ? [para(`主办单位：${cover.publisher}`, { indent: false })] : []),
    ...(cover.editor ? [para(`编辑出版：${cover.editor}`, { indent: false })] : []),
    ...(cover.publishedOn ? [para(`出版日期：${chineseDate(cover.publishedOn)}`, { indent: false })] : []),
    para('目  录', { font: TITLE, size: 44, align: AlignmentType.CENTER, pageBreakBefore: true }),
  ];
  let section: string | null = null;
  for (const e of compiled.toc) {
    if (e.section !== section) {
      section = e.section;
      children.push(para(section, { font: '黑体', indent: false }));
    }
    children.push(para(`${e.issuer}  ${e.title} …… ${e.page}`, { indent: false }));
  }
  for (const d of input.documents) children.push(...documentBlocks(d));
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: 28 })],
      }),
    ],
  });
  const doc = new Document({
    creator: cover.publisher ?? cover.title,
    title: `${cover.title} ${cover.year}年第${cover.number}期`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
