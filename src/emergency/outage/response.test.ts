// County response level: both readings (§5.2 and 附件4), where they agree and where the plan contradicts itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../../test/seed.ts';
import { isAppError } from '../../platform/errors.ts';
import { ANNEX4, assessResponse, type ResponseInput, SECTION_5_2 } from './response.ts';

const levels = (input: ResponseInput) => {
  const r = assessResponse(input);
  return { '§5.2': r.readings[0].level, 附件4: r.readings[1].level, consistent: r.consistent, grade: r.grade.level };
};
const county = (lostLoadPct?: number, usersOutPct?: number, loadMw = 300) => ({
  countyGrid: { loadMw, lostLoadPct, usersOutPct },
});

describe('the finding: §5.2.1 reserves 三级 for events below 一般, 附件4 puts 一般 events under 三级', () => {
  it('45% of a 300 MW county grid: 附件1 一般 → §5.2 二级, 附件4 三级, inconsistent', () => {
    const r = assessResponse(county(45));
    expect(r.grade.level).toBe('一般');
    expect(r.grade.matched[0]?.clause).toBe(
      '附件1 一般 6. 县级市电网：负荷150兆瓦以上的减供负荷40%以上60%以下，或50%以上70%以下供电用户停电',
    );
    expect(r.readings.map((x) => [x.basis, x.level])).toEqual([
      ['§5.2', '二级'],
      ['附件4', '三级'],
    ]);
    expect(r.consistent).toBe(false);
    expect(r.readings[0].reason).toContain('§5.2.2');
    expect(r.readings[0].reason).toContain('§5.2.1 把三级限于“尚未达到一般大面积停电事件标准”的事件');
    expect(r.readings[1].reason).toContain('附件4 三级响应 1.');
    expect(r.readings[1].conditions[0]?.clause).toBe(
      '附件4 三级响应 1. 襄垣电网：150 兆瓦及以上负荷减供 40% 以上 50% 以下，或 50% 以上 60% 以下供电用户停电。',
    );
    expect(r.readings[0].decidedBy).toContain('县指挥长签发');
    expect(r.readings[1].decidedBy).toContain('办公室主任决定');
    expect(r.notes.join()).toContain('两种读法不一致');
  });

  it('55% of users out: 一般 → §5.2 二级, 附件4 三级', () => {
    expect(levels(county(undefined, 55))).toEqual({ '§5.2': '二级', 附件4: '三级', consistent: false, grade: '一般' });
  });

  it('where they agree: 55% lost → 二级 both; 65% lost → 一级 both (附件1 较大, handled by the city per §2.2)', () => {
    expect(levels(county(55))).toEqual({ '§5.2': '二级', 附件4: '二级', consistent: true, grade: '一般' });
    expect(levels(county(undefined, 65))).toEqual({ '§5.2': '二级', 附件4: '二级', consistent: true, grade: '一般' });
    const r = assessResponse(county(65, 75));
    expect([r.readings[0].level, r.readings[1].level, r.consistent, r.grade.level]).toEqual([
      '一级',
      '一级',
      true,
      '较大',
    ]);
    expect(r.notes.join()).toContain('§2.2，较大大面积停电事件由市指挥部负责处置');
  });

  it('below 一般 with no judged impact: no county response either way', () => {
    expect(levels(county(30))).toEqual({ '§5.2': null, 附件4: null, consistent: true, grade: null });
  });
});

