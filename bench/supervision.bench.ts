// Supervision benchmarks (issue #5 “How fast”): the sweep over 100,000 open items (≤ 2 s) and a liaison's
// inbox (src/supervision/store.ts inbox()) p95 (≤ 20 ms) with 100,000 items in the database — on SQLite and,
// when DATABASE_URL is set, on PostgreSQL. Baselines measured in the same run: reading every open item's row
// (the sweep's I/O alone) and an indexed count of the unit's open items (the inbox's query without the work).
//   npx tsx bench/supervision.bench.ts [--quick]      (or through `npm run bench`)
//
// Data: items built through the pure lifecycle (立项 → 交办 → 签收 → 研究部署 on realistic dates), cloned over
// 300 units (lead + one supporting unit each), assigned between 2023-09-18 and 2023-10-20 (one in six 重大复杂),
// 已交办 / 已签收 / 办理中 — two in five on track (deployed, fed back, the supporting unit reported); the sweep
// runs at 2023-10-23 09:00 (Beijing).
import { type Insertable, sql } from 'kysely';
import { addDays } from '../src/calendar/dates.ts';
import { type Db, openDb } from '../src/platform/db.ts';
import type { SupervisionItemsTable } from '../src/platform/schema.ts';
import { itemFirstDueOn, unitRowColumns } from '../src/supervision/inboxAttention.ts';
import { draftItem, transition } from '../src/supervision/lifecycle.ts';
import { inbox } from '../src/supervision/store.ts';
import { urgeColumn } from '../src/supervision/sweep.ts';
import { runSweep } from '../src/supervision/sweepStore.ts';
import { DEFAULT_SETTINGS, type SupervisionActor, type SupervisionItem } from '../src/supervision/types.ts';

const TENANT = '140423';
const UNITS = 300;
const NOW = new Date('2023-10-23T09:00:00+08:00');
const office: SupervisionActor = { id: 'office', name: '督查室', role: 'office' };
const liaison = (unit: string): SupervisionActor => ({ id: `l-${unit}`, name: `${unit}联络员`, role: 'liaison', unit });

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

function must(r: ReturnType<typeof transition>): SupervisionItem {
  if (!r.ok) throw new Error(r.error.message);
  return r.item;
}

/** Templates with placeholder units, one per (assignment day, state). */
function templates(): SupervisionItem[] {
  const out: SupervisionItem[] = [];
  for (let d = 0; d < 33; d += 2) {
    const day = addDays('2023-09-18', d);
    const t = (h: number) => `${day}T${String(9 + h).padStart(2, '0')}:00:00+08:00`;
    let item = must(
      draftItem(
        {
          id: 'T',
          title: '模板',
          category: d % 6 === 0 ? 'major' : 'ordinary',
          lead: '__LEAD__',
          supports: ['__SUP__'],
        },
        office,
        t(0),
      ),
    );
    item = must(transition(item, { type: 'assign' }, office, t(1), DEFAULT_SETTINGS));
    out.push(item);
    item = must(transition(item, { type: 'acknowledge' }, liaison('__LEAD__'), t(2), DEFAULT_SETTINGS));
    out.push(item);
    item = must(transition(item, { type: 'deploy', summary: '研究部署' }, liaison('__LEAD__'), t(3), DEFAULT_SETTINGS));
    out.push(item);
    // on track: the supporting unit reported and the lead fed back on the day of assignment
    item = must(transition(item, { type: 'acknowledge' }, liaison('__SUP__'), t(4), DEFAULT_SETTINGS));
    item = must(
      transition(item, { type: 'support_report', summary: '配合报送' }, liaison('__SUP__'), t(5), DEFAULT_SETTINGS),
    );
    item = must(
      transition(item, { type: 'feedback', summary: '进展反馈' }, liaison('__LEAD__'), t(6), DEFAULT_SETTINGS),
    );
    out.push(item, item);
  }
  return out;
}

