// Evaluation benchmark: scoring 1,000 entities × 30 items (ranks, bands, completion, counts, proportional,
// manual; two assessors blended 40/60; bonuses, penalties, vetoes; quota grading). Median of repeated runs
// after warm-up; input parsing (parseScoreInput) is reported separately, and so is scoring with every one of the
// 30,000 one-line explanations built (they are built when read). Target: evaluation-score-median-ms ≤ 50.
// Baseline in the same run: the irreducible work — sorting each rank item's 2 × 1,000 values and summing
// 60,000 numbers — so the ratio says what the engine costs beyond that.
import { score } from '../src/evaluation/engine.ts';
import { parseScoreInput } from '../src/evaluation/input.ts';
import { type RubricInput, validateRubric } from '../src/evaluation/rubric.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const RANK = 12;

export function makeBenchRubric(): RubricInput {
  type ItemIn = RubricInput['categories'][number]['items'][number];
  const items: ItemIn[] = [];
  for (let i = 0; i < RANK; i++)
    items.push({
      id: `rank-${i}`,
      title: `排名${i}`,
      max: 10,
      clause: 'bench',
      rule: { type: 'rank', first: 10, step: 0.5 },
    });
  for (let i = 0; i < 6; i++)
    items.push({
      id: `tier-${i}`,
      title: `分段${i}`,
      max: 10,
      clause: 'bench',
      input: { label: `比例${i}`, unit: '%', min: 0, max: 100 },
      rule: {
        type: 'tiered',
        bands: [
          { min: 60, points: 10 },
          { min: 40, max: 60, points: 5 },
          { max: 40, points: 0 },
        ],
      },
    });
  for (let i = 0; i < 5; i++)
    items.push({
      id: `done-${i}`,
      title: `完成${i}`,
      max: 10,
      clause: 'bench',
      rule: { type: 'completion', target: 50 },
    });
  for (let i = 0; i < 4; i++)
    items.push({
      id: `count-${i}`,
      title: `计次${i}`,
      max: 10,
      clause: 'bench',
      rule: { type: 'count', per: 2, cap: 10 },
    });
  for (let i = 0; i < 2; i++)
    items.push({
      id: `prop-${i}`,
      title: `折算${i}`,
      max: 10,
      clause: 'bench',
      rule: { type: 'proportional', target: 80 },
    });
  items.push({ id: 'manual-0', title: '人工', max: 10, clause: 'bench', rule: { type: 'manual' } });
  return {
    id: 'bench',
    title: '基准',
    docNumber: '基准',
    source: '基准',
    maxScore: 100,
    assessors: [
      { id: 'self', title: '自查自评', weight: 40, clause: 'bench' },
      { id: 'department', title: '部门评价', weight: 60, clause: 'bench' },
    ],
    categories: [
      { id: 'a', title: 'A', weight: 50, max: 150, clause: 'bench', items: items.slice(0, 15) },
      { id: 'b', title: 'B', weight: 50, max: 150, clause: 'bench', items: items.slice(15) },
    ],
    bonuses: {
      cap: 10,
      clause: 'bench',
      items: [{ id: 'b1', title: '加分', clause: 'bench', levels: [{ id: 'x', title: 'x', points: 5 }] }],
    },
    penalties: [{ id: 'p1', title: '扣分', per: 2, clause: 'bench' }],
    vetoes: [{ id: 'v1', title: '否决', clause: 'bench' }],
    grading: {
      method: 'quota',
      clause: 'bench',
      grades: [
        { id: 'g1', title: '优秀', count: 3 },
        { id: 'g2', title: '良好', count: 3 },
      ],
    },
    flags: [{ id: 'f1', title: '低于60', below: 60, clause: 'bench' }],
  };
}

export function makeBenchEntities(n: number): Record<string, unknown>[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const values = () => {
    const v: Record<string, unknown> = {};
    for (let i = 0; i < RANK; i++) v[`rank-${i}`] = Math.round(rnd() * 10000);
    for (let i = 0; i < 6; i++) v[`tier-${i}`] = Math.round(rnd() * 1000) / 10;
    for (let i = 0; i < 5; i++) v[`done-${i}`] = Math.round(rnd() * 100);
    for (let i = 0; i < 4; i++) v[`count-${i}`] = Math.floor(rnd() * 8);
    for (let i = 0; i < 2; i++) v[`prop-${i}`] = Math.round(rnd() * 100);
    v['manual-0'] = { points: Math.round(rnd() * 10), justification: '基准' };
    return v;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    name: `单位${i}`,
    assessments: { self: values(), department: values() },
    ...(i % 10 === 0 ? { bonuses: [{ id: 'b1', level: 'x' }], penalties: [{ id: 'p1', count: 1 }] } : {}),
    ...(i % 97 === 0 ? { vetoes: ['v1'] } : {}),
  }));
}

export async function benchEvaluation(opts: { log: (line: string) => void; quick?: boolean }): Promise<void> {
  const runs = opts.quick ? 9 : 31;
  const rubric = validateRubric(makeBenchRubric());
  const raw = { entities: makeBenchEntities(1000) };
  const input = parseScoreInput(rubric, raw);
  let sink = 0;
  for (let i = 0; i < 5; i++) sink += score(rubric, input).entities.length;
  const scoring: number[] = [];
  const parsing: number[] = [];
  const explaining: number[] = [];
  const baseline: number[] = [];
  const nums = input.entities.map((e) =>
    [...(e.values.get('self')?.values() ?? [])].map((v) => (v.value.kind === 'number' ? v.value.n : 1)),
  );
  // Each figure in its own loop, so that one measurement's garbage is not collected inside another's.
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = score(rubric, input);
    scoring.push(performance.now() - t0);
    sink += res.entities[0]?.final ?? 0;
  }
  for (let i = 0; i < runs; i++) {
    const t2 = performance.now();
    for (let k = 0; k < 2 * RANK; k++) {
      const col = nums.map((row) => row[k % RANK] as number);
      col.sort((a, b) => b - a);
      sink += col[0] as number;
    }
    let s = 0;
    for (let r = 0; r < 2; r++) for (const row of nums) for (const x of row) s += x;
    sink += s;
    baseline.push(performance.now() - t2);
  }
  for (let i = 0; i < runs; i++) {
    const te = performance.now();
    for (const e of score(rubric, input).entities) for (const it of e.items) sink += it.explain.length;
    explaining.push(performance.now() - te);
  }
  for (let i = 0; i < runs; i++) {
    const t1 = performance.now();
    sink += parseScoreInput(rubric, raw).entities.length;
    parsing.push(performance.now() - t1);
  }
  const m = median(scoring);
  const b = median(baseline);
  opts.log('# evaluation: 1000 entities × 30 items, 2 assessors (40/60)');
  opts.log(`evaluation-score-median-ms: ${m.toFixed(2)}`);
  opts.log(`evaluation-score-with-all-explanations-median-ms: ${median(explaining).toFixed(2)}`);
  opts.log(`evaluation-parse-input-median-ms: ${median(parsing).toFixed(2)}`);
  opts.log(`evaluation-baseline-sort-sum-median-ms: ${b.toFixed(3)}`);
  opts.log(`evaluation-vs-baseline-ratio: ${(m / b).toFixed(1)}`);
  if (sink === Number.MIN_VALUE) opts.log(String(sink));
}
