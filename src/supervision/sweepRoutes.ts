// HTTP routes of the sweep and the escalation ladder:
//   GET  /api/supervision/items/:id/ladder      the item's 催办/通报/约谈 records (staff)
//   GET  /api/supervision/ladder?step=interview[&all=true]   the 约谈 (or 通报, 催办) list of open items (staff)
//   GET  /api/supervision/sweep                 the stored sweep state (last sweep, lock)
//   POST /api/supervision/sweep                 sweep now (admin, supervision:assign; audited)
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../access/audit.ts';
import { authorize } from '../access/guard.ts';
import { AppError } from '../platform/errors.ts';
import { idParams, openapi, parseInput } from '../platform/validate.ts';
import { ladderList, ladderOf, runSweep, sweepState } from './sweepStore.ts';
import { ESCALATION_LEVELS, type EscalationLevel } from './types.ts';

const tags = ['督办'];

const ladderQuery = z.object({
  step: z.enum(ESCALATION_LEVELS as [string, ...string[]], {
    error: 'step 应为 urge（催办）、notice（通报）或 interview（约谈）',
  }),
  all: z.enum(['true', 'false'], { error: 'all 应为 true 或 false' }).optional(),
});

export async function sweepRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/supervision/items/:id/ladder',
    { schema: { tags, summary: '督办事项的催办、通报、约谈记录', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'supervision:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const exists = await ctx.db.db
        .selectFrom('supervision_items')
        .select('id')
        .where('tenant', '=', ctx.tenant)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的督办事项`);
      return { ladder: await ladderOf(ctx.db, ctx.tenant, id) };
    },
  );

  app.get(
    '/api/supervision/ladder',
    { schema: { tags, summary: '约谈（或通报、催办）名单', querystring: openapi(ladderQuery) } },
    async (request) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(ladderQuery, request.query, 'query');
      return {
        step: q.step,
        entries: await ladderList(ctx.db, ctx.tenant, q.step as EscalationLevel, { all: q.all === 'true' }),
      };
    },
  );

  app.get('/api/supervision/sweep', { schema: { tags, summary: '督办巡检状态' } }, async (request) => {
    await authorize(request, 'supervision:read');
    return { state: await sweepState(ctx.db, ctx.tenant) };
  });

  app.post(
    '/api/supervision/sweep',
    { schema: { tags, summary: '立即执行一次督办巡检（管理员）' } },
    async (request) => {
      await authorize(request, 'supervision:assign');
      const now = ctx.access.now();
      const report = await runSweep(ctx.db, ctx.tenant, { now });
      await recordAudit(ctx.db, {
        tenant: ctx.tenant,
        actor: request.actor,
        action: 'supervision:sweep',
        entity: 'supervision_sweep',
        entityId: ctx.tenant,
        after: report,
        ip: request.ip,
        at: now,
      });
      if (!report.ran) throw new AppError('CONFLICT', '另一个督办巡检正在进行，请稍后再试');
      return { report };
    },
  );
}
