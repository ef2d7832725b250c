// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of the lifecycle forms: the county office registers a 重大复杂事项 by hand as a draft (立项), corrects
// it (修改立项) and assigns it (交办); the lead unit's liaison signs and files a timeline with two checkpoints
// (报送时间表); the office sees it pending and approves it (审定时间表).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../src/supervision/store.ts';
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
const TITLE = '推进县城集中供热管网改造';

/** A date n days after today in Asia/Shanghai. */
function inDays(n: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(!enabled)('督办：手工立项、修改立项、交办，重大复杂事项报送并审定时间表', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('立项（草稿）→ 修改立项 → 交办 → 签收 → 报送时间表 → 审定', async () => {
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    await admin.goto('/supervision');
    await admin.getByTestId('ledger-excel').getByRole('link', { name: '手工立项' }).click();
    await admin.waitForURL('**/supervision/new');
    await admin.locator('#ni-title').fill(TITLE);
    await admin.locator('#ni-category').selectOption('major');
    await admin.locator('#ni-lead').fill('县住建局');
    await admin.getByLabel(/立项后立即交办/).uncheck();
    await admin.getByTestId('new-item-form').getByRole('button', { name: '立项', exact: true }).click();
    await admin.waitForURL(/\/supervision\/\d+$/);
    await expect.poll(() => admin.getByTestId('item-state').innerText()).toContain('立项');

    // 修改立项: the lead unit is the liaison's unit
    const extra = admin.getByTestId('extra-actions');
    await extra.getByRole('button', { name: '修改立项' }).click();
    await admin.locator('#ed-lead').fill(USERS.liaison.unit);
    await admin.getByTestId('edit-form').getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => admin.getByTestId('extra-done').innerText()).toContain('已修改立项');
    await extra.getByRole('button', { name: '交办' }).click();
    await expect.poll(() => admin.getByTestId('item-state').innerText()).toContain('已交办');
    const url = admin.url();

    // the lead unit's liaison signs and files the timeline
    const liaison = await (await newContext(browser, server.baseUrl)).newPage();
    liaison.setDefaultTimeout(10_000);
    await login(liaison, USERS.liaison.username, USERS.liaison.password);
    await liaison.goto(url);
    await liaison.getByTestId('actions').getByRole('button', { name: '签收' }).click();
    await expect.poll(() => liaison.getByTestId('item-state').innerText()).toContain('已签收');
    await liaison.getByTestId('extra-actions').getByRole('button', { name: '报送时间表' }).click();
    // a checkpoint without its content is refused on the page
    await liaison.locator('#pl-date-0').fill(inDays(5));
    await liaison.locator('#pl-finish').fill(inDays(20));
    await liaison.getByTestId('plan-form').getByRole('button', { name: '提交时间表' }).click();
    await expect.poll(() => liaison.getByTestId('plan-form').getByRole('alert').innerText()).toContain('第 1 个节点');
    await liaison.locator('#pl-ms-0').fill('完成管网普查');
    await liaison.getByRole('button', { name: '增加节点' }).click();
    await liaison.locator('#pl-date-1').fill(inDays(12));
    await liaison.locator('#pl-ms-1').fill('完成主干管网改造');
    await liaison.getByTestId('plan-form').getByRole('button', { name: '提交时间表' }).click();
    await expect.poll(() => liaison.getByTestId('plan').innerText()).toContain('待审定');
    expect(await liaison.getByTestId('plan').innerText()).toContain('完成主干管网改造');

    // the office approves it
    await admin.reload();
    await expect.poll(() => admin.getByTestId('plan').innerText()).toContain('待审定');
    await admin.getByTestId('actions').getByRole('button', { name: '审定时间表' }).click();
    await admin.getByTestId('actions').getByRole('button', { name: '提交' }).click();
    await expect.poll(() => admin.getByTestId('plan').innerText()).toContain('已审定');
    const filed = admin.getByTestId('timeline').locator('tr[data-action="file_plan"]');
    expect(await filed.innerText()).toContain(USERS.liaison.displayName);

    // an item assigned on 2026-12-28: its 7 working days run into 2027, a year without an official schedule yet
    const late = await createItem(
      server.db,
      TENANT,
      { title: '年底交办事项', category: 'ordinary', lead: '县住建局', assign: true },
      { id: 1, username: 'e2e', displayName: '王管理', role: 'admin', unit: null },
      { now: new Date('2026-12-28T09:00:00+08:00') },
    );
    expect(late.deadlines?.official).toBe(false);
    await admin.goto(`/supervision/${late.id}`);
    await expect.poll(() => admin.getByTestId('deadline-estimate').innerText()).toContain('估算');
    await admin.goto(url);
    await expect.poll(() => admin.getByTestId('plan').innerText()).toContain('已审定');
    expect(await admin.getByTestId('deadline-estimate').count()).toBe(0);
  }, 120_000);
});
