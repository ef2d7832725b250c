// Rankings (督办排名) on items driven through the real lifecycle, June 2023 (端午 06-22…24, 06-25 a make-up
// working day). Definitions: src/supervision/rankings.ts and docs/supervision.md §8.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../platform/errors.ts';
import { build } from './rankings.testkit.ts';
import {
  assignRanks,
  formatRate,
  itemOutcome,
  monthlyTrend,
  monthPeriod,
  rankings,
  type Stats,
  statsOf,
  validatePeriod,
} from './rankings.ts';
import { reach } from './testkit.ts';
import { DEFAULT_SETTINGS, type SupervisionSettings } from './types.ts';

const JUNE = monthPeriod('2023-06');
const CALENDAR: SupervisionSettings = { ...DEFAULT_SETTINGS, dayCounting: 'calendar' };
const A = '县发展和改革局';
const B = '县财政局';
const C = '县教育科技局';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? `${e.code}:${e.location.field}` : String(e);
  }
  return undefined;
}

describe('periods', () => {
  it('monthPeriod gives the first and last day, February of a leap year included', () => {
    expect(monthPeriod('2023-06')).toEqual({ from: '2023-06-01', to: '2023-06-30' });
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod('2023-12')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
  });
  it('refuses a malformed month or period naming the field', () => {
    expect(code(() => monthPeriod('2023-6'))).toBe('BAD_INPUT:month');
    expect(code(() => monthPeriod('2023-13'))).toBe('BAD_INPUT:month');
    expect(code(() => validatePeriod('2023-06-31', '2023-07-01'))).toBe('BAD_INPUT:from');
    expect(code(() => validatePeriod('2023-07-01', '2023-06-01'))).toBe('BAD_INPUT:from');
    expect(code(() => validatePeriod('2023-06-01', 'x'))).toBe('BAD_INPUT:to');
    expect(validatePeriod('2023-06-01', '2023-06-01')).toEqual({ from: '2023-06-01', to: '2023-06-01' });
  });
  it('formats rates with one decimal and a dash for none', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(6 / 7)).toBe('85.7%');
    expect(formatRate(0)).toBe('0.0%');
  });
});