describe('附件4 boundaries on the 襄垣电网 (以上 includes, 以下 excludes; 150 兆瓦及以上)', () => {
  const cases: [number | undefined, number | undefined, number, string | null][] = [
    [39.99, undefined, 300, null],
    [40, undefined, 300, '三级'],
    [49.99, undefined, 300, '三级'],
    [50, undefined, 300, '二级'],
    [59.99, undefined, 300, '二级'],
    [60, undefined, 300, '一级'],
    [100, undefined, 300, '一级'],
    [undefined, 49.99, 300, null],
    [undefined, 50, 300, '三级'],
    [undefined, 60, 300, '二级'],
    [undefined, 70, 300, '一级'],
    [45, undefined, 150, '三级'],
    [45, undefined, 149.99, null],
    [65, 80, 149.99, null],
  ];
  it.each(cases)('lost %s%% users %s%% load %s MW → 附件4 %s', (lost, users, load, expected) => {
    expect(assessResponse(county(lost, users, load)).readings[1].level).toBe(expected);
  });

  it('a grid under 150 MW: 附件1 still grades 一般 (负荷150兆瓦以下的减供负荷40%以上) but 附件4 has no grid condition', () => {
    const r = assessResponse(county(45, undefined, 100));
    expect([r.grade.level, r.readings[0].level, r.readings[1].level, r.consistent]).toEqual([
      '一般',
      '二级',
      null,
      false,
    ]);
    expect(r.notes.join()).toContain('附件4 的电网条件只覆盖负荷 150 兆瓦及以上的襄垣电网');
  });

  it('一级 2. is printed with a comma, not 或: read as “or”, and said so when only one half holds', () => {
    const r = assessResponse(county(65, 10));
    expect(r.readings[1].level).toBe('一级');
    expect(r.notes.join()).toContain('两项之间是逗号而非“或”');
    expect(assessResponse(county(65, 75)).notes.join()).not.toContain('逗号');
  });
});

describe('important users and the judgement conditions are explicit inputs', () => {
  it('特级 or 一级 important user in danger → 一级 under both (§5.2.3 refers to the 一级 standard)', () => {
    for (const u of [{ special: true }, { first: true }]) {
      const r = assessResponse({ ...county(0), importantUsersAtRisk: u });
      expect([r.readings[0].level, r.readings[1].level]).toEqual(['一级', '一级']);
      expect(r.readings[1].conditions.map((c) => c.item)).toEqual(['附件4 一级响应 3.']);
    }
  });

  it('二级 important user or electrified railway in danger → 附件4 二级; §5.2.2 needs a 一般 event', () => {
    for (const u of [{ second: true }, { electrifiedRailway: true }]) {
      expect(levels({ ...county(0), importantUsersAtRisk: u })).toEqual({
        '§5.2': null,
        附件4: '二级',
        consistent: false,
        grade: null,
      });
      expect(levels({ ...county(0), importantUsersAtRisk: u, socialImpact: 'larger' })['§5.2']).toBe('三级');
      expect(levels({ ...county(45), importantUsersAtRisk: u })).toEqual({
        '§5.2': '二级',
        附件4: '二级',
        consistent: true,
        grade: '一般',
      });
    }
  });

  it('临时性重要电力用户 interrupted → 附件4 三级 2.', () => {
    const r = assessResponse({ ...county(0), temporaryImportantUserInterrupted: true });
    expect(r.readings[1].level).toBe('三级');
    expect(r.readings[1].conditions[0]?.clause).toBe(
      '附件4 三级响应 2. 各有关单位确定的临时性重要电力用户供电部分或全部中断。',
    );
  });

  it('超出县政府处置能力 → 一级 under both, and the duty to report to the city', () => {
    const r = assessResponse({ ...county(45), beyondCountyCapacity: true });
    expect([r.readings[0].level, r.readings[1].level, r.consistent]).toEqual(['一级', '一级', true]);
    expect(r.notes.join()).toContain('及时向市指挥部报告');
  });

  it('长治电网 较大 or above with 特重大影响 on the county → 一级 1.; 一般, or without the impact, does not', () => {
    expect(
      assessResponse({ ...county(0), cityGrid: { level: '较大', majorImpactOnCounty: true } }).readings[1].conditions[0]
        ?.item,
    ).toBe('附件4 一级响应 1.');
    expect(
      assessResponse({ ...county(0), cityGrid: { level: '特别重大', majorImpactOnCounty: true } }).readings[1].level,
    ).toBe('一级');
    expect(
      assessResponse({ ...county(0), cityGrid: { level: '一般', majorImpactOnCounty: true } }).readings[1].level,
    ).toBeNull();
    expect(
      assessResponse({ ...county(0), cityGrid: { level: '重大', majorImpactOnCounty: false } }).readings[1].level,
    ).toBeNull();
  });

  it('对社会产生较大影响 below 一般: §5.2.1 三级 (“小规模、大影响”); 附件4 asks for 严重影响, so nothing', () => {
    const r = assessResponse({ ...county(30), socialImpact: 'larger' });
    expect([r.readings[0].level, r.readings[1].level, r.consistent]).toEqual(['三级', null, false]);
    expect(r.readings[0].reason).toContain('小规模、大影响');
  });

  it('严重影响 below 一般: 附件4 二级 3. and 三级 3. read the same — highest taken, flagged; §5.2.1 三级', () => {
    const r = assessResponse({ ...county(30), socialImpact: 'severe' });
    expect([r.readings[0].level, r.readings[1].level]).toEqual(['三级', '二级']);
    expect(r.readings[1].conditions.map((c) => c.item)).toEqual(['附件4 二级响应 3.', '附件4 三级响应 3.']);
    expect(r.notes.join()).toContain('措辞相同');
  });

  it('严重影响 on a 大面积停电事件 (graded): 附件4 一级 5.', () => {
    const r = assessResponse({ ...county(45), socialImpact: 'severe' });
    expect(r.readings[1].conditions[0]?.item).toBe('附件4 一级响应 5.');
    expect([r.readings[0].level, r.readings[1].level]).toEqual(['一级', '一级']);
  });
});

