// Editorial findings over a parsed gazette: what an editor wants to know before publishing. Pure.
// Each finding names its line. Attachment-numbering findings are raised while parsing (parse.ts);
// the checks here need the whole issue.
import type { SourceLine } from './lines.ts';
import { compactCjkSpaces, matchForm, stripMarkup } from './normalize.ts';
import { flattenClauses } from './tree.ts';
import type { Clause, Document, Finding, GazetteIssue, Table, TocEntry } from './types.ts';

type AddFinding = (f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }) => void;

export function checkFindings(issue: GazetteIssue, lines: SourceLine[], finding: AddFinding): void {
  matchToc(issue, finding);
  checkDates(issue, finding);
  checkDuplicates(issue.documents, finding);
  for (const doc of issue.documents) {
    for (const t of tablesOf(doc)) checkTotals(t, doc.docNumber.text, finding);
    checkDeclaredCounts(doc, finding);
  }
  checkOcrLatin(lines, issue.documents, finding);
}

/** Similarity of two titles in match form: Dice coefficient over character bigrams. */
const gramCache = new Map<string, Map<string, number>>();

function gramsOf(s: string): Map<string, number> {
  const t = matchForm(s);
  let m = gramCache.get(t);
  if (m) return m;
  m = new Map<string, number>();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  if (gramCache.size > 5000) gramCache.clear();
  gramCache.set(t, m);
  return m;
}

/** Similarity of two titles in match form: Dice coefficient over character bigrams. */
export function titleSimilarity(a: string, b: string): number {
  const ga = gramsOf(a);
  const gb = gramsOf(b);
  let inter = 0;
  let total = 0;
  for (const [g, n] of ga) {
    inter += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * inter) / total;
}

