// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's locator method (rendered text), not the DOM property
// Browser scenario of 会议: a 县政府常务会议 prepared through the meetings store (roster, topic proposed by 县财政局,
// agreed by the 分管 常务副县长, set by the 县长, materials sent, held, outcome with a document to issue, minutes
// drafted, agreed and through legality review). The 县长 signs in, finds the meeting in the list, sees the topic
// flagged 三重一大 (附件 四、2.) and the 7-working-day issue clock, clicks 签发纪要; the decisions link to the
// supervision items created in the signing transaction. The 常务副县长 sees no 签发 button (a refused POST is
// tested in src/meetings/routes.test.ts). The office then records the document's issue and the clock turns 已印发.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/access/roles.ts';
import { createUser } from '../src/access/users.ts';
import { addDays, shanghaiDate } from '../src/calendar/dates.ts';
import { addWorkdays } from '../src/calendar/workdays.ts';
import type { MeetingAction } from '../src/meetings/lifecycle.ts';
import { actOnMeeting, createMeeting, saveOfficial } from '../src/meetings/store.ts';
import { parseDecisionLines, parseParticipantLines } from '../web/src/meetings/lines.ts';
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
const EXEC = { username: 'e2e-exec', password: 'exec-pass-2023', role: 'leader', displayName: '李常务' } as const;
const CZJ = {
  username: 'e2e-czj',
  password: 'czj-pass-2023',
  role: 'liaison',
  unit: '县财政局',
  displayName: '财政局赵云',
} as const;

