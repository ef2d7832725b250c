// Test helpers for storage code: run the same tests on a fresh SQLite database and, when
// DATABASE_URL is set, on PostgreSQL in a fresh schema that is dropped afterwards. No mocks.
//
//   forEachDatabase('documents store', (t) => {
//     it('imports', async () => {
//       const r = await importIssue(t.db, …);   // t.db is a fresh, migrated Db for this test
//     });
//   });
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { type Db, type DialectName, openDb } from './db.ts';

export interface TestDatabase {
  /** The database of the running test (fresh and migrated before each test). */
  readonly db: Db;
  readonly dialect: DialectName;
}

export interface ForEachDatabaseOptions {
  /** SQLite in a temporary file instead of :memory: (e.g. to test WAL or reopen). */
  sqliteFile?: boolean;
}

/** Dialects the tests run on: always SQLite; PostgreSQL when DATABASE_URL is set. */
export function testDialects(): DialectName[] {
  return process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, migrated database of the given dialect, and a function that closes and removes it. */
export async function openTestDatabase(
  dialect: DialectName,
  opts: ForEachDatabaseOptions = {},
): Promise<{ db: Db; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    if (!opts.sqliteFile) {
      const db = await openDb({ file: ':memory:' });
      return { db, dispose: () => db.close() };
    }
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-test-'));
    const db = await openDb({ file: join(dir, 'test.db') });
    return {
      db,
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL 未设置，无法在 PostgreSQL 上运行测试。');
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = await withSchemaLock(url, () => openDb({ url, schema }));
  return {
    db,
    dispose: async () => {
      await db.close();
      await withSchemaLock(url, async (admin) => {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      });
    },
  };
}

/**
 * Creating (migrating) and dropping test schemas take turns across all test processes. Kysely's migrator
 * introspects the tables of every schema (pg_get_serial_sequence on each); a schema dropped by a parallel
 * test at that moment fails it with “schema … does not exist”. A session advisory lock serialises the two.
 */
async function withSchemaLock<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_ID]);
    return await fn(admin);
  } finally {
    try {
      await admin.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_ID]);
    } finally {
      await admin.end();
    }
  }
}

const SCHEMA_LOCK_ID = 740_423_001;

/**
 * Declare `fn`'s tests once per dialect (a describe block named `name [sqlite]` / `name [postgres]`);
 * each test gets a fresh migrated database through `t.db`.
 */
export function forEachDatabase(name: string, fn: (t: TestDatabase) => void, opts: ForEachDatabaseOptions = {}): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let current: { db: Db; dispose: () => Promise<void> } | null = null;
      const handle: TestDatabase = {
        get db(): Db {
          if (!current) throw new Error('测试数据库尚未打开：只能在测试（it）内部使用 t.db。');
          return current.db;
        },
        dialect,
      };
      beforeEach(async () => {
        current = await openTestDatabase(dialect, opts);
      });
      afterEach(async () => {
        const c = current;
        current = null;
        if (c) await c.dispose();
      });
      fn(handle);
    });
  }
}

/**
 * A fingerprint of every table's content (row count and a hash of all rows), including SQLite's
 * FTS5 shadow tables and sqlite_sequence, to assert that a failed operation changed nothing.
 * (PostgreSQL sequences are not transactional and are not part of the fingerprint.)
 */
export async function databaseFingerprint(target: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (target.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name`.execute(
      target.db,
    );
    for (const { name } of tables.rows) {
      // Virtual tables are covered by their shadow tables (…_data, …_idx, …_docsize, …_config).
      const ddl = await sql<{ sql: string | null }>`SELECT sql FROM sqlite_master WHERE name = ${name}`.execute(
        target.db,
      );
      if (/CREATE VIRTUAL TABLE/i.test(ddl.rows[0]?.sql ?? '')) continue;
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(target.db);
      out[name] = digestRows(rows.rows);
    }
    return out;
  }
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(target.db);
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ t: string }>`SELECT t::text AS t FROM ${sql.table(table_name)} AS t`.execute(target.db);
    out[table_name] = digestRows(rows.rows.map((r) => r.t));
  }
  return out;
}

function digestRows(rows: unknown[]): string {
  const lines = rows.map((r) =>
    JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
  );
  lines.sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(`${l}\n`);
  return `${rows.length}:${h.digest('hex').slice(0, 16)}`;
}
