// `luoshi supervision report` — the monthly 通报 as files:
//   luoshi supervision report --month 2023-06 [--db <路径>] [--xlsx out.xlsx] [--docx out.docx] [--as-of YYYY-MM-DD] [--json]
// Without --xlsx/--docx it prints the rankings (Chinese summary, or JSON with --json). A bad month, a missing
// database file or an unwritable output is refused with a Chinese message and a non-zero exit; nothing is
// written unless both files could be generated.
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseIsoDate } from '../calendar/dates.ts';
import { openDbFromFlags } from '../documents/cli.ts';
import type { CliIO, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { formatRate, monthPeriod } from './rankings.ts';
import { periodRankings } from './rankingsStore.ts';
import { reportDocx, reportTitle, reportXlsx } from './report.ts';

export const REPORT_USAGE =
  'luoshi supervision report --month <YYYY-MM> [--db <路径>] [--xlsx <文件>] [--docx <文件>] [--as-of <YYYY-MM-DD>] [--json]';

export const REPORT_OPTIONS = {
  month: { type: 'string' },
  db: { type: 'string' },
  tenant: { type: 'string' },
  xlsx: { type: 'string' },
  docx: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

function outPath(flag: string | boolean | undefined, name: string, ext: string): string | null {
  if (flag === undefined) return null;
  if (typeof flag !== 'string' || !flag.trim())
    throw new AppError('BAD_INPUT', `参数“--${name}”应给出输出文件路径。`, { field: name });
  const p = resolve(flag);
  if (!p.toLowerCase().endsWith(`.${ext}`))
    throw new AppError('BAD_INPUT', `参数“--${name}”的文件名应以 .${ext} 结尾，收到“${flag}”。`, { field: name });
  if (!existsSync(dirname(p)))
    throw new AppError('BAD_INPUT', `参数“--${name}”：目录“${dirname(p)}”不存在。`, { field: name });
  return p;
}

export async function runReport(flags: Flags, io: CliIO): Promise<number> {
  if (typeof flags.month !== 'string')
    throw new AppError('BAD_INPUT', `缺少参数“--month”（YYYY-MM）。用法：${REPORT_USAGE}`, { field: 'month' });
  const month = flags.month;
  const period = monthPeriod(month, 'month');
  let now = new Date();
  if (flags['as-of'] !== undefined) {
    const v = String(flags['as-of']);
    const p = parseIsoDate(v);
    if (!p.ok) throw new AppError('BAD_INPUT', `参数“--as-of”“${v}”不是有效日期：${p.reason}。`, { field: 'as-of' });
    now = new Date(`${v}T12:00:00+08:00`);
  }
  const xlsx = outPath(flags.xlsx, 'xlsx', 'xlsx');
  const docx = outPath(flags.docx, 'docx', 'docx');
  if (typeof flags.db === 'string' && !existsSync(flags.db))
    throw new AppError('BAD_INPUT', `数据库文件“${flags.db}”不存在。`, { file: flags.db, field: 'db' });
  const db = await openDbFromFlags(flags);
  try {
    const r = await periodRankings(db, tenantFrom(flags.tenant), period, { now });
    // generate both before writing either; write to a temporary name and rename (no half-written file)
    const files: [string, Buffer][] = [];
    if (xlsx) files.push([xlsx, await reportXlsx(r, { month })]);
    if (docx) files.push([docx, await reportDocx(r, { month })]);
    for (const [p, body] of files) {
      const tmp = `${p}.${process.pid}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, p);
    }
    if (flags.json) {
      io.out(JSON.stringify({ rankings: r, files: files.map(([p]) => p) }));
      return 0;
    }
    const t = r.totals;
    io.out(
      [
        reportTitle(month),
        `统计期间 ${r.period.from} 至 ${r.period.to}，截至 ${r.asOf}：到期 ${t.due} 件，按期办结 ${t.onTime} 件，逾期办结 ${t.late} 件，到期未办结 ${t.overdue} 件，按期办结率 ${formatRate(t.onTimeRate)}；逾期未办结（含结转）${t.overdueOpen} 件。`,
        ...r.lead.map(
          (u) =>
            `  ${u.rank ?? '—'}\t${u.unit}\t按期办结率 ${formatRate(u.onTimeRate)}\t逾期未办结 ${u.overdueOpen} 件`,
        ),
        ...files.map(([p]) => `已生成：${p}`),
      ].join('\n'),
    );
    return 0;
  } finally {
    await db.close();
  }
}
