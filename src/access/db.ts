// How the access capability reaches its tables. Callers pass whatever they hold (the `Db` from
// openDb, a Kysely<Database>, or a Transaction inside another capability's unit of work); the
// cast to the access tables happens here, once.
import type { Kysely } from 'kysely';
import type { Db } from '../platform/db.ts';
import type { Database } from '../platform/schema.ts';
import type { AccessTables } from './schema.ts';

/** A `Db`, a Kysely instance or a Kysely Transaction (which is a Kysely). */
export type DbLike = Db | Kysely<Database> | Kysely<AccessTables>;

function isDb(value: DbLike): value is Db {
  return typeof (value as Partial<Db>).close === 'function' && typeof (value as Partial<Db>).location === 'string';
}

export function accessDb(value: DbLike): Kysely<AccessTables> {
  return (isDb(value) ? value.db : value) as unknown as Kysely<AccessTables>;
}

/** Unique-constraint violation on SQLite (better-sqlite3) or PostgreSQL (pg). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