describe('bad input', () => {
  const cases: [string, ResponseInput, string][] = [
    ['missing county grid', {} as ResponseInput, 'countyGrid'],
    ['negative load', county(10, undefined, -1), 'countyGrid.loadMw'],
    ['pct over 100', county(101), 'countyGrid.lostLoadPct'],
    ['pct below 0', county(undefined, -3), 'countyGrid.usersOutPct'],
    [
      'unknown city level',
      { ...county(1), cityGrid: { level: '巨大' as '较大', majorImpactOnCounty: true } },
      'cityGrid.level',
    ],
    ['unknown impact', { ...county(1), socialImpact: 'huge' as 'severe' }, 'socialImpact'],
  ];
  it.each(cases)('%s → BAD_INPUT in Chinese', (_n, input, field) => {
    try {
      assessResponse(input);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code === 'BAD_INPUT' && e.location.field === field).toBe(true);
      expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('properties', () => {
  const input = fc.record({
    countyGrid: fc.record({
      loadMw: fc.oneof(fc.constantFrom(0, 149.99, 150, 300), fc.double({ min: 0, max: 2000, noNaN: true })),
      lostLoadPct: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
      usersOutPct: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    }),
    importantUsersAtRisk: fc.record({
      special: fc.boolean(),
      first: fc.boolean(),
      second: fc.boolean(),
      electrifiedRailway: fc.boolean(),
    }),
    temporaryImportantUserInterrupted: fc.boolean(),
    beyondCountyCapacity: fc.boolean(),
    socialImpact: fc.constantFrom('none', 'larger', 'severe'),
  });

  it('§5.2 never gives 三级 to an event that reaches 一般; consistent means equal levels; 一级 agrees', () => {
    fc.assert(
      fc.property(input, (i) => {
        if (i.countyGrid.lostLoadPct === undefined && i.countyGrid.usersOutPct === undefined)
          i.countyGrid.lostLoadPct = 0;
        const r = assessResponse(i as ResponseInput);
        const [s52, a4] = r.readings;
        expect([s52.basis, a4.basis]).toEqual(['§5.2', '附件4']);
        if (r.grade.level !== null) expect(s52.level).not.toBe('三级');
        expect(r.consistent).toBe(s52.level === a4.level);
        expect(s52.level === '一级').toBe(a4.level === '一级');
      }),
    );
  });
});

describe.skipIf(!seedAvailable())('the quoted clauses are the gazette’s', () => {
  const flat = seedText().replace(/\n+/g, '');
  it.each(
    Object.entries(ANNEX4).flatMap(([level, items]) =>
      Object.entries(items).map(([n, t]) => [`${level} ${n}.`, `${n}. ${t}`]),
    ),
  )('附件4 %s', (_n, t) => expect(flat).toContain(t));
  it.each(Object.entries(SECTION_5_2))('§%s', (_n, t) => expect(flat).toContain(t));
});
