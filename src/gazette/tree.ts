// Clause tree builder: logical lines of one attachment (or a notice body) → nested clauses with stable
// eIds and Chinese citations. Pure.

import { CN_NUM, type LogicalLine, splitCells } from './lines.ts';
import { chineseNumber, compactCjkSpaces, matchForm, stripMarkup } from './normalize.ts';
import type { Clause, ClauseKind, Table } from './types.ts';

interface Classified {
  kind: ClauseKind;
  num: string | null;
  value: number;
  rank: number;
  rest: string;
}

const RE = {
  chapter: new RegExp(`^第\\s*(${CN_NUM})\\s*章\\s*(.*)$`),
  section: new RegExp(`^第\\s*(${CN_NUM})\\s*节\\s*(.*)$`),
  article: new RegExp(`^第\\s*(${CN_NUM})\\s*条\\s*(.*)$`),
  level1: new RegExp(`^(${CN_NUM})\\s*[、．.]\\s*(.*)$`),
  level2: new RegExp(`^[(（]\\s*(${CN_NUM})\\s*[)）]\\s*(.*)$`),
  level3: /^(\d{1,2})\s*[.．、](?!\d)\s*(.*)$/,
  level4: /^[(（]\s*(\d{1,2})\s*[)）]\s*(.*)$/,
  dotted: /^(\d{1,2}(?:\.\d{1,2}){1,3})\s*([\u4e00-\u9fa5].*)$/,
  dotted1: /^(\d{1,2})\s+([\u4e00-\u9fa5][^。；]{0,24})$/,
};

const RANK: Record<Exclude<ClauseKind, 'dotted' | 'paragraph' | 'table'>, number> = {
  chapter: 1,
  section: 2,
  article: 3,
  level1: 10,
  level2: 11,
  level3: 12,
  level4: 13,
  heading: 20,
};

export function classify(ll: LogicalLine): Classified | null {
  if (ll.literal) return null;
  // numbers are matched on the display text (already compacted), so `rest` needs no further work
  const p = ll.text;
  const c0 = p.charCodeAt(0);
  // fast exit: a structural number starts with 第, a Chinese numeral, a bracket or a digit
  if (
    !(
      c0 === 0x7b2c ||
      (c0 >= 0x30 && c0 <= 0x39) ||
      c0 === 0x28 ||
      c0 === 0xff08 ||
      /[一二三四五六七八九十]/.test(p[0] ?? '')
    )
  ) {
    return ll.heading ? { kind: 'heading', num: null, value: 0, rank: RANK.heading, rest: p } : null;
  }
  let m: RegExpExecArray | null;
  if ((m = RE.chapter.exec(p))) return mk('chapter', `第${m[1]}章`, chineseNumber(m[1] as string), m[2] as string);
  if ((m = RE.section.exec(p))) return mk('section', `第${m[1]}节`, chineseNumber(m[1] as string), m[2] as string);
  if ((m = RE.article.exec(p))) return mk('article', `第${m[1]}条`, chineseNumber(m[1] as string), m[2] as string);
  if ((m = RE.level2.exec(p))) return mk('level2', `（${m[1]}）`, chineseNumber(m[1] as string), m[2] as string);
  if ((m = RE.level4.exec(p))) return mk('level4', `（${m[1]}）`, Number(m[1]), m[2] as string);
  if ((m = RE.dotted.exec(p))) {
    const num = m[1] as string;
    const depth = num.split('.').length;
    return { kind: 'dotted', num, value: Number(num.split('.').pop()), rank: 3 + depth, rest: m[2] as string };
  }
  if ((m = RE.level1.exec(p))) return mk('level1', `${m[1]}、`, chineseNumber(m[1] as string), m[2] as string);
  if ((m = RE.level3.exec(p))) return mk('level3', `${m[1]}.`, Number(m[1]), m[2] as string);
  if (ll.heading && (m = RE.dotted1.exec(ll.plain))) {
    return { kind: 'dotted', num: m[1] as string, value: Number(m[1]), rank: 4, rest: m[2] as string };
  }
  if (ll.heading) return { kind: 'heading', num: null, value: 0, rank: RANK.heading, rest: p };
  return null;
}

function mk(kind: keyof typeof RANK, num: string, value: number, rest: string): Classified {
  return { kind, num, value, rank: RANK[kind], rest };
}

