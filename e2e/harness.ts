// Browser-test harness: the real server in-process on a random port, a fresh SQLite database with the
// real seed gazette (and a small restricted fixture) imported, three accounts, the built web app, and
// Debian's Chromium driven by playwright-core. Never downloads a browser.
//
// Chromium missing: the suites are skipped with a loud warning, unless CI is set (then they fail).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { cliActor } from '../src/access/audit.ts';
import { createUser } from '../src/access/users.ts';
import { parseGazette } from '../src/gazette/parse.ts';
import { type Db, openDb } from '../src/platform/db.ts';
import { buildServer } from '../src/platform/http.ts';
import { importGazette } from '../src/platform/importing.ts';
import { seedAvailable, seedText } from '../test/seed.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..');
export const WEB_ROOT = join(REPO, 'web', 'dist');
/** Debian's Chromium (apt-get install chromium); LUOSHI_CHROMIUM overrides it (e.g. to check the skip path). */
export const CHROMIUM = process.env.LUOSHI_CHROMIUM ?? '/usr/bin/chromium';
export const TENANT = '140423';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Accounts created in every test server (passwords meet the 10-character minimum). */
export const USERS = {
  admin: { username: 'e2e-admin', password: 'admin-pass-2023', role: 'admin', displayName: '王管理' },
  leader: { username: 'e2e-leader', password: 'leader-pass-2023', role: 'leader', displayName: '赵领导' },
  liaison: {
    username: 'e2e-liaison',
    password: 'liaison-pass-2023',
    role: 'liaison',
    unit: '襄垣县能源局',
    displayName: '李联络',
  },
} as const;

/** Whether the browser suites can run. Loud when they cannot; an error in CI. */
export function browserTestsEnabled(): boolean {
  if (!seedAvailable()) return false;
  if (existsSync(CHROMIUM)) return true;
  const message = `浏览器测试需要 Debian 的 Chromium（${CHROMIUM}），但它不存在。请运行：apt-get install -y chromium`;
  if (process.env.CI) throw new Error(message);
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! ${message}\n!!! e2e/ 下的浏览器测试已全部跳过（CI 中设置 CI 时会失败）。\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
  return false;
}

// ---- the web build ------------------------------------------------------------------------

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function buildIsStale(): boolean {
  const index = join(WEB_ROOT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const inputs = [join(REPO, 'web', 'src'), join(REPO, 'web', 'index.html'), join(REPO, 'web', 'vite.config.ts')];
  return inputs.some((p) => existsSync(p) && newestMtime(p) > built);
}

/** Build web/dist once (vite build) when it is missing or older than its sources. Safe across parallel workers. */
export function ensureWebBuild(): void {
  if (!buildIsStale()) return;
  const lock = join(REPO, 'web', '.build-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes is stale.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error('等待 web 构建锁超时（web/.build-lock）');
      spawnSync('sleep', ['0.2']);
    }
  }
  try {
    if (!buildIsStale()) return;
    const require = createRequire(import.meta.url);
    const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [viteBin, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`web 构建失败（vite build）：\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

// ---- the server ---------------------------------------------------------------------------

export interface TestServer {
  baseUrl: string;
  db: Db;
  app: FastifyInstance;
  /** Document ids by 发文字号, e.g. ids['襄政办发〔2023〕15号']. */
  ids: Record<string, number>;
  /** The issue id of the seed (2023年第3期) and of the restricted fixture (2023年第9期). */
  seedIssueId: number;
  restrictedIssueId: number;
  close(): Promise<void>;
}

export const RESTRICTED_DOC = '襄政办发〔2023〕99号';
export const RESTRICTED_TITLE = '关于做好内部值守演练保密工作的通知';

export async function startServer(): Promise<TestServer> {
  const db = await openDb({ file: ':memory:' });
  const ids: Record<string, number> = {};
  const load = async (source: string, sourceName: string) => {
    const result = await importGazette(
      db,
      { tenant: TENANT, issue: parseGazette(source), source, sourceName },
      cliActor('e2e'),
    );
    for (const d of result.documents) ids[d.docNumber] = d.documentId;
    return result.issueId;
  };
  const seedIssueId = await load(seedText(), 'xiangyuan-gazette-2023-03.txt');
  // A notice printed without 附注 is not published: the parser marks it restricted.
  const fixture = readFileSync(join(here, 'fixtures', 'restricted-gazette.txt'), 'utf8');
  const restrictedIssueId = await load(fixture, 'restricted-gazette.txt');
  for (const u of Object.values(USERS)) await createUser(db, TENANT, u);

  const app = await buildServer({ db, tenant: TENANT, webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('服务器没有监听 TCP 端口');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    db,
    app,
    ids,
    seedIssueId,
    restrictedIssueId,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

// ---- the browser --------------------------------------------------------------------------

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
}

/** Signs in through the login form and waits for the user box of the signed-in layout. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.getByTestId('userbox').waitFor();
}
