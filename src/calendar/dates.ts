// Calendar dates as `YYYY-MM-DD` strings, with arithmetic on whole days. Pure; no time zones: a date is a
// civil date (in 襄垣 that is Asia/Shanghai), never an instant. Internally a date is a day number (days
// since 1970-01-01), computed with Date.UTC so the result never depends on the machine's TZ.
import { AppError } from '../platform/errors.ts';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The supported range: wide enough for any administrative deadline, narrow enough to catch typos. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateParse =
  | { ok: true; day: number; year: number; month: number; dayOfMonth: number }
  | { ok: false; reason: string };

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Valid dates already parsed (frozen answers): the supervision sweep compares and counts the same few hundred
 * deadline dates for every open item. Bounded; cleared when full.
 */
const parsed = new Map<string, DateParse>();

/** Parse a strict `YYYY-MM-DD`; the reason (Chinese) says exactly what is wrong. */
export function parseIsoDate(text: string): DateParse {
  const hit = parsed.get(text);
  if (hit) return hit;
  const r = parseUncached(text);
  if (r.ok) {
    if (parsed.size >= 20_000) parsed.clear();
    parsed.set(text, Object.freeze(r));
  }
  return r;
}

function parseUncached(text: string): DateParse {
  const m = ISO_DATE.exec(text);
  if (!m) return { ok: false, reason: '格式应为 YYYY-MM-DD（四位年、两位月、两位日，用“-”分隔，例如 2023-09-28）' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` };
  if (month < 1 || month > 12) return { ok: false, reason: '月份应在 01–12 之间' };
  const dim = daysInMonth(year, month);
  if (dayOfMonth < 1 || dayOfMonth > dim) return { ok: false, reason: `${year} 年 ${month} 月只有 ${dim} 天` };
  const utc = Date.UTC(year, month - 1, dayOfMonth);
  return { ok: true, day: utc / DAY_MS, year, month, dayOfMonth };
}

export function isIsoDate(text: unknown): text is IsoDate {
  return typeof text === 'string' && parseIsoDate(text).ok;
}

/** Day number of a valid date; throws AppError BAD_INPUT naming `what` otherwise. */
export function toDay(date: IsoDate, what = '日期'): number {
  const p = parseIsoDate(String(date));
  if (!p.ok) throw new AppError('BAD_INPUT', `${what}“${String(date)}”不是有效日期：${p.reason}。`, { field: what });
  return p.day;
}

export const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / DAY_MS;
export const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / DAY_MS;

export function fromDay(day: number): IsoDate {
  if (!Number.isSafeInteger(day) || day < MIN_DAY || day > MAX_DAY) {
    throw new AppError('BAD_INPUT', `计算结果超出支持的日期范围（${MIN_YEAR}-01-01 至 ${MAX_YEAR}-12-31）。`);
  }
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekdayOfDay(toDay(date))] as string;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDay(toDay(date) + n);
}

/** b − a in calendar days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDay(b) - toDay(a);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDay(a) - toDay(b);
}

/**
 * Add calendar months the way 《民法典》第二百零二条 counts a period in months: the period ends on the
 * corresponding day of the final month; when that month has no such day, on its last day
 * (2023-01-31 + 1 个月 = 2023-02-28; 2024-01-31 + 1 个月 = 2024-02-29; 2023-02-28 + 1 个月 = 2023-03-28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(String(date));
  if (!p.ok) throw new AppError('BAD_INPUT', `日期“${String(date)}”不是有效日期：${p.reason}。`);
  if (!Number.isSafeInteger(months)) throw new AppError('BAD_INPUT', `月数应为整数，收到 ${months}。`);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('BAD_INPUT', `计算结果超出支持的日期范围（${MIN_YEAR}-01-01 至 ${MAX_YEAR}-12-31）。`);
  }
  const d = Math.min(p.dayOfMonth, daysInMonth(year, month));
  return fromDay(Date.UTC(year, month - 1, d) / DAY_MS);
}

/** The civil date in Asia/Shanghai (UTC+8, no daylight saving since 1991) of an ISO instant. */
export function shanghaiDate(instant: string): IsoDate | null {
  // memoised: the sweep and the inbox ask the date of the same instants (now, report times) for every item
  let date = shanghaiDates.get(instant);
  if (date === undefined) {
    date = computeShanghaiDate(instant);
    if (shanghaiDates.size >= 50_000) shanghaiDates.clear();
    if (typeof instant === 'string') shanghaiDates.set(instant, date);
  }
  return date;
}

const shanghaiDates = new Map<string, IsoDate | null>();

function computeShanghaiDate(instant: string): IsoDate | null {
  if (
    typeof instant !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(instant)
  )
    return null;
  if (!parseIsoDate(instant.slice(0, 10)).ok) return null; // Date.parse rolls 2023-02-30 over to March
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const day = Math.floor((ms + 8 * 3_600_000) / DAY_MS);
  if (day < MIN_DAY || day > MAX_DAY) return null;
  return fromDay(day);
}
