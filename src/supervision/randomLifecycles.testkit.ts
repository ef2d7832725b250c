// Seeded random lifecycles driven through the store, the same in several tenants (tests only): items created
// on random days (一般/重大复杂, some with a document due date, random supporting units) and random actions by
// the right and the wrong people each day (optionally 改派, 调整配合单位, 撤销 by the office) — a refusal in one tenant must be a refusal in every other. Used by
// the pre-filter equality tests (sweepDue.test.ts: the sweep; inboxAttention.test.ts: the inbox).
import { expect } from 'vitest';
import type { Actor } from '../access/roles.ts';
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../platform/db.ts';
import { prng } from '../platform/prng.ts';
import { act, createItem } from './store.ts';
import type { SupervisionSettings } from './types.ts';

export const UNITS = ['县发改局', '县财政局', '县教育局', '县水利局'];
export const office: Actor = { id: 1, username: 'admin', displayName: '督查室张敏', role: 'admin', unit: null };
export const liaison = (unit: string): Actor => ({
  id: 10,
  username: `l-${unit}`,
  displayName: `${unit}联络员`,
  role: 'liaison',
  unit,
});
/** An instant in Beijing time. */
export const bj = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);
const EVIDENCE = [{ name: '办结报告.pdf', ref: 'files/2023/abc.pdf' }];

export interface Spec {
  lead: string;
  supports: string[];
  category: 'ordinary' | 'major';
  dueOn: IsoDate | null;
  day: IsoDate;
}

export interface TwinOptions<T extends string> {
  seed: number;
  tenants: readonly T[];
  /** Settings of every write (the deadlines are computed with them at 交办). */
  settings: SupervisionSettings;
  /** Days from 2023-09-18 (over 中秋/国庆); items are created in the first 24 at most. */
  days: number;
  /** The chance that an item sees an action on a day (default 0.3: most items end up late). */
  activity?: number;
  /** Also 改派, 调整配合单位 and 撤销 among the actions. */
  reassign?: boolean;
  /** After the day's creations and actions: the test's own checks (it may draw from `rand`). */
  endOfDay: (day: IsoDate, k: number, rand: () => number) => Promise<void>;
}

export interface TwinRun<T extends string> {
  specs: Spec[];
  /** Item ids per tenant, in creation order (index i is the same item in every tenant). */
  ids: Record<T, number[]>;
  /** Actions accepted (per tenant). */
  oks: number;
}

/** Runs the random lifecycles; see the header. */
export async function twinLifecycles<T extends string>(db: Db, opts: TwinOptions<T>): Promise<TwinRun<T>> {
  const rand = prng(opts.seed);
  const pick = <V>(xs: readonly V[]): V => xs[Math.floor(rand() * xs.length)] as V;
  const { tenants, settings } = opts;
  const ids = Object.fromEntries(tenants.map((tn) => [tn, [] as number[]])) as Record<T, number[]>;
  const versions = Object.fromEntries(tenants.map((tn) => [tn, [] as number[]])) as Record<T, number[]>;
  const specs: Spec[] = [];
  let oks = 0;
  let day: IsoDate = '2023-09-18';
  for (let k = 0; k < opts.days; k++, day = addDays(day, 1)) {
    if (k < 24 && rand() < 0.5) {
      const lead = pick(UNITS);
      const supports = UNITS.filter((u) => u !== lead && rand() < 0.3);
      const spec: Spec = {
        lead,
        supports,
        category: rand() < 0.25 ? 'major' : 'ordinary',
        dueOn: rand() < 0.3 ? addDays(day, 1 + Math.floor(rand() * 12)) : null,
        day,
      };
      specs.push(spec);
      for (const tn of tenants) {
        const item = await createItem(
          db,
          tn,
          { title: `事项 ${specs.length}`, category: spec.category, lead, supports, dueOn: spec.dueOn, assign: true },
          office,
          { now: bj(day, '08:00'), settings },
        );
        ids[tn].push(item.id);
        versions[tn].push(item.version);
      }
    }
    for (let i = 0; i < specs.length; i++) {
      if (rand() > (opts.activity ?? 0.3)) continue;
      const s = specs[i] as Spec;
      const choice = Math.floor(rand() * (opts.reassign ? 14 : 11));
      const support = s.supports.length ? pick(s.supports) : s.lead;
      const newLead = pick(UNITS.filter((u) => u !== s.lead));
      const newSupports = UNITS.filter((u) => u !== s.lead && rand() < 0.4);
      const [action, payload, actor]: [string, Record<string, unknown>, Actor] = [
        ['acknowledge', {}, liaison(pick([s.lead, ...s.supports]))],
        ['deploy', { summary: '已研究部署' }, liaison(s.lead)],
        ['feedback', { summary: '进展反馈' }, liaison(s.lead)],
        ['support_report', { summary: '配合报送' }, liaison(support)],
        [
          'request_extension',
          { reason: '需要延期', newCloseBy: addDays(day, 3 + Math.floor(rand() * 10)) },
          liaison(s.lead),
        ],
        ['approve_extension', {}, office],
        ['refuse_extension', { reason: '不同意' }, office],
        ['request_closure', { summary: '已办结', evidence: EVIDENCE }, liaison(s.lead)],
        ['return', { reasons: '材料不全' }, office],
        ['urge', { level: pick(['urge', 'notice', 'interview']) }, office],
        ['acknowledge', {}, liaison(s.lead)],
        [
          'reassign',
          {
            lead: newLead,
            supports: s.supports.filter((u) => u !== newLead),
            reason: '职责调整',
            restartClock: rand() < 0.5,
          },
          office,
        ],
        ['change_supports', { supports: newSupports, reason: '调整配合单位' }, office],
        rand() < 0.3 ? ['withdraw', { reason: '不再实施' }, office] : ['acknowledge', {}, liaison(s.lead)],
      ][choice] as [string, Record<string, unknown>, Actor];
      const time = `${String(9 + Math.floor(rand() * 8)).padStart(2, '0')}:30`;
      const outcomes: string[] = [];
      for (const tn of tenants) {
        try {
          const d = await act(
            db,
            tn,
            ids[tn][i] as number,
            { action: action as never, payload, expectedVersion: versions[tn][i] as number },
            actor,
            { now: bj(day, time), settings },
          );
          versions[tn][i] = d.version;
          outcomes.push('ok');
          oks++;
        } catch (e) {
          outcomes.push((e as Error).message);
        }
      }
      for (const o of outcomes) expect(o).toBe(outcomes[0]);
      if (outcomes[0] === 'ok' && action === 'reassign') {
        s.lead = payload.lead as string;
        s.supports = payload.supports as string[];
      }
      if (outcomes[0] === 'ok' && action === 'change_supports') s.supports = payload.supports as string[];
    }
    await opts.endOfDay(day, k, rand);
  }
  return { specs, ids, oks };
}
