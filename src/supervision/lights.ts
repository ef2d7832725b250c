// Traffic lights (红黄绿灯) and the escalation ladder (催办 → 通报 → 约谈) for a supervised item. Pure: a
// function of the item, the instant and the county's settings.
//   green  — on track;
//   yellow — a deadline is near (≤ yellowWithinDays, never in the first half of its period) and the
//            required report is still missing;
//   red    — a deadline has passed without the required report;
//   none   — not running (立项, closed out, or 撤销: the clocks stop at withdrawal).
import { compareDates, type IsoDate, shanghaiDate } from '../calendar/dates.ts';
import { AppError } from '../platform/errors.ts';
import { distance, periodLength, unitLabel } from './clock.ts';
import { validateSettings } from './lifecycle.ts';
import {
  DEFAULT_SETTINGS,
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationThresholds,
  type SupervisionItem,
  type SupervisionSettings,
} from './types.ts';

export type Light = 'green' | 'yellow' | 'red' | 'none';

export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '无' };

export type ObligationKind = 'deploy' | 'feedback' | 'support_report' | 'checkpoint' | 'close';

export type ObligationStatus =
  | 'done' // reported on time
  | 'done_late' // reported after the deadline
  | 'waived' // no longer required (the item was submitted for closure)
  | 'pending' // not yet due
  | 'due_soon' // yellow
  | 'overdue'; // red

export interface Obligation {
  kind: ObligationKind;
  /** Chinese: 研究部署, 首次反馈, 配合单位报送, 时间表节点 …, 办结. */
  label: string;
  unit: string;
  due: IsoDate;
  /** Start of the period (for the yellow window). */
  start: IsoDate;
  doneAt: string | null;
  status: ObligationStatus;
  /** Days left (pending, due_soon) or days overdue (overdue), in the item's counting; null when done. */
  days: number | null;
}

export interface LightReport {
  light: Light;
  /** Chinese, one line per overdue or nearly due obligation. */
  reasons: string[];
  obligations: Obligation[];
  /** The earliest obligation still open, if any. */
  next: Obligation | null;
  /** The largest number of days any open obligation is overdue, in the item's counting (0 when none). */
  overdueDays: number;
  /** The step of the ladder the overdue days call for (null when not red or below the first threshold). */
  escalation: EscalationLevel | null;
  /** False when a date involved lies in a year without an official holiday schedule (an estimate). */
  official: boolean;
}

/** The ladder as a pure function of how overdue an item is: 催办 at ≥ urge days, 通报 at ≥ notice, 约谈 at ≥ interview. */
export function escalationLevel(overdueDays: number, thresholds: EscalationThresholds): EscalationLevel | null {
  if (overdueDays >= thresholds.interview) return 'interview';
  if (overdueDays >= thresholds.notice) return 'notice';
  if (overdueDays >= thresholds.urge) return 'urge';
  return null;
}

function checkSettings(settings: SupervisionSettings): void {
  const problems = validateSettings(settings);
  if (problems.length) throw new AppError('BAD_INPUT', `督办设置有误：${problems.join(' ')}`);
}

function todayOf(now: string): IsoDate {
  const today = shanghaiDate(now);
  if (!today) throw new AppError('BAD_INPUT', `时间“${now}”不是带时区的 ISO 时间（例如 2023-09-28T09:00:00+08:00）。`);
  return today;
}

/** An obligation's dates, independent of the instant (no status). */
export type ObligationDates = Pick<Obligation, 'kind' | 'label' | 'unit' | 'due' | 'start' | 'doneAt'>;

/**
 * What the item's units owe and when, with the report that answered each (doneAt) — a function of the item
 * alone. The deadlines are frozen in the item (computed at 交办), so the settings do not enter here.
 */
export function obligationDates(item: SupervisionItem): ObligationDates[] {
  const d = item.deadlines;
  if (!d || !item.assignedOn) return [];
  const assignedOn = item.assignedOn;
  const submitted = isSubmitted(item);
  // 改派 with the clock restarted: the deploy and feedback periods start at the re-assignment day
  const clockFrom = d.restartedOn ?? assignedOn;
  const out: ObligationDates[] = [];
  const add = (
    kind: ObligationKind,
    label: string,
    unit: string,
    due: IsoDate,
    start: IsoDate,
    doneAt: string | null,
  ) => {
    out.push({ kind, label, unit, due, start, doneAt });
  };
  const leadReports = item.reports.filter((r) => r.unit === item.lead);
  add('deploy', '研究部署', item.lead, d.deployBy, clockFrom, item.deployedAt);
  const firstFeedback = leadReports.find((r) => r.kind === 'feedback' || r.kind === 'closure');
  add('feedback', '首次反馈', item.lead, d.feedbackBy, clockFrom, firstFeedback?.at ?? null);
  for (const u of item.units) {
    if (u.role !== 'support') continue;
    // a supporting unit added after assignment owes its first report by the date fixed when it joined
    // (lifecycle.ts joinerReportBy: frozen like every deadline, so these dates never depend on the settings)
    add(
      'support_report',
      '向牵头单位报送',
      u.unit,
      u.reportBy ?? d.feedbackBy,
      u.addedOn ?? clockFrom,
      u.firstReportAt,
    );
  }
  const plan = item.plan;
  if (plan?.status === 'approved') {
    let start = plan.decidedOn ?? assignedOn;
    for (const p of plan.checkpoints) {
      // answered by the lead unit of the time (a checkpoint answered before a 改派 stays answered)
      const answered = item.reports.find((r) => r.kind === 'feedback' && r.checkpoint === p.date);
      add('checkpoint', `时间表节点（${p.milestone}）`, item.lead, p.date, start, answered?.at ?? null);
      start = p.date;
    }
  }
  const closure =
    item.closureRequestedAt ??
    (submitted && item.state !== 'withdrawn'
      ? ([...leadReports].reverse().find((r) => r.kind === 'closure')?.at ?? null)
      : null);
  add('close', '办结', item.lead, d.closeBy, assignedOn, closure);
  return out;
}

