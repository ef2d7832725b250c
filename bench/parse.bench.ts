// Parse benchmark: the 395 KB seed, median after warm-up, against a bare baseline measured in the same
// run: split into lines + one regex pass over the same text. The regex is the parser's own 发文字号
// pattern run globally over the whole text (what a parser that only found its documents would do).
// A second, cheaper reference is printed too for transparency: a per-line anchored test, which fails
// at the first character of almost every line and so barely reads the text.
import { parseGazette } from '../src/gazette/parse.ts';

export interface ParseBenchResult {
  medianMs: number;
  baselineMedianMs: number;
  ratio: number;
  lineTestMedianMs: number;
  bytes: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => unknown, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const DOCNUMBER_RE = /([\u4e00-\u9fa5]{1,10}?(?:发|函|字))\s*[〔[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d{1,4})\s*号/g;
const LINE_TEST_RE = /^(?:#+\s*)?(?:\*\*)?([\u4e00-\u9fa5]{1,10}发)\s*[〔[]\s*(\d{4})\s*[〕\]]\s*(\d+)\s*号/;

export function benchParse(text: string, runs = 41): ParseBenchResult {
  let sink = 0;
  const baselineMedianMs = time(
    () => {
      sink += text.split('\n').length;
      for (const _m of text.matchAll(DOCNUMBER_RE)) sink++;
    },
    runs,
    10,
  );
  const lineTestMedianMs = time(
    () => {
      for (const l of text.split('\n')) if (LINE_TEST_RE.test(l)) sink++;
    },
    runs,
    10,
  );
  const medianMs = time(() => (sink += parseGazette(text).documents.length), runs, 30);
  if (sink < 0) console.log(sink);
  return {
    medianMs,
    baselineMedianMs,
    ratio: medianMs / baselineMedianMs,
    lineTestMedianMs,
    bytes: Buffer.byteLength(text),
  };
}
