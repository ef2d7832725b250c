// Storage and search benchmark on SQLite: import N generated issues into a temporary file, then run
// 2- and 4-character queries and report p95 latencies against baselines measured in the same run.
//   npx tsx bench/store.bench.ts 1000        (or through `npm run bench`)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { search } from '../src/documents/search.ts';
import { addUserWords, segmentForIndex, userWordsFromIssue } from '../src/documents/segment.ts';
import { importIssue } from '../src/documents/store.ts';
import type { GazetteIssue } from '../src/gazette/types.ts';
import { type Db, openDb } from '../src/platform/db.ts';
import { generateCorpus, issueTextBytes, loadSeedIssue } from './corpus.ts';

export interface BenchStoreOptions {
  issues: number;
  log: (line: string) => void;
  /** Gazette text to build the corpus from (default: the seed; synthetic without it). */
  text?: string;
  /** Queries per length (default 60). */
  queries?: number;
  /** Keep the database file (prints its path). */
  keep?: boolean;
  /** Search an existing benchmark database instead of importing (tuning; `--db <file>`). */
  db?: string;
}

export interface BenchStoreResult {
  issues: number;
  importMb: number;
  importMbPerS: number;
  search2p95Ms: number;
  search4p95Ms: number;
}

const TENANT = '140423';
const ROUNDS = 3;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

