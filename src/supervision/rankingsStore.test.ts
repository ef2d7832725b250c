// Rankings, the 通报 and the leader's dashboard on real databases (SQLite and PostgreSQL): items driven through
// the store (createItem/act) on chosen dates, leaders' units stored, the HTTP routes and the CLI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import type { Actor } from '../access/roles.ts';
import { createUser } from '../access/users.ts';
import type { Db } from '../platform/db.ts';
import { openDb } from '../platform/db.ts';
import { isAppError } from '../platform/errors.ts';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { monthPeriod, type Rankings } from './rankings.ts';
import { type Dashboard, leaderDashboard, periodRankings, setLeaderUnits } from './rankingsStore.ts';
import { docxText, zipEntry } from './report.testkit.ts';
import { act, createItem } from './store.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';
const A = '县发改局';
const B = '县财政局';
const C = '县教育局';
const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

interface People {
  admin: Actor;
  leader: Actor;
  leader2: Actor;
  liaison: Record<string, Actor>;
}

async function people(db: Db): Promise<People> {
  const mk = async (username: string, role: 'admin' | 'leader' | 'liaison', displayName: string, unit?: string) => {
    const u = await createUser(db, TENANT, {
      username,
      password: PASSWORD,
      role,
      displayName,
      ...(unit ? { unit } : {}),
    });
    return { id: u.id, username, displayName, role, unit: unit ?? null } satisfies Actor;
  };
  return {
    admin: await mk('admin', 'admin', '督查室张敏'),
    leader: await mk('leader', 'leader', '王副县长'),
    leader2: await mk('leader2', 'leader', '李副县长'),
    liaison: {
      [A]: await mk('fgj', 'liaison', '发改局联络员', A),
      [B]: await mk('czj', 'liaison', '财政局联络员', B),
      [C]: await mk('jyj', 'liaison', '教育局联络员', C),
    },
  };
}

interface Plan {
  title: string;
  lead: string;
  supports?: string[];
  assignedOn?: string;
  dueOn: string;
  extend?: { on: string; to: string; decide?: boolean };
  apply?: string;
  close?: { on: string; rating: '优秀' | '良好' | '合格' | '不合格' };
}

/** An item through the store: 立项+交办, 签收, 研究部署, supporting reports, extension, 申请办结, 办结销号. */
async function seed(db: Db, p: People, plan: Plan): Promise<number> {
  const assignedOn = plan.assignedOn ?? '2023-06-01';
  let item = await createItem(
    db,
    TENANT,
    {
      title: plan.title,
      category: 'ordinary',
      lead: plan.lead,
      supports: plan.supports ?? [],
      dueOn: plan.dueOn,
      assign: true,
    },
    p.admin,
    { now: at(assignedOn, '08:30') },
  );
  const step = async (action: string, payload: Record<string, unknown>, actor: Actor, when: Date) => {
    item = await act(db, TENANT, item.id, { action: action as never, payload, expectedVersion: item.version }, actor, {
      now: when,
    });
  };
  const lead = p.liaison[plan.lead] as Actor;
  await step('acknowledge', {}, lead, at(assignedOn, '09:00'));
  await step('deploy', { summary: '研究部署' }, lead, at(assignedOn, '09:30'));
  for (const u of plan.supports ?? []) {
    await step('acknowledge', {}, p.liaison[u] as Actor, at(assignedOn, '10:00'));
    await step('support_report', { summary: '配合报送' }, p.liaison[u] as Actor, at(assignedOn, '10:30'));
  }
  if (plan.extend) {
    await step(
      'request_extension',
      { reason: '等待批复', newCloseBy: plan.extend.to },
      lead,
      at(plan.extend.on, '11:00'),
    );
    if (plan.extend.decide !== false) await step('approve_extension', {}, p.leader, at(plan.extend.on, '11:30'));
  }
  if (plan.apply) {
    await step(
      'request_closure',
      { summary: '已完成', evidence: [{ name: '办结报告.pdf', ref: 'files/x.pdf' }] },
      lead,
      at(plan.apply, '15:00'),
    );
  }
  if (plan.close) await step('close', { rating: plan.close.rating }, p.admin, at(plan.close.on, '17:00'));
  return item.id;
}

