// `luoshi outage classify` and `luoshi outage cap` — thin edge over the pure outage core.
import { randomBytes } from 'node:crypto';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { buildCapAlert, CAP_MSG_TYPES, CAP_STATUSES, type CapMsgType, type CapStatus, parseReferences } from './cap.ts';
import { classifyOutage } from './outage/grading.ts';
import { runStored, USAGE_STORED } from './storedCli.ts';
import { toCapDateTime } from './time.ts';
import {
  COLOR_NAMES,
  GRID_NAMES,
  GRID_TYPES,
  type GridType,
  isGridType,
  isOutageLevel,
  OUTAGE_LEVELS,
} from './types.ts';

const USAGE_CLASSIFY =
  'luoshi outage classify --grid <regional|provincial|municipality|provincial-capital|city|county-city> --load-mw <n> [--lost-load-pct <p>] [--users-out-pct <q>] [--json]';
const USAGE_CAP =
  'luoshi outage cap --level <特别重大|重大|较大|一般> --area <区域> [--status Actual|Exercise] [--msg-type Alert|Update|Cancel --references <发送者,标识,发送时间>]';
const USAGE = `${USAGE_CLASSIFY}\n      ${USAGE_CAP}\n      ${USAGE_STORED}`;

/** Flags named in messages, by the field names the pure core uses. */
const FLAG_OF_FIELD: Record<string, string> = {
  grid: '--grid',
  loadMw: '--load-mw',
  lostLoadPct: '--lost-load-pct',
  usersOutPct: '--users-out-pct',
  level: '--level',
  areaDesc: '--area',
  status: '--status',
  msgType: '--msg-type',
  references: '--references',
};

function flagError(flag: string, message: string): AppError {
  return new AppError('BAD_INPUT', `参数 ${flag}：${message}`, { field: flag });
}

function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

function required(flags: Flags, name: string, what: string, usage: string): string {
  const v = str(flags, name);
  if (v === undefined || v.trim() === '') throw flagError(`--${name}`, `缺少${what}。用法：${usage}`);
  return v;
}

function number(flags: Flags, name: string, what: string): number | undefined {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? Number.NaN : Number(v);
  if (!Number.isFinite(n)) throw flagError(`--${name}`, `${what}应为数字，收到“${v}”。`);
  return n;
}

/** Re-throw a core error naming the command-line flag instead of the field. */
function asFlagError(e: unknown): never {
  if (isAppError(e) && e.code === 'BAD_INPUT' && e.location.field && FLAG_OF_FIELD[e.location.field]) {
    throw flagError(FLAG_OF_FIELD[e.location.field] as string, e.message);
  }
  throw e;
}

function only(flags: Flags, allowed: string[], sub: string, usage: string): void {
  const own = new Set([...allowed, 'json', 'help']);
  for (const [k, v] of Object.entries(flags)) {
    if (v !== undefined && !own.has(k)) throw flagError(`--${k}`, `outage ${sub} 不接受此参数。用法：${usage}`);
  }
}

async function classify(flags: Flags, io: CliIO): Promise<number> {
  only(flags, ['grid', 'load-mw', 'lost-load-pct', 'users-out-pct'], 'classify', USAGE_CLASSIFY);
  const grid = required(flags, 'grid', '电网类型', USAGE_CLASSIFY);
  if (!isGridType(grid)) {
    throw flagError(
      '--grid',
      `未知的电网类型“${grid}”：应为 ${GRID_TYPES.map((g) => `${g}（${GRID_NAMES[g]}）`).join('、')}。`,
    );
  }
  required(flags, 'load-mw', '电网负荷（兆瓦）', USAGE_CLASSIFY);
  const loadMw = number(flags, 'load-mw', '电网负荷（兆瓦）');
  const lostLoadPct = number(flags, 'lost-load-pct', '减供负荷比例（%）');
  const usersOutPct = number(flags, 'users-out-pct', '停电用户比例（%）');
  if (lostLoadPct === undefined && usersOutPct === undefined) {
    throw flagError(
      '--lost-load-pct',
      `须至少提供 --lost-load-pct（减供负荷比例）或 --users-out-pct（停电用户比例）之一。用法：${USAGE_CLASSIFY}`,
    );
  }
  let result: ReturnType<typeof classifyOutage>;
  try {
    result = classifyOutage({ grid: grid as GridType, loadMw, lostLoadPct, usersOutPct });
  } catch (e) {
    asFlagError(e);
  }
  if (flags.json) {
    io.out(JSON.stringify({ level: result.level, color: result.color, matched: result.matched }));
    for (const n of result.notes) io.err(`提示：${n}`);
    return 0;
  }
  if (result.level && result.color) {
    io.out(`${result.level}大面积停电事件（${COLOR_NAMES[result.color]}）`);
    io.out('依据：');
    for (const m of result.matched) io.out(`  ${m.clause}（${m.criterion === 'lost-load' ? '减供负荷' : '停电用户'}）`);
  } else {
    io.out('未达到一般大面积停电事件标准（附件1）。');
  }
  for (const n of result.notes) if (!(result.level === null && n.startsWith('未达到'))) io.out(`提示：${n}`);
  return 0;
}

