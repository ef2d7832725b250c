// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 规划监测: the office has set up the health plan (6号 主要指标 (4) 家庭医生签约率, (7) 疫苗接种率 约束性)
// with values; the 卫体局 liaison signs in, opens the plan's traffic-light matrix, reports a value that fails the
// range rule (refused in Chinese, naming the row and field and asking for an explanation), reports a plausible
// value below the baseline of the binding target, sees the warning and the matrix light turn red, opens the trend
// chart with its target line; the public progress page shows only approved values, and the office's approval
// (审核全部待审核数据) makes the new value public. Then 数据审核与更正: the office approves a single value; the liaison's
// correction of a locked value is refused (请提交更正申请), an empty reason is refused by the server, a reopen request
// (纠错申请) with a reason is filed; the office refuses it (stays locked), the liaison asks again, the office grants
// it and the liaison reports the corrected value, which turns the binding indicator green again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/access/roles.ts';
import { createUser } from '../src/access/users.ts';
import { parseTargetJson } from '../src/monitoring/attainment.ts';
import { approveValues, createIndicator, createPlan, submitValues } from '../src/monitoring/store.ts';
import {
  browserTestsEnabled,
  ensureWebBuild,
  launchBrowser,
  newContext,
  startServer,
  TENANT,
  type TestServer,
  USERS,
} from './harness.ts';

const enabled = browserTestsEnabled();
const UNIT = '县卫体局';
const WTJ = {
  username: 'e2e-wtj',
  password: 'wtj-pass-2023',
  role: 'liaison',
  unit: UNIT,
  displayName: '卫体局孙丽',
} as const;
const office: Actor = { id: null, username: 'e2e-admin', displayName: '王管理', role: 'admin', unit: null };

async function signIn(browser: Browser, baseUrl: string, user: { username: string; password: string }): Promise<Page> {
  const page = await (await newContext(browser, baseUrl)).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/login');
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.getByTestId('userbox').waitFor();
  return page;
}

