// Test databases for the access and HTTP tests: a fresh in-memory SQLite always, and a fresh
// PostgreSQL schema when DATABASE_URL is set. (Superseded by src/platform/testing.ts once that
// helper is available everywhere.)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, type DialectName, openDb } from '../platform/db.ts';

export interface TestDatabase {
  dialect: DialectName;
  open(): Promise<Db>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ dialect: 'sqlite', open: () => openDb({ file: ':memory:' }) }];
  const url = process.env.DATABASE_URL;
  if (url) {
    list.push({
      dialect: 'postgres',
      async open() {
        const schema = `t_access_${randomBytes(6).toString('hex')}`;
        const db = await openDb({ url, schema });
        return {
          ...db,
          async close() {
            await db.close();
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            try {
              await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            } finally {
              await client.end();
            }
          },
        };
      },
    });
  }
  return list;
}
