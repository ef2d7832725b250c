import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { migrate, type Db } from '../src/platform/db.ts';
import { seed } from './supervision.bench.ts';
import { runSweep } from '../src/supervision/sweepStore.ts';
import { DEFAULT_SETTINGS } from '../src/supervision/types.ts';
const dialect = process.argv[2] ?? 'sqlite';
const n = Number(process.argv[3] ?? 100000);
const stats = new Map<string, { n: number; ms: number }>();
let on = false;
const log = (e: any) => { if (!on) return; const k = e.query.sql.replace(/\$\d+|\?/g, '?').replace(/(\?, )+\?/g, '…').slice(0, 90); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); };
let db: Db;
if (dialect === 'postgres') {
  const schema = `prof_${process.pid}`;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' }); await admin.connect(); await admin.query(`CREATE SCHEMA ${schema}`); await admin.end();
  const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 10, options: `-c search_path=${schema}` });
  db = { db: new Kysely<any>({ dialect: new PostgresDialect({ pool }), log }), dialect: 'postgres', location: schema, schema, close: async () => {} } as any;
} else {
  db = { db: new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }), log }), dialect: 'sqlite', location: ':memory:', close: async () => {} } as any;
}
await migrate(db);
await seed(db, n);
const NOW = new Date('2023-10-23T09:00:00+08:00');
let t = performance.now();
await runSweep(db, '140423', { now: NOW, settings: DEFAULT_SETTINGS });
console.log('first', performance.now() - t);
const phase = async (name: string, opts: any) => {
  stats.clear(); on = true;
  const t0 = performance.now();
  const r = await runSweep(db, '140423', { settings: DEFAULT_SETTINGS, ...opts });
  const total = performance.now() - t0; on = false;
  let q = 0; for (const s of stats.values()) q += s.ms;
  console.log(`${name}: ${total.toFixed(0)} ms, queries ${q.toFixed(0)} ms, examined ${r.examined}, recorded ${JSON.stringify(r.recorded)}`);
  for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) console.log(`   ${s.ms.toFixed(0).padStart(6)} ms ${String(s.n).padStart(5)}× ${k}`);
};
const { Session } = await import('node:inspector/promises');
const sess = new Session(); sess.connect(); await sess.post('Profiler.enable'); await sess.post('Profiler.start');
await phase('resync', { now: new Date(NOW.getTime() + 7_200_000), full: true });
const { profile } = await sess.post('Profiler.stop');
(await import('node:fs')).writeFileSync('/tmp/prof/resync.cpuprofile', JSON.stringify(profile));
await phase('next-day', { now: new Date(NOW.getTime() + 86_400_000) });
if (dialect === 'postgres') { const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' }); await admin.connect(); await admin.query(`DROP SCHEMA ${(db as any).schema} CASCADE`); await admin.end(); }
process.exit(0);
