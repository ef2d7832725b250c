// Storage of assessments: a rubric and a period; per entity its name and adjustments (bonuses, penalties,
// vetoes); per entity and assessor the values (item id → value, the JSON format of docs/rubrics.md). Every
// write loads the assessment, merges, validates the whole merged input with the pure parseScoreInput and
// only then writes — in one transaction, with an audit record — so bad input leaves the database unchanged.
// Scores are computed on read from the rows and the rubric file (score()), never stored.
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { type ScoreResult, score } from './engine.ts';
import { inputFromWorkbook } from './excel.ts';
import { parseScoreInput } from './input.ts';
import { resolveRubric } from './load.ts';
import type { Rubric } from './rubric.ts';

export interface AssessmentDto {
  id: number;
  rubricId: string;
  rubricTitle: string;
  docNumber: string;
  period: string;
  version: number;
  entityCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface RawEntity {
  id: string;
  name?: string;
  values?: Record<string, unknown>;
  assessments?: Record<string, Record<string, unknown>>;
  bonuses?: unknown[];
  penalties?: unknown[];
  vetoes?: unknown[];
}

export interface RawInput {
  rubric: string;
  period: string;
  entities: RawEntity[];
}

const nowIso = () => new Date().toISOString();

function rubricOf(id: string): Rubric {
  try {
    return resolveRubric(id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw new AppError('BAD_INPUT', e.message, { field: 'rubricId' });
    throw e;
  }
}

/**
 * The rubric of a stored assessment. Its file removed (or renamed) since: 409 — the assessment exists (not 404)
 * and the request is not at fault (not 400); the message says which file is missing and what to do.
 */
function storedRubricOf(row: { id: number; rubric_id: string }): Rubric {
  try {
    return resolveRubric(row.rubric_id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw new AppError(
        'CONFLICT',
        `评价 ${row.id} 所用的评分细则文件（编号“${row.rubric_id}”）已不存在，无法读取、录入或评分；请将该细则文件恢复到 rubrics/ 目录后重试`,
        { field: 'rubricId' },
      );
    throw e;
  }
}

type Conn = Db['db'];

async function assessmentRow(db: Conn, tenant: string, id: number) {
  const row = await db
    .selectFrom('evaluation_assessments')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `评价 ${id} 不存在`, { field: 'id' });
  return row;
}

function dto(
  row: { id: number; rubric_id: string; period: string; version: number; created_at: string; updated_at: string },
  count: number,
): AssessmentDto {
  let title = row.rubric_id;
  let docNumber = '';
  try {
    const r = resolveRubric(row.rubric_id);
    title = r.title;
    docNumber = r.docNumber;
  } catch {
    // a rubric file removed after the assessment was made: still listed, by id
  }
  return {
    id: row.id,
    rubricId: row.rubric_id,
    rubricTitle: title,
    docNumber,
    period: row.period,
    version: row.version,
    entityCount: count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createAssessment(
  target: Db,
  tenant: string,
  actor: Actor,
  input: { rubricId: string; period: string },
): Promise<AssessmentDto> {
  const rubric = rubricOf(input.rubricId);
  return target.db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('evaluation_assessments')
      .select('id')
      .where('tenant', '=', tenant)
      .where('rubric_id', '=', rubric.id)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (dup)
      throw new AppError('CONFLICT', `“${rubric.title}”${input.period} 的评价已存在（编号 ${dup.id}）`, {
        field: 'period',
      });
    const at = nowIso();
    const row = await trx
      .insertInto('evaluation_assessments')
      .values({
        tenant,
        rubric_id: rubric.id,
        period: input.period,
        version: 1,
        created_by: actor.username ?? actor.displayName,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'evaluation:create',
      entity: 'evaluation_assessment',
      entityId: row.id,
      after: input,
    });
    return dto(row, 0);
  });
}

export async function listAssessments(target: Db, tenant: string): Promise<AssessmentDto[]> {
  const rows = await target.db
    .selectFrom('evaluation_assessments')
    .selectAll()
    .where('tenant', '=', tenant)
    .orderBy('id', 'desc')
    .execute();
  const counts = await target.db
    .selectFrom('evaluation_entities')
    .select(['assessment_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant', '=', tenant)
    .groupBy('assessment_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.assessment_id, Number(c.n)]));
  return rows.map((r) => dto(r, byId.get(r.id) ?? 0));
}

async function loadInput(db: Conn, tenant: string, id: number, rubric: Rubric, period: string): Promise<RawInput> {
  const ents = await db
    .selectFrom('evaluation_entities')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('assessment_id', '=', id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const vals = await db
    .selectFrom('evaluation_values')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('assessment_id', '=', id)
    .execute();
  const entities: RawEntity[] = ents.map((e) => {
    const out: RawEntity = { id: e.entity_id, name: e.name, ...(JSON.parse(e.adjustments_json) as object) };
    const mine = vals.filter((v) => v.entity_id === e.entity_id);
    if (rubric.assessors) {
      out.assessments = {};
      for (const v of mine) out.assessments[v.assessor] = JSON.parse(v.values_json);
    } else out.values = mine[0] ? JSON.parse(mine[0].values_json) : {};
    return out;
  });
  return { rubric: rubric.id, period, entities };
}

export async function getAssessment(
  target: Db,
  tenant: string,
  id: number,
): Promise<{ assessment: AssessmentDto; input: RawInput }> {
  const row = await assessmentRow(target.db, tenant, id);
  const rubric = storedRubricOf(row);
  const input = await loadInput(target.db, tenant, id, rubric, row.period);
  return { assessment: dto(row, input.entities.length), input };
}

/** Merge incoming entities into the current input: given assessors' values and given adjustments replace. */
export function mergeEntities(current: RawEntity[], incoming: RawEntity[]): RawEntity[] {
  const out = current.map((e) => ({ ...e }));
  for (const inc of incoming) {
    const i = out.findIndex((e) => e.id === inc.id);
    if (i < 0) {
      out.push({ ...inc });
      continue;
    }
    const cur = out[i] as RawEntity;
    const next: RawEntity = { ...cur, ...(inc.name !== undefined ? { name: inc.name } : {}) };
    if (inc.values !== undefined) next.values = inc.values;
    if (inc.assessments !== undefined) next.assessments = { ...(cur.assessments ?? {}), ...inc.assessments };
    for (const k of ['bonuses', 'penalties', 'vetoes'] as const) if (inc[k] !== undefined) next[k] = inc[k];
    out[i] = next;
  }
  return out;
}

function asEntities(raw: unknown): RawEntity[] {
  const list = (raw as { entities?: unknown })?.entities;
  if (!Array.isArray(list))
    throw new AppError('BAD_INPUT', '缺少 entities 列表（每个被评价单位一项）', { field: 'entities' });
  for (const [i, e] of list.entries())
    if (typeof e !== 'object' || e === null || typeof (e as RawEntity).id !== 'string' || !(e as RawEntity).id.trim())
      throw new AppError('BAD_INPUT', `第 ${i + 1} 个单位缺少编号 id`, { field: `entities.${i}.id` });
  // within one request an entity may appear once
  const seen = new Set<string>();
  for (const [i, e] of (list as RawEntity[]).entries()) {
    if (seen.has(e.id))
      throw new AppError('BAD_INPUT', `单位“${e.name ?? e.id}”（${e.id}）列出了两次`, { field: `entities.${i}.id` });
    seen.add(e.id);
  }
  return list as RawEntity[];
}

/**
 * The parser names fields by their index in the merged list (`entities.<i>.…`); the caller sent `incoming`, so
 * an entity of the request is named by its index there. An entity only stored (not in the request) keeps no
 * index: `entities` alone, its name and id being in the message.
 */
function requestIndexed(e: unknown, merged: RawEntity[], incoming: RawEntity[]): unknown {
  if (!(e instanceof AppError)) return e;
  const m = /^entities\.(\d+)(\..*)?$/.exec(e.location.field ?? '');
  if (!m) return e;
  const id = merged[Number(m[1])]?.id;
  const i = incoming.findIndex((x) => x.id === id);
  const field = i < 0 ? 'entities' : `entities.${i}${m[2] ?? ''}`;
  return new AppError(e.code, e.message, { ...e.location, field }, e.details);
}

/**
 * Enter values: merge the request's entities into the assessment, validate everything, write in one
 * transaction. `expectVersion` (optional) refuses a stale write with 409.
 */
export async function saveEntities(
  target: Db,
  tenant: string,
  actor: Actor,
  id: number,
  raw: unknown,
  opts: { expectVersion?: number; source?: string } = {},
): Promise<{ assessment: AssessmentDto; input: RawInput }> {
  const incoming = asEntities(raw);
  return target.db.transaction().execute(async (trx) => {
    const row = await assessmentRow(trx, tenant, id);
    if (opts.expectVersion !== undefined && opts.expectVersion !== row.version)
      throw new AppError('CONFLICT', `评价已被他人修改（当前版本 ${row.version}），请刷新后再保存`, {
        field: 'version',
      });
    const rubric = storedRubricOf(row);
    const current = await loadInput(trx, tenant, id, rubric, row.period);
    const merged: RawInput = { ...current, entities: mergeEntities(current.entities, incoming) };
    try {
      parseScoreInput(rubric, merged); // throws naming entity, item and field; nothing written yet
    } catch (e) {
      throw requestIndexed(e, merged.entities, incoming);
    }
    const at = nowIso();
    const by = actor.username ?? actor.displayName;
    for (const inc of incoming) {
      const e = merged.entities.find((x) => x.id === inc.id) as RawEntity;
      const position = merged.entities.indexOf(e);
      const adjustments = JSON.stringify({
        ...(e.bonuses ? { bonuses: e.bonuses } : {}),
        ...(e.penalties ? { penalties: e.penalties } : {}),
        ...(e.vetoes ? { vetoes: e.vetoes } : {}),
      });
      const name = e.name ?? e.id;
      const exists = await trx
        .selectFrom('evaluation_entities')
        .select('id')
        .where('assessment_id', '=', id)
        .where('entity_id', '=', e.id)
        .executeTakeFirst();
      if (exists)
        await trx
          .updateTable('evaluation_entities')
          .set({ name, adjustments_json: adjustments, updated_at: at })
          .where('id', '=', exists.id)
          .execute();
      else
        await trx
          .insertInto('evaluation_entities')
          .values({
            tenant,
            assessment_id: id,
            entity_id: e.id,
            name,
            position,
            adjustments_json: adjustments,
            updated_at: at,
          })
          .execute();
      const byAssessor: [string, Record<string, unknown>][] = rubric.assessors
        ? Object.entries(inc.assessments ?? {})
        : inc.values !== undefined
          ? [['', inc.values]]
          : [];
      for (const [assessor, values] of byAssessor) {
        const json = JSON.stringify(values ?? {});
        const v = await trx
          .selectFrom('evaluation_values')
          .select('id')
          .where('assessment_id', '=', id)
          .where('entity_id', '=', e.id)
          .where('assessor', '=', assessor)
          .executeTakeFirst();
        if (v)
          await trx
            .updateTable('evaluation_values')
            .set({ values_json: json, updated_by: by, updated_at: at })
            .where('id', '=', v.id)
            .execute();
        else
          await trx
            .insertInto('evaluation_values')
            .values({
              tenant,
              assessment_id: id,
              entity_id: e.id,
              assessor,
              values_json: json,
              updated_by: by,
              updated_at: at,
            })
            .execute();
      }
    }
    const updated = await trx
      .updateTable('evaluation_assessments')
      .set({ version: row.version + 1, updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'evaluation:enter',
      entity: 'evaluation_assessment',
      entityId: id,
      after: { source: opts.source ?? 'api', entities: incoming.map((e) => e.id) },
    });
    return { assessment: dto(updated, merged.entities.length), input: merged };
  });
}

/** Import a filled Excel template: every row valid or nothing written. */
export async function importWorkbook(
  target: Db,
  tenant: string,
  actor: Actor,
  id: number,
  bytes: Uint8Array,
): Promise<{ assessment: AssessmentDto; input: RawInput }> {
  const row = await assessmentRow(target.db, tenant, id);
  const rubric = storedRubricOf(row);
  const raw = await inputFromWorkbook(rubric, bytes, '上传的 Excel');
  return saveEntities(target, tenant, actor, id, raw, { source: 'xlsx' });
}

export async function scoreAssessment(
  target: Db,
  tenant: string,
  id: number,
): Promise<{ assessment: AssessmentDto; rubric: Rubric; result: ScoreResult }> {
  const { assessment, input } = await getAssessment(target, tenant, id);
  const rubric = storedRubricOf({ id: assessment.id, rubric_id: assessment.rubricId });
  return { assessment, rubric, result: score(rubric, parseScoreInput(rubric, input)) };
}
