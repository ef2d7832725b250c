// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 审核 (/review): an administrator corrects a task's lead unit beside its source clause;
// the correction is there after a reload, after re-importing the same gazette and after the records are
// extracted and saved again.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/access/audit.ts';
import { toExtractJson } from '../src/commitments/contract.ts';
import { extractCommitments } from '../src/commitments/extract.ts';
import { saveExtraction } from '../src/commitments/store.ts';
import { parseGazette } from '../src/gazette/parse.ts';
import { importGazette } from '../src/platform/importing.ts';
import { seedText } from '../test/seed.ts';
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
const TASK = '建设精密气象监测系统';

describe.skipIf(!enabled)('审核：更正提取的任务', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.baseUrl);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('管理员更正牵头单位；刷新、重新导入后更正仍在', async () => {
    await page.goto('/login');
    await page.locator('#username').fill(USERS.admin.username);
    await page.locator('#password').fill(USERS.admin.password);
    await page.locator('form.login-form button[type="submit"]').click();
    await page.getByTestId('userbox').waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审核' }).click();
    await page.waitForURL('**/review');
    await page.locator('#review-kind').selectOption('task');
    const item = page.getByTestId('review-list').getByRole('button', { name: new RegExp(TASK) });
    await item.first().click();
    const detail = page.getByTestId('review-detail');
    await expect.poll(() => detail.locator('h2').innerText()).toContain(TASK);
    // the source clause beside the record, with the link to it in the document
    await expect.poll(() => page.getByTestId('source-clause').innerText()).toContain('健全综合气象观测体系');
    const link = detail.getByRole('link', { name: '《襄垣县推进气象高质量发展实施方案》二、（一）1.' });
    expect(await link.getAttribute('href')).toMatch(/^\/documents\/\d+#att_1__lvl1_2__lvl2_1__lvl3_1$/);
    expect(await page.getByTestId('field-lead').innerText()).toContain('县财政局');

    await detail.getByRole('button', { name: '更正' }).click();
    await page.locator('[id="fld-lead"]').fill('县气象局');
    await page.locator('[id="fld-due"]').fill('2025-13-40');
    await page.getByTestId('correct-form').getByRole('button', { name: '保存更正' }).click();
    // an invalid date is refused by the server, in Chinese, naming the field
    await expect.poll(() => page.getByTestId('review-error').innerText()).toMatch(/完成时限/);
    await page.locator('[id="fld-due"]').fill('2025-12-31');
    await page.getByTestId('correct-form').getByRole('button', { name: '保存更正' }).click();
    await expect.poll(() => page.getByTestId('review-done').innerText()).toContain('更正已保存');
    await expect.poll(() => page.getByTestId('field-lead').innerText()).toBe('县气象局');

    await page.reload();
    await expect.poll(() => page.getByTestId('field-lead').innerText()).toBe('县气象局');
    expect(await page.getByTestId('field-due').innerText()).toBe('2025-12-31');
    expect(await detail.locator('[data-status]').first().innerText()).toBe('已更正');

    // the same gazette imported again changes nothing; extracting and saving again keeps the review
    const text = seedText();
    const issue = parseGazette(text);
    const again = await importGazette(
      server.db,
      { tenant: TENANT, issue, source: text, sourceName: 'xiangyuan-gazette-2023-03.txt' },
      cliActor('e2e'),
    );
    expect(again.status).toBe('unchanged');
    const extraction = toExtractJson(extractCommitments(issue, { source: text }));
    await server.db.db
      .transaction()
      .execute((trx) => saveExtraction(trx, TENANT, new Map(Object.entries(server.ids)), extraction));
    await page.reload();
    await expect.poll(() => page.getByTestId('field-lead').innerText()).toBe('县气象局');
    expect(await detail.innerText()).toContain('提取为：');
  }, 60_000);
});
