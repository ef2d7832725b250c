// HTTP routes of the documents capability. Thin: validate with zod, authorize through the policy,
// call the store, shape the output (withholding what the caller may not see).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../access/audit.ts';
import { authorize } from '../access/guard.ts';
import { can, visibleDisclosures } from '../access/policy.ts';
import { addRestriction, listRestrictions, removeRestriction, restrictedByDocument } from '../access/restrictions.ts';
import type { Actor } from '../access/roles.ts';
import type { Disclosure } from '../gazette/types.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { type SearchHit, type SearchResult, search } from './search.ts';
import {
  type ClauseDetail,
  type DocumentDetail,
  type DocumentSummary,
  type FindingRow,
  getClause,
  getDocument,
  getDocumentByNumber,
  getIssue,
  listDocuments,
  listFindings,
  listIssues,
} from './store.ts';
import {
  allEIds,
  inRanges,
  isCovered,
  type LineRange,
  PARTIAL_NOTE,
  pruneClauses,
  withoutMarked,
} from './visibility.ts';

const DISCLOSURES = ['public', 'partial', 'restricted'] as const;

// ---- input ---------------------------------------------------------------------------------

const eIdSchema = z
  .string()
  .min(1, '条款标识不能为空')
  .max(300, '条款标识过长')
  .regex(/^[A-Za-z0-9_]+$/, '条款标识只能包含字母、数字和下划线，例如 att_1__chp_2__para_1');

const clauseParams = z.object({ id: idSchema, eId: eIdSchema });
const docNumberParams = z.object({ docNumber: z.string().trim().min(1, '请填写发文字号').max(100, '发文字号过长') });

/** disclosure=public,partial (comma-separated, or repeated). */
const disclosureList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(DISCLOSURES, { error: '公开属性应为 public、partial 或 restricted' })));

const year = z.coerce
  .number({ error: '年份应为四位数字' })
  .int('年份应为四位数字')
  .min(1949, '年份应为四位数字')
  .max(2100, '年份应为四位数字');
const filterFields = {
  issuer: z.string().trim().min(1).max(100, '发文机关最多 100 个字').optional(),
  year: year.optional(),
  type: z.string().trim().min(1).max(20, '文件类型最多 20 个字').optional(),
  disclosure: disclosureList.optional(),
};

const documentsQuery = z.object({
  ...filterFields,
  issueId: idSchema.optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(500, '每页最多 500 条').optional(),
  offset: z.coerce.number().int().min(0, '偏移量不能为负').optional(),
});

const searchQuery = z.object({
  q: z.string({ error: '请输入检索词' }).trim().min(1, '请输入检索词').max(100, '检索词最多 100 个字，请缩短后重试'),
  ...filterFields,
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
  offset: z.coerce.number().int().min(0, '偏移量不能为负').max(10_000, '偏移量最多 10000').default(0),
});

const restrictionBody = z.object({
  eId: eIdSchema,
  reason: z.string().trim().max(200, '原因最多 200 个字').optional(),
});

// ---- messages (identical for "missing" and "not visible", so that existence does not leak) ---

export const documentNotFound = (id: number | string) => `未找到文件（编号 ${id}）：请检查编号，或先导入对应的公报。`;
export const documentNumberNotFound = (n: string) =>
  `未找到发文字号为“${n}”的文件：请检查发文字号，或先导入对应的公报。`;
export const clauseNotFound = (id: number, eId: string) => `未找到条款：文件（编号 ${id}）中没有标识为“${eId}”的条款。`;
export const issueNotFound = (id: number) => `未找到公报（编号 ${id}）：请检查编号，或先导入对应的公报。`;

/** Replace the store's NOT_FOUND with the route's own message. */
async function orNotFound<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', message);
    throw error;
  }
}

// ---- visibility helpers ------------------------------------------------------------------

function mayRead(actor: Actor, disclosure: Disclosure): boolean {
  return can(actor, 'document:read', { kind: 'document', disclosure }).allowed;
}

/** Whether the actor receives clauses an administrator marked non-public. */
function seesMarked(actor: Actor): boolean {
  return can(actor, 'clause:read', { kind: 'clause', disclosure: 'partial', restricted: true }).allowed;
}

/** Requested disclosures ∩ what the actor may see. */
function allowedDisclosures(actor: Actor, requested: Disclosure[] | undefined): Disclosure[] {
  const visible = visibleDisclosures(actor);
  return requested ? visible.filter((d) => requested.includes(d)) : visible;
}