/** Query words of a given length drawn from the base text, spread from frequent to rare. */
function queryWords(base: GazetteIssue | null, length: number, count: number, fixed: string[]): string[] {
  const freq = new Map<string, number>();
  if (base) {
    for (const d of base.documents) {
      const texts = [d.title, ...d.attachments.map((a) => a.title)];
      const stack = [...d.body, ...d.attachments.flatMap((a) => a.clauses)];
      while (stack.length) {
        const c = stack.pop();
        if (!c) break;
        texts.push(c.text);
        stack.push(...c.children);
      }
      for (const t of texts) {
        for (const w of segmentForIndex(t).split(' ')) {
          if (w.length === length && /^[\u4e00-\u9fff]+$/.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
        }
      }
    }
  }
  const ranked = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const out = [...fixed];
  const step = Math.max(1, ranked.length / Math.max(1, count - fixed.length));
  for (let i = 0; out.length < count && i < ranked.length; i += step) {
    const w = ranked[Math.floor(i)];
    if (w && !out.includes(w)) out.push(w);
  }
  return out.slice(0, count);
}

async function importCorpus(
  target: Db,
  opts: BenchStoreOptions,
  base: GazetteIssue | null,
): Promise<{ importMb: number; importS: number }> {
  const { log } = opts;
  const file = target.location;
  let bytes = 0;
  let clauses = 0;
  const started = performance.now();
  let lastReport = started;
  let k = 0;
  for (const issue of generateCorpus(opts.issues, { base })) {
    bytes += issueTextBytes(issue);
    await importIssue(target, {
      tenant: TENANT,
      issue,
      source: `${issue.year}-${issue.number}`,
      sourceName: 'bench',
    });
    k++;
    const now = performance.now();
    if (now - lastReport > 10_000 || k === opts.issues) {
      lastReport = now;
      const s = (now - started) / 1000;
      log(
        `# 导入进度 ${k}/${opts.issues}（${((100 * k) / opts.issues).toFixed(0)}%），${(bytes / 1e6).toFixed(0)} MB，${s.toFixed(0)} s`,
      );
    }
  }
  const importS = (performance.now() - started) / 1000;
  const c = await sql<{ n: number }>`SELECT count(*) AS n FROM clauses`.execute(target.db);
  clauses = Number(c.rows[0]?.n ?? 0);
  const importMb = bytes / 1e6;
  log(`import-issues: ${opts.issues}`);
  log(`import-clauses: ${clauses}`);
  log(`import-mb: ${importMb.toFixed(1)}`);
  log(`import-s: ${importS.toFixed(1)}`);
  log(`import-mb-per-s: ${(importMb / importS).toFixed(2)}`);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(target.db);
  log(`db-file-mb: ${(statSync(file).size / 1e6).toFixed(0)}`);
  return { importMb, importS };
}

export async function benchStore(opts: BenchStoreOptions): Promise<BenchStoreResult> {
  const { log } = opts;
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const file = opts.db ?? join(dir ?? '.', 'bench.db');
  const target = await openDb({ file });
  try {
    const base = await loadSeedIssue(opts.text);
    const kind = base ? '（由真实公报变换生成）' : '（合成数据：未找到公报原文）';
    log(`# store: ${opts.issues} 期${kind}，SQLite ${file}${opts.db ? '（沿用已有数据库，不导入）' : ''}`);
    // Unit names in the dictionary, as in the process that imported the corpus.
    if (base) addUserWords(userWordsFromIssue(base));
    let importMb = Number.NaN;
    let importS = Number.NaN;
    if (!opts.db) ({ importMb, importS } = await importCorpus(target, opts, base));
    // What-if for src/platform/db.ts: memory-mapped reads (LUOSHI_BENCH_MMAP_MB=1024).
    const mmapMb = Number(process.env.LUOSHI_BENCH_MMAP_MB ?? 0);
    if (mmapMb > 0) {
      await sql`PRAGMA mmap_size = ${sql.lit(mmapMb * 1024 * 1024)}`.execute(target.db);
      log(`# mmap_size = ${mmapMb} MB`);
    }

    // ---- search
    const n = opts.queries ?? 60;
    const two = queryWords(base, 2, n, ['能源', '应急', '安全', '工作', '停电', '妇儿', '源局', '监测']);
    const four = queryWords(base, 4, n, ['应急预案', '安全生产', '工作方案', '责任单位', '乡村振兴', '县能源局']);
    const run = async (qs: string[], extra: Partial<Parameters<typeof search>[2]> = {}) => {
      const times: number[] = [];
      let hits = 0;
      for (const q of qs.slice(0, 5)) await search(target, TENANT, { query: q, ...extra }); // warm-up
      // Three rounds over the query set: the machine is shared, one burst should not decide the p95.
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of qs) {
          const t0 = performance.now();
          const r = await search(target, TENANT, { query: q, ...extra });
          times.push(performance.now() - t0);
          hits += r.total;
        }
      }
      return {
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: Math.max(...times),
        avgTotal: hits / times.length,
      };
    };
    const s2 = await run(two);
    const s4 = await run(four);
    const sf = await run(four, { year: 2020, disclosures: ['public'] });
    // Informational (no target): a lone character merges the postings of every bigram it starts.
    const s1 = await run(['县', '妇', '煤', '局', '电', '水', '镇', '责', '网', '疫']);
    log(`search-queries: ${two.length} + ${four.length} (×${ROUNDS})`);
    log(`search-2char-p50-ms: ${s2.p50.toFixed(1)}`);
    log(`search-2char-p95-ms: ${s2.p95.toFixed(1)}`);
    log(`search-2char-max-ms: ${s2.max.toFixed(1)}`);
    log(`search-2char-avg-total: ${s2.avgTotal.toFixed(0)}`);
    log(`search-4char-p50-ms: ${s4.p50.toFixed(1)}`);
    log(`search-4char-p95-ms: ${s4.p95.toFixed(1)}`);
    log(`search-4char-max-ms: ${s4.max.toFixed(1)}`);
    log(`search-4char-avg-total: ${s4.avgTotal.toFixed(0)}`);
    log(`search-4char-filtered-p95-ms: ${sf.p95.toFixed(1)}`);
    log(`search-1char-p50-ms: ${s1.p50.toFixed(1)}`);
    log(`search-1char-p95-ms: ${s1.p95.toFixed(1)}`);

    // ---- baselines, same run: a plain count and a substring scan (what search would cost without an index)
    const timeIt = async (f: () => Promise<unknown>, times = 3) => {
      const xs: number[] = [];
      for (let i = 0; i < times; i++) {
        const t0 = performance.now();
        await f();
        xs.push(performance.now() - t0);
      }
      return Math.min(...xs);
    };
    const countMs = await timeIt(() => sql`SELECT count(*) FROM clauses`.execute(target.db));
    const likeMs = await timeIt(
      () => sql`SELECT id FROM clauses WHERE text LIKE ${'%能源%'} ORDER BY id DESC LIMIT 20`.execute(target.db),
      1,
    );
    const likeRareMs = await timeIt(
      () => sql`SELECT count(*) FROM clauses WHERE text LIKE ${'%妇儿工委%'}`.execute(target.db),
      1,
    );
    log(`baseline-count-clauses-ms: ${countMs.toFixed(1)}`);
    log(`baseline-like-2char-top20-ms: ${likeMs.toFixed(1)}`);
    log(`baseline-like-scan-ms: ${likeRareMs.toFixed(1)}`);
    log(`search-2char-p95-vs-like-scan-ratio: ${(s2.p95 / likeRareMs).toFixed(3)}`);
    log(`search-4char-p95-vs-count-ratio: ${(s4.p95 / countMs).toFixed(2)}`);
    return {
      issues: opts.issues,
      importMb,
      importMbPerS: importMb / importS,
      search2p95Ms: s2.p95,
      search4p95Ms: s4.p95,
    };
  } finally {
    await target.close();
    if (dir && opts.keep) log(`# 数据库保留在 ${file}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--db');
  await benchStore({
    issues: Number(args[0] ?? 50),
    log: (l) => console.log(l),
    keep: args.includes('--keep'),
    ...(at >= 0 && args[at + 1] ? { db: args[at + 1] } : {}),
  });
}
