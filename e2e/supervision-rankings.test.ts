// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of evidence upload and the rankings page: the lead unit's liaison applies for closure on the
// item page choosing a real PDF (uploaded at once, listed as 佐证材料, downloadable with the same bytes); the office
// closes the item; the rankings page of the month shows the unit at 100 % with its chart drawn, offers the 通报
// downloads, and the leader's dashboard lists the closure.
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/access/roles.ts';
import { shanghaiDate } from '../src/calendar/dates.ts';
import { act, createItem } from '../src/supervision/store.ts';
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
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function actorOf(server: TestServer, username: string): Promise<Actor> {
  const u = await server.db.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'unit'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unit: u.unit };
}

describe.skipIf(!enabled)('督办：上传佐证材料、排名与通报', () => {
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

  it('联络员申请办结时上传 PDF；办结后排名页显示按期办结率与图表，可导出通报；领导看板列出办结', async () => {
    const today = shanghaiDate(new Date().toISOString()) as string;
    const month = today.slice(0, 7);
    const admin = await actorOf(server, USERS.admin.username);
    const liaison = await actorOf(server, USERS.liaison.username);
    // an item due today, signed and deployed by the lead unit (through the store, as the API would)
    let item = await createItem(
      server.db,
      TENANT,
      { title: '编制电力迎峰度夏保障方案', category: 'ordinary', lead: UNIT, dueOn: today, assign: true },
      admin,
    );
    item = await act(server.db, TENANT, item.id, { action: 'acknowledge', expectedVersion: item.version }, liaison);
    item = await act(
      server.db,
      TENANT,
      item.id,
      { action: 'deploy', payload: { summary: '局务会研究部署' }, expectedVersion: item.version },
      liaison,
    );

    const page = await (await newContext(browser, server.baseUrl)).newPage();
    page.setDefaultTimeout(10_000);
    await login(page, USERS.liaison.username, USERS.liaison.password);
    await page.goto(`/supervision/${item.id}`);
    await page.getByTestId('actions').locator('button[data-action="request_closure"]').click();
    await page.locator('#sv-f-summary').fill('方案已印发实施');
    await page
      .getByTestId('evidence-file')
      .setInputFiles({ name: '保障方案.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByTestId('evidence-chosen').innerText()).toContain('保障方案.pdf');
    // a file whose content is not an allowed type is refused with the server's Chinese message
    await page
      .getByTestId('evidence-file')
      .setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('不是 PDF') });
    await expect.poll(() => page.getByTestId('evidence-error').innerText()).toContain('不是允许的类型');
    await page.getByTestId('actions').getByRole('button', { name: '提交' }).click();
    // accepted: the liaison has nothing left to do, the timeline shows the application
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('申请办结');
    const list = page.getByTestId('evidence-list');
    await expect.poll(() => list.innerText()).toContain('保障方案.pdf');
    await expect.poll(() => list.innerText()).toContain(UNIT);
    const href = (await list.getByRole('link', { name: '保障方案.pdf' }).getAttribute('href')) as string;
    const download = await page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(
      createHash('sha256')
        .update(await download.body())
        .digest('hex'),
    ).toBe(createHash('sha256').update(PDF).digest('hex'));
    // the timeline's 申请办结 row names the evidence
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('保障方案.pdf');

    // the office closes it; the rankings of the month
    const current = (await server.db.db
      .selectFrom('supervision_items')
      .select('version')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow()) as { version: number };
    await act(
      server.db,
      TENANT,
      item.id,
      { action: 'close', payload: { rating: '优秀' }, expectedVersion: current.version },
      admin,
    );

    const office = await (await newContext(browser, server.baseUrl)).newPage();
    office.setDefaultTimeout(10_000);
    await login(office, USERS.admin.username, USERS.admin.password);
    await office.goto(`/supervision/rankings?month=${month}`);
    await expect.poll(() => office.getByTestId('rankings-summary').innerText()).toContain('按期办结率 100.0%');
    const row = office.getByTestId('rank-lead').locator('tbody tr').first();
    await expect.poll(() => row.innerText()).toContain(UNIT);
    expect(await row.locator('td').first().innerText()).toBe('1');
    const chart = office.getByTestId('chart-rate');
    await expect.poll(() => chart.getAttribute('data-rendered')).toBe('true');
    expect(await chart.getAttribute('aria-label')).toContain(`${UNIT} 100.0%`);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => office.getByTestId('chart-trend').getAttribute('data-rendered')).toBe('true');
    const xlsx = await office.request.get((await office.getByTestId('export-xlsx').getAttribute('href')) as string);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    const docx = await office.request.get((await office.getByTestId('export-docx').getAttribute('href')) as string);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    // the leader's dashboard (no 分管 units recorded: the whole county) lists the closure
    const leader = await (await newContext(browser, server.baseUrl)).newPage();
    leader.setDefaultTimeout(10_000);
    await login(leader, USERS.leader.username, USERS.leader.password);
    await leader.goto('/supervision/dashboard');
    await expect.poll(() => leader.getByTestId('dashboard-closed').innerText()).toContain('编制电力迎峰度夏保障方案');
    expect(await leader.getByTestId('dashboard-scope').innerText()).toContain('尚未设置分管单位');
  }, 120_000);
});
