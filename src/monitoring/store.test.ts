// Monitoring storage on SQLite and PostgreSQL: indicators by hand and from reviewed targets, reporting with
// rules and forced submission, approval lock, history, reopen requests, warnings, the matrix, DHIS2 exchange,
// and bad input that writes nothing.
import { expect, it } from 'vitest';
import { cliActor } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { listCommitments, reviewCommitment } from '../commitments/store.ts';
import { miniGazette } from '../commitments/testkit.ts';
import { parseGazette } from '../gazette/parse.ts';
import type { Db } from '../platform/db.ts';
import { importGazette } from '../platform/importing.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import { parseTargetJson } from './attainment.ts';
import {
  approveValues,
  createIndicator,
  createPlan,
  decideReopen,
  exportDhis2,
  type IndicatorInput,
  importDhis2,
  indicatorsFromTargets,
  listValues,
  listWarnings,
  OFFICE,
  requestReopen,
  setDataElement,
  setOrgUnits,
  submitValues,
  trafficLightMatrix,
  valueHistory,
} from './store.ts';

const TENANT = '140423';
const admin: Actor = { id: null, username: 'admin', displayName: '县政府办王芳', role: 'admin', unit: null };
const wtj: Actor = { id: null, username: 'wtj', displayName: '卫体局李强', role: 'liaison', unit: '县卫体局' };
const tjj: Actor = { id: null, username: 'tjj', displayName: '统计局赵敏', role: 'liaison', unit: '县统计局' };

async function setup(db: Db) {
  const plan = await createPlan(
    db,
    TENANT,
    { name: '襄垣县“十四五”公共卫生体系建设规划', baseYear: 2020, targetYear: 2025, isPublic: true },
    admin,
  );
  const base: Omit<IndicatorInput, 'name' | 'code' | 'target' | 'baselineValue'> = {
    planId: plan.id,
    domain: '主要指标',
    measureUnit: '%',
    baselineYear: 2020,
    attribute: 'binding',
    responsibleUnit: '县卫体局',
    reportingUnits: ['县统计局'],
    frequency: 'annual',
    dataSource: '县统计局年度监测',
  };
  // 6号 规划 主要指标 (7) 以乡(镇、街道)为单位适龄儿童免疫规划疫苗接种率 95 → ≥95 约束性
  const vaccine = await createIndicator(
    db,
    TENANT,
    {
      ...base,
      code: 'H07',
      name: '适龄儿童免疫规划疫苗接种率',
      baselineValue: 95,
      target: parseTargetJson({ op: '>=', value: 95, year: 2025 }),
      rules: { type: 'percent' },
    },
    admin,
  );
  // (4) 家庭医生签约率 68.9 → 90 预期性
  const family = await createIndicator(
    db,
    TENANT,
    {
      ...base,
      code: 'H04',
      name: '家庭医生签约率',
      attribute: 'expected',
      baselineValue: 68.9,
      target: parseTargetJson({ op: '=', value: 90, year: 2025, direction: 'higher' }),
      rules: { type: 'percent', maxChangePercent: 20 },
    },
    admin,
  );
  return { plan, vaccine, family };
}

