// `npm run eval:extraction`: precision and recall of task and target extraction on the real gazette, against
// the hand-labelled gold in test/gold/. Prints the figures, then every difference (漏提/多提/错误).
// Exit code 1 when a figure is below --min (default 0, i.e. report only).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGazette } from '../gazette/parse.ts';
import { extractCommitments } from './extract.ts';
import { type GoldTarget, type GoldTask, type Scope, type Score, scoreTargets, scoreTasks } from './score.ts';

const here = dirname(fileURLToPath(import.meta.url));
const goldDir = resolve(here, '../../test/gold');

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function line(name: string, s: Score): string {
  return `${name}: gold ${s.gold}, extracted ${s.extracted}, correct ${s.correct}, precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`;
}

function main(): number {
  const scope = JSON.parse(readFileSync(resolve(goldDir, 'xiangyuan-2023-03.scope.json'), 'utf8')) as {
    source: string;
    tasks: Scope[];
    targets: Scope[];
  };
  const seed = resolve(here, '../..', scope.source);
  if (!existsSync(seed)) {
    console.error(`找不到真实公报 ${seed}，无法评测。`);
    return 2;
  }
  const text = readFileSync(seed, 'utf8');
  const result = extractCommitments(parseGazette(text), { source: text });
  const tasks = scoreTasks(
    jsonl<GoldTask>(resolve(goldDir, 'xiangyuan-2023-03.tasks.jsonl')),
    result.tasks,
    scope.tasks,
  );
  const targets = scoreTargets(
    jsonl<GoldTarget>(resolve(goldDir, 'xiangyuan-2023-03.targets.jsonl')),
    result.targets,
    scope.targets,
  );
  console.log(line('tasks', tasks));
  console.log(line('targets', targets));
  const verbose = !process.argv.includes('--quiet');
  if (verbose) {
    for (const [name, s] of [
      ['tasks', tasks],
      ['targets', targets],
    ] as const) {
      if (s.errors.length === 0) continue;
      console.log(`\n# ${name} differences (${s.errors.length})`);
      for (const e of s.errors) console.log(`  ${e}`);
    }
  }
  const minArg = process.argv.indexOf('--min');
  const min = minArg >= 0 ? Number(process.argv[minArg + 1]) : 0;
  return [tasks.precision, tasks.recall, targets.precision, targets.recall].some((v) => v < min) ? 1 : 0;
}

process.exitCode = main();
