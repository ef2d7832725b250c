// Chinese word segmentation for search (jieba, loaded once per process) and the tokens the search
// index is built from. Pure apart from the process-wide jieba dictionary: no database, no I/O.
//
// Text is normalised (NFKC: full-width letters and digits to ASCII; lower case) and split into
// Han runs and "other" runs (Latin letters, digits); everything else separates.
//
// Index tokens of a text (indexTokens), all guaranteed to be single FTS5 unicode61 tokens:
//   - every built-in jieba dictionary word of ≥ 3 characters found anywhere in a Han run (cutAll):
//     a dictionary word is found wherever it occurs as a substring, even where the segmenter would
//     choose another split or keep it inside a longer word (人民政府 inside 襄垣县人民政府办公室);
//   - the Han bigram side-index: every pair of adjacent Han characters, plus the last character of
//     each run alone. Every 1- or 2-character Han substring is therefore a token or a token prefix;
//   - each other run as one token (gdp, 5g, 2023).
// Search-mode words (cutForSearch) are not indexed: their dictionary words are a subset of cutAll's
// and their HMM-guessed words are never produced by the query side (segmentQuery runs without HMM),
// so they would only cost space. segmentForIndex still gives that segmentation, e.g. for display.
//
// Query words (analyzeQuery): Han runs cut by jieba in precise mode without HMM, so a Han word of
// ≥ 2 characters is a dictionary word; consecutive single characters (unknown names) are merged back
// into one substring; words added with addUserWords are matched through bigrams, so documents
// indexed before a unit name was added are still found.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Clause, GazetteIssue } from '../gazette/types.ts';

let jieba: Jieba | null = null;
const userWords = new Set<string>();

function engine(): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  return jieba;
}

/** Load the dictionary now (≈ 0.2 s) rather than on the first query. */
export function warmUp(): void {
  engine();
}

/** Longest "other" token kept in the index (longer runs of letters/digits are cut). */
export const MAX_TOKEN_LENGTH = 40;

// Han: CJK unified ideographs of the BMP (extension A, compatibility ideographs, 〇), all letters for
// the FTS5 unicode61 tokenizer (Unicode 6.1 tables). Characters outside the BMP (extension B and
// later, rare in gazettes) separate tokens: every token is then a string of BMP characters, so
// slicing by UTF-16 unit never splits a character.
const HAN_CLASS = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u3007';
// Other token characters: ASCII letters and digits, Latin-1/extended Latin, Greek, Cyrillic letters.
const OTHER_CLASS = 'a-z0-9\\u00DF-\\u00F6\\u00F8-\\u024F\\u03B1-\\u03C9\\u0430-\\u045F';
const RUNS = new RegExp(`([${HAN_CLASS}]+)|([${OTHER_CLASS}]+)`, 'gu');
const ONLY_HAN = new RegExp(`^[${HAN_CLASS}]+$`, 'u');

export function hasOnlyHan(word: string): boolean {
  return ONLY_HAN.test(word);
}

/** NFKC (full-width letters and digits to ASCII) and lower case: applied to index and query alike. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface Run {
  text: string;
  han: boolean;
}

function runs(normalized: string): Run[] {
  const out: Run[] = [];
  for (const m of normalized.matchAll(RUNS)) {
    if (m[1]) out.push({ text: m[1], han: true });
    else if (m[2]) out.push({ text: m[2].slice(0, MAX_TOKEN_LENGTH), han: false });
  }
  return out;
}

/**
 * Add words (unit names, plan titles) to the segmentation dictionary of this process. Words with
 * white space, with fewer than 2 Han characters or longer than 40 characters are ignored.
 * Returns how many were new.
 */
export function addUserWords(words: Iterable<string>): number {
  const fresh: string[] = [];
  for (const raw of words) {
    const w = normalizeText(raw).trim();
    if (w.length > 40 || /\s/.test(w) || userWords.has(w)) continue;
    if ((w.match(/[\u3400-\u9FFF]/g)?.length ?? 0) < 2) continue;
    userWords.add(w);
    fresh.push(w);
  }
  if (fresh.length === 0) return 0;
  // "word freq tag": a high frequency makes the segmenter keep a unit name whole.
  engine().loadDict(Buffer.from(fresh.map((w) => `${w} 50000 nt`).join('\n')));
  return fresh.length;
}

/** Is this word one added by addUserWords (as opposed to the built-in jieba dictionary)? */
export function isUserWord(word: string): boolean {
  return userWords.has(word);
}

const UNIT_END =
  '(?:分局|局|工委|委员会|委|办公室|办|中心|政府|集团|医院|院|工会|管委会|会|站|所|公司|支行|分行|行|队|组|单位|部门|企业)';
const UNIT_SPLIT = new RegExp(`.+?${UNIT_END}(?=县|市|省|各|$)`, 'gu');
const UNIT_WORD = new RegExp(`${UNIT_END}$`, 'u');

/**
 * Words worth adding to the dictionary from a parsed issue: issuers, addressees, the units named in
 * 责任单位 / 牵头单位 / 配合单位 table columns, document titles without their 关于印发…的通知 frame,
 * attachment and plan titles.
 */
