// One outage incident under 襄政办发〔2023〕15号 and the rules of its life (pure): reports (首报 / 续报 /
// 终报, §4.1–§4.3), progress tracking (§4.5) and termination (§5.4.2). Every refusal is an AppError
// BAD_INPUT with a Chinese message naming the rule; nothing here stores anything.
import { AppError } from '../platform/errors.ts';
import { parseInstant, toUtcIso } from './time.ts';
import { isOutageLevel, type OutageLevel } from './types.ts';

export type ReportKind = 'first' | 'follow-up' | 'final';
export const REPORT_KINDS: Record<ReportKind, string> = { first: '首报', 'follow-up': '续报', final: '终报' };

export type ReportChannel = 'phone' | 'written';
export const CHANNELS: Record<ReportChannel, string> = { phone: '电话', written: '书面' };

/** The parties §4.3 names. */
export const PARTIES = {
  'power-company': '电力企业',
  'county-energy-bureau': '县能源局',
  'county-government': '县人民政府',
  'city-energy-bureau': '市能源局',
  'city-government': '市人民政府',
  'shanxi-energy-regulator': '山西能监办',
  'county-housing-bureau': '县住建局',
  'county-water-bureau': '县水利局',
} as const;
export type Party = keyof typeof PARTIES;

export interface ReportRecord {
  kind: ReportKind;
  channel: ReportChannel;
  from: Party;
  to: Party[];
  /** UTC ISO instant the report was made. */
  at: string;
}

/** §5.4.2 响应终止: all four must hold (“同时满足以下条件时”). */
export interface TerminationConditions {
  /** (1) 电网主干网架基本恢复正常，电网运行参数保持在稳定限值之内，本区域内主要发电机组运行稳定 */
  gridRestored: boolean;
  /** (2) 减供负荷恢复 …% (80%以上 required) */
  lostLoadRestoredPct: number;
  /** (2) 受停电影响的重点区域、重要负荷恢复 …% (90%以上 required) */
  keyAreasRestoredPct: number;
  /** (3) 造成大面积停电事件的隐患基本消除 */
  hazardsEliminated: boolean;
  /** (4) 大面积停电事件造成的重、特大次生衍生事故基本处置完成 */
  secondaryIncidentsHandled: boolean;
}

export interface Incident {
  id: string;
  /** 发生或初判发生 — the instant §4.3 starts from (UTC ISO). */
  judgedAt: string;
  /** 县能源局接到信息报告 (§4.3 second paragraph); absent → judgedAt. */
  reportReceivedAt?: string;
  /** Current 附件1 level; null = below 一般. */
  level: OutageLevel | null;
  /** For events below 一般: judged to have 较大影响 on society (§4.5 hourly tracking, §5.2.1). */
  largerSocialImpact?: boolean;
  /** 涉及水电厂（站）大坝安全 (§4.3 first paragraph). */
  damSafety?: boolean;
  reports: ReportRecord[];
  /** Instants the 县能源局 tracked progress (§4.5 情况调度). */
  tracking: string[];
  termination?: { at: string; conditions: TerminationConditions };
}

/** §5.4.2, verbatim. */
export const TERMINATION_CLAUSES = {
  1: '(1) 电网主干网架基本恢复正常,电网运行参数保持在稳定限值之内,本区域内主要发电机组运行稳定;',
  2: '(2) 减供负荷恢复80%以上,受停电影响的重点区域、重要负荷恢复90%以上;',
  3: '(3) 造成大面积停电事件的隐患基本消除;',
  4: '(4) 大面积停电事件造成的重、特大次生衍生事故基本处置完成。',
} as const;

const isParty = (v: unknown): v is Party => typeof v === 'string' && Object.hasOwn(PARTIES, v);

function bad(message: string, field?: string): never {
  throw new AppError('BAD_INPUT', message, field ? { field } : {});
}

