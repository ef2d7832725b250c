// Properties of the engine over random assessments (fast-check): bounds, order independence, the
// blend's linearity, the bonus cap, ranks consistent with finals, quotas respected unless flagged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { score } from './engine.ts';
import { parseScoreInput } from './input.ts';
import { miniRubric } from './testkit.ts';

const rubric = miniRubric();

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 5 });

const values = fc.record(
  {
    increment: maybe(fc.integer({ min: -500, max: 5000 })),
    'vs-gdp': maybe(
      fc.record({
        actual: fc.double({ min: -10, max: 30, noNaN: true }),
        target: fc.double({ min: 0.5, max: 20, noNaN: true }),
      }),
    ),
    'vs-city': maybe(fc.boolean()),
    disbursed: maybe(fc.integer({ min: 0, max: 3 }).map((x) => x * 100)),
    exercise: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
    training: maybe(fc.integer({ min: 0, max: 5 })),
    events: maybe(fc.integer({ min: 0, max: 9 })),
    cooperation: maybe(
      fc.record({ points: fc.integer({ min: 0, max: 80 }).map((x) => x / 2), justification: fc.constant('理由') }),
    ),
  },
  { requiredKeys: [] },
);

const clean = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));

const entityArb = fc.record({
  self: values,
  department: values,
  bonuses: fc.array(
    fc.constantFrom(
      { id: 'commendation', level: 'national' },
      { id: 'commendation', level: 'city' },
      { id: 'promoted', level: 'national' },
      { id: 'tax', level: 'paid' },
    ),
    { maxLength: 5 },
  ),
  penalties: fc.array(fc.constantFrom({ id: 'criticism' }, { id: 'non-cooperation', points: 3 }), { maxLength: 3 }),
  veto: fc.boolean(),
});

const entitiesArb = fc.array(entityArb, { minLength: 1, maxLength: 9 }).map((list) =>
  list.map((e, i) => ({
    id: `e${i}`,
    assessments: { self: clean(e.self), department: clean(e.department) },
    bonuses: e.bonuses,
    penalties: e.penalties,
    vetoes: e.veto && i % 3 === 0 ? ['major-risk'] : [],
  })),
);

function run(entities: unknown[]) {
  return score(rubric, parseScoreInput(rubric, { entities }));
}

describe('engine properties', () => {
  it('every item within 0..max, every category within 0..max, base within 0..maxScore; final = base + capped bonus − penalty', () => {
    fc.assert(
      fc.property(entitiesArb, (entities) => {
        const res = run(entities);
        for (const e of res.entities) {
          for (const i of e.items) {
            expect(i.points).toBeGreaterThanOrEqual(0);
            expect(i.points).toBeLessThanOrEqual(i.max + 1e-9);
            expect(i.explain.length).toBeGreaterThan(0);
          }
          for (const c of e.categories) expect(c.score).toBeLessThanOrEqual(c.max + 1e-9);
          expect(e.base).toBeLessThanOrEqual(rubric.maxScore + 1e-9);
          expect(e.bonus).toBeLessThanOrEqual(10);
          expect(e.final).toBeCloseTo(e.base + e.bonus - e.penalty, 9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the order of the entities does not change anyone’s result', () => {
    fc.assert(
      fc.property(entitiesArb, fc.integer(), (entities, seed) => {
        const shuffled = [...entities].sort(
          (a, b) => ((a.id.charCodeAt(1) * 31 + seed) % 7) - ((b.id.charCodeAt(1) * 31 + seed) % 7),
        );
        const a = run(entities);
        const b = run(shuffled);
        for (const e of a.entities) {
          const f = b.entities.find((x) => x.id === e.id)!;
          expect(f.final).toBeCloseTo(e.final, 9);
          expect(f.rank).toBe(e.rank);
          expect(f.items.map((i) => i.points)).toEqual(e.items.map((i) => i.points));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the blend is linear: base = 40% × base(self only) + 60% × base(department only)', () => {
    fc.assert(
      fc.property(entitiesArb, (entities) => {
        const both = run(entities);
        const only = (which: 'self' | 'department') =>
          run(
            entities.map((e) => ({
              id: e.id,
              assessments: { self: e.assessments[which], department: e.assessments[which] },
            })),
          );
        const s = only('self');
        const d = only('department');
        for (const e of both.entities) {
          const bs = s.entities.find((x) => x.id === e.id)!.base;
          const bd = d.entities.find((x) => x.id === e.id)!.base;
          expect(e.base).toBeCloseTo(0.4 * bs + 0.6 * bd, 9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('ranks follow finals (ties share), quotas hold unless a tie is flagged, vetoed entities are never 优秀', () => {
    fc.assert(
      fc.property(entitiesArb, (entities) => {
        const res = run(entities);
        const es = res.entities;
        for (let i = 1; i < es.length; i++) {
          const prev = es[i - 1]!;
          const cur = es[i]!;
          expect(prev.final).toBeGreaterThanOrEqual(cur.final - 1e-9);
          if (Math.abs(prev.final - cur.final) <= 1e-9) expect(cur.rank).toBe(prev.rank);
          else expect(cur.rank).toBe(i + 1);
        }
        const tieFlag = es.some((e) => e.flags.includes('并列超出等次名额，须领导小组审定'));
        if (!tieFlag) {
          expect(es.filter((e) => e.grade === '优秀').length).toBeLessThanOrEqual(3);
          expect(es.filter((e) => e.grade === '良好').length).toBeLessThanOrEqual(3);
        }
        for (const e of es) if (e.vetoes.length) expect(e.grade).not.toBe('优秀');
        for (const e of es) expect(e.flags.includes('报备市金融办')).toBe(e.final < 60 - 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('bonuses: repeating a bonus at a lower level never changes the result', () => {
    fc.assert(
      fc.property(entitiesArb, (entities) => {
        const more = entities.map((e) => ({ ...e, bonuses: [...e.bonuses, { id: 'commendation', level: 'city' }] }));
        const a = run(
          entities.map((e) => ({ ...e, bonuses: [...e.bonuses, { id: 'commendation', level: 'national' }] })),
        );
        const b = run(more.map((e) => ({ ...e, bonuses: [...e.bonuses, { id: 'commendation', level: 'national' }] })));
        for (const e of a.entities) expect(b.entities.find((x) => x.id === e.id)!.final).toBeCloseTo(e.final, 9);
      }),
      { numRuns: 60 },
    );
  });
});

describe('pointsOf (the hot path) agrees with the explained scoreItem', () => {
  it('for every item, value, place and modifier', async () => {
    const { pointsOf, scoreItem } = await import('./engine.ts');
    const { itemsOf } = await import('./rubric.ts');
    const items = itemsOf(rubric).map((x) => x.item);
    fc.assert(
      fc.property(entitiesArb, fc.integer({ min: 1, max: 60 }), fc.boolean(), (entities, place, halve) => {
        const input = parseScoreInput(rubric, { entities });
        for (const e of input.entities)
          for (const vals of e.values.values())
            for (const item of items) {
              const v = vals.get(item.id);
              if (!v) continue;
              const withMod = halve && item.modifiers?.length ? { ...v, modifiers: [item.modifiers[0]!.id] } : v;
              const p = item.rule.type === 'rank' ? place : undefined;
              expect(pointsOf(item, withMod, p)).toBeCloseTo(scoreItem(item, withMod, p).points, 12);
            }
      }),
      { numRuns: 80 },
    );
  });
});
