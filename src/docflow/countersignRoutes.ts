// HTTP routes of the stored 会签 requests (襄政发〔2023〕7号 第三十一条; store: countersignStore.ts):
//   GET  /api/docflow/countersigns            staff (docflow:check); a liaison sees only requests asking its unit
//   GET  /api/docflow/countersigns/:id        same rule (a request not asking the liaison's unit answers 404)
//   POST /api/docflow/countersigns            the county office (admin; policy action docnumber:assign, the office's
//                                             公文处理 action) {title, leadUnit, units[], sentOn, workdays?, agreedDueOn?} → 201
//   POST /api/docflow/countersigns/:id/reply  {unit?, answer: agree|objection, opinion?, expectedVersion?}: the unit's own
//                                             liaison ('unit:act'; unit defaults to the liaison's) — or the office
// Reads record silences past the due day as 视为无异议 (persisted in the read's transaction, see the store).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { idParams, openapi, parseInput } from '../platform/validate.ts';
import { createCountersign, getCountersign, listCountersigns, replyCountersign } from './countersignStore.ts';

const tags = ['公文处理'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

const createBody = z.object({
  title: z.string().trim().min(1, '请填写会签文稿的标题').max(200, '标题最多 200 字'),
  leadUnit: z.string().trim().min(1, '请填写主办部门').max(100),
  units: z.array(z.string().trim().min(1).max(100)).min(1, '请至少选择一个会签单位').max(60, '会签单位最多 60 个'),
  sentOn: isoDate,
  workdays: z.number().int().min(1, '回复时限至少 1 个工作日').max(60, '回复时限最多 60 个工作日').optional(),
  agreedDueOn: isoDate.nullable().optional(),
});

const replyBody = z.object({
  unit: z.string().trim().min(1).max(100).optional(),
  answer: z.enum(['agree', 'objection'], { error: '回复应为 agree（同意）或 objection（有不同意见）' }),
  opinion: z.string().max(5000, '意见最多 5000 字').nullable().optional(),
  expectedVersion: z.number().int().min(0).optional(),
});

export async function countersignRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  const now = () => ctx.access.now();
  const liaisonUnit = (request: FastifyRequest) =>
    request.actor.role === 'liaison' ? (request.actor.unit ?? '') : null;

  app.get('/api/docflow/countersigns', { schema: { tags, summary: '会签请求及各单位回复时限' } }, async (request) => {
    await authorize(request, 'docflow:check');
    return { requests: await listCountersigns(ctx.db, ctx.tenant, { now: now(), unit: liaisonUnit(request) }) };
  });

  app.get('/api/docflow/countersigns/:id', { schema: { tags, summary: '一份会签请求' } }, async (request) => {
    await authorize(request, 'docflow:check');
    const { id } = parseInput(idParams, request.params, 'params');
    const r = await getCountersign(ctx.db, ctx.tenant, id, { now: now() });
    const unit = liaisonUnit(request);
    if (unit !== null && !r.units.some((u) => u.unit === unit))
      throw new AppError('NOT_FOUND', `会签请求 ${id} 不存在。`);
    return { request: r };
  });

  app.post(
    '/api/docflow/countersigns',
    { schema: { tags, summary: '发起会签（县政府办）', body: openapi(createBody) } },
    async (request, reply) => {
      try {
        await authorize(request, 'docnumber:assign', { kind: 'system' }, { entity: 'countersign_request' });
      } catch (e) {
        if (isAppError(e) && e.code === 'FORBIDDEN')
          throw new AppError('FORBIDDEN', '只有县政府办（管理员）可以发起会签。');
        throw e;
      }
      const b = parseInput(createBody, request.body, 'body');
      const r = await createCountersign(ctx.db, ctx.tenant, b, request.actor, { now: now(), ip: request.ip });
      reply.code(201);
      return { request: r };
    },
  );

  app.post(
    '/api/docflow/countersigns/:id/reply',
    { schema: { tags, summary: '会签回复：同意或有不同意见（本单位联络员）', body: openapi(replyBody) } },
    async (request) => {
      await authorize(request, 'docflow:check');
      const { id } = parseInput(idParams, request.params, 'params');
      const b = parseInput(replyBody, request.body, 'body');
      const unit = b.unit ?? request.actor.unit;
      if (!unit) throw new AppError('BAD_INPUT', '请注明代表哪个单位回复（unit）。', { field: 'unit' });
      await authorize(request, 'unit:act', { kind: 'unit', unit }, { entity: 'countersign_request', entityId: id });
      const r = await replyCountersign(
        ctx.db,
        ctx.tenant,
        id,
        { unit, answer: b.answer, opinion: b.opinion, expectedVersion: b.expectedVersion },
        request.actor,
        { now: now(), ip: request.ip },
      );
      return { request: r };
    },
  );
}
