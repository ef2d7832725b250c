// HTTP routes of the Excel ledger (督办台账):
//   GET  /api/supervision/ledger.xlsx?state=&unit=&light=&overdue=   staff: the filtered ledger (audited export)
//   GET  /api/supervision/ledger/template.xlsx                       staff: the import template
//   POST /api/supervision/ledger/import {fileName, content (base64 .xlsx)}   admin (supervision:assign): every row
//        valid or nothing written; 400 lists every problem with its row and column (details.issues)
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../access/audit.ts';
import { authorize } from '../access/guard.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import { AppError } from '../platform/errors.ts';
import { openapi, parseInput } from '../platform/validate.ts';
import { buildLedgerTemplate, XLSX_MIME } from './ledger.ts';
import { exportLedger, importLedger } from './ledgerStore.ts';
import { STATES } from './types.ts';

const tags = ['督办台账'];

const filterQuery = z.object({
  state: z.enum(STATES as [string, ...string[]], { error: `状态应为 ${STATES.join('、')} 之一` }).optional(),
  unit: z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称最多 100 个字符').optional(),
  light: z.enum(['green', 'yellow', 'red', 'none'], { error: '灯色应为 green、yellow、red 或 none' }).optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue 应为 true 或 false' }).optional(),
});

/** 10 MiB of .xlsx (base64 is 4/3 of it): far above a 5,000-row ledger (≈ 0.3 MiB). */
const MAX_XLSX = 10 * 1024 * 1024;

const importBody = z.object({
  fileName: z
    .string({ error: '请提供文件名（fileName）' })
    .trim()
    .min(1, '文件名不能为空')
    .max(200, '文件名过长')
    .refine((n) => /\.xlsx$/i.test(n), '只能导入 .xlsx 文件（Excel 2007 及以上格式）'),
  content: z
    .string({ error: '请提供文件内容（content，base64）' })
    .min(1, '文件为空')
    .max(Math.ceil((MAX_XLSX * 4) / 3) + 4, '文件过大（最多 10 MB）')
    .regex(/^[A-Za-z0-9+/]+=*$/, '文件内容应为 base64 编码'),
});

function attachment(name: string): string {
  return `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function supervisionLedgerRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get(
    '/api/supervision/ledger.xlsx',
    { schema: { tags, summary: '导出督办台账（.xlsx，含灯色；筛选同事项列表）', querystring: openapi(filterQuery) } },
    async (request, reply) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(filterQuery, request.query, 'query');
      const filter = {
        ...(q.state ? { state: q.state as (typeof STATES)[number] } : {}),
        ...(q.unit ? { unit: q.unit } : {}),
        ...(q.light ? { light: q.light } : {}),
        ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
      };
      const now = ctx.access.now();
      const file = await exportLedger(ctx.db, ctx.tenant, filter, request.actor, { now });
      await recordAudit(ctx.db, {
        tenant: ctx.tenant,
        actor: request.actor,
        action: 'supervision:ledger-export',
        entity: 'supervision_ledger',
        after: { filter, rows: file.count },
        ip: request.ip,
        at: now,
      });
      const day = (shanghaiDate(now.toISOString()) ?? '').replaceAll('-', '');
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment(`督办台账-${day}.xlsx`))
        .send(file.data);
    },
  );

  app.get(
    '/api/supervision/ledger/template.xlsx',
    { schema: { tags, summary: '督办台账导入模板（.xlsx，含填写说明）' } },
    async (request, reply) => {
      await authorize(request, 'supervision:read');
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment('督办台账导入模板.xlsx'))
        .send(await buildLedgerTemplate());
    },
  );

  app.post(
    '/api/supervision/ledger/import',
    {
      bodyLimit: Math.ceil((MAX_XLSX * 4) / 3) + 64 * 1024,
      schema: {
        tags,
        summary: '导入督办台账（.xlsx，base64）：全部行校验通过才写入（一个事务），否则列出每处问题的行号和列名',
        body: openapi(importBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'supervision:assign');
      const body = parseInput(importBody, request.body, 'body');
      const data = Buffer.from(body.content, 'base64');
      if (data.length > MAX_XLSX) throw new AppError('BAD_INPUT', '文件过大（最多 10 MB）', { field: 'content' });
      const result = await importLedger(ctx.db, ctx.tenant, data, request.actor, {
        now: ctx.access.now(),
        ip: request.ip,
        fileName: body.fileName,
      });
      reply.code(201);
      return result;
    },
  );
}
