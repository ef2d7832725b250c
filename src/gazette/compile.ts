// Gazette compilation: documents → the text of the next issue, in the format parse.ts reads. Pure.
//
// The text is written so that parseGazette gives back the same structure (numbers, titles, issuers, dates,
// addressees, 附注, clause trees with their eIds and citations, tables, attachments with labels and numbers):
//   cover      # <title> / <year> 第 <n> 期 / notes / ## 目录 with ### sections and "- issuer  ⏎ title ..... page"
//              entries / ### 编辑委员会 with "role：names" lines, 主办单位, 编辑出版, 出版日期;
//   document   issuer line + title lines (≤ 30 characters each), the 发文字号 alone on its line, 主送机关：, the
//              body, the signature (issuer, 成文日期 in Chinese), the 附注 line, then the attachments;
//   plan       "# <title>" unless the plan is the notice itself, then its clauses;
//   annex      the label (附件 2) alone on its line, "# <title>", its clauses;
//   clause     one line each: "## " before chapters, "# " before unnumbered headings, the printed number and the
//              text; when the parser would not find the heading from the text alone (no 。 in the first 30
//              characters, longer than 40), the heading is printed bold (**第一条 heading**rest) as in the seed;
//   table      its title as a heading line (unless it is the attachment's own title and the table opens the
//              attachment), then the header and the rows, cells separated by tabs.
// Page numbers: documents start on a new page; a page holds 22 lines of 28 characters (GB/T 9704-2012 公文格式
// 版心), a line of text takes ceil(length / 28) printed lines; the first document starts on page 1. The .docx
// (compileDocx.ts) uses the same page model for its table of contents.
import { AppError } from '../platform/errors.ts';
import { headingOf } from './tree.ts';
import type { Attachment, Clause, Document, EditorialRole, Table } from './types.ts';

export interface CompileCover {
  /** e.g. 长治市襄垣县人民政府公报 (must end in 公报). */
  title: string;
  year: number;
  number: number;
  publishedOn: string | null;
  publisher: string | null;
  editor: string | null;
  editorialBoard: EditorialRole[];
  notes: string[];
}

export interface CompileInput {
  cover: CompileCover;
  /** In the order they are printed. */
  documents: Document[];
}

export interface CompiledToc {
  section: string;
  issuer: string;
  title: string;
  docNumber: string;
  page: number;
}

export interface CompiledIssue {
  text: string;
  toc: CompiledToc[];
  /** Pages of the whole issue under the page model. */
  pages: number;
}

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** 县政府文件 for documents of the government, 县政府办文件 for the office, else <issuer>文件. */
export function sectionOf(issuer: string): string {
  if (/人民政府办公室$|政府办公室$/.test(issuer)) return '县政府办文件';
  if (/人民政府$/.test(issuer)) return '县政府文件';
  return `${issuer}文件`;
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Split a title into lines of at most `width` characters (the parser joins them back). */
function wrap(s: string, width = 30): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out.length ? out : [''];
}

function clauseLine(c: Clause): string {
  if (c.kind === 'paragraph') return c.text;
  if (c.kind === 'heading') return `# ${c.text}`;
  const num = c.num ?? '';
  // a space after 1. keeps 1. 2023年… a level-3 clause (the parser refuses 1.2023 as a number)
  const sep = c.kind === 'level1' || c.kind === 'level2' || c.kind === 'level4' ? '' : ' ';
  // a dotted number without a dot (4 信息报告) is a clause only on a heading line
  const prefix = c.kind === 'chapter' ? '## ' : c.kind === 'dotted' && !c.num?.includes('.') ? '# ' : '';
  const plain = `${num}${sep}${c.text}`;
  // would the parser find this heading from the text alone?
  if (c.heading === headingOf(plain, c.text)) return `${prefix}${plain}`;
  if (c.heading && c.text.startsWith(c.heading)) {
    return `${prefix}**${num}${sep}${c.heading}**${c.text.slice(c.heading.length)}`;
  }
  return `${prefix}${plain}`;
}

function tableLines(t: Table, withTitle: boolean): string[] {
  const out: string[] = [];
  if (withTitle && t.title) out.push(`# ${t.title}`, '');
  // a row is a table row because it holds a tab: a one-cell row (a group row, a 注) gets a trailing one
  const row = (cells: string[]) => (cells.length > 1 ? cells.join('\t') : `${cells[0] ?? ''}\t`);
  out.push(row(t.header));
  for (const r of t.rows) out.push(row(r));
  return out;
}

function clauseLines(nodes: readonly Clause[], attachmentTitle: string | null, out: string[]): void {
  nodes.forEach((c, k) => {
    if (c.kind === 'table' && c.table) {
      const opensAttachment = k === 0 && out.length === 0;
      const titleIsAttachment = attachmentTitle !== null && c.table.title === attachmentTitle;
      out.push(...tableLines(c.table, !(opensAttachment && titleIsAttachment)), '');
    } else {
      out.push(clauseLine(c), '');
    }
    clauseLines(c.children, attachmentTitle, out);
  });
}

