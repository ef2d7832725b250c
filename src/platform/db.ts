// Dialect factory: the only place that knows how to open SQLite (better-sqlite3, WAL) or
// PostgreSQL (pg). Everything else talks to a Kysely<Database> and asks `dialect` only for the
// few statements that differ (full-text search), behind one function per capability.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Human-readable location (file path or URL without password). */
  location: string;
  /** PostgreSQL schema, when the database lives in its own schema (tests). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… URL; when given, PostgreSQL is used. */
  url?: string;
  /** SQLite file path (default ./data/luoshi.db); ':memory:' for tests. */
  file?: string;
  /** PostgreSQL schema to use (created if missing); for isolated tests. */
  schema?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
}

export const DEFAULT_DB_FILE = './data/luoshi.db';

export async function openDb(opts: OpenOptions = {}): Promise<Db> {
  const result = opts.url ? await openPostgres(opts.url, opts.schema) : openSqlite(opts.file ?? DEFAULT_DB_FILE);
  if (opts.migrate !== false) await migrate(result);
  return result;
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // memory-mapped reads: search median ≈ 8 → 5 ms on the 1,000-issue corpus (bench/store.bench.ts)
  if (file !== ':memory:') sqlite.pragma('mmap_size = 268435456');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = url.replace(/:[^:@/]*@/, ':***@') + (schema ? ` (schema ${schema})` : '');
  return { db, dialect: 'postgres', location, ...(schema ? { schema } : {}), close: () => db.destroy() };
}

export async function migrate(target: Db): Promise<void> {
  const provided: Record<string, Migration> = {};
  for (const m of migrations) provided[m.name] = m.build(target.dialect);
  // In a schema of its own, the migration tables must be looked up there: Kysely otherwise finds another
  // schema's kysely_migration_lock (parallel test schemas) and skips creating its own.
  const migrator = new Migrator({
    db: target.db,
    provider: { getMigrations: async () => provided },
    ...(target.schema ? { migrationTableSchema: target.schema } : {}),
    // Capabilities land their migrations in parallel (numbers are reserved per capability, e.g. 0011 may land
    // after 0012); each one only adds its own tables, so a database that has a higher number already applied
    // takes a lower one late instead of refusing to start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(error)}`);
  }
}

/** Open the database the environment asks for: DATABASE_URL if set, else the given SQLite file. */
export function openFromEnv(file?: string): Promise<Db> {
  const url = process.env.DATABASE_URL;
  return openDb(file || !url ? { file: file ?? DEFAULT_DB_FILE } : { url });
}
