// Random action sequences (fast-check): transition never throws, never mutates its input, every accepted
// step is a documented rule, and no sequence reaches an item that breaks an invariant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDay, shanghaiDate, toDay } from '../calendar/dates.ts';
import { checkItem, draftItem, itemRole, transition } from './lifecycle.ts';
import { lightFor } from './lights.ts';
import { ruleFor } from './rules.ts';
import { actors, deepFreeze, LEAD, OTHER, PAYLOADS, SUPPORT_A, SUPPORT_B } from './testkit.ts';
import {
  ACTION_TYPES,
  type Action,
  type ActionType,
  DEFAULT_SETTINGS,
  RATINGS,
  STATES,
  type SupervisionActor,
  type SupervisionItem,
  type SupervisionSettings,
} from './types.ts';

type Build = (today: string) => Action;

const offset = fc.integer({ min: -10, max: 90 });
const text = fc.constantFrom('', '  ', '已完成阶段任务', '配合完成', 'x'.repeat(20));
const unit = fc.constantFrom(LEAD, SUPPORT_A, SUPPORT_B, OTHER, '', null);

const builds: fc.Arbitrary<Build> = fc.oneof(
  // valid payloads, most of the time
  {
    weight: 6,
    arbitrary: fc.constantFrom(...ACTION_TYPES).map(
      (t: ActionType): Build =>
        () =>
          PAYLOADS[t] as Action,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(fc.tuple(offset, text), { maxLength: 4 }), offset, text).map(
      ([cps, fin, summary]): Build =>
        (today) => ({
          type: 'file_plan',
          checkpoints: cps.map(([o, m]) => ({ date: addDays(today, o), milestone: m || '节点' })),
          finishOn: addDays(today, fin),
          summary,
        }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(offset, text).map(
      ([o, reason]): Build =>
        (today) => ({ type: 'request_extension', reason, newCloseBy: addDays(today, o) }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.option(offset).map(
      (o): Build =>
        (today) => ({ type: 'approve_extension', newCloseBy: o === null ? null : addDays(today, o) }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(text, fc.option(offset)).map(
      ([summary, o]): Build =>
        (today) => ({ type: 'feedback', summary, checkpoint: o === null ? null : addDays(today, o) }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...RATINGS, '很好'), text).map(
      ([rating, comment]): Build =>
        () =>
          ({ type: 'close', rating, comment }) as Action,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('urge', 'notice', 'interview', 'scold'), unit).map(
      ([level, u]): Build =>
        () =>
          ({ type: 'urge', level, unit: u }) as Action,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(text, fc.boolean()).map(
      ([summary, ev]): Build =>
        () => ({ type: 'request_closure', summary, evidence: ev ? [{ name: '报告.pdf', ref: 'f/1' }] : [] }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.option(unit),
        fc.array(unit, { maxLength: 3 }),
        fc.option(offset),
        fc.constantFrom('ordinary', 'major', 'other'),
      )
      .map(
        ([lead, supports, due, category]): Build =>
          (today) =>
            ({ type: 'edit', lead, supports, dueOn: due === null ? null : addDays(today, due), category }) as Action,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(unit, fc.option(fc.array(unit, { maxLength: 3 })), text, fc.option(fc.boolean())).map(
      ([lead, supports, reason, restartClock]): Build =>
        () =>
          ({ type: 'reassign', lead, supports, reason, restartClock }) as Action,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.array(unit, { maxLength: 3 }), text).map(
      ([supports, reason]): Build =>
        () =>
          ({ type: 'change_supports', supports, reason }) as Action,
    ),
  },
  {
    weight: 1,
    arbitrary: text.map(
      (reason): Build =>
        () => ({ type: 'withdraw', reason }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('delete', '', 'transition').map(
      (t): Build =>
        () =>
          ({ type: t }) as unknown as Action,
    ),
  },
);

const actor = fc.constantFrom(...Object.values(actors));
// guided steps pick an (actor, action) the table allows in the current state, so sequences reach deep states
const step = fc.record({
  guided: fc.nat(3).map((n) => n > 0),
  pick: fc.nat(),
  build: builds,
  actor,
  hours: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 80 })),
});
const ACTORS = Object.values(actors);
const STATES_SEEN = new Map<string, number>();
let accepted = 0;
let total = 0;
const settings = fc.constantFrom<SupervisionSettings>(DEFAULT_SETTINGS, {
  ...DEFAULT_SETTINGS,
  dayCounting: 'calendar',
});
const start = fc.integer({ min: toDay('2023-01-01'), max: toDay('2026-12-20') }).map(fromDay);

/** A valid payload for `type` relative to today and the item's close-by date. */
function guidedPayload(type: ActionType, item: SupervisionItem, today: string): Action {
  const closeBy = item.deadlines?.closeBy ?? today;
  if (type === 'file_plan') {
    return {
      type,
      checkpoints: [
        { date: addDays(today, 5), milestone: '初稿' },
        { date: addDays(today, 20), milestone: '报审' },
      ],
      finishOn: addDays(today, 30),
    };
  }
  if (type === 'request_extension') return { type, reason: '客观原因', newCloseBy: addDays(closeBy, 20) };
  if (type === 'reassign') {
    const lead = item.lead === LEAD ? OTHER : LEAD;
    return {
      type,
      lead,
      supports: item.supports.filter((u) => u !== lead),
      reason: '职责调整',
      restartClock: today > closeBy,
    };
  }
  if (type === 'change_supports') {
    const supports = item.supports.includes(SUPPORT_B)
      ? item.supports.filter((u) => u !== SUPPORT_B)
      : [...item.supports, SUPPORT_B].filter((u) => u !== item.lead);
    return { type, supports, reason: '配合单位调整' };
  }
  return PAYLOADS[type] as Action;
}

function instant(base: number): string {
  return new Date(base).toISOString();
}

describe('random action sequences', () => {
  it('never throw, never mutate, follow the table, keep the invariants', () => {
    fc.assert(
      fc.property(
        start,
        fc.constantFrom('ordinary', 'major'),
        fc.option(fc.integer({ min: -3, max: 60 })),
        settings,
        fc.array(step, { minLength: 10, maxLength: 50, size: 'max' }),
        (startDate, category, due, s, steps) => {
          let clock = Date.parse(`${startDate}T08:00:00+08:00`);
          const created = draftItem(
            {
              id: 'P-1',
              title: '随机事项',
              category: category as 'ordinary' | 'major',
              lead: LEAD,
              supports: [SUPPORT_A, SUPPORT_B],
              dueOn: due === null ? null : addDays(startDate, due),
            },
            actors.office,
            instant(clock),
            s,
          );
          if (!created.ok) {
            expect(created.error.code).toBe('BAD_INPUT'); // a due date in the past
            return;
          }
          let item: SupervisionItem = deepFreeze(created.item);
          for (const st of steps) {
            clock += st.hours * 3_600_000;
            const now = instant(clock);
            const today = shanghaiDate(now) as string;
            let action = st.build(today);
            let who: SupervisionActor = st.actor;
            if (st.guided) {
              const current = item;
              const options = ACTORS.flatMap((a) =>
                ACTION_TYPES.filter((t) => ruleFor(current.state, t, itemRole(current, a))).map((t) => [a, t] as const),
              );
              // two guided steps in three prefer progress (a state change, a signature, a supporting report);
              // 撤销 and 改派 are not progress (they would end or rewind most sequences)
              const progress = options.filter(
                ([a, t]) =>
                  t === 'acknowledge' ||
                  t === 'support_report' ||
                  (t !== 'withdraw' && t !== 'reassign' && ruleFor(current.state, t, itemRole(current, a))?.to),
              );
              const pool = st.pick % 3 !== 0 && progress.length > 0 ? progress : options;
              const chosen = pool[Math.floor(st.pick / 3) % Math.max(1, pool.length)];
              if (chosen) {
                who = chosen[0];
                action = guidedPayload(chosen[1], current, today);
              }
            }
            const before = JSON.stringify(item);
            total++;
            const r = transition(item, action, who, now, s);
            expect(JSON.stringify(item)).toBe(before);
            if (r.ok) {
              const rule = ruleFor(item.state, action.type, itemRole(item, who));
              expect(rule, `${item.state} ${action.type} ${who.id}`).toBeDefined();
              accepted++;
              STATES_SEEN.set(r.item.state, (STATES_SEEN.get(r.item.state) ?? 0) + 1);
              expect(r.item.state).toBe(rule?.to ?? item.state);
              expect(r.item.version).toBe(item.version + 1);
              expect(r.item.history.length).toBe(item.history.length + r.events.length);
              expect(checkItem(r.item)).toEqual([]);
              if (action.type === 'reassign') {
                // the new lead signs again; the lead's units, supports and rows stay consistent
                expect(r.item.units[0]?.acknowledgedAt).toBeNull();
                expect(r.item.lead).not.toBe(item.lead);
              }
              item = deepFreeze(r.item);
            } else {
              expect(['FORBIDDEN', 'ILLEGAL_TRANSITION', 'BAD_INPUT', 'PRECONDITION', 'DEADLINE_PASSED']).toContain(
                r.error.code,
              );
              expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
            }
            const light = lightFor(item, now, s);
            if (
              item.state === 'draft' ||
              item.state === 'closed' ||
              item.state === 'archived' ||
              item.state === 'withdrawn'
            )
              expect(light.light).toBe('none');
            else expect(['green', 'yellow', 'red']).toContain(light.light);
            expect(light.light === 'red').toBe(light.obligations.some((o) => o.status === 'overdue'));
          }
        },
      ),
      { numRuns: 300 },
    );
    console.log(
      `property: ${accepted} of ${total} random steps accepted; states reached (accepted steps): ${[...STATES_SEEN].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    expect(accepted).toBeGreaterThan(total / 4);
    expect([...STATES_SEEN.keys()].sort()).toEqual([...STATES].sort());
  });
});
