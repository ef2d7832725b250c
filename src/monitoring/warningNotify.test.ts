// Monitoring warnings pushed through the notifications capability (SQLite and PostgreSQL): each new warning is
// one notification of kind monitoring.warning to the responsible unit and the office (role admin), written in
// the transaction that stores the warning, never sent twice (dedupe key per warning and level), queued for the
// webhook subscriptions whose kinds accept it; a refused batch notifies nothing.
import { expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import { createSubscription, listNotifications } from '../notifications/index.ts';
import type { Db } from '../platform/db.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import { parseTargetJson } from './attainment.ts';
import { createIndicator, createPlan, listWarnings, submitValues } from './store.ts';

const TENANT = '140423';
const admin: Actor = { id: null, username: 'admin', displayName: '县政府办王芳', role: 'admin', unit: null };
const wtj: Actor = { id: null, username: 'wtj', displayName: '卫体局李强', role: 'liaison', unit: '县卫体局' };

async function setup(db: Db) {
  const plan = await createPlan(db, TENANT, { name: '襄垣县“十四五”公共卫生体系建设规划', baseYear: 2020 }, admin);
  // 6号 规划 主要指标 (7) 适龄儿童免疫规划疫苗接种率 95 → ≥95 约束性; reported by 县统计局 and 县卫体局
  const vaccine = await createIndicator(
    db,
    TENANT,
    {
      planId: plan.id,
      domain: '主要指标',
      code: 'H07',
      name: '适龄儿童免疫规划疫苗接种率',
      measureUnit: '%',
      baselineYear: 2020,
      baselineValue: 95,
      target: parseTargetJson({ op: '>=', value: 95, year: 2025 }),
      attribute: 'binding',
      responsibleUnit: '县卫体局',
      reportingUnits: ['县统计局'],
      frequency: 'annual',
      dataSource: '县统计局年度监测',
      rules: { type: 'percent' },
    },
    admin,
  );
  return { plan, vaccine };
}

async function monitoringNotifications(db: Db) {
  return db.db
    .selectFrom('notifications')
    .selectAll()
    .where('tenant', '=', TENANT)
    .where('kind', '=', 'monitoring.warning')
    .orderBy('id')
    .execute();
}

forEachDatabase('monitoring warnings → notifications', (t) => {
  it('notifies each new warning once, to the responsible unit and the office, with webhook deliveries', async () => {
    const { vaccine } = await setup(t.db);
    const mon = await createSubscription(
      t.db,
      TENANT,
      { name: '监测', url: 'http://127.0.0.1:9/m', format: 'json', kinds: ['monitoring.*'] },
      'admin',
    );
    const sup = await createSubscription(
      t.db,
      TENANT,
      { name: '督查', url: 'http://127.0.0.1:9/s', format: 'json', kinds: ['supervision.*'] },
      'admin',
    );
    // reported by 县统计局 (not the responsible unit): the warning goes to 县卫体局 and the office
    const r = await submitValues(
      t.db,
      TENANT,
      admin,
      [
        { indicator: 'H07', unit: '县统计局', period: '2021', value: '96' },
        { indicator: 'H07', unit: '县统计局', period: '2022', value: '94' },
      ],
      'form',
    );
    const red = r.warnings.find((w) => w.kind === 'off-track');
    expect(red).toMatchObject({ level: 'red', period: '2022' });
    const rows = await monitoringNotifications(t.db);
    expect(rows).toHaveLength(1);
    const n = rows[0];
    expect(n).toMatchObject({
      dedupe_key: `monitoring:warning:${vaccine.id}:县统计局:2022:off-track:red`,
      link: `/monitoring/indicators/${vaccine.id}`,
      source_capability: 'monitoring',
      source_id: String(red?.id),
    });
    expect(n?.title).toBe('监测预警（红色，预计达标困难）：适龄儿童免疫规划疫苗接种率');
    expect(n?.body).toContain('约束性指标“适龄儿童免疫规划疫苗接种率”（县统计局）2022年判定为趋势恶化');
    expect(JSON.parse(n?.recipients ?? '{}')).toEqual({ units: ['县卫体局'], roles: ['admin'] });
    const targets = await t.db.db
      .selectFrom('notification_targets')
      .select('target')
      .where('notification_id', '=', n?.id ?? 0)
      .orderBy('target')
      .execute();
    expect(targets.map((x) => x.target).sort()).toEqual(['role:admin', 'unit:县卫体局']);
    // who sees it in the app: a liaison of the responsible unit and the office; not another unit's liaison
    const seen = async (reader: { id: number; role: string; unit: string | null }) =>
      (await listNotifications(t.db, TENANT, reader)).items.filter((i) => i.kind === 'monitoring.warning').length;
    expect(await seen({ id: 101, role: 'liaison', unit: '县卫体局' })).toBe(1);
    expect(await seen({ id: 102, role: 'admin', unit: null })).toBe(1);
    expect(await seen({ id: 103, role: 'liaison', unit: '县教育局' })).toBe(0);
    // the outbox: one pending delivery for the monitoring subscription, none for supervision's
    const deliveries = await t.db.db
      .selectFrom('webhook_deliveries')
      .select(['subscription_id', 'status'])
      .where('notification_id', '=', n?.id ?? 0)
      .execute();
    expect(deliveries).toEqual([{ subscription_id: mon.id, status: 'pending' }]);
    expect(deliveries.some((d) => d.subscription_id === sup.id)).toBe(false);

    // the same warning again (2022 corrected to 93, still red: the warning row is rewritten): nothing sent
    const again = await submitValues(
      t.db,
      TENANT,
      admin,
      [{ indicator: 'H07', unit: '县统计局', period: '2022', value: '93' }],
      'form',
    );
    expect(again.warnings.find((w) => w.kind === 'off-track')?.level).toBe('red');
    expect(await monitoringNotifications(t.db)).toHaveLength(1);

    // a new period still off track is a new warning: sent once
    await submitValues(
      t.db,
      TENANT,
      admin,
      [{ indicator: 'H07', unit: '县统计局', period: '2023', value: '92' }],
      'form',
    );
    const after = await monitoringNotifications(t.db);
    expect(after.map((x) => x.dedupe_key)).toEqual([
      `monitoring:warning:${vaccine.id}:县统计局:2022:off-track:red`,
      `monitoring:warning:${vaccine.id}:县统计局:2023:off-track:red`,
    ]);
    // the stored warnings are unchanged in shape (recipients as before)
    expect((await listWarnings(t.db, TENANT, { unit: '县卫体局' })).length).toBeGreaterThan(0);
  });

  it('notifies a fluctuation warning; a refused batch notifies nothing', async () => {
    const { plan } = await setup(t.db);
    const coal = await createIndicator(
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
    await submitValues(
      t.db,
      TENANT,
      admin,
      [
        { indicator: coal.id, unit: '县能源局', period: '20230301', value: '10' },
        { indicator: coal.id, unit: '县能源局', period: '20230302', value: '10.5' },
        { indicator: coal.id, unit: '县能源局', period: '20230303', value: '6' },
      ],
      'api',
    );
    const rows = await monitoringNotifications(t.db);
    const fl = rows.find((x) => x.dedupe_key === `monitoring:warning:${coal.id}:县能源局:20230303:fluctuation:yellow`);
    expect(fl?.title).toBe('监测预警（黄色，波动较大）：原煤日产量');
    expect(JSON.parse(fl?.recipients ?? '{}')).toEqual({ units: ['县能源局'], roles: ['admin'] });

    // a batch refused on its second row (a unit that is not the liaison's): nothing is written, nothing sent
    const before = await databaseFingerprint(t.db);
    await expect(
      submitValues(
        t.db,
        TENANT,
        wtj,
        [
          { indicator: 'H07', unit: '县卫体局', period: '2022', value: '80' },
          { indicator: 'H07', unit: '县统计局', period: '2022', value: '80' },
        ],
        'form',
      ),
    ).rejects.toThrow();
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });
});