/** After 申请办结, 办结 or 撤销 nothing more is owed: what is not done is waived. */
function isSubmitted(item: SupervisionItem): boolean {
  return (
    item.state === 'closure_requested' ||
    item.state === 'closed' ||
    item.state === 'archived' ||
    item.state === 'withdrawn'
  );
}

/** The obligations of an item and their status at `now`. */
export function obligations(
  item: SupervisionItem,
  now: string,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): Obligation[] {
  checkSettings(settings);
  const today = todayOf(now);
  const d = item.deadlines;
  if (!d) return [];
  const submitted = isSubmitted(item);
  return obligationDates(item).map((o): Obligation => {
    let status: ObligationStatus;
    let days: number | null = null;
    if (o.doneAt) {
      const on = shanghaiDate(o.doneAt) ?? today;
      status = compareDates(on, o.due) > 0 ? 'done_late' : 'done';
    } else if (submitted) {
      status = 'waived';
    } else {
      const dist = distance(today, o.due, d.counting, settings.calendar);
      days = dist.days;
      if (dist.overdue) status = 'overdue';
      else {
        const window = Math.min(
          settings.yellowWithinDays,
          Math.floor(periodLength(o.start, o.due, d.counting, settings.calendar) / 2),
        );
        status = dist.days <= window ? 'due_soon' : 'pending';
      }
    }
    return { ...o, status, days };
  });
}

/** The light of an item at `now`, with reasons, the next deadline and the escalation step due. */
export function lightFor(
  item: SupervisionItem,
  now: string,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): LightReport {
  const list = obligations(item, now, settings);
  const d = item.deadlines;
  const running =
    item.state === 'assigned' ||
    item.state === 'acknowledged' ||
    item.state === 'in_progress' ||
    item.state === 'closure_requested';
  if (!d || !running) {
    return {
      light: 'none',
      reasons: [],
      obligations: list,
      next: null,
      overdueDays: 0,
      escalation: null,
      official: d?.official ?? true,
    };
  }
  const u = unitLabel(d.counting);
  const open = list.filter((o) => o.status === 'pending' || o.status === 'due_soon' || o.status === 'overdue');
  const overdue = open.filter((o) => o.status === 'overdue');
  const soon = open.filter((o) => o.status === 'due_soon');
  const reasons = [
    ...overdue.map((o) => `${o.unit}${o.label}时限 ${o.due} 已过${o.days ? `，逾期 ${o.days} ${u}` : ''}`),
    ...soon.map((o) => `${o.unit}${o.label}时限 ${o.due} 临近（${o.days === 0 ? '今天到期' : `还剩 ${o.days} ${u}`}）`),
  ];
  const overdueDays = overdue.reduce((m, o) => Math.max(m, o.days ?? 0), 0);
  const next = [...open].sort((a, b) => compareDates(a.due, b.due))[0] ?? null;
  const today = todayOf(now);
  const official = d.official && (next ? distance(today, next.due, d.counting, settings.calendar).official : true);
  const light: Light = overdue.length ? 'red' : soon.length ? 'yellow' : 'green';
  if (item.state === 'closure_requested' && light === 'green') reasons.push('已申请办结，等待县政府办审核');
  return {
    light,
    reasons,
    obligations: list,
    next,
    overdueDays,
    escalation: light === 'red' ? escalationLevel(overdueDays, settings.escalation) : null,
    official,
  };
}

export interface EscalationAdvice {
  /** The step the overdue days call for. */
  level: EscalationLevel | null;
  /** The highest step already taken since the earliest overdue deadline. */
  taken: EscalationLevel | null;
  /** The step to take now (level, when it is above what was taken), for the sweep that comes later. */
  due: EscalationLevel | null;
  /** Chinese summary. */
  message: string;
}

/** What the ladder asks for now, given the steps already recorded on the item (催办 records). */
export function escalationFor(
  item: SupervisionItem,
  now: string,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): EscalationAdvice {
  const report = lightFor(item, now, settings);
  const level = report.escalation;
  const earliest = report.obligations
    .filter((o) => o.status === 'overdue')
    .sort((a, b) => compareDates(a.due, b.due))[0];
  const rank = (l: EscalationLevel | null) => (l ? ESCALATION_LEVELS.indexOf(l) : -1);
  let taken: EscalationLevel | null = null;
  if (earliest) {
    for (const u of item.urges)
      if (compareDates(u.on, earliest.due) > 0 && rank(u.level) > rank(taken)) taken = u.level;
  }
  const due = level && rank(level) > rank(taken) ? level : null;
  const u = item.deadlines ? unitLabel(item.deadlines.counting) : '天';
  const message = !level
    ? report.light === 'red'
      ? '已逾期，尚未达到催办阈值'
      : '无需催办'
    : due
      ? `逾期 ${report.overdueDays} ${u}，应${ESCALATION_LABELS[due]}${taken ? `（已${ESCALATION_LABELS[taken]}）` : ''}`
      : `逾期 ${report.overdueDays} ${u}，已${ESCALATION_LABELS[taken as EscalationLevel]}`;
  return { level, taken, due, message };
}
