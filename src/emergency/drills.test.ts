// §8.1: at least one drill a year, counted from the plan's effective date (2023-07-03).
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { isAppError } from '../platform/errors.ts';
import { checkDrill, DRILL_CLAUSE, type Drill, drillCoverage } from './drills.ts';

const drill = (heldOn: string, form: Drill['form'] = '桌面推演'): Drill => ({ heldOn, form, status: 'Exercise' });

describe('drill coverage per year', () => {
  it('covered, missing and open years', () => {
    const years = drillCoverage(
      [drill('2023-11-20', '实战演练'), drill('2025-06-01'), drill('2025-12-01')],
      '2026-03-15',
    );
    expect(years.map((y) => [y.year, y.state, y.covered, y.drills.length, y.from])).toEqual([
      [2023, 'covered', true, 1, '2023-07-03'],
      [2024, 'missing', false, 0, '2024-01-01'],
      [2025, 'covered', true, 2, '2025-01-01'],
      [2026, 'open', false, 0, '2026-01-01'],
    ]);
  });

  it('a drill before the plan took effect does not count for 2023', () => {
    expect(drillCoverage([drill('2023-05-10')], '2024-01-05')[0]).toMatchObject({ year: 2023, state: 'missing' });
  });

  it('the last day of a year closes it: 12-31 with no drill is missing, the drill on 12-31 counts', () => {
    expect(drillCoverage([], '2023-12-31')[0]?.state).toBe('missing');
    expect(drillCoverage([], '2023-12-30')[0]?.state).toBe('open');
    expect(drillCoverage([drill('2023-12-31')], '2023-12-31')[0]?.state).toBe('covered');
  });

  it('nothing to report before the plan took effect', () => {
    expect(drillCoverage([], '2023-07-02')).toEqual([]);
  });

  it('a drill is an exercise: status Actual is refused; bad dates, forms and future drills too', () => {
    const refuse = (f: () => unknown, m: RegExp) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.code === 'BAD_INPUT').toBe(true);
        expect((e as Error).message).toMatch(m);
      }
    };
    refuse(() => checkDrill({ ...drill('2024-05-01'), status: 'Actual' as 'Exercise' }), /必须标记为 Exercise（演练）/);
    refuse(() => drillCoverage([drill('2024-02-30')], '2025-01-01'), /第 1 条演练记录的日期.*不是有效日期/);
    refuse(() => drillCoverage([drill('2024-05-01', '闭门会议' as '其他')], '2025-01-01'), /形式“闭门会议”无效/);
    refuse(() => drillCoverage([drill('2025-05-01')], '2025-01-01'), /晚于今天/);
    refuse(() => drillCoverage([], '2025-13-01'), /今天/);
  });
});

describe.skipIf(!seedAvailable())('§8.1 quoted from the gazette', () => {
  it('is the text', () => expect(seedText()).toContain(DRILL_CLAUSE.replace(/^§8\.1 /, '')));
});
