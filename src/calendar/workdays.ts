// The working-day calendar (工作日): statutory holidays and 调休 make-up days, plus a county's own
// overrides. Pure: the data is the table chinese-days ships (dist/chinese-days.json, the same table its
// own isWorkday reads), so the answer never depends on the machine's time zone — chinese-days builds its
// lookup table at import time and parses dates in the process's local time zone: west of UTC it answers for
// the wrong day (checked: TZ=America/Los_Angeles getDayDetail('2023-10-01') reports 2023-09-30). Tests
// check this table against chinese-days' isWorkday (run in Asia/Shanghai) for every day it covers.
//
// Years without an official schedule (none published yet, or before 2004) are never guessed silently:
// the answer carries `official: false` (an estimate, Monday–Friday), unless the county's override table
// covers the date — an override makes a date official.
import holidayTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { AppError } from '../platform/errors.ts';
import { fromDay, type IsoDate, MAX_DAY, MIN_DAY, parseIsoDate, toDay, weekdayOfDay, yearOfDay } from './dates.ts';

/** One county correction: a local holiday, a correction of the national table, or next year's schedule. */
export interface CalendarOverride {
  date: IsoDate;
  workday: boolean;
  note: string;
}

export type CalendarOverrides = readonly CalendarOverride[];

export interface WorkdayAnswer {
  workday: boolean;
  /** False when the year has no official schedule and no override covers the date (an estimate). */
  official: boolean;
}

/** How a day was classified. */
export type DaySource =
  | 'override' // the county's override table
  | 'holiday' // statutory holiday (法定节假日, including days taken in lieu)
  | 'makeup' // 调休上班: a weekend day worked in exchange
  | 'regular' // an ordinary weekday or weekend in a year with an official schedule
  | 'estimate'; // no official schedule for the year: Monday–Friday assumed

export interface DayInfo extends WorkdayAnswer {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  source: DaySource;
  /** Chinese description: 国庆节, 国庆节调休上班, the override's note, 周末 … */
  label: string;
}

// ---------------------------------------------------------------------------------------------------------
// The national table

