// The sweep decides from columns (issue #5, docs/supervision.md §9): per item the 催办 done by hand (`urges`, JSON
// [{on, level}], from the lifecycle's urge records), so that a late item whose ladder has nothing new is decided
// without its lifecycle JSON. Existing open items are filled from their stored JSON; others keep NULL (read as
// none: the sweep looks only at open items, and every write of an item sets the column). No dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import { urgeColumn } from '../../supervision/sweep.ts';
import type { SupervisionItem } from '../../supervision/types.ts';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

const BATCH = 500;

function build(_dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('supervision_items').addColumn('urges', 'text').execute();
      let after = 0;
      for (;;) {
        const rows: { id: number; item_json: string }[] = await db
          .selectFrom('supervision_items')
          .select(['id', 'item_json'])
          .where('state', 'in', ['assigned', 'acknowledged', 'in_progress'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          const item = JSON.parse(row.item_json) as SupervisionItem;
          await db
            .updateTable('supervision_items')
            .set({ urges: urgeColumn(item.urges ?? []) })
            .where('id', '=', row.id)
            .execute();
        }
        after = rows[rows.length - 1]?.id ?? after;
      }
    },
  };
}

export const m0019SupervisionUrges: DialectMigration = { name: '0019_supervision_urges', build };