function checkReportShape(r: ReportRecord, where: string): number {
  if (!r || typeof r !== 'object') bad(`${where}不是报告记录。`);
  if (!Object.hasOwn(REPORT_KINDS, r.kind))
    bad(`${where}的报告类型“${String(r.kind)}”无效：应为 first（首报）、follow-up（续报）或 final（终报）。`, 'kind');
  if (!Object.hasOwn(CHANNELS, r.channel))
    bad(`${where}的报告方式“${String(r.channel)}”无效：应为 phone（电话）或 written（书面）。`, 'channel');
  if (!isParty(r.from))
    bad(`${where}的报告单位“${String(r.from)}”无效：应为 ${Object.keys(PARTIES).join('、')} 之一。`, 'from');
  if (!Array.isArray(r.to) || r.to.length === 0) bad(`${where}须至少有一个接收单位。`, 'to');
  for (const t of r.to) {
    if (!isParty(t)) bad(`${where}的接收单位“${String(t)}”无效：应为 ${Object.keys(PARTIES).join('、')} 之一。`, 'to');
    if (t === r.from) bad(`${where}的接收单位不能是报告单位自己（${PARTIES[t]}）。`, 'to');
  }
  return parseInstant(r.at, `${where}的报告时间`, 'at');
}

/** Validate an incident's own fields (times, level); throws BAD_INPUT. */
export function checkIncident(incident: Incident): { judgedMs: number; receivedMs: number } {
  if (!incident || typeof incident !== 'object') bad('事件记录无效。');
  const judgedMs = parseInstant(incident.judgedAt, '初判发生时间', 'judgedAt');
  let receivedMs = judgedMs;
  if (incident.reportReceivedAt !== undefined) {
    receivedMs = parseInstant(incident.reportReceivedAt, '县能源局接到信息报告时间', 'reportReceivedAt');
    if (receivedMs < judgedMs) bad('县能源局接到信息报告时间不能早于初判发生时间。', 'reportReceivedAt');
  }
  if (incident.level !== null && !isOutageLevel(incident.level)) {
    bad(`事件级别“${String(incident.level)}”无效：应为特别重大、重大、较大、一般，或空（未达一般标准）。`, 'level');
  }
  if (!Array.isArray(incident.reports) || !Array.isArray(incident.tracking)) bad('事件记录缺少报告或跟踪列表。');
  return { judgedMs, receivedMs };
}

/** Record one report (首报 / 续报 / 终报); returns the new incident, reports in time order. */
export function addReport(incident: Incident, report: ReportRecord): Incident {
  const { judgedMs } = checkIncident(incident);
  const label = `${PARTIES[report?.from as Party] ?? '报告单位'}的${REPORT_KINDS[report?.kind as ReportKind] ?? '报告'}`;
  const at = checkReportShape(report, label);
  if (at < judgedMs) bad(`${label}时间早于初判发生时间。`, 'at');
  const mine = incident.reports.filter((r) => r.from === report.from);
  const ms = (r: ReportRecord) => Date.parse(r.at);
  const firstAt = Math.min(...mine.filter((r) => r.kind === 'first').map(ms));
  if (report.kind !== 'first' && !(firstAt <= at)) {
    bad(
      `${PARTIES[report.from]}尚未首报，不能${REPORT_KINDS[report.kind]}：信息报告分首报、续报、终报（§4.1），须先首报。`,
      'kind',
    );
  }
  const final = mine.find((r) => r.kind === 'final');
  if (final && report.kind === 'final') bad(`${PARTIES[report.from]}已于 ${final.at} 终报，不能重复终报。`, 'kind');
  if (final && at > ms(final)) bad(`${PARTIES[report.from]}已于 ${final.at} 终报，之后不能再报告。`, 'at');
  if (report.kind === 'final' && mine.some((r) => ms(r) > at))
    bad(`${PARTIES[report.from]}在终报时间之后还有报告，终报必须是最后一次报告。`, 'at');
  const normalized: ReportRecord = { ...report, to: [...report.to], at: toUtcIso(at) };
  const reports = [...incident.reports, normalized].sort((a, b) => ms(a) - ms(b));
  return { ...incident, reports };
}

