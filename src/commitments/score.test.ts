import { describe, expect, it } from 'vitest';
import { type GoldTarget, type GoldTask, scoreTargets, scoreTasks } from './score.ts';
import type { Target, Task } from './types.ts';

const task = (o: Partial<Task>): Task => ({
  docNumber: 'D',
  eId: 'e1',
  line: 1,
  citation: '',
  title: 't',
  text: '',
  lead: [],
  support: [],
  due: null,
  dueText: null,
  source: 'assignment',
  persons: [],
  status: null,
  assignment: null,
  ...o,
});
const target = (
  o: Partial<Target> & { op?: Target['target']['op']; value?: number | null; year?: number | null },
): Target => ({
  docNumber: 'D',
  eId: 'e1',
  line: 1,
  citation: '',
  name: o.name ?? '某率',
  unit: o.unit ?? '%',
  baseline: null,
  target: { year: o.year ?? 2025, op: o.op ?? '>=', value: o.value ?? 90 },
  attribute: null,
  direction: null,
  reference: null,
  scale: null,
  source: '',
});

describe('scoring', () => {
  it('tasks: exact lead/support sets and due date; out-of-scope records are ignored', () => {
    const gold: GoldTask[] = [
      { doc: 'D', eId: 'e1', line: 1, title: 'a', lead: ['A', 'B'], support: ['C'], due: null },
      { doc: 'D', eId: 'e2', line: 2, title: 'b', lead: ['A'], support: [], due: '2023-12-31' },
    ];
    const s = scoreTasks(
      gold,
      [task({ lead: ['B', 'A'], support: ['C'] }), task({ eId: 'e2', line: 2, lead: ['A'] }), task({ docNumber: 'X' })],
      [{ doc: 'D' }],
    );
    expect([s.gold, s.extracted, s.correct]).toEqual([2, 2, 1]);
    expect(s.precision).toBe(0.5);
    expect(s.errors[0]).toContain('期限');
  });
  it('targets: pair by clause and name, correct when op, value, unit and year agree', () => {
    const gold: GoldTarget[] = [
      { doc: 'D', eId: 'e1', line: 1, name: '体育人口占比', unit: '%', op: '>=', value: 50, year: 2025 },
      { doc: 'D', eId: 'e1', line: 1, name: '孕产妇死亡率', unit: '/10万', op: '<=', value: 12, year: 2025 },
    ];
    const s = scoreTargets(
      gold,
      [
        target({ name: '孕产妇死亡率', unit: '/10万', op: '<=', value: 12 }),
        target({ name: '体育人口占比', value: 60 }),
      ],
      [{ doc: 'D' }],
    );
    expect([s.correct, s.precision, s.recall]).toEqual([1, 0.5, 0.5]);
  });
});
