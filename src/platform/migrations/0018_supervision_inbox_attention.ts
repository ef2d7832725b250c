// The inbox's pre-filter (issue #5, docs/supervision.md §12): per (item, unit) row the first day on which the
// row can be in the unit's inbox (`attention_on`, src/supervision/inboxAttention.ts), indexed by (tenant,
// unit, attention_on), and the earliest due date of the unit's unanswered obligations (`first_due_on`). Existing
// rows are filled here from each open item's stored lifecycle JSON with the same pure functions the store uses on
// every write; rows of items that are not open keep NULL. No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import { attentionOn, firstDueOn } from '../../supervision/inboxAttention.ts';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';
import { forEachOpenItem } from './openItems.ts';

function build(_dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('supervision_item_units').addColumn('attention_on', 'text').execute();
      await db.schema.alterTable('supervision_item_units').addColumn('first_due_on', 'text').execute();
      await db.schema
        .createIndex('supervision_item_units_tenant_unit_attention')
        .on('supervision_item_units')
        .columns(['tenant', 'unit', 'attention_on'])
        .execute();
      await forEachOpenItem(db, async (id, item) => {
        for (const u of item.units) {
          const day = attentionOn(item, u.unit);
          if (day === null) continue;
          await db
            .updateTable('supervision_item_units')
            .set({ attention_on: day, first_due_on: firstDueOn(item, u.unit) })
            .where('item_id', '=', id)
            .where('unit', '=', u.unit)
            .execute();
        }
      });
    },
  };
}

export const m0018SupervisionInboxAttention: DialectMigration = { name: '0018_supervision_inbox_attention', build };
