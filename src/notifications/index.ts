// Notifications: a platform capability any capability uses to tell people something (in the app and by
// webhook). API (see docs/notifications.md):
//
//   import { notify } from '../notifications/index.ts';
//
//   (notifyMany(trx, tenant, inputs[]) does the same for many at once — a sweep's batch.)
//
//   await db.transaction().execute(async (trx) => {
//     …your own writes…
//     await notify(trx, tenant, {
//       recipients: { units: ['县发改局'], users: [12], roles: ['admin'] },  // any of them, at least one
//       kind: 'supervision.urge',            // dotted, capability first; webhook subscriptions filter on it
//       title: '催办：编制县域充电基础设施建设方案',
//       body: '已逾期 1 个工作日，请于今日内反馈。',
//       link: '/supervision/12',             // a path of the web app, or null
//       dedupeKey: 'supervision:ladder:12:2023-10-09:urge',   // unique per tenant ⇒ never sent twice
//       source: { capability: 'supervision', id: 12 },
//     });
//   });
//
// notify() writes in the CALLER's transaction (a Kysely transaction, a Kysely or a Db): the notification,
// one addressee row per unit/user/role, and one pending webhook delivery per enabled subscription whose kinds
// filter accepts the kind (outbox). If the caller rolls back, nothing is shown or sent. A dedupe key already
// used in the tenant writes nothing and answers {created: false, id: <existing>}.
//
// Who sees a notification in the app: a user whose id is listed, whose role is listed (admin = 县政府办,
// leader, liaison), or — for a liaison — whose unit is listed. Read marks are per user.
//
//   listNotifications(db, tenant, reader, {unreadOnly, limit, before}) → {items, unread}
//   unreadCount(db, tenant, reader) · markRead(db, tenant, reader, ids | null)
//   HTTP: GET /api/notifications, GET /api/notifications/unread-count, POST /api/notifications/read
//
// Webhooks (administrators): subscriptions with url, format json | dingtalk | wecom, kinds filter (null = all,
// "supervision.*" = a prefix), optional secret (DingTalk 加签; HMAC header for json). The worker (worker.ts,
// started by `luoshi serve`) POSTs due deliveries, logs every attempt and retries with backoff
// (payloads.ts: 1 min, 5 min, 30 min, 2 h, 6 h; failed after 6 attempts).
//   HTTP: GET/POST /api/webhooks, PATCH /api/webhooks/:id, GET /api/webhooks/:id/deliveries,
//         POST /api/webhooks/deliveries/:id/retry
export {
  absoluteLink,
  BACKOFF_MS,
  buildWebhookRequest,
  dingtalkPayload,
  dingtalkSign,
  jsonPayload,
  kindMatches,
  MAX_ATTEMPTS,
  type NotificationMessage,
  wecomPayload,
} from './payloads.ts';
export type { NotificationTables, WebhookFormat } from './schema.ts';
export {
  createSubscription,
  deliveryLog,
  listNotifications,
  listSubscriptions,
  markRead,
  type NotificationView,
  type NotifyDb,
  type NotifyInput,
  type NotifyResult,
  notify,
  notifyMany,
  type Reader,
  type Recipients,
  type SubscriptionInput,
  type SubscriptionView,
  unreadCount,
  updateSubscription,
} from './store.ts';
export { type DeliverReport, deliverDue, startDeliveryWorker } from './worker.ts';
