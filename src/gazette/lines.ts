// Line model and logical-line assembly (page-break and hard-break joins). Pure.
import { compactCjkSpaces, endsSentence, isCjk, stripLinePrefix, stripMarkup } from './normalize.ts';

export interface SourceLine {
  /** 1-based line number. */
  no: number;
  raw: string;
  blank: boolean;
  /** Markdown hard break: the line ended with two or more spaces. */
  hard: boolean;
  table: boolean;
}

/** One paragraph-like unit after joins: source lines start..end (1-based, inclusive). */
export interface LogicalLine {
  start: number;
  end: number;
  /** Raw text of the joined lines (markup kept), for bold/heading detection. */
  raw: string;
  /** Markup removed, prefix (#, -) removed, not compacted: for number classification. */
  plain: string;
  /** Display form. */
  text: string;
  table: boolean;
  heading: boolean;
  /** Taken as plain text, never as a heading (the lines of a plan's own table of contents). */
  literal?: boolean;
}

const NON_SPACE = /\S/;

export function splitLines(text: string): SourceLine[] {
  const parts = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const out: SourceLine[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i] as string;
    out[i] = { no: i + 1, raw, blank: !NON_SPACE.test(raw), hard: raw.endsWith('  '), table: raw.includes('\t') };
  }
  return out;
}

export const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const STRUCTURE_RE = new RegExp(
  [
    `^第${CN_NUM}[章节条]`,
    `^${CN_NUM}[、．.]`,
    `^[(（]\\s*${CN_NUM}\\s*[)）]`,
    '^\\d{1,2}[.．、](?!\\d)',
    '^[(（]\\s*\\d{1,2}\\s*[)）]',
    '^\\d{1,2}(?:\\.\\d{1,2}){1,3}\\s*[\\u4e00-\\u9fa5]',
    '^附\\s*件\\s*\\d*\\s*[：:]?',
    '^\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*$',
    '^[(（]\\s*此件',
    '^[\\u4e00-\\u9fa5]{1,10}[发函字]\\s*[〔\\[［(（【]\\s*\\d{4}',
    '^[\\u4e00-\\u9fa5][\\u4e00-\\u9fa5 ]{0,7}[：:]',
  ].join('|'),
);

/** Markup-free, prefix-free text of a raw line (not compacted). */
export function plainOf(raw: string): string {
  return stripMarkup(stripLinePrefix(raw)).trim();
}

export function startsStructure(raw: string): boolean {
  if (/^\s*#/.test(raw)) return true;
  if (/^\s*-\s/.test(raw)) return true;
  return STRUCTURE_RE.test(plainOf(raw));
}

export function isWholeBold(raw: string): boolean {
  return /^\s*(?:#+\s*)?\*\*[^*]+\*\*\s*$/.test(raw.trimEnd());
}

function isNumbered(plain: string): boolean {
  return STRUCTURE_RE.test(plain) && !/^[\u4e00-\u9fa5][\u4e00-\u9fa5 ]{0,7}[：:]/.test(plain);
}

function joinParts(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  const lc = left.replace(/\*+$/, '').slice(-1);
  const rc = right.replace(/^\*+/, '').slice(0, 1);
  const glue = isCjk(lc) || isCjk(rc) || /[，。、；：“”（）《》]/.test(lc + rc) ? '' : ' ';
  return left + glue + right;
}

/** May a paragraph that ends on this text continue on a later line (page break)? */
function mayContinue(raw: string, plain: string): boolean {
  if (/^\s*#/.test(raw)) return false;
  if (endsSentence(plain)) return false;
  if (/^附\s*件\s*\d*$/.test(plain)) return false;
  const bold = /^\s*\*\*/.test(raw);
  if (isNumbered(plain) && !bold && plain.length <= 30) return false;
  if (!bold && !isNumbered(plain) && plain.length <= 12 && !/[，、]$/.test(plain)) return false;
  return true;
}

/**
 * Assemble logical lines over source lines [from, to] (1-based, inclusive). Joins markdown hard breaks and
 * paragraphs split by page breaks: a line that does not end a sentence, followed (after any blank lines) by
 * a line that does not start a structure, is one paragraph (e.g. 县妇 + 儿工委).
 */
export function logicalLines(lines: SourceLine[], from: number, to: number): LogicalLine[] {
  const out: LogicalLine[] = [];
  const at = (n: number) => lines[n - 1] as SourceLine;
  // plain text of each source line, computed once (it is needed for the line itself and when the line
  // before it asks whether it continues a paragraph)
  const plainCache: (string | undefined)[] = [];
  const plainAt = (n: number) => plainCache[n - from] ?? (plainCache[n - from] = plainOf(at(n).raw));
  const structureAt = (n: number) => {
    const raw = at(n).raw;
    return /^\s*#/.test(raw) || /^\s*-\s/.test(raw) || STRUCTURE_RE.test(plainAt(n));
  };
  let i = from;
  while (i <= to) {
    const first = at(i);
    if (first.blank) {
      i++;
      continue;
    }
    if (first.table) {
      const plain = plainAt(i);
      out.push({ start: i, end: i, raw: first.raw, plain, text: compactCjkSpaces(plain), table: true, heading: false });
      i++;
      continue;
    }
    let raw = first.raw;
    let plain = plainAt(i);
    let end = i;
    for (;;) {
      const cur = at(end);
      const nextNo = end + 1;
      if (cur.hard && nextNo <= to) {
        const next = at(nextNo);
        if (!next.blank && !next.table && !structureAt(nextNo) && !/^\s*#/.test(raw)) {
          raw = joinParts(raw, next.raw);
          plain = joinParts(plain, plainAt(nextNo));
          end = nextNo;
          continue;
        }
        if (!next.blank && !next.table && /^\s*-\s/.test(raw) && !/^\s*-\s/.test(next.raw)) {
          // a wrapped list item (TOC entries, 附件 lists): keep the item together
          raw = joinParts(raw, next.raw);
          plain = joinParts(plain, plainAt(nextNo));
          end = nextNo;
          continue;
        }
      }
      if (!mayContinue(raw, plain)) break;
      let k = end + 1;
      while (k <= to && at(k).blank) k++;
      if (k > to) break;
      const cand = at(k);
      if (cand.table || structureAt(k) || isWholeBold(cand.raw)) break;
      raw = joinParts(raw, cand.raw);
      plain = joinParts(plain, plainAt(k));
      end = k;
    }
    out.push({
      start: i,
      end,
      raw,
      plain,
      text: compactCjkSpaces(plain),
      table: false,
      heading: /^\s*#/.test(first.raw) || isWholeBold(first.raw),
    });
    i = end + 1;
  }
  return out;
}

/**
 * Cells of a tab-separated table row: markup removed, white space runs folded to one space. Spaces
 * between Chinese words are kept in cells, unlike in running text: there they separate items
 * (“市生态环境局襄垣分局 县水利局”, “赵志清 武化城”). Header cells are compacted (职 责 → 职责) by the
 * table builder.
 */
export function splitCells(raw: string): string[] {
  const cells = raw.split('\t').map((c) => stripMarkup(c).replace(/\s+/g, ' ').trim());
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}
