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
//   POST /api/incidents/:id/publications        附件7 信息发布审批表: 填报 (incident:act)
//   POST /api/incidents/:id/publications/:pubId/actions   审核 / 审批 (incident:decide + post), 发布 / 撤回 (incident:act)
//   POST /api/incidents/:id/aftermath           §7 后期处置 step (incident:act)
//   POST /api/incidents/:id/close               close once §7 is settled (incident:decide)
//   GET  /api/command                           the 指挥部 as data (§2.1.1, 附件2, 附件8) and the posts held
//   PUT  /api/command/posts                     who holds which post (incident:act, the duty office)
// Every POST carries the `version` the caller saw (409 when stale); CSRF by the access hooks.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { AFTERMATH_STEPS } from './aftermath.ts';
import { ATTACHMENT_KINDS, CONTENT_FIELDS, INFO_CATEGORIES } from './approval.ts';
import {
  COMMAND_POSTS,
  CONTACTS,
  HQ_DUTIES,
  LEADERSHIP,
  MEMBER_UNITS,
  WORKING_GROUPS,
  WORKING_GROUPS_SOURCE,
} from './command/structure.ts';
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
import {
  actOnPublication,
  addAftermath,
  closeIncident,
  draftPublication,
  listPosts,
  setPosts,
  workflowOf,
} from './workflowStore.ts';

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
  /** §4.2 content (附件6 即时报告单); checked by the pure checkReportContent. */
  content: z.record(z.string(), z.string(), { error: '报告内容应为对象' }).optional(),
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

const pubParams = z.object({ id: idSchema, pubId: idSchema });

// The form's fields are checked by the pure checkDraft (Chinese messages naming the field).
const publicationBody = z.object({
  category: z.string({ error: '须提供信息类别（warning 预警 或 event 大面积停电事件）' }),
  title: z.string({ error: '须填写信息标题' }),
  submittingUnit: z.string({ error: '须填写信息报送部门' }),
  submitter: z.string({ error: '须填写信息报送人姓名' }),
  attachments: z.array(z.string()).optional(),
  requestedPublishDate: z.string().optional(),
  retention: z.string().optional(),
  content: z.record(z.string(), z.string(), { error: '信息发布内容应为对象' }),
  warning: z
    .object({ action: z.string(), level: z.string(), areaDesc: z.string().optional() }, { error: '预警内容应为对象' })
    .optional(),
});

const publicationAction = z.object({
  action: z.enum(['review', 'approve', 'publish', 'withdraw'], {
    error: '操作应为 review（审核）、approve（审批）、publish（发布）或 withdraw（撤回）',
  }),
  agree: z.boolean({ error: '应为 true（同意）或 false（不同意）' }).optional(),
  opinion: z.string().max(2000, '意见过长（最多 2000 字）').optional(),
  proofreader: z.string().max(50).optional(),
  publisher: z.string().max(50).optional(),
  reason: z.string().max(2000).optional(),
  version: z.number({ error: '应提交所看到的审批表版本号（version）' }).int().positive(),
});

const aftermathBody = z.object({
  step: z.string({ error: '须提供后期处置步骤（evaluation、investigation、aftercare 或 reconstruction）' }),
  summary: z.string({ error: '须填写内容（summary）' }),
  notNeeded: z.boolean({ error: '应为 true 或 false' }).optional(),
  at: instant.optional(),
  version,
});

const closeBody = z.object({ note: z.string().max(2000).optional(), version });

