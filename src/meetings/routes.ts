// HTTP routes of the meetings capability (会议制度, 襄政发〔2023〕7号 第十八—二十六条):
//   GET  /api/meetings?from=&to=&kind=              staff (meeting:read)
//   GET  /api/meetings/cadence?year=                 第二十条 常务会议 2—3/月, 第二十六条 专题学习 every two months
//   GET  /api/meetings/:id                           the meeting: topics with 三重一大 flags, attendance, minutes,
//                                                    decisions → supervision items, issue clocks, findings, actions
//   POST /api/meetings                               plan (admin: meeting:plan)
//   POST /api/meetings/:id/actions {action, version} role from the session; the lifecycle decides who may do
//                                                    what (403), state and payload (400), 409 when stale
//   GET  /api/meetings/officials, POST /api/meetings/officials, PUT /api/meetings/officials/:id   the roster (admin)
//   POST /api/meetings/classify {text, declaredMajor}  the 三重一大 classifier (staff)
//   GET/POST /api/meetings/requests                  第二十五条 county-wide meeting requests (10 working days)
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { idParams, openapi, parseInput } from '../platform/validate.ts';
import { classifyTopic } from './classify.ts';
import { ACTION_TYPES, type MeetingAction } from './lifecycle.ts';
import { MEETING_KINDS, POSTS } from './rules.ts';
import {
  actOnMeeting,
  cadence,
  createMeeting,
  getMeeting,
  listMeetings,
  listOfficials,
  listRequests,
  recordRequest,
  saveOfficial,
} from './store.ts';

