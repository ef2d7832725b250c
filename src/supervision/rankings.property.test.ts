// Invariants of the rankings over random sets of lifecycle-built items (random units, evaluation dates and
// periods): the figures add up, every item is counted once in the totals and once per unit, ranks follow the
// order, and a leader's figures equal the sum of their units' (each item has one lead unit).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates.ts';
import { build } from './rankings.testkit.ts';
import { type Period, rankings, type Stats } from './rankings.ts';
import { DEFAULT_SETTINGS, RATINGS, type SupervisionItem, type SupervisionSettings } from './types.ts';

const UNITS = ['甲局', '乙局', '丙局', '丁局', '戊局'];

const ARCHETYPES: SupervisionItem[] = [
  build({
    id: 'a',
    lead: 'X',
    dueOn: '2023-06-20',
    apply: [{ on: '2023-06-19' }],
    close: { on: '2023-06-20', rating: '优秀' },
  }),
  build({
    id: 'b',
    lead: 'X',
    dueOn: '2023-06-12',
    apply: [{ on: '2023-06-14' }],
    close: { on: '2023-06-15', rating: '合格' },
  }),
  build({ id: 'c', lead: 'X', dueOn: '2023-06-16' }),
  build({ id: 'd', lead: 'X', assignedOn: '2023-05-04', dueOn: '2023-05-22' }),
  build({
    id: 'e',
    lead: 'X',
    dueOn: '2023-06-12',
    extend: { on: '2023-06-09', to: '2023-06-28' },
    apply: [{ on: '2023-06-27' }],
    close: { on: '2023-06-28', rating: '良好' },
  }),
  build({
    id: 'f',
    lead: 'X',
    dueOn: '2023-06-20',
    apply: [{ on: '2023-06-15', returnOn: '2023-06-16' }, { on: '2023-06-22' }],
    close: { on: '2023-06-26', rating: '不合格' },
  }),
  build({ id: 'g', lead: 'X', dueOn: '2023-07-20' }),
  build({ id: 'h', lead: 'X', dueOn: '2023-06-20', apply: [{ on: '2023-06-19' }] }),
  build({ id: 'i', lead: 'X', assignedOn: '2023-06-05', dueOn: '2023-07-03', apply: [{ on: '2023-07-05' }] }),
];

const itemArb = fc.record({
  kind: fc.integer({ min: 0, max: ARCHETYPES.length - 1 }),
  lead: fc.constantFrom(...UNITS),
  supports: fc.subarray(UNITS, { maxLength: 2 }),
});

const sum = (rows: Stats[], key: 'due' | 'onTime' | 'late' | 'overdue' | 'pending' | 'closed' | 'overdueOpen') =>
  rows.reduce((n, r) => n + r[key], 0);

describe('rankings invariants', () => {
  it('figures add up, lead units partition the totals, ranks follow the order, leaders sum their units', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 45 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        (specs, asOfOffset, fromOffset, length, calendar) => {
          const settings: SupervisionSettings = calendar
            ? { ...DEFAULT_SETTINGS, dayCounting: 'calendar' }
            : DEFAULT_SETTINGS;
          const items = specs.map((s, k) => {
            const base = ARCHETYPES[s.kind] as SupervisionItem;
            return { ...base, id: String(k + 1), lead: s.lead, supports: s.supports.filter((u) => u !== s.lead) };
          });
          const from = addDays('2023-05-01', fromOffset);
          const period: Period = { from, to: addDays(from, length) };
          const asOf = addDays('2023-05-20', asOfOffset);
          const r = rankings({
            items,
            period,
            asOf,
            settings,
            leaders: [
              { leader: '王', units: UNITS.slice(0, 2) },
              { leader: '李', units: UNITS.slice(2) },
            ],
          });
          const t = r.totals;
          expect(t.due).toBe(t.onTime + t.late + t.overdue + t.pending);
          const decided = t.onTime + t.late + t.overdue;
          expect(t.onTimeRate).toBe(decided === 0 ? null : t.onTime / decided);
          expect(RATINGS.reduce((n, x) => n + t.ratings[x], 0)).toBe(t.closed);
          expect(t.overdueOpen).toBe(r.overdueItems.length);
          for (const k of ['due', 'onTime', 'late', 'overdue', 'pending', 'closed', 'overdueOpen'] as const) {
            expect(sum(r.lead, k), k).toBe(t[k]);
            expect(sum(r.leaders, k), `leaders ${k}`).toBe(t[k]);
          }
          for (const rows of [r.lead, r.support, r.leaders]) {
            const ranked = rows.filter((x) => x.rank !== null);
            expect(rows.slice(0, ranked.length)).toEqual(ranked); // ranked rows first
            ranked.forEach((x, k) => {
              expect(x.onTimeRate).not.toBeNull();
              const prev = ranked[k - 1];
              if (!prev) {
                expect(x.rank).toBe(1);
                return;
              }
              const better =
                (prev.onTimeRate as number) > (x.onTimeRate as number) ||
                (prev.onTimeRate === x.onTimeRate && prev.overdueOpen < x.overdueOpen);
              const tie = prev.onTimeRate === x.onTimeRate && prev.overdueOpen === x.overdueOpen;
              expect(better || tie).toBe(true);
              expect(x.rank).toBe(tie ? prev.rank : k + 1);
            });
            for (const x of rows) if (x.onTimeRate !== null) expect(x.onTimeRate).toBeGreaterThanOrEqual(0);
          }
          // drafts never appear; every overdue item is past its close-by at asOf
          for (const o of r.overdueItems) expect(o.closeBy < asOf && o.closedOn === null).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