function forestLines(nodes: readonly Clause[], attachmentTitle: string | null): string[] {
  const out: string[] = [];
  clauseLines(nodes, attachmentTitle, out);
  return out;
}

function attachmentLines(doc: Document, a: Attachment): string[] {
  const out: string[] = [];
  if (a.role === 'plan') {
    const toc = a.clauses[0];
    const ownToc = toc?.kind === 'heading' && /^目\s*录$/.test(toc.text);
    if (ownToc && toc) {
      // a plan's own table of contents precedes its title (6号): 目录, its literal lines, then the title
      out.push('目录', '');
      for (const l of toc.children) out.push(l.text, '');
      if (a.title !== doc.title) out.push(`# ${a.title}`, '');
      out.push(...forestLines(a.clauses.slice(1), a.title));
      return out;
    }
    if (a.title !== doc.title) out.push(`# ${a.title}`, '');
    out.push(...forestLines(a.clauses, a.title));
    return out;
  }
  out.push(a.label ?? (a.number !== null ? `附件${a.number}` : '附件'), '');
  if (!/^附件\s*\d*$/.test(a.title)) out.push(`# ${a.title}`, '');
  out.push(...forestLines(a.clauses, a.title));
  return out;
}

/** The lines of one document, from its header to its last attachment. */
export function documentLines(doc: Document): string[] {
  const out: string[] = [];
  out.push(doc.issuer, ...wrap(doc.title), '', doc.docNumber.text, '');
  if (doc.addressees.length) out.push(`${doc.addressees.join('，')}：`, '');
  out.push(...forestLines(doc.body, null));
  out.push(doc.issuer, '', doc.signedOn ? chineseDate(doc.signedOn) : '', '');
  if (doc.disclosureNote) out.push(doc.disclosureNote, '');
  for (const a of doc.attachments) out.push(...attachmentLines(doc, a));
  return out;
}

/** Printed lines a text takes under the page model (a blank line takes none: paragraphs have no gap). */
function printedLines(lines: readonly string[]): number {
  let n = 0;
  for (const l of lines) {
    const len = [...l.replace(/^#+\s*|\*\*/g, '')].length;
    if (len > 0) n += Math.ceil(len / CHARS_PER_LINE);
  }
  return n;
}

export function pagesOf(lines: readonly string[]): number {
  return Math.max(1, Math.ceil(printedLines(lines) / LINES_PER_PAGE));
}

export function compileGazette(input: CompileInput): CompiledIssue {
  const { cover, documents } = input;
  if (!/公报$/.test(cover.title)) {
    throw new AppError('BAD_INPUT', `公报名称“${cover.title}”应以“公报”结尾，如 长治市襄垣县人民政府公报。`, {
      field: 'title',
    });
  }
  if (!Number.isInteger(cover.year) || !Number.isInteger(cover.number) || cover.number < 1) {
    throw new AppError('BAD_INPUT', `期号应为 年份:期数，如 2023:4，收到 ${cover.year}:${cover.number}。`, {
      field: 'issue',
    });
  }
  for (const d of documents) {
    if (!d.signedOn) {
      throw new AppError('BAD_INPUT', `${d.docNumber.text}《${d.title}》没有成文日期，不能编入公报。`, {
        field: 'signedOn',
      });
    }
  }
  const bodies = documents.map(documentLines);
  const toc: CompiledToc[] = [];
  let page = 1;
  documents.forEach((d, k) => {
    toc.push({ section: sectionOf(d.issuer), issuer: d.issuer, title: d.title, docNumber: d.docNumber.text, page });
    page += pagesOf(bodies[k] as string[]);
  });

  const lines: string[] = [`# ${cover.title}`, '', `${cover.year} 第 ${cover.number} 期`, ''];
  for (const n of cover.notes) lines.push(n, '');
  lines.push('## 目录', '');
  let section: string | null = null;
  for (const e of toc) {
    if (e.section !== section) {
      section = e.section;
      lines.push(`### ${section}`, '');
    }
    const [first, ...rest] = wrap(e.title);
    lines.push(
      `- ${e.issuer}  `,
      ...[first, ...rest].map((l, k) => (k === rest.length ? `${l} ..... ${e.page}` : `${l}  `)),
      '',
    );
  }
  lines.push('### 编辑委员会', '');
  for (const r of cover.editorialBoard) lines.push(`${r.role}：${r.names.join(' ')}`, '');
  if (cover.publisher) lines.push(`主办单位：${cover.publisher}`, '');
  if (cover.editor) lines.push(`编辑出版：${cover.editor}`, '');
  if (cover.publishedOn) lines.push(`出版日期：${chineseDate(cover.publishedOn)}`, '');
  lines.push('');
  for (const b of bodies) lines.push(...b, '');
  return { text: `${lines.join('\n')}\n`, toc, pages: page - 1 };
}
