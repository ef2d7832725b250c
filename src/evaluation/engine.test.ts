// The scoring engine, rule by rule, with the decisions of docs/rubrics.md (clauses of 26号 and 21号).
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { fmt, fmt2, places, score } from './engine.ts';
import { parseScoreInput } from './input.ts';
import { validateRubric } from './rubric.ts';
import { miniEntity, miniRubric, miniRubricInput, miniValues } from './testkit.ts';

function run(entities: unknown[], rubric = miniRubric()) {
  return score(rubric, parseScoreInput(rubric, { entities }));
}

function entity(res: ReturnType<typeof run>, id: string) {
  const e = res.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no ${id}`);
  return e;
}

function item(res: ReturnType<typeof run>, id: string, itemId: string) {
  const i = entity(res, id).items.find((x) => x.id === itemId);
  if (!i) throw new Error(`no ${itemId}`);
  return i;
}

function single(values: Record<string, unknown>) {
  return { assessments: { self: values, department: values } };
}

describe('rank rule (26号附件1: 第一名得40分，依次递减1分)', () => {
  it('gives first − (place − 1) × step with the issue’s explanation', () => {
    const res = run([0, 1, 2].map((k) => miniEntity(k)));
    expect(item(res, 'bank-2', 'increment').points).toBe(38);
    expect(item(res, 'bank-2', 'increment').explain).toContain('当年贷款增量排第3名：40−2=38分');
    expect(item(res, 'bank-0', 'increment').explain).toContain('当年贷款增量排第1名：40分');
  });

  it('ties share the better place (1, 1, 3)', () => {
    expect(places([5, 5, 3], 'higher')).toEqual([1, 1, 3]);
    expect(places([1, 2, 2, 0], 'lower')).toEqual([2, 3, 3, 1]);
    const res = run([
      { id: 'a', ...single({ increment: 500 }) },
      { id: 'b', ...single({ increment: 500 }) },
      { id: 'c', ...single({ increment: 100 }) },
    ]);
    expect(item(res, 'a', 'increment').points).toBe(40);
    expect(item(res, 'b', 'increment').points).toBe(40);
    expect(item(res, 'c', 'increment').points).toBe(38);
  });

  it('never goes below the floor', () => {
    const rubric = validateRubric({
      ...miniRubricInput(),
      categories: miniRubricInput().categories.map((c) =>
        c.id === 'growth'
          ? {
              ...c,
              items: c.items.map((i) =>
                i.id === 'disbursed' ? { ...i, rule: { type: 'rank', first: 20, step: 15 } } : i,
              ),
            }
          : c,
      ),
    });
    const res = run(
      [1, 2, 3].map((k) => ({ id: `e${k}`, ...single({ disbursed: k }) })),
      rubric,
    );
    expect(item(res, 'e1', 'disbursed').points).toBe(0);
    expect(item(res, 'e1', 'disbursed').explain).toContain('20−30=−10，最低0分');
  });

  it('an ineligible value (未放款不得分) scores 0 and is not ranked: the others keep their places', () => {
    const res = run([
      { id: 'zero', ...single({ disbursed: 0 }) },
      { id: 'big', ...single({ disbursed: 900 }) },
      { id: 'small', ...single({ disbursed: 100 }) },
    ]);
    expect(item(res, 'zero', 'disbursed').points).toBe(0);
    expect(item(res, 'zero', 'disbursed').explain).toContain('不参加排名');
    expect(item(res, 'big', 'disbursed').points).toBe(20);
    expect(item(res, 'small', 'disbursed').points).toBe(18);
  });

  it('a lower-is-better rank puts the smallest value first', () => {
    expect(places([3, 1, 2], 'lower')).toEqual([3, 1, 2]);
  });
});

describe('completion and proportional rules', () => {
  it('completion: full when met, otherwise 0 (完成得20分，未完成不得分)', () => {
    const res = run([
      { id: 'yes', ...single({ 'vs-city': true }) },
      { id: 'no', ...single({ 'vs-city': '未完成' }) },
      { id: 'pair', ...single({ 'vs-city': { actual: 7.5, target: 7.5 } }) },
    ]);
    expect(item(res, 'yes', 'vs-city').points).toBe(20);
    expect(item(res, 'no', 'vs-city').points).toBe(0);
    expect(item(res, 'pair', 'vs-city').points).toBe(20);
  });

  it('completion with strict “高于”: equal is not met', () => {
    const input = miniRubricInput();
    const growth = input.categories[0]!;
    growth.items[2] = { ...growth.items[2]!, rule: { type: 'completion', strict: true } };
    const rubric = validateRubric(input);
    const res = run([{ id: 'eq', ...single({ 'vs-city': { actual: 5, target: 5 } }) }], rubric);
    expect(item(res, 'eq', 'vs-city').points).toBe(0);
  });

  it('proportional: full × actual/target when not met (未完成按实际完成折算), capped at full, never negative', () => {
    const res = run([
      { id: 'half', ...single({ 'vs-gdp': { actual: 4, target: 8 } }) },
      { id: 'over', ...single({ 'vs-gdp': { actual: 12, target: 8 } }) },
      { id: 'neg', ...single({ 'vs-gdp': { actual: -3, target: 8 } }) },
    ]);
    expect(item(res, 'half', 'vs-gdp').points).toBe(10);
    expect(item(res, 'half', 'vs-gdp').explain).toContain('20×4/8=10分');
    expect(item(res, 'over', 'vs-gdp').points).toBe(20);
    expect(item(res, 'neg', 'vs-gdp').points).toBe(0);
  });
});

describe('tiered rule (21号 二、（三）5.: ≥40% → 3, 35–40% → 2, below → 0)', () => {
  it('uses the explicit bounds: 40 is in the top band, 35 in the middle, 34.99 below', () => {
    const res = run([40, 39.99, 35, 34.99].map((v, i) => ({ id: `e${i}`, ...single({ exercise: v }) })));
    expect(['e0', 'e1', 'e2', 'e3'].map((id) => item(res, id, 'exercise').points)).toEqual([30, 20, 20, 0]);
    expect(item(res, 'e2', 'exercise').explain).toContain('[35, 40)%');
  });
});

describe('count rule', () => {
  it('bands on a count (培训 ≥2 次 → full, 1 次 → part, 0 → 0)', () => {
    const res = run([0, 1, 2, 5].map((k) => ({ id: `e${k}`, ...single({ training: k }) })));
    expect(['e0', 'e1', 'e2', 'e5'].map((id) => item(res, id, 'training').points)).toEqual([0, 8, 20, 20]);
  });

  it('per occurrence with a cap', () => {
    const res = run([3, 4, 9].map((k) => ({ id: `e${k}`, ...single({ events: k }) })));
    expect(item(res, 'e3', 'events').points).toBe(7.5);
    expect(item(res, 'e9', 'events').points).toBe(10);
    expect(item(res, 'e9', 'events').explain).toContain('最高10分');
  });

  it('a halving modifier (不符合技术规范要求者分数减半)', () => {
    const res = run([{ id: 'h', ...single({ events: { value: 2, modifiers: ['not-standard'] } }) }]);
    expect(item(res, 'h', 'events').points).toBe(2.5);
    expect(item(res, 'h', 'events').explain).toContain('分数减半');
  });
});

describe('manual rule', () => {
  it('takes the assessor’s points with the justification in the explanation', () => {
    const res = run([{ id: 'm', ...single({ cooperation: { points: 31.5, justification: '信息报送及时' } }) }]);
    expect(item(res, 'm', 'cooperation').points).toBe(31.5);
    expect(item(res, 'm', 'cooperation').explain).toContain('信息报送及时');
  });
});

describe('assessor blend (26号 五（一）: 自查自评 40% + 部门评价 60%)', () => {
  it('blends item points 40/60 and says so', () => {
    const res = run([
      {
        id: 'b',
        assessments: {
          self: { cooperation: { points: 40, justification: '自评' } },
          department: { cooperation: { points: 30, justification: '部门' } },
        },
      },
    ]);
    expect(item(res, 'b', 'cooperation').points).toBeCloseTo(34, 12);
    expect(item(res, 'b', 'cooperation').explain).toContain('合成：40%×40+60%×30=34分');
  });

  it('decision: category weights before or after the blend give the same final (linearity)', () => {
    const rubric = miniRubric();
    const selfOnly = (k: number) => ({
      id: `bank-${k}`,
      assessments: { self: miniValues(k), department: miniValues(k + 1) },
    });
    const res = run([0, 1, 2, 3].map(selfOnly), rubric);
    for (const e of res.entities) {
      // weight after the blend (what the engine does) vs the blend of two weighted totals
      const byAssessor = (which: 'self' | 'department') => {
        const k = Number(e.id.split('-')[1]);
        const vals = which === 'self' ? miniValues(k) : miniValues(k + 1);
        const r = run(
          [0, 1, 2, 3].map((j) => ({
            id: `bank-${j}`,
            assessments: {
              self: which === 'self' ? miniValues(j) : miniValues(j + 1),
              department: which === 'self' ? miniValues(j) : miniValues(j + 1),
            },
          })),
          rubric,
        );
        void vals;
        return entity(r, e.id).base;
      };
      expect(e.base).toBeCloseTo(0.4 * byAssessor('self') + 0.6 * byAssessor('department'), 9);
    }
  });

  it('ranks each assessor’s values separately', () => {
    const res = run([
      { id: 'a', assessments: { self: { increment: 100 }, department: { increment: 900 } } },
      { id: 'b', assessments: { self: { increment: 500 }, department: { increment: 200 } } },
    ]);
    // a: self 2nd (39), department 1st (40) → 0.4×39 + 0.6×40 = 39.6
    expect(item(res, 'a', 'increment').points).toBeCloseTo(39.6, 12);
    expect(item(res, 'b', 'increment').points).toBeCloseTo(39.4, 12);
  });
});

describe('weights and final score', () => {
  it('weights each category score out of its max: final = Σ weight × score / max × maxScore', () => {
    const res = run([miniEntity(0)]);
    const e = res.entities[0]!;
    const growth = e.categories.find((c) => c.id === 'growth')!;
    const work = e.categories.find((c) => c.id === 'work')!;
    expect(e.base).toBeCloseTo(0.6 * growth.score + 0.4 * work.score, 12);
    expect(e.final).toBe(e.base);
  });

  it('decision: full precision kept; two decimals only when shown', () => {
    const res = run([
      {
        id: 'p',
        assessments: {
          self: { cooperation: { points: 1, justification: 'x' } },
          department: { cooperation: { points: 0, justification: 'x' } },
        },
      },
    ]);
    const e = res.entities[0]!;
    // 0.4 × 1 = 0.4 points in a 40%-weighted category of 100 → 0.16 exactly in full precision
    expect(e.final).toBeCloseTo(0.16, 12);
    expect(fmt2(e.final)).toBe('0.16');
    expect(fmt2(1 / 3)).toBe('0.33');
    expect(fmt(2.005)).toBe('2.01');
    expect(fmt(38)).toBe('38');
  });
});

describe('bonuses, penalties and vetoes (26号 五（二）（三）)', () => {
  it('the same bonus item counts once at its highest level; the total is capped at 10', () => {
    const res = run([
      miniEntity(0, {
        bonuses: [
          { id: 'commendation', level: 'city' },
          { id: 'commendation', level: 'national' },
          { id: 'promoted', level: 'national' },
          { id: 'tax', level: 'paid' },
        ],
      }),
      miniEntity(1, { bonuses: [{ id: 'promoted', level: 'city', points: 1 }] }),
    ]);
    const a = entity(res, 'bank-0');
    expect(a.bonus).toBe(10);
    expect(a.adjustments.join('\n')).toContain('同一加分项2次，按最高分计');
    expect(a.adjustments.join('\n')).toContain('累计不超过10分');
    expect(a.final).toBeCloseTo(a.base + 10, 12);
    expect(entity(res, 'bank-1').bonus).toBe(1);
  });

  it('penalties count per occurrence; a range penalty takes the chosen points', () => {
    const res = run([
      miniEntity(0, {
        penalties: [
          { id: 'criticism', count: 2 },
          { id: 'non-cooperation', points: 4 },
          { id: 'non-cooperation', points: 3 },
        ],
      }),
    ]);
    const e = res.entities[0]!;
    expect(e.penalty).toBe(27);
    expect(e.final).toBeCloseTo(e.base - 27, 12);
  });

  it('decision: a veto does not change the score, penalties still apply, and the entity cannot be 优秀', () => {
    const plain = run([0, 1, 2, 3].map((k) => miniEntity(k)));
    const top = plain.entities[0]!.id;
    const vetoed = run(
      [0, 1, 2, 3].map((k) =>
        `bank-${k}` === top
          ? miniEntity(k, { vetoes: ['major-risk'], penalties: [{ id: 'tax-decline' }] })
          : miniEntity(k),
      ),
    );
    const before = entity(plain, top);
    const after = entity(vetoed, top);
    expect(after.final).toBeCloseTo(before.final - 2, 12);
    expect(before.grade).toBe('优秀');
    expect(after.grade).toBe('良好');
    expect(after.flags).toContain('取消评优资格');
    // the 优秀 place passes to the next entity
    expect(vetoed.entities.filter((e) => e.grade === '优秀')).toHaveLength(3);
  });
});

describe('grading and flags (26号 五（四）、六)', () => {
  it('quota: 优秀 3 and 良好 3 by final rank; the rest have no grade', () => {
    const res = run([0, 1, 2, 3, 4, 5, 6, 7].map((k) => miniEntity(k)));
    const grades = res.entities.map((e) => e.grade);
    expect(grades).toEqual(['优秀', '优秀', '优秀', '良好', '良好', '良好', null, null]);
    expect(res.entities.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('decision: fewer than six banks — quotas are maxima, 优秀 filled first', () => {
    const res = run([0, 1, 2, 3].map((k) => miniEntity(k)));
    expect(res.entities.map((e) => e.grade)).toEqual(['优秀', '优秀', '优秀', '良好']);
    const two = run([0, 1].map((k) => miniEntity(k)));
    expect(two.entities.map((e) => e.grade)).toEqual(['优秀', '优秀']);
  });

  it('ties at a quota boundary share the grade and are flagged for the leading group', () => {
    const same = (id: string) => ({ id, ...single(miniValues(1)) });
    const best = { id: 'best', ...single(miniValues(1)), bonuses: [{ id: 'tax', level: 'paid' }] };
    const res = run([best, same('t1'), same('t2'), same('t3')]);
    expect(res.entities.filter((e) => e.grade === '优秀')).toHaveLength(4);
    expect(entity(res, 't1').flags).toContain('并列超出等次名额，须领导小组审定');
    expect(entity(res, 't1').rank).toBe(2);
  });

  it('thresholds grading and the <60 flag', () => {
    const input = miniRubricInput();
    input.grading = {
      method: 'thresholds',
      clause: '测试',
      grades: [
        { id: 'a', title: '优秀', min: 90 },
        { id: 'b', title: '合格', min: 60 },
      ],
    };
    const rubric = validateRubric(input);
    const res = run(
      [
        {
          id: 'high',
          ...single(miniValues(0)),
          bonuses: [
            { id: 'promoted', level: 'national' },
            { id: 'commendation', level: 'national' },
          ],
        },
        { id: 'zero', values: undefined, assessments: {} },
      ],
      rubric,
    );
    const zero = entity(res, 'zero');
    expect(zero.final).toBe(0);
    expect(zero.grade).toBeNull();
    expect(zero.flags).toContain('报备市金融办');
    expect(entity(res, 'high').flags).not.toContain('报备市金融办');
  });

  it('flags below 60 exactly: 60 is not flagged', () => {
    const input = miniRubricInput();
    input.flags = [{ id: 'report', title: '报备市金融办', below: 0.16, clause: '26号 六、2.' }];
    const rubric = validateRubric(input);
    const at = {
      assessments: {
        self: { cooperation: { points: 1, justification: 'x' } },
        department: { cooperation: { points: 0, justification: 'x' } },
      },
    };
    const res = run([{ id: 'at', ...at }], rubric);
    expect(res.entities[0]!.flags).not.toContain('报备市金融办');
  });
});

describe('missing values', () => {
  it('an item with no data scores 0 and is listed as missing, per assessor', () => {
    const res = run([{ id: 'm', assessments: { self: { increment: 10 }, department: {} } }]);
    const e = res.entities[0]!;
    expect(e.missing).toContainEqual({ item: 'increment', title: '当年贷款增量排序', assessor: 'department' });
    expect(e.missing.some((m) => m.item === 'increment' && m.assessor === 'self')).toBe(false);
    expect(item(res, 'm', 'increment').missing).toBe(true);
    expect(item(res, 'm', 'increment').explain).toContain('缺少数据，记0分');
    expect(item(res, 'm', 'increment').points).toBeCloseTo(16, 12);
    expect(e.flags).toContain('数据缺失');
  });

  it('an empty string or null is missing, not zero', () => {
    const res = run([{ id: 'n', ...single({ exercise: null, training: '' }) }]);
    expect(res.entities[0]!.missing.map((m) => m.item)).toEqual(expect.arrayContaining(['exercise', 'training']));
  });
});

describe('bad input names entity, item and field', () => {
  const rubric = miniRubric();
  const bad = (entities: unknown[]) => {
    try {
      parseScoreInput(rubric, { entities });
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    }
    throw new Error('expected a refusal');
  };

  it('a bank listed twice', () => {
    const e = bad([miniEntity(1), miniEntity(1)]);
    expect(e.message).toContain('银行1');
    expect(e.message).toContain('列出了两次');
    expect(e.location.field).toBe('entities.1.id');
  });

  it('a value of the wrong type', () => {
    const e = bad([{ id: 'x', name: '农商行', assessments: { self: { increment: '很多' } } }]);
    expect(e.message).toContain('单位“农商行”（自查自评）指标“当年贷款增量排序”（increment）');
    expect(e.message).toContain('应为数字');
    expect(e.location.field).toBe('entities.0.assessments.self.increment');
  });

  it('a value in the wrong unit', () => {
    const e = bad([{ id: 'x', assessments: { self: { exercise: '37万元' } } }]);
    expect(e.message).toContain('单位“万元”不对');
    expect(e.message).toContain('“%”');
    expect(bad([{ id: 'y', assessments: { self: { exercise: 137 } } }]).message).toContain('大于允许的最大值 100%');
  });

  it('accepts a value written with its own unit', () => {
    const r = run([{ id: 'u', ...single({ exercise: '41%', training: '2次' }) }]);
    expect(item(r, 'u', 'exercise').points).toBe(30);
    expect(item(r, 'u', 'training').points).toBe(20);
  });

  it('an assessor entering more than the maximum, or no justification', () => {
    const over = bad([{ id: 'x', assessments: { department: { cooperation: { points: 41, justification: '好' } } } }]);
    expect(over.message).toContain('（部门评价）指标“配合工作”');
    expect(over.message).toContain('超过该项满分 40 分');
    expect(over.location.field).toBe('entities.0.assessments.department.cooperation.points');
    const why = bad([{ id: 'x', assessments: { self: { cooperation: { points: 10 } } } }]);
    expect(why.message).toContain('必须写明理由');
  });

  it('unknown item, assessor, bonus, penalty, veto; negative or fractional counts', () => {
    expect(bad([{ id: 'x', assessments: { self: { nope: 1 } } }]).message).toContain('没有指标“nope”');
    expect(bad([{ id: 'x', assessments: { boss: {} } }]).message).toContain('没有评分主体“boss”');
    expect(bad([{ id: 'x', bonuses: [{ id: 'commendation', level: 'galactic' }] }]).message).toContain(
      '没有等级“galactic”',
    );
    expect(bad([{ id: 'x', bonuses: [{ id: 'promoted', level: 'city', points: 3 }] }]).message).toContain(
      '不在 1—2 分之间',
    );
    expect(bad([{ id: 'x', penalties: [{ id: 'non-cooperation' }] }]).message).toContain('须给出每次扣分');
    expect(bad([{ id: 'x', penalties: [{ id: 'tax-decline', count: 2 }] }]).message).toContain('最多计 1 次');
    expect(bad([{ id: 'x', vetoes: ['nope'] }]).message).toContain('没有否决项“nope”');
    expect(bad([{ id: 'x', assessments: { self: { training: -1 } } }]).message).toContain('非负整数');
    expect(bad([{ id: 'x', assessments: { self: { training: 1.5 } } }]).message).toContain('非负整数');
    expect(bad([{ id: 'x', values: {} }]).message).toContain('请用 assessments');
    expect(bad([{ id: 'x', assessments: { self: { events: { value: 1, modifiers: ['zzz'] } } } }]).message).toContain(
      '没有调整条件“zzz”',
    );
    expect(bad([{ id: 'x', assessments: { self: { 'vs-gdp': false } } }]).message).toContain('按实际完成折算');
  });

  it('not an object at all', () => {
    expect(() => parseScoreInput(rubric, [])).toThrow(/JSON 对象/);
    expect(() => parseScoreInput(rubric, { entities: 'x' })).toThrow(/entities/);
    expect(() => parseScoreInput(rubric, { entities: [], rubric: 'other' })).toThrow(/“other”/);
  });
});