interface Marks {
  byDocument: Map<string, string[]>;
  of(documentId: number): string[];
}

async function loadMarks(ctx: AppContext): Promise<Marks> {
  const byDocument = await restrictedByDocument(ctx.db, ctx.tenant);
  return { byDocument, of: (id) => byDocument.get(String(id)) ?? [] };
}

/** The document as the actor may receive it. */
function shapeDocument(actor: Actor, detail: DocumentDetail, marks: string[]) {
  if (seesMarked(actor)) {
    return {
      ...detail,
      attachments: detail.attachments.map((a) => (isCovered(marks, a.eId) ? { ...a, restricted: true } : a)),
      restrictedEIds: marks,
      publicPart: false,
    };
  }
  const { doc, withheld } = withoutMarked(detail, marks);
  const partial = detail.disclosure === 'partial' || withheld.count > 0;
  return {
    ...doc,
    findings: doc.findings.filter((f) => !inRanges(f.line, withheld.lines)),
    publicPart: partial,
    ...(partial ? { publicNote: PARTIAL_NOTE } : {}),
  };
}

/** Findings the actor may see: of visible documents, and not pointing into withheld text. */
async function visibleFindings(
  ctx: AppContext,
  actor: Actor,
  rows: FindingRow[],
  docs: DocumentSummary[],
): Promise<FindingRow[]> {
  const visible = new Map(docs.filter((d) => mayRead(actor, d.disclosure)).map((d) => [d.id, d]));
  const hiddenNumbers = new Set(docs.filter((d) => !visible.has(d.id)).map((d) => d.docNumber));
  let hiddenLines: LineRange[] = [];
  if (!seesMarked(actor)) {
    const marks = await loadMarks(ctx);
    for (const d of visible.values()) {
      const m = marks.of(d.id);
      if (m.length === 0) continue;
      const detail = await getDocument(ctx.db, ctx.tenant, d.id);
      hiddenLines = hiddenLines.concat(withoutMarked(detail, m).withheld.lines);
    }
  }
  return rows.filter((f) => {
    if (f.documentId !== null && !visible.has(f.documentId)) return false;
    if (f.docNumber !== null && hiddenNumbers.has(f.docNumber)) return false;
    return !inRanges(f.line, hiddenLines);
  });
}

/** A hit the actor may not receive: a marked clause, or a title hit matched only in a marked attachment title. */
function hiddenHit(hit: SearchHit, marks: Marks): boolean {
  const m = marks.of(hit.documentId);
  if (m.length === 0) return false;
  if (hit.eId !== null) return isCovered(m, hit.eId);
  const shown = hit.snippet
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/^…|…$/g, '');
  return !(hit.title.includes(shown) || hit.docNumber.includes(shown));
}

const SEARCH_PAGE = 100; // the store's maximum page size
const SEARCH_SCAN_PAGES = 20;

/** Search, then withhold marked clauses; pages through the store's results to keep pages full. */
async function searchVisible(
  ctx: AppContext,
  actor: Actor,
  query: Parameters<typeof search>[2] & { limit: number; offset: number },
): Promise<Pick<SearchResult, 'total' | 'totalExact' | 'hits'>> {
  const marks = seesMarked(actor) ? null : await loadMarks(ctx);
  if (!marks || marks.byDocument.size === 0) {
    const r = await search(ctx.db, ctx.tenant, query);
    return { total: r.total, totalExact: r.totalExact, hits: r.hits };
  }
  const wanted = query.offset + query.limit;
  const kept: SearchHit[] = [];
  let removed = 0;
  let total = 0;
  let totalExact = true;
  let exhausted = false;
  for (let page = 0; page < SEARCH_SCAN_PAGES && kept.length < wanted; page++) {
    const r = await search(ctx.db, ctx.tenant, { ...query, limit: SEARCH_PAGE, offset: page * SEARCH_PAGE });
    total = r.total;
    totalExact = r.totalExact;
    for (const hit of r.hits) {
      if (hiddenHit(hit, marks)) removed++;
      else kept.push(hit);
    }
    if (r.hits.length < SEARCH_PAGE) {
      exhausted = true;
      break;
    }
  }
  return {
    total: Math.max(kept.length, total - removed),
    totalExact: totalExact && (exhausted || removed === 0),
    hits: kept.slice(query.offset, wanted),
  };
}

