// Storage of the monitoring capability: plans, indicators, reported values with their rules, approval lock,
// change history and reopen requests, warnings, the traffic-light matrix and DHIS2 exchange. Every write is one
// transaction: a batch with one bad row writes nothing (the error names the row and the field).
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../access/audit.ts';
import { can } from '../access/policy.ts';
import type { Actor } from '../access/roles.ts';
import { type NotifyInput, notifyMany } from '../notifications/index.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import {
  type AttainmentStatus,
  assess,
  compileTarget,
  DEFAULT_THRESHOLDS,
  JudgeOut,
  judge,
  parseTargetJson,
  STATUS_LABELS,
  STATUSES,
  type TargetSpec,
  waterClassLabel,
} from './attainment.ts';
import { type DataValue, type Dhis2Mapping, dhis2ProblemText, fromDhis2Csv, toDhis2Csv } from './dhis2.ts';
import { buildTemplate, readTemplate } from './excel.ts';
import { type Frequency, parsePeriod, periodLabel, periodTime } from './period.ts';
import { type ReportData, type ReportIndicator, type ReportKind, type ReportUnit, reportDocx } from './report.ts';
import { checkValue, DEFAULT_RULES, type IndicatorForRules, type ValidationRules, type ValueInput } from './rules.ts';
import type { ValueStatus } from './schema.ts';
import {
  type Attribute,
  DEFAULT_FLUCTUATION,
  type FluctuationConfig,
  fluctuation,
  type Light,
  lightOf,
} from './warnings.ts';

/** The office that receives every warning besides the responsible unit (4号 四、监测评估: 县妇儿工委办公室 / 县政府). */
export const OFFICE = '县政府办公室';

type Q = Kysely<Database> | Transaction<Database>;

const nowIso = () => new Date().toISOString();

function actorName(a: Actor): string {
  return a.username ?? a.displayName;
}

// ---- plans -----------------------------------------------------------------------------------------------------

export interface PlanInput {
  name: string;
  documentId?: number | null;
  isPublic?: boolean;
  baseYear?: number | null;
  targetYear?: number | null;
}

export interface PlanDto {
  id: number;
  name: string;
  documentId: number | null;
  docNumber: string | null;
  isPublic: boolean;
  baseYear: number | null;
  targetYear: number | null;
}

export async function createPlan(target: Db, tenant: string, input: PlanInput, actor: Actor): Promise<PlanDto> {
  return target.db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('monitoring_plans')
      .select('id')
      .where('tenant', '=', tenant)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', `规划“${input.name}”已存在（编号 ${dup.id}）。`, { field: 'name' });
    let docNumber: string | null = null;
    let isPublic = input.isPublic ?? false;
    if (input.documentId) {
      const doc = await trx
        .selectFrom('documents')
        .select(['doc_number', 'disclosure'])
        .where('tenant', '=', tenant)
        .where('id', '=', input.documentId)
        .executeTakeFirst();
      if (!doc)
        throw new AppError('BAD_INPUT', `字段“documentId”：未找到编号为 ${input.documentId} 的文件。`, {
          field: 'documentId',
        });
      docNumber = doc.doc_number;
      // a plan from a restricted document is never public, whatever was asked
      if (input.isPublic === undefined) isPublic = doc.disclosure === 'public';
      if (doc.disclosure === 'restricted') isPublic = false;
    }
    const row = await trx
      .insertInto('monitoring_plans')
      .values({
        tenant,
        name: input.name,
        document_id: input.documentId ?? null,
        doc_number: docNumber,
        is_public: isPublic ? 1 : 0,
        base_year: input.baseYear ?? null,
        target_year: input.targetYear ?? null,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'monitoring:plan',
      entity: 'monitoring_plan',
      entityId: row.id,
      after: input,
    });
    return {
      id: row.id,
      name: input.name,
      documentId: input.documentId ?? null,
      docNumber,
      isPublic,
      baseYear: input.baseYear ?? null,
      targetYear: input.targetYear ?? null,
    };
  });
}

export async function listPlans(target: Db, tenant: string, opts: { publicOnly?: boolean } = {}): Promise<PlanDto[]> {
  let q = target.db.selectFrom('monitoring_plans').selectAll().where('tenant', '=', tenant);
  if (opts.publicOnly) q = q.where('is_public', '=', 1);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    documentId: r.document_id,
    docNumber: r.doc_number,
    isPublic: r.is_public === 1,
    baseYear: r.base_year,
    targetYear: r.target_year,
  }));
}

