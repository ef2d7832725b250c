// `npm run bench`: prints figures as `name: value` lines, with ratios against baselines measured in the
// same run. `npm run bench -- --quick` uses a smaller corpus for the storage benchmarks; `--bench=<name>` runs
// one benchmark file only (e.g. `npm run bench -- --bench=monitoring`; `parse` for the parser).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchParse } from './parse.bench.ts';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--bench='))?.slice('--bench='.length);
const seedPath = resolve(import.meta.dirname, '../../shared/seeds/xiangyuan-gazette-2023-03.txt');
const demoPath = resolve(import.meta.dirname, '../samples/demo-gazette.txt');
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const source = existsSync(seedPath) ? seedPath : demoPath;
  const text = readFileSync(source, 'utf8');
  log(
    `# parse: ${source.endsWith('demo-gazette.txt') ? '演示公报（未找到真实公报）' : '真实公报'} ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`,
  );
  if (only && only !== 'parse') return runFiles(text);
  const p = benchParse(text);
  log(`parse-seed-median-ms: ${p.medianMs.toFixed(2)}`);
  log(`parse-baseline-median-ms: ${p.baselineMedianMs.toFixed(3)}`);
  log(`parse-vs-baseline-ratio: ${p.ratio.toFixed(1)}`);
  log(`parse-line-test-median-ms: ${p.lineTestMedianMs.toFixed(3)}`);
  log(`parse-vs-line-test-ratio: ${(p.medianMs / p.lineTestMedianMs).toFixed(1)}`);
  if (!only) await runFiles(text);
}

async function runFiles(text: string): Promise<void> {
  for (const extra of [
    './extract.bench.ts',
    './store.bench.ts',
    './supervision.bench.ts',
    './rankings.bench.ts',
    './ledger.bench.ts',
    './meetings.bench.ts',
    './docflow.bench.ts',
    './emergency.bench.ts',
    './monitoring.bench.ts',
    './evaluation.bench.ts',
  ]) {
    const path = resolve(import.meta.dirname, extra);
    if (!existsSync(path) || (only && extra !== `./${only}.bench.ts`)) continue;
    const mod = (await import(path)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (name.startsWith('bench') && typeof fn === 'function')
        await (fn as (o: unknown) => Promise<void>)({ quick, text, log, issues: quick ? 50 : 1000 });
    }
  }
}

await main();
