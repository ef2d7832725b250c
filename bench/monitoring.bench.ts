// Monitoring benchmarks (issue #8):
//   1. attainment for 10,000 indicators × 200 units × 10 periods (20 million judgements: the status of every
//      series as of every period, each through the engine's `judgeSeries`, the same judgement as `judge`) ≤ 1 s —
//      against a same-run baseline that only sums the same 20 M values;
//   2. the traffic-light matrix of a plan (200 indicators × 10 annual periods, 100 reporting units' values in the
//      table) p95 ≤ 50 ms on SQLite and, when DATABASE_URL is set, PostgreSQL.
//   npx tsx bench/monitoring.bench.ts            (or through `npm run bench`)
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Actor } from '../src/access/roles.ts';
import {
  compileTarget,
  JudgeOut,
  judgeSeries,
  PreparedSeries,
  STATUSES,
  type TargetSpec,
} from '../src/monitoring/attainment.ts';
import { createPlan, trafficLightMatrix } from '../src/monitoring/store.ts';
import { prng } from '../src/platform/prng.ts';
import { openTestDatabase } from '../src/platform/testing.ts';

const TENANT = '140423';
const admin: Actor = { id: null, username: 'bench', displayName: 'bench', role: 'admin', unit: null };

function targets(n: number, rnd: () => number): TargetSpec[] {
  const ops: TargetSpec['op'][] = ['>=', '<=', '=', '~', 'increase', 'decrease'];
  return Array.from({ length: n }, (_, i) => {
    const op = ops[i % ops.length] as TargetSpec['op'];
    const relative = op === 'decrease' ? 'percent' : null;
    return {
      op,
      value: op === 'increase' ? null : op === 'decrease' ? 20 : 50 + rnd() * 50,
      year: 2025,
      relative,
      direction: op === '=' ? 'higher' : null,
      scale: null,
      tolerance: null,
    };
  });
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

export interface MonitoringBenchOptions {
  log: (line: string) => void;
  quick?: boolean;
}

export async function benchMonitoringAttainment(o: MonitoringBenchOptions): Promise<void> {
  const IND = 10_000;
  const UNITS = 200;
  const PERIODS = 10;
  const rnd = prng(8);
  const specs = targets(IND, rnd);
  const series = IND * UNITS;
  const base = new Float64Array(series);
  const values = new Float64Array(series * PERIODS);
  for (let k = 0; k < series; k++) {
    const b = 40 + rnd() * 40;
    base[k] = b;
    const pace = (rnd() - 0.3) * 6;
    for (let p = 0; p < PERIODS; p++) values[k * PERIODS + p] = b + pace * (p + 1) + (rnd() - 0.5) * 2;
  }
  const times = Float64Array.from({ length: PERIODS }, (_, p) => 2021 + p * 0.4); // 10 periods within 2021–2025
  const counts = new Float64Array(STATUSES.length);
  const out = new JudgeOut();
  const series1 = new PreparedSeries();
  const codes = new Uint8Array(PERIODS);
  let cpuMs = 0;
  const run = () => {
    counts.fill(0);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < IND; i++) {
      const ct = compileTarget(specs[i] as TargetSpec);
      for (let u = 0; u < UNITS; u++) {
        const k = i * UNITS + u;
        // every period of the series judged by the engine (judgeSeries = judge on each period, baseline resolved once)
        judgeSeries(ct, 2020, base[k] as number, times, values, k * PERIODS, PERIODS, codes, 0, series1, out);
        for (let p = 0; p < PERIODS; p++) {
          const c = codes[p] as number;
          counts[c] = (counts[c] as number) + 1;
        }
      }
    }
    const wall = performance.now() - t0;
    cpuMs = process.cpuUsage(c0).user / 1000;
    return wall;
  };
  const baseline = () => {
    const t0 = performance.now();
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[k] as number;
    if (sum === 42) o.log('');
    return performance.now() - t0;
  };
  run(); // warm-up
  const runs = [run(), run(), run()];
  const baseRuns = [baseline(), baseline(), baseline()];
  const ms = percentile(runs, 50);
  const bms = percentile(baseRuns, 50);
  o.log(
    `# monitoring attainment: ${IND} indicators × ${UNITS} units × ${PERIODS} periods = ${(series * PERIODS) / 1e6} M judgements`,
  );
  o.log(`monitoring-attain-20m-median-ms: ${ms.toFixed(0)}`);
  o.log(`monitoring-attain-20m-last-run-cpu-ms: ${cpuMs.toFixed(0)}`);
  o.log(`# (wall time includes waiting for a CPU on a loaded machine; CPU time is this process's user time)`);
  o.log(`monitoring-attain-sum-baseline-median-ms: ${bms.toFixed(1)}`);
  o.log(`monitoring-attain-vs-sum-ratio: ${(ms / bms).toFixed(1)}`);
  o.log(`monitoring-attain-status-counts: ${STATUSES.map((s, i) => `${s}=${counts[i]}`).join(' ')}`);
}