function matchToc(issue: GazetteIssue, finding: AddFinding): void {
  const used = new Set<TocEntry>();
  for (const doc of issue.documents) {
    let best: TocEntry | null = null;
    let bestScore = 0;
    for (const e of issue.toc) {
      if (used.has(e)) continue;
      const score = titleSimilarity(e.title, doc.title) + (e.issuer && e.issuer === doc.issuer ? 0.05 : 0);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    if (!best || bestScore < 0.6) {
      if (issue.toc.length > 0) {
        finding({
          kind: 'toc-missing',
          message: `${doc.docNumber.text}《${doc.title}》未列入目录。`,
          line: doc.line,
          docNumber: doc.docNumber.text,
        });
      }
      continue;
    }
    used.add(best);
    doc.tocPage = best.page || null;
    if (matchForm(best.title) !== matchForm(doc.title)) {
      finding({
        kind: 'toc-title-mismatch',
        message: `目录标题“${best.title}”与正文标题“${doc.title}”不一致（${doc.docNumber.text}）。`,
        line: best.line,
        docNumber: doc.docNumber.text,
      });
    }
    if (best.issuer && doc.issuer && best.issuer !== doc.issuer) {
      finding({
        kind: 'toc-title-mismatch',
        message: `目录中的发文机关“${best.issuer}”与正文“${doc.issuer}”不一致（${doc.docNumber.text}）。`,
        line: best.line,
        docNumber: doc.docNumber.text,
      });
    }
  }
  for (const e of issue.toc) {
    if (!used.has(e))
      finding({
        kind: 'toc-missing',
        message: `目录条目“${e.title}”（第 ${e.page} 页）在正文中找不到对应公文。`,
        line: e.line,
        docNumber: null,
      });
  }
  const pages = issue.toc.map((e) => e.page);
  issue.toc.forEach((e, k) => {
    if (k > 0 && e.page < (pages[k - 1] as number)) {
      finding({
        kind: 'toc-title-mismatch',
        message: `目录页码 ${e.page} 小于上一条目的页码 ${pages[k - 1]}，页码顺序有误。`,
        line: e.line,
        docNumber: null,
      });
    }
  });
}

function checkDates(issue: GazetteIssue, finding: AddFinding): void {
  const byAgency = new Map<string, Document[]>();
  for (const d of issue.documents) {
    const list = byAgency.get(d.docNumber.agency) ?? [];
    list.push(d);
    byAgency.set(d.docNumber.agency, list);
    if (d.signedOn && issue.publishedOn && d.signedOn > issue.publishedOn) {
      finding({
        kind: 'date-order',
        message: `${d.docNumber.text} 成文日期 ${d.signedOn} 晚于本期出版日期 ${issue.publishedOn}。`,
        line: d.line,
        docNumber: d.docNumber.text,
      });
    }
    if (d.signedOn && Number(d.signedOn.slice(0, 4)) !== d.docNumber.year) {
      finding({
        kind: 'date-order',
        message: `${d.docNumber.text} 的年份与成文日期 ${d.signedOn} 不一致。`,
        line: d.line,
        docNumber: d.docNumber.text,
      });
    }
  }
  for (const docs of byAgency.values()) {
    const sorted = [...docs].sort(
      (a, b) => a.docNumber.year - b.docNumber.year || a.docNumber.serial - b.docNumber.serial,
    );
    let prev: Document | null = null;
    for (const d of sorted) {
      if (prev?.signedOn && d.signedOn && d.docNumber.year === prev.docNumber.year && d.signedOn < prev.signedOn) {
        finding({
          kind: 'date-order',
          message: `${d.docNumber.text} 成文日期 ${d.signedOn} 早于文号在前的 ${prev.docNumber.text}（${prev.signedOn}），日期顺序与文号顺序不符。`,
          line: d.line,
          docNumber: d.docNumber.text,
        });
      }
      if (d.signedOn) prev = d;
    }
  }
}

function checkDuplicates(docs: Document[], finding: AddFinding): void {
  const seen = new Map<string, Document>();
  for (const d of docs) {
    const first = seen.get(d.docNumber.text);
    if (first) {
      finding({
        kind: 'missing-field',
        severity: 'error',
        message: `发文字号 ${d.docNumber.text} 重复出现（第 ${first.line} 行已有同号公文）。`,
        line: d.line,
        docNumber: d.docNumber.text,
      });
    } else seen.set(d.docNumber.text, d);
  }
}

export function tablesOf(doc: Document): Table[] {
  return [...tablesOfClauses(doc.body), ...doc.attachments.flatMap((a) => tablesOfClauses(a.clauses))];
}

const NUMBER_CELL = /^[-+]?\d+(?:\.\d+)?$/;

/** A 合计/总计 row must equal the sum of the data rows above it, column by column, where every cell is a number. */
export function checkTotals(t: Table, dn: string, finding: AddFinding): void {
  t.rows.forEach((row, k) => {
    const labelIdx = row.findIndex((c) => c !== '');
    const label = row[labelIdx] ?? '';
    if (!/^(合\s*计|总\s*计)$/.test(label)) return;
    const data = t.rows.slice(0, k).filter((r) => !/^(合\s*计|总\s*计|小\s*计)$/.test(r.find((c) => c !== '') ?? ''));
    row.forEach((cell, col) => {
      if (col <= labelIdx || !NUMBER_CELL.test(cell)) return;
      const values = data.map((r) => (r[col] ?? '').replace(/,/g, ''));
      if (values.length === 0 || !values.every((v) => v === '' || NUMBER_CELL.test(v))) return;
      const sum = values.reduce((s, v) => s + (v === '' ? 0 : Number(v)), 0);
      if (Math.abs(sum - Number(cell)) > 1e-6) {
        const colName = t.header[col] ?? `第${col + 1}列`;
        finding({
          kind: 'table-total',
          message: `${dn} 表“${t.title ?? ''}”合计行“${colName}”为 ${cell}，但各行之和为 ${round(sum)}。`,
          line: t.rowLines[k] ?? t.headerLine,
          docNumber: dn,
        });
      }
    });
  });
}

function round(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

const LATIN_BETWEEN_CJK = /([\u4e00-\u9fa5》”）])\s+([A-Za-z]{2,12})\s+(?=[\u4e00-\u9fa5《“（])/g;

function checkOcrLatin(lines: SourceLine[], docs: Document[], finding: AddFinding): void {
  const docAt = (n: number) => docs.find((d) => d.line <= n && n <= d.endLine)?.docNumber.text ?? null;
  for (const l of lines) {
    if (l.blank || !/[A-Za-z]/.test(l.raw)) continue;
    for (const m of stripMarkup(l.raw).matchAll(LATIN_BETWEEN_CJK)) {
      const ctxText = compactCjkSpaces(m[0]);
      finding({
        kind: 'ocr-latin',
        severity: 'info',
        message: `疑似识别错误：中文之间夹有英文单词“${m[2]}”（“${ctxText}”），请核对原件。`,
        line: l.no,
        docNumber: docAt(l.no),
      });
    }
  }
}

/**
 * A plan that says how many items its annex lists (共5大类62项专项规划) must list that many: compare the
 * declared count with the numbered rows (序号) of an annex table whose title names the same thing.
 * (24号 declares 62 专项规划; its 目录清单 prints 56 rows.)
 */
function checkDeclaredCounts(doc: Document, finding: AddFinding): void {
  const annexTables = doc.attachments
    .filter((a) => a.role === 'annex')
    .flatMap((a) => tablesOfClauses(a.clauses).map((t) => ({ a, t })))
    .filter(({ t }) => /^序号$/.test(t.header[0] ?? ''));
  if (annexTables.length === 0) return;
  const texts = [...doc.body, ...doc.attachments.filter((a) => a.role === 'plan').flatMap((a) => a.clauses)];
  const seen = new Set<string>();
  for (const c of flattenClauses(texts)) {
    if (c.kind === 'table') continue;
    for (const m of c.text.matchAll(/共(?:[^，。；、]{0,12}?)(\d+)\s*(?:项|个)([\u4e00-\u9fa5]{2,8})/g)) {
      const declared = Number(m[1]);
      const noun = (m[2] as string).split('的')[0] as string;
      for (const { a, t } of annexTables) {
        const title = t.title ?? a.title;
        const nounHit = [4, 3, 2].some((n) => noun.length >= n && title.includes(noun.slice(0, n)));
        if (!nounHit) continue;
        const serials = t.rows.map((r) => Number(r[0])).filter((n) => Number.isInteger(n) && n > 0);
        const listed = serials.length;
        const key = `${declared}|${title}`;
        if (listed > 0 && listed !== declared && !seen.has(key)) {
          seen.add(key);
          finding({
            kind: 'table-total',
            message: `${doc.docNumber.text} 正文称“${m[0].split('的')[0]}”，但${a.label ?? '附件'}《${title}》只列出 ${listed} 项（序号 1—${Math.max(...serials)}），数目不一致。`,
            line: c.line,
            docNumber: doc.docNumber.text,
          });
        }
      }
    }
  }
}

function tablesOfClauses(cs: Clause[]): Table[] {
  return flattenClauses(cs)
    .filter((c) => c.table)
    .map((c) => c.table as Table);
}
