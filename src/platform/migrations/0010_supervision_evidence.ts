// Supervision evidence files and leaders' portfolios (issue #5 parts 5–6):
//   supervision_evidence        uploaded evidence (佐证材料) of an item: the bytes in the database (blob / bytea)
//                               with name, sniffed MIME type, size and sha256; one row per upload
//   supervision_leader_units    分管: which units a leader (users.id, role leader) is in charge of (work rules
//                               第五条 “副县长……按分工负责分管领域工作”), for the leader's dashboard and rankings
// Only the blob column type differs between the dialects.
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
      await withId(db.schema.createTable('supervision_evidence'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_items.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('uploaded_by', 'integer')
        .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_evidence_tenant_item')
        .on('supervision_evidence')
        .columns(['tenant', 'item_id'])
        .execute();
      await db.schema
        .createTable('supervision_leader_units')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supervision_leader_units_pk', ['tenant', 'user_id', 'unit'])
        .execute();
    },
  };
}

export const m0010SupervisionEvidence: DialectMigration = { name: '0010_supervision_evidence', build };
