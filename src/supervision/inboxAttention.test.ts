// The inbox's pre-filter (docs/supervision.md §12): attentionOn() per (item, unit), the horizon, and — over
// seeded random lifecycles through the store on SQLite and PostgreSQL — the inbox with the pre-filter equals the
// inbox that reads every open row, for every unit, on every day, with several yellow windows and both countings.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/dates.ts';
import { type Db, migrate } from '../platform/db.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { ALWAYS, attentionOn, inboxHorizon, unitRowColumns } from './inboxAttention.ts';
import { lastReturnAt } from './lifecycle.ts';
import { lightFor } from './lights.ts';
import { bj, twinLifecycles, UNITS } from './randomLifecycles.testkit.ts';
import { type Inbox, type InboxEntry, inbox } from './store.ts';
import { actors, apply, at, LEAD, reach, SUPPORT_A, SUPPORT_B } from './testkit.ts';
import { DEFAULT_SETTINGS, type SupervisionItem, type SupervisionSettings } from './types.ts';

describe('attentionOn', () => {
  // reach(): assigned Monday 2023-09-25 (working days: deploy by 09-26, feed back by 09-28, close by 10-10)
  it('an item not yet assigned, waiting for review or closed is in nobody’s inbox', () => {
    for (const state of ['draft', 'closure_requested', 'closed', 'archived'] as const) {
      const item = reach(state);
      for (const u of [LEAD, SUPPORT_A, SUPPORT_B]) expect(attentionOn(item, u), `${state} ${u}`).toBeNull();
    }
  });

  it('a unit that has not signed is listed at once; a signed one from its earliest unanswered deadline', () => {
    const assigned = reach('assigned');
    expect(attentionOn(assigned, LEAD)).toBe(ALWAYS);
    expect(attentionOn(assigned, SUPPORT_A)).toBe('2023-09-28'); // signed; owes its report by feedbackBy
    expect(attentionOn(assigned, SUPPORT_B)).toBe(ALWAYS);
    expect(attentionOn(reach('acknowledged'), LEAD)).toBe('2023-09-26'); // 研究部署
    const working = reach('in_progress');
    expect(attentionOn(working, LEAD)).toBe('2023-09-28'); // deployed; 首次反馈 next
    expect(attentionOn(working, SUPPORT_A)).toBeNull(); // reported: owes nothing more
    expect(attentionOn(working, '县教育科技局')).toBeNull(); // not a unit of the item
  });

  it('after feedback the lead is next looked at on the close-by date; a returned item is listed at once', () => {
    let item: SupervisionItem = apply(
      reach('in_progress'),
      { type: 'feedback', summary: '进展' },
      actors.lead,
      at('2023-09-27', '11:00'),
    );
    expect(attentionOn(item, LEAD)).toBe('2023-10-10');
    item = apply(item, { type: 'acknowledge' }, actors.supportB, at('2023-09-27', '12:00'));
    item = apply(item, { type: 'support_report', summary: '报送' }, actors.supportB, at('2023-09-27', '13:00'));
    item = apply(
      item,
      { type: 'request_closure', summary: '办结', evidence: [{ name: '报告.pdf', ref: 'f/1.pdf' }] },
      actors.lead,
      at('2023-09-27', '15:00'),
    );
    expect(attentionOn(item, LEAD)).toBeNull();
    item = apply(item, { type: 'return', reasons: '材料不全' }, actors.office, at('2023-09-27', '16:00'));
    expect(attentionOn(item, LEAD)).toBe(ALWAYS);
    expect(attentionOn(item, SUPPORT_B)).toBeNull();
  });
});

describe('inboxHorizon', () => {
  it('is the (y+1)-th working day after today, over 中秋/国庆 2023 and its make-up weekend', () => {
    // 09-28 (1), 09-29…10-06 off, 10-07 Sat (2) and 10-08 Sun (3) make-up days, 10-09 (4)
    expect(inboxHorizon('2023-09-27', DEFAULT_SETTINGS)).toBe('2023-10-09');
    expect(inboxHorizon('2023-10-09', DEFAULT_SETTINGS)).toBe('2023-10-13');
    expect(inboxHorizon('2023-10-13', { ...DEFAULT_SETTINGS, yellowWithinDays: 0 })).toBe('2023-10-16');
  });

  it('follows the county calendar overrides', () => {
    const local: SupervisionSettings = {
      ...DEFAULT_SETTINGS,
      calendar: [{ date: '2023-10-12', workday: false, note: '县内放假一天' }],
    };
    expect(inboxHorizon('2023-10-09', local)).toBe('2023-10-16');
  });
});