export async function seed(db: Db, n: number): Promise<void> {
  const tpl = templates().map((t) => {
    const { history: _h, ...rest } = t;
    // the inbox's stored days, as the store writes them (src/supervision/inboxAttention.ts)
    return {
      item: t,
      json: JSON.stringify(rest),
      leadColumns: unitRowColumns(t, '__LEAD__'),
      supColumns: unitRowColumns(t, '__SUP__'),
    };
  });
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const items: Insertable<SupervisionItemsTable>[] = [];
    const units: {
      lead: string;
      support: string;
      leadAck: string | null;
      supportAck: string | null;
      leadColumns: ReturnType<typeof unitRowColumns>;
      supColumns: ReturnType<typeof unitRowColumns>;
    }[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const { item, json, leadColumns, supColumns } = tpl[i % tpl.length] as (typeof tpl)[number];
      const lead = `单位${String(i % UNITS).padStart(3, '0')}`;
      const sup = `单位${String((i * 7 + 13) % UNITS).padStart(3, '0')}`;
      const support = sup === lead ? `单位${String((i + 1) % UNITS).padStart(3, '0')}` : sup;
      const text = json.replaceAll('"__LEAD__"', JSON.stringify(lead)).replaceAll('"__SUP__"', JSON.stringify(support));
      items.push({
        tenant: TENANT,
        title: `督办事项 ${i + 1}`,
        text: null,
        source: 'manual' as const,
        document_id: null,
        e_id: null,
        citation: null,
        lead_unit: lead,
        support_units: JSON.stringify([support]),
        category: item.category,
        state: item.state,
        deadlines: JSON.stringify(item.deadlines),
        due_on: null,
        assigned_on: item.assignedOn,
        close_by: item.deadlines?.closeBy ?? null,
        returned_at: null,
        item_json: text.replace('"title":"模板"', `"title":"督办事项 ${i + 1}"`),
        version: item.version,
        created_at: item.createdAt,
        updated_at: item.updatedAt,
        closed_at: null,
        rating: null,
        commitment_id: null,
        urges: urgeColumn(item.urges),
        first_due_on: itemFirstDueOn(item),
      });
      units.push({
        lead,
        support,
        leadAck: item.units.find((u) => u.role === 'lead')?.acknowledgedAt ?? null,
        supportAck: item.units.find((u) => u.role === 'support')?.acknowledgedAt ?? null,
        leadColumns,
        supColumns,
      });
    }
    await db.db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('supervision_items').values(items).returning('id').execute();
      await trx
        .insertInto('supervision_item_units')
        .values(
          ids.flatMap((r, k) => {
            const u = units[k] as (typeof units)[number];
            return [
              {
                tenant: TENANT,
                item_id: r.id,
                unit: u.lead,
                role: 'lead' as const,
                acknowledged_at: u.leadAck,
                ...u.leadColumns,
              },
              {
                tenant: TENANT,
                item_id: r.id,
                unit: u.support,
                role: 'support' as const,
                acknowledged_at: u.supportAck,
                ...u.supColumns,
              },
            ];
          }),
        )
        .execute();
    });
  }
  if (db.dialect === 'postgres') await sql`ANALYZE`.execute(db.db);
  else await sql`ANALYZE`.execute(db.db);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

export interface SupervisionFigures {
  dialect: string;
  items: number;
  seedS: number;
  firstSweepMs: number;
  firstSweepRecorded: number;
  steadySweepMs: number;
  /** The same steady sweep with `full: true` (every open item read: the resync after a settings change). */
  resyncSweepMs: number;
  /** The next day's sweep (NOW + 24 h): the items whose sweep_due_on has come, and the steps they now owe. */
  nextDaySweepMs: number;
  nextDayExamined: number;
  nextDayRecorded: number;
  readBaselineMs: number;
  inboxP95Ms: number;
  /** p95 of the inbox when one item in ten is open (the rest archived). */
  inboxMixedP95Ms: number;
  inboxItems: number;
  countBaselineP95Ms: number;
}

