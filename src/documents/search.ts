// Chinese full-text search over clauses and document titles, on SQLite (FTS5) and PostgreSQL
// (tsvector + GIN). The dialect-specific SQL sits in one function per operation (writeSearchRows,
// deleteSearchRows, candidates, countMatches); everything else is shared.
//
// Index (see segment.ts): one row per clause (key clauses.id) and one per document (key
// documents.id; title, attachment titles and 发文字号). A row holds
//   - tokens prefixed with the tenant, `140423_能源`: tenants never see each other's rows and a
//     query touches only its tenant's postings (no tenant filter to intersect);
//   - filter tags `_dpublic`, `_y2023`, `_t<hash of type>`, `_i<hash of issuer>`: filters are
//     intersected inside the index, so a selective filter never empties a capped candidate set.
// SQLite: contentless FTS5, detail=none (row ids only; no positions, no bm25). PostgreSQL:
// array_to_tsvector (lexemes stored verbatim, no text-search parser) and a `::tsquery` literal.
//
// Query: the query words (segment.ts analyzeQuery) are ANDed. A dictionary word or a Latin/digit
// word is one token; a 2-character Han word is one token (bigram); a single Han character alone is
// a token prefix (its bigrams and the run-final unigram); any other Han word (user words such as
// 县能源局, unknown names) is the AND of its bigrams. So every 1–2 character Han query is an exact
// substring match on the original text, and longer words are found even inside longer words.
// User input reaches the index only as these tokens, each quoted: quotes, *, -, NEAR, parentheses
// and column filters are separators and never operators.
//
// Ranking, and why it is capped: a common term (工作, 县) matches a large share of a million
// clauses; ranking every match cannot meet 30 ms. So the index returns matches newest first
// (descending row id = most recently imported first, which FTS5 and PostgreSQL read in index
// order) and stops at CANDIDATE_CAP; only those candidates are ranked. The rank is a BM25-style
// score computed on the candidates' original text: presence of the whole query part (the phrase,
// weight 2) and of each word (weight 1), normalised by clause length, plus a bonus for headings.
// Trade-off: when more than CANDIDATE_CAP clauses match, an older clause can never outrank the
// newest CANDIDATE_CAP matches, and `total` is exact only up to COUNT_CAP (`totalExact`). Narrow
// the query or filter (issuer, year, type) to reach older material; filters are applied before the
// cap, inside the index. Document titles are searched separately (few rows, all ranked) and listed
// before clause hits.
import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Disclosure } from '../gazette/types.ts';
import type { Db, DialectName } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import { chunks } from './batch.ts';
import { analyzeQuery, bigrams, hasOnlyHan, indexTokens, normalizeText, type QueryWord } from './segment.ts';
import { assertTenant } from './tenant.ts';

/** Matches ranked per query (newest first); see the header. */
export const CANDIDATE_CAP = 1000;
/** `total` is counted exactly up to this many clause matches. */
export const COUNT_CAP = 10_000;
/** Title matches considered per query. */
export const TITLE_CAP = 200;
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 12;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export type SearchIndex = 'clause' | 'document';

/** A database or a transaction. */
type Exec = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Index rows

export interface FilterValues {
  disclosure: Disclosure;
  year: number;
  type: string;
  issuer: string;
}

function tagHash(value: string): string {
  return createHash('sha1').update(value).digest('hex').slice(0, 12);
}

const disclosureTag = (d: Disclosure) => `_d${d}`;
const yearTag = (y: number) => `_y${y}`;
const typeTag = (t: string) => `_t${tagHash(t)}`;
const issuerTag = (i: string) => `_i${tagHash(i)}`;

export function filterTags(f: FilterValues): string[] {
  return [disclosureTag(f.disclosure), yearTag(f.year), typeTag(f.type), issuerTag(f.issuer)];
}