async function matrixBench(dialect: 'sqlite' | 'postgres', o: MonitoringBenchOptions): Promise<void> {
  const IND = 200;
  const UNITS = o.quick ? 20 : 100;
  const PERIODS = 10;
  const { db, dispose } = await openTestDatabase(dialect, { sqliteFile: true });
  try {
    const plan = await createPlan(db, TENANT, { name: '基准规划', baseYear: 2020, targetYear: 2030 }, admin);
    const rnd = prng(12);
    const at = new Date().toISOString();
    const units = Array.from({ length: UNITS }, (_, u) => `单位${u + 1}`);
    const ids: number[] = [];
    const spec = targets(IND, rnd);
    for (let i = 0; i < IND; i += 100) {
      const rows = await db.db
        .insertInto('monitoring_indicators')
        .values(
          spec.slice(i, i + 100).map((t, k) => ({
            tenant: TENANT,
            plan_id: plan.id,
            domain: `领域${(i + k) % 8}`,
            code: `B${i + k}`,
            name: `指标${i + k}`,
            measure_unit: '%',
            baseline_year: 2020,
            baseline_value: 50,
            target_json: JSON.stringify(t),
            attribute: (i + k) % 3 === 0 ? 'binding' : 'expected',
            direction: t.direction,
            responsible_unit: units[(i + k) % UNITS] as string,
            reporting_units: JSON.stringify(units),
            frequency: 'annual',
            data_source: null,
            validation_json: '{}',
            fluctuation_json: '{}',
            dhis2_data_element: null,
            dhis2_coc: null,
            commitment_id: null,
            citation: null,
            created_at: at,
            updated_at: at,
          })),
        )
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    const batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (batch.length)
        await db.db
          .insertInto('monitoring_values')
          .values(batch.splice(0) as never)
          .execute();
    };
    for (const id of ids)
      for (const unit of units)
        for (let p = 0; p < PERIODS; p++) {
          const v = 50 + (rnd() - 0.3) * 10 * (p + 1);
          batch.push({
            tenant: TENANT,
            indicator_id: id,
            unit,
            period: String(2021 + p),
            period_time: 2021 + p,
            value: v,
            value_text: v.toFixed(2),
            status: p % 2 ? 'approved' : 'submitted',
            explanation: null,
            violations: '[]',
            comment: null,
            submitted_by: 'bench',
            submitted_at: at,
            approved_by: null,
            approved_at: null,
            reopen_reason: null,
            version: 1,
          });
          if (batch.length >= 1000) await flush();
        }
    await flush();
    if (dialect === 'postgres') await sql`ANALYZE`.execute(db.db);
    for (let i = 0; i < 5; i++) await trafficLightMatrix(db, TENANT, plan.id);
    const times: number[] = [];
    let cells = 0;
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const m = await trafficLightMatrix(db, TENANT, plan.id);
      times.push(performance.now() - t0);
      cells = m.rows.reduce((n, r) => n + r.cells.filter(Boolean).length, 0);
    }
    const pub: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await trafficLightMatrix(db, TENANT, plan.id, { approvedOnly: true });
      pub.push(performance.now() - t0);
    }
    o.log(
      `# monitoring matrix (${dialect}): ${IND} indicators × ${PERIODS} periods, ${IND * UNITS * PERIODS} values in the table, ${cells} cells`,
    );
    o.log(`monitoring-matrix-${dialect}-p95-ms: ${percentile(times, 95).toFixed(1)}`);
    o.log(`monitoring-matrix-${dialect}-median-ms: ${percentile(times, 50).toFixed(1)}`);
    o.log(`monitoring-matrix-public-${dialect}-p95-ms: ${percentile(pub, 95).toFixed(1)}`);
  } finally {
    await dispose();
  }
}

export async function benchMonitoringMatrix(o: MonitoringBenchOptions): Promise<void> {
  await matrixBench('sqlite', o);
  if (process.env.DATABASE_URL) await matrixBench('postgres', o);
  else o.log('# monitoring matrix (postgres): skipped, DATABASE_URL not set');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const o = { log: (l: string) => console.log(l), quick: process.argv.includes('--quick') };
  await benchMonitoringAttainment(o);
  await benchMonitoringMatrix(o);
}
