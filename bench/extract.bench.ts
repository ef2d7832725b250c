// Extraction benchmark: units, tasks, targets, groups, phases and projects over the whole seed, median of
// repeated runs after warm-up. The parse is done once outside the timed loop and reported separately as
// parse+extract, so the figure is the extractor's own cost. Target: extract-seed-median-ms ≤ 200.
import { extractCommitments } from '../src/commitments/extract.ts';
import { parseGazette } from '../src/gazette/parse.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function benchExtract(opts: {
  text: string;
  log: (line: string) => void;
  quick?: boolean;
}): Promise<void> {
  const runs = opts.quick ? 9 : 31;
  const issue = parseGazette(opts.text);
  let sink = 0;
  for (let i = 0; i < 10; i++) sink += extractCommitments(issue, { source: opts.text }).tasks.length;
  const xs: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = extractCommitments(issue, { source: opts.text });
    xs.push(performance.now() - t0);
    sink += r.targets.length;
    const t1 = performance.now();
    sink += extractCommitments(parseGazette(opts.text), { source: opts.text }).groups.length;
    both.push(performance.now() - t1);
  }
  const r = extractCommitments(issue, { source: opts.text });
  opts.log(
    `# extract: ${r.orgs.length} orgs, ${r.tasks.length} tasks, ${r.targets.length} targets, ${r.groups.length} groups, ${r.phases.length} phases, ${r.projects.length} projects, ${r.findings.length} findings`,
  );
  opts.log(`extract-seed-median-ms: ${median(xs).toFixed(2)}`);
  opts.log(`parse-and-extract-seed-median-ms: ${median(both).toFixed(2)}`);
  if (sink < 0) opts.log(String(sink));
}
