// Gazette parser: text → GazetteIssue. Pure: no I/O, never throws on any input (bad input becomes
// findings; the CLI and importer decide whether the findings are fatal).
//
// Pipeline: lines → documents (anchored on their 发文字号 line) → per document: header, 主送机关, body,
// signature (issuer + date + 附注), attachments (plans and annexes) → clause trees → findings.
import { checkFindings, titleSimilarity } from './findings.ts';
import { type LogicalLine, logicalLines, plainOf, type SourceLine, splitLines } from './lines.ts';
import { compactCjkSpaces, matchForm, parseChineseDate } from './normalize.ts';
import { buildTree, flattenClauses } from './tree.ts';
import type {
  Attachment,
  Disclosure,
  DocNumber,
  Document,
  EditorialRole,
  Finding,
  GazetteIssue,
  TocEntry,
} from './types.ts';

/** Every clause of a forest in document order (pre-order). */
export const flatten = flattenClauses;

export interface ParseOptions {
  file?: string;
}

export interface Coverage {
  /** claims[n] = how many times source line n was taken by a node, a metadata field or a finding. */
  claims: Uint16Array;
  lines: SourceLine[];
}

const DOCNUM_LINE =
  /^\s*(?:#+\s*)?(?:\*\*)?\s*([\u4e00-\u9fa5]{1,10}(?:发|函|字))\s*([〔[［(（【])\s*(\d{4})\s*([〕\]］)）】])\s*(\d{1,4})\s*号\s*(?:\*\*)?\s*$/;
const DOCNUM_ANY = /([\u4e00-\u9fa5]{1,10}(?:发|函|字))\s*[〔[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d{1,4})\s*号/g;
const DATE_LINE = /^\s*(?:\*\*)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:\*\*)?\s*$/;
const NOTE_LINE = /^\s*[(（]\s*此件([^)）]*)[)）]\s*$/;
const ISSUER_RE =
  /^(.{2,24}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|委员会办公室|委员会|管理委员会|办公室|办公厅))/;
/** The issuer opening a header line: 襄垣县人民政府办公室, not 转发长治市人民政府办公室. */
function issuerAt(plain: string): string | null {
  const m = ISSUER_RE.exec(plain);
  return m && !/关于|转发|印发|批转/.test(m[1] as string) ? (m[1] as string) : null;
}

const LABEL_RE = /^附\s*件\s*(\d{0,2})\s*$/;
const LIST_RE = /^附\s*件\s*[：:]\s*(.*)$/;
const PLAN_SUFFIX =
  /(规划|方案|预案|规则|计划|办法|细则|意见|纲要|标准|清单|名单|目录|一览表|分解表|项目表|审批表|报告单|联系电话|职责|流程图|条件|事项|人员|领导小组)$/;

export function parseGazette(text: string, opts: ParseOptions = {}): GazetteIssue {
  return parseWithCoverage(text, opts).issue;
}

export function parseWithCoverage(text: string, _opts: ParseOptions = {}): { issue: GazetteIssue; coverage: Coverage } {
  const lines = splitLines(text);
  const claims = new Uint16Array(lines.length + 2);
  const claim = (start: number, end: number) => {
    for (let n = start; n <= end; n++) if (!lines[n - 1]?.blank) claims[n] = (claims[n] ?? 0) + 1;
  };
  const findings: Finding[] = [];
  const finding = (f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }) =>
    findings.push({ severity: 'warning', ...f });

  // 1. anchors: every 发文字号 line, and the header block above it
  const anchors: { numLine: number; headerStart: number; headerLines: number[] }[] = [];
  for (const l of lines) {
    if (l.table || !DOCNUM_LINE.test(l.raw)) continue;
    const headerLines = headerAbove(lines, l.no);
    anchors.push({ numLine: l.no, headerStart: headerLines[0] ?? l.no, headerLines });
  }

  // 2. cover and table of contents: everything before the first document
  const coverEnd = (anchors[0]?.headerStart ?? lines.length + 1) - 1;
  const cover = parseCover(lines, 1, coverEnd, claim, finding);

  // 3. documents
  const documents: Document[] = [];
  anchors.forEach((a, idx) => {
    const regionEnd = (anchors[idx + 1]?.headerStart ?? lines.length + 1) - 1;
    documents.push(parseDocument(lines, a, regionEnd, claim, finding));
  });
  if (anchors.length === 0) {
    finding({
      kind: 'missing-field',
      severity: 'error',
      message: '全文未找到任何发文字号（形如“襄政发〔2023〕4号”的单独一行），无法识别公文。',
      line: 1,
      docNumber: null,
    });
  }

  const issue: GazetteIssue = {
    title: cover.title,
    year: cover.year,
    number: cover.number,
    publishedOn: cover.publishedOn,
    publisher: cover.publisher,
    editor: cover.editor,
    editorialBoard: cover.board,
    notes: cover.notes,
    toc: cover.toc,
    documents,
    findings,
    lineCount: lines.length,
  };
  checkFindings(issue, lines, finding);
  // Unplaced text: any non-blank line that no node, field or finding took.
  const reported = new Set(findings.map((f) => f.line));
  for (const l of lines) {
    if (l.blank || (claims[l.no] ?? 0) > 0) continue;
    if (!reported.has(l.no)) {
      finding({
        kind: 'unplaced-text',
        message: `无法归入任何公文结构的文字：“${compactCjkSpaces(plainOf(l.raw)).slice(0, 40)}”`,
        line: l.no,
        docNumber: null,
      });
    }
    claims[l.no] = (claims[l.no] ?? 0) + 1;
  }
  findings.sort((x, y) => x.line - y.line);
  return { issue, coverage: { claims, lines } };
}

