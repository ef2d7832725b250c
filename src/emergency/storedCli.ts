// `luoshi outage sweep | clocks | response` over the stored incidents (thin edge: open the database, call the
// store, print). sweep raises the missed-deadline alarms once each (for cron, like `luoshi supervision sweep`);
// clocks prints the §4.3/§4.5 clock board of one incident in Beijing time; response its two readings
// (§5.2 and 附件4) and the 指挥部's decision.
import type { CliIO, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { openDb } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { describeAlarmSweep, sweepAlarms } from './alarmStore.ts';
import { describeClock } from './clocks.ts';
import { getIncident } from './store.ts';
import { parseInstant } from './time.ts';

export const USAGE_STORED = [
  'luoshi outage sweep [--db <路径>] [--tenant 140423] [--now <ISO 时间>] [--json]',
  'luoshi outage clocks --id <事件编号> [--db <路径>] [--now <ISO 时间>] [--json]',
  'luoshi outage response --id <事件编号> [--db <路径>] [--json]',
].join('\n      ');

function nowFrom(flags: Flags): Date {
  const v = flags.now;
  if (typeof v !== 'string') return new Date();
  try {
    return new Date(parseInstant(v, '当前时间', 'now'));
  } catch (e) {
    throw new AppError('BAD_INPUT', `参数 --now：${(e as Error).message}`, { field: '--now' });
  }
}

function idFrom(flags: Flags): number {
  const v = flags.id;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new AppError('BAD_INPUT', `参数 --id：应为事件编号（正整数），收到“${String(v ?? '')}”。`, { field: '--id' });
  }
  return n;
}

async function withDb<T>(flags: Flags, work: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const file = typeof flags.db === 'string' ? flags.db : undefined;
  const url = file ? undefined : process.env.DATABASE_URL;
  const db = url ? await openDb({ url }) : await openDb({ file: file ?? './data/luoshi.db' });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function runStored(sub: 'sweep' | 'clocks' | 'response', flags: Flags, io: CliIO): Promise<number> {
  const tenant = tenantFrom(flags.tenant);
  if (sub === 'sweep') {
    const now = nowFrom(flags);
    const report = await withDb(flags, (db) => sweepAlarms(db, tenant, { now }));
    io.out(flags.json ? JSON.stringify(report) : describeAlarmSweep(report));
    return 0;
  }
  const id = idFrom(flags);
  const now = nowFrom(flags);
  const d = await withDb(flags, (db) => getIncident(db, tenant, id, now));
  if (sub === 'clocks') {
    if (flags.json) io.out(JSON.stringify({ incident: d.incident.id, clocks: d.clocks }));
    else {
      io.out(`事件 ${d.incident.id}「${d.incident.title}」报告时限（北京时间）：`);
      for (const c of d.clocks) io.out(`  ${describeClock(c)}`);
      if (d.clocks.length === 0) io.out('  （无）');
    }
    return 0;
  }
  const r = d.incident.response;
  if (flags.json) io.out(JSON.stringify({ incident: d.incident.id, response: r, decision: d.incident.decision }));
  else {
    io.out(`事件 ${d.incident.id}「${d.incident.title}」应急响应：`);
    if (!r) io.out('  未评估县级响应（缺少襄垣电网数据）。');
    else {
      for (const x of r.readings) io.out(`  按 ${x.basis}：${x.level ?? '不启动'}（${x.reason}）`);
      if (!r.consistent) io.out('  两种解读不一致（§5.2.1 与 附件4 三级的矛盾），由县指挥部决定。');
    }
    const dec = d.incident.decision;
    io.out(dec ? `  县指挥部决定：${dec.level}（${dec.by}，理由：${dec.note}）` : '  县指挥部尚未决定。');
  }
  return 0;
}