export async function measure(db: Db, n: number, log: (l: string) => void): Promise<SupervisionFigures> {
  const [, seedMs] = await timed(() => seed(db, n));
  // baseline: read every open item's row (what the sweep must read)
  const [, readBaselineMs] = await timed(async () => {
    let last = 0;
    for (;;) {
      const rows = await db.db
        .selectFrom('supervision_items')
        .select(['id', 'version', 'item_json'])
        .where('tenant', '=', TENANT)
        .where('state', 'in', ['assigned', 'acknowledged', 'in_progress'])
        .where('id', '>', last)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (!rows.length) break;
      for (const r of rows) JSON.parse(r.item_json);
      last = rows[rows.length - 1]?.id as number;
    }
  });
  const [first, firstSweepMs] = await timed(() => runSweep(db, TENANT, { now: NOW, settings: DEFAULT_SETTINGS }));
  const recorded = first.recorded.urge + first.recorded.notice + first.recorded.interview;
  const [, steadySweepMs] = await timed(() =>
    runSweep(db, TENANT, { now: new Date(NOW.getTime() + 3_600_000), settings: DEFAULT_SETTINGS }),
  );
  const [, resyncSweepMs] = await timed(() =>
    runSweep(db, TENANT, { now: new Date(NOW.getTime() + 7_200_000), settings: DEFAULT_SETTINGS, full: true }),
  );
  const [next, nextDaySweepMs] = await timed(() =>
    runSweep(db, TENANT, { now: new Date(NOW.getTime() + 86_400_000), settings: DEFAULT_SETTINGS }),
  );
  const inboxRun = async (label: string) => {
    const times: number[] = [];
    const counts: number[] = [];
    let shown = 0;
    for (let k = 0; k < 45; k++) {
      const unit = `单位${String((k * 37) % UNITS).padStart(3, '0')}`;
      const [box, ms] = await timed(() => inbox(db, TENANT, unit, { now: NOW, settings: DEFAULT_SETTINGS }));
      if (k >= 5) times.push(ms);
      shown = Math.max(shown, new Set([...box.toSign, ...box.overdue, ...box.dueSoon].map((e) => e.id)).size);
      const [, cms] = await timed(() =>
        db.db
          .selectFrom('supervision_item_units as u')
          .innerJoin('supervision_items as i', 'i.id', 'u.item_id')
          .where('u.tenant', '=', TENANT)
          .where('u.unit', '=', unit)
          .where('i.state', 'in', ['assigned', 'acknowledged', 'in_progress'])
          .select((eb) => eb.fn.countAll().as('c'))
          .execute(),
      );
      if (k >= 5) counts.push(cms);
    }
    const open = Number(
      (
        await db.db
          .selectFrom('supervision_items')
          .select((eb) => eb.fn.countAll().as('c'))
          .where('state', 'in', ['assigned', 'acknowledged', 'in_progress'])
          .executeTakeFirstOrThrow()
      ).c,
    );
    return {
      label,
      p95: percentile(times, 95),
      median: percentile(times, 50),
      shown,
      count: percentile(counts, 95),
      open,
    };
  };
  const allOpen = await inboxRun('all-open');
  // a county's database after a few years: most items closed and archived, one in ten open
  await db.db.updateTable('supervision_items').set({ state: 'archived' }).where(sql<boolean>`id % 10 <> 0`).execute();
  // as the store does when it archives an item: its rows leave every inbox
  await db.db
    .updateTable('supervision_item_units')
    .set({ attention_on: null, first_due_on: null })
    .where(sql<boolean>`item_id % 10 <> 0`)
    .execute();
  await sql`ANALYZE`.execute(db.db);
  const mixed = await inboxRun('mixed');
  const inboxTimes = [allOpen.p95];
  const countTimes = [allOpen.count];
  const inboxItems = allOpen.shown;
  const f: SupervisionFigures = {
    dialect: db.dialect,
    items: n,
    seedS: seedMs / 1000,
    firstSweepMs,
    firstSweepRecorded: recorded,
    steadySweepMs,
    resyncSweepMs,
    nextDaySweepMs,
    nextDayExamined: next.examined,
    nextDayRecorded: next.recorded.urge + next.recorded.notice + next.recorded.interview,
    readBaselineMs,
    inboxP95Ms: percentile(inboxTimes, 95),
    inboxMixedP95Ms: mixed.p95,
    inboxItems,
    countBaselineP95Ms: percentile(countTimes, 95),
  };
  const p = `supervision-${db.dialect}`;
  log(`# supervision (${db.dialect}): ${n} open items over ${UNITS} units, seeded in ${f.seedS.toFixed(1)} s`);
  log(`${p}-sweep-first-ms: ${f.firstSweepMs.toFixed(0)}  (${recorded} ladder records + notifications written)`);
  log(`${p}-sweep-steady-ms: ${f.steadySweepMs.toFixed(0)}`);
  log(`${p}-sweep-resync-ms: ${f.resyncSweepMs.toFixed(0)}  (full: every open item read, nothing new)`);
  log(
    `${p}-sweep-next-day-ms: ${f.nextDaySweepMs.toFixed(0)}  (${f.nextDayExamined} items read, ${f.nextDayRecorded} steps recorded)`,
  );
  log(`${p}-sweep-read-baseline-ms: ${f.readBaselineMs.toFixed(0)}`);
  log(`${p}-sweep-steady-vs-read-ratio: ${(f.steadySweepMs / f.readBaselineMs).toFixed(1)}`);
  for (const r of [allOpen, mixed]) {
    log(
      `${p}-inbox-${r.label}-p95-ms: ${r.p95.toFixed(1)}  (median ${r.median.toFixed(1)}; ${r.open} open of ${n} items; up to ${r.shown} shown in one inbox)`,
    );
    log(`${p}-inbox-${r.label}-count-baseline-p95-ms: ${r.count.toFixed(2)}`);
    log(`${p}-inbox-${r.label}-vs-count-ratio: ${(r.p95 / r.count).toFixed(1)}`);
  }
  return f;
}

export async function benchSupervision(opts: {
  quick?: boolean;
  log: (l: string) => void;
  /** Only one dialect (`npx tsx bench/supervision.bench.ts --only=postgres`). */
  only?: string;
}): Promise<void> {
  const n = opts.quick ? 10_000 : 100_000;
  if (opts.only !== 'postgres') {
    const sqlite = await openDb({ file: ':memory:' });
    try {
      await measure(sqlite, n, opts.log);
    } finally {
      await sqlite.close();
    }
  }
  if (opts.only === 'sqlite') return;
  const url = process.env.DATABASE_URL;
  if (!url) {
    opts.log('# supervision (postgres): skipped, DATABASE_URL not set');
    return;
  }
  const schema = `bench_supervision_${process.pid}`;
  const pgDb = await openDb({ url, schema });
  try {
    await measure(pgDb, n, opts.log);
  } finally {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(pgDb.db);
    await pgDb.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  await benchSupervision({
    quick: process.argv.includes('--quick'),
    log: (l) => console.log(l),
    ...(only ? { only } : {}),
  });
}