const view = (box: Inbox) => {
  const list = (es: InboxEntry[]) =>
    es.map((e) => ({
      title: e.title,
      role: e.unitRole,
      notes: e.notes,
      light: e.light.light,
      reasons: e.light.reasons,
    }));
  return {
    toSign: list(box.toSign),
    overdue: list(box.overdue),
    dueSoon: list(box.dueSoon),
    returned: list(box.returned),
  };
};

const membership = (box: Inbox) => ({
  toSign: box.toSign.map((e) => e.title),
  overdue: box.overdue.map((e) => e.title),
  dueSoon: box.dueSoon.map((e) => e.title),
  returned: box.returned.map((e) => e.title),
  totals: box.totals,
});

/** The inbox's lists by definition: every open item of the unit, classified from its lifecycle JSON (no stored day). */
async function oracle(db: Db, tenant: string, unit: string, now: string, settings: SupervisionSettings) {
  const rows = await db.db
    .selectFrom('supervision_item_units as u')
    .innerJoin('supervision_items as i', 'i.id', 'u.item_id')
    .select(['i.title', 'i.item_json', 'u.role', 'u.acknowledged_at'])
    .where('u.tenant', '=', tenant)
    .where('u.unit', '=', unit)
    .where('i.state', 'in', ['assigned', 'acknowledged', 'in_progress'])
    .orderBy('i.close_by')
    .orderBy('i.id')
    .execute();
  const out = { toSign: [] as string[], overdue: [] as string[], dueSoon: [] as string[], returned: [] as string[] };
  for (const r of rows) {
    const item = JSON.parse(r.item_json) as SupervisionItem;
    const mine = lightFor(item, now, settings).obligations.filter((o) => o.unit === unit);
    if (r.acknowledged_at === null) out.toSign.push(r.title);
    if (mine.some((o) => o.status === 'overdue')) out.overdue.push(r.title);
    else if (mine.some((o) => o.status === 'due_soon')) out.dueSoon.push(r.title);
    if (r.role === 'lead' && item.state === 'in_progress' && lastReturnAt(item) !== null) out.returned.push(r.title);
  }
  return {
    ...out,
    totals: {
      toSign: out.toSign.length,
      overdue: out.overdue.length,
      dueSoon: out.dueSoon.length,
      returned: out.returned.length,
    },
  };
}