/** Heading of a numbered clause: up to the first 。 when short, else the bold run, else a short remainder. */
export function headingOf(raw: string, text: string): string | null {
  const stop = text.search(/[。]/);
  if (stop > 0 && stop <= 30) return text.slice(0, stop).replace(/[：:，,]$/, '');
  const bold = /^\s*(?:#+\s*)?\*\*(.+?)\*\*/.exec(raw);
  if (bold) {
    const b = compactCjkSpaces(stripMarkup(bold[1] as string))
      .replace(
        new RegExp(
          `^(?:第${CN_NUM}[章节条]|${CN_NUM}[、．.]|[(（]\\s*(?:${CN_NUM}|\\d{1,2})\\s*[)）]|\\d{1,2}(?:\\.\\d{1,2})*[.．、]?)\\s*`,
        ),
        '',
      )
      .replace(/[。：:，,]$/, '');
    if (b) return b;
  }
  if (text.length <= 40 && stop < 0) return text.replace(/[：:]$/, '') || null;
  return null;
}

const EID_PREFIX: Record<ClauseKind, string> = {
  chapter: 'chp',
  section: 'sec',
  article: 'art',
  level1: 'lvl1',
  level2: 'lvl2',
  level3: 'lvl3',
  level4: 'lvl4',
  dotted: 'num',
  heading: 'hcontainer',
  paragraph: 'para',
  table: 'table',
};

const CITATION_CLOSERS = new Set([...'》章节条、）'].map((ch) => ch.charCodeAt(0)));

export interface TreeContext {
  /** eId prefix, e.g. att_2 or body. */
  prefix: string;
  /** Citation prefix, e.g. 《襄垣县大面积停电事件应急预案》附件1. */
  citation: string;
  /** Title of the attachment; a table right after it (or a heading repeating it) takes it as title. */
  title: string | null;
  /** Called for every source line range a clause takes, so the parser can check coverage. */
  claim(start: number, end: number): void;
}

interface Frame {
  rank: number;
  node: Clause | null;
  children: Clause[];
  eId: string;
  citation: string;
  counters: Map<string, number>;
  used: Set<string>;
  /** For a dotted clause (4.2): the citation of its nearest non-dotted ancestor. */
  dottedBase: string | null;
}

/** The open frame of a numbered or heading clause: its children are added under it until a rank closes it. */
function frameOf(clause: Clause, rank: number, dottedBase: string | null): Frame {
  return {
    rank,
    node: clause,
    children: clause.children,
    eId: clause.eId,
    citation: clause.citation,
    counters: new Map(),
    used: new Set(),
    dottedBase,
  };
}

/** Build the clause tree of one attachment or notice body. */
export function buildTree(lls: LogicalLine[], ctx: TreeContext): Clause[] {
  const root: Frame = {
    rank: 0,
    node: null,
    children: [],
    eId: ctx.prefix,
    citation: ctx.citation,
    counters: new Map(),
    used: new Set(),
    dottedBase: null,
  };
  const stack: Frame[] = [root];
  let lastTable: Clause | null = null;
  let continuationPending = false;
  let lastTitleCandidate: { frame: Frame; clause: Clause } | null = null;
  const top = () => stack[stack.length - 1] as Frame;

  const addChild = (frame: Frame, c: Omit<Clause, 'eId' | 'citation'>, value: number | null): Clause => {
    const base = EID_PREFIX[c.kind];
    const prev = frame.counters.get(base) ?? 0;
    const numbered = value !== null && value > 0 && Number.isFinite(value);
    const n = numbered ? (value as number) : prev + 1;
    if (n > prev) frame.counters.set(base, n);
    let id = `${frame.eId}__${base}_${n}`;
    // only printed numbers can repeat (two 1. under one parent); counters never do
    if (numbered) {
      let dup = 2;
      while (frame.used.has(id)) id = `${frame.eId}__${base}_${n}_${dup++}`;
      frame.used.add(id);
    }
    const own =
      c.kind === 'paragraph'
        ? `第${n}段`
        : c.kind === 'table'
          ? c.table?.title
            ? `表“${c.table.title}”`
            : '表'
          : (c.num ?? c.heading ?? '');
    // 4.2.1 already names its parents 4 and 4.2: cite it alone, not “4 4.2 4.2.1”
    const parentCitation = c.kind === 'dotted' && frame.dottedBase !== null ? frame.dottedBase : frame.citation;
    const last = parentCitation.charCodeAt(parentCitation.length - 1);
    const sep = parentCitation && own && !CITATION_CLOSERS.has(last) ? ' ' : '';
    const clause: Clause = {
      eId: id,
      kind: c.kind,
      num: c.num,
      heading: c.heading,
      text: c.text,
      citation: parentCitation + sep + own,
      table: c.table,
      line: c.line,
      endLine: c.endLine,
      children: c.children,
    };
    frame.children.push(clause);
    return clause;
  };

  for (let i = 0; i < lls.length; i++) {
    const ll = lls[i] as LogicalLine;
    if (ll.table) {
      let j = i;
      while (j + 1 < lls.length && (lls[j + 1] as LogicalLine).table) j++;
      const block = lls.slice(i, j + 1);
      ctx.claim(ll.start, (lls[j] as LogicalLine).end);
      if (lastTable?.table && continuationPending) {
        lastTable.table.fragments++;
        appendRows(lastTable.table, block);
        // the clause text is what search indexes: it must cover the rows of every page, not the first
        lastTable.text = tableText(lastTable.table);
        lastTable.endLine = (lls[j] as LogicalLine).end;
      } else {
        let title: string | null = null;
        let parent = top();
        if (
          lastTitleCandidate &&
          lastTitleCandidate.clause.children.length === 0 &&
          lastTitleCandidate.frame.children.at(-1) === lastTitleCandidate.clause
        ) {
          // the heading right before the table is the table's title: fold it into the table
          title = lastTitleCandidate.clause.heading;
          lastTitleCandidate.frame.children.pop();
          lastTitleCandidate.frame.used.delete(lastTitleCandidate.clause.eId);
          while (stack.length > 1 && top().node === lastTitleCandidate.clause) stack.pop();
          parent = top();
        } else if (lastTable === null && i === 0 && ctx.title) title = ctx.title;
        const table = makeTable(title, block);
        const clause = addChild(
          parent,
          {
            kind: 'table',
            num: null,
            heading: title,
            text: tableText(table),
            table,
            line: ll.start,
            endLine: (lls[j] as LogicalLine).end,
            children: [],
          },
          null,
        );
        lastTable = clause;
      }
      continuationPending = false;
      lastTitleCandidate = null;
      i = j;
      continue;
    }
    // A heading (or plain line) that repeats the current table's title, or the attachment's title, continues the table.
    const mf = lastTable?.table && ll.text.length <= 80 ? matchForm(ll.text) : null;
    if (
      mf !== null &&
      ((lastTable?.table?.title && mf === matchForm(lastTable.table.title)) ||
        (ctx.title && mf === matchForm(ctx.title)))
    ) {
      ctx.claim(ll.start, ll.end);
      continuationPending = true;
      continue;
    }
    const cls = classify(ll);
    ctx.claim(ll.start, ll.end);
    if (cls && cls.kind !== 'heading') {
      while (stack.length > 1 && top().rank >= cls.rank) stack.pop();
      const parent = top();
      const heading = headingOf(ll.raw, cls.rest);
      const clause = addChild(
        parent,
        {
          kind: cls.kind,
          num: cls.num,
          heading,
          text: cls.rest,
          table: null,
          line: ll.start,
          endLine: ll.end,
          children: [],
        },
        cls.value,
      );
      stack.push(frameOf(clause, cls.rank, cls.kind === 'dotted' ? (parent.dottedBase ?? parent.citation) : null));
      lastTitleCandidate = null;
      continuationPending = false;
    } else if (cls) {
      while (stack.length > 1 && top().rank >= cls.rank) stack.pop();
      const parent = top();
      const clause = addChild(
        parent,
        {
          kind: 'heading',
          num: null,
          heading: ll.text,
          text: ll.text,
          table: null,
          line: ll.start,
          endLine: ll.end,
          children: [],
        },
        null,
      );
      stack.push(frameOf(clause, cls.rank, null));
      lastTitleCandidate = { frame: parent, clause };
      continuationPending = false;
    } else {
      const parent = top();
      addChild(
        parent,
        {
          kind: 'paragraph',
          num: null,
          heading: null,
          text: ll.text,
          table: null,
          line: ll.start,
          endLine: ll.end,
          children: [],
        },
        null,
      );
      // stray short lines between table pages (rotated labels such as 成员单位) do not end a table
      if (ll.text.length > 8) lastTable = null;
      lastTitleCandidate = null;
    }
  }
  fixEnds(root.children);
  return root.children;
}

function fixEnds(nodes: Clause[]): number {
  let max = 0;
  for (const n of nodes) {
    const childEnd = fixEnds(n.children);
    if (childEnd > n.endLine) n.endLine = childEnd;
    if (n.endLine > max) max = n.endLine;
  }
  return max;
}

function makeTable(title: string | null, lines: LogicalLine[]): Table {
  let block = lines;
  let rows = block.map((l) => splitCells(l.raw));
  const filled = (r: string[] | undefined) => (r ?? []).filter((c) => c !== '').length;
  // a group row (一、饮用水源地保护区划分 (2个)) printed above the header: the header is the next row
  let groupFirst: { row: string[]; line: LogicalLine } | null = null;
  if (filled(rows[0]) === 1 && filled(rows[1]) >= 3 && block.length > 2) {
    groupFirst = { row: rows[0] as string[], line: block[0] as LogicalLine };
    rows = rows.slice(1);
    block = block.slice(1);
  }
  let header = (rows[0] ?? []).map(compactCjkSpaces);
  let bodyStart = 1;
  const second = rows[1];
  // two-row header: the second row fills cells under a spanning first-row cell (编制进度 / 已编 在编 未编)
  if (
    second &&
    second[0] === '' &&
    header.some((h) => h === '') &&
    second.some((c) => c !== '') &&
    !second.some((c) => /\d{2,}/.test(c))
  ) {
    const second2 = second.map(compactCjkSpaces);
    const merged: string[] = [];
    let span = '';
    const width = Math.max(header.length, second.length);
    for (let k = 0; k < width; k++) {
      const h = header[k] ?? '';
      if (h) span = h;
      const sub = second2[k] ?? '';
      merged.push(sub ? (h || span ? `${h || span}/${sub}` : sub) : h);
    }
    header = merged;
    bodyStart = 2;
  }
  const table: Table = {
    title,
    header,
    rows: [],
    headerLine: block[0]?.start ?? 0,
    rowLines: [],
    fragments: 1,
  };
  if (groupFirst) {
    table.rows.push(groupFirst.row);
    table.rowLines.push(groupFirst.line.start);
  }
  pushRows(table, rows.slice(bodyStart), block.slice(bodyStart), rows[0] ?? []);
  return table;
}

/** The header rows as printed (before merging a two-row header), to recognise them when a page repeats them. */
const printedHeaders = new WeakMap<Table, Set<string>>();

function appendRows(table: Table, block: LogicalLine[]): void {
  const rows = block.map((l) => splitCells(l.raw));
  pushRows(table, rows, block, null);
}

function pushRows(table: Table, rows: string[][], block: LogicalLine[], firstHeader: string[] | null): void {
  const keyOf = (cells: string[]) => matchForm(cells.filter((c) => c !== '').join('|'));
  const known = printedHeaders.get(table) ?? new Set<string>([keyOf(table.header)]);
  if (firstHeader) known.add(keyOf(firstHeader));
  printedHeaders.set(table, known);
  rows.forEach((r, k) => {
    const headerLike = r[0] === '' || r[0] === table.header[0] || r[0] === firstHeader?.[0];
    if (headerLike && known.has(keyOf(r))) return; // header repeated on a new page
    // a header repeated with one cell reworded (完成时间 / 完工时间) under a group row
    if (headerLike && r.length === table.header.length && r[0] === table.header[0] && r.length >= 3) {
      const same = r.filter((c, idx) => c !== '' && matchForm(c) === matchForm(table.header[idx] ?? '')).length;
      if (same >= r.length - 1) return;
    }
    // the second header row repeated on a new page
    if (
      r[0] === '' &&
      table.header.some((h) => h.includes('/')) &&
      r.every((c) => c === '' || table.header.some((h) => h.endsWith(`/${c}`)))
    )
      return;
    table.rows.push(r);
    table.rowLines.push(block[k]?.start ?? 0);
  });
}

/** Plain text of a table for display fall-back and search: header and rows, cells separated by spaces. */
export function tableText(t: Table): string {
  return [t.header.join(' '), ...t.rows.map((r) => r.join(' '))].join('\n');
}

/** Every clause of a forest in document order (pre-order). */
export function flattenClauses(nodes: readonly Clause[]): Clause[] {
  const out: Clause[] = [];
  const walk = (ns: readonly Clause[]) => {
    for (const n of ns) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
