// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of the Excel ledger: the county office opens 台账导入 from the ledger, uploads a ledger with an
// unknown unit and a malformed date (the page lists each problem with its row and 列名, nothing is imported), then
// the corrected file (the items are listed and linked), and the ledger shows them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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
const HEADER = [
  '事项名称*',
  '任务内容',
  '事项类别',
  '牵头单位*',
  '配合单位',
  '是否交办',
  '交办日期',
  '要求办结时限',
  '出处',
];

async function ledgerFile(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督办台账');
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

describe.skipIf(!enabled)('督办台账：Excel 导入（逐行校验，全部或全不）', () => {
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

  it('有误的台账列出行号和列名且不导入；更正后全部导入并可在台账中看到', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-ledger-'));
    const due = `${new Date().getUTCFullYear() + 1}-12-31`;
    const bad = await ledgerFile(dir, '有误台账.xlsx', [
      HEADER,
      ['台账导入事项一', '', '', '县水利局', '', '', '', due, ''],
      ['台账导入事项二', '', '', '县水力局', '', '', '', '2024-02-30', ''],
    ]);
    const good = await ledgerFile(dir, '台账.xlsx', [
      HEADER,
      ['台账导入事项一', '', '', '县水利局', '县财政局', '', '', due, ''],
      ['台账导入事项二', '', '重大复杂事项', '县住建局', '', '', '', '', ''],
    ]);

    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    await admin.goto('/supervision');
    await admin.getByTestId('ledger-excel').getByRole('link', { name: '台账导入（Excel）' }).click();
    await admin.waitForURL('**/supervision/ledger-import');

    await admin.locator('#ledger-file').setInputFiles(bad);
    await admin.getByTestId('ledger-upload').getByRole('button', { name: '导入' }).click();
    const error = admin.getByTestId('ledger-error');
    await expect.poll(() => error.innerText()).toContain('全部行均未写入');
    const issues = admin.getByTestId('ledger-issues').locator('tbody tr');
    expect(await issues.count()).toBe(2);
    expect(await issues.nth(0).innerText()).toMatch(/^3\s+牵头单位\s+.*县水力局.*县水利局/);
    expect(await issues.nth(1).innerText()).toMatch(/^3\s+要求办结时限\s+.*2 月只有 29 天/);

    await admin.locator('#ledger-file').setInputFiles(good);
    await admin.getByTestId('ledger-upload').getByRole('button', { name: '导入' }).click();
    const created = admin.getByTestId('ledger-created');
    await expect.poll(() => created.innerText()).toContain('已从“台账.xlsx”导入 2 项');
    expect(await admin.getByTestId('ledger-error').count()).toBe(0);
    await created.getByRole('link', { name: '台账导入事项二' }).click();
    await admin.waitForURL(/\/supervision\/\d+$/);
    await expect.poll(() => admin.getByTestId('item-state').innerText()).toContain('已交办');

    await admin.goto('/supervision');
    const rows = admin.getByTestId('item-table').getByRole('row', { name: /台账导入事项/ });
    await expect.poll(() => rows.count()).toBe(2);
  }, 90_000);
});
