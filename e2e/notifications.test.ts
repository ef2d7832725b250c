// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of the sweep and notifications: the administrator adds a webhook (JSON) pointing at a real
// local HTTP server, runs 立即巡检 on the 约谈名单 page for an item assigned 40 days ago and never acted on: the
// list shows it, the item page shows 催办/通报/约谈; the webhook's delivery log shows the attempts (HTTP 200); the
// liaison of the lead unit sees the count on the bell, reads 我的通知 and marks all read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../src/notifications/worker.ts';
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
const TITLE = '编制县域充电基础设施建设方案';

describe.skipIf(!enabled)('督办巡检与通知：约谈名单、催办记录、Webhook 投递记录、通知铃', () => {
  let server: TestServer;
  let browser: Browser;
  let hook: Server;
  let hookUrl: string;
  const received: string[] = [];
  let itemId = 0;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    const item = await createItem(
      server.db,
      TENANT,
      { title: TITLE, category: 'ordinary', lead: USERS.liaison.unit, assign: true },
      { id: 1, username: 'e2e', displayName: '督查室', role: 'admin', unit: null },
      { now: new Date(Date.now() - 40 * 86_400_000) },
    );
    itemId = item.id;
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
  });

  it('管理员巡检后约谈名单与事项页显示记录，Webhook 已送达；联络员在通知铃中看到并标为已读', async () => {
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(20_000);
    await login(admin, USERS.admin.username, USERS.admin.password);

    await admin.goto('/admin/webhooks');
    const form = admin.getByTestId('webhook-form');
    await form.getByLabel('名称').fill('督查室接收端');
    await form.getByLabel('格式').selectOption('json');
    await form.getByLabel('地址').fill('ftp://bad.example/x');
    await form.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => admin.getByTestId('webhook-error').innerText())
      .toContain('应为 http:// 或 https:// 开头的网址');
    await form.getByLabel('地址').fill(hookUrl);
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => admin.getByTestId('subscriptions').innerText()).toContain('督查室接收端');

    await admin.goto('/supervision/interviews');
    await expect.poll(() => admin.getByTestId('sweep-state').innerText()).toContain('督办巡检尚未运行');
    await admin.getByTestId('sweep-now').click();
    await expect.poll(() => admin.getByTestId('sweep-message').innerText()).toContain('新记催办 1、通报 1、约谈 1');
    await expect.poll(() => admin.getByTestId('ladder-list').innerText()).toContain(TITLE);
    await expect.poll(() => admin.getByTestId('sweep-state').innerText()).toContain('上次督办巡检');

    await admin.goto(`/supervision/${itemId}`);
    await expect.poll(() => admin.getByTestId('ladder').locator('tbody tr').count()).toBe(3);
    expect(await admin.getByTestId('ladder').innerText()).toMatch(/催办[\s\S]*通报[\s\S]*约谈/);

    // the worker's run (luoshi serve runs it every 15 s): three deliveries to the real local server
    const report = await deliverDue(server.db, TENANT);
    expect(report).toMatchObject({ attempted: 3, delivered: 3 });
    expect(received.map((b) => JSON.parse(b).kind).sort()).toEqual([
      'supervision.interview',
      'supervision.notice',
      'supervision.urge',
    ]);
    await admin.goto('/admin/webhooks');
    await admin.getByRole('button', { name: '投递记录' }).click();
    const log = admin.locator('[data-testid^="deliveries-"]');
    await expect.poll(() => log.locator('tr[data-status="delivered"]').count()).toBe(3);
    expect(await log.innerText()).toContain('200');

    const liaison = await (await newContext(browser, server.baseUrl)).newPage();
    liaison.setDefaultTimeout(20_000);
    await login(liaison, USERS.liaison.username, USERS.liaison.password);
    // the 交办 of the item (a lifecycle event) and the three reminders
    await expect.poll(() => liaison.getByTestId('unread-count').innerText()).toBe('4');
    await liaison.getByTestId('notification-bell').click();
    await expect.poll(() => liaison.getByTestId('notification-list').innerText()).toContain(`约谈：${TITLE}`);
    await liaison.getByTestId('mark-all-read').click();
    await expect.poll(() => liaison.getByTestId('unread-summary').innerText()).toBe('未读 0 条');
    await expect.poll(() => liaison.getByTestId('unread-count').count()).toBe(0);
  }, 150_000);
});
