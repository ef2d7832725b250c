// 后期处置 (§7), pure: each step once, after termination, attributed; 恢复重建 may be declared not needed;
// closing only when all four are settled.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { AppError } from '../platform/errors.ts';
import {
  AFTERMATH_ORDER,
  AFTERMATH_STEPS,
  type AftermathRecord,
  checkClose,
  openSteps,
  recordAftermath,
} from './aftermath.ts';

const TERMINATED = '2026-07-03T12:00:00.000Z';
const AT = '2026-07-04T10:00:00+08:00';

const fieldOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return (e as AppError).location.field;
  }
};

describe('recordAftermath', () => {
  it('records a step with its author and UTC time', () => {
    expect(recordAftermath([], TERMINATED, { step: 'evaluation', summary: ' 评估报告 ', at: AT }, '张三')).toEqual({
      step: 'evaluation',
      at: '2026-07-04T02:00:00.000Z',
      by: '张三',
      summary: '评估报告',
    });
  });
  it.each([
    ['an unknown step', [], TERMINATED, { step: 'party', summary: 'x', at: AT }, 'step'],
    ['before termination', [], null, { step: 'evaluation', summary: 'x', at: AT }, 'step'],
    [
      'a time before termination',
      [],
      TERMINATED,
      { step: 'evaluation', summary: 'x', at: '2026-07-03T19:59:00+08:00' },
      'at',
    ],
    ['a time without a zone', [], TERMINATED, { step: 'evaluation', summary: 'x', at: '2026-07-04T10:00:00' }, 'at'],
    ['an empty summary', [], TERMINATED, { step: 'investigation', summary: ' ', at: AT }, 'summary'],
    [
      'not needed on a step other than 恢复重建',
      [],
      TERMINATED,
      { step: 'aftercare', summary: 'x', notNeeded: true, at: AT },
      'notNeeded',
    ],
    [
      'a step twice',
      [{ step: 'evaluation', at: TERMINATED, by: 'a', summary: 'x' }],
      TERMINATED,
      { step: 'evaluation', summary: 'y', at: AT },
      'step',
    ],
  ] as const)('refuses %s', (_what, done, terminatedAt, input, field) => {
    expect(fieldOf(() => recordAftermath([...done] as AftermathRecord[], terminatedAt, { ...input }, 'a'))).toBe(field);
  });
  it('the time at termination itself is accepted', () => {
    expect(recordAftermath([], TERMINATED, { step: 'evaluation', summary: 'x', at: TERMINATED }, 'a').at).toBe(
      TERMINATED,
    );
  });
  it('恢复重建 may be declared not needed (§7.4 需……的)', () => {
    expect(
      recordAftermath([], TERMINATED, { step: 'reconstruction', summary: '无需', notNeeded: true, at: AT }, 'a'),
    ).toMatchObject({
      notNeeded: true,
    });
  });
});

describe('closing', () => {
  const all = AFTERMATH_ORDER.map((step) => ({ step, at: TERMINATED, by: 'a', summary: 'x' }));
  it('needs all four steps, naming the open ones', () => {
    expect(openSteps(all)).toEqual([]);
    expect(() => checkClose(all, TERMINATED)).not.toThrow();
    expect(() => checkClose(all.slice(1), TERMINATED)).toThrow(/评估总结（§7.1）/);
    expect(() => checkClose(all, null)).toThrow(/尚未终止/);
    expect(openSteps(all.slice(2))).toEqual(['evaluation', 'investigation']);
  });
});

describe.skipIf(!seedAvailable())('§7 in the gazette (the issue calls it §6)', () => {
  it('has the four steps under 7 后期处置', () => {
    const t = seedText();
    expect(t).toContain('## 7 后期处置');
    for (const s of Object.values(AFTERMATH_STEPS)) expect(t).toContain(`### ${s.clause.slice(1)} ${s.label}`);
  });
});