export async function getPlan(target: Db | Q, tenant: string, id: number): Promise<PlanDto> {
  const db = 'db' in target ? target.db : target;
  const r = await db
    .selectFrom('monitoring_plans')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的规划。`);
  return {
    id: r.id,
    name: r.name,
    documentId: r.document_id,
    docNumber: r.doc_number,
    isPublic: r.is_public === 1,
    baseYear: r.base_year,
    targetYear: r.target_year,
  };
}

// ---- indicators --------------------------------------------------------------------------------------------

export interface IndicatorInput {
  planId: number;
  domain: string;
  code?: string;
  name: string;
  measureUnit: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  target: TargetSpec;
  attribute: Attribute | null;
  responsibleUnit: string;
  reportingUnits?: string[];
  frequency: Frequency;
  dataSource: string | null;
  rules?: Partial<ValidationRules>;
  fluctuation?: Partial<FluctuationConfig>;
  dhis2DataElement?: string | null;
  dhis2Coc?: string | null;
  commitmentId?: number | null;
  citation?: string | null;
}

export interface IndicatorDto {
  id: number;
  planId: number;
  domain: string;
  code: string;
  name: string;
  measureUnit: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  target: TargetSpec;
  attribute: Attribute | null;
  direction: 'higher' | 'lower' | null;
  responsibleUnit: string;
  reportingUnits: string[];
  frequency: Frequency;
  dataSource: string | null;
  rules: ValidationRules;
  fluctuation: FluctuationConfig;
  dhis2DataElement: string | null;
  dhis2Coc: string | null;
  commitmentId: number | null;
  citation: string | null;
}

type IndicatorRow = Awaited<ReturnType<typeof indicatorQuery>>[number];

function indicatorQuery(db: Q, tenant: string) {
  return db.selectFrom('monitoring_indicators').selectAll().where('tenant', '=', tenant).execute();
}

function toIndicator(r: IndicatorRow): IndicatorDto {
  return {
    id: r.id,
    planId: r.plan_id,
    domain: r.domain,
    code: r.code,
    name: r.name,
    measureUnit: r.measure_unit,
    baselineYear: r.baseline_year,
    baselineValue: r.baseline_value === null ? null : Number(r.baseline_value),
    target: JSON.parse(r.target_json) as TargetSpec,
    attribute: r.attribute as Attribute | null,
    direction: r.direction as 'higher' | 'lower' | null,
    responsibleUnit: r.responsible_unit,
    reportingUnits: JSON.parse(r.reporting_units) as string[],
    frequency: r.frequency as Frequency,
    dataSource: r.data_source,
    rules: JSON.parse(r.validation_json) as ValidationRules,
    fluctuation: JSON.parse(r.fluctuation_json) as FluctuationConfig,
    dhis2DataElement: r.dhis2_data_element,
    dhis2Coc: r.dhis2_coc,
    commitmentId: r.commitment_id,
    citation: r.citation,
  };
}

async function insertIndicator(trx: Q, tenant: string, input: IndicatorInput, code: string): Promise<number> {
  compileTarget(input.target); // refuses an unusable target before anything is written
  const units = [input.responsibleUnit, ...(input.reportingUnits ?? []).filter((u) => u !== input.responsibleUnit)];
  const at = nowIso();
  const row = await trx
    .insertInto('monitoring_indicators')
    .values({
      tenant,
      plan_id: input.planId,
      domain: input.domain,
      code,
      name: input.name,
      measure_unit: input.measureUnit,
      baseline_year: input.baselineYear,
      baseline_value: input.baselineValue,
      target_json: JSON.stringify(input.target),
      attribute: input.attribute,
      direction: input.target.direction,
      responsible_unit: input.responsibleUnit,
      reporting_units: JSON.stringify(units),
      frequency: input.frequency,
      data_source: input.dataSource,
      validation_json: JSON.stringify({ ...DEFAULT_RULES, ...(input.rules ?? {}) }),
      fluctuation_json: JSON.stringify({ ...DEFAULT_FLUCTUATION, ...(input.fluctuation ?? {}) }),
      dhis2_data_element: input.dhis2DataElement ?? null,
      dhis2_coc: input.dhis2Coc ?? null,
      commitment_id: input.commitmentId ?? null,
      citation: input.citation ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function nextCode(trx: Q, tenant: string, planId: number): Promise<string> {
  const r = await trx
    .selectFrom('monitoring_indicators')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant', '=', tenant)
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  let n = Number(r.n) + 1;
  for (;;) {
    const code = `P${planId}-${String(n).padStart(3, '0')}`;
    const taken = await trx
      .selectFrom('monitoring_indicators')
      .select('id')
      .where('tenant', '=', tenant)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
    n++;
  }
}

export async function createIndicator(
  target: Db,
  tenant: string,
  input: IndicatorInput,
  actor: Actor,
): Promise<IndicatorDto> {
  return target.db.transaction().execute(async (trx) => {
    await getPlan(trx, tenant, input.planId);
    if (input.code !== undefined && /^\d+$/.test(input.code))
      throw new AppError(
        'BAD_INPUT',
        `字段“code”：指标编码“${input.code}”不能全为数字——报送数据时全数字的 indicator 按指标编号（id）查找；请加上字母，如“H${input.code}”。`,
        { field: 'code' },
      );
    const code = input.code ?? (await nextCode(trx, tenant, input.planId));
    const dup = await trx
      .selectFrom('monitoring_indicators')
      .select('id')
      .where('tenant', '=', tenant)
      .where('code', '=', code)
      .executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', `指标编码“${code}”已被使用。`, { field: 'code' });
    const id = await insertIndicator(trx, tenant, input, code);
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'monitoring:indicator',
      entity: 'monitoring_indicator',
      entityId: id,
      after: input,
    });
    return getIndicatorIn(trx, tenant, id);
  });
}

async function getIndicatorIn(db: Q, tenant: string, id: number): Promise<IndicatorDto> {
  const r = await db
    .selectFrom('monitoring_indicators')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的指标。`);
  return toIndicator(r);
}

export async function getIndicator(target: Db, tenant: string, id: number): Promise<IndicatorDto> {
  return getIndicatorIn(target.db, tenant, id);
}

export async function listIndicators(target: Db, tenant: string, planId?: number): Promise<IndicatorDto[]> {
  let q = target.db.selectFrom('monitoring_indicators').selectAll().where('tenant', '=', tenant);
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  return (await q.orderBy('plan_id').orderBy('domain').orderBy('id').execute()).map(toIndicator);
}

export interface FromTargetsInput {
  planId: number;
  documentId: number;
  responsibleUnit: string;
  frequency?: Frequency;
  dataSource?: string | null;
}

/**
 * Indicators from a document's reviewed targets (confirmed or corrected records of issue #3), in one
 * transaction; idempotent (a target already made an indicator is skipped). The domain is the heading of the
 * target's top-level clause (e.g. 一、主要指标), else 主要指标.
 */
