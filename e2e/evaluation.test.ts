// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 评价考核 (26号): the office signs in, starts the 2023 bank evaluation, enters 自查自评 values for
// two banks, tries a value above the maximum (refused in Chinese, naming bank, item and field), then sees the score
// sheet: ranking, 优秀 grades, the <60 flag, each item's explanation (当年贷款增量排第2名：40−1=39分) and the chart of
// scores by category drawn by ECharts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuild,
  launchBrowser,
  newContext,
  startServer,
  type TestServer,
  USERS,
} from './harness.ts';

const enabled = browserTestsEnabled();

describe.skipIf(!enabled)('评价考核：新建评价、录入、评分表、图表', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the office enters values and reads the score sheet', async () => {
    const ctx = await newContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/login');
    await page.locator('#username').fill(USERS.admin.username);
    await page.locator('#password').fill(USERS.admin.password);
    await page.locator('form.login-form button[type="submit"]').click();
    await page.getByTestId('userbox').waitFor();

    await page.getByRole('link', { name: '评价考核' }).click();
    const create = page.getByTestId('create-form');
    await create.locator('select[name="rubric"]').selectOption('bank-evaluation-2023');
    await create.locator('input[name="period"]').fill('2023');
    await create.getByRole('button', { name: '新建' }).click();
    await page.getByRole('link', { name: '襄垣县银行业金融机构支持地方经济发展实绩评价（2023）' }).click();

    const form = page.getByTestId('entry-form');
    const enter = async (id: string, name: string, amount: string, points: string) => {
      await form.locator('input[name="entityId"]').fill(id);
      await form.locator('input[name="entityName"]').fill(name);
      await form.locator('input[data-key="loan-increment-rank"]').fill(amount);
      await form.locator('input[data-key="gov-activities.points"]').fill(points);
      await form.locator('input[data-key="gov-activities.justification"]').fill('按时参加县政府组织的活动');
      await form.getByRole('button', { name: '保存' }).click();
    };
    await enter('nsh', '县农商银行', '38600', '95');
    await expect.poll(() => form.getByRole('status').innerText()).toContain('已保存“县农商银行”');
    await enter('icbc', '县工商银行', '25400', '120');
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toContain(
        '单位“县工商银行”（自查自评）指标“积极参加县人民政府组织的相关活动情况”（gov-activities）：分值 120 超过该项满分 100 分',
      );
    await form.locator('input[data-key="gov-activities.points"]').fill('88');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toContain('已保存“县工商银行”');

    const ranking = page.getByTestId('ranking');
    await expect.poll(() => ranking.locator('tbody tr').count()).toBe(2);
    const rows = await ranking.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('县农商银行');
    expect(rows[0]).toContain('优秀');
    expect(rows[1]).toContain('县工商银行');
    expect(rows[1]).toContain('报备市金融办');
    await ranking.getByRole('button', { name: '县工商银行' }).click();
    const detail = page.getByTestId('detail');
    await expect.poll(() => detail.innerText()).toContain('当年贷款增量排第2名：40−1=39分');
    await expect.poll(() => detail.innerText()).toContain('缺少数据，记0分');
    await expect.poll(() => page.getByTestId('category-chart').getAttribute('data-rendered')).toBe('true');
    await ctx.close();
  }, 240_000);
});
