// HTTP routes of the supervision capability (督办, the 13710 closed loop):
//   GET  /api/supervision/items?state=&unit=&light=&overdue=&page=&pageSize=
//        staff (supervision:read); lights at read time; one page (default 50, at most 200) and the total
//   GET  /api/supervision/items/:id                            the item with its timeline
//   POST /api/supervision/items                                立项 (and 交办 with assign: true) — admin
//   POST /api/supervision/items/:id/actions {action, payload, version}
//        role and unit come from the session; a liaison acts only for its own unit (unit:act); the lifecycle
//        decides the rest (403 role, 400 state/payload/precondition, 409 stale version); 改派 and 调整配合单位
//        name units the unit directory must know (400 naming payload.lead / payload.supports[k])
//   GET  /api/supervision/inbox[?unit=&limit=]                 the liaison's inbox (admin/leader name the unit)
//   POST /api/supervision/from-document/:id                    the document's confirmed/corrected tasks become
//        assigned items (admin); idempotent; reports tasks without a lead unit or with a past due date
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { AppError } from '../platform/errors.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { checkEvidenceRefs } from './evidenceStore.ts';
import { unitChecker } from './ledgerStore.ts';
import { itemsFromReviewedTasks } from './sources.ts';
import { act, createItem, getItem, INBOX_LIMIT, inbox, itemUnits, listItemsPage } from './store.ts';
import { ACTION_TYPES, type ActionType, STATES } from './types.ts';

const tags = ['督办'];

const unitName = z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称最多 100 个字符');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

/** The item list's paging: 50 a page unless asked, at most 200 (the Excel export is never paged). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const MAX_PAGE = 1_000_000;

const listQuery = z.object({
  state: z.enum(STATES as [string, ...string[]], { error: `状态应为 ${STATES.join('、')} 之一` }).optional(),
  unit: unitName.optional(),
  light: z.enum(['green', 'yellow', 'red', 'none'], { error: '灯色应为 green、yellow、red 或 none' }).optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue 应为 true 或 false' }).optional(),
  page: z.coerce
    .number({ error: '页码应为从 1 开始的整数' })
    .int('页码应为从 1 开始的整数')
    .min(1, '页码应为从 1 开始的整数')
    .max(MAX_PAGE, `页码最大为 ${MAX_PAGE}`)
    .default(1),
  pageSize: z.coerce
    .number({ error: `每页条数应为 1 至 ${MAX_PAGE_SIZE} 的整数` })
    .int(`每页条数应为 1 至 ${MAX_PAGE_SIZE} 的整数`)
    .min(1, `每页条数应为 1 至 ${MAX_PAGE_SIZE} 的整数`)
    .max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`)
    .default(DEFAULT_PAGE_SIZE),
});

const createBody = z.object({
  title: z.string({ error: '请填写事项名称（title）' }).trim().min(1, '事项名称不能为空').max(500, '事项名称过长'),
  text: z.string().max(5000, '任务内容过长（最多 5000 字）').nullable().optional(),
  category: z.enum(['ordinary', 'major'], { error: '事项类别应为 ordinary（一般事项）或 major（重大复杂事项）' }),
  lead: unitName,
  supports: z.array(unitName).max(50, '配合单位过多').optional(),
  dueOn: isoDate.nullable().optional(),
  assign: z.boolean().optional(),
  source: z
    .object({
      documentId: idSchema.nullable().optional(),
      docNumber: z.string().max(100).nullable().optional(),
      eId: z.string().max(300).nullable().optional(),
      citation: z.string().max(500).nullable().optional(),
    })
    .nullable()
    .optional(),
});

const actionBody = z.object({
  action: z.enum(ACTION_TYPES as [string, ...string[]], { error: `操作应为 ${ACTION_TYPES.join('、')} 之一` }),
  payload: z.record(z.string(), z.unknown(), { error: '操作内容（payload）应为对象' }).nullable().optional(),
  version: z.number({ error: '应提交所操作事项的版本号（version）' }).int().positive(),
});

const inboxQuery = z.object({
  unit: unitName.optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, '每类显示条数（limit）应为整数')
    .transform(Number)
    .refine((n) => n >= 1 && n <= INBOX_LIMIT.max, `每类显示条数（limit）应在 1 到 ${INBOX_LIMIT.max} 之间`)
    .optional(),
});

/**
 * 改派 / 调整配合单位: every unit named must be one the county knows (registry, unit directory, units already on
 * items), written as its canonical name; an unknown one is refused naming the field, with a suggestion. Empty
 * or malformed values are left to the lifecycle, which refuses them naming the field.
 */
async function knownUnits(
  target: Parameters<typeof unitChecker>[0],
  tenant: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const check = await unitChecker(target, tenant);
  const one = (value: unknown, field: string, what: string): unknown => {
    if (typeof value !== 'string' || !value.trim()) return value;
    const r = check(value);
    if (r.ok) return r.name;
    throw new AppError(
      'BAD_INPUT',
      `字段“${field}”（${what}）：“${value.trim()}”不在单位名录中${r.suggestion ? `，是否为“${r.suggestion}”？` : '。'}请核对单位全称（可在“单位名录”查询）。`,
      { field },
    );
  };
  const out = { ...payload };
  if ('lead' in out) out.lead = one(out.lead, 'payload.lead', '新牵头单位');
  if (Array.isArray(out.supports))
    out.supports = out.supports.map((u, k) => one(u, `payload.supports[${k}]`, `第 ${k + 1} 个配合单位`));
  return out;
}

