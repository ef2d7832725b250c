// HTTP routes of the monitoring capability (issue #8). Thin: zod validation, authorization, a store call.
//   GET  /api/monitoring/plans                               staff (commitment:read)
//   POST /api/monitoring/plans                               admin (commitment:review: the county office)
//   GET  /api/monitoring/plans/:id/indicators                staff
//   POST /api/monitoring/indicators                          admin — by hand
//   POST /api/monitoring/plans/:id/from-targets              admin — from a document's reviewed targets
//   GET  /api/monitoring/plans/:id/matrix[?unit=]            staff — indicators × periods, lights
//   GET  /api/monitoring/indicators/:id/series[?unit=]       staff — values, attainment, target (trend chart)
//   GET  /api/monitoring/values?plan=&indicator=&unit=       staff
//   POST /api/monitoring/values {values:[…]}                 staff; a liaison only for its own unit (per row)
//   POST /api/monitoring/values/approve {ids}                admin — locks
//   POST /api/monitoring/values/:id/reopen {reason}          the unit's liaison (or admin)
//   POST /api/monitoring/values/:id/reopen-decision {grant}  admin
//   GET  /api/monitoring/values/:id/history                  staff
//   GET  /api/monitoring/warnings[?unit=]                    staff; a liaison sees its unit's
//   GET  /api/monitoring/plans/:id/template.xlsx?unit=&year= staff; POST same path (xlsx body) imports it
//   GET  /api/monitoring/plans/:id/report.docx?kind=&year=   staff
//   GET  /api/monitoring/dhis2.csv[?plan=&approved=]         staff; POST /api/monitoring/dhis2 (text/csv) admin
//   PUT  /api/monitoring/dhis2/org-units, /indicators/:id/dhis2   admin — the mapping table
//   GET  /api/public/monitoring/plans, /api/public/monitoring/plans/:id   anyone — public plans, approved values
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AuthorizeTarget, authorize } from '../access/guard.ts';
import { AppError } from '../platform/errors.ts';
import { idParams, idSchema, openapi, parseInput } from '../platform/validate.ts';
import { assess, parseTargetJson, STATUS_LABELS, TARGET_OPS } from './attainment.ts';
import { FREQUENCIES, parsePeriod, periodTime } from './period.ts';
import { REPORT_KIND_LABELS, type ReportKind, reportTitle } from './report.ts';
import {
  approveValues,
  createIndicator,
  createPlan,
  decideReopen,
  exportDhis2,
  getIndicator,
  getPlan,
  importDhis2,
  importTemplate,
  indicatorsFromTargets,
  listIndicators,
  listPlans,
  listValues,
  listWarnings,
  reportFile,
  requestReopen,
  setDataElement,
  setOrgUnits,
  submitValues,
  templateWorkbook,
  trafficLightMatrix,
  valueHistory,
  valueUnit,
} from './store.ts';
import { lightOf } from './warnings.ts';

