// Rankings of the 13710 closed loop (督办排名): per unit (as lead and as supporting unit, separately) and per
// leader (分管), for a period. Pure: items in, figures out. The definitions are in docs/supervision.md §8
// (“排名与通报”); in short, evaluated at the date `asOf` (Asia/Shanghai):
//
//   due in the period   assigned items whose CURRENT close-by date (after an approved extension or timeline)
//                       lies in [from, to]
//   closed on          the date the lead unit applied for the closure the office accepted (the last 申请办结
//                       before 办结销号): the office's review time does not count against the unit, and a
//                       returned (退回) application does not count at all
//   on time            closed (办结销号 by asOf) with the closed-on date ≤ close-by
//   late               closed with the closed-on date > close-by
//   overdue            not closed, close-by < asOf — unless a closure application made on or before
//                       close-by awaits the office's review (the unit did its part: 待审核, not counted)
//   pending            not closed and not overdue (close-by ≥ asOf, or awaiting review in time)
//   on-time rate        on time ÷ (on time + late + overdue) among the items due in the period; null when
//                       that is 0 (nothing decided yet) — such a unit is listed but not ranked
//   逾期未办结          open items overdue at asOf whose close-by ≤ to, whatever month they were due in
//                       (items carried over from earlier months stay on the list until closed)
//   average days        for items closed (办结销号) in the period: assignment date → closed-on date, counted
//                       per the county's setting (working days by default, calendar days as written)
//   ratings             优秀/良好/合格/不合格 of the items closed in the period
//   rank                by on-time rate (higher first), then 逾期未办结 (fewer first); equal on both = the same
//                       rank (competition ranking 1, 2, 2, 4)
//   撤销 (withdrawn)     an item withdrawn on or before asOf is not ranked at all (the county cancelled the task:
//                       neither an on-time nor a late closure); withdrawn after asOf, it is evaluated as it stood
//   改派 (reassigned)    the item counts for its CURRENT lead and supporting units, for the whole period
import { compareDates, daysBetween, type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import { workdaysBetween } from '../calendar/workdays.ts';
import { AppError } from '../platform/errors.ts';
import { type DayCounting, RATINGS, type Rating, type SupervisionItem, type SupervisionSettings } from './types.ts';

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** `YYYY-MM` → the month's first and last day; BAD_INPUT naming the field otherwise. */
export function monthPeriod(month: string, field = 'month'): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m)
    throw new AppError('BAD_INPUT', `参数“${field}”应为 YYYY-MM 格式的月份（如 2023-06），收到“${month}”。`, { field });
  const first = `${m[1]}-${m[2]}-01`;
  const p = parseIsoDate(first);
  if (!p.ok) throw new AppError('BAD_INPUT', `参数“${field}”“${month}”不是有效月份：${p.reason}。`, { field });
  const last = new Date(Date.UTC(p.year, p.month, 0)).toISOString().slice(0, 10);
  return { from: first, to: last };
}

/** A valid period (from ≤ to), or BAD_INPUT naming the field. */
export function validatePeriod(from: string, to: string): Period {
  for (const [field, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const p = parseIsoDate(v);
    if (!p.ok) throw new AppError('BAD_INPUT', `参数“${field}”“${v}”不是有效日期：${p.reason}。`, { field });
  }
  if (compareDates(from, to) > 0)
    throw new AppError('BAD_INPUT', `参数“from”（${from}）晚于“to”（${to}）：起始日期不能晚于截止日期。`, {
      field: 'from',
    });
  return { from, to };
}

// ---------------------------------------------------------------------------------------------------------
// One item's outcome

export type Outcome = 'on_time' | 'late' | 'overdue' | 'pending';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  on_time: '按期办结',
  late: '逾期办结',
  overdue: '逾期未办结',
  pending: '未到期',
};

