// Benchmarks of issue #9 part 1, each with a baseline measured in the same run:
//   - pre-flight of a 1,500-字 请示 and of a 5,000-字 notice (src/docflow/preflight.ts) against counting its 字 alone;
//   - compiling the seed issue to text (src/gazette/compile.ts) and to .docx, against parsing the seed;
//   - assigning a 发文字号 (src/register/store.ts assignNumber: one transaction with its audit row) against
//     peeking the next one (the same reads without the write), on SQLite in a temporary file.
//   npx tsx bench/docflow.bench.ts      (or through `npm run bench`)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliActor } from '../src/access/audit.ts';
import { countChars } from '../src/docflow/count.ts';
import { preflight } from '../src/docflow/preflight.ts';
import { compileGazette } from '../src/gazette/compile.ts';
import { compileDocx } from '../src/gazette/compileDocx.ts';
import { parseGazette } from '../src/gazette/parse.ts';
import { openDb } from '../src/platform/db.ts';
import { assignNumber, peekNext } from '../src/register/store.ts';

interface Options {
  text: string;
  log: (line: string) => void;
  quick?: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function time(fn: () => unknown, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

async function timeAsync(fn: (i: number) => Promise<unknown>, runs: number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return median(out);
}

function draft(chars: number, type: '请示' | '通知'): string {
  const head =
    type === '请示'
      ? '关于申请拨付农村饮水安全维修资金的请示\n\n县人民政府：\n\n'
      : '关于做好冬季供暖工作的通知\n\n各镇人民政府：\n\n';
  const sentence = '今年汛期我县部分村庄供水管网受损，群众饮水受到影响，经测算维修需资金85万元。';
  let body = '';
  while (countChars(head + body) < chars) body += `${sentence}\n`;
  return `${head}${body}恳请县人民政府拨付维修资金。\n妥否，请批示。\n`;
}

export async function benchDocflow(o: Options): Promise<void> {
  const runs = o.quick ? 50 : 300;
  for (const [name, text, type] of [
    ['request-1500', draft(1500, '请示'), '请示'],
    ['notice-5000', draft(5000, '通知'), '通知'],
  ] as const) {
    const pf = time(() => preflight({ text, type }), runs);
    const base = time(() => countChars(text), runs);
    o.log(`docflow-preflight-${name}-median-ms: ${pf.toFixed(3)}`);
    o.log(`docflow-count-${name}-median-ms: ${base.toFixed(3)}`);
    o.log(`docflow-preflight-vs-count-${name}-ratio: ${(pf / base).toFixed(1)}`);
  }

  const issue = parseGazette(o.text);
  const input = { cover: issue, documents: issue.documents };
  const n = o.quick ? 5 : 20;
  const parseMs = time(() => parseGazette(o.text), n);
  const compileMs = time(() => compileGazette(input), n);
  const docxMs = await timeAsync(() => compileDocx(input), o.quick ? 3 : 10);
  o.log(`gazette-compile-seed-median-ms: ${compileMs.toFixed(2)}`);
  o.log(`gazette-compile-docx-seed-median-ms: ${docxMs.toFixed(1)}`);
  o.log(`gazette-parse-seed-baseline-median-ms: ${parseMs.toFixed(2)}`);
  o.log(`gazette-compile-vs-parse-ratio: ${(compileMs / parseMs).toFixed(2)}`);

  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-register-'));
  const db = await openDb({ file: join(dir, 'bench.db') });
  try {
    const actor = cliActor('bench');
    const k = o.quick ? 50 : 300;
    const assign = await timeAsync(
      (i) =>
        assignNumber(
          db,
          '140423',
          {
            agency: '襄政办发',
            year: 2024,
            title: `基准测试公文第${i + 1}件`,
            signedOn: '2024-03-01',
            disclosure: 'public',
          },
          actor,
        ),
      k,
    );
    const peek = await timeAsync(() => peekNext(db, '140423', '襄政办发', 2024), k);
    o.log(`register-assign-sqlite-median-ms: ${assign.toFixed(3)}`);
    o.log(`register-peek-sqlite-baseline-median-ms: ${peek.toFixed(3)}`);
    o.log(`register-assign-vs-peek-ratio: ${(assign / peek).toFixed(1)}`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = resolve(import.meta.dirname, '../../shared/seeds/xiangyuan-gazette-2023-03.txt');
  await benchDocflow({ text: readFileSync(seed, 'utf8'), log: console.log, quick: process.argv.includes('--quick') });
}