/** June 2023: A on time ×2 (one with B supporting), B late, C overdue (+ one carried over from May). */
async function june(db: Db, p: People): Promise<void> {
  await seed(db, p, {
    title: '事项一',
    lead: A,
    supports: [B],
    dueOn: '2023-06-20',
    apply: '2023-06-19',
    close: { on: '2023-06-20', rating: '优秀' },
  });
  await seed(db, p, {
    title: '事项二',
    lead: A,
    dueOn: '2023-06-15',
    apply: '2023-06-08',
    close: { on: '2023-06-09', rating: '良好' },
  });
  await seed(db, p, {
    title: '事项三',
    lead: B,
    dueOn: '2023-06-12',
    apply: '2023-06-14',
    close: { on: '2023-06-15', rating: '合格' },
  });
  await seed(db, p, { title: '事项四', lead: C, supports: [A], dueOn: '2023-06-16' });
  await seed(db, p, { title: '事项五', lead: C, assignedOn: '2023-05-04', dueOn: '2023-05-22' });
}

function appCode(e: unknown): string {
  return isAppError(e) ? `${e.code}:${e.location.field ?? ''}` : String(e);
}

forEachDatabase('supervision rankings store', (t) => {
  it('ranks the units of the database and the leaders by their stored units (分管)', async () => {
    const p = await people(t.db);
    await june(t.db, p);
    await setLeaderUnits(t.db, TENANT, p.leader.id as number, [A, B, ` ${A} `], p.admin, { now: at('2023-07-01') });
    await setLeaderUnits(t.db, TENANT, p.leader2.id as number, [C], p.admin, { now: at('2023-07-01') });
    const r = await periodRankings(t.db, TENANT, monthPeriod('2023-06'), { now: at('2023-07-03') });
    expect(r.asOf).toBe('2023-07-03');
    expect(r.totals).toMatchObject({ due: 4, onTime: 2, late: 1, overdue: 1, overdueOpen: 2, closed: 3 });
    expect(r.lead.map((u) => [u.unit, u.rank])).toEqual([
      [A, 1],
      [B, 2],
      [C, 3],
    ]);
    expect(r.support.map((u) => [u.unit, u.due, u.onTime, u.overdue])).toEqual([
      [B, 1, 1, 0],
      [A, 1, 0, 1],
    ]);
    expect(r.leaders.map((l) => [l.leader, l.units, l.rank, l.onTime, l.due])).toEqual([
      ['王副县长', [A, B], 1, 2, 3],
      ['李副县长', [C], 2, 0, 1],
    ]);
    expect(r.overdueItems.map((o) => o.title)).toEqual(['事项五', '事项四']);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'supervision:leader_units')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toEqual({ units: [A, B] });
  });

  it('refuses units for an account that is not a leader, or unknown, and changes nothing', async () => {
    const p = await people(t.db);
    const before = await databaseFingerprint(t.db);
    await expect(setLeaderUnits(t.db, TENANT, p.liaison[A]?.id as number, [A], p.admin)).rejects.toSatisfy(
      (e) => appCode(e) === 'BAD_INPUT:userId',
    );
    await expect(setLeaderUnits(t.db, TENANT, 9999, [A], p.admin)).rejects.toSatisfy(
      (e) => appCode(e) === 'NOT_FOUND:',
    );
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it("a leader's dashboard: their units' items by light, overdue, extensions awaiting a decision, recent closures", async () => {
    const p = await people(t.db);
    await june(t.db, p);
    // an extension request from C awaiting a leader's decision
    await seed(t.db, p, {
      title: '事项六',
      lead: C,
      dueOn: '2023-07-20',
      extend: { on: '2023-06-20', to: '2023-08-10', decide: false },
    });
    await setLeaderUnits(t.db, TENANT, p.leader2.id as number, [C], p.admin);
    const d: Dashboard = await leaderDashboard(
      t.db,
      TENANT,
      { userId: p.leader2.id, name: '李副县长' },
      { now: at('2023-07-03') },
    );
    expect(d.wholeCounty).toBe(false);
    expect(d.units).toEqual([C]);
    expect(d.items.map((i) => [i.title, i.light])).toEqual([
      ['事项四', 'red'],
      ['事项五', 'red'],
      ['事项六', 'red'], // deployed on 06-01 but never fed back: the 3-day feedback is overdue
    ]);
    expect(d.counts).toMatchObject({ red: 3, green: 0, yellow: 0 });
    expect(d.overdue.map((i) => i.title)).toEqual(['事项五', '事项四']);
    expect(d.awaitingDecision.map((i) => [i.title, i.newCloseBy])).toEqual([['事项六', '2023-08-10']]);
    expect(d.recentClosures).toEqual([]);
    // a leader without units sees the county; closures of the last 30 days, newest first
    const all = await leaderDashboard(
      t.db,
      TENANT,
      { userId: p.leader.id, name: '王副县长' },
      { now: at('2023-07-03') },
    );
    expect(all.wholeCounty).toBe(true);
    expect(all.recentClosures.map((i) => [i.title, i.closedOn, i.rating])).toEqual([
      ['事项一', '2023-06-20', '优秀'],
      ['事项三', '2023-06-15', '合格'],
      ['事项二', '2023-06-09', '良好'],
    ]);
  });
});

forEachDatabase('supervision rankings routes', (t) => {
  let app: FastifyInstance;
  let clock: Date;
  let p: People;
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    p = await people(t.db);
    await june(t.db, p);
    clock = at('2023-07-03');
    ({ app, session } = await serverWithSessions(t.db, TENANT, [], {
      now: () => clock,
      password: PASSWORD,
      signIn: ['admin', 'leader', 'leader2', 'fgj'],
    }));
  });
  afterEach(async () => {
    await app?.close();
  });
  const get = (u: string | null, url: string) => app.inject({ method: 'GET', url, ...(u ? session(u) : {}) });

  it('GET /rankings by month or by from/to; bad input is a 400 naming the field; the public gets 401', async () => {
    const res = await get('fgj', '/api/supervision/rankings?month=2023-06');
    expect(res.statusCode).toBe(200);
    const r = res.json().rankings as Rankings;
    expect(r.totals).toMatchObject({ due: 4, onTime: 2, overdueOpen: 2 });
    expect(r.lead[0]?.unit).toBe(A);
    const range = (await get('admin', '/api/supervision/rankings?from=2023-06-01&to=2023-06-15')).json()
      .rankings as Rankings;
    expect(range.totals.due).toBe(2);
    for (const [url, field] of [
      ['/api/supervision/rankings?month=2023-13', 'month'],
      ['/api/supervision/rankings?month=六月', 'month'],
      ['/api/supervision/rankings?from=2023-06-30&to=2023-06-01', 'from'],
      ['/api/supervision/rankings?from=2023-06-01', 'to'],
      ['/api/supervision/rankings/trend?from=2023-05&to=x', 'to'],
    ] as const) {
      const bad = await get('admin', url);
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().error.field, url).toBe(field);
      expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await get(null, '/api/supervision/rankings?month=2023-06')).statusCode).toBe(401);
    const trend = (await get('leader', '/api/supervision/rankings/trend?from=2023-05&to=2023-07')).json().trend;
    expect(trend.map((x: { month: string; due: number }) => [x.month, x.due])).toEqual([
      ['2023-05', 1],
      ['2023-06', 4],
      ['2023-07', 0],
    ]);
  });

  it('GET /report.xlsx and /report.docx: real files with the month figures', async () => {
    const x = await get('leader', '/api/supervision/report.xlsx?month=2023-06');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain("filename*=UTF-8''2023");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const overdue = wb.getWorksheet('逾期未办结事项') as ExcelJS.Worksheet;
    expect([overdue.getRow(2).getCell(3).value, overdue.getRow(3).getCell(3).value]).toEqual(['事项五', '事项四']);
    const d = await get('admin', '/api/supervision/report.docx?month=2023-06');
    expect(d.statusCode).toBe(200);
    const text = docxText(zipEntry(d.rawPayload, 'word/document.xml'));
    expect(text).toContain('关于2023年6月份重点工作督办落实情况的通报');
    expect(text).toContain('到期督办事项 4 件');
    expect((await get('admin', '/api/supervision/report.docx?month=2023-6')).statusCode).toBe(400);
  });

  it('dashboard: a leader sees their own (分管 set by the office), the office any leader, a liaison is refused', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: `/api/supervision/leaders/${p.leader2.id}/units`,
      ...session('admin'),
      payload: { units: [C] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().leader.units).toEqual([C]);
    const denied = await app.inject({
      method: 'PUT',
      url: `/api/supervision/leaders/${p.leader2.id}/units`,
      ...session('leader'),
      payload: { units: [A] },
    });
    expect(denied.statusCode).toBe(403);
    const badBody = await app.inject({
      method: 'PUT',
      url: `/api/supervision/leaders/${p.leader2.id}/units`,
      ...session('admin'),
      payload: { units: [''] },
    });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().error.field).toBe('units.0');

    const mine = (await get('leader2', '/api/supervision/dashboard')).json().dashboard as Dashboard;
    expect(mine.units).toEqual([C]);
    expect(mine.overdue.map((i) => i.title)).toEqual(['事项五', '事项四']);
    expect((await get('leader2', `/api/supervision/dashboard?leader=${p.leader.id}`)).statusCode).toBe(403);
    const office = (await get('admin', `/api/supervision/dashboard?leader=${p.leader2.id}`)).json()
      .dashboard as Dashboard;
    expect(office.leader.name).toBe('李副县长');
    expect(office.units).toEqual([C]);
    expect(((await get('admin', '/api/supervision/dashboard')).json().dashboard as Dashboard).wholeCounty).toBe(true);
    const liaison = await get('fgj', '/api/supervision/dashboard');
    expect(liaison.statusCode).toBe(403);
    expect(liaison.json().error.message).toContain('领导看板');
    const leaders = (await get('fgj', '/api/supervision/leaders')).json().leaders;
    expect(leaders.map((l: { leader: string; units: string[] }) => [l.leader, l.units])).toEqual([
      ['王副县长', []],
      ['李副县长', [C]],
    ]);
  });
});

