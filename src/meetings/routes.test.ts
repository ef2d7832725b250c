// /api/meetings over HTTP on real databases (SQLite and, with DATABASE_URL, PostgreSQL): a 常务会议 from planning
// to signed minutes, whose decisions become assigned supervision items (13710) in the signing transaction;
// refusals carry the lifecycle's Chinese message; a stale version answers 409; bad input changes nothing.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { User } from '../access/users.ts';
import type { Db } from '../platform/db.ts';
import {
  databaseFingerprint as fingerprint,
  forEachDatabase,
  serverWithSessions,
  type TestSession,
} from '../platform/testing.ts';
import { getSupervisionSettings, saveSupervisionSettings } from '../supervision/settingsStore.ts';

/** Every table but sessions (a request refreshes its session's last-seen time). */
async function databaseFingerprint(db: Db): Promise<Record<string, string>> {
  const { sessions: _s, ...rest } = await fingerprint(db);
  return rest;
}

import type { MeetingDetail } from './store.ts';

const TENANT = '140423';

const beijing = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

forEachDatabase('meetings routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  let session: (username: string) => TestSession;
  let users: Record<string, User>;

  beforeEach(async () => {
    clock = beijing('2023-03-08'); // Wednesday
    ({ app, session, users } = await serverWithSessions(
      t.db,
      TENANT,
      [
        { username: 'admin', role: 'admin', displayName: '县政府办刘洋' },
        { username: 'head', role: 'leader', displayName: '王县长' },
        { username: 'exec', role: 'leader', displayName: '李常务' },
        { username: 'dep', role: 'leader', displayName: '张副县长' },
        { username: 'czj', role: 'liaison', displayName: '财政局赵云', unit: '县财政局' },
        { username: 'sfj', role: 'liaison', displayName: '司法局钱程', unit: '县司法局' },
      ],
      { now: () => clock },
    ));
  });
  afterEach(async () => {
    await app?.close();
  });

  const post = (u: string, url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object, ...session(u) });
  const get = (u: string, url: string) => app.inject({ method: 'GET', url, ...session(u) });

  async function roster(): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const [key, body] of Object.entries({
      head: { name: '王县长', post: 'county_head', oversees: [], userId: users.head?.id },
      exec: { name: '李常务', post: 'executive_deputy', oversees: ['县财政局'], userId: users.exec?.id },
      dep: { name: '张副县长', post: 'deputy', oversees: ['县教育局'], userId: users.dep?.id },
    })) {
      const r = await post('admin', '/api/meetings/officials', body);
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().official.id as string;
    }
    return ids;
  }

  async function act(u: string, m: { id: number; version: number }, action: object, status = 200) {
    const r = await post(u, `/api/meetings/${m.id}/actions`, { action, version: m.version });
    expect(r.statusCode, r.body).toBe(status);
    return r;
  }

  async function planned(): Promise<MeetingDetail> {
    const ids = await roster();
    const r = await post('admin', '/api/meetings', {
      kind: 'executive',
      title: '县政府2023年第5次常务会议',
      date: '2023-03-15',
      convenerId: ids.head,
      participants: [{ name: '周局长', title: '县财政局局长', unit: '县财政局', role: 'attendee' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().meeting as MeetingDetail;
  }

  it('plans, takes a topic through 分管 agreement and 县长, signs minutes, and opens supervision items', async () => {
    let m = await planned();
    expect(m.meeting.participants.some((p) => p.title === '县人武部部长')).toBe(true);
    m = (
      await act('czj', m, { type: 'propose_topic', title: '关于追加校舍维修预算150万元的请示', unit: '县财政局' })
    ).json().meeting;
    expect(m.majorTopics).toBe(1);
    // the county head cannot set a topic the 分管 leader has not agreed
    const early = await act('head', m, { type: 'set_topic', topicId: 'T1' }, 400);
    expect(early.json().error.message).toContain('尚未经分管领导同志同意');
    // a deputy not in charge of 县财政局 cannot agree (403, audited)
    const wrong = await act('dep', m, { type: 'agree_topic', topicId: 'T1' }, 403);
    expect(wrong.json().error.message).toContain('不分管县财政局');
    m = (await act('exec', m, { type: 'agree_topic', topicId: 'T1' })).json().meeting;
    m = (await act('head', m, { type: 'set_topic', topicId: 'T1' })).json().meeting;
    m = (await act('admin', m, { type: 'send_materials', topicId: 'T1' })).json().meeting;
    expect(m.materials.T1?.status).toBe('on_time');
    clock = beijing('2023-03-15', '15:00');
    m = (await act('admin', m, { type: 'hold', present: m.meeting.participants.map((p) => p.id) })).json().meeting;
    m = (
      await act('admin', m, {
        type: 'record_outcome',
        topicId: 'T1',
        result: 'approved',
        documents: ['襄垣县校舍维修实施方案'],
      })
    ).json().meeting;
    expect(m.issueClocks.T1?.[0]).toMatchObject({ light: 'green', dueBy: '2023-03-24' });
    m = (
      await act('admin', m, {
        type: 'draft_minutes',
        text: '会议同意追加校舍维修预算150万元。',
        decisions: [
          {
            text: '县财政局4月底前拨付校舍维修资金',
            lead: '县财政局',
            supports: ['县教育局'],
            dueOn: '2023-04-28',
            topicId: 'T1',
          },
          { text: '县教育局5月底前完成校舍维修', lead: '县教育局', dueOn: '2023-05-31' },
        ],
      })
    ).json().meeting;
    m = (await act('exec', m, { type: 'agree_minutes' })).json().meeting;
    m = (
      await act('sfj', m, { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '未发现合法性问题' })
    ).json().meeting;
    // a 副县长 may not sign 常务会议 minutes
    const notHis = await act('exec', m, { type: 'sign_minutes' }, 403);
    expect(notHis.json().error.message).toContain('无权签发县政府常务会议纪要');
    m = (await act('head', m, { type: 'sign_minutes' })).json().meeting;
    expect(m.meeting.minutes?.state).toBe('signed');
    const itemIds = m.meeting.minutes?.decisions.map((d) => d.itemId) ?? [];
    expect(itemIds.every((x) => typeof x === 'number')).toBe(true);
    // the items exist, assigned, with units, dates and the minutes as source
    const items = (await get('admin', '/api/supervision/items')).json().items as {
      id: number;
      lead: string;
      supports: string[];
      state: string;
      dueOn: string;
      category: string;
      citation: string;
    }[];
    const first = items.find((i) => i.id === itemIds[0]);
    expect(first).toMatchObject({
      lead: '县财政局',
      supports: ['县教育局'],
      state: 'assigned',
      dueOn: '2023-04-28',
      category: 'major',
    });
    expect(first?.citation).toContain('县政府2023年第5次常务会议（2023-03-15）纪要 决定事项1');
    expect(items.find((i) => i.id === itemIds[1])).toMatchObject({ lead: '县教育局', category: 'ordinary' });
    // audit: the signature with its items, and the denied attempts
    const audit = (await get('admin', '/api/audit?limit=200')).json();
    const rows = (audit.entries ?? audit.records ?? audit.items ?? []) as { action: string; outcome: string }[];
    expect(rows.some((r) => r.action === 'meeting:sign_minutes' && r.outcome === 'ok')).toBe(true);
    expect(rows.some((r) => r.action === 'meeting:sign_minutes' && r.outcome === 'denied')).toBe(true);
    expect(rows.filter((r) => r.action === 'supervision:create').length).toBe(2);
    // the issue clock turns red after 7 working days
    clock = beijing('2023-03-28');
    const later = (await get('admin', `/api/meetings/${m.id}`)).json().meeting as MeetingDetail;
    expect(later.issueClocks.T1?.[0]?.light).toBe('red');
    expect(later.findings.some((f) => f.kind === 'issue_overdue')).toBe(true);
  });

  it('a decision whose date has passed by signing day rolls the signature back, naming the decision', async () => {
    let m = await planned();
    m = (await act('czj', m, { type: 'propose_topic', title: '听取财政运行情况汇报', unit: '县财政局' })).json()
      .meeting;
    m = (await act('exec', m, { type: 'agree_topic', topicId: 'T1' })).json().meeting;
    m = (await act('head', m, { type: 'set_topic', topicId: 'T1' })).json().meeting;
    m = (await act('admin', m, { type: 'send_materials', topicId: 'T1' })).json().meeting;
    clock = beijing('2023-03-15', '15:00');
    m = (await act('admin', m, { type: 'hold', present: m.meeting.participants.map((p) => p.id) })).json().meeting;
    m = (await act('admin', m, { type: 'record_outcome', topicId: 'T1', result: 'approved' })).json().meeting;
    m = (
      await act('admin', m, {
        type: 'draft_minutes',
        text: '纪要',
        decisions: [{ text: '县财政局3月20日前报送一季度财政运行分析', lead: '县财政局', dueOn: '2023-03-20' }],
      })
    ).json().meeting;
    m = (await act('exec', m, { type: 'agree_minutes' })).json().meeting;
    m = (await act('admin', m, { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '合法' })).json()
      .meeting;
    clock = beijing('2023-03-22');
    const before = await databaseFingerprint(t.db);
    const r = await act('head', m, { type: 'sign_minutes' }, 400);
    expect(r.json().error.message).toContain('纪要第 1 项决定事项');
    expect(r.json().error.message).toContain('纪要未签发');
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('a stale version answers 409; bad input answers 400 naming the field; neither writes anything', async () => {
    const m = await planned();
    await act('czj', m, { type: 'propose_topic', title: '议题一', unit: '县财政局' });
    const other = await act('czj', { ...m, version: 2 }, { type: 'propose_topic', title: '二', unit: '县教育局' }, 403);
    expect(other.json().error.message).toContain('只能以本单位');
    const before = await databaseFingerprint(t.db); // after the denial, which is audited
    const stale = await act('czj', m, { type: 'propose_topic', title: '议题二', unit: '县财政局' }, 409);
    expect(stale.json().error.message).toContain('已被他人更新');
    const bad = await post('admin', `/api/meetings/${m.id}/actions`, { action: { type: 'fly' }, version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/action/);
    const badPlan = await post('admin', '/api/meetings', {
      kind: 'executive',
      title: 'x',
      date: '2023-13-01',
      convenerId: '1',
    });
    expect(badPlan.statusCode).toBe(400);
    expect(badPlan.json().error.field, badPlan.body).toBe('date');
    const noConvener = await post('admin', '/api/meetings', {
      kind: 'executive',
      title: 'x',
      date: '2023-03-20',
      convenerId: '999',
    });
    expect(noConvener.statusCode).toBe(400);
    expect(noConvener.json().error.message).toContain('convenerId');
    const missing = await get('admin', '/api/meetings/999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('未找到编号为 999 的会议');
    expect((await act('admin', { id: 999, version: 1 }, { type: 'cancel', reason: '改期' }, 404)).statusCode).toBe(404);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('authorization: liaisons cannot plan; the public cannot read; a leader not on the roster cannot sign', async () => {
    expect(
      (await post('czj', '/api/meetings', { kind: 'executive', title: 'x', date: '2023-03-20', convenerId: '1' }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/meetings' })).statusCode).toBe(401);
    const ids = await roster();
    const dup = await post('admin', '/api/meetings/officials', { name: '另一县长', post: 'county_head', oversees: [] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('已有县长');
    const link = await post('admin', '/api/meetings/officials', {
      name: '孙',
      post: 'deputy',
      oversees: [],
      userId: users.czj?.id,
    });
    expect(link.json().error.message).toContain('领导');
    expect(Object.keys(ids)).toHaveLength(3);
  });

  it('classifies text, records 第二十五条 requests with the 10-working-day check, and reports cadence', async () => {
    const c = await post('czj', '/api/meetings/classify', { text: '关于动用预备费200万元的请示' });
    expect(c.json().classification.major).toBe(true);
    const late = await post('czj', '/api/meetings/requests', {
      unit: '县财政局',
      title: '全县财政工作会议',
      meetingDate: '2023-03-20',
      submittedOn: '2023-03-10',
    });
    expect(late.statusCode).toBe(201);
    expect(late.json().request).toMatchObject({ onTime: false, latest: '2023-03-06' });
    const foreign = await post('czj', '/api/meetings/requests', {
      unit: '县教育局',
      title: '全县教育工作会议',
      meetingDate: '2023-04-20',
      submittedOn: '2023-03-10',
    });
    expect(foreign.statusCode).toBe(403);
    const ids = await roster();
    await post('admin', '/api/meetings', {
      kind: 'study',
      title: '专题学习',
      theme: '学习二十大精神',
      date: '2023-02-20',
      convenerId: ids.head,
    });
    const cad = (await get('head', '/api/meetings/cadence?year=2023')).json().cadence;
    expect(cad.study[0].status).toBe('ok');
    expect(cad.executive.map((x: { month: string }) => x.month)).toEqual(['2023-01', '2023-02', '2023-03']);
  });

  it('the county calendar (its local holidays) moves the 7-working-day issue deadline', async () => {
    const settings = await getSupervisionSettings(t.db, TENANT);
    await saveSupervisionSettings(
      t.db,
      TENANT,
      { ...settings, calendar: [{ date: '2023-03-20', workday: false, note: '县里调休（测试）' }] },
      { id: null, name: '测试', role: 'system' },
    );
    let m = await planned();
    m = (await act('czj', m, { type: 'propose_topic', title: '审议校舍维修方案', unit: '县财政局' })).json().meeting;
    m = (await act('exec', m, { type: 'agree_topic', topicId: 'T1' })).json().meeting;
    m = (await act('head', m, { type: 'set_topic', topicId: 'T1' })).json().meeting;
    m = (await act('admin', m, { type: 'send_materials', topicId: 'T1' })).json().meeting;
    clock = beijing('2023-03-15', '15:00');
    m = (await act('admin', m, { type: 'hold', present: m.meeting.participants.map((p) => p.id) })).json().meeting;
    m = (
      await act('admin', m, { type: 'record_outcome', topicId: 'T1', result: 'approved', documents: ['方案'] })
    ).json().meeting;
    // without the local day off the deadline is 2023-03-24 (see the first test); with it, one working day later
    expect(m.meeting.topics[0]?.outcome?.documents[0]?.dueBy).toBe('2023-03-27');
  });
});
