// The sweep's decision for one item (pure): which steps of the escalation ladder (催办 → 通报 → 约谈) are due and
// not yet recorded, with the day each became due, the reason and who is told. The store part
// (sweepStore.ts) loads the open items and the records already made, and writes what this returns in one
// transaction per batch, together with the notifications (src/notifications).
//
// Decisions (docs/supervision.md §9):
// - An *episode* of lateness is identified by its earliest overdue deadline (`overdueSince`). A step is
//   recorded at most once per (item, episode, step) — a later lateness (after an extension, or the next
//   obligation missed) is a new episode and starts again at 催办.
// - Catch-up: a sweep after a gap records every step the gap skipped, each with the day it became due
//   (`dueOn` = the deadline + the step's threshold, counted like the item's deadlines), and each is notified
//   once. Nothing is invented for days the item was not late.
// - A 催办 recorded by hand (the `urge` action) after the episode began counts as taken: the sweep does not
//   repeat that step or a lower one (as `escalationFor` reports it).
// - Who is told (the plans escalate in this order — 襄政办发〔2023〕17号 “预警通知函……约谈”, 25号 “通报批评，并约谈
//   相关责任人”): 催办 → the units whose obligations are overdue; 通报 → those units and 县政府办 (admin);
//   约谈 → those units, 县政府办 and 县领导 (leader), who hold the interview.
import type { IsoDate } from '../calendar/dates.ts';
import { addDays, compareDates, shanghaiDate } from '../calendar/dates.ts';
import { after, distance } from './clock.ts';
import { escalationLevel, type LightReport, lightFor } from './lights.ts';
import {
  type DayCounting,
  DEFAULT_SETTINGS,
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  type EscalationLevel,
  type SupervisionItem,
  type SupervisionSettings,
  type UrgeRecord,
} from './types.ts';

/** A step already recorded by an earlier sweep. */
export interface RecordedStep {
  step: EscalationLevel;
  overdueSince: IsoDate;
}

export interface LadderDecision {
  step: EscalationLevel;
  overdueSince: IsoDate;
  /** The day the step became due (≤ today). */
  dueOn: IsoDate;
  /** Chinese, for the ledger and the notification body. */
  reason: string;
  /** The lead unit (the ledger's 责任单位). */
  unit: string;
  /** Units whose obligations are overdue (the lead, or a supporting unit that has not reported). */
  units: string[];
  /** Roles told besides the units. */
  roles: ('admin' | 'leader')[];
  /** Notification title. */
  title: string;
  /** True when the step's day is before today (the sweep did not run that day). */
  caughtUp: boolean;
}

const rank = (l: EscalationLevel | null): number => (l ? ESCALATION_LEVELS.indexOf(l) : -1);

const ROLES_BY_STEP: Record<EscalationLevel, ('admin' | 'leader')[]> = {
  urge: [],
  notice: ['admin'],
  interview: ['admin', 'leader'],
};

/** The ladder steps due for `item` at `now` and not yet recorded (by the sweep or by hand). */
export function sweepItem(
  item: SupervisionItem,
  now: string,
  recorded: readonly RecordedStep[],
  settings: SupervisionSettings = DEFAULT_SETTINGS,
  /** The item's light at `now` when the caller has it already (the store computes it once for both calls). */
  report: LightReport = lightFor(item, now, settings),
): LadderDecision[] {
  if (report.light !== 'red' || !report.escalation || !item.deadlines) return [];
  const overdue = report.obligations.filter((o) => o.status === 'overdue').sort((a, b) => compareDates(a.due, b.due));
  const earliest = overdue[0];
  if (!earliest) return [];
  const since = earliest.due;
  const taken = takenRank(since, item.urges, recorded);
  const level = rank(report.escalation);
  if (level <= taken) return [];
  const today = shanghaiDate(now) as IsoDate;
  const counting = item.deadlines.counting;
  const unitWord = counting === 'working' ? '个工作日' : '天';
  const units = [...new Set(overdue.map((o) => o.unit))];
  const what = overdue.map((o) => `${o.unit}${o.label}（时限 ${o.due}）`).join('、');
  const out: LadderDecision[] = [];
  for (let r = taken + 1; r <= level; r++) {
    const step = ESCALATION_LEVELS[r] as EscalationLevel;
    const threshold = settings.escalation[step];
    let dueOn = after(since, threshold, counting, settings.calendar).date;
    if (compareDates(dueOn, today) > 0) dueOn = today; // thresholds changed since: due today
    const label = ESCALATION_LABELS[step];
    out.push({
      step,
      overdueSince: since,
      dueOn,
      reason: `${what}逾期 ${report.overdueDays} ${unitWord}，达到${label}阈值（逾期 ${threshold} ${unitWord}）`,
      unit: item.lead,
      units,
      roles: ROLES_BY_STEP[step],
      title: `${label}：${item.title}`,
      caughtUp: compareDates(dueOn, today) < 0,
    });
  }
  return out;
}

/** `sweep_due_on` of an item that no day of the sweep can concern until it is written again. */
export const NEVER: IsoDate = '9999-12-31';

