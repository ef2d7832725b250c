// Notifications (a platform capability, src/notifications): in-app notifications with one row per addressee
// (unit, user or role) and per-user read marks; webhook subscriptions, the delivery outbox and the append-only
// log of attempts. And the supervision sweep's stored state (src/supervision/sweep*.ts): the last sweep and a
// lease per tenant, the escalation ladder records (unique per item, episode and step, so that a restart never
// repeats a reminder). No dialect-specific SQL.
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
      await withId(db.schema.createTable('notifications'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('source_capability', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('notifications_tenant_dedupe', ['tenant', 'dedupe_key'])
        .execute();

      await withId(db.schema.createTable('notification_targets'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
        .addColumn('target', 'text', (c) => c.notNull())
        .addUniqueConstraint('notification_targets_notification_target', ['notification_id', 'target'])
        .execute();
      await db.schema
        .createIndex('notification_targets_tenant_target')
        .on('notification_targets')
        .columns(['tenant', 'target', 'notification_id'])
        .execute();

      await withId(db.schema.createTable('notification_reads'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('notification_reads_notification_user', ['notification_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('notification_reads_tenant_user')
        .on('notification_reads')
        .columns(['tenant', 'user_id', 'notification_id'])
        .execute();

      await withId(db.schema.createTable('webhook_subscriptions'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('kinds', 'text')
        .addColumn('secret', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('webhook_deliveries'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'integer', (c) =>
          c.notNull().references('webhook_subscriptions.id').onDelete('cascade'),
        )
        .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addUniqueConstraint('webhook_deliveries_subscription_notification', ['subscription_id', 'notification_id'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_tenant_status_next')
        .on('webhook_deliveries')
        .columns(['tenant', 'status', 'next_attempt_at'])
        .execute();

      await withId(db.schema.createTable('webhook_attempts'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('delivery_id', 'integer', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_attempts_delivery')
        .on('webhook_attempts')
        .columns(['delivery_id', 'id'])
        .execute();

      await db.schema
        .createTable('supervision_sweep_state')
        .addColumn('tenant', 'text', (c) => c.primaryKey())
        .addColumn('last_swept_at', 'text')
        .addColumn('locked_by', 'text')
        .addColumn('lock_expires_at', 'text')
        .addColumn('sweeps', 'integer', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('supervision_ladder'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_items.id').onDelete('cascade'))
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('overdue_since', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('supervision_ladder_item_episode_step', ['item_id', 'overdue_since', 'step'])
        .execute();
      await db.schema
        .createIndex('supervision_ladder_tenant_step')
        .on('supervision_ladder')
        .columns(['tenant', 'step', 'due_on'])
        .execute();
    },
  };
}

export const m0009Notifications: DialectMigration = { name: '0009_notifications', build };
