// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 督办设置: the county office adds a calendar override for a year without an official
// schedule (the table says so), saves (第 1 版), the date checker answers with the county table and marks an
// estimate; a page opened before the save gets the 409 message and reloads; a liaison sees the settings read-only.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuild,
  launchBrowser,
  login,
  newContext,
  startServer,
  type TestServer,
  USERS,
} from './harness.ts';

const enabled = browserTestsEnabled();

describe.skipIf(!enabled)('督办设置：本县日历调整与估算提示', () => {
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

  it('管理员添加 2027 年的调整并保存；查询显示估算；过期页面保存得到 409', async () => {
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    // a second tab of the office, opened before the save
    const stale = await admin.context().newPage();
    stale.setDefaultTimeout(10_000);
    await stale.goto('/supervision/settings');
    await expect.poll(() => stale.getByTestId('settings-version').innerText()).toContain('默认设置');

    await admin.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督办设置' }).click();
    await admin.waitForURL('**/supervision/settings');
    await expect.poll(() => admin.getByTestId('settings-version').innerText()).toContain('默认设置');
    await admin.locator('#ov-date').fill('2027-02-08');
    await admin.locator('#ov-note').fill('2027 年春节（国务院公布前预排）');
    await admin.getByRole('button', { name: '加入调整表' }).click();
    const row = admin.getByTestId('override-2027-02-08');
    await expect.poll(() => row.innerText()).toContain('放假');
    expect(await row.innerText()).toContain('未公布：该年其他日期为估算');
    await admin.locator('#st-yellow').fill('2');
    await admin.getByTestId('settings-save').click();
    await expect.poll(() => admin.getByTestId('settings-saved').innerText()).toContain('第 1 版');
    await expect.poll(() => admin.getByTestId('settings-version').innerText()).toContain('第 1 版');

    // 历次版本: the saved version, who saved it
    await admin.getByTestId('settings-history').locator('summary').click();
    await expect.poll(() => admin.getByTestId('settings-history').innerText()).toContain('第 1 版');
    expect(await admin.getByTestId('settings-history').innerText()).toContain(USERS.admin.displayName);
    expect(await admin.getByTestId('settings-history').innerText()).toContain('黄灯提前 2 天');

    // the checker: the overridden day is official; another day of 2027 is an estimate
    await admin.locator('#dc-date').fill('2027-02-08');
    await admin.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => admin.getByTestId('day-answer').innerText()).toContain('本县调整');
    expect(await admin.getByTestId('day-answer').innerText()).toContain('休息日');
    expect(await admin.getByTestId('day-estimate').count()).toBe(0);
    await admin.locator('#dc-date').fill('2027-03-01');
    await admin.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => admin.getByTestId('day-estimate').innerText()).toContain('估算');

    // the stale tab saves on version 0: 409 in Chinese, then reloads to version 1
    await stale.locator('#st-yellow').fill('4');
    await stale.getByTestId('settings-save').click();
    const error = stale.getByTestId('settings-error');
    await expect.poll(() => error.innerText()).toContain('已被他人修改');
    expect(await error.innerText()).toContain('当前为第 1 版');
    await error.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => stale.getByTestId('settings-version').innerText()).toContain('第 1 版');
    await expect.poll(() => stale.locator('#st-yellow').inputValue()).toBe('2');

    // a liaison reads the same settings, without the means to change them
    const liaison = await (await newContext(browser, server.baseUrl)).newPage();
    liaison.setDefaultTimeout(10_000);
    await login(liaison, USERS.liaison.username, USERS.liaison.password);
    await liaison.goto('/supervision/settings');
    await expect.poll(() => liaison.getByTestId('settings-version').innerText()).toContain('第 1 版');
    expect(await liaison.getByTestId('override-2027-02-08').innerText()).toContain('2027 年春节');
    expect(await liaison.getByTestId('settings-save').count()).toBe(0);
    expect(await liaison.getByText('只有县政府办（管理员）可以修改设置。').count()).toBe(1);
  }, 90_000);
});