/**
 * The first day after today on which `sweepItem` can answer something for this item, given the steps recorded
 * (including those just decided) — a lower bound, so that skipping the item before that day changes nothing
 * (docs/supervision.md §9, “Pre-filter”). While the item, its records and the settings stay as they are:
 * - the obligations open now stay open, and one becomes overdue only after its date; the episode (earliest
 *   overdue date) is then fixed, since later-dated obligations become overdue later;
 * - a step is due only when the overdue days reach its threshold; overdue days (working or calendar) never
 *   exceed the calendar days since the episode began, so the step cannot be due before episode + threshold
 *   calendar days (and not before the day after the episode began).
 * Hence: nothing open → NEVER; nothing overdue → earliest open date + max(催办 threshold, 1) days; overdue →
 * the episode + max(threshold of the step after the highest taken, 1) days, NEVER once 约谈 is taken.
 */
export function nextSweepDay(
  item: SupervisionItem,
  now: string,
  recorded: readonly RecordedStep[],
  settings: SupervisionSettings = DEFAULT_SETTINGS,
  report: LightReport = lightFor(item, now, settings),
): IsoDate {
  if (!item.deadlines) return NEVER;
  const today = shanghaiDate(now) as IsoDate;
  const open = report.obligations
    .filter((o) => o.status === 'pending' || o.status === 'due_soon' || o.status === 'overdue')
    .sort((a, b) => compareDates(a.due, b.due));
  const first = open[0];
  if (!first) return NEVER;
  const overdue = open.filter((o) => o.status === 'overdue');
  if (!overdue.length) return nextSweepDayNotLate(first.due, settings);
  const since = (overdue[0] as (typeof overdue)[number]).due;
  return nextSweepDayLate(since, takenRank(since, item.urges, recorded), today, settings);
}

/**
 * The highest step (index in ESCALATION_LEVELS, −1 for none) already taken in the episode of lateness that began
 * on `since`: a 催办 by hand after that day, or a step recorded for that episode.
 */
export function takenRank(
  since: IsoDate,
  urges: readonly Pick<UrgeRecord, 'on' | 'level'>[],
  recorded: readonly RecordedStep[],
): number {
  let taken = -1;
  for (const u of urges) if (compareDates(u.on, since) > 0) taken = Math.max(taken, rank(u.level));
  for (const r of recorded) if (r.overdueSince === since) taken = Math.max(taken, rank(r.step));
  return taken;
}

/**
 * Whether sweepItem records something for a late item whose episode began on `since` (its earliest overdue
 * date) with steps taken up to `taken`: the overdue days — counted from `since`, the largest of the item's
 * (an earlier date is at least as many days overdue) — call for a step above it. The sweep decides with this from
 * the item's columns, and reads the lifecycle JSON only when it is true.
 */
export function ladderStepDue(
  since: IsoDate,
  counting: DayCounting,
  taken: number,
  today: IsoDate,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): boolean {
  const days = distance(today, since, counting, settings.calendar).days;
  return rank(escalationLevel(days, settings.escalation)) > taken;
}

/** nextSweepDay of a late item: the episode + max(threshold of the step after `taken`, 1) days, after today. */
export function nextSweepDayLate(
  since: IsoDate,
  taken: number,
  today: IsoDate,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): IsoDate {
  const step = ESCALATION_LEVELS[taken + 1];
  if (!step) return NEVER;
  const day = addDays(since, Math.max(settings.escalation[step], 1));
  return compareDates(day, today) > 0 ? day : addDays(today, 1);
}

/**
 * nextSweepDay of an open item with nothing overdue, from its earliest unanswered due date alone (null: nothing
 * owed → NEVER): that date + max(催办 threshold, 1) days, always after today. The sweep uses it for the items whose
 * stored earliest due date (`first_due_on` of their unit rows, inboxAttention.ts) is not before today, without
 * reading their lifecycle JSON — sweepItem has nothing to record for an item that is not late.
 */
export function nextSweepDayNotLate(
  firstDue: IsoDate | null,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
): IsoDate {
  return firstDue === null ? NEVER : addDays(firstDue, Math.max(settings.escalation.urge, 1));
}

/** The `urges` column of an item: its 催办 by hand, as takenRank reads them (JSON [{on, level}]). */
export function urgeColumn(urges: readonly Pick<UrgeRecord, 'on' | 'level'>[]): string {
  return JSON.stringify(urges.map((u) => ({ on: u.on, level: u.level })));
}

/** The notification body of a decision (Chinese). */
export function ladderMessage(d: LadderDecision): string {
  const lines = [d.reason];
  if (d.caughtUp) lines.push(`（本应于 ${d.dueOn} ${ESCALATION_LABELS[d.step]}，督办巡检当日未运行，现补记。）`);
  if (d.step === 'urge') lines.push('请尽快办理并在系统中反馈。');
  if (d.step === 'notice') lines.push('该事项已列入通报名单。');
  if (d.step === 'interview') lines.push('该事项已列入约谈名单，请县政府办安排约谈。');
  return lines.join('\n');
}
