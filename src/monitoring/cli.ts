// `luoshi attain` — the attainment engine at the command line (contract used by outside checks):
//   luoshi attain --target '<json target>' --baseline <year>:<value> --observed '<year>:<value>,…' --json
//   → {"status":"achieved"|"on_track"|"acceleration_needed"|"limited_progress"|"deteriorating","projected":<number|null>}
// The same code path as the application: parseTargetJson → assess (attainment.ts). Years may also be DHIS2
// periods (2023Q1, 202301, 20230115); values may be water classes (Ⅱ, Ⅲ类) for ordinal targets.
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { AppError } from '../platform/errors.ts';
import {
  assess,
  type Observation,
  parseObservedValue,
  parseTargetJson,
  STATUS_LABELS,
  type TargetSpec,
  waterClassLabel,
} from './attainment.ts';
import { parsePeriod, periodTime } from './period.ts';

const USAGE = "luoshi attain --target '<目标 JSON>' --baseline <年份>:<基期值> --observed '<年份>:<值>,…' [--json]";

function point(raw: string, field: string, index: number | null, target: TargetSpec): Observation {
  const where = index === null ? `参数 --${field}` : `参数 --${field} 第 ${index} 项`;
  const m = /^\s*([^:：]+)[:：](.+)$/.exec(raw);
  if (!m) throw new AppError('BAD_INPUT', `${where}“${raw}”应写成 年份:数值，例如 2021:72.5。`, { field });
  const period = parsePeriod((m[1] as string).trim());
  if (!period)
    throw new AppError(
      'BAD_INPUT',
      `${where}的期间“${(m[1] as string).trim()}”不正确：应为年份（2021）或 2021Q1、202101、20210115。`,
      { field },
    );
  const value = parseObservedValue(m[2] as string, target.scale);
  if (value === null || !Number.isFinite(value))
    throw new AppError(
      'BAD_INPUT',
      `${where}的数值“${(m[2] as string).trim()}”不正确：应为数值${target.scale ? '或水质类别（Ⅰ—Ⅴ、劣Ⅴ）' : ''}。`,
      { field },
    );
  return { time: periodTime(period), value };
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e6) / 1e6;
}

export function runAttain(flags: Flags): { status: string; projected: number | null; detail: string[] } {
  if (typeof flags.target !== 'string')
    throw new AppError('BAD_INPUT', `缺少参数 --target（目标 JSON）。用法：${USAGE}`, { field: 'target' });
  let json: unknown;
  try {
    json = JSON.parse(flags.target);
  } catch (e) {
    throw new AppError('BAD_INPUT', `参数 --target 不是有效的 JSON：${(e as Error).message}`, { field: 'target' });
  }
  const target = parseTargetJson(json);
  const baseline = typeof flags.baseline === 'string' ? point(flags.baseline, 'baseline', null, target) : null;
  if (typeof flags.observed !== 'string' || flags.observed.trim() === '')
    throw new AppError('BAD_INPUT', `缺少参数 --observed（至少一个观测值）。用法：${USAGE}`, { field: 'observed' });
  const observed = flags.observed
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => point(s, 'observed', i + 1, target));
  const seen = new Set<number>();
  for (const o of observed) {
    if (seen.has(o.time))
      throw new AppError('BAD_INPUT', '参数 --observed 中同一期间出现了两次。', { field: 'observed' });
    seen.add(o.time);
  }
  const r = assess({ target, baseline, observed });
  if (!r) throw new AppError('BAD_INPUT', '参数 --observed 没有观测值。', { field: 'observed' });
  const show = (v: number | null) =>
    v === null ? '—' : target.scale === 'water-class' ? waterClassLabel(v) : String(round(v));
  const detail = [
    `判定：${STATUS_LABELS[r.status]}（${r.status}）`,
    `目标值：${show(r.targetLevel)}${target.year ? `（${target.year}年）` : ''}`,
    `最新观测：${show(r.latest.value)}`,
    `按当前速度推算到目标年：${show(r.projected)}`,
    `实际速度 ÷ 所需速度：${r.ratio === null ? '—' : round(r.ratio)}`,
  ];
  return { status: r.status, projected: round(r.projected), detail };
}

export const monitoringCommands: Command[] = [
  {
    name: 'attain',
    usage: USAGE,
    summary:
      '按目标、基期值与观测值判定指标达标情况（已达标、进展顺利、需加快进度、进展有限、趋势恶化）并推算目标年数值',
    options: { target: { type: 'string' }, baseline: { type: 'string' }, observed: { type: 'string' } },
    async run(_args: string[], flags: Flags, io: CliIO): Promise<number> {
      const r = runAttain(flags);
      if (flags.json) io.out(JSON.stringify({ status: r.status, projected: r.projected }));
      else io.out(r.detail.join('\n'));
      return 0;
    },
  },
];
