// Commitments capability: extracted records (tasks, targets, groups, phases, projects) and their review.
// One row per record, keyed by a stable record_key so that re-extraction maps a record to the same row
// and the review (status, correction, note) survives. No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      const table = db.schema.createTable('commitments');
      await (dialect === 'postgres'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      )
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('e_id', 'text', (c) => c.notNull())
        .addColumn('citation', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('corrected', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('note', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('extracted_at', 'text', (c) => c.notNull())
        .addColumn('gone_at', 'text')
        .addUniqueConstraint('commitments_tenant_record_key', ['tenant', 'record_key'])
        .execute();
      await db.schema.createIndex('commitments_document').on('commitments').columns(['document_id']).execute();
      await db.schema
        .createIndex('commitments_tenant_kind_status')
        .on('commitments')
        .columns(['tenant', 'kind', 'status'])
        .execute();
    },
  };
}

export const m0004Commitments: DialectMigration = { name: '0004_commitments', build };
