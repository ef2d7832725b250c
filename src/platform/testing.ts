// Test helpers for storage code: run the same tests on a fresh SQLite database and, when
// DATABASE_URL is set, on PostgreSQL in a fresh schema that is dropped afterwards. No mocks.
//
//   forEachDatabase('documents store', (t) => {
//     it('imports', async () => {
//       const r = await importIssue(t.db, …);   // t.db is a fresh, migrated Db for this test
//     });
//   });
//
// And for route tests: users, a server on the test's clock, and each user signed in.
//
//   ({ app, session } = await serverWithSessions(t.db, TENANT, [{ username: 'admin', role: 'admin' }], {
//     now: () => clock,
//   }));
//   await app.inject({ method: 'POST', url: '/api/…', ...session('admin'), payload });
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import type { Role } from '../access/roles.ts';
import type { User } from '../access/users.ts';
import { type Db, type DialectName, openDb } from './db.ts';
import type { ServerOptions } from './http.ts';

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

/** The password of the users that route tests create and sign in. */
export const TEST_PASSWORD = 'correct-horse-battery';

/** Session timeouts that no test clock reaches (route tests move the clock by days and weeks). */
export const LASTING_SESSIONS = { idleMinutes: 10_000_000, absoluteHours: 1_000_000 } as const;

/** A user for a route test (created with the helper's password). */
export interface TestUser {
  username: string;
  role: Role;
  unit?: string;
  displayName?: string;
}

/** What a signed-in request carries: spread it into `app.inject({ …, ...session })`. */
export interface TestSession {
  cookies: { luoshi_sid: string };
  headers: { 'x-csrf-token': string };
}

export interface ServerWithSessionsOptions extends Omit<ServerOptions, 'db' | 'tenant'> {
  /** The server's clock (access.now); the real clock when omitted. */
  now?: () => Date;
  /** The password of the users created and signed in; TEST_PASSWORD when omitted. */
  password?: string;
  /** Who signs in, in this order; every user of `users` when omitted. May name users created beforehand. */
  signIn?: readonly string[];
}

export interface ServerWithSessions {
  app: FastifyInstance;
  /** The users created here, by username. */
  users: Record<string, User>;
  /** The session of a user signed in here; throws for anyone else. */
  session: (username: string) => TestSession;
}

/** Create `users` in this order (with `password`), by username. */
export async function createTestUsers(
  db: Db,
  tenant: string,
  users: readonly TestUser[],
  password: string = TEST_PASSWORD,
): Promise<Record<string, User>> {
  // Loaded when called, so that storage tests importing forEachDatabase do not load the server's modules.
  const { createUser } = await import('../access/users.ts');
  const created: Record<string, User> = {};
  for (const u of users) {
    created[u.username] = await createUser(db, tenant, {
      username: u.username,
      password,
      role: u.role,
      ...(u.unit ? { unit: u.unit } : {}),
      ...(u.displayName ? { displayName: u.displayName } : {}),
    });
  }
  return created;
}

/** POST /api/auth/login (which must answer 200) and the session cookie and CSRF token it returns. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password: string = TEST_PASSWORD,
): Promise<TestSession> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, `sign-in of ${username}`).toBe(200);
  const sid = res.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '';
  return { cookies: { luoshi_sid: sid }, headers: { 'x-csrf-token': res.json().csrfToken as string } };
}

/**
 * Create `users`, build the server (sessions that outlast the test's clock: LASTING_SESSIONS, unless
 * `access` says otherwise; the clock `now`) and sign each user in. The caller closes `app`.
 */
export async function serverWithSessions(
  db: Db,
  tenant: string,
  users: readonly TestUser[],
  opts: ServerWithSessionsOptions = {},
): Promise<ServerWithSessions> {
  const { now, password = TEST_PASSWORD, signIn: who, access, ...server } = opts;
  const created = await createTestUsers(db, tenant, users, password);
  const { buildServer } = await import('./http.ts');
  const app = await buildServer({
    ...server,
    db,
    tenant,
    access: { ...LASTING_SESSIONS, ...access, ...(now ? { now } : {}) },
  });
  const sessions = new Map<string, TestSession>();
  try {
    for (const username of who ?? users.map((u) => u.username)) {
      sessions.set(username, await signIn(app, username, password));
    }
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    app,
    users: created,
    session: (username) => {
      const s = sessions.get(username);
      if (!s) throw new Error(`no session ${username}`);
      return s;
    },
  };
}