describe('luoshi supervision report (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-report-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the .xlsx and .docx of a month from a database file', async () => {
    const file = join(dir, 'luoshi.db');
    const db = await openDb({ file });
    try {
      await june(db, await people(db));
    } finally {
      await db.close();
    }
    const xlsx = join(dir, 'out.xlsx');
    const docx = join(dir, 'out.docx');
    const r = await runCli(
      'supervision',
      'report',
      '--month',
      '2023-06',
      '--db',
      file,
      '--xlsx',
      xlsx,
      '--docx',
      docx,
      '--as-of',
      '2023-07-03',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('关于2023年6月份重点工作督办落实情况的通报');
    expect(r.out).toContain('按期办结率 50.0%');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('总体情况')?.getCell('A1').value).toBe('关于2023年6月份重点工作督办落实情况的通报');
    expect(docxText(zipEntry(readFileSync(docx), 'word/document.xml'))).toContain('逾期未办结事项 2 件');
    const json = await runCli(
      'supervision',
      'report',
      '--month',
      '2023-06',
      '--db',
      file,
      '--as-of',
      '2023-07-03',
      '--json',
    );
    expect(JSON.parse(json.out).rankings.totals.due).toBe(4);
  });

  it('refuses a bad month, a missing database, a wrong extension, an unknown subcommand — writing nothing', async () => {
    const xlsx = join(dir, 'out.xlsx');
    const cases = [
      [['supervision', 'report', '--month', '2023-13', '--xlsx', xlsx], 2, '“month”'],
      [['supervision', 'report', '--month', '2023-06', '--db', join(dir, 'none.db'), '--xlsx', xlsx], 2, '不存在'],
      [['supervision', 'report', '--month', '2023-06', '--xlsx', join(dir, 'out.pdf')], 2, '.xlsx 结尾'],
      [['supervision', 'report', '--month', '2023-06', '--xlsx', join(dir, 'no', 'out.xlsx')], 2, '不存在'],
      [['supervision', 'report', '--xlsx', xlsx], 2, '--month'],
      [['supervision', 'sweepx'], 2, '未知子命令'],
    ] as const;
    for (const [args, exit, text] of cases) {
      const r = await runCli(...args);
      expect(r.code, args.join(' ')).toBe(exit);
      expect(r.err, args.join(' ')).toContain(text);
    }
    expect(() => readFileSync(xlsx)).toThrow();
  });
});
