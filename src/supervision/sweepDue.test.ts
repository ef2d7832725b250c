// The sweep's pre-filter (sweep_due_on, docs/supervision.md §9) records exactly what a full sweep records: two
// tenants get the same random lifecycles (seeded), one swept with the pre-filter and one with `full: true`, day
// by day over 中秋/国庆 (with gaps, repeated sweeps and a threshold change); after every sweep the reports and,
// at the end, the ladder records and notifications are compared. SQLite + PostgreSQL.
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../platform/testing.ts';
import { itemFirstDueOn } from './inboxAttention.ts';
import { lightFor } from './lights.ts';
import { bj, twinLifecycles } from './randomLifecycles.testkit.ts';
import { urgeColumn } from './sweep.ts';
import { runSweep, type SweepReport } from './sweepStore.ts';
import { DEFAULT_SETTINGS, type SupervisionItem, type SupervisionSettings } from './types.ts';

const compact = (r: SweepReport) => ({
  items: r.items,
  recorded: r.recorded,
  caughtUp: r.caughtUp,
  notifications: r.notifications,
});

forEachDatabase('supervision sweep pre-filter', (t) => {
  const scenario = async (seed: number) => {
    const tenants = ['pre', 'full'] as const;
    // even seeds count calendar days, odd ones working days (the default)
    const base: SupervisionSettings = seed % 2 ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, dayCounting: 'calendar' };
    // from day 20 the county declares a local holiday and narrows the yellow window (no resync needed), from day
    // 26 it lowers the ladder's thresholds (a resync)
    const recal: SupervisionSettings = {
      ...base,
      yellowWithinDays: 1,
      calendar: [{ date: '2023-10-12', workday: false, note: '县定休息日' }],
    };
    const lowered: SupervisionSettings = { ...recal, escalation: { urge: 1, notice: 2, interview: 4 } };
    const resyncs: number[] = [];
    let lateSeen = 0;
    let examined = 0;
    let all = 0;
    const { ids, specs, oks } = await twinLifecycles(t.db, {
      seed,
      tenants,
      settings: base,
      days: 34,
      // the sweep: skipped on some days (catch-up), twice on some, with lowered thresholds from day 26
      endOfDay: async (day, k, rand) => {
        if (rand() < 0.2) return;
        const settings = k >= 26 ? lowered : k >= 20 ? recal : base;
        for (const time of rand() < 0.2 ? ['07:00', '18:00'] : ['07:00']) {
          // the sweep reads the JSON only of items whose earliest stored due date is before today: every item
          // that is late by its JSON must be one of them
          const stored = await t.db.db
            .selectFrom('supervision_items as i')
            .select(['i.item_json', 'i.urges', 'i.first_due_on as first_due'])
            .where('i.tenant', '=', 'pre')
            .where('i.state', 'in', ['assigned', 'acknowledged', 'in_progress'])
            .execute();
          for (const r of stored) {
            const item = JSON.parse(r.item_json) as SupervisionItem;
            // the urges column is the item's 催办 by hand
            expect(r.urges).toBe(urgeColumn(item.urges));
            expect(r.first_due).toBe(itemFirstDueOn(item));
            const late = lightFor(item, bj(day, time).toISOString(), settings).light === 'red';
            if (late) expect(r.first_due !== null && r.first_due < day, `${day} ${time}`).toBe(true);
            lateSeen += late ? 1 : 0;
          }
          const pre = await runSweep(t.db, 'pre', { now: bj(day, time), settings, batchSize: 3 });
          const full = await runSweep(t.db, 'full', { now: bj(day, time), settings, full: true, batchSize: 3 });
          expect(compact(pre), `${day} ${time}`).toEqual(compact(full));
          expect(full.examined).toBe(full.items);
          if (pre.resync) resyncs.push(k);
          examined += pre.examined;
          all += pre.items;
        }
      },
    });
    expect(lateSeen).toBeGreaterThan(0);
    // a resync on the first sweep and on the first after the thresholds changed — not after the calendar did
    expect(resyncs.filter((k) => k > resyncs[0]! && k < 26)).toEqual([]);
    expect(resyncs.filter((k) => k >= 26)).toHaveLength(1);
    // the same records and notifications, item by item
    const records = async (tn: (typeof tenants)[number]) => {
      const rows = await t.db.db
        .selectFrom('supervision_ladder')
        .select(['item_id', 'step', 'overdue_since', 'due_on', 'reason', 'unit', 'recorded_at'])
        .where('tenant', '=', tn)
        .execute();
      return rows
        .map((r) => ({ ...r, item_id: ids[tn].indexOf(r.item_id) }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    };
    const notes = async (tn: (typeof tenants)[number]) => {
      const rows = await t.db.db
        .selectFrom('notifications')
        .select(['kind', 'title', 'body', 'created_at'])
        .where('tenant', '=', tn)
        .execute();
      return rows.map((r) => JSON.stringify(r)).sort();
    };
    const pre = await records('pre');
    expect(pre.length).toBeGreaterThan(0);
    expect(pre).toEqual(await records('full'));
    expect(await notes('pre')).toEqual(await notes('full'));
    // and the pre-filter did skip items
    expect(examined).toBeLessThan(all);
    return { items: specs.length, records: pre.length, examined, all, oks };
  };

  describe('random lifecycles over 34 days', () => {
    for (const seed of [1, 2, 3, 4, 5, 6])
      it(`seed ${seed}`, async () => {
        await scenario(seed);
      }, 120_000);
  });
});