describe('itemOutcome', () => {
  it('a draft is never ranked; an item assigned after asOf neither', () => {
    expect(itemOutcome(reach('draft'), '2023-12-31', JUNE, DEFAULT_SETTINGS)).toBeNull();
    expect(
      itemOutcome(build({ id: '1', lead: A, dueOn: '2023-06-20' }), '2023-05-31', JUNE, DEFAULT_SETTINGS),
    ).toBeNull();
  });

  it('on time = the accepted application on or before close-by, whatever day the office reviews', () => {
    // applied on the due day, the office closes 3 days later: on time
    const item = build({
      id: '1',
      lead: A,
      dueOn: '2023-06-20',
      apply: [{ on: '2023-06-20' }],
      close: { on: '2023-06-26', rating: '优秀' },
    });
    const o = itemOutcome(item, '2023-06-30', JUNE, DEFAULT_SETTINGS);
    expect(o).toMatchObject({ outcome: 'on_time', closedOn: '2023-06-20', reviewedOn: '2023-06-26', rating: '优秀' });
    expect(o?.overdueDays).toBe(0);
    // 06-01 → 06-20 in working days: 06-02, 05–09, 12–16, 19, 20 = 13
    expect(o?.daysToClose).toBe(13);
    expect(itemOutcome(item, '2023-06-30', JUNE, CALENDAR)?.daysToClose).toBe(19);
  });

  it('late = applied after close-by; days late in the county counting (端午 not counted)', () => {
    const item = build({
      id: '1',
      lead: A,
      dueOn: '2023-06-21',
      apply: [{ on: '2023-06-26' }],
      close: { on: '2023-06-27', rating: '合格' },
    });
    const o = itemOutcome(item, '2023-06-30', JUNE, DEFAULT_SETTINGS);
    expect(o?.outcome).toBe('late');
    // after 06-21: 22, 23, 24 端午 off; 25 (Sunday make-up) and 26 working → 2
    expect(o?.overdueDays).toBe(2);
    expect(itemOutcome(item, '2023-06-30', JUNE, CALENDAR)?.overdueDays).toBe(5);
  });

  it('not reviewed by asOf is not closed: before the review the item is judged as open', () => {
    const item = build({
      id: '1',
      lead: A,
      dueOn: '2023-06-20',
      apply: [{ on: '2023-06-21' }],
      close: { on: '2023-07-03', rating: '良好' },
    });
    // at 06-30 the late application awaits review: overdue (applied after close-by)
    expect(itemOutcome(item, '2023-06-30', JUNE, DEFAULT_SETTINGS)).toMatchObject({
      outcome: 'overdue',
      closedOn: null,
      awaitingReview: true,
    });
    expect(itemOutcome(item, '2023-07-05', JUNE, DEFAULT_SETTINGS)).toMatchObject({ outcome: 'late' });
  });

  it('a timely application awaiting review is pending, neither on time nor overdue', () => {
    const item = build({ id: '1', lead: A, dueOn: '2023-06-20', apply: [{ on: '2023-06-19' }] });
    expect(itemOutcome(item, '2023-06-30', JUNE, DEFAULT_SETTINGS)).toMatchObject({
      outcome: 'pending',
      awaitingReview: true,
    });
  });

  it('returned (退回) applications do not count: the closure date is the accepted one', () => {
    const item = build({
      id: '1',
      lead: A,
      dueOn: '2023-06-20',
      apply: [{ on: '2023-06-15', returnOn: '2023-06-16' }, { on: '2023-06-26' }],
      close: { on: '2023-06-27', rating: '合格' },
    });
    const o = itemOutcome(item, '2023-06-30', JUNE, DEFAULT_SETTINGS);
    expect(o).toMatchObject({ outcome: 'late', closedOn: '2023-06-26', returnsInPeriod: 1 });
    // between the return and the second application the item was open and overdue
    expect(itemOutcome(item, '2023-06-21', JUNE, DEFAULT_SETTINGS)).toMatchObject({
      outcome: 'overdue',
      awaitingReview: false,
      overdueDays: 1,
    });
  });

  it('an approved extension moves the close-by date the item is judged against', () => {
    const item = build({
      id: '1',
      lead: A,
      dueOn: '2023-06-12',
      extend: { on: '2023-06-09', to: '2023-06-28' },
      apply: [{ on: '2023-06-27' }],
      close: { on: '2023-06-28', rating: '良好' },
    });
    expect(itemOutcome(item, '2023-06-30', JUNE, DEFAULT_SETTINGS)).toMatchObject({
      outcome: 'on_time',
      closeBy: '2023-06-28',
      originalCloseBy: '2023-06-12',
      extended: true,
    });
  });

  it('open and not yet due is pending; open past due is overdue', () => {
    const item = build({ id: '1', lead: A, dueOn: '2023-06-20' });
    expect(itemOutcome(item, '2023-06-20', JUNE, DEFAULT_SETTINGS)?.outcome).toBe('pending');
    expect(itemOutcome(item, '2023-06-21', JUNE, DEFAULT_SETTINGS)).toMatchObject({
      outcome: 'overdue',
      overdueDays: 1,
    });
  });
});

