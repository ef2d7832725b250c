// Parse benchmark: the 395 KB seed, median after warm-up, against a bare baseline measured in the same
// run (split into lines + one regex pass over the same text).
import { parseGazette } from '../src/gazette/parse.ts';

export interface ParseBenchResult {
  medianMs: number;
  baselineMedianMs: number;
  ratio: number;
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

const BASELINE_RE = /^(?:#+\s*)?(?:\*\*)?([\u4e00-\u9fa5]{1,10}发)\s*[〔[]\s*(\d{4})\s*[〕\]]\s*(\d+)\s*号/;

export function benchParse(text: string, runs = 41): ParseBenchResult {
  let sink = 0;
  const baselineMedianMs = time(
    () => {
      const lines = text.split('\n');
      for (const l of lines) if (BASELINE_RE.test(l)) sink++;
    },
    runs,
    10,
  );
  const medianMs = time(() => (sink += parseGazette(text).documents.length), runs, 10);
  if (sink < 0) console.log(sink);
  return { medianMs, baselineMedianMs, ratio: medianMs / baselineMedianMs, bytes: Buffer.byteLength(text) };
}
