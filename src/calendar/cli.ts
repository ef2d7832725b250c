// `luoshi workday add|is|between` — the working-day calendar at the command line.
//   luoshi workday add <YYYY-MM-DD> <n> --json      → {"date":"YYYY-MM-DD","official":true|false}
//   luoshi workday is <YYYY-MM-DD> --json           → {"workday":true|false,"official":true|false}
//   luoshi workday between <a> <b> --json           → {"workdays":n,"official":true|false}
// Counting starts the day after the given date. A negative n goes through `--` (luoshi workday add
// 2023-10-13 --json -- -7), because a leading '-' is otherwise read as an option.
// --db <file|postgres://…> [--tenant <code>] applies the county's stored calendar overrides (督办设置, admin screen
// /supervision/settings); --overrides <file.json> applies a table from a file ([{date, workday, note}]); with both,
// the file's entries win for their dates. The --json output stays exactly the contract above.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { requireArg } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { type IsoDate, parseIsoDate, weekdayName } from './dates.ts';
import { addWorkdays, type CalendarOverrides, dayInfo, validateOverrides, workdaysBetween } from './workdays.ts';

const USAGE = [
  'luoshi workday add <日期> <工作日数> [--json] [--db <数据库>] [--tenant <代码>] [--overrides <文件>]',
  'luoshi workday is <日期> [--json] [--db <数据库>] [--tenant <代码>] [--overrides <文件>]',
  'luoshi workday between <开始日期> <结束日期> [--json] [--db <数据库>] [--tenant <代码>] [--overrides <文件>]',
].join('\n       ');

function dateArg(args: string[], index: number, what: string): IsoDate {
  const v = requireArg(args, index, what, USAGE);
  const p = parseIsoDate(v);
  if (!p.ok) {
    throw new AppError('BAD_INPUT', `参数“${what}”不是有效日期：“${v}”——${p.reason}。`, { field: what });
  }
  return v;
}

function intArg(args: string[], index: number, what: string): number {
  const v = requireArg(args, index, what, USAGE);
  if (!/^[+-]?\d{1,6}$/.test(v)) {
    throw new AppError(
      'BAD_INPUT',
      `参数“${what}”应为整数（最多 6 位，负数表示向前倒数，写在 -- 之后），收到“${v}”。`,
      { field: what },
    );
  }
  return Number(v);
}

/** The county's stored overrides (supervision settings) from the database named by --db. */
async function storedOverrides(flags: Flags): Promise<CalendarOverrides> {
  const target = flags.db;
  if (typeof target !== 'string') return [];
  let tenant: string;
  try {
    tenant = tenantFrom(flags.tenant);
  } catch (e) {
    throw new AppError('BAD_INPUT', (e as Error).message, { field: 'tenant' });
  }
  const isUrl = /^postgres(ql)?:\/\//.test(target);
  // never create an empty database by asking it a question
  if (!isUrl && !existsSync(target)) throw new AppError('NOT_FOUND', `找不到数据库文件 ${target}。`, { file: target });
  const { openDb } = await import('../platform/db.ts');
  const { getSupervisionSettings } = await import('../supervision/settingsStore.ts');
  const db = await openDb(isUrl ? { url: target } : { file: target });
  try {
    return (await getSupervisionSettings(db, tenant)).calendar;
  } finally {
    await db.close();
  }
}

/** Stored overrides, then the file's (which win for their dates). */
async function loadOverrides(flags: Flags): Promise<CalendarOverrides> {
  const stored = await storedOverrides(flags);
  const file = await fileOverrides(flags);
  if (!file.length) return stored;
  const dates = new Set(file.map((o) => o.date));
  return [...stored.filter((o) => !dates.has(o.date)), ...file];
}

async function fileOverrides(flags: Flags): Promise<CalendarOverrides> {
  const path = flags.overrides;
  if (typeof path !== 'string') return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `找不到日历调整表文件 ${path}。`, { file: path });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError('BAD_INPUT', `日历调整表文件 ${path} 不是有效的 JSON：${(e as Error).message}`, { file: path });
  }
  if (!Array.isArray(data)) {
    throw new AppError(
      'BAD_INPUT',
      `日历调整表文件 ${path} 应为数组：[{"date":"YYYY-MM-DD","workday":true|false,"note":"说明"}]。`,
      { file: path },
    );
  }
  const problems = validateOverrides(data as CalendarOverrides);
  if (problems.length > 0)
    throw new AppError('BAD_INPUT', `日历调整表文件 ${path}：${problems.join(' ')}`, { file: path });
  return data as CalendarOverrides;
}

const ESTIMATE_NOTE = '注意：所涉年份尚无国务院公布的节假日安排（也无县级调整），结果按周一至周五估算，可能有误。';

function describeDay(date: IsoDate, overrides: CalendarOverrides): string {
  const info = dayInfo(date, overrides);
  return `${date}（${weekdayName(date)}，${info.label}）`;
}

export const calendarCommands: Command[] = [
  {
    name: 'workday',
    usage: USAGE,
    summary: '工作日计算（法定节假日与调休，2004 年起官方数据；无官方安排的年份标为估算）。',
    options: { overrides: { type: 'string' }, db: { type: 'string' }, tenant: { type: 'string' } },
    async run(args: string[], flags: Flags, io: CliIO) {
      const sub = requireArg(args, 0, '子命令（add、is 或 between）', USAGE);
      const overrides = await loadOverrides(flags);
      if (sub === 'add') {
        const date = dateArg(args, 1, '日期');
        const n = intArg(args, 2, '工作日数');
        const r = addWorkdays(date, n, overrides);
        if (flags.json) io.out(JSON.stringify({ date: r.date, official: r.official }));
        else {
          const what = n >= 0 ? `之后第 ${n} 个工作日` : `之前第 ${-n} 个工作日`;
          io.out(
            `${date} ${what}是 ${describeDay(r.date, overrides)}。（计数从${n >= 0 ? '次日' : '前一日'}开始，当日不计。）`,
          );
          if (!r.official) io.out(ESTIMATE_NOTE);
        }
        return 0;
      }
      if (sub === 'is') {
        const date = dateArg(args, 1, '日期');
        const info = dayInfo(date, overrides);
        if (flags.json) io.out(JSON.stringify({ workday: info.workday, official: info.official }));
        else {
          io.out(`${date}（${weekdayName(date)}）${info.workday ? '是工作日' : '不是工作日'}（${info.label}）。`);
          if (!info.official) io.out(ESTIMATE_NOTE);
        }
        return 0;
      }
      if (sub === 'between') {
        const a = dateArg(args, 1, '开始日期');
        const b = dateArg(args, 2, '结束日期');
        const r = workdaysBetween(a, b, overrides);
        if (flags.json) io.out(JSON.stringify({ workdays: r.workdays, official: r.official }));
        else {
          io.out(
            r.workdays >= 0 && a <= b
              ? `${a} 至 ${b}：${r.workdays} 个工作日（不含 ${a}，含 ${b}）。`
              : `${a} 倒数至 ${b}：${-r.workdays} 个工作日（不含 ${a}，含 ${b}），记为 ${r.workdays}。`,
          );
          if (!r.official) io.out(ESTIMATE_NOTE);
        }
        return 0;
      }
      throw new AppError('BAD_INPUT', `未知的子命令“${sub}”：应为 add、is 或 between。用法：${USAGE}`, {
        field: '子命令',
      });
    },
  },
];