const fromDocumentBody = z
  .object({
    categories: z
      .record(
        z.string().regex(/^\d{1,10}$/, '应为任务记录编号'),
        z.enum(['ordinary', 'major'], { error: '事项类别应为 ordinary（一般事项）或 major（重大复杂事项）' }),
      )
      .optional(),
  })
  .nullable()
  .optional();

export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/supervision/items',
    { schema: { tags, summary: '督办事项列表（含红黄绿灯），分页，附总数', querystring: openapi(listQuery) } },
    async (request) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(listQuery, request.query, 'query');
      return listItemsPage(
        ctx.db,
        ctx.tenant,
        {
          ...(q.state ? { state: q.state as (typeof STATES)[number] } : {}),
          ...(q.unit ? { unit: q.unit } : {}),
          ...(q.light ? { light: q.light } : {}),
          ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
        },
        { page: q.page, pageSize: q.pageSize },
        { now: ctx.access.now() },
      );
    },
  );

  app.get(
    '/api/supervision/items/:id',
    { schema: { tags, summary: '一个督办事项及其办理过程（时间线）', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'supervision:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const item = await getItem(ctx.db, ctx.tenant, id, request.actor, { now: ctx.access.now() });
      return { item };
    },
  );

  app.post(
    '/api/supervision/items',
    {
      schema: {
        tags,
        summary: '督办立项（手工录入）；assign 为 true 时同时交办',
        body: openapi(createBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'supervision:assign');
      const body = parseInput(createBody, request.body, 'body');
      const item = await createItem(
        ctx.db,
        ctx.tenant,
        {
          title: body.title,
          text: body.text ?? null,
          category: body.category,
          lead: body.lead,
          supports: body.supports ?? [],
          dueOn: body.dueOn ?? null,
          assign: body.assign ?? false,
          ...(body.source ? { source: body.source } : {}),
        },
        request.actor,
        { now: ctx.access.now(), ip: request.ip },
      );
      reply.code(201);
      return { item };
    },
  );

  app.post(
    '/api/supervision/items/:id/actions',
    {
      schema: {
        tags,
        summary:
          '办理：签收、研究部署、反馈、申请办结、办结销号、退回、撤销、改派、调整配合单位等；version 不一致时 409',
        params: openapi(idParams),
        body: openapi(actionBody),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(actionBody, request.body, 'body');
      const actor = request.actor;
      if (actor.role === 'liaison') {
        // a liaison acts only for its own unit, and only on items of that unit
        const units = await itemUnits(ctx.db, ctx.tenant, id);
        const mine = actor.unit !== null && (actor.unit === units.lead || units.supports.includes(actor.unit));
        await authorize(
          request,
          'unit:act',
          { kind: 'unit', unit: mine ? (actor.unit as string) : units.lead },
          { entity: 'supervision_item', entityId: id },
        );
      }
      // evidence entries pointing at uploads (evidence:<id>) must be this item's uploads
      await checkEvidenceRefs(ctx.db, ctx.tenant, id, body.payload?.evidence);
      // the office's 改派 / 调整配合单位 name units of the directory (others are refused 403 by the lifecycle)
      const payload =
        actor.role === 'admin' && (body.action === 'reassign' || body.action === 'change_supports')
          ? await knownUnits(ctx.db, ctx.tenant, body.payload ?? {})
          : (body.payload ?? {});
      const item = await act(
        ctx.db,
        ctx.tenant,
        id,
        { action: body.action as ActionType, payload, expectedVersion: body.version },
        actor,
        { now: ctx.access.now(), ip: request.ip },
      );
      return { item };
    },
  );

  app.get(
    '/api/supervision/inbox',
    {
      schema: {
        tags,
        summary: '单位待办：待签收、已逾期、即将到期、被退回（联络员为本单位；管理员、领导用 ?unit= 指定）',
        querystring: openapi(inboxQuery),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(inboxQuery, request.query, 'query');
      const actor = request.actor;
      const unit = q.unit ?? (actor.role === 'liaison' ? actor.unit : null);
      if (!unit) throw new AppError('BAD_INPUT', '请用查询参数“unit”指定单位', { field: 'unit' });
      await authorize(request, 'unit:read', { kind: 'unit', unit }, { entity: 'supervision_inbox' });
      return {
        inbox: await inbox(ctx.db, ctx.tenant, unit, { now: ctx.access.now(), ...(q.limit ? { limit: q.limit } : {}) }),
      };
    },
  );

  app.post(
    '/api/supervision/from-document/:id',
    {
      schema: {
        tags,
        summary: '由文件中已确认、已更正的任务生成督办事项（立项并交办）；已生成的跳过；无牵头单位、时限已过的列出',
        params: openapi(idParams),
        body: openapi(fromDocumentBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'supervision:assign');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(fromDocumentBody, request.body, 'body');
      const categories = Object.fromEntries(Object.entries(body?.categories ?? {}).map(([k, v]) => [Number(k), v]));
      const result = await itemsFromReviewedTasks(ctx.db, ctx.tenant, id, request.actor, {
        now: ctx.access.now(),
        ip: request.ip,
        categories,
      });
      reply.code(result.created.length ? 201 : 200);
      return result;
    },
  );
}
