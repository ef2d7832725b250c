// Kysely table types of the notifications capability (migration 0009_notifications): in-app notifications
// with their recipients and read marks, webhook subscriptions, deliveries (an outbox) and the log of every
// delivery attempt; plus the supervision sweep's stored state and escalation ladder (same migration).
// Merged into the platform `Database` type by intersection (see src/platform/schema.ts).
import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<number>;
  tenant: string;
  /** e.g. supervision.urge, supervision.notice, supervision.interview, emergency.deadline */
  kind: string;
  title: string;
  body: string;
  /** A path of the web app (e.g. /supervision/12), or null. */
  link: string | null;
  /** Unique per tenant: a second notify() with the same key sends nothing. */
  dedupe_key: string;
  source_capability: string;
  source_id: string;
  /** json: Recipients as given ({units, users, roles}) */
  recipients: string;
  created_at: string;
}

/** One row per addressee of a notification: `unit:<name>`, `user:<id>` or `role:<role>`. */
export interface NotificationTargetsTable {
  id: Generated<number>;
  tenant: string;
  notification_id: number;
  target: string;
}

/** A user's read mark (one per user and notification). */
export interface NotificationReadsTable {
  id: Generated<number>;
  tenant: string;
  notification_id: number;
  user_id: number;
  read_at: string;
}

export type WebhookFormat = 'json' | 'dingtalk' | 'wecom';

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  tenant: string;
  name: string;
  url: string;
  format: WebhookFormat;
  /** json: string[] of kinds (a trailing `*` matches a prefix), or null for every kind */
  kinds: string | null;
  /** DingTalk robot signing secret (SEC…), or the HMAC key of the json format; null = unsigned. */
  secret: string | null;
  /** 0/1 */
  enabled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The outbox: one row per (subscription, notification), written in the notifying transaction. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  tenant: string;
  subscription_id: number;
  notification_id: number;
  status: DeliveryStatus;
  attempts: number;
  /** When the worker may try (again); null once delivered or failed. */
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Append-only: one row per HTTP attempt. */
export interface WebhookAttemptsTable {
  id: Generated<number>;
  tenant: string;
  delivery_id: number;
  at: string;
  ok: number;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
}

/** The supervision sweep (src/supervision/sweep*.ts): one row per tenant. */
export interface SupervisionSweepStateTable {
  tenant: string;
  /** The instant of the last completed sweep, or null. */
  last_swept_at: string | null;
  /** A lease so that two servers on one SQLite file do not sweep at once (PostgreSQL adds an advisory lock). */
  locked_by: string | null;
  lock_expires_at: string | null;
  sweeps: number;
  /** Fingerprint of the settings the items' sweep_due_on were computed with (migration 0017); NULL = none. */
  due_basis: string | null;
}

/** 催办 → 通报 → 约谈 records of the sweep: each (item, episode, step) at most once. */
export interface SupervisionLadderTable {
  id: Generated<number>;
  tenant: string;
  item_id: number;
  /** urge | notice | interview */
  step: string;
  /** The earliest overdue deadline the step answers (a new episode starts after an extension or a new lateness). */
  overdue_since: string;
  /** The day the step became due (a sweep after a gap catches up with the day it should have run). */
  due_on: string;
  reason: string;
  /** The lead unit at the time. */
  unit: string;
  recorded_at: string;
}

export type NotificationTables = {
  notifications: NotificationsTable;
  notification_targets: NotificationTargetsTable;
  notification_reads: NotificationReadsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  supervision_sweep_state: SupervisionSweepStateTable;
  supervision_ladder: SupervisionLadderTable;
};
