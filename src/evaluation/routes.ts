// HTTP routes of the evaluation capability (issue #6). Thin: zod validation, authorization, a store call.
// Authorization reuses the county office's actions (like monitoring): staff read (commitment:read), the
// county office (admin) creates assessments and enters values (commitment:review).
//   GET  /api/evaluation/rubrics                              staff — {rubrics:[{id,title,docNumber,maxScore}]}
//   GET  /api/evaluation/rubrics/:id                          staff — the rubric
//   GET  /api/evaluation/rubrics/:id/template.xlsx            staff — empty template
//   GET  /api/evaluation/assessments                          staff
//   POST /api/evaluation/assessments {rubricId, period}       admin
//   GET  /api/evaluation/assessments/:id                      staff — assessment and its input (JSON format)
//   PUT  /api/evaluation/assessments/:id/entities {entities, version?}   admin — merge, validate, write
//   GET  /api/evaluation/assessments/:id/template.xlsx        staff — template with the assessment's entities
//   POST /api/evaluation/assessments/:id/template.xlsx        admin — import (xlsx body, or JSON {contentBase64}): all rows or none
//   GET  /api/evaluation/assessments/:id/score                staff — the score sheet (score --json shape)
//   GET  /api/evaluation/assessments/:id/sheet.xlsx|sheet.docx staff — exports
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { AppError } from '../platform/errors.ts';
import { idParams, openapi, parseInput } from '../platform/validate.ts';
import { resultJson, rubricSummary } from './cli.ts';
import { buildScoreWorkbook, buildTemplate } from './excel.ts';
import { resolveRubric, shippedRubrics } from './load.ts';
import { buildScoreDocx, sheetTitle } from './report.ts';
import {
  createAssessment,
  getAssessment,
  importWorkbook,
  listAssessments,
  saveEntities,
  scoreAssessment,
} from './store.ts';

const tags = ['评价考核'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const rubricParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '评分细则编号不正确') });
const createBody = z.object({
  rubricId: z.string().trim().min(1, '请选择评分细则'),
  period: z.string().trim().min(1, '请填写评价期间').max(40, '评价期间最多 40 个字符'),
});
const entitiesBody = z.object({
  entities: z.array(z.record(z.string(), z.unknown())).min(1, '至少要有一个单位').max(5000, '一次最多 5000 个单位'),
  version: z.number().int().positive().optional(),
});

const MAX_XLSX = 20 * 1024 * 1024;
const MAX_BASE64 = 28_000_000; // a 20 MiB file in base64 (4/3), rounded up
const uploadBody = z.object({
  contentBase64: z.string().min(1, '请选择 Excel 文件').max(MAX_BASE64, '文件过大（最多 20 MB）'),
});