// ---- routes ------------------------------------------------------------------------------

export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  const tags = ['documents'];

  const readDocument = async (request: FastifyRequest, detail: DocumentDetail, notFound: string) => {
    await authorize(
      request,
      'document:read',
      { kind: 'document', disclosure: detail.disclosure },
      { entity: 'document', entityId: detail.id, notFoundMessage: notFound },
    );
    const marks = await loadMarks(ctx);
    return { document: shapeDocument(request.actor, detail, marks.of(detail.id)) };
  };

  app.get('/api/issues', { schema: { tags, summary: '公报列表（新的在前）' } }, async (request) => {
    await authorize(request, 'issue:read');
    return { issues: await listIssues(ctx.db, ctx.tenant) };
  });

  app.get(
    '/api/issues/:id',
    { schema: { tags, summary: '一期公报：封面、目录（每条带 documentId）、所载文件', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'issue:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const issue = await orNotFound(getIssue(ctx.db, ctx.tenant, id), issueNotFound(id));
      const actor = request.actor;
      const documents = issue.documents.filter((d) => mayRead(actor, d.disclosure));
      const visibleIds = new Set(documents.map((d) => d.id));
      const hidden = issue.documents.length - documents.length;
      // TOC entries announcing a document the caller may not see are left out, like the document.
      const toc = issue.toc.filter((e) => e.documentId === null || visibleIds.has(e.documentId));
      const findingCount =
        hidden > 0 || !seesMarked(actor)
          ? (await visibleFindings(ctx, actor, await listFindings(ctx.db, ctx.tenant, id), issue.documents)).length
          : issue.findingCount;
      return { issue: { ...issue, documents, toc, documentCount: documents.length, findingCount } };
    },
  );

  app.get(
    '/api/issues/:id/findings',
    { schema: { tags, summary: '一期公报的审校发现（只含调用者可见文件的）', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'findings:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const issue = await orNotFound(getIssue(ctx.db, ctx.tenant, id), issueNotFound(id));
      const rows = await listFindings(ctx.db, ctx.tenant, id);
      return { findings: await visibleFindings(ctx, request.actor, rows, issue.documents) };
    },
  );

  app.get(
    '/api/documents',
    {
      schema: {
        tags,
        summary: '文件目录：只列出调用者可见的文件（公众：公开发布与部分公开）',
        querystring: openapi(documentsQuery),
      },
    },
    async (request) => {
      await authorize(request, 'document:list');
      const q = parseInput(documentsQuery, request.query, 'query');
      const disclosures = allowedDisclosures(request.actor, q.disclosure);
      const documents =
        disclosures.length === 0
          ? []
          : await listDocuments(ctx.db, ctx.tenant, {
              disclosures,
              issueId: q.issueId,
              issuer: q.issuer,
              year: q.year,
              type: q.type,
              limit: q.limit,
              offset: q.offset,
            });
      return { documents: documents.filter((d) => mayRead(request.actor, d.disclosure)) };
    },
  );

  app.get(
    '/api/documents/by-number/:docNumber',
    {
      schema: {
        tags,
        summary: '按发文字号取文件（如 襄政办发〔2023〕15号，方括号或圆括号亦可）',
        params: openapi(docNumberParams),
      },
    },
    async (request) => {
      const { docNumber } = parseInput(docNumberParams, request.params, 'params');
      const message = documentNumberNotFound(docNumber);
      const detail = await orNotFound(getDocumentByNumber(ctx.db, ctx.tenant, docNumber), message);
      return readDocument(request, detail, message);
    },
  );

  app.get(
    '/api/documents/:id',
    {
      schema: {
        tags,
        summary: '文件全文：附件与条款树、审校发现、版本；不公开文件对无权者与不存在的编号回答相同（404）',
        params: openapi(idParams),
      },
    },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const detail = await orNotFound(getDocument(ctx.db, ctx.tenant, id), documentNotFound(id));
      return readDocument(request, detail, documentNotFound(id));
    },
  );

  app.get(
    '/api/documents/:id/clauses/:eId',
    { schema: { tags, summary: '一个条款及其下级条款，带出处路径', params: openapi(clauseParams) } },
    async (request) => {
      const { id, eId } = parseInput(clauseParams, request.params, 'params');
      const clause: ClauseDetail = await orNotFound(getClause(ctx.db, ctx.tenant, id, eId), clauseNotFound(id, eId));
      await authorize(
        request,
        'document:read',
        { kind: 'document', disclosure: clause.disclosure },
        // the same answer as for a document that does not exist (getClause answers clauseNotFound then)
        { entity: 'document', entityId: id, notFoundMessage: clauseNotFound(id, eId) },
      );
      const marks = (await loadMarks(ctx)).of(id);
      await authorize(
        request,
        'clause:read',
        { kind: 'clause', disclosure: clause.disclosure, restricted: isCovered(marks, eId) },
        { entity: 'clause', entityId: `${id}#${eId}`, notFoundMessage: clauseNotFound(id, eId) },
      );
      if (seesMarked(request.actor)) return { clause: { ...clause, restrictedEIds: marks } };
      return {
        clause: { ...clause, clause: { ...clause.clause, children: pruneClauses(clause.clause.children, marks) } },
      };
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        tags,
        summary: '全文检索（条款级，高亮摘要，出处 eId）；只返回调用者可见的内容',
        querystring: openapi(searchQuery),
      },
    },
    async (request) => {
      await authorize(request, 'search');
      const q = parseInput(searchQuery, request.query, 'query');
      const disclosures = allowedDisclosures(request.actor, q.disclosure);
      if (disclosures.length === 0) return { total: 0, totalExact: true, hits: [] };
      return searchVisible(ctx, request.actor, {
        query: q.q,
        issuer: q.issuer,
        year: q.year,
        type: q.type,
        disclosures,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );

  // ---- non-public marks (administrators set them; administrators and leaders see them) -------

  app.get(
    '/api/documents/:id/restrictions',
    { schema: { tags, summary: '文件中被设为不公开的附件、条款（管理员、领导）', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'restriction:read');
      const { id } = parseInput(idParams, request.params, 'params');
      await orNotFound(getDocument(ctx.db, ctx.tenant, id), documentNotFound(id));
      const restrictions = await listRestrictions(ctx.db, ctx.tenant, id);
      return { restrictions: restrictions.map((r) => ({ ...r, documentId: id })) };
    },
  );

  app.post(
    '/api/documents/:id/restrictions',
    {
      schema: {
        tags,
        summary: '把附件或条款（含其下级）设为不公开（管理员；需 x-csrf-token）',
        params: openapi(idParams),
        body: openapi(restrictionBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'restriction:manage');
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(restrictionBody, request.body, 'body');
      const detail = await orNotFound(getDocument(ctx.db, ctx.tenant, id), documentNotFound(id));
      if (!allEIds(detail).has(body.eId)) {
        throw new AppError('BAD_INPUT', `文件 ${detail.docNumber} 中没有标识为“${body.eId}”的附件或条款`, {
          field: 'eId',
        });
      }
      const now = ctx.access.now();
      const restriction = await addRestriction(
        ctx.db,
        ctx.tenant,
        { documentId: id, eId: body.eId, reason: body.reason ?? null, createdBy: request.actor.id },
        now,
      );
      await recordAudit(ctx.db, {
        tenant: ctx.tenant,
        actor: request.actor,
        action: 'restriction:add',
        entity: 'document',
        entityId: id,
        after: { eId: body.eId, reason: body.reason ?? null },
        ip: request.ip,
        at: now,
      });
      return reply.status(201).send({ restriction: { ...restriction, documentId: id } });
    },
  );

  app.delete(
    '/api/documents/:id/restrictions/:eId',
    { schema: { tags, summary: '取消不公开标记（管理员；需 x-csrf-token）', params: openapi(clauseParams) } },
    async (request) => {
      await authorize(request, 'restriction:manage');
      const { id, eId } = parseInput(clauseParams, request.params, 'params');
      const removed = await removeRestriction(ctx.db, ctx.tenant, id, eId);
      if (!removed) throw new AppError('NOT_FOUND', `文件（编号 ${id}）中的“${eId}”没有不公开标记`);
      await recordAudit(ctx.db, {
        tenant: ctx.tenant,
        actor: request.actor,
        action: 'restriction:remove',
        entity: 'document',
        entityId: id,
        before: { eId, reason: removed.reason },
        ip: request.ip,
        at: ctx.access.now(),
      });
      return { ok: true };
    },
  );
}