interface RawTable {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const FESTIVAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** "National Day,国庆节,3" → 国庆节. */
function festivalName(value: string): string {
  const zh = value.split(',')[1]?.trim() || value;
  return FESTIVAL_NAMES[zh] ?? zh;
}

interface StatutoryDay {
  workday: boolean;
  label: string;
}

const STATUTORY = new Map<number, StatutoryDay>();
const YEARS = new Set<number>();

{
  const raw = holidayTable as unknown as RawTable;
  for (const [date, value] of Object.entries(raw.holidays)) {
    const day = toDay(date);
    const name = festivalName(value);
    STATUTORY.set(day, { workday: false, label: raw.inLieuDays[date] ? `${name}（调休）` : name });
    YEARS.add(yearOfDay(day));
  }
  for (const [date, value] of Object.entries(raw.workdays)) {
    const day = toDay(date);
    STATUTORY.set(day, { workday: true, label: `${festivalName(value)}调休上班` });
    YEARS.add(yearOfDay(day));
  }
}

/**
 * Years with an official schedule, derived from the data (a year is official when the table lists at least
 * one holiday or make-up day in it). chinese-days 1.5.7: 2004–2026.
 */
export const OFFICIAL_YEARS: readonly number[] = Object.freeze([...YEARS].sort((a, b) => a - b));

export function hasOfficialSchedule(year: number): boolean {
  return YEARS.has(year);
}

// ---------------------------------------------------------------------------------------------------------
// Overrides

/** Problems with an override table, in Chinese (empty when it is usable). For the storage/CLI edge. */
export function validateOverrides(overrides: CalendarOverrides): string[] {
  const problems: string[] = [];
  const seen = new Map<number, { index: number; workday: boolean }>();
  overrides.forEach((o, i) => {
    const where = `日历调整表第 ${i + 1} 条`;
    if (o === null || typeof o !== 'object') {
      problems.push(`${where}不是 {date, workday, note} 对象。`);
      return;
    }
    const p = parseIsoDate(String(o.date));
    if (!p.ok) {
      problems.push(`${where}的日期“${String(o.date)}”无效：${p.reason}。`);
      return;
    }
    if (typeof o.workday !== 'boolean') problems.push(`${where}（${o.date}）的 workday 应为 true 或 false。`);
    if (typeof o.note !== 'string') problems.push(`${where}（${o.date}）的 note 应为文字说明。`);
    const prev = seen.get(p.day);
    if (prev && prev.workday !== o.workday) {
      problems.push(
        `${where}与第 ${prev.index + 1} 条都调整 ${o.date}，但一条定为工作日、一条定为休息日，请删去其中一条。`,
      );
    }
    if (!prev) seen.set(p.day, { index: i, workday: o.workday });
  });
  return problems;
}

const compiled = new WeakMap<CalendarOverrides, Map<number, CalendarOverride>>();

function compile(overrides: CalendarOverrides): Map<number, CalendarOverride> {
  if (overrides.length === 0 && overrides !== NONE) return compile(NONE);
  let map = compiled.get(overrides);
  if (map) return map;
  const problems = validateOverrides(overrides);
  if (problems.length > 0) {
    throw new AppError('BAD_INPUT', problems.join(' '), { field: '日历调整表' }, { problems });
  }
  map = new Map();
  for (const o of overrides) if (!map.has(toDay(o.date))) map.set(toDay(o.date), o);
  compiled.set(overrides, map);
  return map;
}

const NONE: CalendarOverrides = Object.freeze([]);

// ---------------------------------------------------------------------------------------------------------
// Classification

function classify(day: number, table: Map<number, CalendarOverride>): DayInfo {
  const date = fromDay(day);
  const weekday = weekdayOfDay(day);
  const weekend = weekday === 0 || weekday === 6;
  const override = table.get(day);
  if (override) {
    return {
      date,
      weekday,
      workday: override.workday,
      official: true,
      source: 'override',
      label: override.note || (override.workday ? '县定工作日' : '县定休息日'),
    };
  }
  if (!hasOfficialSchedule(yearOfDay(day))) {
    return {
      date,
      weekday,
      workday: !weekend,
      official: false,
      source: 'estimate',
      label: `${weekend ? '周末' : '周一至周五'}（${yearOfDay(day)} 年尚无官方节假日安排，估算）`,
    };
  }
  const s = STATUTORY.get(day);
  if (s)
    return {
      date,
      weekday,
      workday: s.workday,
      official: true,
      source: s.workday ? 'makeup' : 'holiday',
      label: s.label,
    };
  return { date, weekday, workday: !weekend, official: true, source: 'regular', label: weekend ? '周末' : '工作日' };
}

/** Everything known about one date. Throws AppError BAD_INPUT for an invalid date or override table. */
export function dayInfo(date: IsoDate, overrides: CalendarOverrides = NONE): DayInfo {
  return classify(toDay(date), compile(overrides));
}

/** Is `date` a working day? `official: false` marks an estimate (no schedule for the year, no override). */
export function isWorkday(date: IsoDate, overrides: CalendarOverrides = NONE): WorkdayAnswer {
  const info = dayInfo(date, overrides);
  return { workday: info.workday, official: info.official };
}

export interface AddWorkdaysAnswer {
  date: IsoDate;
  /** True only when every day counted lies in an official year or is overridden. */
  official: boolean;
}

/**
 * The n-th working day after `date`: counting starts the day after `date` (the day itself is not counted,
 * as in 《民法典》第二百零一条), so addWorkdays('2023-09-28', 7) = 2023-10-13.
 * n = 0 returns `date` itself (nothing counted; official).
 * n < 0 mirrors it: the |n|-th working day before `date`, counting starts the day before, so
 * addWorkdays('2023-10-13', -7) = 2023-09-28 — e.g. “提前10个工作日报送” before a meeting on `date`.
 */
export function addWorkdays(date: IsoDate, n: number, overrides: CalendarOverrides = NONE): AddWorkdaysAnswer {
  let day = toDay(date, '起始日期');
  if (!Number.isSafeInteger(n)) throw new AppError('BAD_INPUT', `工作日数应为整数，收到 ${n}。`, { field: '工作日数' });
  if (Math.abs(n) > MAX_DAY - MIN_DAY)
    throw new AppError('BAD_INPUT', `工作日数 ${n} 超出支持范围。`, { field: '工作日数' });
  const table = compile(overrides);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let official = true;
  while (left > 0) {
    day += step;
    if (day < MIN_DAY || day > MAX_DAY) fromDay(day); // throws: outside the supported range
    const info = classify(day, table);
    if (!info.official) official = false;
    if (info.workday) left -= 1;
  }
  return { date: fromDay(day), official };
}

export interface WorkdaysBetweenAnswer {
  /** Working days stepped on going from a to b: (a, b] forwards, −|[b, a)| backwards; 0 when a = b. */
  workdays: number;
  official: boolean;
}

/**
 * Working days between two dates, counted the way addWorkdays walks: going forwards the days after `a` up
 * to and including `b`; going backwards (b before a) the days before `a` down to and including `b`,
 * negated. Hence workdaysBetween(d, addWorkdays(d, n).date).workdays === n for every n.
 */
export function workdaysBetween(a: IsoDate, b: IsoDate, overrides: CalendarOverrides = NONE): WorkdaysBetweenAnswer {
  const from = toDay(a, '开始日期');
  const to = toDay(b, '结束日期');
  const table = compile(overrides);
  if (from === to) return { workdays: 0, official: true };
  // (from, to] forwards, [to, from) backwards
  const [lo, hi] = from < to ? [from + 1, to] : [to, from - 1];
  const r = yearCounts.has(table) ? countDays(lo, hi, table) : walkDays(lo, hi, table);
  return { workdays: (from < to ? 1 : -1) * r.work, official: r.unofficial === 0 };
}

/**
 * Working and unofficial days of one year as prefix sums (index i = the first i days of the year), built once
 * per override table and year: counting a range costs a few lookups instead of classifying every day
 * (the supervision sweep counts days for every obligation of every open item).
 */
interface YearCounts {
  start: number;
  work: Int32Array;
  unofficial: Int32Array;
}

const yearCounts = new WeakMap<Map<number, CalendarOverride>, Map<number, YearCounts>>();

function countsOf(year: number, table: Map<number, CalendarOverride>): YearCounts {
  let byYear = yearCounts.get(table);
  if (!byYear) {
    byYear = new Map();
    yearCounts.set(table, byYear);
  }
  let c = byYear.get(year);
  if (c) return c;
  const start = Math.max(MIN_DAY, Date.UTC(year, 0, 1) / 86_400_000);
  const end = Math.min(MAX_DAY, Date.UTC(year + 1, 0, 1) / 86_400_000 - 1);
  const n = end - start + 1;
  const work = new Int32Array(n + 1);
  const unofficial = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const info = classify(start + i, table);
    work[i + 1] = (work[i] as number) + (info.workday ? 1 : 0);
    unofficial[i + 1] = (unofficial[i] as number) + (info.official ? 0 : 1);
  }
  c = { start, work, unofficial };
  byYear.set(year, c);
  return c;
}

