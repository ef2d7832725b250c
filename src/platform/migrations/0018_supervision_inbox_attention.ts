// The inbox's pre-filter (issue #5, docs/supervision.md §12): per (item, unit) row the first day on which the
// row can be in the unit's inbox (`attention_on`, src/supervision/inboxAttention.ts), indexed by (tenant,
// unit, attention_on), and the earliest due date of the unit's unanswered obligations (`first_due_on`). Existing rows are filled here from each open item's stored lifecycle JSON with the same
// pure function the store uses on every write; rows of items that are not open keep NULL. No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import { attentionOn, firstDueOn, INBOX_STATES } from '../../supervision/inboxAttention.ts';
import type { SupervisionItem } from '../../supervision/types.ts';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

const BATCH = 500;

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
      let after = 0;
      for (;;) {
        const rows: { id: number; item_json: string }[] = await db
          .selectFrom('supervision_items')
          .select(['id', 'item_json'])
          .where('state', 'in', [...INBOX_STATES])
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          const item = JSON.parse(row.item_json) as SupervisionItem;
          for (const u of item.units) {
            const day = attentionOn(item, u.unit);
            if (day === null) continue;
            await db
              .updateTable('supervision_item_units')
              .set({ attention_on: day, first_due_on: firstDueOn(item, u.unit) })
              .where('item_id', '=', row.id)
              .where('unit', '=', u.unit)
              .execute();
          }
        }
        after = rows[rows.length - 1]?.id ?? after;
      }
    },
  };
}

export const m0018SupervisionInboxAttention: DialectMigration = { name: '0018_supervision_inbox_attention', build };
