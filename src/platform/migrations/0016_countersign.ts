// Countersign capability (会签, 襄政发〔2023〕7号 第三十一条): a request (a draft title sent to N units on a date,
// with its reply deadline frozen at creation) and one row per asked unit with its answer. No dialect-specific SQL.
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
      await withId(db.schema.createTable('countersign_requests'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lead_unit', 'text', (c) => c.notNull())
        .addColumn('sent_on', 'text', (c) => c.notNull())
        .addColumn('workdays', 'integer', (c) => c.notNull())
        .addColumn('agreed_due_on', 'text')
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('official', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('countersign_requests_tenant_sent')
        .on('countersign_requests')
        .columns(['tenant', 'sent_on'])
        .execute();

      await withId(db.schema.createTable('countersign_replies'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('request_id', 'integer', (c) =>
          c.notNull().references('countersign_requests.id').onDelete('cascade'),
        )
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('opinion', 'text')
        .addColumn('replied_on', 'text')
        .addColumn('replied_by', 'text')
        .addColumn('recorded_at', 'text')
        .addUniqueConstraint('countersign_replies_request_unit', ['request_id', 'unit'])
        .execute();
      await db.schema
        .createIndex('countersign_replies_tenant_unit')
        .on('countersign_replies')
        .columns(['tenant', 'unit', 'answer'])
        .execute();
    },
  };
}

export const m0016Countersign: DialectMigration = { name: '0016_countersign', build };
