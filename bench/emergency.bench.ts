// Emergency benchmark: the missed-deadline sweep (src/emergency/alarmStore.ts) over N open incidents, SQLite in
// memory — the first sweep (every incident has clocks due soon: 2 alarms each, inserted and notified, one
// transaction per alarm) and a repeated sweep (nothing new to raise) — against the baseline measured in the same
// run: reading the same incidents with their clocks (listIncidents + getIncident, the sweep's reads alone).
import { cliActor } from '../src/access/audit.ts';
import { sweepAlarms } from '../src/emergency/alarmStore.ts';
import { createIncident, getIncident, listIncidents } from '../src/emergency/store.ts';
import { openDb } from '../src/platform/db.ts';

const TENANT = '140423';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function benchAlarmSweep(opts: { quick: boolean; log: (line: string) => void }): Promise<void> {
  const n = opts.quick ? 50 : 200;
  const judged = Date.parse('2026-07-03T06:00:00Z');
  const now = new Date(judged + 21 * 60_000); // 9 minutes left on the 30-minute clocks: 2 due-soon alarms each
  const first: number[] = [];
  const repeat: number[] = [];
  const reads: number[] = [];
  let raised = 0;
  for (let run = 0; run < 3; run++) {
    const db = await openDb({ file: ':memory:' });
    try {
      for (let i = 0; i < n; i++) {
        await createIncident(db, TENANT, {
          status: 'Actual',
          title: `停电事件 ${i + 1}`,
          grid: 'county-city',
          loadMw: 300,
          lostLoadPct: 45,
          judgedAt: new Date(judged).toISOString(),
          actor: cliActor('bench'),
          now: new Date(judged),
        });
      }
      let t = performance.now();
      for (const s of await listIncidents(db, TENANT)) await getIncident(db, TENANT, s.id, now);
      reads.push(performance.now() - t);
      t = performance.now();
      raised = (await sweepAlarms(db, TENANT, { now })).raised.length;
      first.push(performance.now() - t);
      t = performance.now();
      await sweepAlarms(db, TENANT, { now });
      repeat.push(performance.now() - t);
    } finally {
      await db.close();
    }
  }
  const base = median(reads);
  opts.log(`# outage alarm sweep: ${n} open incidents, ${raised} alarms raised by the first sweep (SQLite in memory)`);
  opts.log(`outage-sweep-first-${n}-median-ms: ${median(first).toFixed(1)}`);
  opts.log(`outage-sweep-repeat-${n}-median-ms: ${median(repeat).toFixed(1)}`);
  opts.log(`outage-read-${n}-baseline-median-ms: ${base.toFixed(1)}`);
  opts.log(`outage-sweep-first-vs-read-ratio: ${(median(first) / base).toFixed(2)}`);
  opts.log(`outage-sweep-repeat-vs-read-ratio: ${(median(repeat) / base).toFixed(2)}`);
}
