// The missed-deadline sweep (issue #7, §4.3 / §4.5 clocks): for every incident not closed, the pure
// detectAlarms() over its clocks now; each (incident, clock, kind) is recorded once in incident_alarms
// (unique) and sent once through the notifications capability (in the app to the duty office, the leaders and
// the 县能源局; by webhook to the subscriptions whose kinds match `emergency.*`), in one transaction per alarm.
// A repeated or concurrent sweep raises nothing new.

import { notify } from '../notifications/index.ts';
import type { Db } from '../platform/db.ts';
import { ALARM_LABELS, type Alarm, type AlarmKind, DUE_SOON_MS, detectAlarms } from './alarms.ts';
import { getIncident, listIncidents } from './store.ts';
import { formatShanghai } from './time.ts';

export interface RaisedAlarm extends Alarm {
  incidentId: number;
  incidentTitle: string;
  raisedAt: string;
  notificationId: number | null;
}

export interface AlarmSweepReport {
  incidents: number;
  raised: RaisedAlarm[];
}

export const ALARM_KINDS: Record<AlarmKind, string> = {
  'due-soon': 'emergency.deadline-soon',
  missed: 'emergency.deadline-missed',
};

export async function sweepAlarms(
  target: Db,
  tenant: string,
  opts: { now?: Date; dueSoonMs?: number } = {},
): Promise<AlarmSweepReport> {
  const now = opts.now ?? new Date();
  const open = (await listIncidents(target, tenant)).filter((i) => i.state !== 'closed');
  const raised: RaisedAlarm[] = [];
  // Alarms raised before are skipped without a write; the unique constraint still decides under concurrency.
  const known = new Set(
    (
      await target.db
        .selectFrom('incident_alarms')
        .select(['incident_id', 'clock_id', 'kind'])
        .where('tenant', '=', tenant)
        .execute()
    ).map((r) => `${r.incident_id}|${r.clock_id}|${r.kind}`),
  );
  for (const summary of open) {
    const { incident, clocks } = await getIncident(target, tenant, summary.id, now);
    for (const alarm of detectAlarms(clocks, now.getTime(), opts.dueSoonMs ?? DUE_SOON_MS)) {
      if (known.has(`${incident.id}|${alarm.clockId}|${alarm.kind}`)) continue;
      const r = await target.db.transaction().execute(async (trx) => {
        const ins = await trx
          .insertInto('incident_alarms')
          .values({
            tenant,
            incident_id: incident.id,
            clock_id: alarm.clockId,
            kind: alarm.kind,
            due_at: alarm.dueAt,
            raised_at: now.toISOString(),
            notification_id: null,
          })
          .onConflict((oc) => oc.columns(['tenant', 'incident_id', 'clock_id', 'kind']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!ins) return null; // raised before
        const drill = incident.status === 'Exercise' ? '【演练】' : '';
        const n = await notify(trx, tenant, {
          recipients: { roles: ['admin', 'leader'], units: ['县能源局'] },
          kind: ALARM_KINDS[alarm.kind],
          title: `${drill}${ALARM_LABELS[alarm.kind]}：${alarm.label}（${incident.title}）`.slice(0, 200),
          body: `${alarm.label}，时限为北京时间 ${formatShanghai(Date.parse(alarm.dueAt))}。依据：${alarm.clause}`,
          link: `/emergency/${incident.id}`,
          dedupeKey: `emergency:alarm:${incident.id}:${alarm.clockId}:${alarm.kind}`,
          source: { capability: 'emergency', id: incident.id },
          at: now,
        });
        await trx
          .updateTable('incident_alarms')
          .set({ notification_id: n.id })
          .where('id', '=', Number(ins.id))
          .execute();
        return n.id;
      });
      if (r !== null) {
        raised.push({
          ...alarm,
          incidentId: incident.id,
          incidentTitle: incident.title,
          raisedAt: now.toISOString(),
          notificationId: r,
        });
      }
    }
  }
  return { incidents: open.length, raised };
}

export interface StoredAlarm {
  clockId: string;
  kind: AlarmKind;
  label: string;
  dueAt: string;
  raisedAt: string;
}

/** Alarms raised for one incident, oldest first. */
export async function listAlarms(target: Db, tenant: string, incidentId: number): Promise<StoredAlarm[]> {
  const rows = await target.db
    .selectFrom('incident_alarms')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    clockId: r.clock_id,
    kind: r.kind as AlarmKind,
    label: ALARM_LABELS[r.kind as AlarmKind] ?? r.kind,
    dueAt: r.due_at,
    raisedAt: r.raised_at,
  }));
}

export function describeAlarmSweep(r: AlarmSweepReport): string {
  if (r.raised.length === 0) return `停电事件时限巡检：检查未关闭事件 ${r.incidents} 起，无新告警。`;
  return [
    `停电事件时限巡检：检查未关闭事件 ${r.incidents} 起，新告警 ${r.raised.length} 条：`,
    ...r.raised.map(
      (a) =>
        `  事件 ${a.incidentId}「${a.incidentTitle}」${ALARM_LABELS[a.kind]}：${a.label}（时限 北京时间 ${formatShanghai(Date.parse(a.dueAt))}）`,
    ),
  ].join('\n');
}

/** `luoshi serve`'s small interval: sweep every `intervalMs` (default 60 s); a failing run is logged, never fatal. */
export function startAlarmSweep(
  db: Db,
  tenant: string,
  opts: { intervalMs?: number; log?: (line: string) => void } = {},
): { stop(): Promise<void> } {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = sweepAlarms(db, tenant)
      .then((r) => {
        if (r.raised.length) log(describeAlarmSweep(r));
      })
      .catch((e) => log(`停电事件时限巡检失败，将在下次重试：${(e as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