const tags = ['规划监测'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const unitName = z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称最多 100 个字符');
const year = z.coerce
  .number({ error: '年份应为整数' })
  .int('年份应为整数')
  .min(1949, '年份不合理')
  .max(2100, '年份不合理');
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字符`);
const uid = z.string().regex(/^[A-Za-z][A-Za-z0-9]{10}$/, '应为 DHIS2 标识（11 位字母数字，字母开头）');

const planBody = z.object({
  name: text(200).min(1, '请填写规划名称'),
  documentId: idSchema.nullable().optional(),
  isPublic: z.boolean().optional(),
  baseYear: year.nullable().optional(),
  targetYear: year.nullable().optional(),
});

const targetSchema = z.object({
  op: z.enum(TARGET_OPS as unknown as [string, ...string[]], { error: `目标运算应为 ${TARGET_OPS.join('、')} 之一` }),
  value: z.union([z.number(), z.string(), z.null()]).optional(),
  year: z.number().int().nullable().optional(),
  direction: z.enum(['higher', 'lower']).nullable().optional(),
  relative: z.enum(['percent', 'absolute']).nullable().optional(),
  scale: z.enum(['water-class']).nullable().optional(),
  unit: z.string().nullable().optional(),
  tolerance: z.number().nullable().optional(),
});

const indicatorBody = z.object({
  planId: idSchema,
  domain: text(100).min(1, '请填写领域'),
  code: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, '指标编码只能包含字母、数字、下划线、点和连字符（最多 40 个）')
    .optional(),
  name: text(200).min(1, '请填写指标名称'),
  measureUnit: text(20).nullable().default(null),
  baselineYear: year.nullable().default(null),
  baselineValue: z.number({ error: '基期值应为数值' }).nullable().default(null),
  target: targetSchema,
  attribute: z
    .enum(['binding', 'expected'], { error: '属性应为 binding（约束性）或 expected（预期性）' })
    .nullable()
    .default(null),
  responsibleUnit: unitName,
  reportingUnits: z.array(unitName).max(300).optional(),
  frequency: z.enum(FREQUENCIES as unknown as [string, ...string[]], {
    error: '报送频率应为 daily、monthly、quarterly 或 annual',
  }),
  dataSource: text(200).nullable().default(null),
  rules: z
    .object({
      type: z.enum(['number', 'integer', 'percent']).optional(),
      min: z.number().nullable().optional(),
      max: z.number().nullable().optional(),
      compulsory: z.boolean().optional(),
      maxChangePercent: z.number().positive().nullable().optional(),
    })
    .optional(),
  fluctuation: z
    .object({
      sigma: z.number().positive().nullable().optional(),
      percent: z.number().positive().nullable().optional(),
      minHistory: z.number().int().min(2).max(100).optional(),
    })
    .optional(),
});

const fromTargetsBody = z.object({
  documentId: idSchema,
  responsibleUnit: unitName,
  frequency: z.enum(FREQUENCIES as unknown as [string, ...string[]]).optional(),
  dataSource: text(200).nullable().optional(),
});

const valueRow = z.object({
  indicator: z.union([idSchema, z.string().min(1).max(40)], { error: '请给出指标编号或编码（indicator）' }),
  unit: unitName,
  period: z.string({ error: '请填写期间（period）' }).max(20),
  value: z.union([z.number(), z.string().max(50), z.null()]),
  measureUnit: text(20).nullable().optional(),
  explanation: text(2000).nullable().optional(),
  comment: text(500).nullable().optional(),
});
const valuesBody = z.object({ values: z.array(valueRow).min(1, '没有要报送的数据').max(5000, '一次最多报送 5000 条') });
const idsBody = z.object({ ids: z.array(idSchema).min(1, '请选择要审核的数据').max(5000) });
const reopenBody = z.object({ reason: text(1000).min(1, '请填写更正理由') });
const decisionBody = z.object({
  grant: z.boolean({ error: '请给出是否同意（grant）' }),
  note: text(1000).nullable().optional(),
});
const unitQuery = z.object({ unit: unitName.optional() });
const valuesQuery = z.object({ plan: idSchema.optional(), indicator: idSchema.optional(), unit: unitName.optional() });
const templateQuery = z.object({ unit: unitName, year });
const reportQuery = z.object({
  kind: z.enum(['annual', 'midterm', 'final'], {
    error: '报告类型应为 annual（年度监测）、midterm（中期评估）或 final（终期评估）',
  }),
  year,
});
const dhis2Query = z.object({ plan: idSchema.optional(), approved: z.enum(['true', 'false']).optional() });
const orgUnitsBody = z.object({ orgUnits: z.array(z.object({ unit: unitName, orgUnit: uid })).max(2000) });
const dataElementBody = z.object({ dataElement: uid.nullable(), categoryOptionCombo: uid.nullable().optional() });

function fileName(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A liaison sees its own unit; others name one (or none). */
function unitOf(request: FastifyRequest, asked: string | undefined): string | undefined {
  if (request.actor.role === 'liaison') {
    if (asked !== undefined && asked !== request.actor.unit)
      throw new AppError('FORBIDDEN', `单位联络员只能查看本单位（${request.actor.unit ?? '未绑定单位'}）的数据。`, {
        field: 'unit',
      });
    return request.actor.unit ?? undefined;
  }
  return asked;
}

/**
 * unit:act through authorize, as every capability does: a refusal is written to the audit trail (outcome denied)
 * and answers 403 naming `unit` (and `row` for a reported row). The store checks again (CLI callers).
 */
async function authorizeUnit(
  request: FastifyRequest,
  unit: string,
  target: AuthorizeTarget,
  row?: number,
): Promise<void> {
  try {
    await authorize(request, 'unit:act', { kind: 'unit', unit }, target);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'FORBIDDEN') throw e;
    if (row === undefined) throw new AppError('FORBIDDEN', e.message, { field: 'unit' });
    throw new AppError('FORBIDDEN', `第 ${row} 行 字段“unit”：${e.message}（该行单位为“${unit}”）。`, {
      row,
      field: 'unit',
    });
  }
}

export async function monitoringRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );

  app.get('/api/monitoring/plans', { schema: { tags, summary: '监测规划列表' } }, async (request) => {
    await authorize(request, 'commitment:read');
    return { plans: await listPlans(ctx.db, ctx.tenant) };
  });

  app.post(
    '/api/monitoring/plans',
    { schema: { tags, summary: '新建监测规划', body: openapi(planBody) } },
    async (request, reply) => {
      await authorize(request, 'commitment:review');
      const b = parseInput(planBody, request.body, 'body');
      const plan = await createPlan(ctx.db, ctx.tenant, b, request.actor);
      return reply.code(201).send(plan);
    },
  );

  app.get('/api/monitoring/plans/:id/indicators', { schema: { tags, summary: '规划的指标' } }, async (request) => {
    await authorize(request, 'commitment:read');
    const { id } = parseInput(idParams, request.params, 'params');
    await getPlan(ctx.db, ctx.tenant, id);
    return { indicators: await listIndicators(ctx.db, ctx.tenant, id) };
  });

  app.post(
    '/api/monitoring/indicators',
    { schema: { tags, summary: '手工新建指标', body: openapi(indicatorBody) } },
    async (request, reply) => {
      await authorize(request, 'commitment:review');
      const b = parseInput(indicatorBody, request.body, 'body');
      const target = parseTargetJson(b.target);
      const ind = await createIndicator(
        ctx.db,
        ctx.tenant,
        {
          ...b,
          target,
          frequency: b.frequency as (typeof FREQUENCIES)[number],
          rules: Object.fromEntries(Object.entries(b.rules ?? {}).filter(([, v]) => v !== undefined)),
          fluctuation: Object.fromEntries(Object.entries(b.fluctuation ?? {}).filter(([, v]) => v !== undefined)),
          ...(b.code === undefined ? { code: undefined } : {}),
        } as Parameters<typeof createIndicator>[2],
        request.actor,
      );
      return reply.code(201).send(ind);
    },
  );

  app.post(
    '/api/monitoring/plans/:id/from-targets',
    { schema: { tags, summary: '由已审核的指标记录生成监测指标', body: openapi(fromTargetsBody) } },
    async (request) => {
      await authorize(request, 'commitment:review');
      const { id } = parseInput(idParams, request.params, 'params');
      const b = parseInput(fromTargetsBody, request.body, 'body');
      return indicatorsFromTargets(
        ctx.db,
        ctx.tenant,
        {
          planId: id,
          documentId: b.documentId,
          responsibleUnit: b.responsibleUnit,
          ...(b.frequency ? { frequency: b.frequency as (typeof FREQUENCIES)[number] } : {}),
          ...(b.dataSource !== undefined ? { dataSource: b.dataSource } : {}),
        },
        request.actor,
      );
    },
  );

  app.get(
    '/api/monitoring/plans/:id/matrix',
    { schema: { tags, summary: '红绿灯矩阵（指标 × 期间）', querystring: openapi(unitQuery) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const q = parseInput(unitQuery, request.query, 'query');
      return trafficLightMatrix(ctx.db, ctx.tenant, id, q.unit ? { unit: q.unit } : {});
    },
  );

  app.get(
    '/api/monitoring/indicators/:id/series',
    { schema: { tags, summary: '指标趋势（数值、达标判定、目标线）', querystring: openapi(unitQuery) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const q = parseInput(unitQuery, request.query, 'query');
      const ind = await getIndicator(ctx.db, ctx.tenant, id);
      const unit = q.unit ?? ind.responsibleUnit;
      const values = await listValues(ctx.db, ctx.tenant, { indicatorId: id, unit });
      const baseline =
        ind.baselineYear !== null && ind.baselineValue !== null
          ? { time: ind.baselineYear, value: ind.baselineValue }
          : null;
      const observed = values.map((v) => ({
        time: periodTime(parsePeriod(v.period) as NonNullable<ReturnType<typeof parsePeriod>>),
        value: v.value,
      }));
      const r = assess({ target: ind.target, baseline, observed });
      return {
        indicator: ind,
        unit,
        values,
        attainment: r ? { ...r, label: STATUS_LABELS[r.status], light: lightOf(r.status, ind.attribute) } : null,
      };
    },
  );

  app.get(
    '/api/monitoring/values',
    { schema: { tags, summary: '填报数据', querystring: openapi(valuesQuery) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const q = parseInput(valuesQuery, request.query, 'query');
      return {
        values: await listValues(ctx.db, ctx.tenant, {
          ...(q.plan ? { planId: q.plan } : {}),
          ...(q.indicator ? { indicatorId: q.indicator } : {}),
          ...(q.unit ? { unit: q.unit } : {}),
        }),
      };
    },
  );

  app.post(
    '/api/monitoring/values',
    { schema: { tags, summary: '报送数据（JSON）', body: openapi(valuesBody) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const b = parseInput(valuesBody, request.body, 'body');
      const checked = new Set<string>();
      for (const [i, v] of b.values.entries()) {
        if (checked.has(v.unit)) continue;
        await authorizeUnit(request, v.unit, { entity: 'monitoring_value' }, i + 1);
        checked.add(v.unit);
      }
      return submitValues(
        ctx.db,
        ctx.tenant,
        request.actor,
        b.values.map((v, i) => ({ ...v, row: i + 1 })),
        'api',
      );
    },
  );

  app.post(
    '/api/monitoring/values/approve',
    { schema: { tags, summary: '审核（锁定）数据', body: openapi(idsBody) } },
    async (request) => {
      await authorize(request, 'commitment:review');
      const b = parseInput(idsBody, request.body, 'body');
      return { values: await approveValues(ctx.db, ctx.tenant, request.actor, b.ids) };
    },
  );

  app.post(
    '/api/monitoring/values/:id/reopen',
    { schema: { tags, summary: '更正申请', body: openapi(reopenBody) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const b = parseInput(reopenBody, request.body, 'body');
      await authorizeUnit(request, await valueUnit(ctx.db, ctx.tenant, id), {
        entity: 'monitoring_value',
        entityId: id,
      });
      return requestReopen(ctx.db, ctx.tenant, request.actor, id, b.reason);
    },
  );

  app.post(
    '/api/monitoring/values/:id/reopen-decision',
    { schema: { tags, summary: '审批更正申请', body: openapi(decisionBody) } },
    async (request) => {
      await authorize(request, 'commitment:review');
      const { id } = parseInput(idParams, request.params, 'params');
      const b = parseInput(decisionBody, request.body, 'body');
      return decideReopen(ctx.db, ctx.tenant, request.actor, id, b.grant, b.note ?? null);
    },
  );

  app.get('/api/monitoring/values/:id/history', { schema: { tags, summary: '数据修改记录' } }, async (request) => {
    await authorize(request, 'commitment:read');
    const { id } = parseInput(idParams, request.params, 'params');
    return { history: await valueHistory(ctx.db, ctx.tenant, id) };
  });

  app.get(
    '/api/monitoring/warnings',
    { schema: { tags, summary: '预警（联络员只看本单位）', querystring: openapi(unitQuery) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const q = parseInput(unitQuery, request.query, 'query');
      const unit = unitOf(request, q.unit);
      return { warnings: await listWarnings(ctx.db, ctx.tenant, unit ? { unit } : {}) };
    },
  );

  app.get(
    '/api/monitoring/plans/:id/template.xlsx',
    { schema: { tags, summary: '下载填报模板（Excel）', querystring: openapi(templateQuery) } },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const q = parseInput(templateQuery, request.query, 'query');
      const unit = unitOf(request, q.unit) as string;
      const body = await templateWorkbook(ctx.db, ctx.tenant, id, unit, q.year);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          fileName(`${unit}${q.year}年监测数据填报表.xlsx`, `template-${id}-${q.year}.xlsx`),
        )
        .send(body);
    },
  );

  app.post(
    '/api/monitoring/plans/:id/template.xlsx',
    { schema: { tags, summary: '导入填好的模板（Excel）', querystring: openapi(templateQuery) } },
    async (request) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const q = parseInput(templateQuery, request.query, 'query');
      await authorizeUnit(request, q.unit, { entity: 'monitoring_plan', entityId: id });
      if (!Buffer.isBuffer(request.body))
        throw new AppError('BAD_INPUT', `请以 ${XLSX} 上传 Excel 文件。`, { field: 'file' });
      return importTemplate(ctx.db, ctx.tenant, request.actor, id, q.unit, q.year, request.body);
    },
  );

  app.get(
    '/api/monitoring/plans/:id/report.docx',
    {
      schema: { tags, summary: '年度监测报告、中期评估报告、终期评估报告（Word）', querystring: openapi(reportQuery) },
    },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const { id } = parseInput(idParams, request.params, 'params');
      const q = parseInput(reportQuery, request.query, 'query');
      const plan = await getPlan(ctx.db, ctx.tenant, id);
      const body = await reportFile(ctx.db, ctx.tenant, id, q.kind as ReportKind, q.year);
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          fileName(
            `${reportTitle({ planName: plan.name, kind: q.kind as ReportKind, year: q.year })}.docx`,
            `${q.kind}-${id}-${q.year}.docx`,
          ),
        )
        .send(body);
    },
  );

  app.get(
    '/api/monitoring/dhis2.csv',
    { schema: { tags, summary: '导出 DHIS2 数据值 CSV', querystring: openapi(dhis2Query) } },
    async (request, reply) => {
      await authorize(request, 'commitment:read');
      const q = parseInput(dhis2Query, request.query, 'query');
      const r = await exportDhis2(ctx.db, ctx.tenant, {
        ...(q.plan ? { planId: q.plan } : {}),
        approvedOnly: q.approved === 'true',
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('x-luoshi-unmapped', String(r.unmapped))
        .header('content-disposition', fileName('DHIS2数据值.csv', 'dhis2-datavalues.csv'))
        .send(r.csv);
    },
  );

  app.post(
    '/api/monitoring/dhis2',
    { schema: { tags, summary: '导入 DHIS2 数据值 CSV（一个文件一个事务）' } },
    async (request) => {
      await authorize(request, 'commitment:review');
      if (typeof request.body !== 'string')
        throw new AppError('BAD_INPUT', '请以 text/csv 上传 DHIS2 数据值 CSV。', { field: 'file' });
      return importDhis2(ctx.db, ctx.tenant, request.actor, request.body);
    },
  );

  app.put(
    '/api/monitoring/dhis2/org-units',
    { schema: { tags, summary: 'DHIS2 组织机构映射表', body: openapi(orgUnitsBody) } },
    async (request) => {
      await authorize(request, 'commitment:review');
      const b = parseInput(orgUnitsBody, request.body, 'body');
      await setOrgUnits(ctx.db, ctx.tenant, request.actor, b.orgUnits);
      return { ok: true };
    },
  );

  app.put(
    '/api/monitoring/indicators/:id/dhis2',
    { schema: { tags, summary: '指标的 DHIS2 数据元素', body: openapi(dataElementBody) } },
    async (request) => {
      await authorize(request, 'commitment:review');
      const { id } = parseInput(idParams, request.params, 'params');
      const b = parseInput(dataElementBody, request.body, 'body');
      await setDataElement(ctx.db, ctx.tenant, request.actor, id, b.dataElement, b.categoryOptionCombo ?? null);
      return { ok: true };
    },
  );

  // ---- public progress (公开进展): public plans, approved values only ----
  app.get('/api/public/monitoring/plans', { schema: { tags, summary: '公开规划进展列表' } }, async () => ({
    plans: await listPlans(ctx.db, ctx.tenant, { publicOnly: true }),
  }));

  app.get(
    '/api/public/monitoring/plans/:id',
    { schema: { tags, summary: '公开规划进展（仅已审核数据）' } },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const plan = await getPlan(ctx.db, ctx.tenant, id).catch(() => null);
      if (!plan?.isPublic) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的规划。`);
      const m = await trafficLightMatrix(ctx.db, ctx.tenant, id, { approvedOnly: true });
      // the public sees indicators and approved values, not internal fields (validation rules, DHIS2 uids)
      return {
        plan: m.plan,
        periods: m.periods,
        rows: m.rows.map((r) => ({
          indicator: {
            id: r.indicator.id,
            domain: r.indicator.domain,
            name: r.indicator.name,
            measureUnit: r.indicator.measureUnit,
            baselineYear: r.indicator.baselineYear,
            baselineValue: r.indicator.baselineValue,
            target: r.indicator.target,
            attribute: r.indicator.attribute,
            responsibleUnit: r.indicator.responsibleUnit,
          },
          cells: r.cells,
          latest: r.latest,
        })),
        kinds: REPORT_KIND_LABELS,
      };
    },
  );
}