export async function indicatorsFromTargets(
  target: Db,
  tenant: string,
  input: FromTargetsInput,
  actor: Actor,
): Promise<{ created: IndicatorDto[]; skipped: { commitmentId: number; name: string; reason: string }[] }> {
  return target.db.transaction().execute(async (trx) => {
    const plan = await getPlan(trx, tenant, input.planId);
    const doc = await trx
      .selectFrom('documents')
      .select('id')
      .where('tenant', '=', tenant)
      .where('id', '=', input.documentId)
      .executeTakeFirst();
    if (!doc) throw new AppError('NOT_FOUND', `未找到编号为 ${input.documentId} 的文件。`, { field: 'documentId' });
    const recs = await trx
      .selectFrom('commitments')
      .select(['id', 'data', 'corrected', 'e_id', 'citation', 'document_id'])
      .where('tenant', '=', tenant)
      .where('document_id', '=', input.documentId)
      .where('kind', '=', 'target')
      .where('status', 'in', ['confirmed', 'corrected'])
      .where('gone_at', 'is', null)
      .orderBy('line')
      .orderBy('id')
      .execute();
    const existing = new Set(
      (
        await trx
          .selectFrom('monitoring_indicators')
          .select('commitment_id')
          .where('tenant', '=', tenant)
          .where('commitment_id', 'is not', null)
          .execute()
      ).map((r) => r.commitment_id),
    );
    const created: number[] = [];
    const skipped: { commitmentId: number; name: string; reason: string }[] = [];
    for (const rec of recs) {
      const data = {
        ...(JSON.parse(rec.data) as Record<string, unknown>),
        ...(rec.corrected ? (JSON.parse(rec.corrected) as Record<string, unknown>) : {}),
      };
      const name = String(data.name ?? '');
      if (existing.has(rec.id)) {
        skipped.push({ commitmentId: rec.id, name, reason: '已生成监测指标' });
        continue;
      }
      let spec: TargetSpec;
      try {
        spec = parseTargetJson({
          target: data.target,
          direction: data.direction ?? null,
          scale: data.scale ?? null,
          unit: data.unit ?? null,
        });
        compileTarget(spec);
      } catch (e) {
        skipped.push({ commitmentId: rec.id, name, reason: `目标无法用于达标判定：${(e as Error).message}` });
        continue;
      }
      const baseline = (data.baseline ?? null) as { year: number | null; value: number | null } | null;
      const top = rec.e_id.split('__').slice(0, 2).join('__');
      const clause = await trx
        .selectFrom('clauses')
        .select('heading')
        .where('tenant', '=', tenant)
        .where('document_id', '=', rec.document_id)
        .where('e_id', '=', top)
        .executeTakeFirst();
      const attr = data.attribute === 'binding' || data.attribute === 'expected' ? data.attribute : null;
      const code = await nextCode(trx, tenant, input.planId);
      const id = await insertIndicator(
        trx,
        tenant,
        {
          planId: input.planId,
          domain: clause?.heading?.replace(/[。：:]$/, '') || '主要指标',
          name,
          measureUnit: typeof data.unit === 'string' ? data.unit : null,
          baselineYear: baseline?.year ?? plan.baseYear,
          baselineValue: baseline?.value ?? null,
          target: { ...spec, year: spec.year ?? plan.targetYear },
          attribute: attr,
          responsibleUnit: input.responsibleUnit,
          frequency: input.frequency ?? 'annual',
          dataSource: input.dataSource ?? null,
          rules: data.unit === '%' ? { type: 'percent' } : {},
          commitmentId: rec.id,
          citation: rec.citation,
        },
        code,
      );
      created.push(id);
    }
    if (created.length > 0)
      await recordAudit(trx, {
        tenant,
        actor,
        action: 'monitoring:from-targets',
        entity: 'monitoring_plan',
        entityId: input.planId,
        after: { documentId: input.documentId, created: created.length },
      });
    const out: IndicatorDto[] = [];
    for (const id of created) out.push(await getIndicatorIn(trx, tenant, id));
    return { created: out, skipped };
  });
}

// ---- values ------------------------------------------------------------------------------------------------

export type Channel = 'form' | 'excel' | 'csv' | 'dhis2' | 'api';

export interface ValueRow extends ValueInput {
  /** Indicator code (templates, CSV) or id (forms, API). */
  indicator: string | number;
  comment?: string | null;
  /** Line of the source (Excel row, CSV line, array position + 1) for messages. */
  row?: number;
}

export interface ValueDto {
  id: number;
  indicatorId: number;
  unit: string;
  period: string;
  periodLabel: string;
  value: number;
  valueText: string;
  status: ValueStatus;
  explanation: string | null;
  violations: string[];
  comment: string | null;
  submittedBy: string;
  submittedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  reopenReason: string | null;
  version: number;
}

type ValueRowDb = Awaited<ReturnType<typeof valueSelect>>[number];
function valueSelect(db: Q, tenant: string) {
  return db.selectFrom('monitoring_values').selectAll().where('tenant', '=', tenant).execute();
}

function toValue(r: ValueRowDb): ValueDto {
  const p = parsePeriod(r.period);
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    unit: r.unit,
    period: r.period,
    periodLabel: p ? periodLabel(p) : r.period,
    value: Number(r.value),
    valueText: r.value_text,
    status: r.status as ValueStatus,
    explanation: r.explanation,
    violations: JSON.parse(r.violations) as string[],
    comment: r.comment,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    reopenReason: r.reopen_reason,
    version: r.version,
  };
}

function rowError(code: 'BAD_INPUT' | 'FORBIDDEN' | 'CONFLICT', row: number, field: string, message: string): AppError {
  return new AppError(code, `第 ${row} 行 字段“${field}”：${message}`, { row, field });
}

function forRules(ind: IndicatorDto): IndicatorForRules {
  return {
    code: ind.code,
    name: ind.name,
    measureUnit: ind.measureUnit,
    frequency: ind.frequency,
    reportingUnits: ind.reportingUnits,
    scale: ind.target.scale,
    rules: ind.rules,
  };
}

export interface SubmitResult {
  written: ValueDto[];
  /** Rows left unchanged because the same value was already there. */
  unchanged: number;
  warnings: WarningDto[];
}

/**
 * Submit values (new or corrections of values not yet approved), one transaction. Refused as a whole, naming
 * row and field, when any row is wrong: unknown indicator, a period it does not report, another unit than the
 * liaison's (403), a unit that does not report it, another measurement unit, not a number, an approved
 * (locked) value (409), or a rule violation without an explanation.
 */
