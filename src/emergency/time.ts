// Instants: stored as UTC ISO strings, shown in Asia/Shanghai. China Standard Time is UTC+8 all year
// (no daylight saving since 1991), so the conversion is a fixed offset and needs no time-zone database.
import { AppError } from '../platform/errors.ts';

const OFFSET_MS = 8 * 3600_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO 8601 instant that carries Z or an offset; refuses anything else, in Chinese. */
export function parseInstant(value: unknown, label: string, field?: string): number {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw new AppError(
      'BAD_INPUT',
      `${label}“${String(value)}”不是带时区的时间：应为 ISO 8601 格式，如 2023-07-03T06:05:00Z 或 2023-07-03T14:05:00+08:00。`,
      field ? { field } : {},
    );
  }
  const ms = Date.parse(value);
  // Date.parse accepts 2023-02-30 by rolling over; compare the calendar date back to refuse it.
  const local = new Date(ms + offsetMinutes(value) * 60_000).toISOString().slice(0, 16);
  if (Number.isNaN(ms) || local !== value.slice(0, 16)) {
    throw new AppError('BAD_INPUT', `${label}“${value}”不是有效的日期时间。`, field ? { field } : {});
  }
  return ms;
}

function offsetMinutes(value: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(value);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

export function toUtcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2023-07-03 14:05`, Beijing time (for people). */
export function formatShanghai(iso: string | number, opts: { seconds?: boolean } = {}): string {
  const ms = typeof iso === 'number' ? iso : parseInstant(iso, '时间');
  const s = new Date(ms + OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, opts.seconds ? 19 : 16)}`;
}

/** `2023-07-03T14:05:00+08:00` — the CAP 1.2 dateTime form (an offset, never Z; whole seconds). */
export function toCapDateTime(iso: string | number): string {
  const ms = typeof iso === 'number' ? iso : parseInstant(iso, '时间');
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function parseDate(value: unknown, label: string, field?: string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value) return value;
  }
  throw new AppError(
    'BAD_INPUT',
    `${label}“${String(value)}”不是有效日期：应为 YYYY-MM-DD，如 2023-07-03。`,
    field ? { field } : {},
  );
}

/** Today's date in Asia/Shanghai. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}
