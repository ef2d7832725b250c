// The 发文字号 register (issue #9): one row per number assigned, unique per tenant, agency code, year and
// serial — the constraint is what makes a duplicate impossible even when two requests race (the store also
// serialises assignments per agency and year). Rows are never deleted: a number once assigned is used.
// No dialect-specific SQL.
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  const withId = <T extends string>(table: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('issued_documents'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('serial', 'integer', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('signed_on', 'text', (c) => c.notNull())
        .addColumn('disclosure', 'text', (c) => c.notNull())
        .addColumn('disclosure_note', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('issued_documents_tenant_agency_year_serial', ['tenant', 'agency', 'year', 'serial'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('issued_documents').ifExists().execute();
    },
  };
}

export const m0013Register: DialectMigration = { name: '0013_register', build };
