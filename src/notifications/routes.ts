// HTTP routes of the notifications capability:
//   GET  /api/notifications[?unread=true&limit=&before=]   the signed-in user's notifications + unread count
//   GET  /api/notifications/unread-count                  {unread} (the bell polls it)
//   POST /api/notifications/read {ids?: number[]}          mark the given ids (or all) read
//   GET  /api/webhooks                                     subscriptions (admin, webhook:manage)
//   POST /api/webhooks {name, url, format, kinds?, secret?, enabled?}
//   PATCH /api/webhooks/:id {…any of them}
//   GET  /api/webhooks/:id/deliveries                      the delivery log (each attempt: status, HTTP code, error, duration)
//   POST /api/webhooks/deliveries/:id/retry                send a failed delivery again
// Subscription changes are audited (webhook:create / webhook:update) in the same transaction.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../access/audit.ts';
import { authorize } from '../access/guard.ts';
import { AppError } from '../platform/errors.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { WEBHOOK_FORMATS } from './payloads.ts';
import {
  createSubscription,
  deliveryLog,
  getSubscription,
  listNotifications,
  listSubscriptions,
  markRead,
  type Reader,
  retryDelivery,
  unreadCount,
  updateSubscription,
} from './store.ts';

const tags = ['通知'];

const listQuery = z.object({
  unread: z.enum(['true', 'false'], { error: 'unread 应为 true 或 false' }).optional(),
  limit: z.coerce.number({ error: 'limit 应为 1–200 的整数' }).int().min(1).max(200).optional(),
  before: idSchema.optional(),
});

const readBody = z.object({
  ids: z.array(idSchema, { error: 'ids 应为通知编号的数组' }).max(1000, '一次最多标记 1000 条').optional(),
});

const kind = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]*\*?$/, '通知类别应为小写点分形式，例如 supervision.urge 或 supervision.*');

const urlSchema = z
  .string({ error: '请填写 Webhook 地址（url）' })
  .trim()
  .max(1000, '地址过长')
  .refine((u) => {
    try {
      const p = new URL(u);
      return p.protocol === 'http:' || p.protocol === 'https:';
    } catch {
      return false;
    }
  }, '应为 http:// 或 https:// 开头的网址');

const subscriptionBody = z.object({
  name: z.string({ error: '请填写名称（name）' }).trim().min(1, '名称不能为空').max(100, '名称最多 100 个字符'),
  url: urlSchema,
  format: z.enum(WEBHOOK_FORMATS as [string, ...string[]], { error: '格式应为 json、dingtalk 或 wecom' }),
  kinds: z.array(kind).max(50, '类别过多').nullable().optional(),
  secret: z.string().trim().min(1, '密钥不能为空字符串').max(200, '密钥过长').nullable().optional(),
  enabled: z.boolean({ error: 'enabled 应为 true 或 false' }).optional(),
});

const patchBody = subscriptionBody.partial();

function readerOf(request: FastifyRequest): Reader {
  const a = request.actor;
  if (a.id === null) throw new AppError('UNAUTHENTICATED', '请先登录');
  return { id: a.id, role: a.role, unit: a.unit };
}

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/notifications',
    { schema: { tags, summary: '我的通知（最新在前）与未读数', querystring: openapi(listQuery) } },
    async (request) => {
      await authorize(request, 'notification:read');
      const q = parseInput(listQuery, request.query, 'query');
      return listNotifications(ctx.db, ctx.tenant, readerOf(request), {
        unreadOnly: q.unread === 'true',
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.before ? { before: q.before } : {}),
      });
    },
  );

  app.get('/api/notifications/unread-count', { schema: { tags, summary: '未读通知数' } }, async (request) => {
    await authorize(request, 'notification:read');
    return { unread: await unreadCount(ctx.db, ctx.tenant, readerOf(request)) };
  });

  app.post(
    '/api/notifications/read',
    { schema: { tags, summary: '标记已读（不给 ids 时全部标记）', body: openapi(readBody) } },
    async (request) => {
      await authorize(request, 'notification:read');
      const body = parseInput(readBody, request.body ?? {}, 'body');
      return markRead(ctx.db, ctx.tenant, readerOf(request), body.ids ?? null, ctx.access.now());
    },
  );

  app.get('/api/webhooks', { schema: { tags, summary: 'Webhook 订阅（管理员）' } }, async (request) => {
    await authorize(request, 'webhook:manage');
    return { subscriptions: await listSubscriptions(ctx.db, ctx.tenant) };
  });

  app.post(
    '/api/webhooks',
    { schema: { tags, summary: '新增 Webhook 订阅（JSON / 钉钉 / 企业微信）', body: openapi(subscriptionBody) } },
    async (request, reply) => {
      await authorize(request, 'webhook:manage');
      const body = parseInput(subscriptionBody, request.body, 'body');
      const now = ctx.access.now();
      const sub = await ctx.db.db.transaction().execute(async (trx) => {
        const s = await createSubscription(
          trx,
          ctx.tenant,
          {
            name: body.name,
            url: body.url,
            format: body.format as (typeof WEBHOOK_FORMATS)[number],
            kinds: body.kinds ?? null,
            secret: body.secret ?? null,
            ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          },
          request.actor.displayName,
          now,
        );
        await recordAudit(trx, {
          tenant: ctx.tenant,
          actor: request.actor,
          action: 'webhook:create',
          entity: 'webhook_subscription',
          entityId: s.id,
          after: { ...s, counts: undefined },
          ip: request.ip,
          at: now,
        });
        return s;
      });
      reply.code(201);
      return { subscription: sub };
    },
  );

  app.patch(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: '修改 Webhook 订阅（停用、类别、密钥……）',
        params: openapi(idParams),
        body: openapi(patchBody),
      },
    },
    async (request) => {
      await authorize(request, 'webhook:manage');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(patchBody, request.body ?? {}, 'body');
      const now = ctx.access.now();
      const sub = await ctx.db.db.transaction().execute(async (trx) => {
        const before = await getSubscription(trx, ctx.tenant, id);
        const s = await updateSubscription(
          trx,
          ctx.tenant,
          id,
          {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.url !== undefined ? { url: body.url } : {}),
            ...(body.format !== undefined ? { format: body.format as (typeof WEBHOOK_FORMATS)[number] } : {}),
            ...(body.kinds !== undefined ? { kinds: body.kinds } : {}),
            ...(body.secret !== undefined ? { secret: body.secret } : {}),
            ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          },
          now,
        );
        await recordAudit(trx, {
          tenant: ctx.tenant,
          actor: request.actor,
          action: 'webhook:update',
          entity: 'webhook_subscription',
          entityId: id,
          before: { ...before, counts: undefined },
          after: { ...s, counts: undefined },
          ip: request.ip,
          at: now,
        });
        return s;
      });
      return { subscription: sub };
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    { schema: { tags, summary: '投递记录（每次尝试的状态、HTTP 状态码、错误、耗时）', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'webhook:manage');
      const { id } = parseInput(idParams, request.params, 'params');
      return { deliveries: await deliveryLog(ctx.db, ctx.tenant, id) };
    },
  );

  app.post(
    '/api/webhooks/deliveries/:id/retry',
    { schema: { tags, summary: '重新投递失败的消息', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'webhook:manage');
      const { id } = parseInput(idParams, request.params, 'params');
      await retryDelivery(ctx.db, ctx.tenant, id, ctx.access.now());
      return { ok: true };
    },
  );
}
