// Assessments on SQLite and PostgreSQL: create, enter (merge, validate the whole, one transaction), bad input
// leaves the database unchanged, stale versions refused, the Excel template imported all rows or none, scores.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import { AppError } from '../platform/errors.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import { buildTemplate, DATA_SHEET } from './excel.ts';
import { resolveRubric } from './load.ts';
import {
  createAssessment,
  getAssessment,
  importWorkbook,
  listAssessments,
  saveEntities,
  scoreAssessment,
} from './store.ts';

const TENANT = '140423';
const ADMIN: Actor = { id: 1, username: 'admin', displayName: '县政府办', role: 'admin', unit: null };

const values = (k: number) => ({
  'loan-increment-rank': 9000 - 1000 * k,
  'gov-activities': { points: 90 - k, justification: '按时参加' },
});

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

forEachDatabase('evaluation store', (t) => {
  it('creates an assessment once per rubric and period', async () => {
    const a = await createAssessment(t.db, TENANT, ADMIN, { rubricId: 'bank-evaluation-2023', period: '2023' });
    expect(a).toMatchObject({
      rubricId: 'bank-evaluation-2023',
      period: '2023',
      version: 1,
      entityCount: 0,
      docNumber: '襄政办发〔2023〕26号',
    });
    const dup = await refused(
      createAssessment(t.db, TENANT, ADMIN, { rubricId: 'bank-evaluation-2023', period: '2023' }),
    );
    expect(dup.code).toBe('CONFLICT');
    const unknown = await refused(createAssessment(t.db, TENANT, ADMIN, { rubricId: 'nope', period: '2023' }));
    expect(unknown.code).toBe('BAD_INPUT');
    expect((await listAssessments(t.db, TENANT)).map((x) => x.id)).toEqual([a.id]);
    expect(await listAssessments(t.db, '999999')).toEqual([]);
  });

  it('enters values per entity and assessor, merging later entries, and scores them', async () => {
    const a = await createAssessment(t.db, TENANT, ADMIN, { rubricId: 'bank-evaluation-2023', period: '2023' });
    await saveEntities(t.db, TENANT, ADMIN, a.id, {
      entities: [
        { id: 'b1', name: '甲银行', assessments: { self: values(0) } },
        { id: 'b2', name: '乙银行', assessments: { self: values(1), department: values(1) } },
      ],
    });
    const second = await saveEntities(t.db, TENANT, ADMIN, a.id, {
      entities: [{ id: 'b1', assessments: { department: values(0) }, bonuses: [{ id: 'local-tax', level: 'paid' }] }],
    });
    expect(second.assessment.version).toBe(3);
    const { input } = await getAssessment(t.db, TENANT, a.id);
    const b1 = input.entities.find((e) => e.id === 'b1')!;
    expect(b1.name).toBe('甲银行');
    expect(Object.keys(b1.assessments ?? {}).sort()).toEqual(['department', 'self']);
    expect(b1.bonuses).toEqual([{ id: 'local-tax', level: 'paid' }]);
    const { result } = await scoreAssessment(t.db, TENANT, a.id);
    const s1 = result.entities.find((e) => e.id === 'b1')!;
    expect(s1.items[0]!.points).toBe(40);
    expect(s1.bonus).toBe(2);
    expect(result.entities.find((e) => e.id === 'b2')!.items[0]!.points).toBe(39);
  });

  it('bad input names entity, item and field and leaves the database unchanged', async () => {
    const a = await createAssessment(t.db, TENANT, ADMIN, { rubricId: 'bank-evaluation-2023', period: '2023' });
    await saveEntities(t.db, TENANT, ADMIN, a.id, {
      entities: [{ id: 'b1', name: '甲银行', assessments: { self: values(0) } }],
    });
    const before = await databaseFingerprint(t.db);
    const over = await refused(
      saveEntities(t.db, TENANT, ADMIN, a.id, {
        entities: [
          { id: 'b2', name: '乙银行', assessments: { self: values(1) } },
          { id: 'b1', assessments: { department: { 'gov-information': { points: 101, justification: '超' } } } },
        ],
      }),
    );
    expect(over.message).toContain('单位“甲银行”（部门评价）指标“及时报送信息资料、统计分析数据情况”');
    expect(over.location.field).toBe('entities.1.assessments.department.gov-information.points'); // index in the request
    const twice = await refused(saveEntities(t.db, TENANT, ADMIN, a.id, { entities: [{ id: 'b3' }, { id: 'b3' }] }));
    expect(twice.message).toContain('列出了两次');
    const stale = await refused(
      saveEntities(t.db, TENANT, ADMIN, a.id, { entities: [{ id: 'b4' }] }, { expectVersion: 1 }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('imports a filled Excel template: all rows or none', async () => {
    const a = await createAssessment(t.db, TENANT, ADMIN, { rubricId: 'chronic-disease-zone-2023', period: '2023' });
    const rubric = resolveRubric('chronic-disease-zone-2023');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(rubric, [{ id: '140423', name: '襄垣县' }])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (key: string) => header.findIndex((h) => h.endsWith(`〔${key}〕`));
    ws.getRow(2).getCell(col('regular-exercise')).value = '37%';
    ws.getRow(2).getCell(col('leading-group')).value = '是';
    ws.getRow(2).getCell(col('self-management-groups')).value = 52;
    ws.getRow(2).getCell(col('self-management-groups.mod.not-standard')).value = '是';
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    // a second row with a wrong unit makes the whole file refused
    ws.getRow(3).values = [];
    ws.getRow(3).getCell(col('id')).value = 'x';
    ws.getRow(3).getCell(col('regular-exercise')).value = '37万元';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await databaseFingerprint(t.db);
    const e = await refused(importWorkbook(t.db, TENANT, ADMIN, a.id, bad));
    expect(e.message).toContain('第 3 行');
    expect(e.message).toContain('单位“万元”不对');
    expect(await databaseFingerprint(t.db)).toEqual(before);
    await importWorkbook(t.db, TENANT, ADMIN, a.id, good);
    const { result } = await scoreAssessment(t.db, TENANT, a.id);
    const county = result.entities[0]!;
    expect(county.items.find((i) => i.id === 'regular-exercise')!.points).toBe(2);
    expect(county.items.find((i) => i.id === 'leading-group')!.points).toBe(2);
    expect(county.items.find((i) => i.id === 'self-management-groups')!.points).toBe(1.5);
    expect(county.missing.length).toBe(134);
  });
});
