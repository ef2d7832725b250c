// Rankings and 通报 benchmark: the pure rankings over many items (20,000; 2,000 with --quick) of 200 units, and
// the monthly 通报 files generated from them. Baseline in the same run: JSON.parse of the same items' stored JSON
// (what reading them from `item_json` costs at least), so the ratio is the rankings' own cost.

import { build } from '../src/supervision/rankings.testkit.ts';
import { monthPeriod, rankings } from '../src/supervision/rankings.ts';
import { reportDocx, reportXlsx } from '../src/supervision/report.ts';
import { DEFAULT_SETTINGS, type SupervisionItem } from '../src/supervision/types.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Ten archetypes driven through the lifecycle (on time, late, overdue, extended, returned …), cloned per unit. */
function corpus(n: number): SupervisionItem[] {
  const kinds = [
    build({
      id: 'a',
      lead: 'X',
      dueOn: '2023-06-20',
      apply: [{ on: '2023-06-19' }],
      close: { on: '2023-06-20', rating: '优秀' },
    }),
    build({
      id: 'b',
      lead: 'X',
      dueOn: '2023-06-12',
      apply: [{ on: '2023-06-14' }],
      close: { on: '2023-06-15', rating: '合格' },
    }),
    build({ id: 'c', lead: 'X', dueOn: '2023-06-16' }),
    build({ id: 'd', lead: 'X', assignedOn: '2023-05-04', dueOn: '2023-05-22' }),
    build({
      id: 'e',
      lead: 'X',
      dueOn: '2023-06-12',
      extend: { on: '2023-06-09', to: '2023-06-28' },
      apply: [{ on: '2023-06-27' }],
      close: { on: '2023-06-28', rating: '良好' },
    }),
    build({
      id: 'f',
      lead: 'X',
      dueOn: '2023-06-20',
      apply: [{ on: '2023-06-15', returnOn: '2023-06-16' }, { on: '2023-06-19' }],
      close: { on: '2023-06-20', rating: '良好' },
    }),
    build({ id: 'g', lead: 'X', dueOn: '2023-07-20' }),
    build({ id: 'h', lead: 'X', dueOn: '2023-06-20', apply: [{ on: '2023-06-19' }] }),
    build({
      id: 'i',
      lead: 'X',
      dueOn: '2023-06-09',
      apply: [{ on: '2023-06-08' }],
      close: { on: '2023-06-09', rating: '优秀' },
    }),
    build({ id: 'j', lead: 'X', dueOn: '2023-06-30' }),
  ];
  const out: SupervisionItem[] = [];
  for (let k = 0; k < n; k++) {
    const base = kinds[k % kinds.length] as SupervisionItem;
    const unit = `县单位${String(k % 200).padStart(3, '0')}`;
    out.push({
      ...base,
      id: String(k + 1),
      lead: unit,
      supports: k % 3 === 0 ? [`县单位${String((k + 7) % 200).padStart(3, '0')}`] : [],
    });
  }
  return out;
}

export async function benchRankings(opts: { quick?: boolean; log: (line: string) => void }): Promise<void> {
  const n = opts.quick ? 2_000 : 20_000;
  const items = corpus(n);
  const stored = items.map((i) => JSON.stringify({ ...i, history: [] })); // item_json keeps no history
  const period = monthPeriod('2023-06');
  const leaders = Array.from({ length: 10 }, (_, k) => ({
    leader: `副县长${k + 1}`,
    units: Array.from({ length: 20 }, (_, j) => `县单位${String(k * 20 + j).padStart(3, '0')}`),
  }));
  const input = { items, period, asOf: '2023-07-03', settings: DEFAULT_SETTINGS, leaders };
  const runs = opts.quick ? 5 : 11;
  let sink = 0;
  for (let i = 0; i < 2; i++) sink += rankings(input).lead.length;
  const xs: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += rankings(input).totals.due;
    xs.push(performance.now() - t0);
    const t1 = performance.now();
    for (const s of stored) sink += (JSON.parse(s) as SupervisionItem).version;
    base.push(performance.now() - t1);
  }
  const r = rankings(input);
  const xl: number[] = [];
  const dx: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    sink += (await reportXlsx(r, { month: '2023-06' })).length;
    xl.push(performance.now() - t0);
    const t1 = performance.now();
    sink += (await reportDocx(r, { month: '2023-06' })).length;
    dx.push(performance.now() - t1);
  }
  opts.log(`# rankings: ${n} items, ${r.lead.length} lead units, ${r.overdueItems.length} overdue items on the 通报`);
  opts.log(`rankings-${n}-items-median-ms: ${median(xs).toFixed(1)}`);
  opts.log(`rankings-baseline-json-parse-median-ms: ${median(base).toFixed(1)}`);
  opts.log(`rankings-vs-json-parse-ratio: ${(median(xs) / median(base)).toFixed(2)}`);
  opts.log(`report-xlsx-median-ms: ${median(xl).toFixed(0)}`);
  opts.log(`report-docx-median-ms: ${median(dx).toFixed(0)}`);
  if (sink < 0) opts.log(String(sink));
}