// ---------------------------------------------------------------------------------------------
// Document header

function headerAbove(lines: SourceLine[], numLine: number): number[] {
  const collected: number[] = [];
  for (let n = numLine - 1; n >= 1 && collected.length < 8; n--) {
    const l = lines[n - 1] as SourceLine;
    if (l.blank) continue;
    const plain = compactCjkSpaces(plainOf(l.raw));
    if (
      l.table ||
      plain.length > 70 ||
      /[。；]$/.test(plain) ||
      DATE_LINE.test(l.raw) ||
      NOTE_LINE.test(l.raw) ||
      DOCNUM_LINE.test(l.raw) ||
      /\.{3,}\s*\d+$/.test(plain)
    )
      break;
    collected.unshift(n);
    if (issuerAt(plain)) {
      // the issuer line opens the header; stop once it is found above a 关于/转发 title line
      const rest = collected
        .slice(1)
        .map((k) => compactCjkSpaces(plainOf((lines[k - 1] as SourceLine).raw)))
        .join('');
      if (rest || /关于|转发|通知|决定|意见|批复/.test(plain)) break;
    }
  }
  // keep only from the issuer line on
  const start = collected.findIndex(
    (k) => issuerAt(compactCjkSpaces(plainOf((lines[k - 1] as SourceLine).raw))) !== null,
  );
  return start >= 0 ? collected.slice(start) : collected;
}

function parseDocNumber(printed: string): DocNumber | null {
  const m = DOCNUM_LINE.exec(printed) ?? new RegExp(DOCNUM_ANY.source).exec(printed);
  if (!m) return null;
  const agency = m[1] as string;
  const year = Number(m.length > 5 ? m[3] : m[2]);
  const serial = Number(m.length > 5 ? m[5] : m[3]);
  return { text: `${agency}〔${year}〕${serial}号`, printed: compactCjkSpaces(plainOf(printed)), agency, year, serial };
}

type Claim = (start: number, end: number) => void;
type AddFinding = (f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }) => void;