describe('rankings', () => {
  it('no items: zero figures, no rate, empty tables', () => {
    const r = rankings({ items: [], period: JUNE, asOf: '2023-07-03', settings: DEFAULT_SETTINGS });
    expect(r.totals).toMatchObject({ due: 0, onTime: 0, onTimeRate: null, overdueOpen: 0, avgDaysToClose: null });
    expect(r.lead).toEqual([]);
    expect(r.support).toEqual([]);
    expect(r.overdueItems).toEqual([]);
  });

  it('all overdue: rate 0 for everyone, ranked by 逾期未办结, equal units share a rank', () => {
    const items = [
      build({ id: '1', lead: A, dueOn: '2023-06-05' }),
      build({ id: '2', lead: A, dueOn: '2023-06-06' }),
      build({ id: '3', lead: B, dueOn: '2023-06-07' }),
      build({ id: '4', lead: C, dueOn: '2023-06-08' }),
    ];
    const r = rankings({ items, period: JUNE, asOf: '2023-07-03', settings: DEFAULT_SETTINGS });
    expect(r.totals).toMatchObject({ due: 4, overdue: 4, onTimeRate: 0, overdueOpen: 4 });
    expect(r.lead.map((u) => [u.unit, u.rank, u.overdueOpen])).toEqual([
      [B, 1, 1],
      [C, 1, 1],
      [A, 3, 2],
    ]);
    // most overdue first
    expect(r.overdueItems.map((o) => o.id)).toEqual(['1', '2', '3', '4']);
  });

  it('ranks by on-time rate, lead and supporting units separately, with the figures of each', () => {
    const items = [
      // A leads 3: on time, on time, late → 66.7%; B supports two of them
      build({
        id: '1',
        lead: A,
        supports: [B],
        dueOn: '2023-06-20',
        apply: [{ on: '2023-06-19' }],
        close: { on: '2023-06-20', rating: '优秀' },
      }),
      build({
        id: '2',
        lead: A,
        dueOn: '2023-06-15',
        apply: [{ on: '2023-06-08' }],
        close: { on: '2023-06-09', rating: '良好' },
      }),
      build({
        id: '3',
        lead: A,
        supports: [B],
        dueOn: '2023-06-12',
        apply: [{ on: '2023-06-14' }],
        close: { on: '2023-06-15', rating: '合格' },
      }),
      // B leads 1: on time → 100%
      build({
        id: '4',
        lead: B,
        dueOn: '2023-06-30',
        apply: [{ on: '2023-06-29' }],
        close: { on: '2023-06-30', rating: '良好' },
      }),
      // C leads 1: overdue, still open → 0%
      build({ id: '5', lead: C, supports: [B], dueOn: '2023-06-16' }),
      // C leads 1 due in July: pending, outside the period's figures
      build({ id: '6', lead: C, dueOn: '2023-07-20' }),
    ];
    const r = rankings({ items, period: JUNE, asOf: '2023-07-03', settings: DEFAULT_SETTINGS });
    expect(r.lead.map((u) => [u.unit, u.rank, formatRate(u.onTimeRate)])).toEqual([
      [B, 1, '100.0%'],
      [A, 2, '66.7%'],
      [C, 3, '0.0%'],
    ]);
    const a = r.lead.find((u) => u.unit === A) as Stats;
    expect(a).toMatchObject({ due: 3, onTime: 2, late: 1, overdue: 0, closed: 3, overdueOpen: 0 });
    expect(a.ratings).toEqual({ 优秀: 1, 良好: 1, 合格: 1, 不合格: 0 });
    // days to close (working): #1 06-01→06-19 = 12, #2 →06-08 = 5, #3 →06-14 = 9; mean 8.7
    expect(a.avgDaysToClose).toBe(8.7);
    // B as a supporting unit: #1 on time, #3 late, #5 overdue → 33.3%; ranked alone
    expect(r.support).toHaveLength(1);
    expect(r.support[0]).toMatchObject({ unit: B, role: 'support', due: 3, onTime: 1, late: 1, overdue: 1, rank: 1 });
    expect(r.totals).toMatchObject({ due: 5, onTime: 3, late: 1, overdue: 1, overdueOpen: 1 });
    expect(r.lateItems.map((o) => o.id)).toEqual(['3']);
    expect(r.overdueItems.map((o) => o.id)).toEqual(['5']);
  });

  it('a unit with only items not yet due is listed without a rank, after the ranked ones', () => {
    const items = [
      build({ id: '1', lead: A, dueOn: '2023-06-30' }),
      build({
        id: '2',
        lead: B,
        dueOn: '2023-06-05',
        apply: [{ on: '2023-06-05' }],
        close: { on: '2023-06-05', rating: '良好' },
      }),
    ];
    const r = rankings({ items, period: JUNE, asOf: '2023-06-20', settings: DEFAULT_SETTINGS });
    expect(r.lead.map((u) => [u.unit, u.rank, u.pending, u.onTimeRate])).toEqual([
      [B, 1, 0, 1],
      [A, null, 1, null],
    ]);
  });

  it('carried-over overdue items stay on the 通报 list; items closed in the period but due earlier count as closed', () => {
    const items = [
      build({ id: '1', lead: A, assignedOn: '2023-05-04', dueOn: '2023-05-20' }),
      build({
        id: '2',
        lead: A,
        assignedOn: '2023-05-04',
        dueOn: '2023-05-25',
        apply: [{ on: '2023-06-02' }],
        close: { on: '2023-06-05', rating: '不合格' },
      }),
    ];
    const r = rankings({ items, period: JUNE, asOf: '2023-07-03', settings: DEFAULT_SETTINGS });
    expect(r.totals).toMatchObject({ due: 0, onTimeRate: null, overdueOpen: 1, closed: 1 });
    expect(r.totals.ratings.不合格).toBe(1);
    expect(r.overdueItems.map((o) => o.id)).toEqual(['1']);
    expect(r.lead[0]).toMatchObject({ unit: A, rank: null, overdueOpen: 1 });
  });

  it('returns (退回) in the period and extensions are counted', () => {
    const items = [
      build({
        id: '1',
        lead: A,
        dueOn: '2023-06-12',
        extend: { on: '2023-06-09', to: '2023-06-28' },
        apply: [{ on: '2023-06-15', returnOn: '2023-06-16' }, { on: '2023-06-27' }],
        close: { on: '2023-06-28', rating: '良好' },
      }),
    ];
    const r = rankings({ items, period: JUNE, asOf: '2023-07-03', settings: DEFAULT_SETTINGS });
    expect(r.lead[0]).toMatchObject({ onTime: 1, returned: 1, extended: 1, onTimeRate: 1 });
  });

  it('leaders (分管) aggregate the items their units lead, each item once', () => {
    const items = [
      build({
        id: '1',
        lead: A,
        dueOn: '2023-06-20',
        apply: [{ on: '2023-06-19' }],
        close: { on: '2023-06-20', rating: '优秀' },
      }),
      build({ id: '2', lead: B, supports: [A], dueOn: '2023-06-16' }),
      build({
        id: '3',
        lead: C,
        dueOn: '2023-06-16',
        apply: [{ on: '2023-06-16' }],
        close: { on: '2023-06-19', rating: '良好' },
      }),
    ];
    const r = rankings({
      items,
      period: JUNE,
      asOf: '2023-07-03',
      settings: DEFAULT_SETTINGS,
      leaders: [
        { leader: '王副县长', units: [A, B, A] },
        { leader: '李副县长', units: [C] },
        { leader: '赵副县长', units: [] },
      ],
    });
    expect(r.leaders.map((l) => [l.leader, l.rank, l.due, l.onTime, l.overdueOpen, l.units])).toEqual([
      ['李副县长', 1, 1, 1, 0, [C]],
      ['王副县长', 2, 2, 1, 1, [A, B]],
      ['赵副县长', null, 0, 0, 0, []],
    ]);
  });
});

