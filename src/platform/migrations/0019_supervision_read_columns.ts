// Sweep and inbox read columns, not the lifecycle JSON (issue #5, docs/supervision.md §9, §12): per item the 催办
// done by hand (`urges`, JSON [{on, level}]) and its earliest unanswered due date (`first_due_on`), so that a late
// item whose ladder has nothing new is decided without its JSON; per (item, unit) row the item's close-by date and
// whether it was returned to that unit (被退回), so that the inbox reads the unit's rows alone. Open items are filled from their stored JSON; others keep NULL / 0 (the
// sweep and the inbox look only at open items, and every write of an item sets the columns). No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import { itemFirstDueOn, unitRowColumns } from '../../supervision/inboxAttention.ts';
import { urgeColumn } from '../../supervision/sweep.ts';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';
import { forEachOpenItem } from './openItems.ts';

function build(_dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('supervision_items').addColumn('urges', 'text').execute();
      await db.schema.alterTable('supervision_items').addColumn('first_due_on', 'text').execute();
      await db.schema.alterTable('supervision_item_units').addColumn('close_by', 'text').execute();
      await db.schema
        .alterTable('supervision_item_units')
        .addColumn('returned', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await forEachOpenItem(db, async (id, item) => {
        await db
          .updateTable('supervision_items')
          .set({ urges: urgeColumn(item.urges ?? []), first_due_on: itemFirstDueOn(item) })
          .where('id', '=', id)
          .execute();
        for (const u of item.units) {
          const { close_by, returned } = unitRowColumns(item, u.unit);
          await db
            .updateTable('supervision_item_units')
            .set({ close_by, returned })
            .where('item_id', '=', id)
            .where('unit', '=', u.unit)
            .execute();
        }
      });
    },
  };
}

export const m0019SupervisionReadColumns: DialectMigration = { name: '0019_supervision_read_columns', build };
