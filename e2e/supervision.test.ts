// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 督办: an administrator corrects a task on /review (lead unit and a future date), generates
// the document's supervision items (生成督办事项), sees the item in the ledger with its light; the liaison of the
// lead unit signs in, finds it in 我的督办 under 待签收, signs it (签收), and the timeline shows the event.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/access/users.ts';
import {
  browserTestsEnabled,
  ensureWebBuild,
  launchBrowser,
  login,
  newContext,
  startServer,
  TENANT,
  type TestServer,
  USERS,
} from './harness.ts';

const enabled = browserTestsEnabled();
const TASK = '建设精密气象监测系统';
const UNIT = '县气象局';
const QXJ = {
  username: 'e2e-qxj',
  password: 'qxj-pass-2023',
  role: 'liaison',
  unit: UNIT,
  displayName: '气象局刘洋',
} as const;

describe.skipIf(!enabled)('督办：由审核后的任务生成督办事项，联络员签收', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await createUser(server.db, TENANT, QXJ);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('管理员生成督办事项；牵头单位联络员在“我的督办”中签收，时间线记录签收', async () => {
    // a due date well after today (Asia/Shanghai), so that the item can be assigned whenever the test runs
    const due = `${new Date().getUTCFullYear() + 1}-12-31`;

    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    await admin.goto('/review?kind=task');
    await admin
      .getByTestId('review-list')
      .getByRole('button', { name: new RegExp(TASK) })
      .first()
      .click();
    const detail = admin.getByTestId('review-detail');
    await expect.poll(() => detail.locator('h2').innerText()).toContain(TASK);
    await detail.getByRole('button', { name: '更正' }).click();
    await admin.locator('[id="fld-lead"]').fill(UNIT);
    await admin.locator('[id="fld-due"]').fill(due);
    await admin.getByTestId('correct-form').getByRole('button', { name: '保存更正' }).click();
    await expect.poll(() => admin.getByTestId('review-done').innerText()).toContain('更正已保存');

    // the office decides the task is 重大复杂事项 before generating
    await admin.getByTestId('task-categories').locator('summary').click();
    await admin
      .getByTestId('task-categories')
      .getByRole('listitem')
      .filter({ hasText: TASK })
      .locator('select')
      .selectOption('major');
    await admin.getByTestId('generate-items').getByRole('button', { name: '生成督办事项' }).click();
    await expect.poll(() => admin.getByTestId('generate-result').innerText()).toContain('新生成 1 项');
    // a second click creates nothing
    await admin.getByTestId('generate-items').getByRole('button', { name: '生成督办事项' }).click();
    await expect.poll(() => admin.getByTestId('generate-result').innerText()).toContain('新生成 0 项，已存在 1 项');

    // the ledger: the item with its lead unit and a green light
    await admin.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督办台账' }).click();
    await admin.waitForURL('**/supervision');
    const row = admin.getByTestId('item-table').getByRole('row', { name: new RegExp(TASK) });
    await expect.poll(() => row.innerText()).toContain(UNIT);
    expect(await row.innerText()).toContain('正常');
    expect(await row.innerText()).toContain('已交办');

    // the admin opens the item (version 2, 已交办) and leaves the page open
    await row.getByRole('link', { name: TASK }).click();
    await admin.waitForURL(/\/supervision\/\d+$/);
    await expect.poll(() => admin.getByTestId('item-state').innerText()).toContain('已交办');
    await expect.poll(() => admin.getByTestId('extra-actions').innerText()).toContain('尚未报送时间表');

    // the liaison of the lead unit
    const liaison = await (await newContext(browser, server.baseUrl)).newPage();
    liaison.setDefaultTimeout(10_000);
    await login(liaison, QXJ.username, QXJ.password);
    await liaison.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的督办' }).click();
    await liaison.waitForURL('**/inbox');
    const toSign = liaison.getByTestId('inbox-to-sign');
    await expect.poll(() => toSign.innerText()).toContain(TASK);
    await toSign.getByRole('link', { name: TASK }).click();
    await liaison.waitForURL(/\/supervision\/\d+$/);
    await expect.poll(() => liaison.getByTestId('item-title').innerText()).toBe(TASK);
    await liaison.getByTestId('actions').getByRole('button', { name: '签收' }).click();
    await expect.poll(() => liaison.getByTestId('action-done').innerText()).toContain('已签收');
    await expect.poll(() => liaison.getByTestId('item-state').innerText()).toContain('已签收');
    const signed = liaison.getByTestId('timeline').locator('tr[data-action="acknowledge"]');
    await expect.poll(() => signed.innerText()).toContain(QXJ.displayName);
    expect(await signed.innerText()).toContain(UNIT);
    // the timeline shows Beijing time: the date of the event as 襄垣 sees it
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).split('-').map(Number);
    expect(await signed.innerText()).toContain(`${today[0]}/${today[1]}/${today[2]}`);

    // signed: no longer waiting in 我的督办
    await liaison.goto('/inbox');
    await expect.poll(() => liaison.getByTestId('inbox-to-sign').innerText()).toContain('无');

    // the admin's stale page: acting with the old version answers 409 in Chinese, saying what changed
    await admin.getByTestId('actions').getByRole('button', { name: '催办' }).click();
    await admin.getByTestId('actions').getByRole('button', { name: '提交' }).click();
    const error = admin.getByTestId('action-error');
    await expect.poll(() => error.innerText()).toContain('已被他人更新');
    expect(await error.innerText()).toContain('已签收');
    await error.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => admin.getByTestId('item-state').innerText()).toContain('已签收');
  }, 90_000);
});