export interface ItemOutcome {
  id: string;
  title: string;
  lead: string;
  supports: readonly string[];
  assignedOn: IsoDate;
  closeBy: IsoDate;
  originalCloseBy: IsoDate;
  /** An extension or a timeline moved the close-by date. */
  extended: boolean;
  outcome: Outcome;
  /** The accepted closure application's date (办结 by asOf), else null. */
  closedOn: IsoDate | null;
  /** The office's 办结销号 date, else null. */
  reviewedOn: IsoDate | null;
  rating: Rating | null;
  /** Days past close-by (late: to closedOn; overdue: to asOf), in the counting; 0 otherwise. */
  overdueDays: number;
  /** Days from assignment to closedOn, in the counting; null while not closed. */
  daysToClose: number | null;
  /** 退回重办 decisions made within the period. */
  returnsInPeriod: number;
  /** A closure application awaits review (submitted by asOf, not reviewed by asOf). */
  awaitingReview: boolean;
}

export function countDays(a: IsoDate, b: IsoDate, counting: DayCounting, settings: SupervisionSettings): number {
  if (compareDates(b, a) <= 0) return 0;
  return counting === 'calendar' ? daysBetween(a, b) : workdaysBetween(a, b, settings.calendar).workdays;
}

/** The item's outcome at `asOf`, or null when it was not assigned by then (drafts are never ranked) or withdrawn. */
export function itemOutcome(
  item: SupervisionItem,
  asOf: IsoDate,
  period: Period,
  settings: SupervisionSettings,
): ItemOutcome | null {
  const d = item.deadlines;
  if (!d || !item.assignedOn || compareDates(item.assignedOn, asOf) > 0) return null;
  if (item.withdrawal && compareDates(item.withdrawal.on, asOf) <= 0) return null;
  const counting = settings.dayCounting;
  const reviewedOn = item.review && compareDates(item.review.on, asOf) <= 0 ? item.review.on : null;
  // the applications made by asOf; the accepted one is the last before the review
  const applications = item.reports.filter((r) => r.kind === 'closure' && compareDates(r.on, asOf) <= 0);
  const lastApplication = applications[applications.length - 1] ?? null;
  const closedOn = reviewedOn ? (lastApplication?.on ?? reviewedOn) : null;
  // a return after the last application by asOf means it is not awaiting review
  const returnedAfter =
    lastApplication !== null && item.returns.some((r) => r.at >= lastApplication.at && compareDates(r.on, asOf) <= 0);
  const awaitingReview = reviewedOn === null && lastApplication !== null && !returnedAfter;
  let outcome: Outcome;
  let overdueDays = 0;
  if (closedOn) {
    outcome = compareDates(closedOn, d.closeBy) <= 0 ? 'on_time' : 'late';
    if (outcome === 'late') overdueDays = countDays(d.closeBy, closedOn, counting, settings);
  } else if (compareDates(d.closeBy, asOf) >= 0) {
    outcome = 'pending';
  } else if (awaitingReview && lastApplication && compareDates(lastApplication.on, d.closeBy) <= 0) {
    outcome = 'pending';
  } else {
    outcome = 'overdue';
    overdueDays = countDays(d.closeBy, asOf, counting, settings);
  }
  const returnsInPeriod = item.returns.filter(
    (r) => compareDates(r.on, period.from) >= 0 && compareDates(r.on, period.to) <= 0 && compareDates(r.on, asOf) <= 0,
  ).length;
  return {
    id: item.id,
    title: item.title,
    lead: item.lead,
    supports: item.supports,
    assignedOn: item.assignedOn,
    closeBy: d.closeBy,
    originalCloseBy: d.originalCloseBy,
    extended: d.closeBy !== d.originalCloseBy,
    outcome,
    closedOn,
    reviewedOn,
    rating: reviewedOn ? (item.review?.rating ?? null) : null,
    overdueDays,
    daysToClose: closedOn ? countDays(item.assignedOn, closedOn, counting, settings) : null,
    returnsInPeriod,
    awaitingReview,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Aggregates

export interface Stats {
  /** Items due in the period (current close-by in [from, to]). */
  due: number;
  onTime: number;
  late: number;
  /** Due in the period, not closed, past close-by at asOf. */
  overdue: number;
  /** Due in the period, not decided yet (not yet due, or a timely application awaits review). */
  pending: number;
  /** onTime ÷ (onTime + late + overdue); null when nothing was decided. */
  onTimeRate: number | null;
  /** Open items overdue at asOf with close-by ≤ to (also from earlier periods): 逾期未办结. */
  overdueOpen: number;
  /** Items closed (办结销号) in the period. */
  closed: number;
  /** Mean of days from assignment to closure over `closed`, one decimal; null when none. */
  avgDaysToClose: number | null;
  ratings: Record<Rating, number>;
  /** 退回重办 in the period. */
  returned: number;
  /** Items due in the period whose close-by date was moved (extension or timeline). */
  extended: number;
}

export interface UnitRanking extends Stats {
  unit: string;
  role: 'lead' | 'support';
  /** Competition rank among the units of this role with a rate; null when the rate is null. */
  rank: number | null;
}

export interface LeaderRanking extends Stats {
  leader: string;
  units: string[];
  rank: number | null;
}

export interface Rankings {
  period: Period;
  asOf: IsoDate;
  counting: DayCounting;
  totals: Stats;
  lead: UnitRanking[];
  support: UnitRanking[];
  leaders: LeaderRanking[];
  /** 逾期未办结 at asOf (close-by ≤ to), most overdue first. */
  overdueItems: ItemOutcome[];
  /** Items due in the period closed late. */
  lateItems: ItemOutcome[];
}

function emptyRatings(): Record<Rating, number> {
  return Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
}

const inPeriod = (date: IsoDate | null, p: Period) =>
  date !== null && compareDates(date, p.from) >= 0 && compareDates(date, p.to) <= 0;

/** Figures over a set of item outcomes. */
export function statsOf(outcomes: readonly ItemOutcome[], period: Period, asOf: IsoDate): Stats {
  const s: Stats = {
    due: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    pending: 0,
    onTimeRate: null,
    overdueOpen: 0,
    closed: 0,
    avgDaysToClose: null,
    ratings: emptyRatings(),
    returned: 0,
    extended: 0,
  };
  let days = 0;
  for (const o of outcomes) {
    s.returned += o.returnsInPeriod;
    if (o.outcome === 'overdue' && compareDates(o.closeBy, period.to) <= 0 && compareDates(o.closeBy, asOf) < 0)
      s.overdueOpen += 1;
    if (inPeriod(o.reviewedOn, period) && o.daysToClose !== null) {
      s.closed += 1;
      days += o.daysToClose;
      if (o.rating) s.ratings[o.rating] += 1;
    }
    if (!inPeriod(o.closeBy, period)) continue;
    s.due += 1;
    if (o.extended) s.extended += 1;
    if (o.outcome === 'on_time') s.onTime += 1;
    else if (o.outcome === 'late') s.late += 1;
    else if (o.outcome === 'overdue') s.overdue += 1;
    else s.pending += 1;
  }
  const decided = s.onTime + s.late + s.overdue;
  s.onTimeRate = decided === 0 ? null : s.onTime / decided;
  s.avgDaysToClose = s.closed === 0 ? null : Math.round((days / s.closed) * 10) / 10;
  return s;
}

/** An outcome is relevant to a period when it is due in it, closed in it, overdue at its end or returned in it. */
function relevant(o: ItemOutcome, p: Period): boolean {
  return (
    inPeriod(o.closeBy, p) ||
    inPeriod(o.reviewedOn, p) ||
    o.returnsInPeriod > 0 ||
    (o.outcome === 'overdue' && compareDates(o.closeBy, p.to) <= 0)
  );
}

/** Competition ranking (1, 2, 2, 4) by rate desc, then 逾期未办结 asc; rows without a rate get null. */
export function assignRanks<T extends Stats & { rank: number | null }>(rows: T[], name: (r: T) => string): T[] {
  const ranked = rows.filter((r) => r.onTimeRate !== null);
  const unranked = rows.filter((r) => r.onTimeRate === null);
  const cmp = (a: T, b: T) => (b.onTimeRate as number) - (a.onTimeRate as number) || a.overdueOpen - b.overdueOpen;
  ranked.sort((a, b) => cmp(a, b) || name(a).localeCompare(name(b), 'zh-CN'));
  ranked.forEach((r, k) => {
    const prev = ranked[k - 1];
    r.rank = prev && cmp(prev, r) === 0 ? (prev.rank as number) : k + 1;
  });
  unranked.sort((a, b) => a.overdueOpen - b.overdueOpen || name(a).localeCompare(name(b), 'zh-CN'));
  for (const r of unranked) r.rank = null;
  return [...ranked, ...unranked];
}

export interface RankingInput {
  items: readonly SupervisionItem[];
  period: Period;
  /** The evaluation date (Asia/Shanghai); a report made after the month uses today. */
  asOf: IsoDate;
  settings: SupervisionSettings;
  /** 分管: leader's display name → the units they are in charge of (work rules 第五条, 第三十六条). */
  leaders?: ReadonlyArray<{ leader: string; units: readonly string[] }>;
}

export function rankings(input: RankingInput): Rankings {
  const { period, asOf, settings } = input;
  const outcomes = input.items
    .map((i) => itemOutcome(i, asOf, period, settings))
    .filter((o): o is ItemOutcome => o !== null && relevant(o, period));
  const byUnit = (role: 'lead' | 'support'): UnitRanking[] => {
    const groups = new Map<string, ItemOutcome[]>();
    for (const o of outcomes) {
      for (const unit of role === 'lead' ? [o.lead] : o.supports) {
        const g = groups.get(unit) ?? [];
        g.push(o);
        groups.set(unit, g);
      }
    }
    const rows = [...groups].map(([unit, os]) => ({ unit, role, rank: null, ...statsOf(os, period, asOf) }));
    return assignRanks(rows, (r) => r.unit);
  };
  const leaders = assignRanks(
    (input.leaders ?? []).map((l) => {
      const units = [...new Set(l.units)];
      const os = outcomes.filter((o) => units.includes(o.lead));
      return { leader: l.leader, units, rank: null, ...statsOf(os, period, asOf) };
    }),
    (r) => r.leader,
  );
  const overdueItems = outcomes
    .filter((o) => o.outcome === 'overdue' && compareDates(o.closeBy, period.to) <= 0)
    .sort((a, b) => b.overdueDays - a.overdueDays || compareDates(a.closeBy, b.closeBy) || a.id.localeCompare(b.id));
  const lateItems = outcomes
    .filter((o) => o.outcome === 'late' && inPeriod(o.closeBy, period))
    .sort((a, b) => b.overdueDays - a.overdueDays || a.id.localeCompare(b.id));
  return {
    period,
    asOf,
    counting: settings.dayCounting,
    totals: statsOf(outcomes, period, asOf),
    lead: byUnit('lead'),
    support: byUnit('support'),
    leaders,
    overdueItems,
    lateItems,
  };
}

export interface TrendPoint extends Stats {
  month: string;
  asOf: IsoDate;
}

/** One point per month from `fromMonth` to `toMonth` (YYYY-MM), each evaluated at min(asOf, month end). */
export function monthlyTrend(
  items: readonly SupervisionItem[],
  fromMonth: string,
  toMonth: string,
  asOf: IsoDate,
  settings: SupervisionSettings,
): TrendPoint[] {
  const first = monthPeriod(fromMonth, 'from');
  const last = monthPeriod(toMonth, 'to');
  if (compareDates(first.from, last.from) > 0)
    throw new AppError('BAD_INPUT', `参数“from”（${fromMonth}）晚于“to”（${toMonth}）。`, { field: 'from' });
  const out: TrendPoint[] = [];
  let [y, m] = fromMonth.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 120; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const p = monthPeriod(month);
    const at = compareDates(asOf, p.to) < 0 ? asOf : p.to;
    if (compareDates(p.from, asOf) > 0) break;
    const os = items
      .map((i) => itemOutcome(i, at, p, settings))
      .filter((o): o is ItemOutcome => o !== null && relevant(o, p));
    out.push({ month, asOf: at, ...statsOf(os, p, at) });
    if (month === toMonth) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** A rate as a Chinese percentage with one decimal (“85.7%”), or “—” when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