async function cap(flags: Flags, io: CliIO): Promise<number> {
  only(flags, ['level', 'area', 'status', 'msg-type', 'references'], 'cap', USAGE_CAP);
  const level = required(flags, 'level', '预警级别', USAGE_CAP);
  if (!isOutageLevel(level))
    throw flagError('--level', `预警级别“${level}”无效：应为 ${OUTAGE_LEVELS.join('、')} 之一。`);
  const area = required(flags, 'area', '影响区域', USAGE_CAP);
  const status = str(flags, 'status') ?? 'Actual';
  if (!(CAP_STATUSES as readonly string[]).includes(status))
    throw flagError('--status', `状态“${status}”无效：应为 Actual（正式）或 Exercise（演练）。`);
  const msgType = str(flags, 'msg-type') ?? 'Alert';
  if (!(CAP_MSG_TYPES as readonly string[]).includes(msgType)) {
    throw flagError('--msg-type', `消息类型“${msgType}”无效：应为 Alert（发布）、Update（调整）或 Cancel（解除）。`);
  }
  const refText = str(flags, 'references');
  if (msgType !== 'Alert' && refText === undefined) {
    throw flagError(
      '--references',
      `${msgType === 'Update' ? '调整（Update）' : '解除（Cancel）'}预警必须用 --references 引用先前发布的预警，格式“发送者,标识,发送时间”。`,
    );
  }
  const tenant = tenantFrom();
  const now = Date.now();
  const identifier = `${tenant}-OUTAGE-${toCapDateTime(now).slice(0, 19).replace(/\D/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
  const sender = `outage.${tenant}@luoshi`;
  let xml: string;
  try {
    xml = buildCapAlert({
      identifier,
      sender,
      sent: new Date(now).toISOString(),
      status: status as CapStatus,
      msgType: msgType as CapMsgType,
      references: refText === undefined ? undefined : parseReferences(refText),
      level,
      areaDesc: area,
      areaCode: tenant,
      senderName: tenant === '140423' ? '襄垣县大面积停电事件应急指挥部' : '县大面积停电事件应急指挥部',
    });
  } catch (e) {
    asFlagError(e);
  }
  if (flags.json) io.out(JSON.stringify({ identifier, sender, sent: toCapDateTime(now), xml }));
  else io.out(xml);
  return 0;
}

export const emergencyCommands: Command[] = [
  {
    name: 'outage',
    usage: USAGE,
    summary:
      '大面积停电事件（襄政办发〔2023〕15号）：按附件1 定级（classify），生成 CAP 1.2 预警消息（cap），已登记事件的时限巡检（sweep）、报告时限（clocks）与响应解读（response）。',
    options: {
      grid: { type: 'string' },
      'load-mw': { type: 'string' },
      'lost-load-pct': { type: 'string' },
      'users-out-pct': { type: 'string' },
      level: { type: 'string' },
      area: { type: 'string' },
      status: { type: 'string' },
      'msg-type': { type: 'string' },
      references: { type: 'string' },
      db: { type: 'string' },
      tenant: { type: 'string' },
      now: { type: 'string' },
      id: { type: 'string' },
    },
    async run(args: string[], flags: Flags, io: CliIO) {
      const [sub, ...extra] = args;
      if (sub === undefined)
        throw new AppError('BAD_INPUT', `缺少子命令：classify、cap、sweep、clocks 或 response。用法：${USAGE}`);
      if (extra.length > 0) throw new AppError('BAD_INPUT', `多余的参数“${extra.join(' ')}”。用法：${USAGE}`);
      if (sub === 'classify') return classify(flags, io);
      if (sub === 'cap') return cap(flags, io);
      if (sub === 'sweep' || sub === 'clocks' || sub === 'response') return runStored(sub, flags, io);
      throw new AppError(
        'BAD_INPUT',
        `未知的子命令“${sub}”：应为 classify（定级）、cap（生成预警消息）、sweep（时限巡检）、clocks（报告时限）或 response（响应解读）。用法：${USAGE}`,
      );
    },
  },
];
