// The inbox's pre-filter (docs/supervision.md §12). A liaison's inbox (我的督办) lists an open item for a unit
// when the unit has not signed for it, when it is the lead of an item returned for rework, or when one of the
// unit's obligations is overdue or nearly due. Per (item, unit) row the store keeps `attention_on`: the first
// day on which the row can be listed, a function of the item alone —
//   NULL          the item is not open (立项, 申请办结, closed, archived) or the unit owes nothing more;
//   ALWAYS        not signed for, or returned to the lead — not to a lead since re-assigned (listed whatever the day);
//   a date        the earliest due date among the unit's unanswered obligations (also stored alone, whatever the
//                 signature, as `first_due_on`: firstDueOn).
// At read time the inbox asks only for rows with attention_on ≤ inboxHorizon(today): every due date from which
// an obligation can be yellow or red today is ≤ the horizon (proof at inboxHorizon), so the pre-filter is a
// superset of what is listed, and the exact classification (lights.ts) still decides. The deadlines are
// frozen in the item, so a change of settings changes only the horizon, never the stored days. Pure.
import { addDays, compareDates, type IsoDate } from '../calendar/dates.ts';
import { addWorkdays } from '../calendar/workdays.ts';
import { lastReturnAt } from './lifecycle.ts';
import { obligationDates } from './lights.ts';
import type { ItemState, SupervisionItem, SupervisionSettings } from './types.ts';

/** Sorts before every real date: the row is listed whatever the day. */
export const ALWAYS: IsoDate = '0001-01-01';

/** The states the inbox lists (申请办结 waits for the office, not for the unit). */
export const INBOX_STATES: readonly ItemState[] = ['assigned', 'acknowledged', 'in_progress'];

/** The first day on which `unit`'s row of the item can be in its inbox (see the header). */
export function attentionOn(item: SupervisionItem, unit: string): IsoDate | null {
  return attentionGiven(item, unit, firstDueOn(item, unit));
}

/** attentionOn, with the unit's firstDueOn already computed. */
function attentionGiven(item: SupervisionItem, unit: string, firstDue: IsoDate | null): IsoDate | null {
  if (!INBOX_STATES.includes(item.state)) return null;
  const mine = item.units.find((u) => u.unit === unit);
  if (!mine) return null;
  if (mine.acknowledgedAt === null || returnedTo(item, unit)) return ALWAYS;
  return firstDue;
}

/**
 * The earliest due date among all the item's unanswered obligations while it is open (else NULL): the sweep's
 * episode of lateness when it is before today.
 */
export function itemFirstDueOn(item: SupervisionItem): IsoDate | null {
  let first: IsoDate | null = null;
  for (const u of item.units) {
    const d = firstDueOn(item, u.unit);
    if (d !== null && (first === null || compareDates(d, first) < 0)) first = d;
  }
  return first;
}

/** 被退回: the unit leads an item in 办理中 that the office returned (since the last 改派). */
export function returnedTo(item: SupervisionItem, unit: string): boolean {
  return item.state === 'in_progress' && item.lead === unit && lastReturnAt(item) !== null;
}

/**
 * What the store keeps on each (item, unit) row for the inbox, besides the role and the signature: the inbox reads
 * these rows alone (no join), and only the entries it shows from the items.
 */
export function unitRowColumns(item: SupervisionItem, unit: string) {
  const firstDue = firstDueOn(item, unit);
  return {
    attention_on: attentionGiven(item, unit, firstDue),
    first_due_on: firstDue,
    close_by: item.deadlines?.closeBy ?? null,
    returned: returnedTo(item, unit) ? 1 : 0,
  };
}

/**
 * The earliest due date among `unit`'s unanswered obligations while the item is open (else NULL). In these states
 * nothing is waived, so the unit has an overdue obligation exactly when this date is before today — the inbox
 * sorts 已逾期 without reading the item — and a nearly due one only if it is ≤ the horizon.
 */
export function firstDueOn(item: SupervisionItem, unit: string): IsoDate | null {
  if (!INBOX_STATES.includes(item.state)) return null;
  let first: IsoDate | null = null;
  for (const o of obligationDates(item))
    if (o.unit === unit && o.doneAt === null && (first === null || compareDates(o.due, first) < 0)) first = o.due;
  return first;
}

/**
 * The latest due date that can make an obligation yellow or red on `today`. Red: due < today. Yellow: the days
 * left (lights.ts distance: calendar days, or working days in (today, due]) ≤ the window ≤ yellowWithinDays = y.
 * Counting calendar days that means due ≤ today + y; counting working days, a due date on or after the (y+1)-th
 * working day after today has at least y + 1 working days left. Both are ≤ that working day, which is returned.
 */
export function inboxHorizon(today: IsoDate, settings: SupervisionSettings): IsoDate {
  const working = addWorkdays(today, settings.yellowWithinDays + 1, settings.calendar).date;
  const calendar = addDays(today, settings.yellowWithinDays);
  return compareDates(working, calendar) >= 0 ? working : calendar;
}
