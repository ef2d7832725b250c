// Supervision capability (督办, the 13710 closed loop): items, their units, and the append-only event
// timeline. The full lifecycle state (reports, timeline, extensions, returns, review …) is kept as JSON in
// `item_json`; the columns beside it are what lists, filters and the liaison inbox query. No dialect-specific
// SQL.
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
      await withId(db.schema.createTable('supervision_items'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('set null'))
        .addColumn('e_id', 'text')
        .addColumn('citation', 'text')
        .addColumn('lead_unit', 'text', (c) => c.notNull())
        .addColumn('support_units', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('deadlines', 'text')
        .addColumn('due_on', 'text')
        .addColumn('assigned_on', 'text')
        .addColumn('close_by', 'text')
        .addColumn('returned_at', 'text')
        .addColumn('item_json', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('rating', 'text')
        .execute();
      await db.schema
        .createIndex('supervision_items_tenant_lead_state')
        .on('supervision_items')
        .columns(['tenant', 'lead_unit', 'state'])
        .execute();
      await db.schema
        .createIndex('supervision_items_tenant_state_close_by')
        .on('supervision_items')
        .columns(['tenant', 'state', 'close_by'])
        .execute();

      // one row per unit of an item (lead and supporting): the inbox and the unit filter join on it
      await withId(db.schema.createTable('supervision_item_units'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_items.id').onDelete('cascade'))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addUniqueConstraint('supervision_item_units_item_unit', ['item_id', 'unit'])
        .execute();
      await db.schema
        .createIndex('supervision_item_units_tenant_unit')
        .on('supervision_item_units')
        .columns(['tenant', 'unit', 'item_id'])
        .execute();

      await withId(db.schema.createTable('supervision_events'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_items.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addUniqueConstraint('supervision_events_item_seq', ['item_id', 'seq'])
        .execute();
    },
  };
}

export const m0005Supervision: DialectMigration = { name: '0005_supervision', build };
