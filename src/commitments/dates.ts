// Deadlines and periods in plan text → calendar dates (YYYY-MM-DD). Pure.
//
// Rules (docs/commitments.md, “日期”):
// - 2023年10月20日前 → 2023-10-20 (the named day; 前 means “by”).
// - 2023年12月 / 2023年12月底前 / 12月底前 → the last day of that month.
// - 2023年底前 / 2023年年底前 / 2023年底 → 2023-12-31; 到2025年 → 2025-12-31.
// - 年底前 / 年内 / 今年底 with no year → 12-31 of the context year, which is the year of the document
//   (from its signedOn date) unless the text names a year.
// - Recurring deadlines (每年11月15日前, 次年1月底前, 每月) are not a task's due date and are skipped.
// - A task with several deadlines is due at the latest one.

export interface DateContext {
  /** The year a bare 年底前 refers to: the document's year. */
  year: number;
}

export interface Deadline {
  date: string;
  text: string;
  index: number;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function endOfMonth(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad2(month)}-${pad2(last)}`;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const RECURRING = /(?:每年|次年|每季度|每月|每半年|当年|上一年度|下一年度|每学期)$/;

// Alternatives, longest first, scanned left to right. Groups are named by form.
const DEADLINE_RE = new RegExp(
  [
    '(?<ymd>(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*(?:前|之前|以前))',
    '(?<ym>(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?:份)?(?:底|末)?(?:前|之前|以前)?)',
    '(?<yend>(\\d{4})\\s*年(?:年底|底|末)(?:前|之前|以前)?)',
    '(?<to>(?:到|至)\\s*(\\d{4})\\s*年)',
    '(?<md>(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*(?:前|之前|以前))',
    '(?<mend>(?<![\\d年])(\\d{1,2})\\s*月(?:底|末)(?:前|之前|以前)?)',
    '(?<bare>(?<![\\d年一二两三四五六七八九十])(?:年底前|年底|年内|今年底|本年底|年末前))',
  ].join('|'),
  'g',
);

/** Every deadline phrase in the text, in order. */
export function findDeadlines(text: string, ctx: DateContext): Deadline[] {
  const out: Deadline[] = [];
  for (const m of text.matchAll(DEADLINE_RE)) {
    const g = m.groups ?? {};
    const before = text.slice(Math.max(0, (m.index ?? 0) - 4), m.index);
    if (RECURRING.test(before)) continue;
    const a = m.slice(1);
    let date: string | null = null;
    if (g.ymd) {
      const [y, mo, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
      if (validDate(y, mo, d)) date = `${y}-${pad2(mo)}-${pad2(d)}`;
    } else if (g.ym) {
      // 2023年12月 is a deadline only in a date column or with 底/前; a bare “2023年12月” inside prose is
      // usually a period (see parsePeriod), so require one of them here unless the whole text is the date.
      const [y, mo] = [Number(a[5]), Number(a[6])];
      const phrase = g.ym;
      const deadline = /底|末|前/.test(phrase) || text.trim() === phrase.trim();
      if (deadline && mo >= 1 && mo <= 12) date = endOfMonth(y, mo);
    } else if (g.yend) {
      date = `${Number(a[8])}-12-31`;
    } else if (g.to) {
      // 到2025年底前 is matched by yend first (it starts later, but we check the tail here)
      const y = Number(a[10]);
      date = `${y}-12-31`;
    } else if (g.md) {
      const [mo, d] = [Number(a[12]), Number(a[13])];
      if (validDate(ctx.year, mo, d)) date = `${ctx.year}-${pad2(mo)}-${pad2(d)}`;
    } else if (g.mend) {
      const mo = Number(a[15]);
      if (mo >= 1 && mo <= 12) date = endOfMonth(ctx.year, mo);
    } else if (g.bare) {
      date = `${ctx.year}-12-31`;
    }
    if (date) out.push({ date, text: m[0], index: m.index ?? 0 });
  }
  return out;
}

/** The latest deadline in a text, or null. */
export function dueDate(text: string, ctx: DateContext): { date: string; text: string } | null {
  let best: Deadline | null = null;
  for (const d of findDeadlines(text, ctx)) if (!best || d.date > best.date) best = d;
  return best ? { date: best.date, text: best.text } : null;
}

/** A date column cell: 2023年12月 → 2023-12-31; 2023年10月20日 → 2023-10-20; 2023年 → 2023-12-31. */
export function cellDate(cell: string, ctx: DateContext): string | null {
  const s = cell.replace(/\s/g, '');
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:前)?$/.exec(s);
  if (m && validDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`;
  m = /^(\d{4})年(\d{1,2})月(?:底|末)?(?:前)?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return endOfMonth(Number(m[1]), Number(m[2]));
  m = /^(\d{4})年(?:底|末)?(?:前)?$/.exec(s);
  if (m) return `${m[1]}-12-31`;
  m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(s);
  if (m && validDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`;
  return dueDate(s, ctx)?.date ?? null;
}

interface Point {
  year: number | null;
  month: number;
  part: string | null;
  day: number | null;
}

const POINT_RE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(上旬|中旬|下旬|初|底|末|中)?(?:\s*(\d{1,2})\s*日)?/;

function parsePoint(s: string): Point | null {
  const m = POINT_RE.exec(s);
  if (!m) return null;
  return { year: m[1] ? Number(m[1]) : null, month: Number(m[2]), part: m[3] ?? null, day: m[4] ? Number(m[4]) : null };
}

function startOf(p: Point, year: number): string | null {
  if (p.month < 1 || p.month > 12) return null;
  const day = p.day ?? (p.part === '中旬' || p.part === '中' ? 11 : p.part === '下旬' ? 21 : 1);
  return validDate(year, p.month, day) ? `${year}-${pad2(p.month)}-${pad2(day)}` : null;
}

function endOf(p: Point, year: number): string | null {
  if (p.month < 1 || p.month > 12) return null;
  if (p.day !== null) return validDate(year, p.month, p.day) ? `${year}-${pad2(p.month)}-${pad2(p.day)}` : null;
  if (p.part === '上旬' || p.part === '初') return `${year}-${pad2(p.month)}-10`;
  if (p.part === '中旬' || p.part === '中') return `${year}-${pad2(p.month)}-20`;
  return endOfMonth(year, p.month);
}

/**
 * A period as printed in a phase heading: 2023年12月底前 → (null, 2023-12-31); 2024年1月—2024年12月底 →
 * (2024-01-01, 2024-12-31); 2023年8月中旬—10月上旬 → (2023-08-11, 2023-10-10). The year carries over from
 * the start to the end; a period with no year takes the context year.
 */
export function parsePeriod(text: string, ctx: DateContext): { start: string | null; end: string | null } {
  const s = text.replace(/\s/g, '');
  const sides = s.split(/—|－|–|~|～|至|到|-{1,2}/).filter(Boolean);
  if (sides.length >= 2) {
    const a = parsePoint(sides[0] as string);
    const b = parsePoint(sides[sides.length - 1] as string);
    const ya = /^(\d{4})年$/.exec(sides[0] as string);
    const yb = /^(\d{4})年(?:底|末)?$/.exec(sides[sides.length - 1] as string);
    const startYear = a?.year ?? (ya ? Number(ya[1]) : ctx.year);
    const start = a ? startOf(a, startYear) : ya ? `${ya[1]}-01-01` : null;
    const endYear = b?.year ?? (yb ? Number(yb[1]) : startYear);
    const end = b ? endOf(b, endYear) : yb ? `${yb[1]}-12-31` : null;
    return { start, end };
  }
  if (/前$/.test(s) || /底$|末$/.test(s)) {
    const p = parsePoint(s);
    if (p) return { start: null, end: endOf(p, p.year ?? ctx.year) };
    const y = /(\d{4})年/.exec(s);
    if (y) return { start: null, end: `${y[1]}-12-31` };
    return { start: null, end: null };
  }
  const p = parsePoint(s);
  if (p) {
    const y = p.year ?? ctx.year;
    return { start: startOf(p, y), end: endOf(p, y) };
  }
  const y = /^(\d{4})年$/.exec(s);
  if (y) return { start: `${y[1]}-01-01`, end: `${y[1]}-12-31` };
  return { start: null, end: null };
}