function parseDocument(
  lines: SourceLine[],
  a: { numLine: number; headerStart: number; headerLines: number[] },
  regionEnd: number,
  claim: Claim,
  finding: AddFinding,
): Document {
  const numLine = lines[a.numLine - 1] as SourceLine;
  const docNumber = parseDocNumber(numLine.raw) as DocNumber;
  claim(a.numLine, a.numLine);
  for (const n of a.headerLines) claim(n, n);
  const headerText = compactCjkSpaces(a.headerLines.map((n) => plainOf((lines[n - 1] as SourceLine).raw)).join(''));
  const issuer = issuerAt(headerText) ?? '';
  const title = compactCjkSpaces(headerText.slice(issuer.length));
  const dn = docNumber.text;
  if (!issuer)
    finding({ kind: 'missing-field', message: `${dn} 的标题前未找到发文机关。`, line: a.numLine, docNumber: dn });
  if (!title) finding({ kind: 'missing-field', message: `${dn} 未找到公文标题。`, line: a.numLine, docNumber: dn });

  // 主送机关
  let cursor = a.numLine + 1;
  while (cursor <= regionEnd && lines[cursor - 1]?.blank) cursor++;
  let addressees: string[] = [];
  const addrLine = lines[cursor - 1];
  if (addrLine && cursor <= regionEnd && !addrLine.table) {
    const plain = compactCjkSpaces(plainOf(addrLine.raw));
    if (/[：:]$/.test(plain) && plain.length <= 120 && !/^附\s*件/.test(plain)) {
      addressees = plain
        .replace(/[：:]$/, '')
        .split(/[，、,；;]/)
        .map((s) => s.trim())
        .filter(Boolean);
      claim(cursor, cursor);
      cursor++;
    }
  }

  // signature: issuer line, date line, optional 附注
  let sigIssuer = -1;
  let dateLine = -1;
  for (let n = cursor; n <= regionEnd; n++) {
    const l = lines[n - 1] as SourceLine;
    if (l.table || !DATE_LINE.test(l.raw)) continue;
    let p = n - 1;
    while (p >= cursor && lines[p - 1]?.blank) p--;
    const prev = p >= cursor ? compactCjkSpaces(plainOf((lines[p - 1] as SourceLine).raw)) : '';
    if (prev && (prev === issuer || issuerAt(prev) === prev)) {
      sigIssuer = p;
      dateLine = n;
      break;
    }
  }
  let signedOn: string | null = null;
  let disclosure: Disclosure = 'restricted';
  let disclosureNote: string | null = null;
  let bodyEnd = regionEnd;
  let attStart = regionEnd + 1;
  if (dateLine > 0) {
    signedOn = parseChineseDate(plainOf((lines[dateLine - 1] as SourceLine).raw));
    claim(sigIssuer, sigIssuer);
    claim(dateLine, dateLine);
    bodyEnd = sigIssuer - 1;
    attStart = dateLine + 1;
    let k = dateLine + 1;
    while (k <= regionEnd && lines[k - 1]?.blank) k++;
    const noteM = k <= regionEnd ? NOTE_LINE.exec((lines[k - 1] as SourceLine).raw) : null;
    if (noteM) {
      disclosureNote = compactCjkSpaces((lines[k - 1] as SourceLine).raw.trim());
      const what = noteM[1] as string;
      // 依申请公开 is not proactive publication: the public asks for it (政府信息公开条例 第二十七条), so the
      // portal treats it like 不予公开 and keeps the note for the reader.
      disclosure = /部分公开/.test(what)
        ? 'partial'
        : /公开/.test(what) && !/不予公开|不公开|依申请/.test(what)
          ? 'public'
          : 'restricted';
      claim(k, k);
      attStart = k + 1;
    }
    if (signedOn === null)
      finding({ kind: 'missing-field', message: `${dn} 的成文日期无效。`, line: dateLine, docNumber: dn });
  } else {
    finding({
      kind: 'truncated-document',
      severity: 'error',
      message: `${dn} 没有落款（发文机关署名和成文日期），公文可能被截断。`,
      line: a.numLine,
      docNumber: dn,
    });
  }

  const attachmentList: string[] = [];
  const bodyLls = logicalLines(lines, cursor, bodyEnd);
  const body = buildTree(withAttachmentLists(bodyLls, attachmentList), {
    prefix: 'body',
    citation: `${dn}`,
    title: null,
    claim,
  });

  const forwarded: DocNumber[] = [];
  if (/转发/.test(title)) {
    const seen = new Set<string>([dn]);
    for (const c of flattenClauses(body)) {
      for (const m of c.text.matchAll(DOCNUM_ANY)) {
        const d = parseDocNumber(m[0]);
        if (d && !seen.has(d.text)) {
          seen.add(d.text);
          forwarded.push(d);
        }
      }
    }
  }

  const attachments = parseAttachments(lines, attStart, regionEnd, { dn, title, attachmentList, claim, finding });

  return {
    docNumber,
    issuer,
    title,
    addressees,
    signedOn,
    disclosure,
    disclosureNote,
    forwarded,
    attachmentList,
    body,
    attachments,
    tocPage: null,
    line: a.headerStart,
    endLine: lastNonBlank(lines, a.headerStart, regionEnd),
  };
}