describe.skipIf(!enabled)('规划监测：联络员填报、红绿灯矩阵、趋势图、公开进展', () => {
  let server: TestServer;
  let browser: Browser;
  let planId = 0;
  let familyId = 0;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await createUser(server.db, TENANT, WTJ);
    const plan = await createPlan(
      server.db,
      TENANT,
      { name: '襄垣县“十四五”公共卫生体系建设规划', isPublic: true, baseYear: 2020, targetYear: 2025 },
      office,
    );
    planId = plan.id;
    const base = {
      planId,
      domain: '主要指标',
      measureUnit: '%',
      baselineYear: 2020,
      responsibleUnit: UNIT,
      frequency: 'annual' as const,
      dataSource: '县统计局年度监测',
      rules: { type: 'percent' as const },
    };
    const family = await createIndicator(
      server.db,
      TENANT,
      {
        ...base,
        code: 'H04',
        name: '家庭医生签约率',
        baselineValue: 68.9,
        attribute: 'expected',
        target: parseTargetJson({ op: '=', value: 90, year: 2025, direction: 'higher' }),
      },
      office,
    );
    familyId = family.id;
    await createIndicator(
      server.db,
      TENANT,
      {
        ...base,
        code: 'H07',
        name: '适龄儿童免疫规划疫苗接种率',
        baselineValue: 95,
        attribute: 'binding',
        target: parseTargetJson({ op: '>=', value: 95, year: 2025 }),
      },
      office,
    );
    const r = await submitValues(
      server.db,
      TENANT,
      office,
      [
        { indicator: 'H04', unit: UNIT, period: '2021', value: '72' },
        { indicator: 'H07', unit: UNIT, period: '2021', value: '96' },
      ],
      'api',
    );
    await approveValues(server.db, TENANT, office, [r.written[0]?.id as number]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('联络员报送（未通过校验被拒并提示填写说明），矩阵变红灯并预警，趋势图含目标线；公众只看到已审核数据', async () => {
    const page = await (await newContext(browser, server.baseUrl)).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/login');
    await page.locator('#username').fill(WTJ.username);
    await page.locator('#password').fill(WTJ.password);
    await page.locator('form.login-form button[type="submit"]').click();
    await page.getByTestId('userbox').waitFor();

    await page.getByRole('link', { name: '规划监测' }).click();
    await page.getByRole('link', { name: '襄垣县“十四五”公共卫生体系建设规划' }).click();
    const matrix = page.getByTestId('matrix');
    await matrix.waitFor();
    const vaccine = page.getByTestId('row-适龄儿童免疫规划疫苗接种率');
    expect(await vaccine.getByTestId('status').innerText()).toBe('已达标');

    // 2022: 94 is below the baseline of a binding target — but first a value above 100 %
    const form = page.getByTestId('entry-form');
    await form.locator('select[name="indicator"]').selectOption({ label: '适龄儿童免疫规划疫苗接种率' });
    await form.locator('input[name="period"]').fill('2022');
    await form.locator('input[name="value"]').fill('104');
    await form.getByRole('button', { name: '报送' }).click();
    const msg = page.getByTestId('entry-message');
    await expect.poll(() => msg.innerText()).toMatch(/第 1 行 字段“value”：.*高于上限 100.*请填写说明/);

    await form.locator('input[name="value"]').fill('94');
    await form.getByRole('button', { name: '报送' }).click();
    await expect.poll(() => msg.innerText()).toMatch(/已报送 1 条。预警：约束性指标“适龄儿童免疫规划疫苗接种率”/);
    await expect.poll(() => vaccine.getByTestId('status').innerText()).toBe('趋势恶化');
    expect(await vaccine.locator('td[data-light="red"]').count()).toBe(1);

    // the trend chart of 家庭医生签约率 with its target line
    await page.getByRole('link', { name: '家庭医生签约率' }).click();
    await expect.poll(() => page.getByTestId('attainment').innerText()).toBe('需加快进度');
    await expect.poll(() => page.getByTestId('trend-chart').getAttribute('data-rendered')).toBe('true');
    expect(await page.getByTestId('trend-chart').getAttribute('aria-label')).toBe('家庭医生签约率趋势图（含目标线）');
    expect(page.url()).toContain(`/monitoring/indicators/${familyId}`);

    // the public: approved values only (72 for 2021 is approved; 96 and 94 are not)
    const pub = await (await newContext(browser, server.baseUrl)).newPage();
    await pub.goto(`/progress/${planId}`);
    const pm = pub.getByTestId('matrix');
    await pm.waitFor();
    const text = await pm.innerText();
    expect(text).toContain('72');
    expect(text).not.toContain('94');
    expect(text).not.toContain('96');

    // the office approves what is pending; the public page then shows it
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(15_000);
    await admin.goto('/login');
    await admin.locator('#username').fill(USERS.admin.username);
    await admin.locator('#password').fill(USERS.admin.password);
    await admin.locator('form.login-form button[type="submit"]').click();
    await admin.getByTestId('userbox').waitFor();
    await admin.goto(`/monitoring/plans/${planId}`);
    await admin.getByTestId('approve-all').click();
    await expect.poll(() => admin.getByRole('status').first().innerText()).toBe('已审核并锁定 2 条数据。');
    await pub.reload();
    await pub.getByTestId('matrix').waitFor();
    await expect.poll(() => pub.getByTestId('matrix').innerText()).toContain('94');
  }, 180_000);

  it('办公室逐条审核；联络员对已审核数据提交更正申请（纠错申请），办公室不同意、再申请后同意，联络员重新填报', async () => {
    // a pending value of 家庭医生签约率 for 2022 (76), reported by the office
    await submitValues(
      server.db,
      TENANT,
      office,
      [{ indicator: 'H04', unit: UNIT, period: '2022', value: '76' }],
      'api',
    );

    // the office approves that single value
    const admin = await signIn(browser, server.baseUrl, USERS.admin);
    await admin.goto(`/monitoring/plans/${planId}`);
    const review = admin.getByTestId('value-review');
    await review.waitFor();
    const family = review.getByTestId('value-家庭医生签约率-2022');
    expect(await family.getByTestId('value-status').innerText()).toBe('已报送（待审核）');
    await family.getByRole('button', { name: '审核' }).click();
    await expect
      .poll(() => admin.getByTestId('review-message').innerText())
      .toBe('已审核并锁定：家庭医生签约率（2022年）。');
    await expect.poll(() => family.getAttribute('data-status')).toBe('approved');
    expect(await family.getByRole('button', { name: '审核' }).count()).toBe(0);

    // the liaison cannot overwrite the locked 2022 vaccination value (94, approved above): the server refuses
    const wtj = await signIn(browser, server.baseUrl, WTJ);
    await wtj.goto(`/monitoring/plans/${planId}`);
    const form = wtj.getByTestId('entry-form');
    await form.locator('select[name="indicator"]').selectOption({ label: '适龄儿童免疫规划疫苗接种率' });
    await form.locator('input[name="period"]').fill('2022');
    await form.locator('input[name="value"]').fill('95.2');
    await form.getByRole('button', { name: '报送' }).click();
    await expect
      .poll(() => wtj.getByTestId('entry-message').innerText())
      .toMatch(/已由办公室审核锁定，如需更正请提交更正申请/);

    // reopen request: an empty reason is refused by the server, then a reason is filed
    const vaccine = wtj.getByTestId('value-适龄儿童免疫规划疫苗接种率-2022');
    expect(await vaccine.getByTestId('value-status').innerText()).toBe('已审核（锁定）');
    await vaccine.getByRole('button', { name: '申请更正' }).click();
    await vaccine.getByRole('button', { name: '提交申请' }).click();
    const wmsg = wtj.getByTestId('review-message');
    await expect.poll(() => wmsg.innerText()).toContain('请填写更正理由');
    expect(await wmsg.getAttribute('role')).toBe('alert');
    const reason = '2022年接种率录入错误，统计年报为95.2%';
    await vaccine.locator('textarea[name="reason"]').fill(reason);
    await vaccine.getByRole('button', { name: '提交申请' }).click();
    await expect
      .poll(() => wmsg.innerText())
      .toBe('已提交更正申请：适龄儿童免疫规划疫苗接种率（2022年），待县政府办公室审批。');
    await expect.poll(() => vaccine.getByTestId('value-status').innerText()).toBe(`更正申请中：${reason}`);
    // a second request while one is pending: the button is gone (the server would answer 409)
    expect(await vaccine.getByRole('button', { name: '申请更正' }).count()).toBe(0);

    // the office refuses: the value stays approved
    await admin.reload();
    const avaccine = admin.getByTestId('value-适龄儿童免疫规划疫苗接种率-2022');
    await avaccine.getByRole('button', { name: '审批更正申请' }).click();
    expect(await avaccine.getByTestId('decision-form').innerText()).toContain(`申请理由：${reason}`);
    await avaccine.locator('textarea[name="note"]').fill('请附统计年报');
    await avaccine.getByRole('button', { name: '不同意' }).click();
    const amsg = admin.getByTestId('review-message');
    await expect.poll(() => amsg.innerText()).toBe('已不同意更正：适龄儿童免疫规划疫苗接种率（2022年）仍为已审核。');
    await expect.poll(() => avaccine.getAttribute('data-status')).toBe('approved');

    // the liaison asks again; the office grants; the value is editable and the corrected value is reported
    await wtj.reload();
    await vaccine.getByRole('button', { name: '申请更正' }).click();
    await vaccine.locator('textarea[name="reason"]').fill(`${reason}（已附年报）`);
    await vaccine.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => vaccine.getAttribute('data-status')).toBe('reopen_requested');
    await admin.reload();
    await avaccine.getByRole('button', { name: '审批更正申请' }).click();
    await avaccine.getByRole('button', { name: '同意更正' }).click();
    await expect.poll(() => amsg.innerText()).toBe('已同意更正：适龄儿童免疫规划疫苗接种率（2022年）可重新填报。');
    await expect.poll(() => avaccine.getAttribute('data-status')).toBe('submitted');

    await wtj.reload();
    const form2 = wtj.getByTestId('entry-form');
    await form2.locator('select[name="indicator"]').selectOption({ label: '适龄儿童免疫规划疫苗接种率' });
    await form2.locator('input[name="period"]').fill('2022');
    await form2.locator('input[name="value"]').fill('95.2');
    await form2.getByRole('button', { name: '报送' }).click();
    await expect.poll(() => wtj.getByTestId('entry-message').innerText()).toMatch(/^已报送 1 条。/);
    const row = wtj.getByTestId('row-适龄儿童免疫规划疫苗接种率');
    await expect.poll(() => row.getByTestId('status').innerText()).toBe('已达标');
    await expect.poll(() => vaccine.getByTestId('value-status').innerText()).toBe('已报送（待审核）');
  }, 180_000);
});