/** The token string of one index row: tenant-prefixed tokens of the texts, then the filter tags. */
export function indexRowTokens(tenant: string, texts: readonly string[], tags: readonly string[]): string {
  const set = new Set<string>();
  for (const text of texts) for (const t of indexTokens(text)) set.add(t);
  const out: string[] = [];
  for (const t of set) out.push(`${tenant}_${t}`);
  out.push(...tags);
  return out.join(' ');
}

export interface SearchRow {
  id: number;
  tokens: string;
}

/** Insert index rows (one dialect-specific statement per chunk). */
export async function writeSearchRows(
  db: Exec,
  dialect: DialectName,
  index: SearchIndex,
  tenant: string,
  rows: readonly SearchRow[],
): Promise<void> {
  if (dialect === 'sqlite') {
    const table = sql.table(index === 'clause' ? 'clause_fts' : 'document_fts');
    for (const part of chunks(rows, 2)) {
      const values = sql.join(part.map((r) => sql`(${r.id}, ${r.tokens})`));
      await sql`INSERT INTO ${table} (rowid, tokens) VALUES ${values}`.execute(db);
    }
    return;
  }
  const table = sql.table(index === 'clause' ? 'clause_search' : 'document_search');
  const key = sql.ref(index === 'clause' ? 'clause_id' : 'document_id');
  for (const part of chunks(rows, 3)) {
    const values = sql.join(
      part.map((r) => sql`(${r.id}, ${tenant}, array_to_tsvector(string_to_array(${r.tokens}, ' ')))`),
    );
    await sql`INSERT INTO ${table} (${key}, tenant, tokens) VALUES ${values}`.execute(db);
  }
}