function fileName(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_XLSX },
    (_r, body, done) => done(null, body),
  );

  app.get('/api/evaluation/rubrics', { schema: { tags, summary: '评分细则列表' } }, async (request) => {
    await authorize(request, 'commitment:read');
    return { rubrics: shippedRubrics().map(rubricSummary) };
  });

  app.get('/api/evaluation/rubrics/:id', { schema: { tags, summary: '评分细则全文' } }, async (request) => {
    await authorize(request, 'commitment:read');
    const { id } = parseInput(rubricParams, request.params, 'params');
    return resolveRubric(id);
  });

  app.get(
    '/api/evaluation/rubrics/:id/template.xlsx',
    { schema: { tags, summary: '空白录入模板（Excel）' } },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(rubricParams, request.params, 'params');
      const rubric = resolveRubric(id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', fileName(`${rubric.title}录入模板.xlsx`, `${rubric.id}-template.xlsx`))
        .send(await buildTemplate(rubric));
    },
  );

  app.get('/api/evaluation/assessments', { schema: { tags, summary: '评价列表' } }, async (request) => {
    await authorize(request, 'commitment:read');
    return { assessments: await listAssessments(ctx.db, ctx.tenant) };
  });

  app.post(
    '/api/evaluation/assessments',
    { schema: { tags, summary: '新建评价', body: openapi(createBody) } },
    async (request, reply) => {
      await authorize(request, 'commitment:review');
      const b = parseInput(createBody, request.body, 'body');
      const a = await createAssessment(ctx.db, ctx.tenant, request.actor, b);
      return reply.code(201).send(a);
    },
  );

  app.get('/api/evaluation/assessments/:id', { schema: { tags, summary: '评价与录入数据' } }, async (request) => {
    await authorize(request, 'commitment:read');
    const { id } = parseInput(idParams, request.params, 'params');
    return getAssessment(ctx.db, ctx.tenant, id);
  });

  app.put(
    '/api/evaluation/assessments/:id/entities',
    { schema: { tags, summary: '录入或修改单位数据（合并、整体校验、一个事务）', body: openapi(entitiesBody) } },
    async (request) => {
      await authorize(request, 'commitment:review');
      const { id } = parseInput(idParams, request.params, 'params');
      const b = parseInput(entitiesBody, request.body, 'body');
      return saveEntities(
        ctx.db,
        ctx.tenant,
        request.actor,
        id,
        b,
        b.version !== undefined ? { expectVersion: b.version } : {},
      );
    },
  );

  app.get(
    '/api/evaluation/assessments/:id/template.xlsx',
    { schema: { tags, summary: '本次评价的录入模板（Excel）' } },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const { assessment, input } = await getAssessment(ctx.db, ctx.tenant, id);
      const rubric = resolveRubric(assessment.rubricId);
      const body = await buildTemplate(
        rubric,
        input.entities.map((e) => ({ id: e.id, name: e.name ?? e.id })),
      );
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          fileName(`${rubric.title}${assessment.period}录入模板.xlsx`, `assessment-${id}-template.xlsx`),
        )
        .send(body);
    },
  );

  app.post(
    '/api/evaluation/assessments/:id/template.xlsx',
    {
      // the JSON form carries the file in base64: the route's limit is the schema's, not the server's 1 MiB
      // (a route limit also replaces the xlsx parser's, hence the size check on the bytes below)
      bodyLimit: MAX_BASE64 + 64 * 1024,
      schema: { tags, summary: '导入填好的模板（Excel）' },
    },
    async (request) => {
      await authorize(request, 'commitment:review');
      const { id } = parseInput(idParams, request.params, 'params');
      // the raw file (content-type xlsx) or, from the web page, JSON {contentBase64}
      const body = request.body;
      let bytes: Buffer;
      if (Buffer.isBuffer(body)) bytes = body;
      else {
        const b = parseInput(uploadBody, body, 'body');
        bytes = Buffer.from(b.contentBase64, 'base64');
      }
      if (bytes.length > MAX_XLSX) throw new AppError('BAD_INPUT', '文件过大（最多 20 MB）', { field: 'file' });
      return importWorkbook(ctx.db, ctx.tenant, request.actor, id, bytes);
    },
  );

  app.get(
    '/api/evaluation/assessments/:id/score',
    { schema: { tags, summary: '评分结果（得分、说明、排名、等次、提示）' } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const { assessment, rubric, result } = await scoreAssessment(ctx.db, ctx.tenant, id);
      return {
        assessment,
        categories: rubric.categories.map((c) => ({ id: c.id, title: c.title, max: c.max, weight: c.weight ?? null })),
        ...resultJson(result),
      };
    },
  );

  app.get(
    '/api/evaluation/assessments/:id/sheet.xlsx',
    { schema: { tags, summary: '导出评分表（Excel）' } },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const { rubric, result } = await scoreAssessment(ctx.db, ctx.tenant, id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', fileName(`${sheetTitle(rubric, result.period)}.xlsx`, `assessment-${id}.xlsx`))
        .send(await buildScoreWorkbook(rubric, result));
    },
  );

  app.get(
    '/api/evaluation/assessments/:id/sheet.docx',
    { schema: { tags, summary: '导出评分表（Word）' } },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const { rubric, result } = await scoreAssessment(ctx.db, ctx.tenant, id);
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', fileName(`${sheetTitle(rubric, result.period)}.docx`, `assessment-${id}.docx`))
        .send(await buildScoreDocx(rubric, result));
    },
  );
}
