// Every state × action × role: either the documented transition (rules.ts, docs/supervision.md) or a refusal
// with the right code and a message naming the state and the action.
import { describe, expect, it } from 'vitest';
import { checkItem, transition } from './lifecycle.ts';
import { RULES, ruleFor } from './rules.ts';
import { actorFor, actors, apply, at, deepFreeze, PAYLOADS, reach } from './testkit.ts';
import {
  ACTION_LABELS,
  ACTION_TYPES,
  type ActionType,
  type Category,
  FINAL_STATES,
  ITEM_ROLES,
  type ItemRole,
  type ItemState,
  ROLE_LABELS,
  STATE_LABELS,
  STATES,
  type SupervisionItem,
} from './types.ts';

const NOW = at('2023-09-28', '10:00');
const PREP = at('2023-09-28', '09:00');

/** Bring the item to the point where `action` can succeed if the table allows it (pending plan, etc.). */
function prepare(item: SupervisionItem, action: ActionType): SupervisionItem {
  const open = item.state === 'acknowledged' || item.state === 'in_progress';
  if ((action === 'approve_plan' || action === 'reject_plan') && open && item.category === 'major') {
    return apply(item, PAYLOADS.file_plan, actors.lead, PREP);
  }
  if ((action === 'approve_extension' || action === 'refuse_extension') && open) {
    return apply(item, PAYLOADS.request_extension, actors.lead, PREP);
  }
  if (action === 'request_closure' && item.state === 'in_progress') {
    const signed = apply(item, { type: 'acknowledge' }, actors.supportB, PREP);
    return apply(
      signed,
      { type: 'support_report', summary: '已提供用地意见' },
      actors.supportB,
      at('2023-09-28', '09:30'),
    );
  }
  return item;
}

/** Combinations allowed by the table but refused by a documented precondition of the fixture. */
function precondition(category: Category, action: ActionType): string | null {
  if (category === 'ordinary' && (action === 'file_plan' || action === 'approve_plan' || action === 'reject_plan'))
    return 'PRECONDITION';
  return null;
}

const fixtures = new Map<string, SupervisionItem>();
function fixture(state: ItemState, category: Category): SupervisionItem {
  const key = `${state}/${category}`;
  let item = fixtures.get(key);
  if (!item) {
    item = deepFreeze(reach(state, { category }));
    fixtures.set(key, item);
  }
  return item;
}

describe.each(['major', 'ordinary'] as const)('state × action × role (%s item)', (category) => {
  let allowed = 0;
  let refused = 0;
  for (const state of STATES) {
    for (const action of ACTION_TYPES) {
      for (const role of ITEM_ROLES) {
        const rule = ruleFor(state, action, role);
        it(`${state} · ${action} · ${role} → ${rule ? (rule.to ?? 'same') : 'refused'}`, () => {
          const base = prepare(fixture(state, category), action);
          const before = JSON.stringify(base);
          const r = transition(deepFreeze(base), PAYLOADS[action], actorFor(role, action), NOW);
          expect(JSON.stringify(base)).toBe(before); // never mutated
          const pre = precondition(category, action);
          if (rule && !pre) {
            if (!r.ok) throw new Error(`expected ${state}·${action}·${role} to be allowed: ${r.error.message}`);
            allowed++;
            expect(r.item.state).toBe(rule.to ?? state);
            expect(r.item.version).toBe(base.version + 1);
            expect(r.events.length).toBeGreaterThan(0);
            expect(r.item.history.slice(0, base.history.length)).toEqual(base.history);
            expect(checkItem(r.item)).toEqual([]);
          } else {
            expect(r.ok).toBe(false);
            if (r.ok) return;
            refused++;
            const roleCanEver = RULES.some((x) => x.action === action && x.role === role);
            const expected = rule ? pre : roleCanEver ? 'ILLEGAL_TRANSITION' : 'FORBIDDEN';
            expect(r.error.code).toBe(expected);
            expect(r.error.message).toContain(ACTION_LABELS[action]);
            if (expected === 'ILLEGAL_TRANSITION') {
              expect(r.error.message).toContain(`当前状态为“${STATE_LABELS[state]}”`);
              expect(r.error.message).toContain('当前状态下可执行的操作');
            }
            if (expected === 'FORBIDDEN') expect(r.error.message).toMatch(/只能由.+执行/);
          }
        });
      }
    }
  }
  it('covered every combination', () => {
    expect(allowed + refused).toBe(STATES.length * ACTION_TYPES.length * ITEM_ROLES.length);
  });
});

describe('the table', () => {
  it('names every action and role and stays within the states', () => {
    for (const r of RULES) {
      expect(ACTION_TYPES).toContain(r.action);
      expect(ITEM_ROLES).toContain(r.role);
      for (const s of r.from) expect(STATES).toContain(s);
      if (r.to) expect(STATES).toContain(r.to);
    }
    // every action can be taken by someone somewhere; every state except the final ones (已归档, 已撤销) has an
    // exit or an action, and nothing at all can be done in a final state
    for (const a of ACTION_TYPES) expect(RULES.some((r) => r.action === a)).toBe(true);
    for (const s of STATES.filter((x) => !FINAL_STATES.includes(x)))
      expect(RULES.some((r) => r.from.includes(s))).toBe(true);
    for (const s of FINAL_STATES) expect(RULES.some((r) => r.from.includes(s))).toBe(false);
  });

  it('is deterministic: at most one rule per state × action × role', () => {
    for (const s of STATES)
      for (const a of ACTION_TYPES)
        for (const role of ITEM_ROLES) {
          expect(
            RULES.filter((r) => r.action === a && r.role === role && r.from.includes(s)).length,
          ).toBeLessThanOrEqual(1);
        }
  });

  it('only liaisons of the item’s units act for units; the unrelated liaison can do nothing', () => {
    const other: ItemRole = 'other';
    expect(RULES.some((r) => r.role === other)).toBe(false);
    for (const r of RULES.filter((x) => x.role === 'lead' || x.role === 'support')) {
      expect([
        'acknowledge',
        'deploy',
        'feedback',
        'support_report',
        'file_plan',
        'request_extension',
        'request_closure',
      ]).toContain(r.action);
    }
    expect(ROLE_LABELS.other).toBe('非承办单位联络员');
  });
});
