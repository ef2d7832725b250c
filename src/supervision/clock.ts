// The 13710 clocks: deadlines from the assignment date, and how far a date is from a deadline, in the
// county's counting (working days by default, or calendar days as written). Pure.
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from '../calendar/dates.ts';
import { addWorkdays, type CalendarOverrides, onOrNextWorkday, workdaysBetween } from '../calendar/workdays.ts';
import type { Category, DayCounting, Deadlines } from './types.ts';

/**
 * 山西 “13710” 工作制度: study and deploy within 1 day of assignment, feed back within 3 days, close an
 * ordinary item within 7 days, a major or complex item within 1 month (or on an agreed timeline), and close
 * out every item (销号清零). Fixed by the province, not a county setting.
 */
export const RULE_13710 = Object.freeze({ deployDays: 1, feedbackDays: 3, closeDays: 7, majorCloseMonths: 1 });

const UNIT: Record<DayCounting, string> = { working: '个工作日', calendar: '天' };

export function unitLabel(counting: DayCounting): string {
  return UNIT[counting];
}

/** `n` days after `start` (the start day not counted), in the given counting. */
export function after(
  start: IsoDate,
  n: number,
  counting: DayCounting,
  calendar: CalendarOverrides,
): { date: IsoDate; official: boolean } {
  if (counting === 'calendar') return { date: addDays(start, n), official: true };
  return addWorkdays(start, n, calendar);
}

/**
 * One calendar month after `start` (《民法典》第二百零二条: the corresponding day, else the month's last day).
 * Counting working days, a month that ends on a day off ends on the next working day (第二百零三条).
 */
export function monthsAfter(
  start: IsoDate,
  months: number,
  counting: DayCounting,
  calendar: CalendarOverrides,
): { date: IsoDate; official: boolean } {
  const end = addMonths(start, months);
  if (counting === 'calendar') return { date: end, official: true };
  return onOrNextWorkday(end, calendar);
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/**
 * The deadlines of an item assigned on `assignedOn`. A due date written in the document (`dueOn`) replaces
 * the 13710 close-by date, and deploy/feedback dates never fall after it.
 */
export function computeDeadlines(
  category: Category,
  assignedOn: IsoDate,
  dueOn: IsoDate | null,
  counting: DayCounting,
  calendar: CalendarOverrides,
): Deadlines {
  const u = UNIT[counting];
  const deploy = after(assignedOn, RULE_13710.deployDays, counting, calendar);
  const feedback = after(assignedOn, RULE_13710.feedbackDays, counting, calendar);
  const close =
    category === 'major'
      ? monthsAfter(assignedOn, RULE_13710.majorCloseMonths, counting, calendar)
      : after(assignedOn, RULE_13710.closeDays, counting, calendar);
  const closeBy = dueOn ?? close.date;
  const rule =
    category === 'major'
      ? `重大复杂事项 1 个月内办结（${close.date}${counting === 'working' ? '，到期日逢休息日顺延' : ''}）`
      : `一般事项 ${RULE_13710.closeDays} ${u}内办结（${close.date}）`;
  const basis =
    `按“13710”工作制度，自交办日（${assignedOn}）次日起算：${RULE_13710.deployDays} ${u}内研究部署、` +
    `${RULE_13710.feedbackDays} ${u}内反馈，${rule}` +
    (dueOn ? `；文件要求时限 ${dueOn}，以文件时限为办结时限` : '') +
    '。';
  return {
    counting,
    deployBy: minDate(deploy.date, closeBy),
    feedbackBy: minDate(feedback.date, closeBy),
    closeBy,
    originalCloseBy: closeBy,
    official: deploy.official && feedback.official && (dueOn !== null || close.official),
    basis,
  };
}

export interface Distance {
  /** True when `today` is after `due`. */
  overdue: boolean;
  /** Days left until `due` (0 on the day itself) when not overdue; days past `due` when overdue. */
  days: number;
  official: boolean;
}

/**
 * How far `today` is from `due`, in the counting. Working days left = working days after today up to and
 * including the due date; working days overdue = working days after the due date up to and including
 * today (so the weekend after a Friday deadline is overdue by 0 working days: red, but nothing to escalate).
 */
export function distance(today: IsoDate, due: IsoDate, counting: DayCounting, calendar: CalendarOverrides): Distance {
  const key = `${today}${due}${counting}`;
  const memo = memoFor(distances, calendar);
  let d = memo.get(key);
  if (d === undefined) {
    const overdue = compareDates(today, due) > 0;
    if (counting === 'calendar') d = { overdue, days: Math.abs(daysBetween(today, due)), official: true };
    else {
      const r = overdue ? workdaysBetween(due, today, calendar) : workdaysBetween(today, due, calendar);
      d = { overdue, days: Math.abs(r.workdays), official: r.official };
    }
    memo.set(key, Object.freeze(d));
  }
  return d;
}

// Memos of distance() and periodLength() per calendar table: the sweep and the inbox ask the same few (today,
// due date) pairs for thousands of items assigned on the same days. Pure functions of their arguments, so a
// memo never changes an answer; bounded by clearing.
const MEMO_MAX = 20_000;
const distances = new WeakMap<CalendarOverrides, Map<string, Distance>>();
const periods = new WeakMap<CalendarOverrides, Map<string, number>>();

function memoFor<V>(memos: WeakMap<CalendarOverrides, Map<string, V>>, calendar: CalendarOverrides): Map<string, V> {
  let memo = memos.get(calendar);
  if (!memo) {
    memo = new Map();
    memos.set(calendar, memo);
  } else if (memo.size >= MEMO_MAX) memo.clear();
  return memo;
}

/** Length of the period from `start` to `due`, in the counting (≥ 0). */
export function periodLength(start: IsoDate, due: IsoDate, counting: DayCounting, calendar: CalendarOverrides): number {
  if (compareDates(due, start) <= 0) return 0;
  if (counting === 'calendar') return daysBetween(start, due);
  const key = `${start}${due}`;
  const memo = memoFor(periods, calendar);
  let n = memo.get(key);
  if (n === undefined) {
    n = workdaysBetween(start, due, calendar).workdays;
    memo.set(key, n);
  }
  return n;
}