/** Replay a list of reports in time order through addReport (validates a stored history). */
export function withReports(incident: Incident, reports: ReportRecord[]): Incident {
  const ordered = [...reports].sort(
    (a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0) || order(a.kind) - order(b.kind),
  );
  return ordered.reduce<Incident>((inc, r) => addReport(inc, r), { ...incident, reports: [] });
}
const order = (k: ReportKind) => ({ first: 0, 'follow-up': 1, final: 2 })[k] ?? 3;

/** Record that the 县能源局 tracked progress at `at` (§4.5). */
export function addTracking(incident: Incident, at: string): Incident {
  const { receivedMs } = checkIncident(incident);
  const ms = parseInstant(at, '跟踪时间', 'at');
  if (ms < receivedMs) bad('跟踪时间早于县能源局接到信息报告时间。', 'at');
  if (incident.termination && ms > Date.parse(incident.termination.at)) bad('响应已终止，不再记录进展跟踪。', 'at');
  return { ...incident, tracking: [...incident.tracking, toUtcIso(ms)].sort() };
}

export interface UnmetCondition {
  item: 1 | 2 | 3 | 4;
  message: string;
}

/** Which §5.4.2 conditions do not hold (empty: termination allowed). Throws BAD_INPUT on bad values. */
export function unmetTerminationConditions(c: TerminationConditions): UnmetCondition[] {
  if (!c || typeof c !== 'object') bad('须提供终止条件。');
  for (const [k, label] of [
    ['lostLoadRestoredPct', '减供负荷恢复比例（%）'],
    ['keyAreasRestoredPct', '重点区域、重要负荷恢复比例（%）'],
  ] as const) {
    const v = c[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${label}应为数字，收到“${String(v)}”。`, k);
    if (v < 0 || v > 100) bad(`${label}应在 0 到 100 之间，收到 ${v}。`, k);
  }
  for (const k of ['gridRestored', 'hazardsEliminated', 'secondaryIncidentsHandled'] as const) {
    if (typeof c[k] !== 'boolean') bad(`终止条件“${k}”应为是或否（true/false）。`, k);
  }
  const unmet: UnmetCondition[] = [];
  if (!c.gridRestored)
    unmet.push({ item: 1, message: '(1) 电网主干网架尚未基本恢复正常、运行参数未稳定或主要发电机组运行未稳定' });
  if (c.lostLoadRestoredPct < 80)
    unmet.push({ item: 2, message: `(2) 减供负荷恢复 ${c.lostLoadRestoredPct}%，未达到 80% 以上` });
  if (c.keyAreasRestoredPct < 90)
    unmet.push({ item: 2, message: `(2) 重点区域、重要负荷恢复 ${c.keyAreasRestoredPct}%，未达到 90% 以上` });
  if (!c.hazardsEliminated) unmet.push({ item: 3, message: '(3) 造成大面积停电事件的隐患尚未基本消除' });
  if (!c.secondaryIncidentsHandled) unmet.push({ item: 4, message: '(4) 重、特大次生衍生事故尚未基本处置完成' });
  return unmet;
}

/** Terminate the response (§5.4.2); refused, naming every unmet condition, unless all four hold. */
export function terminate(incident: Incident, conditions: TerminationConditions, at: string): Incident {
  const { judgedMs } = checkIncident(incident);
  if (incident.termination) bad(`响应已于 ${incident.termination.at} 终止。`, 'termination');
  const ms = parseInstant(at, '终止时间', 'at');
  if (ms < judgedMs) bad('终止时间早于初判发生时间。', 'at');
  const unmet = unmetTerminationConditions(conditions);
  if (unmet.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `不能终止响应：§5.4.2 要求同时满足四项条件，以下未满足——${unmet.map((u) => u.message).join('；')}。`,
      { field: 'termination' },
      { unmet },
    );
  }
  return { ...incident, termination: { at: toUtcIso(ms), conditions: { ...conditions } } };
}
