// The sweep's pre-filter (issue #5, docs/supervision.md §9): per item the first day on which the sweep needs to
// look at it again (`sweep_due_on`, NULL = look at it: new rows, rows written by an action, and every existing
// row after this migration), indexed by (tenant, sweep_due_on); per tenant the fingerprint of the settings the
// stored days were computed with (`supervision_sweep_state.due_basis`, NULL = recompute all). No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(_dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('supervision_items').addColumn('sweep_due_on', 'text').execute();
      await db.schema
        .createIndex('supervision_items_tenant_sweep_due')
        .on('supervision_items')
        .columns(['tenant', 'sweep_due_on'])
        .execute();
      await db.schema.alterTable('supervision_sweep_state').addColumn('due_basis', 'text').execute();
    },
  };
}

export const m0017SupervisionSweepDue: DialectMigration = { name: '0017_supervision_sweep_due', build };