forEachDatabase('inbox pre-filter', (t) => {
  const scenario = async (seed: number) => {
    const tenants = ['pre', 'ref'] as const;
    const base: SupervisionSettings = seed % 2 ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, dayCounting: 'calendar' };
    const windows = [0, 1, 3, 5];
    let listed = 0;
    let candidates = 0;
    let open = 0;
    await twinLifecycles(t.db, {
      seed,
      tenants,
      settings: base,
      days: 34,
      // diligent units: most items are on time, so that rows wait beyond the horizon
      activity: 0.9,
      reassign: true,
      endOfDay: async (day: IsoDate, _k, rand) => {
        // the reference reads every row of an open item: their stored days are all made ALWAYS
        await t.db.db
          .updateTable('supervision_item_units')
          .set({ attention_on: ALWAYS })
          .where('tenant', '=', 'ref')
          .where('item_id', 'in', (eb) =>
            eb
              .selectFrom('supervision_items')
              .select('id')
              .where('tenant', '=', 'ref')
              .where('state', 'in', ['assigned', 'acknowledged', 'in_progress']),
          )
          .execute();
        const settings = { ...base, yellowWithinDays: windows[Math.floor(rand() * windows.length)] as number };
        for (const time of ['08:59', '17:30']) {
          for (const unit of UNITS) {
            const opts = { now: bj(day, time), settings };
            const pre = await inbox(t.db, 'pre', unit, opts);
            const what = `${day} ${time} ${unit} window ${settings.yellowWithinDays}`;
            expect(view(pre), what).toEqual(view(await inbox(t.db, 'ref', unit, opts)));
            // and the lists are what lights.ts says of every open item of the unit, read from its JSON
            const expected = await oracle(t.db, 'pre', unit, opts.now.toISOString(), settings);
            expect(membership(pre), what).toEqual(expected);
            listed += new Set([...pre.toSign, ...pre.overdue, ...pre.dueSoon, ...pre.returned].map((e) => e.id)).size;
          }
        }
        // the stored days are what attentionOn() says of each item as stored
        const rows = await t.db.db
          .selectFrom('supervision_item_units as u')
          .innerJoin('supervision_items as i', 'i.id', 'u.item_id')
          .select(['u.unit', 'u.attention_on', 'u.first_due_on', 'u.close_by', 'u.returned', 'i.item_json', 'i.state'])
          .where('u.tenant', '=', 'pre')
          .execute();
        const horizon = inboxHorizon(day, settings);
        for (const r of rows) {
          const item = JSON.parse(r.item_json) as SupervisionItem;
          expect({
            attention_on: r.attention_on,
            first_due_on: r.first_due_on,
            close_by: r.close_by,
            returned: r.returned,
          }).toEqual(unitRowColumns(item, r.unit));
          if (r.attention_on !== null && r.attention_on <= horizon) candidates++;
          if (['assigned', 'acknowledged', 'in_progress'].includes(r.state)) open++;
        }
      },
    });
    expect(listed).toBeGreaterThan(0);
    // 改派, 调整配合单位 and 撤销 happened (the unit rows were rewritten)
    const kinds = await t.db.db
      .selectFrom('supervision_events')
      .select('type')
      .distinct()
      .where('tenant', '=', 'pre')
      .where('type', 'in', ['reassigned', 'supports_changed', 'withdrawn'])
      .execute();
    expect(kinds.map((k) => k.type).sort()).toEqual(['reassigned', 'supports_changed', 'withdrawn']);
    // the pre-filter did leave rows of open items out
    expect(candidates).toBeLessThan(open);
  };

  it('migrations 0018 and 0019 fill the rows of a database that had items before them', async () => {
    const run = await twinLifecycles(t.db, {
      seed: 7,
      tenants: ['a'],
      settings: DEFAULT_SETTINGS,
      days: 12,
      activity: 0.6,
      endOfDay: async () => {},
    });
    expect(run.specs.length).toBeGreaterThan(2);
    const stored = async () =>
      (
        await t.db.db
          .selectFrom('supervision_item_units')
          .select(['item_id', 'unit', 'attention_on', 'first_due_on', 'close_by', 'returned'])
          .orderBy('item_id')
          .orderBy('unit')
          .execute()
      ).map((r) => JSON.stringify(r));
    const urges = async () =>
      (
        await t.db.db
          .selectFrom('supervision_items')
          .select(['id', 'urges', 'first_due_on', 'state'])
          .orderBy('id')
          .execute()
      ).map((r) => JSON.stringify(['assigned', 'acknowledged', 'in_progress'].includes(r.state) ? r : { id: r.id }));
    const expected = await stored();
    const expectedUrges = await urges();
    expect(expectedUrges.some((r) => r.includes('level'))).toBe(true);
    expect(expected.some((r) => r.includes(ALWAYS))).toBe(true);
    expect(expected.some((r) => /"attention_on":"2023-/.test(r))).toBe(true);
    // back to the schema before 0018, then migrate again
    await sql`DROP INDEX supervision_item_units_tenant_unit_attention`.execute(t.db.db);
    await sql`ALTER TABLE supervision_item_units DROP COLUMN attention_on`.execute(t.db.db);
    await sql`ALTER TABLE supervision_item_units DROP COLUMN first_due_on`.execute(t.db.db);
    await sql`DELETE FROM kysely_migration WHERE name = '0018_supervision_inbox_attention'`.execute(t.db.db);
    await sql`ALTER TABLE supervision_items DROP COLUMN urges`.execute(t.db.db);
    await sql`ALTER TABLE supervision_items DROP COLUMN first_due_on`.execute(t.db.db);
    await sql`ALTER TABLE supervision_item_units DROP COLUMN close_by`.execute(t.db.db);
    await sql`ALTER TABLE supervision_item_units DROP COLUMN returned`.execute(t.db.db);
    await sql`DELETE FROM kysely_migration WHERE name = '0019_supervision_read_columns'`.execute(t.db.db);
    await migrate(t.db);
    expect(await stored()).toEqual(expected);
    expect(await urges()).toEqual(expectedUrges);
  });

  describe('random lifecycles over 34 days', () => {
    for (const seed of [1, 2, 3, 4]) it(`seed ${seed}`, async () => scenario(seed), 120_000);
  });
});
