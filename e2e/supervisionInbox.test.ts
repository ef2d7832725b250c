// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of a long 我的督办: 52 items assigned to the liaison's unit, none signed. 待签收 counts all 52,
// shows the 50 with the earliest close-by dates and says so, and links to the ledger filtered on the unit.
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
const UNIT = USERS.liaison.unit;

describe.skipIf(!enabled)('我的督办：每类最多显示 50 项，说明总数并链接到本单位台账', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const office = { id: 1, username: 'e2e', displayName: '督查室', role: 'admin' as const, unit: null };
    for (let k = 1; k <= 52; k++)
      await createItem(
        server.db,
        TENANT,
        { title: `能源事项 ${k}`, category: 'ordinary', lead: UNIT, assign: true },
        office,
      );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('待签收（52）：前 50 项与说明，链接到本单位台账', async () => {
    const page = await (await newContext(browser, server.baseUrl)).newPage();
    page.setDefaultTimeout(10_000);
    await login(page, USERS.liaison.username, USERS.liaison.password);
    await page.goto('/inbox');
    const toSign = page.getByTestId('inbox-to-sign');
    await expect.poll(() => toSign.locator('h2').innerText()).toBe('待签收（52）');
    expect(await toSign.getByTestId('inbox-to-sign-cut').innerText()).toContain('共 52 项，按办结时限先后显示前 50 项');
    expect(await toSign.locator('tbody tr').count()).toBe(50);
    await toSign.getByRole('link', { name: '督办台账（本单位）' }).click();
    await page.waitForURL('**/supervision?**');
    expect(new URL(page.url()).searchParams.get('unit')).toBe(UNIT);
    await expect.poll(() => page.getByTestId('ledger-count').innerText()).toBe('共 52 项');
  }, 90_000);
});
