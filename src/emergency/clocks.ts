// Report clocks of §4.3 (程序与时限) and §4.5 (情况调度), pure: clocks(incident, now).
//
// What the text says (and where it differs from a quick summary of it):
// - The 县能源局's 30-minute phone report and 1-hour written report to 市能源局 and 县人民政府 run from
//   “接到信息报告” (the power company's report), not from 初判发生. We count from `reportReceivedAt`, and from
//   `judgedAt` when it is not recorded (the earlier, stricter instant). For 一般 and above the text asks for an
//   immediate report (“应立即报告”); 30 minutes is the outer limit.
// - “较大、一般及以上的大面积停电事件，县人民政府在2小时内报告市人民政府” states no starting point; we count from
//   初判发生 (the event §4.3 opens with), the stricter choice.
// - Progress tracking is §4.5, not §4.3: every 30 minutes for 一般 and above; every hour only for events below
//   一般 that have 较大影响 on society — other events below 一般 have no tracking clock. We read “每30分钟跟踪一次”
//   as a rolling limit: each tracking within 30 minutes of the previous one (the first, of 接到信息报告).
// - A power company reporting on 水电厂（站）大坝安全 owes 县水利局 a written report within 1 hour of 初判发生.
// - “国家规定时限…比县人民政府要求时限长的，按县人民政府要求时限执行”: these county limits are the longest allowed.
import { AppError } from '../platform/errors.ts';
import { checkIncident, type Incident, type Party, type ReportChannel } from './incident.ts';
import { formatShanghai, parseInstant, toUtcIso } from './time.ts';
import { levelRank } from './types.ts';

export type ClockState = 'pending' | 'met' | 'missed';

export interface Clock {
  id: string;
  label: string;
  /** UTC ISO. */
  dueAt: string;
  /** dueAt − now in ms (negative once past), whatever the state. */
  remainingMs: number;
  state: ClockState;
  /** When the duty was done (UTC ISO), null if not yet. */
  doneAt: string | null;
  clause: string;
}

/** The sentences of §4.3 and §4.5 the clocks come from, verbatim. */
export const CLOCK_CLAUSES = {
  energyBureau:
    '§4.3 县能源局接到信息报告应当立即核实信息报告，对停电事件的性质和类别作出初步认定，30分钟内电话报告市能源局及县人民政府，并通报相关单位，1小时内进行书面报告。',
  energyBureauGraded:
    '§4.3 接到较大、一般及以上的大面积停电事件信息报告应立即报告市能源局及县人民政府，并通报相关单位。',
  countyToCity: '§4.3 较大、一般及以上的大面积停电事件，县人民政府在2小时内报告市人民政府。',
  dam: '§4.3 涉及水电厂（站）大坝安全的，还应同时向县水利局报告，1小时内书面报告。',
  tracking30: '§4.5 对较大、一般及以上的大面积停电事件信息每30分钟跟踪一次',
  tracking60: '§4.5 对尚未达到一般大面积停电事件分级标准但对社会产生较大影响的其他停电事件信息每1小时跟踪一次。',
} as const;

const MIN = 60_000;

/** Earliest instant by which every recipient in `to` has had a report from `from` (null if not all yet). */
function doneBy(incident: Incident, from: Party, to: Party[], channels: ReportChannel[]): number | null {
  let latest = Number.NEGATIVE_INFINITY;
  for (const recipient of to) {
    const times = incident.reports
      .filter((r) => r.from === from && r.to.includes(recipient) && channels.includes(r.channel))
      .map((r) => Date.parse(r.at));
    if (times.length === 0) return null;
    latest = Math.max(latest, Math.min(...times));
  }
  return latest;
}

function clock(id: string, label: string, dueMs: number, doneMs: number | null, nowMs: number, clause: string): Clock {
  const state: ClockState =
    doneMs !== null ? (doneMs <= dueMs ? 'met' : 'missed') : nowMs <= dueMs ? 'pending' : 'missed';
  return {
    id,
    label,
    dueAt: toUtcIso(dueMs),
    remainingMs: dueMs - nowMs,
    state,
    doneAt: doneMs === null ? null : toUtcIso(doneMs),
    clause,
  };
}

