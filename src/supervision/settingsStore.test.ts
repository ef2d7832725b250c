// Stored county supervision settings on real databases: defaults when nothing is saved, a save is validated
// (Chinese messages, nothing written when refused), versioned (history kept, stale version → 409) and audited.
import { expect, it } from 'vitest';
import { cliActor, queryAudit } from '../access/audit.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import {
  getSettingsRecord,
  getSupervisionSettings,
  saveSupervisionSettings,
  settingsHistory,
} from './settingsStore.ts';
import { DEFAULT_SETTINGS, type SupervisionSettings } from './types.ts';

const TENANT = '140423';
const actor = cliActor('settings-test');

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
