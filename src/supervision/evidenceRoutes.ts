// HTTP routes of evidence files (佐证材料):
//   POST /api/supervision/items/:id/evidence {name, contentBase64}   upload (the office, or a liaison of one of
//        the item's units for that unit); ≤ 10 MiB; type sniffed from the bytes; 201 with {evidence}
//   GET  /api/supervision/items/:id/evidence                         the item's uploads (who may download)
//   GET  /api/supervision/evidence/:id                               download: the office, leaders, liaisons of
//        the item's units; others 403 (audited), the public 401
// An action's evidence entry refers to an upload as {name, ref: "evidence:<id>"} (checked in routes.ts).
//
// Decision: base64 in JSON rather than multipart — no new dependency, the same zod validation and error shape
// as every other route; the cost (a third more bytes on the wire) is acceptable at a 10 MiB limit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { idParams, openapi, parseInput } from '../platform/validate.ts';
import { decodeBase64, MAX_EVIDENCE_BYTES } from './evidence.ts';
import { evidenceFile, evidenceItem, listEvidence, saveEvidence } from './evidenceStore.ts';

const tags = ['督办'];

const uploadBody = z.object({
  name: z.string({ error: '请填写文件名（name）' }).trim().min(1, '文件名不能为空').max(255, '文件名过长'),
  contentBase64: z.string({ error: '请以 Base64 提交文件内容（contentBase64）' }).min(1, '文件内容不能为空'),
});

/** Base64 of the largest file plus room for the JSON around it; larger bodies get the platform's 413. */
const BODY_LIMIT = Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 64 * 1024 + 4 * 1024 * 1024;

/** The office acts for any unit; a liaison only for its own unit among the item's units (unit:act). */
async function authorizeUpload(request: FastifyRequest, itemId: number, units: { lead: string; supports: string[] }) {
  await authorize(request, 'supervision:act');
  const actor = request.actor;
  const mine = actor.unit !== null && (actor.unit === units.lead || units.supports.includes(actor.unit));
  await authorize(
    request,
    'unit:act',
    { kind: 'unit', unit: mine ? (actor.unit as string) : units.lead },
    { entity: 'supervision_item', entityId: itemId },
  );
}

/** The office and leaders read any item's evidence; a liaison only of items its unit works on (unit:read). */
async function authorizeRead(request: FastifyRequest, itemId: number, units: { lead: string; supports: string[] }) {
  await authorize(request, 'supervision:read');
  const actor = request.actor;
  const mine = actor.unit !== null && (actor.unit === units.lead || units.supports.includes(actor.unit));
  await authorize(
    request,
    'unit:read',
    { kind: 'unit', unit: mine ? (actor.unit as string) : units.lead },
    { entity: 'supervision_item', entityId: itemId },
  );
}

export async function supervisionEvidenceRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.post(
    '/api/supervision/items/:id/evidence',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: '上传佐证材料（PDF、JPG、PNG、DOCX、XLSX，≤ 10 MB，按文件内容识别类型）',
        params: openapi(idParams),
        body: openapi(uploadBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'supervision:act');
      const { id } = parseInput(idParams, request.params, 'params');
      const item = await evidenceItem(ctx.db, ctx.tenant, id);
      await authorizeUpload(request, id, item);
      const body = parseInput(uploadBody, request.body, 'body');
      const bytes = decodeBase64(body.contentBase64);
      const evidence = await saveEvidence(ctx.db, ctx.tenant, id, { name: body.name, bytes }, request.actor, {
        now: ctx.access.now(),
        ip: request.ip,
      });
      reply.code(201);
      return { evidence };
    },
  );

  app.get(
    '/api/supervision/items/:id/evidence',
    { schema: { tags, summary: '事项的佐证材料列表', params: openapi(idParams) } },
    async (request) => {
      await authorize(request, 'supervision:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const item = await evidenceItem(ctx.db, ctx.tenant, id);
      await authorizeRead(request, id, item);
      return { evidence: await listEvidence(ctx.db, ctx.tenant, id) };
    },
  );

  app.get(
    '/api/supervision/evidence/:id',
    { schema: { tags, summary: '下载佐证材料（县政府办、县领导、本事项承办单位）', params: openapi(idParams) } },
    async (request, reply) => {
      await authorize(request, 'supervision:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const file = await evidenceFile(ctx.db, ctx.tenant, id);
      const item = await evidenceItem(ctx.db, ctx.tenant, file.info.itemId);
      await authorizeRead(request, file.info.itemId, item);
      const ascii = file.info.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', file.info.mime)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.info.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('x-evidence-sha256', file.info.sha256)
        .send(file.content);
    },
  );
}