export async function submitValues(
  target: Db,
  tenant: string,
  actor: Actor,
  rows: ValueRow[],
  channel: Channel,
): Promise<SubmitResult> {
  if (rows.length === 0) throw new AppError('BAD_INPUT', '没有要报送的数据。');
  return target.db.transaction().execute(async (trx) => {
    const indicators = new Map<string, IndicatorDto>();
    for (const r of await indicatorQuery(trx, tenant)) {
      const dto = toIndicator(r);
      indicators.set(String(dto.id), dto);
      indicators.set(`code:${dto.code}`, dto);
    }
    const seen = new Map<string, number>();
    const planned: {
      ind: IndicatorDto;
      row: ValueRow;
      rowNo: number;
      period: string;
      time: number;
      value: number;
      text: string;
      violations: string[];
      existing: ValueRowDb | undefined;
    }[] = [];
    for (const [i, row] of rows.entries()) {
      const rowNo = row.row ?? i + 1;
      const ind =
        typeof row.indicator === 'number'
          ? indicators.get(String(row.indicator))
          : indicators.get(`code:${row.indicator}`);
      if (!ind) throw rowError('BAD_INPUT', rowNo, 'indicator', `未找到指标“${row.indicator}”。`);
      const decision = can(actor, 'unit:act', { kind: 'unit', unit: row.unit });
      if (!decision.allowed)
        throw rowError('FORBIDDEN', rowNo, 'unit', `${decision.reason}（该行单位为“${row.unit}”）。`);
      const period = parsePeriod(String(row.period ?? ''));
      const prev = period
        ? await trx
            .selectFrom('monitoring_values')
            .select(['value', 'period'])
            .where('tenant', '=', tenant)
            .where('indicator_id', '=', ind.id)
            .where('unit', '=', row.unit)
            .where('period_time', '<', periodTime(period))
            .orderBy('period_time', 'desc')
            .limit(1)
            .executeTakeFirst()
        : undefined;
      const checked = checkValue(forRules(ind), row, prev ? Number(prev.value) : null);
      if ('problem' in checked) throw rowError('BAD_INPUT', rowNo, checked.problem.field, checked.problem.message);
      const { ok } = checked;
      const key = `${ind.id}/${row.unit}/${ok.period.id}`;
      const first = seen.get(key);
      if (first !== undefined)
        throw rowError('BAD_INPUT', rowNo, 'period', `与第 ${first} 行是同一指标、单位和期间的重复数据。`);
      seen.set(key, rowNo);
      const explanation = row.explanation?.trim() || null;
      if (ok.violations.length > 0 && !explanation)
        throw rowError(
          'BAD_INPUT',
          rowNo,
          'value',
          `指标“${ind.name}”${periodLabel(ok.period)}的数值 ${ok.valueText} 未通过校验：${ok.violations.join('；')}。如确认无误，请填写说明（explanation）后强制上报。`,
        );
      const existing = await trx
        .selectFrom('monitoring_values')
        .selectAll()
        .where('tenant', '=', tenant)
        .where('indicator_id', '=', ind.id)
        .where('unit', '=', row.unit)
        .where('period', '=', ok.period.id)
        .executeTakeFirst();
      if (existing && existing.status !== 'submitted')
        throw rowError(
          'CONFLICT',
          rowNo,
          'value',
          `指标“${ind.name}”${row.unit}${periodLabel(ok.period)}的数值已由办公室审核锁定${existing.status === 'reopen_requested' ? '（更正申请待审批）' : ''}，如需更正请提交更正申请。`,
        );
      planned.push({
        ind,
        row,
        rowNo,
        period: ok.period.id,
        time: periodTime(ok.period),
        value: ok.value,
        text: ok.valueText,
        violations: ok.violations,
        existing,
      });
    }

    const at = nowIso();
    const who = actorName(actor);
    const written: ValueDto[] = [];
    let unchanged = 0;
    for (const p of planned) {
      const explanation = p.violations.length > 0 ? (p.row.explanation?.trim() ?? null) : null;
      const comment = p.row.comment?.trim() || null;
      if (p.existing) {
        if (
          p.existing.value_text === p.text &&
          (p.existing.explanation ?? null) === explanation &&
          (p.existing.comment ?? null) === comment
        ) {
          unchanged++;
          continue;
        }
        await trx
          .updateTable('monitoring_values')
          .set({
            value: p.value,
            value_text: p.text,
            explanation,
            violations: JSON.stringify(p.violations),
            comment,
            submitted_by: who,
            submitted_at: at,
            version: p.existing.version + 1,
          })
          .where('id', '=', p.existing.id)
          .execute();
      }
      const id = p.existing
        ? p.existing.id
        : (
            await trx
              .insertInto('monitoring_values')
              .values({
                tenant,
                indicator_id: p.ind.id,
                unit: p.row.unit,
                period: p.period,
                period_time: p.time,
                value: p.value,
                value_text: p.text,
                status: 'submitted',
                explanation,
                violations: JSON.stringify(p.violations),
                comment,
                submitted_by: who,
                submitted_at: at,
                approved_by: null,
                approved_at: null,
                reopen_reason: null,
                version: 1,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
      await trx
        .insertInto('monitoring_value_events')
        .values({
          tenant,
          value_id: id,
          indicator_id: p.ind.id,
          unit: p.row.unit,
          period: p.period,
          action: p.existing ? 'update' : 'submit',
          value_text: p.text,
          explanation,
          note: p.violations.length > 0 ? `强制上报：${p.violations.join('；')}` : null,
          actor: who,
          channel,
          at,
        })
        .execute();
      const row = await trx.selectFrom('monitoring_values').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      written.push(toValue(row));
    }
    const touched = new Map<string, { ind: IndicatorDto; unit: string; periods: string[] }>();
    for (const p of planned) {
      const k = `${p.ind.id}/${p.row.unit}`;
      const t = touched.get(k) ?? { ind: p.ind, unit: p.row.unit, periods: [] };
      t.periods.push(p.period);
      touched.set(k, t);
    }
    const warnings: WarningDto[] = [];
    for (const t of touched.values())
      warnings.push(...(await refreshWarnings(trx, tenant, t.ind, t.unit, t.periods, at)));
    if (written.length > 0)
      await recordAudit(trx, {
        tenant,
        actor,
        action: 'monitoring:submit',
        entity: 'monitoring_value',
        entityId: written.length === 1 ? (written[0] as ValueDto).id : null,
        after: { channel, values: written.length },
      });
    return { written, unchanged, warnings };
  });
}

async function loadValue(trx: Q, tenant: string, id: number): Promise<ValueRowDb> {
  const r = await trx
    .selectFrom('monitoring_values')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `未找到编号为 ${id} 的填报数据。`);
  return r;
}

/** The unit a stored value belongs to (for the route's unit:act check); 404 for an unknown value. */
export async function valueUnit(target: Db, tenant: string, id: number): Promise<string> {
  return (await loadValue(target.db, tenant, id)).unit;
}

async function event(
  trx: Q,
  tenant: string,
  v: ValueRowDb,
  action: string,
  actor: Actor,
  note: string | null,
  at: string,
) {
  await trx
    .insertInto('monitoring_value_events')
    .values({
      tenant,
      value_id: v.id,
      indicator_id: v.indicator_id,
      unit: v.unit,
      period: v.period,
      action,
      value_text: v.value_text,
      explanation: v.explanation,
      note,
      actor: actorName(actor),
      channel: null,
      at,
    })
    .execute();
}

/** The office approves values, which locks them (one transaction; a value not in 已报送 refuses the batch). */
export async function approveValues(target: Db, tenant: string, actor: Actor, ids: number[]): Promise<ValueDto[]> {
  if (ids.length === 0) throw new AppError('BAD_INPUT', '字段“ids”：请选择要审核的数据。', { field: 'ids' });
  return target.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const out: ValueDto[] = [];
    for (const [i, id] of ids.entries()) {
      const v = await loadValue(trx, tenant, id);
      if (v.status !== 'submitted')
        throw new AppError('CONFLICT', `第 ${i + 1} 项（数据 ${id}）已审核锁定，不能重复审核。`, {
          row: i + 1,
          field: 'ids',
        });
      await trx
        .updateTable('monitoring_values')
        .set({ status: 'approved', approved_by: actorName(actor), approved_at: at, version: v.version + 1 })
        .where('id', '=', id)
        .execute();
      await event(trx, tenant, v, 'approve', actor, null, at);
      out.push(toValue(await loadValue(trx, tenant, id)));
    }
    await recordAudit(trx, { tenant, actor, action: 'monitoring:approve', entity: 'monitoring_value', after: { ids } });
    return out;
  });
}

