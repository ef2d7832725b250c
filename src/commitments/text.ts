// Text helpers shared by the extractors: clause units (a numbered clause with the paragraphs that continue it
// across page breaks), punctuation folding, plan horizon years. Pure.
import type { Attachment, Clause, Document } from '../gazette/types.ts';

/** Fold half-width punctuation to full width, one character for one, so offsets stay valid. */
const FOLD: Record<string, string> = { '(': '（', ')': '）', ',': '，', ';': '；', ':': '：' };

export function foldPunct(s: string): string {
  return s.replace(/[(),;:]/g, (ch) => FOLD[ch] as string);
}

const NUMBERED = new Set([
  'chapter',
  'section',
  'article',
  'level1',
  'level2',
  'level3',
  'level4',
  'dotted',
  'heading',
]);

/** A clause together with the paragraphs that belong to it (continuations after a page break). */
export interface TextUnit {
  clause: Clause;
  /** Clause text followed by the text of its direct paragraph children. */
  text: string;
  /** The heading, completed when a page break cut it (监管机 + 制。→ 监管机制). */
  title: string | null;
  /** Texts of the absorbed paragraph children, for provenance. */
  parts: Clause[];
  /** Headings of the enclosing clauses, outermost first, then the unit's own heading. */
  headings: string[];
}

const SENTENCE_END = /[。！？；：:;!?）)]$/;

/**
 * Walk a clause tree and yield text units: every numbered clause absorbs its direct paragraph children;
 * a paragraph under the attachment root (or under another paragraph) is a unit of its own. Tables are
 * not text units.
 */
export function textUnits(clauses: Clause[]): TextUnit[] {
  const out: TextUnit[] = [];
  const walk = (cs: Clause[], above: string[]) => {
    for (const c of cs) {
      if (c.kind === 'table') continue;
      const headings = c.heading ? [...above, c.heading] : above;
      if (NUMBERED.has(c.kind)) {
        const paras = c.children.filter((k) => k.kind === 'paragraph');
        let text = c.text;
        for (const p of paras) {
          const pureHeading = c.heading !== null && c.text.replace(/[。.]$/, '') === c.heading;
          const sep = text === c.text && pureHeading && !cutHeading(c, p) ? '\n' : SENTENCE_END.test(text) ? '\n' : '';
          text += sep + p.text;
        }
        out.push({ clause: c, text, title: titleOf(c, paras[0]), parts: paras, headings });
        walk(
          c.children.filter((k) => k.kind !== 'paragraph'),
          headings,
        );
      } else {
        out.push({ clause: c, text: c.text, title: null, parts: [], headings });
        walk(c.children, headings);
      }
    }
  };
  walk(clauses, []);
  return out;
}

/** The heading was cut by a page break when the next paragraph starts with a few characters and a full stop. */
function cutHeading(c: Clause, next: Clause | undefined): boolean {
  if (!next || !c.heading || /[。！？]$/.test(c.text)) return false;
  return /^[\u4e00-\u9fa5]{1,4}。/.test(next.text);
}

function titleOf(c: Clause, next: Clause | undefined): string | null {
  if (!c.heading) return null;
  let t = c.heading.replace(/[。.：:]$/, '');
  if (next && cutHeading(c, next)) t += (/^[\u4e00-\u9fa5]{1,4}/.exec(next.text) as RegExpExecArray)[0];
  return t;
}

/** Year of the document (from signedOn, else the 发文字号 year). */
export function documentYear(doc: Document): number {
  const m = /^(\d{4})/.exec(doc.signedOn ?? '');
  return m ? Number(m[1]) : doc.docNumber.year;
}

/**
 * Horizon year of a plan: 十四五 → 2025, 2022年—2023年 → 2023, 2023年… → 2023, 三年行动 → document year + 2,
 * else the document year. Targets without a year in their own sentence take this year.
 */
export function planYear(doc: Document, att: Attachment | null): number {
  const title = att?.planTitle ?? att?.title ?? doc.title;
  if (/十四五/.test(title)) return 2025;
  if (/十三五/.test(title)) return 2020;
  const range = /(\d{4})\s*年?\s*[—\-–～~至到]\s*(\d{4})\s*年/.exec(title);
  if (range) return Number(range[2]);
  const single = /(\d{4})\s*年/.exec(title);
  if (single) return Number(single[1]);
  if (/三年行动/.test(title)) return documentYear(doc) + 2;
  return documentYear(doc);
}

/** Character-bigram similarity: the larger of Dice and the overlap coefficient (containment). */
export function nameSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.replace(/[\s（）()“”《》、，]/g, '');
    const g: string[] = [];
    for (let i = 0; i + 1 < t.length; i++) g.push(t.slice(i, i + 2));
    if (g.length === 0 && t) g.push(t);
    return g;
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of ga) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  const dice = (2 * common) / (ga.length + gb.length);
  const overlap = common / Math.min(ga.length, gb.length);
  return Math.max(dice, overlap * 0.9);
}