export function userWordsFromIssue(issue: GazetteIssue): string[] {
  const words = new Set<string>();
  const add = (s: string | null | undefined) => {
    if (!s) return;
    const w = s.replace(/[《》“”"'\s]/g, '');
    if (w.length >= 2 && w.length <= 40) words.add(w);
  };
  for (const e of issue.toc) add(e.issuer);
  add(issue.publisher);
  for (const d of issue.documents) {
    add(d.issuer);
    for (const a of d.addressees) add(a);
    add(coreTitle(d.title));
    for (const item of d.attachmentList) add(item);
    for (const a of d.attachments) {
      add(a.title);
      add(a.planTitle);
      for (const c of walk(a.clauses)) {
        if (!c.table) continue;
        const { header, rows } = c.table;
        const cols = header.flatMap((h, i) => (/(责任|牵头|配合|主管|承办)(单位|部门)|责任主体/.test(h) ? [i] : []));
        for (const i of cols) {
          for (const row of rows) {
            if (row.length !== header.length) continue; // continuation rows with merged cells: columns shift
            for (const unit of splitUnits(row[i] ?? '')) add(unit);
          }
        }
      }
    }
  }
  return [...words];
}

/** 关于印发襄垣县大面积停电事件应急预案的通知 → 襄垣县大面积停电事件应急预案 */
export function coreTitle(title: string): string {
  return title
    .replace(/^关于(印发|转发|下发|公布)?/, '')
    .replace(/的?(通知|决定|意见|批复|通报|函)$/, '')
    .trim();
}

/** A 责任单位 cell into unit names: separators, then concatenated names (县住建局市生态环境局襄垣分局). */
export function splitUnits(cell: string): string[] {
  const out: string[] = [];
  for (const piece of cell.split(/[、，,；;／/\s]+/)) {
    const p = piece.replace(/[（(][^）)]*[）)]/g, '').trim();
    if (!p) continue;
    const parts = p.match(UNIT_SPLIT) ?? [];
    const rest = p.slice(parts.join('').length);
    for (const u of rest ? [...parts, rest] : parts) {
      if (u.length >= 3 && u.length <= 20 && UNIT_WORD.test(u)) out.push(u);
    }
  }
  return out;
}

function* walk(clauses: Clause[]): Generator<Clause> {
  for (const c of clauses) {
    yield c;
    yield* walk(c.children);
  }
}

/** Search-mode segmentation (cutForSearch with HMM): words joined by spaces, punctuation dropped. */
export function segmentForIndex(text: string): string {
  const out: string[] = [];
  for (const t of engine().cutForSearch(normalizeText(text), true)) {
    for (const r of runs(t)) out.push(r.text);
  }
  return out.join(' ');
}

/** The distinct tokens the search index stores for a text (without tenant prefix): see the header. */
export function indexTokens(text: string): string[] {
  const set = new Set<string>();
  const norm = normalizeText(text);
  let longHanRun = false;
  for (const run of runs(norm)) {
    if (!run.han) {
      set.add(run.text);
      continue;
    }
    const s = run.text;
    for (let i = 0; i + 1 < s.length; i++) set.add(s.slice(i, i + 2));
    set.add(s.slice(-1));
    if (s.length >= 3) longHanRun = true;
  }
  if (longHanRun) {
    // One jieba call per text (calls per run cost more in N-API overhead than they save). User words
    // are left out: queries match them through bigrams, so the index does not depend on which words
    // this process happened to load.
    for (const w of engine().cutAll(norm)) if (w.length >= 3 && !userWords.has(w) && ONLY_HAN.test(w)) set.add(w);
  }
  return [...set];
}

/**
 * A query word. `dictionary`: a Han word of ≥ 2 characters from the jieba dictionary (indexed
 * wherever it occurs); `han`: any other Han substring (user word, unknown name, single character):
 * matched through the bigram side-index; `other`: Latin letters, digits.
 */
export interface QueryWord {
  text: string;
  kind: 'dictionary' | 'han' | 'other';
}

/**
 * A query split into words: jieba precise mode without HMM; punctuation and FTS operators dropped;
 * consecutive single Han characters merged (an unknown name stays one substring); a lone single
 * character next to a word is paired with that word's neighbouring character (县能源局 without the
 * user word → 县能 能源 源局: precise, and a bigram instead of a costly one-character prefix);
 * duplicates removed.
 */
export function analyzeQuery(q: string): QueryWord[] {
  const out: QueryWord[] = [];
  const seen = new Set<string>();
  const push = (text: string, kind: QueryWord['kind']) => {
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ text, kind });
  };
  for (const run of runs(normalizeText(q))) {
    if (!run.han) {
      push(run.text, 'other');
      continue;
    }
    // Group the jieba words: consecutive single characters form one piece.
    const pieces: Array<{ text: string; word: boolean }> = [];
    let pending = '';
    for (const t of engine().cut(run.text, false)) {
      if (t.length === 1) {
        pending += t;
        continue;
      }
      if (pending) pieces.push({ text: pending, word: false });
      pending = '';
      pieces.push({ text: t, word: true });
    }
    if (pending) pieces.push({ text: pending, word: false });
    pieces.forEach((p, i) => {
      if (p.text.length > 1) {
        push(p.text, p.word && !userWords.has(p.text) ? 'dictionary' : 'han');
        return;
      }
      const next = pieces[i + 1]?.text;
      const prev = pieces[i - 1]?.text;
      if (next) push(p.text + next.charAt(0), 'han');
      else if (prev) push(prev.charAt(prev.length - 1) + p.text, 'han');
      else push(p.text, 'han');
    });
  }
  return out;
}

/** The words of a query (see analyzeQuery). */
export function segmentQuery(q: string): string[] {
  return analyzeQuery(q).map((w) => w.text);
}

/** Han bigrams of a word, as indexTokens builds them (a single character yields itself). */
export function bigrams(word: string): string[] {
  if (word.length < 2) return [word];
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}