/** The first count with a table walks the days (a one-off table is not worth the prefix sums) and marks it. */
function walkDays(lo: number, hi: number, table: Map<number, CalendarOverride>): { work: number; unofficial: number } {
  yearCounts.set(table, new Map());
  let work = 0;
  let unofficial = 0;
  for (let day = lo; day <= hi; day++) {
    const info = classify(day, table);
    if (info.workday) work++;
    if (!info.official) unofficial++;
  }
  return { work, unofficial };
}

/** Working days and unofficial days in [lo, hi] (lo ≤ hi). */
function countDays(lo: number, hi: number, table: Map<number, CalendarOverride>): { work: number; unofficial: number } {
  let work = 0;
  let unofficial = 0;
  for (let y = yearOfDay(lo); y <= yearOfDay(hi); y++) {
    const c = countsOf(y, table);
    const a = Math.max(lo, c.start) - c.start;
    const b = Math.min(hi, c.start + c.work.length - 2) - c.start + 1;
    if (b <= a) continue;
    work += (c.work[b] as number) - (c.work[a] as number);
    unofficial += (c.unofficial[b] as number) - (c.unofficial[a] as number);
  }
  return { work, unofficial };
}

/** `date` if it is a working day, else the next working day (a deadline falling on a day off rolls forward). */
export function onOrNextWorkday(date: IsoDate, overrides: CalendarOverrides = NONE): AddWorkdaysAnswer {
  const table = compile(overrides);
  const first = classify(toDay(date), table);
  if (first.workday) return { date, official: first.official };
  const next = addWorkdays(date, 1, overrides);
  return { date: next.date, official: next.official && first.official };
}