/** A liaison asks to correct an approved value (更正申请); the value stays locked until the office decides. */
export async function requestReopen(
  target: Db,
  tenant: string,
  actor: Actor,
  id: number,
  reason: string,
): Promise<ValueDto> {
  return target.db.transaction().execute(async (trx) => {
    const v = await loadValue(trx, tenant, id);
    const d = can(actor, 'unit:act', { kind: 'unit', unit: v.unit });
    if (!d.allowed) throw new AppError('FORBIDDEN', d.reason);
    if (v.status !== 'approved')
      throw new AppError(
        'CONFLICT',
        v.status === 'submitted' ? '该数据尚未审核，可直接修改，无需更正申请。' : '该数据已有待审批的更正申请。',
      );
    const at = nowIso();
    await trx
      .updateTable('monitoring_values')
      .set({ status: 'reopen_requested', reopen_reason: reason, version: v.version + 1 })
      .where('id', '=', id)
      .execute();
    await event(trx, tenant, v, 'reopen-request', actor, reason, at);
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'monitoring:reopen-request',
      entity: 'monitoring_value',
      entityId: id,
      after: { reason },
    });
    return toValue(await loadValue(trx, tenant, id));
  });
}

/** The office grants (the value becomes editable again) or refuses (stays approved) a reopen request. */
export async function decideReopen(
  target: Db,
  tenant: string,
  actor: Actor,
  id: number,
  grant: boolean,
  note: string | null,
): Promise<ValueDto> {
  return target.db.transaction().execute(async (trx) => {
    const v = await loadValue(trx, tenant, id);
    if (v.status !== 'reopen_requested') throw new AppError('CONFLICT', '该数据没有待审批的更正申请。');
    const at = nowIso();
    await trx
      .updateTable('monitoring_values')
      .set(
        grant
          ? { status: 'submitted', approved_by: null, approved_at: null, version: v.version + 1 }
          : { status: 'approved', reopen_reason: null, version: v.version + 1 },
      )
      .where('id', '=', id)
      .execute();
    await event(trx, tenant, v, grant ? 'reopen-grant' : 'reopen-refuse', actor, note, at);
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'monitoring:reopen-decide',
      entity: 'monitoring_value',
      entityId: id,
      after: { grant, note },
    });
    return toValue(await loadValue(trx, tenant, id));
  });
}

export interface ValueEventDto {
  action: string;
  valueText: string | null;
  explanation: string | null;
  note: string | null;
  actor: string;
  channel: string | null;
  at: string;
}

export async function valueHistory(target: Db, tenant: string, id: number): Promise<ValueEventDto[]> {
  await loadValue(target.db, tenant, id);
  const rows = await target.db
    .selectFrom('monitoring_value_events')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('value_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    valueText: r.value_text,
    explanation: r.explanation,
    note: r.note,
    actor: r.actor,
    channel: r.channel,
    at: r.at,
  }));
}

export interface ValueFilter {
  planId?: number;
  indicatorId?: number;
  unit?: string;
  approvedOnly?: boolean;
}

export async function listValues(target: Db, tenant: string, f: ValueFilter = {}): Promise<ValueDto[]> {
  let q = target.db
    .selectFrom('monitoring_values as v')
    .innerJoin('monitoring_indicators as i', 'i.id', 'v.indicator_id')
    .selectAll('v')
    .where('v.tenant', '=', tenant);
  if (f.planId !== undefined) q = q.where('i.plan_id', '=', f.planId);
  if (f.indicatorId !== undefined) q = q.where('v.indicator_id', '=', f.indicatorId);
  if (f.unit !== undefined) q = q.where('v.unit', '=', f.unit);
  if (f.approvedOnly) q = q.where('v.status', '=', 'approved');
  const rows = await q.orderBy('v.indicator_id').orderBy('v.unit').orderBy('v.period_time').execute();
  return rows.map(toValue);
}

// ---- warnings ----------------------------------------------------------------------------------------------

export interface WarningDto {
  id: number;
  indicatorId: number;
  indicatorName: string;
  unit: string;
  period: string;
  kind: 'off-track' | 'fluctuation';
  level: 'red' | 'yellow';
  message: string;
  recipients: string[];
  createdAt: string;
}

function baselineOf(ind: IndicatorDto): { time: number; value: number } | null {
  return ind.baselineYear !== null && ind.baselineValue !== null
    ? { time: ind.baselineYear, value: ind.baselineValue }
    : null;
}