const tags = ['会议'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');
const name = z.string().trim().min(1, '不能为空').max(100, '最多 100 个字符');
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字符`);
const kindEnum = z.enum(MEETING_KINDS as [string, ...string[]], {
  error: `会议类型应为 ${MEETING_KINDS.join('、')} 之一`,
});

const listQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), kind: kindEnum.optional() });
const yearQuery = z.object({ year: z.coerce.number({ error: '年份应为数字' }).int().min(2000).max(2100).optional() });

const participant = z.object({
  name,
  title: name,
  officialId: z.string().max(20).nullable().optional(),
  unit: name.nullable().optional(),
  role: z.enum(['member', 'attendee'], { error: '与会身份应为 member（组成人员）或 attendee（列席）' }),
});

const planBody = z.object({
  kind: kindEnum,
  title: name.max(200),
  date: isoDate,
  place: text(200).nullable().optional(),
  theme: text(500).nullable().optional(),
  convenerId: z.string({ error: '请指定召集人（convenerId）' }).min(1).max(20),
  entrustedById: z.string().max(20).nullable().optional(),
  participants: z.array(participant).max(200, '与会人员过多').optional(),
});

const decision = z.object({
  text: text(2000),
  lead: z.string().trim().max(100),
  supports: z.array(name).max(50).optional(),
  dueOn: isoDate.nullable().optional(),
  topicId: z.string().max(20).nullable().optional(),
});

const topicId = z.string({ error: '请指定议题（topicId）' }).min(1).max(20);

const actionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('propose_topic'),
      title: text(200),
      summary: text(5000).optional(),
      unit: name,
      declaredMajor: z.boolean().optional(),
    }),
    z.object({ type: z.literal('withdraw_topic'), topicId }),
    z.object({ type: z.literal('agree_topic'), topicId }),
    z.object({ type: z.literal('decline_topic'), topicId, reason: text(1000) }),
    z.object({ type: z.literal('set_topic'), topicId }),
    z.object({ type: z.literal('send_materials'), topicId }),
    z.object({
      type: z.literal('request_leave'),
      participantId: z.string().min(1).max(20),
      reason: text(1000),
      approvedBy: text(100),
    }),
    z.object({ type: z.literal('file_leave'), participantId: z.string().min(1).max(20) }),
    z.object({ type: z.literal('hold'), present: z.array(z.string().max(20)).max(500) }),
    z.object({ type: z.literal('cancel'), reason: text(1000) }),
    z.object({
      type: z.literal('record_outcome'),
      topicId,
      result: z.enum(['approved', 'approved_in_principle', 'deferred', 'rejected'], {
        error: '审议结果应为 approved、approved_in_principle、deferred 或 rejected',
      }),
      note: text(2000).optional(),
      documents: z.array(text(200)).max(20).optional(),
    }),
    z.object({
      type: z.literal('draft_minutes'),
      text: text(50000),
      decisions: z.array(decision).max(100, '决定事项过多'),
      major: z.boolean().optional(),
    }),
    z.object({ type: z.literal('agree_minutes') }),
    z.object({ type: z.literal('review_minutes'), passed: z.boolean(), reviewer: text(100), opinion: text(2000) }),
    z.object({ type: z.literal('sign_minutes') }),
    z.object({ type: z.literal('confirm_minutes') }),
    z.object({
      type: z.literal('record_issued'),
      topicId,
      index: z.number().int().min(0),
      docNumber: text(100),
      issuedOn: isoDate,
    }),
  ],
  { error: `操作类型（action.type）应为 ${ACTION_TYPES.join('、')} 之一` },
);

const actionBody = z.object({
  action: actionSchema,
  version: z.number({ error: '应提交所操作会议的版本号（version）' }).int().positive(),
});

const officialBody = z.object({
  name,
  post: z.enum(POSTS as [string, ...string[]], { error: `职务应为 ${POSTS.join('、')} 之一` }),
  oversees: z.array(name).max(100),
  userId: z.number().int().positive().nullable().optional(),
});

const classifyBody = z.object({ text: text(20000).min(1, '请提供议题文字'), declaredMajor: z.boolean().optional() });

const requestBody = z.object({ unit: name, title: text(200).min(1), meetingDate: isoDate, submittedOn: isoDate });

export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  const now = () => ctx.access.now();

  app.get(
    '/api/meetings',
    { schema: { tags, summary: '会议列表', querystring: openapi(listQuery) } },
    async (request) => {
      await authorize(request, 'meeting:read');
      const q = parseInput(listQuery, request.query, 'query');
      return { meetings: await listMeetings(ctx.db, ctx.tenant, q) };
    },
  );

  app.get(
    '/api/meetings/cadence',
    {
      schema: {
        tags,
        summary: '常务会议频次（第二十条）与专题学习（第二十六条）检查',
        querystring: openapi(yearQuery),
      },
    },
    async (request) => {
      await authorize(request, 'meeting:read');
      const q = parseInput(yearQuery, request.query, 'query');
      const year = q.year ?? Number(now().toISOString().slice(0, 4));
      return { cadence: await cadence(ctx.db, ctx.tenant, year, { now: now() }) };
    },
  );

  app.get(
    '/api/meetings/officials',
    { schema: { tags, summary: '县政府领导名册（职务、分管单位）' } },
    async (request) => {
      await authorize(request, 'meeting:read');
      return { officials: await listOfficials(ctx.db, ctx.tenant) };
    },
  );

  app.post(
    '/api/meetings/officials',
    { schema: { tags, summary: '登记县政府领导', body: openapi(officialBody) } },
    async (request, reply) => {
      await authorize(request, 'meeting:plan');
      const body = parseInput(officialBody, request.body, 'body');
      const official = await saveOfficial(
        ctx.db,
        ctx.tenant,
        null,
        { ...body, post: body.post as (typeof POSTS)[number] },
        request.actor,
        { now: now(), ip: request.ip },
      );
      reply.code(201);
      return { official };
    },
  );

  app.put(
    '/api/meetings/officials/:id',
    {
      schema: {
        tags,
        summary: '修改县政府领导（职务、分管、关联账号）',
        params: openapi(idParams),
        body: openapi(officialBody),
      },
    },
    async (request) => {
      await authorize(request, 'meeting:plan');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(officialBody, request.body, 'body');
      const official = await saveOfficial(
        ctx.db,
        ctx.tenant,
        id,
        { ...body, post: body.post as (typeof POSTS)[number] },
        request.actor,
        { now: now(), ip: request.ip },
      );
      return { official };
    },
  );

  app.post(
    '/api/meetings/classify',
    { schema: { tags, summary: '“三重一大”事项识别（襄政发〔2023〕7号附件）', body: openapi(classifyBody) } },
    async (request) => {
      await authorize(request, 'meeting:read');
      const body = parseInput(classifyBody, request.body, 'body');
      return { classification: classifyTopic(body.text, body.declaredMajor ?? false) };
    },
  );

  app.get('/api/meetings/requests', { schema: { tags, summary: '全县性会议请示（第二十五条）' } }, async (request) => {
    await authorize(request, 'meeting:read');
    return { requests: await listRequests(ctx.db, ctx.tenant) };
  });

  app.post(
    '/api/meetings/requests',
    {
      schema: { tags, summary: '登记全县性会议请示并检查是否提前10个工作日（第二十五条）', body: openapi(requestBody) },
    },
    async (request, reply) => {
      await authorize(request, 'meeting:act');
      const body = parseInput(requestBody, request.body, 'body');
      if (request.actor.role === 'liaison')
        await authorize(request, 'unit:act', { kind: 'unit', unit: body.unit }, { entity: 'meeting_request' });
      const r = await recordRequest(ctx.db, ctx.tenant, body, request.actor, { now: now(), ip: request.ip });
      reply.code(201);
      return { request: r };
    },
  );

  app.get(
    '/api/meetings/:id',
    { schema: { tags, summary: '一次会议：议题、出席、纪要、决定事项、印发时限', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'meeting:read');
      const { id } = parseInput(idParams, request.params, 'params');
      return { meeting: await getMeeting(ctx.db, ctx.tenant, id, request.actor, { now: now() }) };
    },
  );

  app.post(
    '/api/meetings',
    { schema: { tags, summary: '安排会议', body: openapi(planBody) } },
    async (request, reply) => {
      await authorize(request, 'meeting:plan');
      const body = parseInput(planBody, request.body, 'body');
      const meeting = await createMeeting(
        ctx.db,
        ctx.tenant,
        { ...body, kind: body.kind as (typeof MEETING_KINDS)[number] },
        request.actor,
        { now: now(), ip: request.ip },
      );
      reply.code(201);
      return { meeting };
    },
  );

  app.post(
    '/api/meetings/:id/actions',
    {
      schema: {
        tags,
        summary: '会议办理：议题、请假、召开、纪要、签发、印发；version 不一致时 409',
        params: openapi(idParams),
        body: openapi(actionBody),
      },
    },
    async (request) => {
      await authorize(request, 'meeting:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(actionBody, request.body, 'body');
      const meeting = await actOnMeeting(
        ctx.db,
        ctx.tenant,
        id,
        { action: body.action as MeetingAction, expectedVersion: body.version },
        request.actor,
        { now: now(), ip: request.ip },
      );
      return { meeting };
    },
  );
}