const postsBody = z.object({
  username: z.string({ error: '须指明账号（username）' }),
  posts: z.array(z.string(), { error: '职务应为列表' }),
  unit: z.string().nullable().optional(),
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
      const detail = await getIncident(ctx.db, ctx.tenant, id, now());
      return { ...detail, workflow: await workflowOf(ctx.db, ctx.tenant, id) };
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

  app.post(
    '/api/incidents/:id/publications',
    {
      schema: {
        tags,
        summary: '填报附件7《信息发布审批表》（预警或事件信息），待县指挥部办公室主任审核',
        params: openapi(idParams),
        body: openapi(publicationBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'incident:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(publicationBody, request.body, 'body');
      const pub = await draftPublication(ctx.db, ctx.tenant, id, body, request.actor, now());
      return reply.status(201).send({ publication: pub });
    },
  );

  app.post(
    '/api/incidents/:id/publications/:pubId/actions',
    {
      schema: {
        tags,
        summary: '审批表的审核（办公室主任）、审批（指挥长、副指挥长）、发布（生成 CAP）、撤回',
        params: openapi(pubParams),
        body: openapi(publicationAction),
      },
    },
    async (request) => {
      const { id, pubId } = parseInput(pubParams, request.params, 'params');
      const body = parseInput(publicationAction, request.body, 'body');
      await authorize(
        request,
        body.action === 'review' || body.action === 'approve' ? 'incident:decide' : 'incident:act',
      );
      const cmd =
        body.action === 'review' || body.action === 'approve'
          ? { action: body.action, agree: body.agree as boolean, ...(body.opinion ? { opinion: body.opinion } : {}) }
          : body.action === 'publish'
            ? { action: body.action, proofreader: body.proofreader ?? '', publisher: body.publisher ?? '' }
            : { action: body.action, ...(body.reason ? { reason: body.reason } : {}) };
      const r = await actOnPublication(ctx.db, ctx.tenant, id, pubId, cmd, {
        actor: request.actor,
        expectedVersion: body.version,
        now: now(),
      });
      return {
        ...r.detail,
        publication: r.publication,
        capXml: r.capXml,
        workflow: await workflowOf(ctx.db, ctx.tenant, id),
      };
    },
  );

  app.post(
    '/api/incidents/:id/aftermath',
    {
      schema: {
        tags,
        summary: '记录后期处置（§7：评估总结、事件调查、善后处置、恢复重建）',
        params: openapi(idParams),
        body: openapi(aftermathBody),
      },
    },
    async (request) => {
      await authorize(request, 'incident:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...input } = parseInput(aftermathBody, request.body, 'body');
      const d = await addAftermath(ctx.db, ctx.tenant, id, input, {
        actor: request.actor,
        expectedVersion,
        now: now(),
      });
      return { ...d, workflow: await workflowOf(ctx.db, ctx.tenant, id) };
    },
  );

  app.post(
    '/api/incidents/:id/close',
    {
      schema: { tags, summary: '后期处置完成后关闭事件', params: openapi(idParams), body: openapi(closeBody) },
    },
    async (request) => {
      await authorize(request, 'incident:decide');
      const { id } = parseInput(idParams, request.params, 'params');
      const { version: expectedVersion, ...input } = parseInput(closeBody, request.body, 'body');
      const d = await closeIncident(ctx.db, ctx.tenant, id, input, {
        actor: request.actor,
        expectedVersion,
        now: now(),
      });
      return { ...d, workflow: await workflowOf(ctx.db, ctx.tenant, id) };
    },
  );

  app.get(
    '/api/command',
    { schema: { tags, summary: '县指挥部组成、成员单位职责、7个工作组、相关单位联系电话，以及各职务的账号' } },
    async (request) => {
      await authorize(request, 'incident:read');
      return {
        posts: COMMAND_POSTS,
        leadership: LEADERSHIP,
        duties: HQ_DUTIES,
        memberUnits: MEMBER_UNITS,
        workingGroups: { names: WORKING_GROUPS, source: WORKING_GROUPS_SOURCE, clause: '§2.1.1' },
        contacts: CONTACTS,
        holders: await listPosts(ctx.db, ctx.tenant),
        forms: { categories: INFO_CATEGORIES, attachments: ATTACHMENT_KINDS, content: CONTENT_FIELDS },
        aftermathSteps: AFTERMATH_STEPS,
      };
    },
  );

  app.put(
    '/api/command/posts',
    { schema: { tags, summary: '设置账号在县指挥部中的职务（§2.1.1）', body: openapi(postsBody) } },
    async (request) => {
      await authorize(request, 'incident:act');
      const body = parseInput(postsBody, request.body, 'body');
      return { holders: await setPosts(ctx.db, ctx.tenant, body, request.actor, now()) };
    },
  );
}
