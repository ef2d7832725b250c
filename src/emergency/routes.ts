// HTTP routes of the emergency capability (issue #7, 襄政办发〔2023〕15号 大面积停电事件应急预案):
//   GET  /api/incidents                         staff (incident:read)
//   GET  /api/incidents/:id                     with events, both response readings and the clocks at read time
//   POST /api/incidents                         county office (incident:act): grading input → grading + readings
//   POST /api/incidents/:id/reports             首报 / 续报 / 终报 (incident:act)
//   POST /api/incidents/:id/tracking            §4.5 progress tracking (incident:act)
//   POST /api/incidents/:id/warnings            issue | update | cancel → CAP 1.2 XML (incident:act)
//   POST /api/incidents/:id/decision            the 指挥部 picks the response level (incident:decide)
//   POST /api/incidents/:id/terminate           §5.4.2 termination (incident:decide)
//   GET  /api/incidents/:id/cap/:eventId        the stored CAP XML (application/xml)
//   GET  /api/drills/coverage                   §8.1 drills per year (incident:read)
// Every POST carries the `version` the caller saw (409 when stale); CSRF by the access hooks.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import {
  addReport,
  addTracking,
  createIncident,
  decideResponse,
  drillCoverageOf,
  getCapXml,
  getIncident,
  issueWarning,
  listIncidents,
  terminateIncident,
} from './store.ts';

const tags = ['大面积停电应急'];

const capParams = z.object({ id: idSchema, eventId: idSchema });

const version = z.number({ error: '应提交所看到的事件版本号（version）' }).int().positive();
// Types only: the values (ranges, grid names, times) are checked by the pure core, whose Chinese
// messages name the field.
const num = z.number({ error: '应为数字' });
const instant = z.string({ error: '应为带时区的时间（ISO 8601），如 2026-07-03T14:05:00+08:00' });

const listQuery = z.object({
  status: z.enum(['Actual', 'Exercise'], { error: '状态应为 Actual 或 Exercise' }).optional(),
  state: z
    .enum(['warning', 'active', 'terminated', 'closed'], { error: '阶段应为 warning、active、terminated 或 closed' })
    .optional(),
});

const createBody = z.object({
  status: z.enum(['Actual', 'Exercise'], { error: '状态应为 Actual（正式）或 Exercise（演练）' }).default('Actual'),
  drillForm: z.string().optional(),
  title: z.string({ error: '须填写事件名称' }).max(200, '事件名称过长（最多 200 字）'),
  grid: z.string({ error: '须提供电网类型' }),
  loadMw: num.optional(),
  lostLoadPct: num.optional(),
  usersOutPct: num.optional(),
  judgedAt: instant,
  reportReceivedAt: instant.optional(),
  damSafety: z.boolean().optional(),
  stage: z.enum(['warning', 'active'], { error: '阶段应为 warning（预警）或 active（已发生）' }).optional(),
  response: z
    .object({
      countyGrid: z.object({ loadMw: num, lostLoadPct: num.optional(), usersOutPct: num.optional() }).optional(),
      cityGrid: z
        .object({
          level: z.enum(['特别重大', '重大', '较大', '一般']).nullable(),
          majorImpactOnCounty: z.boolean(),
        })
        .optional(),
      importantUsersAtRisk: z
        .object({
          special: z.boolean().optional(),
          first: z.boolean().optional(),
          second: z.boolean().optional(),
          electrifiedRailway: z.boolean().optional(),
        })
        .optional(),
      temporaryImportantUserInterrupted: z.boolean().optional(),
      beyondCountyCapacity: z.boolean().optional(),
      socialImpact: z.enum(['none', 'larger', 'severe'], { error: '社会影响应为 none、larger 或 severe' }).optional(),
    })
    .optional(),
});

const reportBody = z.object({
  kind: z.string({ error: '须提供报告类型（first、follow-up 或 final）' }),
  channel: z.string({ error: '须提供报告方式（phone 或 written）' }),
  from: z.string({ error: '须提供报告单位' }),
  to: z.array(z.string(), { error: '接收单位应为列表' }),
  at: instant,
  version,
});

const trackingBody = z.object({ at: instant, note: z.string().max(2000).optional(), version });

const decisionBody = z.object({
  level: z.string({ error: '须提供响应级别（一级、二级或三级）' }),
  note: z.string({ error: '须写明决定的理由（note）' }).max(2000, '理由过长（最多 2000 字）'),
  version,
});

const terminateBody = z.object({
  conditions: z.object(
    {
      gridRestored: z.boolean({ error: '应为 true 或 false' }),
      lostLoadRestoredPct: num,
      keyAreasRestoredPct: num,
      hazardsEliminated: z.boolean({ error: '应为 true 或 false' }),
      secondaryIncidentsHandled: z.boolean({ error: '应为 true 或 false' }),
    },
    { error: '须提供 §5.4.2 的四项终止条件（conditions）' },
  ),
  at: instant.optional(),
  version,
});

