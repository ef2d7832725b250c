// Supervision items from reviewed commitments (issue #5 "Sources of tasks"): the task record an item was created
// from. Unique per tenant, so a task becomes at most one item even when two requests race. No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(_dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('supervision_items')
        .addColumn('commitment_id', 'integer', (c) => c.references('commitments.id').onDelete('set null'))
        .execute();
      await db.schema
        .createIndex('supervision_items_tenant_commitment')
        .on('supervision_items')
        .columns(['tenant', 'commitment_id'])
        .unique()
        .execute();
    },
  };
}

export const m0007SupervisionSources: DialectMigration = { name: '0007_supervision_sources', build };