/** Delete index rows by key (clauses.id or documents.id). */
export async function deleteSearchRows(
  db: Exec,
  dialect: DialectName,
  index: SearchIndex,
  ids: readonly number[],
): Promise<void> {
  for (const part of chunks(ids, 1)) {
    if (dialect === 'sqlite') {
      const table = sql.table(index === 'clause' ? 'clause_fts' : 'document_fts');
      await sql`DELETE FROM ${table} WHERE rowid IN (${sql.join(part)})`.execute(db);
    } else {
      const table = sql.table(index === 'clause' ? 'clause_search' : 'document_search');
      const key = sql.ref(index === 'clause' ? 'clause_id' : 'document_id');
      await sql`DELETE FROM ${table} WHERE ${key} IN (${sql.join(part)})`.execute(db);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Query compilation

export interface Term {
  token: string;
  prefix: boolean;
}

/**
 * Index terms for the query words, ANDed (see the header). A single-character prefix term merges
 * the postings of every bigram starting with that character (hundreds of lists for 县): it is used
 * only when the query has nothing else; otherwise the character only counts in the ranking.
 */
export function queryTerms(tenant: string, words: readonly QueryWord[]): Term[] {
  const out = new Map<string, Term>();
  const add = (t: string, prefix = false) => {
    const token = `${tenant}_${t}`;
    const key = `${token}${prefix ? '*' : ''}`;
    if (!out.has(key)) out.set(key, { token, prefix });
  };
  for (const w of words) {
    if (w.kind === 'other' || w.kind === 'dictionary') add(w.text);
    else if (w.text.length === 1) add(w.text, true);
    else for (const b of bigrams(w.text)) add(b);
  }
  const terms = [...out.values()];
  const exact = terms.filter((t) => !t.prefix);
  return exact.length > 0 ? exact : terms;
}

interface Compiled {
  terms: Term[];
  /** Each inner array is an OR group; groups are ANDed. */
  tagGroups: string[][];
}

/** The dialect's match expression (FTS5 query string or tsquery literal). */
function matchExpression(dialect: DialectName, c: Compiled): string {
  if (dialect === 'sqlite') {
    const q = (t: string) => `"${t.replace(/"/g, '""')}"`;
    const parts = c.terms.map((t) => (t.prefix ? `${q(t.token)}*` : q(t.token)));
    for (const g of c.tagGroups) parts.push(g.length === 1 ? q(g[0] as string) : `(${g.map(q).join(' OR ')})`);
    return parts.join(' AND ');
  }
  const q = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const parts = c.terms.map((t) => (t.prefix ? `${q(t.token)}:*` : q(t.token)));
  for (const g of c.tagGroups) parts.push(g.length === 1 ? q(g[0] as string) : `(${g.map(q).join(' | ')})`);
  return parts.join(' & ');
}

/** Matching row keys, newest first, at most `cap` (a derived table with one column `id`). */
function candidates(dialect: DialectName, index: SearchIndex, match: string, cap: number): RawBuilder<{ id: number }> {
  if (dialect === 'sqlite') {
    const table = sql.table(index === 'clause' ? 'clause_fts' : 'document_fts');
    return sql<{
      id: number;
    }>`(SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ${match} ORDER BY rowid DESC LIMIT ${sql.lit(cap)})`;
  }
  const table = sql.table(index === 'clause' ? 'clause_search' : 'document_search');
  const key = sql.ref(index === 'clause' ? 'clause_id' : 'document_id');
  return sql<{
    id: number;
  }>`(SELECT ${key} AS id FROM ${table} WHERE tokens @@ ${match}::tsquery ORDER BY ${key} DESC LIMIT ${sql.lit(cap)})`;
}

/** Number of matching rows, counted up to `cap` + 1. */
async function countMatches(
  db: Exec,
  dialect: DialectName,
  index: SearchIndex,
  match: string,
  cap: number,
): Promise<number> {
  const inner =
    dialect === 'sqlite'
      ? sql`SELECT 1 FROM ${sql.table(index === 'clause' ? 'clause_fts' : 'document_fts')} WHERE ${sql.table(index === 'clause' ? 'clause_fts' : 'document_fts')} MATCH ${match} LIMIT ${sql.lit(cap + 1)}`
      : sql`SELECT 1 FROM ${sql.table(index === 'clause' ? 'clause_search' : 'document_search')} WHERE tokens @@ ${match}::tsquery LIMIT ${sql.lit(cap + 1)}`;
  const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${inner}) AS m`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Ranking and snippets

interface Phrase {
  text: string;
  weight: number;
}

/** What the score counts in the original text: each whole query part, and each word. */
function phrasesOf(query: string, words: readonly QueryWord[]): Phrase[] {
  const out = new Map<string, number>();
  for (const part of normalizeText(query).split(/\s+/)) {
    const clean = part.replace(/[^\p{L}\p{N}]+/gu, '');
    if (clean.length >= 2) out.set(clean, 2);
  }
  for (const w of words) if (!out.has(w.text)) out.set(w.text, 1);
  return [...out].slice(0, MAX_QUERY_WORDS + 4).map(([text, weight]) => ({ text, weight }));
}

/**
 * BM25-style score on the original text of `<alias>.<column>`: each phrase found adds its weight
 * (presence, tf = 1: counting occurrences with replace() cost 2–3× more per candidate for little
 * ranking gain), normalised by length (k1 = 1.2, b = 0.75, average clause ≈ 100 characters); plus
 * 0.3 for headings. The substring test is the only dialect-specific part.
 */
function scoreSql(
  dialect: DialectName,
  alias: 'c' | 'd',
  column: 'text' | 'title',
  phrases: readonly Phrase[],
): RawBuilder<number> {
  const col = sql.ref(`${alias}.${column}`);
  const found = phrases.map((p) => {
    const hay = hasOnlyHan(p.text) ? sql`${col}` : sql`lower(${col})`;
    const at = dialect === 'sqlite' ? sql`instr(${hay}, ${p.text})` : sql`strpos(${hay}, ${p.text})`;
    return sql`(CASE WHEN ${at} > 0 THEN ${sql.lit(p.weight)} ELSE 0 END)`;
  });
  const norm = sql`2.2 / (1 + 1.2 * (0.25 + 0.75 * length(${col}) / 100.0))`;
  const bonus = alias === 'c' ? sql`(CASE WHEN c.heading IS NULL THEN 0 ELSE 0.3 END)` : sql`0`;
  return sql<number>`CAST((${sql.join(found, sql` + `)}) * ${norm} + ${bonus} AS DOUBLE PRECISION)`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * ±radius characters of the original text around the first occurrence of any needle, HTML-escaped,
 * with every needle occurrence in the window wrapped in <mark>…</mark>. Matching ignores case.
 * Without any occurrence: the start of the text.
 */
export function makeSnippet(text: string, needles: readonly string[], radius = 30): string {
  const lower = text.toLowerCase();
  const hay = lower.length === text.length ? lower : text; // toLowerCase kept offsets
  const sorted = [...new Set(needles.map((n) => n.toLowerCase()).filter((n) => n.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  let first = -1;
  let firstLen = 0;
  for (const n of sorted) {
    const i = hay.indexOf(n);
    if (i >= 0 && (first < 0 || i < first)) {
      first = i;
      firstLen = n.length;
    }
  }
  if (first < 0) {
    const end = Math.min(text.length, radius * 2);
    return escapeHtml(text.slice(0, end)) + (end < text.length ? '…' : '');
  }
  let start = Math.max(0, first - radius);
  let end = Math.min(text.length, first + firstLen + radius);
  // Do not cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
  let out = start > 0 ? '…' : '';
  let i = start;
  while (i < end) {
    let matched = 0;
    for (const n of sorted) {
      if (i + n.length <= end && hay.startsWith(n, i)) {
        matched = n.length;
        break;
      }
    }
    if (matched) {
      out += `<mark>${escapeHtml(text.slice(i, i + matched))}</mark>`;
      i += matched;
    } else {
      out += escapeHtml(text[i] ?? '');
      i++;
    }
  }
  return out + (end < text.length ? '…' : '');
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchQuery {
  query: string;
  issuer?: string;
  year?: number;
  /** Document type as derived by documentType() (规划, 方案, 预案 …). */
  type?: string;
  /** Disclosures the caller may see; omitted = all; empty = none. */
  disclosures?: Disclosure[];
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  documentId: number;
  docNumber: string;
  title: string;
  /** Clause eId; null for a hit on the document title (kind 'title'). */
  eId: string | null;
  citation: string;
  /** HTML: escaped text with <mark>…</mark> around matches. */
  snippet: string;
  /** Clause kind (paragraph, level1, table …) or 'title'. */
  kind: string;
  disclosure: Disclosure;
  score: number;
}

export interface SearchResult {
  /** Title hits + clause hits; the clause part is exact only up to COUNT_CAP (see totalExact). */
  total: number;
  totalExact: boolean;
  hits: SearchHit[];
  /** The query words, for highlighting elsewhere. */
  words: string[];
}

const EMPTY: SearchResult = { total: 0, totalExact: true, hits: [], words: [] };

export async function search(target: Db, tenant: string, q: SearchQuery): Promise<SearchResult> {
  assertTenant(tenant);
  const query = q.query.trim();
  if (query.length > MAX_QUERY_LENGTH) {
    throw new AppError('BAD_INPUT', `检索词过长（${query.length} 字）：请不超过 ${MAX_QUERY_LENGTH} 字。`, {
      field: 'query',
    });
  }
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
  const words = analyzeQuery(query).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return EMPTY;
  const allowed = q.disclosures ? [...new Set(q.disclosures)] : null;
  if (allowed && allowed.length === 0) return { ...EMPTY, words: words.map((w) => w.text) };

  const tagGroups: string[][] = [];
  if (allowed && allowed.length < 3) tagGroups.push(allowed.map(disclosureTag));
  if (q.year !== undefined) tagGroups.push([yearTag(q.year)]);
  if (q.type) tagGroups.push([typeTag(q.type)]);
  if (q.issuer) tagGroups.push([issuerTag(q.issuer)]);
  const match = matchExpression(target.dialect, { terms: queryTerms(tenant, words), tagGroups });
  const phrases = phrasesOf(query, words);
  const needles = phrases.map((p) => p.text);
  const { db, dialect } = target;

  // Titles: few rows, all ranked in memory.
  const titleRows = await db
    .selectFrom(candidates(dialect, 'document', match, TITLE_CAP).as('cand'))
    .innerJoin('documents as d', 'd.id', 'cand.id')
    .where('d.tenant', '=', tenant)
    .select(['d.id', 'd.doc_number', 'd.title', 'd.disclosure', scoreSql(dialect, 'd', 'title', phrases).as('score')])
    .execute();
  titleRows.sort((a, b) => Number(b.score) - Number(a.score) || b.id - a.id);

  const hits: SearchHit[] = [];
  const pageTitles = titleRows.slice(offset, offset + limit);
  if (pageTitles.length) {
    const atts = await db
      .selectFrom('attachments')
      .where(
        'document_id',
        'in',
        pageTitles.map((r) => r.id),
      )
      .orderBy('ord')
      .select(['document_id', 'title'])
      .execute();
    for (const r of pageTitles) {
      const texts = [r.title, ...atts.filter((a) => a.document_id === r.id).map((a) => a.title), r.doc_number];
      const lowerNeedles = needles.map((n) => n.toLowerCase());
      const shown = texts.find((t) => lowerNeedles.some((n) => t.toLowerCase().includes(n))) ?? r.title;
      hits.push({
        documentId: r.id,
        docNumber: r.doc_number,
        title: r.title,
        eId: null,
        citation: `${r.doc_number}《${r.title}》`,
        snippet: makeSnippet(shown, needles),
        kind: 'title',
        disclosure: r.disclosure,
        score: round(Number(r.score) + 10),
      });
    }
  }

  // Clause hits. (Counting the candidates in the ranking query with count(*) OVER () would save
  // the separate count, but makes SQLite materialise every candidate row: measured 3× slower.)
  const clauseLimit = limit - hits.length;
  const clauseOffset = Math.max(0, offset - titleRows.length);
  if (clauseLimit > 0 && clauseOffset < CANDIDATE_CAP) {
    const rows = await db
      .selectFrom(candidates(dialect, 'clause', match, CANDIDATE_CAP).as('cand'))
      .innerJoin('clauses as c', 'c.id', 'cand.id')
      .where('c.tenant', '=', tenant)
      .select([
        'c.id',
        'c.document_id',
        'c.e_id',
        'c.kind',
        'c.text',
        'c.citation',
        scoreSql(dialect, 'c', 'text', phrases).as('score'),
      ])
      .orderBy('score', 'desc')
      .orderBy('c.id', 'desc')
      .limit(clauseLimit)
      .offset(clauseOffset)
      .execute();
    if (rows.length) {
      const docs = await db
        .selectFrom('documents')
        .where('tenant', '=', tenant)
        .where('id', 'in', [...new Set(rows.map((r) => r.document_id))])
        .select(['id', 'doc_number', 'title', 'disclosure'])
        .execute();
      const byId = new Map(docs.map((d) => [d.id, d]));
      for (const r of rows) {
        const d = byId.get(r.document_id);
        if (!d) continue;
        hits.push({
          documentId: d.id,
          docNumber: d.doc_number,
          title: d.title,
          eId: r.e_id,
          citation: r.citation,
          snippet: makeSnippet(r.text, needles),
          kind: r.kind,
          disclosure: d.disclosure,
          score: round(Number(r.score)),
        });
      }
    }
  }
  const clauseTotal = await countMatches(db, dialect, 'clause', match, COUNT_CAP);
  const total = titleRows.length + Math.min(clauseTotal, COUNT_CAP);
  const totalExact = clauseTotal <= COUNT_CAP && titleRows.length < TITLE_CAP;
  return { total, totalExact, hits, words: words.map((w) => w.text) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