describe('assignRanks', () => {
  const row = (name: string, onTimeRate: number | null, overdueOpen: number) =>
    ({ name, onTimeRate, overdueOpen, rank: null as number | null }) as Stats & { name: string; rank: number | null };
  it('competition ranking: 1, 2, 2, 4; the order among ties is by name only for display', () => {
    const out = assignRanks([row('丁', 0.5, 0), row('甲', 1, 0), row('丙', 0.8, 1), row('乙', 0.8, 1)], (r) => r.name);
    expect(out.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(out[0]?.name).toBe('甲');
  });
  it('the same rate ranks the unit with fewer 逾期未办结 higher', () => {
    const out = assignRanks([row('甲', 0.8, 3), row('乙', 0.8, 0)], (r) => r.name);
    expect(out.map((r) => [r.name, r.rank])).toEqual([
      ['乙', 1],
      ['甲', 2],
    ]);
  });
});

describe('statsOf and monthlyTrend', () => {
  it('statsOf of nothing is all zero', () => {
    expect(statsOf([], JUNE, '2023-07-01')).toMatchObject({ due: 0, onTimeRate: null, avgDaysToClose: null });
  });
  it('one point per month, each as at the month end (or asOf)', () => {
    const items = [
      build({
        id: '1',
        lead: A,
        assignedOn: '2023-05-04',
        dueOn: '2023-05-20',
        apply: [{ on: '2023-06-02' }],
        close: { on: '2023-06-05', rating: '合格' },
      }),
      build({
        id: '2',
        lead: A,
        dueOn: '2023-06-20',
        apply: [{ on: '2023-06-19' }],
        close: { on: '2023-06-20', rating: '良好' },
      }),
      build({ id: '3', lead: B, dueOn: '2023-07-05' }),
    ];
    const t = monthlyTrend(items, '2023-05', '2023-08', '2023-07-10', DEFAULT_SETTINGS);
    expect(t.map((p) => [p.month, p.asOf, p.due, p.onTime, p.late, p.overdue, p.overdueOpen])).toEqual([
      // May: #1 open past due at 05-31
      ['2023-05', '2023-05-31', 1, 0, 0, 1, 1],
      // June: #2 on time; #1 (due in May) closed late in June is not June's due
      ['2023-06', '2023-06-30', 1, 1, 0, 0, 0],
      // July (to 07-10): #3 overdue
      ['2023-07', '2023-07-10', 1, 0, 0, 1, 1],
    ]);
    expect(code(() => monthlyTrend(items, '2023-08', '2023-05', '2023-07-10', DEFAULT_SETTINGS))).toBe(
      'BAD_INPUT:from',
    );
  });
});
