// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 改派 and 撤销: the county office re-assigns an item from the liaison's unit to another unit
// (the supporting units prefilled, the clock restarted), the item leaves the liaison's 我的督办 and the page lists
// the 改派记录; then the office withdraws another item after confirming, and it shows 已撤销 with its reason.
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
const ADMIN = { id: 1, username: 'e2e', displayName: '王管理', role: 'admin', unit: null } as const;

describe.skipIf(!enabled)('督办：改派与撤销', () => {
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

  it('改派 to 县住建局 with the clock restarted; 撤销 with a reason', async () => {
    // 县住建局 is known to the unit directory once it is on an item
    await createItem(server.db, TENANT, { title: '老旧小区改造', category: 'ordinary', lead: '县住建局' }, ADMIN);
    const item = await createItem(
      server.db,
      TENANT,
      {
        title: '推进光伏电站并网',
        category: 'ordinary',
        lead: USERS.liaison.unit,
        supports: ['县财政局'],
        assign: true,
      },
      ADMIN,
    );
    const other = await createItem(
      server.db,
      TENANT,
      { title: '编制能源发展规划', category: 'ordinary', lead: USERS.liaison.unit, assign: true },
      ADMIN,
    );

    const liaison = await (await newContext(browser, server.baseUrl)).newPage();
    liaison.setDefaultTimeout(10_000);
    await login(liaison, USERS.liaison.username, USERS.liaison.password);
    await liaison.goto('/inbox');
    await expect.poll(() => liaison.getByTestId('inbox-to-sign').innerText()).toContain('推进光伏电站并网');

    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    await admin.goto(`/supervision/${item.id}`);
    const actions = admin.getByTestId('actions');
    await actions.getByRole('button', { name: '改派', exact: true }).click();
    expect(await admin.locator('#sv-f-supports').inputValue()).toBe('县财政局');
    // no reason: refused on the page
    await admin.locator('#sv-f-lead').fill('县住建局');
    await actions.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => admin.getByTestId('action-error').innerText()).toContain('改派理由');
    await admin.locator('#sv-f-restartClock').check();
    await admin.locator('#sv-f-reason').fill('职责调整，改由县住建局牵头');
    await actions.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => admin.getByTestId('action-done').innerText()).toContain('已改派');
    await expect
      .poll(() => admin.getByTestId('item-reassignments').innerText())
      .toContain(`牵头单位 ${USERS.liaison.unit} → 县住建局`);
    expect(await admin.getByTestId('item-state').innerText()).toContain('已交办');
    expect(await admin.getByTestId('item-reassignments').innerText()).toContain('时限重新起算');
    const row = admin.getByTestId('timeline').locator('tr[data-action="reassign"]');
    expect(await row.innerText()).toContain('新牵头单位：县住建局');

    // the item left the liaison's inbox; the other one is still there
    await liaison.reload();
    await expect.poll(() => liaison.getByTestId('inbox-to-sign').innerText()).toContain('编制能源发展规划');
    expect(await liaison.getByTestId('inbox-to-sign').innerText()).not.toContain('推进光伏电站并网');

    // 撤销 after confirming
    await admin.goto(`/supervision/${other.id}`);
    admin.once('dialog', (d) => void d.accept());
    await actions.getByRole('button', { name: '撤销', exact: true }).click();
    await admin.locator('#sv-f-reason').fill('规划已并入县“十四五”能源规划');
    await actions.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => admin.getByTestId('item-state').innerText()).toContain('已撤销');
    expect(await admin.getByTestId('item-withdrawal').innerText()).toContain('规划已并入县“十四五”能源规划');
    await expect.poll(() => admin.locator('.supervision-item').innerText()).toContain('您对本事项当前没有可执行的操作');
    await liaison.reload();
    await expect.poll(() => liaison.getByTestId('inbox-to-sign').innerText()).not.toContain('编制能源发展规划');
  }, 120_000);
});
