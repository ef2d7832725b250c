// Rubric validation: a rubric that does not add up is refused with a message naming the item.
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { rubricFromYaml } from './load.ts';
import { bandProblem, type RubricInput, validateRubric } from './rubric.ts';
import { miniRubricInput } from './testkit.ts';

function refusal(mutate: (r: RubricInput) => void): AppError {
  const r = miniRubricInput();
  mutate(r);
  try {
    validateRubric(r);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('validateRubric', () => {
  it('accepts the test rubric', () => {
    expect(validateRubric(miniRubricInput()).categories).toHaveLength(2);
  });

  it('refuses category weights not summing to 100%', () => {
    const e = refusal((r) => {
      r.categories[0]!.weight = 50;
    });
    expect(e.message).toContain('合计 90%，应为 100%');
    expect(e.message).toContain('贷款增长 50%');
  });

  it('refuses assessor weights not summing to 100%', () => {
    const e = refusal((r) => {
      r.assessors![1]!.weight = 50;
    });
    expect(e.message).toContain('评分主体权重');
  });

  it('refuses an item exceeding its category, naming the item', () => {
    const e = refusal((r) => {
      r.categories[0]!.items[1]!.max = 30;
      r.categories[0]!.items[1]!.rule = { type: 'proportional' };
    });
    expect(e.message).toContain('指标“资金到位金额排序（未放款不得分）”（disbursed）');
    expect(e.message).toContain('超过类别满分 100 分');
  });

  it('refuses a category whose items cannot reach its max', () => {
    const e = refusal((r) => {
      r.categories[0]!.items.pop();
    });
    expect(e.message).toContain('类别“贷款增长”');
    expect(e.message).toContain('少于类别满分');
  });

  it('refuses overlapping bands, naming the item and the bounds', () => {
    const e = refusal((r) => {
      r.categories[1]!.items[0]!.rule = {
        type: 'tiered',
        bands: [
          { min: 40, points: 30 },
          { min: 35, max: 40, maxInclusive: true, points: 20 },
          { max: 35, points: 0 },
        ],
      };
    });
    expect(e.message).toContain('指标“经常参加体育锻炼人口比例”（exercise）');
    expect(e.message).toContain('在 40 处重叠');
  });

  it('refuses bands leaving a gap', () => {
    const e = refusal((r) => {
      r.categories[1]!.items[0]!.rule = {
        type: 'tiered',
        bands: [
          { min: 40, points: 30 },
          { min: 35, max: 39, points: 20 },
          { max: 35, points: 0 },
        ],
      };
    });
    expect(e.message).toContain('之间留有空档');
    const open = refusal((r) => {
      r.categories[1]!.items[0]!.rule = { type: 'tiered', bands: [{ min: 40, points: 30 }] };
    });
    expect(open.message).toContain('低于 40 的值没有对应分值');
  });

  it('refuses a rule that cannot reach, or exceeds, the item max', () => {
    expect(
      refusal((r) => {
        r.categories[0]!.items[0]!.rule = { type: 'rank', first: 45, step: 1 };
      }).message,
    ).toContain('超过该项满分 40 分');
    expect(
      refusal((r) => {
        r.categories[0]!.items[0]!.rule = { type: 'rank', first: 30, step: 1 };
      }).message,
    ).toContain('达不到该项满分 40 分');
  });

  it('refuses duplicate ids and unknown fields, naming where', () => {
    expect(
      refusal((r) => {
        r.categories[1]!.items[0]!.id = 'increment';
      }).message,
    ).toContain('“increment”：编号重复');
    const e = refusal((r) => {
      (r.categories[1]!.items[2] as Record<string, unknown>).maxx = 3;
    });
    expect(e.message).toContain('指标“宣传活动”');
  });

  it('refuses a count rule with both per and bands', () => {
    expect(
      refusal((r) => {
        r.categories[1]!.items[2]!.rule = { type: 'count', per: 1, bands: [{ points: 10 }] };
      }).message,
    ).toContain('之一');
  });

  it('refuses thresholds out of order', () => {
    expect(
      refusal((r) => {
        r.grading = {
          method: 'thresholds',
          clause: 'x',
          grades: [
            { id: 'a', title: '合格', min: 60 },
            { id: 'b', title: '优秀', min: 90 },
          ],
        };
      }).message,
    ).toContain('从高到低');
  });
});

describe('bandProblem', () => {
  it('accepts inclusive/exclusive joins and refuses double or missing ends', () => {
    expect(
      bandProblem([
        { max: 10, maxInclusive: true, minInclusive: true, points: 1 },
        { min: 10, minInclusive: false, maxInclusive: false, points: 0 },
      ]),
    ).toBeNull();
    expect(
      bandProblem([
        { max: 10, maxInclusive: false, minInclusive: true, points: 1 },
        { min: 10, minInclusive: false, maxInclusive: false, points: 0 },
      ]),
    ).toContain('在 10 处留有空档');
    expect(bandProblem([{ minInclusive: true, maxInclusive: false, points: 1 }])).toBeNull();
  });
});

describe('rubricFromYaml', () => {
  it('names the file and line of broken YAML', () => {
    expect(() => rubricFromYaml('id: x\n  title: [', 'bad.yaml')).toThrow(/bad\.yaml 第 \d+ 行 不是有效的 YAML/);
  });

  it('names the file of an invalid rubric', () => {
    expect(() => rubricFromYaml('id: x\ntitle: t\n', 'half.yaml')).toThrow(/half\.yaml/);
  });
});
