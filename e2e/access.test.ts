// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenarios of accounts and visibility: a restricted document (a notice printed without 附注)
// is invisible to the public in the page and through the API; a liaison signs in and sees its role and
// unit (but, by policy, not restricted documents); a leader sees the restricted document and the audit
// trail, including the public's denied attempt; signing out hides it again.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuild,
  launchBrowser,
  newContext,
  RESTRICTED_DOC,
  RESTRICTED_TITLE,
  startServer,
  type TestServer,
  USERS,
} from './harness.ts';

const enabled = browserTestsEnabled();

async function signIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.getByTestId('userbox').waitFor();
}

describe.skipIf(!enabled)('账户、角色与不公开文件', () => {
  let server: TestServer;
  let browser: Browser;
  let restrictedId: number;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    restrictedId = server.ids[RESTRICTED_DOC] as number;
    expect(restrictedId).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('公众', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await newContext(browser, server.baseUrl);
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it('不公开文件的 API 回答 404，与不存在的文件相同', async () => {
      const res = await page.request.get(`/api/documents/${restrictedId}`);
      expect(res.status()).toBe(404);
      const body = await res.json();
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toBe(`未找到文件（编号 ${restrictedId}）：请检查编号，或先导入对应的公报。`);
      const list = await (await page.request.get('/api/documents')).json();
      expect(list.documents.map((d: { docNumber: string }) => d.docNumber)).not.toContain(RESTRICTED_DOC);
      const search = await (await page.request.get(`/api/search?q=${encodeURIComponent('内部值守演练')}`)).json();
      expect(search.hits.map((h: { docNumber: string }) => h.docNumber)).not.toContain(RESTRICTED_DOC);
    });

    it('不公开文件的页面显示 404 页，目录中也没有它', async () => {
      await page.goto(`/documents/${restrictedId}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('404 · 未找到');
      expect(await page.content()).not.toContain(RESTRICTED_TITLE);

      await page.goto(`/issues/${server.restrictedIssueId}`);
      await expect.poll(() => page.locator('section.cover h1').count()).toBe(1);
      expect(await page.locator('.toc-entry').count()).toBe(0);
      expect(await page.locator('section.toc').innerText()).not.toContain(RESTRICTED_TITLE);

      await page.goto('/audit');
      await expect.poll(() => page.locator('[role="alert"]').innerText()).toContain('请先登录');
    });
  });

  describe('单位联络员', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await newContext(browser, server.baseUrl);
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it('密码错误时显示服务器的中文提示', async () => {
      await page.goto('/login');
      await page.locator('#username').fill(USERS.liaison.username);
      await page.locator('#password').fill('wrong-password-123');
      await page.locator('form.login-form button[type="submit"]').click();
      await expect.poll(() => page.locator('#login-error').textContent()).toBe('用户名或密码错误');
    });

    it('登录后显示姓名、角色和单位，看到公众看不到的不公开文件；审计日志无权查看', async () => {
      await signIn(page, USERS.liaison);
      const box = await page.getByTestId('userbox').innerText();
      expect(box).toContain('李联络');
      expect(box).toContain('单位联络员');
      expect(box).toContain('襄垣县能源局');
      expect(await page.locator('nav.main-nav').innerText()).not.toContain('审计日志');

      // Policy: signed-in staff, liaisons included, read documents not released to the public.
      await page.goto(`/documents/${restrictedId}`);
      await expect.poll(() => page.locator('h1#doc-title').textContent()).toBe(RESTRICTED_TITLE);
      expect(await page.locator('.disclosure-banner').innerText()).toContain('不公开');
      expect((await page.request.get(`/api/documents/${restrictedId}`)).status()).toBe(200);
      await page.goto(`/search?q=${encodeURIComponent('内部值守演练')}`);
      await expect.poll(() => page.locator('li.hit', { hasText: RESTRICTED_DOC }).count()).toBeGreaterThan(0);

      await page.goto('/audit');
      await expect.poll(() => page.locator('[role="alert"]').innerText()).toContain('无权查看审计日志');
    });
  });

  describe('领导', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await newContext(browser, server.baseUrl);
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it('登录后看到公众看不到的不公开文件，并能检索到它', async () => {
      await signIn(page, USERS.leader);
      expect(await page.getByTestId('userbox').innerText()).toContain('领导');

      await page.goto(`/documents/${restrictedId}`);
      await expect.poll(() => page.locator('h1#doc-title').textContent()).toBe(RESTRICTED_TITLE);
      expect(await page.locator('.disclosure-banner').innerText()).toContain('不公开');
      expect(await page.getByTestId('restricted-note').innerText()).toContain('仅登录的工作人员可以查阅');
      expect((await page.request.get(`/api/documents/${restrictedId}`)).status()).toBe(200);

      await page.goto(`/search?q=${encodeURIComponent('内部值守演练')}`);
      const hit = page.locator('li.hit', { hasText: RESTRICTED_DOC }).first();
      await expect.poll(() => hit.count()).toBe(1);
      expect(await hit.locator('.badge').innerText()).toBe('不公开');
    });

    it('审计日志列出登录与公众被拒绝的访问，可导出 Excel 与 CSV', async () => {
      await page.goto('/audit');
      const rows = page.locator('table.audit-table tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      const text = await page.locator('table.audit-table').innerText();
      expect(text).toContain('登录');
      expect(text).toContain(USERS.leader.username);
      expect(text).toContain('拒绝'); // the public's (and the liaison's) attempt on the restricted document

      const xlsx = page.locator('.export-links a', { hasText: 'Excel' });
      expect(await xlsx.getAttribute('href')).toBe('/api/audit/export?format=xlsx');
      const res = await page.request.get('/api/audit/export?format=xlsx');
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('spreadsheetml');
      const csv = await page.request.get('/api/audit/export?format=csv');
      expect(csv.status()).toBe(200);
    });

    it('退出后恢复为公众：不公开文件又变成 404', async () => {
      await page.goto('/');
      await page.getByRole('button', { name: '退出' }).click();
      await expect.poll(() => page.locator('.userbox').innerText()).toContain('登录');
      await page.goto(`/documents/${restrictedId}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('404 · 未找到');
    });
  });
});