function lastNonBlank(lines: SourceLine[], from: number, to: number): number {
  for (let n = to; n >= from; n--) if (!lines[n - 1]?.blank) return n;
  return from;
}

/**
 * Collect 附件： lists (附件：1. A 2. B, possibly continued on following numbered lines) into `into`, and merge
 * the continuation lines into the list's logical line so the list is one paragraph of the tree.
 */
function withAttachmentLists(lls: LogicalLine[], into: string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (let i = 0; i < lls.length; i++) {
    const ll = lls[i] as LogicalLine;
    const m = ll.table ? null : LIST_RE.exec(ll.plain);
    if (!m) {
      out.push(ll);
      continue;
    }
    let merged = { ...ll };
    let text = m[1] as string;
    while (i + 1 < lls.length) {
      const next = lls[i + 1] as LogicalLine;
      if (
        next.table ||
        !/^\d{1,2}\s*[.．、]\s*\S/.test(next.plain) ||
        /[。；]/.test(next.plain) ||
        next.plain.length > 60
      )
        break;
      if (!/^\s*\d{1,2}\s*[.．、]/.test(text)) break;
      text += ` ${next.plain}`;
      merged = {
        ...merged,
        end: next.end,
        raw: `${merged.raw} ${next.raw}`,
        plain: `${merged.plain} ${next.plain}`,
        text: `${merged.text} ${next.text}`,
      };
      i++;
    }
    into.push(...splitList(text));
    out.push(merged);
  }
  return out;
}

