// HTTP routes of the 发文字号 register and the gazette compiler:
//   GET  /api/docnumbers?agency=&year=          the register (assigned here + printed in imported gazettes) and
//                                               the known agency codes — staff who follow documents (docnumber:read)
//   GET  /api/docnumbers/next?agency=&year=     the next free number (peek: writes nothing)
//   POST /api/docnumbers {agency, year, title, issuer?, signedOn, disclosure, draft?}
//                                               reserves the next number (docnumber:assign, the county office);
//                                               with a draft, checked first (a bad draft takes no number), the
//                                               answer carries the formal text (formal.ts) for `compile --add`
//   GET  /api/gazette/compile?from=&to=&issue=YYYY:N&published=&format=json|txt|docx
//                                               the next issue compiled from the stored documents (gazette:compile)
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import { compileGazette } from '../gazette/compile.ts';
import { compileDocx } from '../gazette/compileDocx.ts';
import { openapi, parseInput } from '../platform/validate.ts';
import { compileSource } from './compileSource.ts';
import { documentOfFormal, formalText } from './formal.ts';
import { agencySchema, assignSchema, formatDocNumber, peekSchema } from './numbers.ts';
import { assignNumber, knownAgencies, listRegister, peekNext } from './store.ts';

const tags = ['发文登记与公报编辑'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

const listQuery = z.object({
  agency: agencySchema.optional(),
  year: z.coerce.number({ error: '年份应为整数' }).int('年份应为整数').min(1949).max(2199).optional(),
});

const draftBody = z.object({ draft: z.string().max(200_000, '草稿过长（最多 20 万字）').optional() });

const compileQuery = z.object({
  from: isoDate,
  to: isoDate,
  issue: z.string().regex(/^\d{4}:\d{1,3}$/, '期号应为 年:期，如 2023:4'),
  published: isoDate.optional(),
  format: z.enum(['json', 'txt', 'docx'], { error: '格式应为 json、txt 或 docx' }).optional(),
});

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/docnumbers',
    { schema: { tags, summary: '发文字号登记簿与已知发文机关代字', querystring: openapi(listQuery) } },
    async (request) => {
      await authorize(request, 'docnumber:read');
      const q = parseInput(listQuery, request.query, 'query');
      const [entries, agencies] = await Promise.all([
        listRegister(ctx.db, ctx.tenant, {
          ...(q.agency ? { agency: q.agency } : {}),
          ...(q.year ? { year: q.year } : {}),
        }),
        knownAgencies(ctx.db, ctx.tenant),
      ]);
      return { entries, agencies };
    },
  );

  app.get(
    '/api/docnumbers/next',
    { schema: { tags, summary: '下一个发文字号（只查看，不占用）', querystring: openapi(peekSchema) } },
    async (request) => {
      await authorize(request, 'docnumber:read');
      const q = parseInput(peekSchema, request.query, 'query');
      return { next: await peekNext(ctx.db, ctx.tenant, q.agency, q.year) };
    },
  );

  app.post(
    '/api/docnumbers',
    {
      schema: { tags, summary: '分配发文字号（占用下一个号并登记标题、成文日期、附注）', body: openapi(assignSchema) },
    },
    async (request, reply) => {
      await authorize(request, 'docnumber:assign');
      const b = parseInput(assignSchema, request.body, 'body');
      const { draft } = parseInput(draftBody, request.body, 'body');
      if (draft !== undefined) {
        const agency = (await knownAgencies(ctx.db, ctx.tenant)).find((a) => a.code === b.agency);
        const peek = await peekNext(ctx.db, ctx.tenant, b.agency, b.year);
        documentOfFormal(
          formalText(draft, {
            ...b,
            issuer: b.issuer ?? agency?.issuer ?? '',
            docNumber: formatDocNumber(b.agency, b.year, peek.serial),
          }),
          '草稿',
        );
      }
      const issued = await assignNumber(ctx.db, ctx.tenant, b, request.actor, ctx.access.now());
      reply.code(201);
      return draft === undefined ? { issued } : { issued, formalText: formalText(draft, issued) };
    },
  );

  app.get(
    '/api/gazette/compile',
    {
      schema: {
        tags,
        summary: '编辑下一期公报（json 预览、txt 文本、docx 排版稿）',
        querystring: openapi(compileQuery),
      },
    },
    async (request, reply) => {
      await authorize(request, 'gazette:compile');
      const q = parseInput(compileQuery, request.query, 'query');
      const [year, number] = q.issue.split(':').map(Number) as [number, number];
      const src = await compileSource(ctx.db, ctx.tenant, {
        from: q.from,
        to: q.to,
        year,
        number,
        publishedOn: q.published ?? (shanghaiDate(ctx.access.now().toISOString()) as string),
      });
      const name = `${year}年第${number}期公报`;
      const disposition = (ext: string) =>
        `attachment; filename="gazette-${year}-${number}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
      if (q.format === 'txt') {
        reply.header('content-type', 'text/plain; charset=utf-8').header('content-disposition', disposition('txt'));
        return compileGazette(src.input).text;
      }
      if (q.format === 'docx') {
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', disposition('docx'));
        return compileDocx(src.input);
      }
      const compiled = compileGazette(src.input);
      return {
        issue: { year, number, publishedOn: src.input.cover.publishedOn, title: src.input.cover.title },
        toc: compiled.toc,
        pages: compiled.pages,
        skipped: src.skipped,
      };
    },
  );
}