async function refreshWarnings(
  trx: Q,
  tenant: string,
  ind: IndicatorDto,
  unit: string,
  periods: string[],
  at: string,
): Promise<WarningDto[]> {
  const series = await trx
    .selectFrom('monitoring_values')
    .select(['period', 'period_time', 'value'])
    .where('tenant', '=', tenant)
    .where('indicator_id', '=', ind.id)
    .where('unit', '=', unit)
    .orderBy('period_time')
    .execute();
  const recipients = [...new Set([ind.responsibleUnit, unit, OFFICE])];
  const out: { kind: 'off-track' | 'fluctuation'; level: 'red' | 'yellow'; period: string; message: string }[] = [];
  const remove: { period: string; kind: string }[] = [];
  const latest = series[series.length - 1];
  if (latest) {
    const r = assess({
      target: ind.target,
      baseline: baselineOf(ind),
      observed: series.map((s) => ({ time: Number(s.period_time), value: Number(s.value) })),
    });
    const light = lightOf(r?.status ?? null, ind.attribute);
    if (r && (light === 'red' || light === 'yellow')) {
      const p = parsePeriod(latest.period);
      out.push({
        kind: 'off-track',
        level: light,
        period: latest.period,
        message: `${ind.attribute === 'binding' ? '约束性' : '预期性'}指标“${ind.name}”（${unit}）${p ? periodLabel(p) : latest.period}判定为${STATUS_LABELS[r.status]}${
          r.projected !== null ? `，按当前速度推算目标年为 ${Math.round(r.projected * 100) / 100}` : ''
        }，预计达标困难。`,
      });
    } else remove.push({ period: latest.period, kind: 'off-track' });
  }
  for (const period of periods) {
    const i = series.findIndex((s) => s.period === period);
    if (i < 0) continue;
    const history = series.slice(0, i).map((s) => Number(s.value));
    const f = fluctuation(history, Number((series[i] as { value: number }).value), ind.fluctuation);
    if (f.warn) {
      const p = parsePeriod(period);
      out.push({
        kind: 'fluctuation',
        level: 'yellow',
        period,
        message: `指标“${ind.name}”（${unit}）${p ? periodLabel(p) : period}波动较大：${f.reasons.join('；')}。`,
      });
    } else remove.push({ period, kind: 'fluctuation' });
  }
  for (const r of remove)
    await trx
      .deleteFrom('monitoring_warnings')
      .where('tenant', '=', tenant)
      .where('indicator_id', '=', ind.id)
      .where('unit', '=', unit)
      .where('period', '=', r.period)
      .where('kind', '=', r.kind)
      .execute();
  const result: WarningDto[] = [];
  for (const w of out) {
    await trx
      .deleteFrom('monitoring_warnings')
      .where('tenant', '=', tenant)
      .where('indicator_id', '=', ind.id)
      .where('unit', '=', unit)
      .where('period', '=', w.period)
      .where('kind', '=', w.kind)
      .execute();
    const row = await trx
      .insertInto('monitoring_warnings')
      .values({
        tenant,
        indicator_id: ind.id,
        unit,
        period: w.period,
        kind: w.kind,
        level: w.level,
        message: w.message,
        recipients: JSON.stringify(recipients),
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    result.push({ id: row.id, indicatorId: ind.id, indicatorName: ind.name, unit, ...w, recipients, createdAt: at });
  }
  // Push each warning through the notifications capability in this same transaction (rolled back with it).
  // The key is the warning's identity (indicator, unit, period, kind) and level, not the row id (the row is
  // rewritten on every refresh): the same warning is never sent twice, a yellow turning red is sent again.
  if (result.length > 0)
    await notifyMany(
      trx,
      tenant,
      result.map((w) => warningNotification(ind, w)),
    );
  return result;
}

/** The notification of a stored warning: to the responsible unit and the office (role admin). */
export function warningNotification(ind: IndicatorDto, w: WarningDto): NotifyInput {
  const p = parsePeriod(w.period);
  return {
    recipients: { units: [ind.responsibleUnit], roles: ['admin'] },
    kind: 'monitoring.warning',
    title: `监测预警（${w.level === 'red' ? '红色' : '黄色'}，${w.kind === 'off-track' ? '预计达标困难' : '波动较大'}）：${ind.name}`,
    body: `${w.message}\n填报单位：${w.unit}；期间：${p ? periodLabel(p) : w.period}。`,
    link: `/monitoring/indicators/${ind.id}`,
    dedupeKey: `monitoring:warning:${ind.id}:${w.unit}:${w.period}:${w.kind}:${w.level}`,
    source: { capability: 'monitoring', id: w.id },
    at: new Date(w.createdAt),
  };
}

/** Warnings addressed to a unit (its liaison's inbox), or all of them (the office). */
export async function listWarnings(
  target: Db,
  tenant: string,
  opts: { unit?: string; planId?: number } = {},
): Promise<WarningDto[]> {
  let q = target.db
    .selectFrom('monitoring_warnings as w')
    .innerJoin('monitoring_indicators as i', 'i.id', 'w.indicator_id')
    .select([
      'w.id',
      'w.indicator_id',
      'i.name',
      'w.unit',
      'w.period',
      'w.kind',
      'w.level',
      'w.message',
      'w.recipients',
      'w.created_at',
    ])
    .where('w.tenant', '=', tenant);
  if (opts.planId !== undefined) q = q.where('i.plan_id', '=', opts.planId);
  const rows = await q.orderBy('w.id', 'desc').execute();
  return rows
    .map((r) => ({
      id: r.id,
      indicatorId: r.indicator_id,
      indicatorName: r.name,
      unit: r.unit,
      period: r.period,
      kind: r.kind as 'off-track' | 'fluctuation',
      level: r.level as 'red' | 'yellow',
      message: r.message,
      recipients: JSON.parse(r.recipients) as string[],
      createdAt: r.created_at,
    }))
    .filter((w) => opts.unit === undefined || w.recipients.includes(opts.unit));
}

// ---- the traffic-light matrix ----------------------------------------------------------------------------------

export interface MatrixCell {
  period: string;
  value: number;
  valueText: string;
  approved: boolean;
  status: AttainmentStatus;
  light: Light;
  projected: number | null;
}

export interface MatrixRow {
  indicator: IndicatorDto;
  cells: (MatrixCell | null)[];
  /** Status as of the latest period with a value. */
  latest: MatrixCell | null;
}

export interface Matrix {
  plan: PlanDto;
  periods: { id: string; label: string }[];
  rows: MatrixRow[];
}

/**
 * Indicators × periods for a plan: each cell judges the value of the indicator's responsible unit (or `unit`)
 * as of that period against the baseline (attainment.ts judge). `approvedOnly` for the public page.
 */
export async function trafficLightMatrix(
  target: Db,
  tenant: string,
  planId: number,
  opts: { approvedOnly?: boolean; unit?: string } = {},
): Promise<Matrix> {
  const plan = await getPlan(target, tenant, planId);
  const inds = (
    await target.db
      .selectFrom('monitoring_indicators')
      .selectAll()
      .where('tenant', '=', tenant)
      .where('plan_id', '=', planId)
      .orderBy('domain')
      .orderBy('id')
      .execute()
  ).map(toIndicator);
  // one indexed lookup per (indicator, unit) pair: every OR term names tenant, indicator and unit, the prefix of the
  // (tenant, indicator_id, unit, period_time) index (SQLite: MULTI-INDEX OR; PostgreSQL: BitmapOr), in chunks
  const values: {
    indicator_id: number;
    unit: string;
    period: string;
    period_time: number;
    value: number;
    value_text: string;
    status: string;
  }[] = [];
  for (let k = 0; k < inds.length; k += 300) {
    const chunk = inds.slice(k, k + 300);
    let q = target.db
      .selectFrom('monitoring_values as v')
      .select(['v.indicator_id', 'v.unit', 'v.period', 'v.period_time', 'v.value', 'v.value_text', 'v.status'])
      .where((eb) =>
        eb.or(
          chunk.map((ind) =>
            eb.and([
              eb('v.tenant', '=', tenant),
              eb('v.indicator_id', '=', ind.id),
              eb('v.unit', '=', opts.unit ?? ind.responsibleUnit),
            ]),
          ),
        ),
      );
    if (opts.approvedOnly) q = q.where('v.status', '=', 'approved');
    values.push(...(await q.execute()));
  }
  values.sort((a, b) => Number(a.period_time) - Number(b.period_time));
  const periodTimes = new Map<string, number>();
  const byInd = new Map<number, typeof values>();
  for (const v of values) {
    periodTimes.set(v.period, Number(v.period_time));
    const list = byInd.get(v.indicator_id) ?? [];
    list.push(v);
    byInd.set(v.indicator_id, list);
  }
  const periods = [...periodTimes.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const col = new Map(periods.map((p, i) => [p, i]));
  const out = new JudgeOut();
  const rows: MatrixRow[] = inds.map((ind) => {
    const ct = compileTarget(ind.target, DEFAULT_THRESHOLDS);
    const series = byInd.get(ind.id) ?? [];
    const cells: (MatrixCell | null)[] = periods.map(() => null);
    const base =
      baselineOf(ind) ?? (series[0] ? { time: Number(series[0].period_time), value: Number(series[0].value) } : null);
    let latest: MatrixCell | null = null;
    for (const v of series) {
      if (!base) break;
      const code = judge(ct, base.time, base.value, Number(v.period_time), Number(v.value), out);
      const status = STATUSES[code] as AttainmentStatus;
      const cell: MatrixCell = {
        period: v.period,
        value: Number(v.value),
        valueText: v.value_text,
        approved: v.status === 'approved',
        status,
        light: lightOf(status, ind.attribute),
        projected: Number.isFinite(out.projected) ? out.projected : null,
      };
      cells[col.get(v.period) as number] = cell;
      latest = cell;
    }
    return { indicator: ind, cells, latest };
  });
  return {
    plan,
    periods: periods.map((id) => {
      const p = parsePeriod(id);
      return { id, label: p ? periodLabel(p) : id };
    }),
    rows,
  };
}

// ---- DHIS2 ---------------------------------------------------------------------------------------------------

export async function dhis2Mapping(target: Db | Q, tenant: string): Promise<Dhis2Mapping> {
  const db = 'db' in target ? target.db : target;
  const inds = await db
    .selectFrom('monitoring_indicators')
    .select(['code', 'dhis2_data_element', 'dhis2_coc'])
    .where('tenant', '=', tenant)
    .where('dhis2_data_element', 'is not', null)
    .execute();
  const ous = await db
    .selectFrom('monitoring_org_units')
    .select(['unit', 'org_unit'])
    .where('tenant', '=', tenant)
    .orderBy('unit')
    .execute();
  return {
    dataElements: inds.map((i) => ({
      indicator: i.code,
      dataElement: i.dhis2_data_element as string,
      categoryOptionCombo: i.dhis2_coc,
    })),
    orgUnits: ous.map((o) => ({ unit: o.unit, orgUnit: o.org_unit })),
  };
}

/** Replace the org-unit mapping table (one transaction). */
export async function setOrgUnits(
  target: Db,
  tenant: string,
  actor: Actor,
  rows: { unit: string; orgUnit: string }[],
): Promise<void> {
  // one row per unit and per uid (the table's unique keys): a repeat is the caller's mistake, named by row
  const units = new Map<string, number>();
  const uids = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    const u = units.get(r.unit);
    if (u !== undefined)
      throw rowError('BAD_INPUT', i + 1, 'unit', `单位“${r.unit}”与第 ${u} 行重复，每个单位只能对应一个组织机构。`);
    const o = uids.get(r.orgUnit);
    if (o !== undefined)
      throw rowError(
        'BAD_INPUT',
        i + 1,
        'orgUnit',
        `组织机构“${r.orgUnit}”与第 ${o} 行重复，每个组织机构只能对应一个单位。`,
      );
    units.set(r.unit, i + 1);
    uids.set(r.orgUnit, i + 1);
  }
  await target.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('monitoring_org_units').where('tenant', '=', tenant).execute();
    if (rows.length > 0)
      await trx
        .insertInto('monitoring_org_units')
        .values(rows.map((r) => ({ tenant, unit: r.unit, org_unit: r.orgUnit })))
        .execute();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'monitoring:dhis2-mapping',
      entity: 'monitoring_org_units',
      after: rows,
    });
  });
}

