// /api/supervision/settings and /api/supervision/calendar/day on real databases: staff read, only the county
// office (admin) saves; bad input is a 400 naming the field and writes nothing; a stale version is a 409; the
// saved counting and overrides are what the next 交办 and the calendar answer use; a date in a year without an
// official schedule is marked as an estimate.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseFingerprint, forEachDatabase, serverWithSessions, type TestSession } from '../platform/testing.ts';
import { WATER_STAFF } from './staff.testkit.ts';
import type { ItemDetail } from './store.ts';
import { DEFAULT_SETTINGS } from './types.ts';

const TENANT = '140423';

forEachDatabase('supervision settings routes', (t) => {
  let app: FastifyInstance;
  // Thursday before 国庆 2023 (09-29 … 10-06 off; 10-07 and 10-08 make-up working days)
  const clock = new Date('2023-09-28T09:00:00+08:00');
  let session: (username: string) => TestSession;

  beforeEach(async () => {
    ({ app, session } = await serverWithSessions(t.db, TENANT, WATER_STAFF, { now: () => clock }));
  });

  afterEach(async () => {
    await app?.close();
  });

  const put = (u: string, payload: unknown) =>
    app.inject({ method: 'PUT', url: '/api/supervision/settings', ...session(u), payload: payload as object });
  const day = (u: string, q: string) =>
    app.inject({ method: 'GET', url: `/api/supervision/calendar/day?${q}`, ...session(u) });

  it('staff read the defaults; only the office saves; the saved settings drive the next 交办', async () => {
    let res = await app.inject({ method: 'GET', url: '/api/supervision/settings', ...session('slj') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, settings: DEFAULT_SETTINGS, officialYears: { first: 2004 } });
    res = await app.inject({ method: 'GET', url: '/api/supervision/settings' });
    expect(res.statusCode).toBe(401);

    const county = {
      ...DEFAULT_SETTINGS,
      calendar: [
        { date: '2023-10-07', workday: false, note: '县内调整：改为休息' },
        { date: '2027-02-08', workday: false, note: '2027 年春节（预排）' },
      ],
    };
    res = await put('leader', { settings: county, version: 0 });
    expect(res.statusCode).toBe(403);
    res = await put('admin', { settings: county, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved.version).toBe(1);
    expect(saved.overrides).toEqual([
      expect.objectContaining({ date: '2023-10-07', yearOfficial: true, weekday: '星期六' }),
      expect.objectContaining({ date: '2027-02-08', yearOfficial: false }),
    ]);

    // the next 交办 counts with the county's table: the first working day after 09-28 is now Sunday 10-08
    res = await app.inject({
      method: 'POST',
      url: '/api/supervision/items',
      ...session('admin'),
      payload: { title: '制定生态流量保障实施方案', category: 'ordinary', lead: '县水利局', assign: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json().item as ItemDetail).deadlines).toMatchObject({ counting: 'working', deployBy: '2023-10-08' });

    // history: admin only
    res = await app.inject({ method: 'GET', url: '/api/supervision/settings/history', ...session('admin') });
    expect(res.json().versions.map((v: { version: number; savedBy: string }) => [v.version, v.savedBy])).toEqual([
      [1, '督查室张敏'],
    ]);
    res = await app.inject({ method: 'GET', url: '/api/supervision/settings/history', ...session('slj') });
    expect(res.statusCode).toBe(403);
  });

  it('refuses bad settings (400 naming the field) and a stale version (409), writing nothing', async () => {
    expect((await put('admin', { settings: DEFAULT_SETTINGS, version: 0 })).statusCode).toBe(200);
    const before = await databaseFingerprint(t.db);
    const cases: [unknown, string][] = [
      [{ settings: { ...DEFAULT_SETTINGS, dayCounting: 'weekly' }, version: 1 }, 'settings.dayCounting'],
      [{ settings: { ...DEFAULT_SETTINGS, yellowWithinDays: 1.5 }, version: 1 }, 'settings.yellowWithinDays'],
      [
        { settings: { ...DEFAULT_SETTINGS, calendar: [{ date: '2023/10/07', workday: true, note: 'x' }] }, version: 1 },
        'settings.calendar.0.date',
      ],
      [
        { settings: { ...DEFAULT_SETTINGS, calendar: [{ date: '2023-10-07', workday: true, note: ' ' }] }, version: 1 },
        'settings.calendar.0.note',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await put('admin', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    // valid shape, refused by the rules (validateSettings): message in Chinese
    let res = await put('admin', {
      settings: { ...DEFAULT_SETTINGS, escalation: { urge: 3, notice: 2, interview: 7 } },
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('催办 < 通报 < 约谈');
    res = await put('admin', {
      settings: {
        ...DEFAULT_SETTINGS,
        calendar: [
          { date: '2023-10-07', workday: true, note: '上班' },
          { date: '2023-10-07', workday: false, note: '放假' },
        ],
      },
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('2023-10-07');
    res = await put('admin', { settings: DEFAULT_SETTINGS, version: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('当前为第 1 版');
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('answers a day with the county overrides, and marks estimates', async () => {
    let res = await day('slj', 'date=2023-10-07');
    expect(res.json().day).toMatchObject({ workday: true, official: true, source: 'makeup', weekdayName: '星期六' });
    res = await day('slj', 'date=2027-03-01&add=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().day).toMatchObject({ official: false, source: 'estimate' });
    expect(res.json().add).toMatchObject({ n: 1, date: '2027-03-02', official: false });

    await put('admin', {
      settings: { ...DEFAULT_SETTINGS, calendar: [{ date: '2027-03-01', workday: false, note: '县内补休' }] },
      version: 0,
    });
    res = await day('slj', 'date=2027-03-01');
    expect(res.json().day).toMatchObject({ workday: false, official: true, source: 'override', label: '县内补休' });
    res = await day('slj', 'date=2023-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('2 月只有 28 天');
  });
});
