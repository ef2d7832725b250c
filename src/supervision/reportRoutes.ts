// HTTP routes of rankings, the monthly 通报 and the leader's dashboard (issue #5 parts 5–6):
//   GET /api/supervision/rankings?from=&to=  | ?month=YYYY-MM     staff (supervision:read)
//   GET /api/supervision/rankings/trend?from=YYYY-MM&to=YYYY-MM    the monthly trend (charts)
//   GET /api/supervision/report.xlsx?month=YYYY-MM  /report.docx    the 通报 as files (staff)
//   GET /api/supervision/dashboard[?leader=<userId>]              a leader's dashboard (the leader's own; the
//                                                                   office may name a leader or see the county)
//   GET /api/supervision/leaders                                   leaders and their units (分管)
//   PUT /api/supervision/leaders/:id/units {units}                 set a leader's units (admin)
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import { AppError } from '../platform/errors.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { monthPeriod, validatePeriod } from './rankings.ts';
import { leaderDashboard, leaderPortfolios, periodRankings, rankingTrend, setLeaderUnits } from './rankingsStore.ts';
import { reportDocx, reportXlsx } from './report.ts';

const tags = ['督办'];
const month = z.string().regex(/^\d{4}-\d{2}$/, '应为 YYYY-MM 格式的月份（如 2023-06）');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

const rankingsQuery = z.object({ month: month.optional(), from: isoDate.optional(), to: isoDate.optional() });
const trendQuery = z.object({ from: month, to: month });
const reportQuery = z.object({ month });
const dashboardQuery = z.object({ leader: idSchema.optional() });
const unitsBody = z.object({
  units: z
    .array(z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称最多 100 个字符'), {
      error: '请提交分管单位列表（units）',
    })
    .max(200, '分管单位过多'),
});

function periodOf(q: z.output<typeof rankingsQuery>) {
  if (q.month) return monthPeriod(q.month);
  if (!q.from || !q.to)
    throw new AppError('BAD_INPUT', '请用查询参数“month”（YYYY-MM）或“from”与“to”（YYYY-MM-DD）指定统计期间', {
      field: q.from ? 'to' : 'from',
    });
  return validatePeriod(q.from, q.to);
}

function reportFileName(m: string, ext: string): string {
  const [y, mo] = m.split('-').map(Number);
  const name = `${y}年${mo}月份重点工作督办落实情况通报.${ext}`;
  return `attachment; filename="report-${m}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function requireStaffOfDashboard(request: FastifyRequest): void {
  if (request.actor.role === 'liaison')
    throw new AppError('FORBIDDEN', '领导看板仅供县领导和县政府办查看；单位联络员请使用“我的督办”。');
}

export async function supervisionReportRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/supervision/rankings',
    {
      schema: {
        tags,
        summary: '督办排名：按单位（牵头、配合分列）和分管领导的按期办结率、逾期数、平均用时、评定等次',
        querystring: openapi(rankingsQuery),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(rankingsQuery, request.query, 'query');
      return { rankings: await periodRankings(ctx.db, ctx.tenant, periodOf(q), { now: ctx.access.now() }) };
    },
  );

  app.get(
    '/api/supervision/rankings/trend',
    {
      schema: { tags, summary: '逐月趋势：到期、按期、逾期（每月以月末或今日为准）', querystring: openapi(trendQuery) },
    },
    async (request) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(trendQuery, request.query, 'query');
      return { trend: await rankingTrend(ctx.db, ctx.tenant, q.from, q.to, { now: ctx.access.now() }) };
    },
  );

  for (const ext of ['xlsx', 'docx'] as const) {
    app.get(
      `/api/supervision/report.${ext}`,
      {
        schema: {
          tags,
          summary: `月度督办通报（${ext === 'xlsx' ? 'Excel' : 'Word'}）`,
          querystring: openapi(reportQuery),
        },
      },
      async (request, reply) => {
        await authorize(request, 'supervision:read');
        const q = parseInput(reportQuery, request.query, 'query');
        const r = await periodRankings(ctx.db, ctx.tenant, monthPeriod(q.month), { now: ctx.access.now() });
        const body = ext === 'xlsx' ? await reportXlsx(r, { month: q.month }) : await reportDocx(r, { month: q.month });
        return reply
          .header(
            'content-type',
            ext === 'xlsx'
              ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          )
          .header('content-disposition', reportFileName(q.month, ext))
          .send(body);
      },
    );
  }

  app.get(
    '/api/supervision/dashboard',
    {
      schema: {
        tags,
        summary: '领导看板：分管单位事项的红黄绿灯、逾期、待决定的延期申请、近期办结',
        querystring: openapi(dashboardQuery),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:read');
      requireStaffOfDashboard(request);
      const q = parseInput(dashboardQuery, request.query, 'query');
      const actor = request.actor;
      let leader: { userId: number | null; name: string };
      if (actor.role === 'leader') {
        if (q.leader !== undefined && q.leader !== actor.id)
          throw new AppError('FORBIDDEN', '县领导只能查看本人的看板。', { field: 'leader' });
        leader = { userId: actor.id, name: actor.displayName };
      } else if (q.leader !== undefined) {
        const p = (await leaderPortfolios(ctx.db, ctx.tenant)).find((x) => x.userId === q.leader);
        if (!p) throw new AppError('NOT_FOUND', `未找到编号为 ${q.leader} 的领导账户`);
        leader = { userId: p.userId, name: p.leader };
      } else {
        leader = { userId: null, name: '全县' };
      }
      const dashboard = await leaderDashboard(ctx.db, ctx.tenant, leader, { now: ctx.access.now() });
      return { dashboard, today: shanghaiDate(ctx.access.now().toISOString()) };
    },
  );

  app.get('/api/supervision/leaders', { schema: { tags, summary: '县领导及其分管单位' } }, async (request) => {
    await authorize(request, 'supervision:read');
    return { leaders: await leaderPortfolios(ctx.db, ctx.tenant) };
  });

  app.put(
    '/api/supervision/leaders/:id/units',
    {
      schema: {
        tags,
        summary: '设置县领导的分管单位（县政府办）',
        params: openapi(idParams),
        body: openapi(unitsBody),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:assign');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(unitsBody, request.body, 'body');
      const leader = await setLeaderUnits(ctx.db, ctx.tenant, id, body.units, request.actor, {
        now: ctx.access.now(),
        ip: request.ip,
      });
      return { leader };
    },
  );
}