/** Map an indicator to a DHIS2 data element (and category option combo): one transaction with its audit row. */
export async function setDataElement(
  target: Db,
  tenant: string,
  actor: Actor,
  indicatorId: number,
  dataElement: string | null,
  coc: string | null,
): Promise<void> {
  await target.db.transaction().execute(async (trx) => {
    const before = await getIndicatorIn(trx, tenant, indicatorId);
    await trx
      .updateTable('monitoring_indicators')
      .set({ dhis2_data_element: dataElement, dhis2_coc: coc, updated_at: nowIso() })
      .where('tenant', '=', tenant)
      .where('id', '=', indicatorId)
      .execute();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'monitoring:dhis2-mapping',
      entity: 'monitoring_indicator',
      entityId: indicatorId,
      before: { dataElement: before.dhis2DataElement, categoryOptionCombo: before.dhis2Coc },
      after: { dataElement, categoryOptionCombo: coc },
    });
  });
}

export async function exportDhis2(
  target: Db,
  tenant: string,
  opts: { planId?: number; approvedOnly?: boolean } = {},
): Promise<{ csv: string; unmapped: number }> {
  const mapping = await dhis2Mapping(target, tenant);
  const values = await listValues(target, tenant, {
    ...(opts.planId !== undefined ? { planId: opts.planId } : {}),
    approvedOnly: opts.approvedOnly ?? false,
  });
  const inds = new Map((await listIndicators(target, tenant, opts.planId)).map((i) => [i.id, i]));
  const rows: DataValue[] = values.map((v) => ({
    indicator: inds.get(v.indicatorId)?.code ?? String(v.indicatorId),
    unit: v.unit,
    period: v.period,
    value: v.valueText,
    storedBy: v.submittedBy,
    lastUpdated: v.approvedAt ?? v.submittedAt,
    comment: v.comment,
    followup: v.violations.length > 0,
  }));
  const r = toDhis2Csv(rows, mapping);
  return { csv: r.csv, unmapped: r.unmapped.length };
}

/** DHIS2 CSV → values (one transaction; any problem refuses the whole file, naming the line and the field). */
export async function importDhis2(target: Db, tenant: string, actor: Actor, csv: string): Promise<SubmitResult> {
  const mapping = await dhis2Mapping(target, tenant);
  const { values, problems } = fromDhis2Csv(csv, mapping);
  if (problems.length > 0) {
    const first = problems[0] as { row: number; field: string };
    throw new AppError(
      'BAD_INPUT',
      `DHIS2 CSV 有 ${problems.length} 处错误，未导入任何数据：${problems.slice(0, 5).map(dhis2ProblemText).join('；')}`,
      { row: first.row, field: first.field },
      { problems },
    );
  }
  return submitValues(
    target,
    tenant,
    actor,
    values.map((v) => ({
      indicator: v.indicator,
      unit: v.unit,
      period: v.period,
      value: v.value,
      comment: v.comment,
      explanation: v.followup ? v.comment : null,
      ...(v.row !== undefined ? { row: v.row } : {}),
    })),
    'dhis2',
  );
}

// ---- Excel templates -----------------------------------------------------------------------------------------

