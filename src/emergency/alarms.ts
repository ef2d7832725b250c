// Missed-deadline alarms over the report clocks (§4.3, §4.5), pure: which clocks are about to be missed and
// which have been missed, at an instant. The sweep (alarmStore.ts) raises each (incident, clock, kind) once.
//
// Decisions (docs/emergency.md §9.3):
// - “Due soon” = pending with at most DUE_SOON_MS left (10 minutes: a third of the shortest limit, the
//   30-minute phone report, enough to still make the call).
// - “Missed” = past due and still not done. A duty done late is shown on the clock board (state missed, with
//   its time) but raises no alarm: nobody can act on it any more.
// - A clock that is done raises nothing; a pending clock with more time left raises nothing.
import type { Clock } from './clocks.ts';

export type AlarmKind = 'due-soon' | 'missed';
export const ALARM_LABELS: Record<AlarmKind, string> = { 'due-soon': '即将超时', missed: '已超时' };
export const DUE_SOON_MS = 10 * 60_000;

export interface Alarm {
  clockId: string;
  kind: AlarmKind;
  label: string;
  dueAt: string;
  clause: string;
}

export function detectAlarms(clocks: Clock[], now: number, dueSoonMs = DUE_SOON_MS): Alarm[] {
  const out: Alarm[] = [];
  for (const c of clocks) {
    if (c.doneAt !== null) continue;
    const remaining = Date.parse(c.dueAt) - now;
    const kind: AlarmKind | null = remaining < 0 ? 'missed' : remaining <= dueSoonMs ? 'due-soon' : null;
    if (kind) out.push({ clockId: c.id, kind, label: c.label, dueAt: c.dueAt, clause: c.clause });
  }
  return out;
}