function splitList(text: string): string[] {
  const t = compactCjkSpaces(text.trim());
  if (!/^\d{1,2}\s*[.．、]/.test(t)) return t ? [t] : [];
  return t
    .split(/(?:^|\s*)\d{1,2}\s*[.．、](?!\d)\s*/)
    .map((s) => compactCjkSpaces(s.trim()))
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Attachments: plans carried by the notice and their annexes

interface AttCtx {
  dn: string;
  title: string;
  attachmentList: string[];
  claim: Claim;
  finding: AddFinding;
}

interface AttDraft {
  role: Attachment['role'];
  label: string | null;
  labelNumber: number | null;
  title: string | null;
  titleLine: number | null;
  line: number;
  lls: LogicalLine[];
}

function listIndexOf(list: string[], title: string): number {
  const t = matchForm(title);
  if (t.length < 4) return -1;
  const exact = list.findIndex((item) => matchForm(item) === t);
  if (exact >= 0) return exact;
  // OCR and editors vary a title slightly (信息即时报告单 / 即时报告单); accept a close title with the same ending
  let best = -1;
  let bestScore = 0.8;
  list.forEach((item, k) => {
    const m = matchForm(item);
    if (m.slice(-2) !== t.slice(-2)) return;
    const score = titleSimilarity(m, t);
    if (score > bestScore) {
      best = k;
      bestScore = score;
    }
  });
  return best;
}

function parseAttachments(lines: SourceLine[], from: number, to: number, ctx: AttCtx): Attachment[] {
  // 附件 lists inside plans (附件：1. … at a plan's end) name the annexes that follow
  const listed: string[] = [];
  const lls = withAttachmentLists(logicalLines(lines, from, to), listed);
  for (const item of listed) if (!ctx.attachmentList.includes(item)) ctx.attachmentList.push(item);
  const drafts: AttDraft[] = [];
  let cur: AttDraft | null = null;
  let inToc = false;
  const listForMatching = () => ctx.attachmentList;

  for (let i = 0; i < lls.length; i++) {
    const ll = lls[i] as LogicalLine;
    const text = ll.text;
    if (!ll.table) {
      const label = inToc ? null : LABEL_RE.exec(ll.plain);
      if (label) {
        const num = label[1] ? Number(label[1]) : null;
        // a title printed just before its label (# 国家大面积停电事件分级标准 / 附件 1) belongs to that label
        const titleIdx: number = cur?.title ? listIndexOf(listForMatching(), cur.title) : -1;
        if (
          cur &&
          cur.label === null &&
          cur.lls.length === 0 &&
          cur.title !== null &&
          (num === null || titleIdx < 0 || titleIdx + 1 === num) &&
          (cur.role === 'annex' || titleIdx >= 0)
        ) {
          cur.role = 'annex';
          cur.label = compactCjkSpaces(ll.plain);
          cur.labelNumber = num;
        } else {
          cur = {
            role: 'annex',
            label: compactCjkSpaces(ll.plain),
            labelNumber: num,
            title: null,
            titleLine: null,
            line: ll.start,
            lls: [],
          };
          drafts.push(cur);
        }
        ctx.claim(ll.start, ll.end);
        inToc = false;
        continue;
      }
      if (inToc) {
        if (ll.heading && PLAN_SUFFIX.test(text) && !/^(第|[一二三四五六七八九十]+、)/.test(ll.plain)) {
          inToc = false;
          if (cur) {
            cur.title = text;
            cur.titleLine = ll.start;
            ctx.claim(ll.start, ll.end);
            continue;
          }
        } else {
          cur?.lls.push({ ...ll, literal: true });
          continue;
        }
      }
      if (/^目\s*录$/.test(ll.plain) && (cur === null || cur.lls.length === 0)) {
        // a plan's own table of contents precedes its title (6号): keep it as the plan's first clause
        if (!cur) {
          cur = { role: 'plan', label: null, labelNumber: null, title: null, titleLine: null, line: ll.start, lls: [] };
          drafts.push(cur);
        }
        cur.lls.push({ ...ll, heading: true });
        inToc = true;
        continue;
      }
      const titleLike =
        (ll.heading || text.length <= 60) &&
        !/[。；]/.test(text) &&
        !/^(第[一二三四五六七八九十百]+[章节条]|[一二三四五六七八九十]+[、.．]|[(（]|\d{1,2}(?:\.\d{1,2})*(?:\s|[.．、](?!\d)))/.test(
          ll.plain,
        );
      if (cur && cur.title === null && titleLike && cur.lls.length === 0) {
        cur.title = text;
        cur.titleLine = ll.start;
        ctx.claim(ll.start, ll.end);
        continue;
      }
      const candidate: boolean = titleLike && (ll.heading || cur === null || ctx.attachmentList.length > 0);
      const repeatsCurrent = candidate && cur?.title && matchForm(cur.title) === matchForm(text);
      const listed: boolean = candidate && listIndexOf(listForMatching(), text) >= 0;
      if (
        candidate &&
        !repeatsCurrent &&
        ((ll.heading && PLAN_SUFFIX.test(text)) || (listed && (ll.heading || cur === null))) &&
        !tableTitleInUse(cur, text)
      ) {
        cur = {
          role: listed ? 'annex' : 'plan',
          label: null,
          labelNumber: null,
          title: text,
          titleLine: ll.start,
          line: ll.start,
          lls: [],
        };
        drafts.push(cur);
        ctx.claim(ll.start, ll.end);
        continue;
      }
    }
    if (!cur) {
      cur = { role: 'plan', label: null, labelNumber: null, title: null, titleLine: null, line: ll.start, lls: [] };
      drafts.push(cur);
    }
    cur.lls.push(ll);
  }

  const atts: Attachment[] = [];
  let planTitle: string | null = null;
  drafts.forEach((d, k) => {
    const eId = `att_${k + 1}`;
    let number: number | null = null;
    let title = d.title;
    if (d.role === 'annex') {
      const idx = title ? listIndexOf(ctx.attachmentList, title) : -1;
      number = idx >= 0 ? idx + 1 : d.labelNumber;
      if (!title && d.labelNumber && ctx.attachmentList[d.labelNumber - 1])
        title = ctx.attachmentList[d.labelNumber - 1] as string;
      if (!title && ctx.attachmentList.length === 1) title = ctx.attachmentList[0] as string;
      if (number === null && ctx.attachmentList.length <= 1) number = ctx.attachmentList.length === 1 ? 1 : null;
    } else {
      planTitle = title;
    }
    const label = d.label ?? (d.role === 'annex' && number !== null ? `附件${number}` : null);
    const finalTitle = title ?? (d.role === 'plan' ? ctx.title : `附件${number ?? ''}`);
    const citeBase =
      d.role === 'plan'
        ? `《${finalTitle}》`
        : `${planTitle ? `《${planTitle}》` : `${ctx.dn}《${ctx.title}》`}附件${number ?? ''}`;
    const clauses = buildTree(d.lls, { prefix: eId, citation: citeBase, title: finalTitle, claim: ctx.claim });
    if (d.lls.length === 0 && d.role === 'annex') {
      ctx.finding({
        kind: 'attachment-numbering',
        severity: 'info',
        message: `${ctx.dn} ${label ?? '附件'}《${finalTitle}》只有标题，没有正文（原件可能为图片）。`,
        line: d.titleLine ?? d.line,
        docNumber: ctx.dn,
      });
    }
    atts.push({
      eId,
      role: d.role,
      label,
      number,
      title: finalTitle,
      planTitle: d.role === 'annex' ? planTitle : null,
      clauses,
      line: d.line,
      endLine: Math.max(d.line, d.titleLine ?? 0, ...d.lls.map((l) => l.end)),
    });
    if (d.role === 'annex' && d.labelNumber !== null && number !== null && d.labelNumber !== number) {
      ctx.finding({
        kind: 'attachment-numbering',
        message: `${ctx.dn} 附件目录第 ${number} 项《${finalTitle}》在正文中标为“${d.label}”，编号不一致（按附件目录取 附件${number}）。`,
        line: d.line,
        docNumber: ctx.dn,
      });
    }
  });
  // every listed attachment should be printed, in order
  ctx.attachmentList.forEach((item, k) => {
    if (!atts.some((a) => a.role === 'annex' && a.number === k + 1)) {
      ctx.finding({
        kind: 'attachment-numbering',
        message: `${ctx.dn} 附件目录列出 附件${ctx.attachmentList.length > 1 ? k + 1 : ''}《${item}》，但正文未刊载该附件。`,
        line: from > to ? to : lastNonBlank(lines, from, to),
        docNumber: ctx.dn,
      });
    }
  });
  const annexNumbers = atts.filter((a) => a.role === 'annex' && a.number !== null).map((a) => a.number as number);
  annexNumbers.forEach((n, k) => {
    if (k > 0 && n <= (annexNumbers[k - 1] as number)) {
      const a = atts.filter((x) => x.role === 'annex' && x.number !== null)[k] as Attachment;
      ctx.finding({
        kind: 'attachment-numbering',
        message: `${ctx.dn} 附件${n}排在附件${annexNumbers[k - 1]}之后，顺序不对。`,
        line: a.line,
        docNumber: ctx.dn,
      });
    }
  });
  return atts;
}

function tableTitleInUse(cur: AttDraft | null, text: string): boolean {
  if (!cur) return false;
  const t = matchForm(text);
  // a title repeated on a new page of a multi-page table (the line before a table with the same title)
  for (let i = cur.lls.length - 1; i >= 0; i--) {
    const l = cur.lls[i] as LogicalLine;
    if (!l.table && l.text.length <= 80 && matchForm(l.text) === t) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Cover, editorial board and table of contents

interface Cover {
  title: string;
  year: number;
  number: number;
  publishedOn: string | null;
  publisher: string | null;
  editor: string | null;
  board: EditorialRole[];
  notes: string[];
  toc: TocEntry[];
}

const TOC_PAGE = /[.．…·]{2,}\s*(\d{1,4})\s*$/;
const ROLE_LINE = /^([\u4e00-\u9fa5][\u4e00-\u9fa5 ]{0,9})[：:]\s*(.*)$/;

function parseCover(lines: SourceLine[], from: number, to: number, claim: Claim, finding: AddFinding): Cover {
  const cover: Cover = {
    title: '',
    year: 0,
    number: 0,
    publishedOn: null,
    publisher: null,
    editor: null,
    board: [],
    notes: [],
    toc: [],
  };
  let section: string | null = null;
  let lastIssuer: string | null = null;
  const state: { lastRole: EditorialRole | null } = { lastRole: null };
  let pendingRole: string | null = null;
  for (let n = from; n <= to; n++) {
    const l = lines[n - 1] as SourceLine;
    if (l.blank) continue;
    const plain = plainOf(l.raw);
    const compact = compactCjkSpaces(plain);
    let m: RegExpExecArray | null;
    if (!cover.title && /公报$/.test(compact) && /^\s*#/.test(l.raw)) {
      cover.title = compact;
      claim(n, n);
    } else if (!cover.year && (m = /^(\d{4})\s*年?\s*第\s*(\d{1,3})\s*期/.exec(plain))) {
      cover.year = Number(m[1]);
      cover.number = Number(m[2]);
      claim(n, n);
    } else if (/^[（(].{4,}[)）]$/.test(compact) && !/^[（(]\s*此件/.test(compact)) {
      cover.notes.push(compact);
      claim(n, n);
    } else if (/^[A-Z][A-Z ]{6,}$/.test(plain) || /^(CONTENTS|目\s*录)$/.test(plain)) {
      claim(n, n);
    } else if (/^\s*#{2,}/.test(l.raw) && /文件$|^编辑委员会$/.test(compact)) {
      section = /文件$/.test(compact) ? compact : section;
      state.lastRole = null;
      claim(n, n);
    } else if (/^\s*-\s/.test(l.raw)) {
      // TOC entry, possibly wrapped over several lines, ending with ..... page
      let end = n;
      let text = plain;
      const parts: string[] = [plain];
      while (!TOC_PAGE.test(text) && end + 1 <= to && !lines[end]?.blank && !/^\s*-\s/.test(lines[end]?.raw ?? '')) {
        end++;
        const p = plainOf((lines[end - 1] as SourceLine).raw);
        parts.push(p);
        text += p;
      }
      claim(n, end);
      const pm = TOC_PAGE.exec(text);
      const firstPart = compactCjkSpaces(parts[0] ?? '');
      let issuer = lastIssuer ?? '';
      let titleParts = parts;
      if (issuerAt(firstPart) === firstPart) {
        issuer = firstPart;
        titleParts = parts.slice(1);
      }
      const title = compactCjkSpaces(
        titleParts
          .join('')
          .replace(TOC_PAGE, '')
          .replace(/[.．…·\s]+$/, ''),
      );
      if (!pm)
        finding({
          kind: 'missing-field',
          message: `目录条目“${title.slice(0, 30)}”没有页码。`,
          line: n,
          docNumber: null,
        });
      cover.toc.push({ title, issuer, page: pm ? Number(pm[1]) : 0, section, line: n });
      n = end;
    } else if ((m = ROLE_LINE.exec(plain))) {
      const role = compactCjkSpaces(m[1] as string);
      const value = (m[2] as string).trim();
      claim(n, n);
      if (!value) {
        pendingRole = role;
        continue;
      }
      assignRole(cover, role, value, (r) => {
        state.lastRole = r;
      });
    } else if (pendingRole) {
      assignRole(cover, pendingRole, plain, (r) => {
        state.lastRole = r;
      });
      pendingRole = null;
      claim(n, n);
    } else if (issuerAt(compact) === compact) {
      lastIssuer = compact;
      claim(n, n);
    } else if (state.lastRole && /^[\u4e00-\u9fa5 ]+$/.test(plain)) {
      state.lastRole.names.push(...splitNames(plain));
      claim(n, n);
    }
  }
  if (!cover.title)
    finding({
      kind: 'missing-field',
      message: '未找到公报名称（形如“# ××县人民政府公报”的标题行）。',
      line: from,
      docNumber: null,
    });
  if (!cover.year)
    finding({ kind: 'missing-field', message: '未找到期号（形如“2023 第 3 期”）。', line: from, docNumber: null });
  return cover;
}

function assignRole(cover: Cover, role: string, value: string, setLast: (r: EditorialRole | null) => void): void {
  const v = value.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').trim();
  if (role === '主办单位') cover.publisher = compactCjkSpaces(v);
  else if (role === '编辑出版') cover.editor = compactCjkSpaces(v);
  else if (role === '出版日期') cover.publishedOn = parseChineseDate(v);
  else {
    const isPerson = /^(顾问|主任|副主任|委员|主编|副主编|执行总编|本期责编|责任编辑|编辑)$/.test(role);
    const r: EditorialRole = { role, names: isPerson ? splitNames(v) : [compactCjkSpaces(v)] };
    cover.board.push(r);
    setLast(isPerson ? r : null);
    return;
  }
  setLast(null);
}

/** 张 麟 连立航 → 张麟, 连立航: OCR spaces out two-character names; pair single characters. */
export function splitNames(s: string): string[] {
  const tokens = s
    .trim()
    .split(/[\s、，,]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if ([...t].length === 1 && next !== undefined && [...next].length === 1) {
      out.push(t + next);
      i++;
    } else out.push(t);
  }
  return out;
}