forEachDatabase('monitoring store', (t) => {
  it('stores values, judges them in the matrix and warns the unit and the office', async () => {
    const { plan, vaccine, family } = await setup(t.db);
    const r = await submitValues(
      t.db,
      TENANT,
      wtj,
      [
        { indicator: 'H07', unit: '县卫体局', period: '2021', value: '96' },
        { indicator: 'H07', unit: '县卫体局', period: '2022', value: '94' },
        { indicator: 'H04', unit: '县卫体局', period: '2021', value: 72 },
        { indicator: family.id, unit: '县卫体局', period: '2022', value: '76', measureUnit: '%' },
      ],
      'form',
    );
    expect(r.written).toHaveLength(4);
    const m = await trafficLightMatrix(t.db, TENANT, plan.id);
    expect(m.periods.map((p) => p.label)).toEqual(['2021年', '2022年']);
    const byCode = Object.fromEntries(m.rows.map((row) => [row.indicator.code, row]));
    expect(byCode.H07?.cells.map((c) => c?.status)).toEqual(['achieved', 'deteriorating']);
    expect(byCode.H07?.cells.map((c) => c?.light)).toEqual(['green', 'red']);
    expect(byCode.H04?.cells.map((c) => c?.status)).toEqual(['acceleration_needed', 'acceleration_needed']); // 3.1 and 3.55 of 4.22 a year
    expect(byCode.H04?.latest?.light).toBe('yellow');
    expect(byCode.H04?.latest?.projected).toBeCloseTo(86.65, 6);
    // binding off track: a red warning to the responsible unit and the office
    const warnings = await listWarnings(t.db, TENANT, { unit: '县卫体局' });
    const red = warnings.find((w) => w.indicatorId === vaccine.id && w.kind === 'off-track');
    expect(red).toMatchObject({ level: 'red', period: '2022', recipients: ['县卫体局', OFFICE] });
    expect(red?.message).toContain('约束性指标“适龄儿童免疫规划疫苗接种率”');
    expect((await listWarnings(t.db, TENANT, { unit: OFFICE })).length).toBe(warnings.length);
    expect(await listWarnings(t.db, TENANT, { unit: '县教育局' })).toEqual([]);
    // back on track: the off-track warning goes away
    await submitValues(
      t.db,
      TENANT,
      wtj,
      [{ indicator: 'H07', unit: '县卫体局', period: '2022', value: '95.5' }],
      'form',
    );
    expect(
      (await listWarnings(t.db, TENANT)).filter((w) => w.indicatorId === vaccine.id && w.kind === 'off-track'),
    ).toEqual([]);
  });

  it('refuses bad input naming row and field, and writes nothing', async () => {
    await setup(t.db);
    await submitValues(
      t.db,
      TENANT,
      admin,
      [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: '96' }],
      'form',
    );
    const [locked] = (await listValues(t.db, TENANT)).filter((v) => v.period === '2021');
    await approveValues(t.db, TENANT, admin, [locked?.id as number]);
    const before = await databaseFingerprint(t.db);
    const ok = { indicator: 'H07', unit: '县卫体局', period: '2023', value: '96' };
    const row = { ...ok, period: '2022' };
    const cases: [Actor, Record<string, unknown>, string, RegExp, string][] = [
      [wtj, { ...row, period: '2022Q1' }, 'period', /按每年报送，期间“2022Q1”不是它的报送期/, 'BAD_INPUT'],
      [wtj, { ...row, period: '2022-01' }, 'period', /不是有效的期间/, 'BAD_INPUT'],
      [wtj, { ...row, unit: '县统计局' }, 'unit', /单位联络员只能代表本单位/, 'FORBIDDEN'],
      [admin, { ...row, unit: '县教育局' }, 'unit', /不是指标“适龄儿童免疫规划疫苗接种率”的报送单位/, 'BAD_INPUT'],
      [wtj, { ...row, measureUnit: '‰' }, 'measureUnit', /计量单位“‰”与指标.*“%”不一致/, 'BAD_INPUT'],
      [wtj, { ...row, value: '九十六' }, 'value', /不是数值/, 'BAD_INPUT'],
      [wtj, { ...row, value: '' }, 'value', /必填项/, 'BAD_INPUT'],
      [wtj, { ...row, value: '120' }, 'value', /高于上限 100.*请填写说明/, 'BAD_INPUT'],
      [wtj, { ...row, period: '2021', value: '97' }, 'value', /已由办公室审核锁定/, 'CONFLICT'],
      [wtj, { ...row, indicator: 'H99' }, 'indicator', /未找到指标“H99”/, 'BAD_INPUT'],
    ];
    for (const [actor, bad, field, message, code] of cases) {
      let caught: unknown;
      try {
        // the bad row is the second: the first, valid one must not be written either
        await submitValues(t.db, TENANT, actor, [ok, bad as never], 'excel');
      } catch (e) {
        caught = e;
      }
      expect(caught, JSON.stringify(bad)).toMatchObject({ code, location: { row: 2, field } });
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).toMatch(/^第 2 行 字段“/);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('accepts a value failing a rule with a written explanation (填写说明后强制上报) and keeps the rule', async () => {
    await setup(t.db);
    await submitValues(
      t.db,
      TENANT,
      wtj,
      [{ indicator: 'H04', unit: '县卫体局', period: '2021', value: '70' }],
      'form',
    );
    const refused = submitValues(
      t.db,
      TENANT,
      wtj,
      [{ indicator: 'H04', unit: '县卫体局', period: '2022', value: '88' }],
      'form',
    );
    await expect(refused).rejects.toThrow(/较上期（70）变化 25.7%，超过 ±20%/);
    const r = await submitValues(
      t.db,
      TENANT,
      wtj,
      [
        {
          indicator: 'H04',
          unit: '县卫体局',
          period: '2022',
          value: '88',
          explanation: '2022年开展签约攻坚行动，新增签约4.2万人',
        },
      ],
      'form',
    );
    expect(r.written[0]).toMatchObject({
      explanation: '2022年开展签约攻坚行动，新增签约4.2万人',
      violations: [expect.stringContaining('超过 ±20%')],
    });
    // the fluctuation warning (> 30 % of the previous value? no: 25.7 %) is not raised; the forced value is kept
    expect(r.warnings.filter((w) => w.kind === 'fluctuation')).toEqual([]);
  });

  it('approval locks; corrections go through a reopen request; every change is kept with who and when', async () => {
    await setup(t.db);
    const [v] = (
      await submitValues(
        t.db,
        TENANT,
        wtj,
        [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: '96' }],
        'form',
      )
    ).written;
    await submitValues(
      t.db,
      TENANT,
      wtj,
      [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: '96.5' }],
      'form',
    );
    const [approved] = await approveValues(t.db, TENANT, admin, [v?.id as number]);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'admin', valueText: '96.5' });
    await expect(approveValues(t.db, TENANT, admin, [v?.id as number])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(requestReopen(t.db, TENANT, tjj, v?.id as number, '口径调整')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const asked = await requestReopen(t.db, TENANT, wtj, v?.id as number, '统计口径调整，需更正');
    expect(asked.status).toBe('reopen_requested');
    await expect(
      submitValues(t.db, TENANT, wtj, [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: '97' }], 'form'),
    ).rejects.toThrow(/更正申请待审批/);
    const refused = await decideReopen(t.db, TENANT, admin, v?.id as number, false, '口径未变');
    expect(refused.status).toBe('approved');
    await requestReopen(t.db, TENANT, wtj, v?.id as number, '再次申请');
    const granted = await decideReopen(t.db, TENANT, admin, v?.id as number, true, '同意更正');
    expect(granted.status).toBe('submitted');
    await submitValues(
      t.db,
      TENANT,
      wtj,
      [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: '97' }],
      'form',
    );
    const history = await valueHistory(t.db, TENANT, v?.id as number);
    expect(history.map((h) => [h.action, h.actor, h.valueText])).toEqual([
      ['submit', 'wtj', '96'],
      ['update', 'wtj', '96.5'],
      ['approve', 'admin', '96.5'],
      ['reopen-request', 'wtj', '96.5'],
      ['reopen-refuse', 'admin', '96.5'],
      ['reopen-request', 'wtj', '96.5'],
      ['reopen-grant', 'admin', '96.5'],
      ['update', 'wtj', '97'],
    ]);
    expect(history.every((h) => /^\d{4}-\d{2}-\d{2}T/.test(h.at))).toBe(true);
  });

  it('raises a fluctuation warning beyond x % of the previous period', async () => {
    const { plan } = await setup(t.db);
    const ind = await createIndicator(
      t.db,
      TENANT,
      {
        planId: plan.id,
        domain: '煤炭增产保供',
        name: '原煤日产量',
        measureUnit: '万吨',
        baselineYear: null,
        baselineValue: null,
        target: parseTargetJson({ op: '>=', value: 12, year: 2023 }),
        attribute: 'expected',
        responsibleUnit: '县能源局',
        frequency: 'daily',
        dataSource: '煤矿日调度',
        rules: { maxChangePercent: null },
        fluctuation: { percent: 30, sigma: null },
      },
      admin,
    );
    const r = await submitValues(
      t.db,
      TENANT,
      admin,
      [
        { indicator: ind.id, unit: '县能源局', period: '20230301', value: '10' },
        { indicator: ind.id, unit: '县能源局', period: '20230302', value: '10.5' },
        { indicator: ind.id, unit: '县能源局', period: '20230303', value: '6' },
      ],
      'api',
    );
    const f = r.warnings.filter((w) => w.kind === 'fluctuation');
    expect(f.map((w) => w.period)).toEqual(['20230303']);
    expect(f[0]?.message).toContain('2023年3月3日波动较大');
    expect(f[0]?.recipients).toEqual(['县能源局', OFFICE]);
  });

  it('exchanges DHIS2 CSV through the mapping table; a bad file writes nothing', async () => {
    const { plan, vaccine } = await setup(t.db);
    await setDataElement(t.db, TENANT, admin, vaccine.id, 'fbfJHSPpUQD', null);
    await setOrgUnits(t.db, TENANT, admin, [{ unit: '县卫体局', orgUnit: 'DiszpKrYNg8' }]);
    await submitValues(
      t.db,
      TENANT,
      wtj,
      [{ indicator: 'H07', unit: '县卫体局', period: '2021', value: '96', comment: '年报' }],
      'form',
    );
    const out = await exportDhis2(t.db, TENANT, { planId: plan.id });
    expect(out.csv).toContain('fbfJHSPpUQD,2021,DiszpKrYNg8,HllvX50cXC0,HllvX50cXC0,96,wtj,');
    const csv = 'dataElement,period,orgUnit,value,comment\nfbfJHSPpUQD,2022,DiszpKrYNg8,95.4,DHIS2 导入\n';
    const r = await importDhis2(t.db, TENANT, admin, csv);
    expect(r.written.map((v) => [v.period, v.value, v.comment])).toEqual([['2022', 95.4, 'DHIS2 导入']]);
    const before = await databaseFingerprint(t.db);
    const bad = 'dataElement,period,orgUnit,value\nfbfJHSPpUQD,2023,DiszpKrYNg8,95\nfbfJHSPpUQD,2024,DiszpKrYNg8,abc\n';
    await expect(importDhis2(t.db, TENANT, admin, bad)).rejects.toMatchObject({ location: { row: 3, field: 'value' } });
    await expect(importDhis2(t.db, TENANT, admin, bad)).rejects.toThrow(/第 3 行 字段“value”：“abc”不是数值/);
    const unmapped = 'dataElement,period,orgUnit,value\nfbfJHSPpUQD,2023,ImspTQPwCqd,95\n';
    await expect(importDhis2(t.db, TENANT, admin, unmapped)).rejects.toThrow(
      /第 2 行 字段“orgUnit”：组织机构 ImspTQPwCqd 在映射表中没有对应的单位/,
    );
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('creates indicators from reviewed targets, once', async () => {
    const text = miniGazette(
      ['## 一、主要指标', '', '到2025年，家庭医生签约率达到90%以上，孕产妇死亡率控制在12/10万以内。', ''].join('\n'),
      { docNumber: '襄政发〔2023〕98号', planTitle: '襄垣县某某规划' },
    );
    const imp = await importGazette(
      t.db,
      { tenant: TENANT, issue: parseGazette(text), source: text, sourceName: 'mini.txt' },
      cliActor('t'),
    );
    const documentId = imp.documents[0]?.documentId as number;
    const targets = await listCommitments(t.db, TENANT, {
      kind: 'target',
      documentId,
      disclosures: ['public', 'partial', 'restricted'],
    });
    expect(targets.length).toBeGreaterThanOrEqual(2);
    // only reviewed records become indicators: confirm the first, leave the rest pending
    const first = targets[0];
    await reviewCommitment(t.db, TENANT, first?.id as number, {
      action: 'confirm',
      expectedVersion: first?.version as number,
      actor: admin,
    });
    const plan = await createPlan(
      t.db,
      TENANT,
      { name: '某某规划', documentId, baseYear: 2020, targetYear: 2025 },
      admin,
    );
    const r = await indicatorsFromTargets(
      t.db,
      TENANT,
      { planId: plan.id, documentId, responsibleUnit: '县卫体局' },
      admin,
    );
    expect(r.created).toHaveLength(1);
    expect(r.created[0]).toMatchObject({
      name: ((first?.effective ?? {}) as { name?: string }).name,
      commitmentId: first?.id,
      responsibleUnit: '县卫体局',
      frequency: 'annual',
      domain: '主要指标',
    });
    expect(r.created[0]?.target.year).toBe(2025);
    const again = await indicatorsFromTargets(
      t.db,
      TENANT,
      { planId: plan.id, documentId, responsibleUnit: '县卫体局' },
      admin,
    );
    expect(again.created).toEqual([]);
    expect(again.skipped[0]?.reason).toBe('已生成监测指标');
  });

  it('the public matrix shows only approved values', async () => {
    const { plan } = await setup(t.db);
    const r = await submitValues(
      t.db,
      TENANT,
      wtj,
      [
        { indicator: 'H07', unit: '县卫体局', period: '2021', value: '96' },
        { indicator: 'H07', unit: '县卫体局', period: '2022', value: '97' },
      ],
      'form',
    );
    await approveValues(t.db, TENANT, admin, [r.written[0]?.id as number]);
    const pub = await trafficLightMatrix(t.db, TENANT, plan.id, { approvedOnly: true });
    expect(pub.periods.map((p) => p.id)).toEqual(['2021']);
    expect(pub.rows.find((row) => row.indicator.code === 'H07')?.cells[0]).toMatchObject({ approved: true, value: 96 });
  });
});
