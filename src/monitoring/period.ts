// Reporting periods in DHIS2's ISO period formats, and where they sit on the attainment time axis. Pure.
//
//   2023 (annual)   2023Q1 (quarterly)   202301 (monthly)   20230115 (daily)
//
// Time axis (docs/monitoring.md, “时间轴”): a period's value is the level at the END of the period, as a
// decimal year with year-end = the year itself, so that an annual value for 2023, the value for 2023Q4 and
// the value for 202312 sit at the same point 2023.0, and a baseline “2020年” is 2020.0:
//   Y → Y;   YQq → Y − 1 + q/4;   YYYYMM → Y − 1 + m/12;   YYYYMMDD → Y − 1 + dayOfYear/daysInYear.
import { AppError } from '../platform/errors.ts';

export type Frequency = 'daily' | 'monthly' | 'quarterly' | 'annual';

export const FREQUENCIES: readonly Frequency[] = ['daily', 'monthly', 'quarterly', 'annual'];

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  daily: '每日',
  monthly: '每月',
  quarterly: '每季度',
  annual: '每年',
};

export interface Period {
  /** Canonical DHIS2 id: 2023, 2023Q1, 202301, 20230115. */
  id: string;
  frequency: Frequency;
  year: number;
  /** Quarter (1–4), month (1–12) or day-of-month; null for annual. */
  quarter: number | null;
  month: number | null;
  day: number | null;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
}

/** Parse a DHIS2 period id; null when it is not one of the four supported formats or not a real date. */
export function parsePeriod(raw: string): Period | null {
  const s = raw.trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return { id: s, frequency: 'annual', year, quarter: null, month: null, day: null };
  }
  m = /^(\d{4})Q([1-4])$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return { id: s, frequency: 'quarterly', year, quarter: Number(m[2]), month: null, day: null };
  }
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
    return { id: s, frequency: 'monthly', year, quarter: null, month, day: null };
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
    if (day < 1 || day > daysInMonth(year, month)) return null;
    return { id: s, frequency: 'daily', year, quarter: null, month, day };
  }
  return null;
}

/** Parse or throw a Chinese BAD_INPUT naming the field (and row, when given). */
export function requirePeriod(raw: string, where: { row?: number; field?: string } = {}): Period {
  const p = parsePeriod(raw);
  if (p) return p;
  const prefix = where.row !== undefined ? `第 ${where.row} 行` : '';
  const field = where.field ?? '期间';
  throw new AppError(
    'BAD_INPUT',
    `${prefix}字段“${field}”不正确：“${raw}”不是有效的期间，应为 2023（年）、2023Q1（季度）、202301（月）或 20230115（日）。`,
    { ...(where.row !== undefined ? { row: where.row } : {}), field },
  );
}

/** The period's end on the decimal-year axis (see the header). */
export function periodTime(p: Period): number {
  switch (p.frequency) {
    case 'annual':
      return p.year;
    case 'quarterly':
      return p.year - 1 + (p.quarter as number) / 4;
    case 'monthly':
      return p.year - 1 + (p.month as number) / 12;
    case 'daily': {
      let doy = p.day as number;
      for (let m = 1; m < (p.month as number); m++) doy += daysInMonth(p.year, m);
      return p.year - 1 + doy / (isLeap(p.year) ? 366 : 365);
    }
  }
}

/** The period that follows `p` (same frequency). */
export function nextPeriod(p: Period): Period {
  switch (p.frequency) {
    case 'annual':
      return parsePeriod(String(p.year + 1)) as Period;
    case 'quarterly':
      return parsePeriod(p.quarter === 4 ? `${p.year + 1}Q1` : `${p.year}Q${(p.quarter as number) + 1}`) as Period;
    case 'monthly': {
      const y = p.month === 12 ? p.year + 1 : p.year;
      const m = p.month === 12 ? 1 : (p.month as number) + 1;
      return parsePeriod(`${y}${String(m).padStart(2, '0')}`) as Period;
    }
    case 'daily': {
      const d = new Date(Date.UTC(p.year, (p.month as number) - 1, (p.day as number) + 1));
      const id = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
      return parsePeriod(id) as Period;
    }
  }
}

/** Periods of a frequency from `from` to `to` inclusive (both of that frequency), at most `limit`. */
export function periodRange(from: Period, to: Period, limit = 10_000): Period[] {
  if (from.frequency !== to.frequency) throw new AppError('BAD_INPUT', '起止期间的频率不一致。');
  const out: Period[] = [];
  let p = from;
  const end = periodTime(to);
  while (periodTime(p) <= end + 1e-9 && out.length < limit) {
    out.push(p);
    p = nextPeriod(p);
  }
  return out;
}

/** The periods of a frequency within calendar years [fromYear, toYear]. */
export function periodsOfYears(frequency: Frequency, fromYear: number, toYear: number): Period[] {
  const first = {
    annual: `${fromYear}`,
    quarterly: `${fromYear}Q1`,
    monthly: `${fromYear}01`,
    daily: `${fromYear}0101`,
  }[frequency];
  const last = { annual: `${toYear}`, quarterly: `${toYear}Q4`, monthly: `${toYear}12`, daily: `${toYear}1231` }[
    frequency
  ];
  return periodRange(parsePeriod(first) as Period, parsePeriod(last) as Period, 400_000);
}

/** Chinese label: 2023年, 2023年第1季度, 2023年1月, 2023年1月15日. */
export function periodLabel(p: Period): string {
  switch (p.frequency) {
    case 'annual':
      return `${p.year}年`;
    case 'quarterly':
      return `${p.year}年第${p.quarter}季度`;
    case 'monthly':
      return `${p.year}年${p.month}月`;
    case 'daily':
      return `${p.year}年${p.month}月${p.day}日`;
  }
}
