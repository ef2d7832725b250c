// HTTP routes of the commitments capability: the extracted records and their review by the county office.
//   GET  /api/commitments?kind=&status=&documentId=   signed-in staff (commitment:read)
//   GET  /api/commitments/:id                         the record with its source clause
//   POST /api/commitments/:id/review                  admin only (commitment:review); CSRF by the access hooks
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { visibleDisclosures } from '../access/policy.ts';
import { getClause } from '../documents/store.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { COMMITMENT_KINDS, COMMITMENT_STATUSES, getCommitment, listCommitments, reviewCommitment } from './store.ts';

const tags = ['承诺事项审核'];

const listQuery = z.object({
  kind: z
    .enum(COMMITMENT_KINDS as [string, ...string[]], { error: `类别应为 ${COMMITMENT_KINDS.join('、')} 之一` })
    .optional(),
  status: z
    .enum(COMMITMENT_STATUSES as [string, ...string[]], { error: `状态应为 ${COMMITMENT_STATUSES.join('、')} 之一` })
    .optional(),
  documentId: idSchema.optional(),
});

const reviewBody = z.object({
  action: z.enum(['confirm', 'correct', 'reject'], {
    error: '操作应为 confirm（确认）、correct（更正）或 reject（驳回）',
  }),
  corrected: z.record(z.string(), z.unknown(), { error: '更正内容应为对象' }).optional(),
  note: z.string().max(1000, '说明过长（最多 1000 字）').nullable().optional(),
  version: z.number({ error: '应提交所审核记录的版本号（version）' }).int().positive(),
});

export async function commitmentRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/commitments',
    {
      schema: {
        tags,
        summary: '提取的记录（任务、指标、领导小组、阶段、项目）及其审核状态',
        querystring: openapi(listQuery),
      },
    },
    async (request) => {
      await authorize(request, 'commitment:read');
      const q = parseInput(listQuery, request.query, 'query');
      const commitments = await listCommitments(ctx.db, ctx.tenant, {
        ...(q.kind ? { kind: q.kind as (typeof COMMITMENT_KINDS)[number] } : {}),
        ...(q.status ? { status: q.status as (typeof COMMITMENT_STATUSES)[number] } : {}),
        ...(q.documentId !== undefined ? { documentId: q.documentId } : {}),
        disclosures: visibleDisclosures(request.actor),
      });
      return { commitments };
    },
  );

  app.get(
    '/api/commitments/:id',
    { schema: { tags, summary: '一条提取的记录及其出处条款原文', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const commitment = await getCommitment(ctx.db, ctx.tenant, id);
      if (!visibleDisclosures(request.actor).includes(commitment.disclosure)) {
        throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的提取记录`);
      }
      let clause = null;
      try {
        const c = (await getClause(ctx.db, ctx.tenant, commitment.documentId, commitment.eId)).clause;
        clause = {
          eId: c.eId,
          citation: c.citation,
          num: c.num,
          heading: c.heading,
          text: c.text,
          table: c.table,
          line: c.line,
          children: c.children,
        };
      } catch (e) {
        // the clause is gone from the current version of the document: the record is shown without it
        if (!isAppError(e) || e.code !== 'NOT_FOUND') throw e;
      }
      return { commitment, clause };
    },
  );

  app.post(
    '/api/commitments/:id/review',
    {
      schema: {
        tags,
        summary: '审核一条记录：确认、更正（提交更正后的字段）或驳回（须填理由）；version 不一致时 409',
        params: openapi(idParams),
        body: openapi(reviewBody),
      },
    },
    async (request) => {
      await authorize(request, 'commitment:review');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(reviewBody, request.body, 'body');
      const commitment = await reviewCommitment(ctx.db, ctx.tenant, id, {
        action: body.action,
        ...(body.corrected !== undefined ? { corrected: body.corrected } : {}),
        note: body.note ?? null,
        expectedVersion: body.version,
        actor: request.actor,
        ip: request.ip,
        now: ctx.access.now(),
      });
      return { commitment };
    },
  );
}
