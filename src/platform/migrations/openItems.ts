// For data migrations of the supervision tables: every open item (已交办 / 已签收 / 办理中) with its stored lifecycle
// JSON, in id order, in batches — so a migration can fill new columns with the same pure functions the store uses
// on every write. Used by migrations 0018 and 0019.
import type { Kysely } from 'kysely';
import { INBOX_STATES } from '../../supervision/inboxAttention.ts';
import type { SupervisionItem } from '../../supervision/types.ts';

const BATCH = 500;

export async function forEachOpenItem(
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  db: Kysely<any>,
  fn: (id: number, item: SupervisionItem) => Promise<void>,
): Promise<void> {
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
    if (rows.length === 0) return;
    for (const row of rows) await fn(row.id, JSON.parse(row.item_json) as SupervisionItem);
    after = rows[rows.length - 1]?.id ?? after;
  }
}