const text = (max: number) => z.string().max(max, `过长（最多 ${max} 字）`).optional();
const warningBody = z.object({
  action: z.enum(['issue', 'update', 'cancel'], { error: '操作应为 issue（发布）、update（调整）或 cancel（解除）' }),
  level: z.string().optional(),
  areaDesc: text(200),
  headline: text(200),
  description: text(4000),
  instruction: text(4000),
  version,
});

export async function emergencyRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  const now = () => ctx.access.now();

  app.get(
    '/api/incidents',
    { schema: { tags, summary: '停电事件（含演练）列表', querystring: openapi(listQuery) } },
    async (request) => {
      await authorize(request, 'incident:read');
      const q = parseInput(listQuery, request.query, 'query');
      return { incidents: await listIncidents(ctx.db, ctx.tenant, q) };
    },
  );

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        summary: '停电事件详情：定级、两种响应解读、决定、事件记录与报告时限',
        params: openapi(idParams),
      },
    },
    async (request) => {
      await authorize(request, 'incident:read');
      const { id } = parseInput(idParams, request.params, 'params');
      return getIncident(ctx.db, ctx.tenant, id, now());
    },
  );

  app.post(
    '/api/incidents',
    {
      schema: {
        tags,
        summary: '登记停电事件（或演练）：按附件1定级，并给出 §5.2 与附件4 两种响应解读',
        body: openapi(createBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'incident:act');
      const body = parseInput(createBody, request.body, 'body');
      const d = await createIncident(ctx.db, ctx.tenant, { ...body, actor: request.actor, now: now() });
      return reply.status(201).send(d);
    },
  );

  app.post(
    '/api/incidents/:id/reports',
    {
      schema: { tags, summary: '首报、续报、终报（§4.1—§4.3）', params: openapi(idParams), body: openapi(reportBody) },
    },
    async (request) => {
      await authorize(request, 'incident:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...report } = parseInput(reportBody, request.body, 'body');
      return addReport(ctx.db, ctx.tenant, id, report as Parameters<typeof addReport>[3], {
        actor: request.actor,
        expectedVersion,
        now: now(),
      });
    },
  );

  app.post(
    '/api/incidents/:id/tracking',
    {
      schema: { tags, summary: '县能源局跟踪处置进展（§4.5）', params: openapi(idParams), body: openapi(trackingBody) },
    },
    async (request) => {
      await authorize(request, 'incident:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...input } = parseInput(trackingBody, request.body, 'body');
      return addTracking(ctx.db, ctx.tenant, id, input, { actor: request.actor, expectedVersion, now: now() });
    },
  );

  app.post(
    '/api/incidents/:id/decision',
    {
      schema: {
        tags,
        summary: '县指挥部决定（或调整）应急响应级别，并写明理由',
        params: openapi(idParams),
        body: openapi(decisionBody),
      },
    },
    async (request) => {
      await authorize(request, 'incident:decide');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...input } = parseInput(decisionBody, request.body, 'body');
      return decideResponse(ctx.db, ctx.tenant, id, input, { actor: request.actor, expectedVersion, now: now() });
    },
  );

  app.post(
    '/api/incidents/:id/terminate',
    {
      schema: {
        tags,
        summary: '终止应急响应（§5.4.2 四项条件须同时满足）',
        params: openapi(idParams),
        body: openapi(terminateBody),
      },
    },
    async (request) => {
      await authorize(request, 'incident:decide');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...input } = parseInput(terminateBody, request.body, 'body');
      return terminateIncident(ctx.db, ctx.tenant, id, input, { actor: request.actor, expectedVersion, now: now() });
    },
  );

  app.post(
    '/api/incidents/:id/warnings',
    {
      schema: {
        tags,
        summary: '发布、调整、解除预警（§3.3），生成 CAP 1.2 消息',
        params: openapi(idParams),
        body: openapi(warningBody),
      },
    },
    async (request) => {
      await authorize(request, 'incident:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...input } = parseInput(warningBody, request.body, 'body');
      const r = await issueWarning(ctx.db, ctx.tenant, id, input, {
        actor: request.actor,
        expectedVersion,
        now: now(),
      });
      return { ...r.detail, eventId: r.eventId, capXml: r.capXml };
    },
  );

  app.get(
    '/api/incidents/:id/cap/:eventId',
    { schema: { tags, summary: '某条预警的 CAP 1.2 XML', params: openapi(capParams) } },
    async (request, reply) => {
      await authorize(request, 'incident:read');
      const { id, eventId } = parseInput(capParams, request.params, 'params');
      const xml = await getCapXml(ctx.db, ctx.tenant, id, eventId);
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  );

  app.get(
    '/api/drills/coverage',
    { schema: { tags, summary: '演练覆盖情况（§8.1 每年至少1次）' } },
    async (request) => {
      await authorize(request, 'incident:read');
      return drillCoverageOf(ctx.db, ctx.tenant, now());
    },
  );
}