/** Every report clock of the incident at `now`, in due order. */
export function clocks(incident: Incident, now: string | number): Clock[] {
  const { judgedMs, receivedMs } = checkIncident(incident);
  const nowMs = typeof now === 'number' ? now : parseInstant(now, '当前时间', 'now');
  if (!Number.isFinite(nowMs)) throw new AppError('BAD_INPUT', '当前时间无效。', { field: 'now' });
  const graded = levelRank(incident.level) >= levelRank('一般');
  const out: Clock[] = [];
  const up: Party[] = ['city-energy-bureau', 'county-government'];
  const energyClause = graded
    ? `${CLOCK_CLAUSES.energyBureau}${CLOCK_CLAUSES.energyBureauGraded.slice(5)}`
    : CLOCK_CLAUSES.energyBureau;

  out.push(
    clock(
      'energy-bureau-phone',
      graded
        ? '县能源局电话报告市能源局及县人民政府（应立即报告，最迟30分钟）'
        : '县能源局电话报告市能源局及县人民政府（30分钟内）',
      receivedMs + 30 * MIN,
      doneBy(incident, 'county-energy-bureau', up, ['phone', 'written']),
      nowMs,
      energyClause,
    ),
    clock(
      'energy-bureau-written',
      '县能源局书面报告市能源局及县人民政府（1小时内）',
      receivedMs + 60 * MIN,
      doneBy(incident, 'county-energy-bureau', up, ['written']),
      nowMs,
      energyClause,
    ),
  );
  if (graded) {
    out.push(
      clock(
        'county-to-city',
        '县人民政府报告市人民政府（2小时内）',
        judgedMs + 120 * MIN,
        doneBy(incident, 'county-government', ['city-government'], ['phone', 'written']),
        nowMs,
        CLOCK_CLAUSES.countyToCity,
      ),
    );
  }
  if (incident.damSafety) {
    out.push(
      clock(
        'dam-written',
        '电力企业书面报告县水利局（涉及水电厂（站）大坝安全，1小时内）',
        judgedMs + 60 * MIN,
        doneBy(incident, 'power-company', ['county-water-bureau'], ['written']),
        nowMs,
        CLOCK_CLAUSES.dam,
      ),
    );
  }

  const interval = graded ? 30 * MIN : incident.largerSocialImpact ? 60 * MIN : null;
  if (interval !== null) {
    const clause = graded ? CLOCK_CLAUSES.tracking30 : CLOCK_CLAUSES.tracking60;
    const every = graded ? '每30分钟' : '每1小时';
    const endMs = incident.termination ? parseInstant(incident.termination.at, '终止时间') : Number.POSITIVE_INFINITY;
    let prev = receivedMs;
    let n = 0;
    for (const t of incident.tracking
      .map((s) => parseInstant(s, '跟踪时间'))
      .filter((t) => t >= receivedMs)
      .sort((a, b) => a - b)) {
      n += 1;
      out.push(clock(`tracking-${n}`, `县能源局第${n}次跟踪处置进展（${every}）`, prev + interval, t, nowMs, clause));
      prev = t;
    }
    if (prev + interval <= endMs) {
      n += 1;
      out.push(
        clock(`tracking-${n}`, `县能源局第${n}次跟踪处置进展（${every}）`, prev + interval, null, nowMs, clause),
      );
    }
  }
  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

function minutes(ms: number): string {
  const m = Math.round(Math.abs(ms) / MIN);
  return m >= 60 ? `${Math.floor(m / 60)} 小时 ${m % 60} 分钟` : `${m} 分钟`;
}

/** One line for people, times in Beijing time: `县能源局…：截止 2023-07-03 14:35，剩余 12 分钟`. */
export function describeClock(c: Clock): string {
  const due = `截止 ${formatShanghai(c.dueAt)}（北京时间）`;
  if (c.state === 'met') return `${c.label}：${due}，已于 ${formatShanghai(c.doneAt as string)} 完成`;
  if (c.state === 'missed') {
    return c.doneAt
      ? `${c.label}：${due}，已于 ${formatShanghai(c.doneAt)} 完成，逾期 ${minutes(Date.parse(c.doneAt) - Date.parse(c.dueAt))}`
      : `${c.label}：${due}，已逾期 ${minutes(c.remainingMs)}`;
  }
  return `${c.label}：${due}，剩余 ${minutes(c.remainingMs)}`;
}