async function templateIndicators(target: Db, tenant: string, planId: number, unit: string) {
  const plan = await getPlan(target, tenant, planId);
  const inds = (await listIndicators(target, tenant, planId)).filter((i) => i.reportingUnits.includes(unit));
  if (inds.length === 0)
    throw new AppError('NOT_FOUND', `规划“${plan.name}”中没有由“${unit}”报送的指标。`, { field: 'unit' });
  return { plan, inds };
}

/** The data-entry workbook of a plan for a unit and a year, pre-filled with what the unit already reported. */
export async function templateWorkbook(
  target: Db,
  tenant: string,
  planId: number,
  unit: string,
  year: number,
): Promise<Buffer> {
  const { plan, inds } = await templateIndicators(target, tenant, planId, unit);
  const values = await listValues(target, tenant, { planId, unit });
  const code = new Map(inds.map((i) => [i.id, i.code]));
  const existing = new Map(
    values
      .filter((v) => code.has(v.indicatorId))
      .map((v) => [
        `${code.get(v.indicatorId)}/${v.period}`,
        { valueText: v.valueText, explanation: v.explanation, comment: v.comment },
      ]),
  );
  return buildTemplate({ planId, planName: plan.name, unit, year, indicators: inds, existing });
}

/** A filled template back: a changed template is refused; the rows go through submitValues (one transaction). */
export async function importTemplate(
  target: Db,
  tenant: string,
  actor: Actor,
  planId: number,
  unit: string,
  year: number,
  data: Buffer,
): Promise<SubmitResult & { rows: number }> {
  const decision = can(actor, 'unit:act', { kind: 'unit', unit });
  if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason, { field: 'unit' });
  const { inds } = await templateIndicators(target, tenant, planId, unit);
  const rows = await readTemplate(data, { planId, unit, year, indicators: inds });
  if (rows.length === 0) throw new AppError('BAD_INPUT', '模板中没有填写任何数据。', { field: 'file' });
  const r = await submitValues(
    target,
    tenant,
    actor,
    rows.map((x) => ({
      indicator: x.indicator,
      unit,
      period: x.period,
      value: x.value,
      explanation: x.explanation,
      comment: x.comment,
      row: x.row,
    })),
    'excel',
  );
  return { ...r, rows: rows.length };
}

// ---- reports --------------------------------------------------------------------------------------------------

function targetText(ind: IndicatorDto, level: number | null): string {
  const t = ind.target;
  const sym: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '', '~': '≈' };
  const year = t.year ? `（${t.year}年）` : '';
  const show = (v: number) => (t.scale === 'water-class' ? waterClassLabel(v) : `${Math.round(v * 1000) / 1000}`);
  if (t.op === 'increase' || t.op === 'decrease') {
    const word = t.op === 'increase' ? '增长' : '下降';
    if (t.value === null) return `持续${word}${year}`;
    return `较基期${word}${t.value}${t.relative === 'percent' ? '%' : (ind.measureUnit ?? '')}${level !== null ? `（${show(level)}）` : ''}${year}`;
  }
  return `${sym[t.op] ?? ''}${show(level ?? (t.value as number))}${t.scale ? '' : (ind.measureUnit ?? '')}${year}`;
}

/** Data of the annual monitoring report or the mid-term / final evaluation of a plan, as of the end of `year`. */
export async function reportData(
  target: Db,
  tenant: string,
  planId: number,
  kind: ReportKind,
  year: number,
): Promise<ReportData> {
  const plan = await getPlan(target, tenant, planId);
  const inds = await listIndicators(target, tenant, planId);
  const values = (await listValues(target, tenant, { planId })).filter((v) => {
    const p = parsePeriod(v.period);
    return p !== null && periodTime(p) <= year + 1e-9;
  });
  const warnings = (await listWarnings(target, tenant, { planId })).filter((w) => {
    const p = parsePeriod(w.period);
    return p !== null && periodTime(p) <= year + 1e-9;
  });
  const fmt = (ind: IndicatorDto, v: number) =>
    ind.target.scale === 'water-class' ? waterClassLabel(v) : String(Math.round(v * 100) / 100);
  const rows: ReportIndicator[] = inds.map((ind) => {
    const series = values.filter((v) => v.indicatorId === ind.id && v.unit === ind.responsibleUnit);
    const last = series[series.length - 1] ?? null;
    const r = assess({
      target: ind.target,
      baseline: baselineOf(ind),
      observed: series.map((v) => ({
        time: periodTime(parsePeriod(v.period) as NonNullable<ReturnType<typeof parsePeriod>>),
        value: v.value,
      })),
    });
    return {
      domain: ind.domain,
      name: ind.name,
      measureUnit: ind.target.scale ? null : ind.measureUnit,
      attribute: ind.attribute,
      responsibleUnit: ind.responsibleUnit,
      baseline:
        ind.baselineYear !== null && ind.baselineValue !== null
          ? { year: ind.baselineYear, value: ind.baselineValue, text: fmt(ind, ind.baselineValue) }
          : null,
      targetText: targetText(ind, r?.targetLevel ?? ind.target.value ?? null),
      targetLevel:
        r?.targetLevel ?? (ind.target.op === 'increase' || ind.target.op === 'decrease' ? null : ind.target.value),
      latest: last
        ? { label: last.periodLabel, value: last.value, text: last.valueText, approved: last.status === 'approved' }
        : null,
      status: r?.status ?? null,
      projected: r?.projected ?? null,
      projectedText: r?.projected !== null && r?.projected !== undefined ? fmt(ind, r.projected) : null,
    };
  });
  const unitNames = [...new Set([...inds.map((i) => i.responsibleUnit), ...values.map((v) => v.unit)])];
  const units: ReportUnit[] = unitNames.map((u) => {
    const mine = inds.filter((i) => i.responsibleUnit === u);
    const vs = values.filter((v) => v.unit === u);
    return {
      unit: u,
      indicators: mine.length,
      reported: vs.length,
      approved: vs.filter((v) => v.status === 'approved').length,
      offTrack: rows.filter(
        (r, k) =>
          inds[k]?.responsibleUnit === u && r.status !== null && r.status !== 'achieved' && r.status !== 'on_track',
      ).length,
      warnings: warnings.filter((w) => w.recipients.includes(u)).length,
    };
  });
  return {
    kind,
    planName: plan.name,
    docNumber: plan.docNumber,
    year,
    date: new Date().toISOString().slice(0, 10),
    indicators: rows,
    units,
    warnings: warnings.map((w) => ({
      indicator: w.indicatorName,
      unit: w.unit,
      period: w.period,
      level: w.level,
      message: w.message,
    })),
  };
}

export async function reportFile(
  target: Db,
  tenant: string,
  planId: number,
  kind: ReportKind,
  year: number,
): Promise<Buffer> {
  return reportDocx(await reportData(target, tenant, planId, kind, year));
}
