// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of the ledger's pager: 25 items, 20 a page; the pager says how many and which, 下一页 and 末页
// keep the page in the URL, a filter goes back to page 1 and stays in the URL with the page size after a reload.
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

describe.skipIf(!enabled)('督办台账：分页（总数、每页条数、筛选保留在地址中）', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const office = { id: 1, username: 'e2e', displayName: '督查室', role: 'admin' as const, unit: null };
    for (let k = 1; k <= 25; k++) {
      await createItem(
        server.db,
        TENANT,
        {
          title: `分页事项 ${k}`,
          category: 'ordinary',
          lead: k % 5 === 0 ? '县财政局' : '县水利局',
          assign: k % 2 === 0,
        },
        office,
      );
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('每页 20 条：第 1 页 20 项，下一页 5 项；筛选回到第 1 页并保留在地址中', async () => {
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    await admin.goto('/supervision');
    const text = admin.getByTestId('ledger-pager-text');
    await expect.poll(() => text.innerText()).toBe('共 25 项，第 1–25 项，第 1 / 1 页');

    await admin.locator('#sv-page-size').selectOption('20');
    await expect.poll(() => text.innerText()).toBe('共 25 项，第 1–20 项，第 1 / 2 页');
    const rows = admin.getByTestId('item-table').locator('tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.first().innerText()).toContain('分页事项 25'); // newest first

    const pager = admin.getByTestId('ledger-pager');
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => text.innerText()).toBe('共 25 项，第 21–25 项，第 2 / 2 页');
    expect(new URL(admin.url()).searchParams.get('page')).toBe('2');
    expect(await rows.count()).toBe(5);
    expect(await rows.last().innerText()).toContain('分页事项 1');
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);

    // a filter goes back to page 1; filters and page size survive a reload
    await admin.locator('#sv-unit').fill('县水利局');
    await admin.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => text.innerText()).toBe('共 20 项，第 1–20 项，第 1 / 1 页');
    const url = new URL(admin.url());
    expect(url.searchParams.get('page')).toBeNull();
    expect(url.searchParams.get('pageSize')).toBe('20');
    expect(url.searchParams.get('unit')).toBe('县水利局');
    await admin.locator('#sv-light').selectOption('none');
    await expect.poll(() => admin.getByTestId('ledger-count').innerText()).toBe('共 10 项');
    await admin.reload();
    await expect.poll(() => text.innerText()).toBe('共 10 项，第 1–10 项，第 1 / 1 页');
    expect(await admin.locator('#sv-light').inputValue()).toBe('none');
    expect(await admin.locator('#sv-page-size').inputValue()).toBe('20');
  }, 90_000);
});
