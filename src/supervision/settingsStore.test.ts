// Stored county supervision settings on real databases: defaults when nothing is saved, a save is validated
// (Chinese messages, nothing written when refused), versioned (history kept, stale version → 409) and audited.
import { expect, it } from 'vitest';
import { cliActor, queryAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import {
  getSettingsRecord,
  getSupervisionSettings,
  saveSupervisionSettings,
  settingsHistory,
} from './settingsStore.ts';
import { act, createItem, getItem, inbox, listItems } from './store.ts';
import { DEFAULT_SETTINGS, type SupervisionSettings } from './types.ts';

const TENANT = '140423';
const actor = cliActor('settings-test');
const office: Actor = { id: 1, username: 'admin', displayName: '督查室张敏', role: 'admin', unit: null };
const liaison: Actor = { id: 2, username: 'slj', displayName: '水利局李强', role: 'liaison', unit: '县水利局' };
// Thursday before 国庆 2023: 09-29 … 10-06 off, Saturday 10-07 and Sunday 10-08 are make-up working days
const THURSDAY = new Date('2023-09-28T09:00:00+08:00');
const NEW_ITEM = { title: '制定生态流量保障实施方案', category: 'ordinary' as const, lead: '县水利局', assign: true };

const COUNTY: SupervisionSettings = {
  dayCounting: 'calendar',
  yellowWithinDays: 2,
  escalation: { urge: 2, notice: 5, interview: 10 },
  calendar: [
    { date: '2027-02-08', workday: false, note: '  2027 年春节（国务院安排公布前的县内预排）' },
    { date: '2023-11-20', workday: false, note: '县内防汛补休' },
  ],
};

forEachDatabase('supervision settings store', (t) => {
  it('answers DEFAULT_SETTINGS (version 0) when the county has saved nothing', async () => {
    expect(await getSupervisionSettings(t.db, TENANT)).toEqual(DEFAULT_SETTINGS);
    expect(await getSettingsRecord(t.db, TENANT)).toMatchObject({ version: 0, updatedAt: null });
  });

  it('saves a version: normalized (overrides sorted by date, notes trimmed), history kept, audited', async () => {
    const r1 = await saveSupervisionSettings(t.db, TENANT, COUNTY, actor, {
      expectedVersion: 0,
      now: new Date('2023-09-25T01:00:00Z'),
    });
    expect(r1.version).toBe(1);
    const read = await getSupervisionSettings(t.db, TENANT);
    expect(read.dayCounting).toBe('calendar');
    expect(read.calendar.map((c) => c.date)).toEqual(['2023-11-20', '2027-02-08']);
    expect(read.calendar[1]?.note).toBe('2027 年春节（国务院安排公布前的县内预排）');
    // another tenant is unaffected
    expect(await getSupervisionSettings(t.db, '140000')).toEqual(DEFAULT_SETTINGS);

    const r2 = await saveSupervisionSettings(t.db, TENANT, { ...read, yellowWithinDays: 4 }, actor, {
      expectedVersion: 1,
    });
    expect(r2.version).toBe(2);
    const history = await settingsHistory(t.db, TENANT);
    expect(history.map((h) => [h.version, h.settings.yellowWithinDays])).toEqual([
      [2, 4],
      [1, 2],
    ]);
    const audit = await queryAudit(t.db, TENANT, { action: 'supervision:settings' });
    expect(audit.entries.length).toBe(2);
    expect(audit.entries.map((a) => (a.after as { version: number }).version).sort()).toEqual([1, 2]);
  });

  it('refuses invalid settings and a stale version, writing nothing', async () => {
    await saveSupervisionSettings(t.db, TENANT, COUNTY, actor);
    const before = await databaseFingerprint(t.db);
    const bad: SupervisionSettings[] = [
      { ...COUNTY, escalation: { urge: 3, notice: 3, interview: 7 } },
      { ...COUNTY, yellowWithinDays: -1 },
      { ...COUNTY, dayCounting: 'weekly' as 'working' },
      {
        ...COUNTY,
        calendar: [
          { date: '2023-10-07', workday: true, note: 'a' },
          { date: '2023-10-07', workday: false, note: 'b' },
        ],
      },
      { ...COUNTY, calendar: [{ date: '2023-02-30', workday: false, note: 'x' }] },
    ];
    const messages: string[] = [];
    for (const s of bad) {
      const e = await saveSupervisionSettings(t.db, TENANT, s, actor).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'BAD_INPUT' });
      messages.push((e as Error).message);
    }
    expect(messages[0]).toContain('催办 < 通报 < 约谈');
    expect(messages[1]).toContain('黄灯提前天数');
    expect(messages[2]).toContain('计日方式');
    expect(messages[3]).toContain('2023-10-07');
    expect(messages[4]).toContain('2 月只有 28 天');
    const stale = await saveSupervisionSettings(t.db, TENANT, COUNTY, actor, { expectedVersion: 0 }).catch(
      (x: unknown) => x,
    );
    expect(stale).toMatchObject({ code: 'CONFLICT' });
    expect((stale as Error).message).toContain('当前为第 1 版');
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });
});