describe.skipIf(!enabled)('会议：县长签发常务会议纪要，决定事项生成督办事项', () => {
  let server: TestServer;
  let browser: Browser;
  let meetingId = 0;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    const db = server.db;
    const users: Record<string, Actor> = {};
    for (const [k, u] of Object.entries({ exec: EXEC, czj: CZJ })) {
      const c = await createUser(db, TENANT, u);
      users[k] = {
        id: c.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        unit: 'unit' in u ? u.unit : null,
      };
    }
    const row = await db.db
      .selectFrom('users')
      .selectAll()
      .where('username', 'in', [USERS.admin.username, USERS.leader.username])
      .execute();
    const id = (name: string) => row.find((r) => r.username === name)?.id as number;
    const admin: Actor = {
      id: id(USERS.admin.username),
      username: USERS.admin.username,
      displayName: USERS.admin.displayName,
      role: 'admin',
      unit: null,
    };
    const head: Actor = {
      id: id(USERS.leader.username),
      username: USERS.leader.username,
      displayName: USERS.leader.displayName,
      role: 'leader',
      unit: null,
    };
    const headO = await saveOfficial(
      db,
      TENANT,
      null,
      { name: '赵县长', post: 'county_head', oversees: [], userId: head.id },
      admin,
    );
    await saveOfficial(
      db,
      TENANT,
      null,
      { name: '李常务', post: 'executive_deputy', oversees: ['县财政局'], userId: users.exec?.id as number },
      admin,
    );

    // the meeting was held three working days ago (real calendar), prepared a week before that
    const today = shanghaiDate(new Date().toISOString()) as string;
    const date = addWorkdays(today, -3).date;
    const before = new Date(`${addDays(date, -7)}T09:00:00+08:00`);
    const after = new Date(`${date}T16:00:00+08:00`);
    const created = await createMeeting(
      db,
      TENANT,
      {
        kind: 'executive',
        title: '县政府第12次常务会议',
        date,
        convenerId: headO.id,
        participants: [{ name: '周局长', title: '县财政局局长', unit: '县财政局', role: 'attendee' }],
      },
      admin,
      { now: before },
    );
    meetingId = created.id;
    let version = created.version;
    const act = async (action: MeetingAction, actor: Actor, now: Date) => {
      const m = await actOnMeeting(db, TENANT, meetingId, { action, expectedVersion: version }, actor, { now });
      version = m.version;
      return m;
    };
    await act(
      { type: 'propose_topic', title: '关于追加县教育局校舍维修预算150万元的请示', unit: '县财政局' },
      users.czj as Actor,
      before,
    );
    await act({ type: 'agree_topic', topicId: 'T1' }, users.exec as Actor, before);
    await act({ type: 'set_topic', topicId: 'T1' }, head, before);
    await act({ type: 'send_materials', topicId: 'T1' }, admin, before);
    await act({ type: 'hold', present: created.meeting.participants.map((p) => p.id) }, admin, after);
    await act(
      { type: 'record_outcome', topicId: 'T1', result: 'approved', documents: ['襄垣县校舍维修实施方案'] },
      admin,
      after,
    );
    const due = `${new Date().getUTCFullYear() + 1}-06-30`;
    await act(
      {
        type: 'draft_minutes',
        text: '会议同意追加县教育局校舍维修预算150万元。',
        decisions: [
          {
            text: '县财政局按程序拨付校舍维修资金',
            lead: '县财政局',
            supports: ['县教育局'],
            dueOn: due,
            topicId: 'T1',
          },
          { text: '县教育局完成校舍维修并组织验收', lead: '县教育局', dueOn: due },
        ],
      },
      admin,
      after,
    );
    await act({ type: 'agree_minutes' }, users.exec as Actor, after);
    await act(
      { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '未发现合法性问题' },
      admin,
      after,
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('常务副县长看不到签发按钮；县长在会议页签发纪要，决定事项链接到督办事项', async () => {
    const deputy = await (await newContext(browser, server.baseUrl)).newPage();
    deputy.setDefaultTimeout(20_000);
    await login(deputy, EXEC.username, EXEC.password);
    await deputy.goto(`/meetings/${meetingId}`);
    await expect.poll(() => deputy.getByTestId('minutes-state').innerText()).toContain('已通过合法性审核');
    expect(await deputy.getByRole('button', { name: '签发纪要' }).count()).toBe(0);

    const page = await (await newContext(browser, server.baseUrl)).newPage();
    page.setDefaultTimeout(20_000);
    await login(page, USERS.leader.username, USERS.leader.password);
    await page.getByRole('link', { name: '县政府会议' }).click();
    await page.getByTestId(`meeting-row-${meetingId}`).getByRole('link').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('县政府第12次常务会议');
    // the topic and its 三重一大 flag with the item of the 附件 and the reason
    const topic = page.getByTestId('topic-T1');
    await expect.poll(() => topic.getByTestId('szyd-T1').innerText()).toBe('三重一大');
    expect(await topic.innerText()).toContain('四、2.');
    expect(await topic.innerText()).toContain('150万元');
    // the 7-working-day issue clock is running (3 working days gone)
    expect(await page.getByTestId('issue-T1-0').locator('.issue-clock').getAttribute('data-light')).toBe('green');
    expect(await page.getByTestId('decision-D1').innerText()).toContain('签发后生成');

    await page.getByRole('button', { name: '签发纪要' }).click();
    await expect.poll(() => page.getByTestId('minutes-state').innerText()).toBe('已签发');
    const link = page.getByTestId('decision-D1').getByRole('link');
    await expect.poll(() => link.innerText()).toMatch(/督办事项 #\d+/);
    await link.click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('县财政局按程序拨付校舍维修资金');

    // the deputy sees the signed minutes too
    await deputy.reload();
    await expect.poll(() => deputy.getByTestId('minutes-state').innerText()).toBe('已签发');

    // the office records the document's issue: the clock shows it issued in time
    const office = await (await newContext(browser, server.baseUrl)).newPage();
    office.setDefaultTimeout(20_000);
    await login(office, USERS.admin.username, USERS.admin.password);
    await office.goto(`/meetings/${meetingId}`);
    const issue = office.getByTestId('issue-T1-0');
    await issue.getByPlaceholder('发文字号').fill('襄政发〔2023〕30号');
    await issue.getByLabel('印发日期').fill(shanghaiDate(new Date().toISOString()) as string);
    await issue.getByRole('button', { name: '登记印发' }).click();
    await expect.poll(() => issue.locator('.issue-clock').getAttribute('data-light')).toBe('issued');
    expect(await issue.innerText()).toContain('襄政发〔2023〕30号');
  }, 90_000);
});

describe('会议页面的行格式（无浏览器）', () => {
  it('与会人员：姓名｜职务｜单位｜身份，默认列席', () => {
    expect(parseParticipantLines('周局长｜县财政局局长｜县财政局\n\n吴局长|县教育局局长|县教育局|组成人员')).toEqual([
      { name: '周局长', title: '县财政局局长', unit: '县财政局', role: 'attendee' },
      { name: '吴局长', title: '县教育局局长', unit: '县教育局', role: 'member' },
    ]);
  });
  it('决定事项：事项｜牵头单位｜配合单位｜时限', () => {
    expect(parseDecisionLines('拨付资金｜县财政局｜县教育局、县发改局｜2024-04-30\n组织验收|县教育局')).toEqual([
      { text: '拨付资金', lead: '县财政局', supports: ['县教育局', '县发改局'], dueOn: '2024-04-30' },
      { text: '组织验收', lead: '县教育局', supports: [], dueOn: null },
    ]);
  });
});
