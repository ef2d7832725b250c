// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of the outage plan (issue #7): the duty office registers the 初判 (一般, blue), sees the clock
// board in 北京时间 and makes the 首报 on the 即时报告单; fills the 附件7 审批表 for a warning, which the office
// director reviews and the 指挥长 approves; the office publishes it and the CAP alert is served; the 指挥长 sees
// both readings of the response level with the inconsistency and decides 二级; termination is refused while a
// §5.4.2 condition is unmet, then accepted; the four §7 steps are recorded and the 指挥长 closes the incident.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/access/audit.ts';
import { createUser } from '../src/access/users.ts';
import { setPosts } from '../src/emergency/workflowStore.ts';
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
const DIRECTOR = {
  username: 'e2e-director',
  password: 'director-pass-2023',
  role: 'leader',
  displayName: '能源局局长',
} as const;
const COMMANDER = {
  username: 'e2e-commander',
  password: 'commander-pass-2023',
  role: 'leader',
  displayName: '副县长',
} as const;

describe.skipIf(!enabled)('大面积停电：初判 → 首报 → 预警审批 → CAP → 响应 → 终止 → 后期处置', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    for (const [u, post] of [
      [DIRECTOR, 'office-director'],
      [COMMANDER, 'commander'],
    ] as const) {
      await createUser(server.db, TENANT, u);
      await setPosts(server.db, TENANT, { username: u.username, posts: [post] }, cliActor('e2e') as never);
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('walks the whole plan in the browser', async () => {
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);

    // 初判: 45% of a 300 MW county grid → 一般 (blue)
    await admin.goto('/emergency');
    await admin.locator('#inc-title').fill('城区 110kV 变电站故障停电');
    await admin.locator('#inc-lost').fill('45');
    await admin.getByTestId('new-incident').getByRole('button', { name: '登记并定级' }).click();
    await admin.getByTestId('incident-page').waitFor();
    const url = admin.url();
    const id = Number(url.split('/').at(-1));
    expect(await admin.getByTestId('level-badge').innerText()).toBe('一般（蓝色）');
    const board = admin.getByTestId('clock-board');
    expect(await board.innerText()).toContain('北京时间');
    expect(await admin.getByTestId('clock-energy-bureau-phone').innerText()).toMatch(/^剩余 \d+分\d{2}秒$/);

    // 首报 on the 即时报告单 (written, to 市能源局 and 县人民政府)
    for (const [f, v] of [
      ['occurredAt', '今日 14:00'],
      ['place', '城区 110kV 变电站'],
      ['nature', '设备故障'],
      ['reporterUnit', '县能源局'],
      ['reporter', '王值班'],
      ['phone', '0355—7291995'],
    ]) {
      await admin.locator(`#rep-${f}`).fill(v as string);
    }
    await admin.getByTestId('report-form').getByRole('button', { name: '提交首报' }).click();
    await expect.poll(() => admin.getByTestId('clock-energy-bureau-written').innerText()).toMatch(/^已按时完成/);
    expect(await admin.getByTestId('timeline').innerText()).toContain('首报');

    // 附件7: 填报
    await admin.locator('#pub-title').fill('城区电网蓝色预警');
    await admin.locator('#pub-submitter').fill('王值班');
    await admin.locator('#pub-nature').fill('城区大面积停电');
    await admin.getByTestId('publication-form').getByRole('button', { name: '提交审核' }).click();
    const card = (p: Page) => p.getByTestId(`publication-${TENANT}-FB-${id}-1`);
    await expect.poll(() => card(admin).getByTestId('publication-state').innerText()).toBe('待审核');

    // 审核 by the office director, 审批 by the 指挥长
    const director = await (await newContext(browser, server.baseUrl)).newPage();
    director.setDefaultTimeout(10_000);
    await login(director, DIRECTOR.username, DIRECTOR.password);
    await director.goto(url);
    await card(director).locator('input').first().fill('情况属实');
    await card(director).getByRole('button', { name: '审核同意' }).click();
    await expect.poll(() => card(director).getByTestId('publication-state').innerText()).toBe('已审核，待审批');

    const commander = await (await newContext(browser, server.baseUrl)).newPage();
    commander.setDefaultTimeout(10_000);
    await login(commander, COMMANDER.username, COMMANDER.password);
    await commander.goto(url);
    await card(commander).getByRole('button', { name: '审批同意' }).click();
    await expect.poll(() => card(commander).getByTestId('publication-state').innerText()).toBe('已审批，待发布');

    // 发布 → CAP
    await admin.reload();
    await card(admin).locator(`input[placeholder="信息校对人员"]`).fill('李校对');
    await card(admin).locator(`input[placeholder="发布人员"]`).fill('张发布');
    await card(admin).getByRole('button', { name: '发布' }).click();
    await expect.poll(() => card(admin).getByTestId('publication-state').innerText()).toBe('已发布');
    const capHref = (await card(admin).getByTestId('cap-link').getAttribute('href')) as string;
    const cap = await admin.request.get(capHref);
    expect(cap.status()).toBe(200);
    const xml = await cap.text();
    expect(xml).toContain('<msgType>Alert</msgType>');
    expect(xml).toContain('<headline>城区电网蓝色预警</headline>');

    // the two readings, the finding, the 指挥部's decision
    await commander.reload();
    expect(await commander.getByTestId('reading-§5.2').innerText()).toContain('按 §5.2：二级');
    expect(await commander.getByTestId('reading-附件4').innerText()).toContain('按 附件4：三级');
    expect(await commander.getByTestId('inconsistency').innerText()).toContain('§5.2.1');
    await commander.locator('#decide-level').selectOption('二级');
    await commander.locator('#decide-note').fill('附件1 定为一般，按 §5.2.2 启动二级');
    await commander.getByTestId('readings').getByRole('button', { name: '启动响应' }).click();
    await expect.poll(() => commander.getByTestId('decision').innerText()).toContain('二级');
    expect(await commander.getByTestId('who-must-act').innerText()).toContain('签发启动二级响应');

    // termination: refused while 80% is not reached, then accepted
    const term = commander.getByTestId('termination');
    for (const k of ['gridRestored', 'hazardsEliminated', 'secondaryIncidentsHandled'])
      await term.locator(`#term-${k}`).check();
    await term.locator('#term-lost').fill('70');
    await term.locator('#term-key').fill('95');
    await term.getByRole('button', { name: '发布终止响应' }).click();
    await expect.poll(() => term.getByRole('alert').innerText()).toContain('80%');
    await term.locator('#term-lost').fill('85');
    await term.getByRole('button', { name: '发布终止响应' }).click();
    await expect.poll(() => commander.getByTestId('incident-state').innerText()).toContain('响应已终止');

    // 后期处置 (§7) by the office, then closed by the 指挥长
    await admin.reload();
    const after = admin.getByTestId('aftermath');
    for (const [step, text] of [
      ['evaluation', '评估报告已形成'],
      ['investigation', '设备老化引发母线故障'],
      ['aftercare', '善后方案已实施'],
      ['reconstruction', '设备已修复，无需重建'],
    ]) {
      await after.locator(`#after-${step}`).fill(text as string);
      if (step === 'reconstruction') await after.getByRole('checkbox').check();
      await after.locator(`li[data-step="${step}"]`).getByRole('button').click();
      await expect.poll(() => after.locator(`li[data-step="${step}"]`).innerText()).toContain(text as string);
    }
    await commander.reload();
    await commander.getByTestId('aftermath').getByRole('button', { name: '关闭事件' }).click();
    await expect.poll(() => commander.getByTestId('incident-state').innerText()).toContain('已关闭');
    const timeline = await commander.getByTestId('timeline').innerText();
    for (const t of ['首报', '审批表审核', '审批表审批', '发布预警', '启动应急响应', '终止应急响应', '后期处置']) {
      expect(timeline).toContain(t);
    }
  }, 120_000);

  it('shows the command structure and records a drill', async () => {
    const admin = await (await newContext(browser, server.baseUrl)).newPage();
    admin.setDefaultTimeout(10_000);
    await login(admin, USERS.admin.username, USERS.admin.password);
    await admin.goto('/emergency/command');
    expect(await admin.getByTestId('groups').innerText()).toContain('善后工作组');
    expect(await admin.getByTestId('contacts').innerText()).toContain('0355—7291995');
    expect(await admin.getByTestId('leadership').innerText()).toContain('能源局局长（e2e-director）');
    await admin.goto('/emergency/drills');
    await admin.locator('#inc-title').fill('年度桌面推演');
    await admin.locator('#inc-lost').fill('45');
    await admin.getByTestId('drill-form').getByRole('button', { name: '登记演练' }).click();
    await admin.getByTestId('incident-page').waitFor();
    expect(await admin.locator('h1').innerText()).toContain('【演练】');
    await admin.goto('/emergency/drills');
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
    await expect
      .poll(() => admin.locator(`[data-testid="drill-years"] tr:has(td:text-is("${year}"))`).innerText())
      .toContain('已开展');
  });
});