forEachDatabase('supervision reads and actions use the stored settings', (t) => {
  it('assignment counts days as the county set them, with its calendar overrides', async () => {
    const working = await createItem(t.db, TENANT, NEW_ITEM, office, { now: THURSDAY });
    expect(working.deadlines).toMatchObject({ counting: 'working', deployBy: '2023-10-07' });

    // the county corrects 10-07 to a day off: the first working day after 09-28 is Sunday 10-08
    await saveSupervisionSettings(
      t.db,
      TENANT,
      {
        ...DEFAULT_SETTINGS,
        calendar: [{ date: '2023-10-07', workday: false, note: '县内调整' }],
      },
      actor,
    );
    const corrected = await createItem(t.db, TENANT, NEW_ITEM, office, { now: THURSDAY });
    expect(corrected.deadlines).toMatchObject({ counting: 'working', deployBy: '2023-10-08' });

    await saveSupervisionSettings(t.db, TENANT, { ...DEFAULT_SETTINGS, dayCounting: 'calendar' }, actor);
    const calendar = await createItem(t.db, TENANT, NEW_ITEM, office, { now: THURSDAY });
    expect(calendar.deadlines).toMatchObject({ counting: 'calendar', deployBy: '2023-09-29' });
    // deadlines already computed are frozen (docs/supervision.md §4)
    expect((await getItem(t.db, TENANT, working.id, office)).deadlines?.deployBy).toBe('2023-10-07');
  });

  it('lights, the escalation step and the inbox follow the stored thresholds', async () => {
    const item = await createItem(t.db, TENANT, NEW_ITEM, office, { now: THURSDAY });
    await act(t.db, TENANT, item.id, { action: 'acknowledge', expectedVersion: item.version }, liaison, {
      now: THURSDAY,
    });
    // deployBy 10-07 missed; on Monday 10-09 it is 2 working days overdue (Sunday 10-08 is a make-up working day)
    const monday = new Date('2023-10-09T10:00:00+08:00');
    const before = await getItem(t.db, TENANT, item.id, office, { now: monday });
    expect(before.light).toMatchObject({ light: 'red', overdueDays: 2, escalation: 'urge' });
    await saveSupervisionSettings(
      t.db,
      TENANT,
      {
        ...DEFAULT_SETTINGS,
        escalation: { urge: 3, notice: 4, interview: 8 },
      },
      actor,
    );
    const after = await getItem(t.db, TENANT, item.id, office, { now: monday });
    expect(after.light).toMatchObject({ light: 'red', overdueDays: 2, escalation: null });
    const [listed] = await listItems(t.db, TENANT, { light: 'red' }, { now: monday });
    expect(listed?.light.escalation).toBeNull();
    const box = await inbox(t.db, TENANT, '县水利局', { now: monday });
    expect(box.overdue.map((e) => [e.id, e.light.escalation])).toEqual([[item.id, null]]);
  });
});
