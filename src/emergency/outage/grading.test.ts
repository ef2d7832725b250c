// 附件1 grading: every boundary of every row (table-driven from the same data), hand-written cases quoting
// the clauses, the data checked word for word against the gazette, and properties of the evaluator.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../../test/seed.ts';
import { isAppError } from '../../platform/errors.ts';
import { GRID_ITEM, GRID_NAMES, GRID_TYPES, type GridType, LEVEL_COLORS, levelRank, OUTAGE_LEVELS } from '../types.ts';
import {
  type Criterion,
  classifyOutage,
  clauseOf,
  GRADING_NOTE,
  GRADING_TABLE,
  type GradingInput,
  type GradingRow,
  gridHasLoadBands,
} from './grading.ts';

/** A load inside the row's band (or any load when the row has none). */
function loadIn(r: GradingRow): number {
  if (r.band?.minMw !== undefined) return r.band.minMw;
  if (r.band?.maxMw !== undefined) return r.band.maxMw - 1;
  return 1000;
}

const EPS = 0.001;
const pctKey = (c: Criterion) => (c === 'lost-load' ? 'lostLoadPct' : 'usersOutPct');
const rangeOf = (r: GradingRow, c: Criterion) => (c === 'lost-load' ? r.lostLoad : r.usersOut);

function matchesRow(input: GradingInput, r: GradingRow, c: Criterion): boolean {
  return classifyOutage(input).matched.some(
    (m) => m.clause === clauseOf(r) && m.criterion === c && m.level === r.level,
  );
}

const rowName = (r: GradingRow) => `${r.level} ${GRID_ITEM[r.grid]}. ${r.grid} ${r.source}`;

describe('附件1 every row, every boundary (以上 includes, 以下 excludes)', () => {
  const cases: [string, GradingRow, Criterion][] = [];
  for (const r of GRADING_TABLE) {
    if (r.lostLoad) cases.push([`${rowName(r)} [减供负荷]`, r, 'lost-load']);
    if (r.usersOut) cases.push([`${rowName(r)} [供电用户]`, r, 'users-out']);
  }

  it.each(cases)('%s', (_name, r, c) => {
    const range = rangeOf(r, c) as { min: number; max?: number };
    const base = { grid: r.grid, loadMw: loadIn(r) };
    const at = (pct: number, loadMw = base.loadMw) => ({ ...base, loadMw, [pctKey(c)]: pct }) as GradingInput;

    // exactly at “min以上” → included, and the whole event is graded at this row's level
    expect(matchesRow(at(range.min), r, c)).toBe(true);
    const res = classifyOutage(at(range.min));
    expect(res.level).toBe(r.level);
    expect(res.color).toBe(LEVEL_COLORS[r.level]);
    // just below min → excluded
    if (range.min > 0) expect(matchesRow(at(range.min - EPS), r, c)).toBe(false);
    if (range.max !== undefined) {
      // exactly at “max以下” → excluded; just below → included
      expect(matchesRow(at(range.max), r, c)).toBe(false);
      expect(matchesRow(at(range.max - EPS), r, c)).toBe(true);
    } else {
      expect(matchesRow(at(100), r, c)).toBe(true);
    }
    // load band: “minMw以上” includes minMw; “maxMw以下” excludes maxMw
    if (r.band?.minMw !== undefined) {
      expect(matchesRow(at(range.min, r.band.minMw), r, c)).toBe(true);
      expect(matchesRow(at(range.min, r.band.minMw - EPS), r, c)).toBe(false);
    }
    if (r.band?.maxMw !== undefined) {
      expect(matchesRow(at(range.min, r.band.maxMw), r, c)).toBe(false);
      expect(matchesRow(at(range.min, r.band.maxMw - EPS), r, c)).toBe(true);
    }
  });

  it('covers all six grid types and four levels', () => {
    expect(new Set(GRADING_TABLE.map((r) => r.grid))).toEqual(new Set(GRID_TYPES));
    expect(new Set(GRADING_TABLE.map((r) => r.level))).toEqual(new Set(OUTAGE_LEVELS));
    expect(GRADING_TABLE).toHaveLength(33);
  });
});

describe('附件1 hand-written cases, quoting the clause', () => {
  it('附件1 特别重大 2. 省、自治区电网：负荷20000兆瓦以上的减供负荷30%以上', () => {
    const r = classifyOutage({ grid: 'provincial', loadMw: 20000, lostLoadPct: 30 });
    expect(r).toEqual({
      level: '特别重大',
      color: 'red',
      matched: [
        {
          level: '特别重大',
          grid: 'provincial',
          criterion: 'lost-load',
          clause: '附件1 特别重大 2. 省、自治区电网：负荷20000兆瓦以上的减供负荷30%以上',
        },
      ],
      notes: [],
    });
    // 29.9% of a 20000 MW grid: 重大 (13%以上30%以下)
    expect(classifyOutage({ grid: 'provincial', loadMw: 20000, lostLoadPct: 29.9 }).matched[0]?.clause).toBe(
      '附件1 重大 2. 省、自治区电网：负荷20000兆瓦以上的减供负荷13%以上30%以下',
    );
    // 19999 MW is the next band down: 5000兆瓦以上20000兆瓦以下 — 30% is 重大 there (16%以上40%以下)
    expect(classifyOutage({ grid: 'provincial', loadMw: 19999, lostLoadPct: 30 }).level).toBe('重大');
  });

  it('附件1 重大 2. 省、自治区电网：负荷1000兆瓦以上5000兆瓦以下的减供负荷50%以上', () => {
    expect(classifyOutage({ grid: 'provincial', loadMw: 1000, lostLoadPct: 50 }).level).toBe('重大');
    expect(classifyOutage({ grid: 'provincial', loadMw: 4999.9, lostLoadPct: 50 }).level).toBe('重大');
    // 5000 MW belongs to the band above (5000兆瓦以上20000兆瓦以下), where 50% ≥ 40% is 特别重大
    expect(classifyOutage({ grid: 'provincial', loadMw: 5000, lostLoadPct: 50 }).level).toBe('特别重大');
    // 999 MW belongs to the band below (1000兆瓦以下): 50% is 较大 (40%以上)
    expect(classifyOutage({ grid: 'provincial', loadMw: 999, lostLoadPct: 50 }).level).toBe('较大');
  });

  it('附件1 特别重大 2. 负荷5000兆瓦以上20000兆瓦以下的减供负荷40%以上 (5000 MW is in that band)', () => {
    expect(classifyOutage({ grid: 'provincial', loadMw: 5000, lostLoadPct: 40 }).level).toBe('特别重大');
    expect(classifyOutage({ grid: 'provincial', loadMw: 4999, lostLoadPct: 40 }).level).toBe('较大'); // 20%以上50%以下
  });

  it('附件1 较大 2. 负荷1000兆瓦以下的减供负荷40%以上 / 一般 2. 负荷1000兆瓦以下的减供负荷25%以上40%以下', () => {
    expect(classifyOutage({ grid: 'provincial', loadMw: 999, lostLoadPct: 40 }).level).toBe('较大');
    expect(classifyOutage({ grid: 'provincial', loadMw: 999, lostLoadPct: 39.99 }).level).toBe('一般');
    expect(classifyOutage({ grid: 'provincial', loadMw: 999, lostLoadPct: 24.99 }).level).toBeNull();
  });

  it('附件1 一般 6. 县级市电网：负荷150兆瓦以上的减供负荷40%以上60%以下，或50%以上70%以下供电用户停电', () => {
    const r = classifyOutage({ grid: 'county-city', loadMw: 150, lostLoadPct: 40 });
    expect(r.level).toBe('一般');
    expect(r.color).toBe('blue');
    expect(r.matched[0]?.clause).toBe(
      '附件1 一般 6. 县级市电网：负荷150兆瓦以上的减供负荷40%以上60%以下，或50%以上70%以下供电用户停电',
    );
    expect(classifyOutage({ grid: 'county-city', loadMw: 150, lostLoadPct: 60 }).level).toBe('较大');
    expect(classifyOutage({ grid: 'county-city', loadMw: 150, usersOutPct: 70 }).level).toBe('较大');
    expect(classifyOutage({ grid: 'county-city', loadMw: 150, usersOutPct: 69.9 }).level).toBe('一般');
    expect(classifyOutage({ grid: 'county-city', loadMw: 150, lostLoadPct: 39.9 }).level).toBeNull();
  });

  it('附件1 一般 6. 负荷150兆瓦以下的减供负荷40%以上 — a small county grid never reaches 较大', () => {
    const r = classifyOutage({ grid: 'county-city', loadMw: 149.9, lostLoadPct: 100 });
    expect(r.level).toBe('一般');
    expect(r.matched[0]?.clause).toBe(
      '附件1 一般 6. 县级市电网：负荷150兆瓦以下的减供负荷40%以上，或50%以上供电用户停电',
    );
  });

  it('附件1 特别重大 3. 直辖市电网：减供负荷50%以上，或60%以上供电用户停电 — the highest of two criteria wins', () => {
    const r = classifyOutage({ grid: 'municipality', lostLoadPct: 55, usersOutPct: 35 });
    expect(r.level).toBe('特别重大');
    expect(r.matched).toEqual([
      {
        level: '特别重大',
        grid: 'municipality',
        criterion: 'lost-load',
        clause: '附件1 特别重大 3. 直辖市电网：减供负荷50%以上，或60%以上供电用户停电',
      },
      {
        level: '重大',
        grid: 'municipality',
        criterion: 'users-out',
        clause: '附件1 重大 3. 直辖市电网：减供负荷20%以上50%以下，或30%以上60%以下供电用户停电',
      },
    ]);
    // the users criterion alone can decide
    expect(classifyOutage({ grid: 'municipality', lostLoadPct: 1, usersOutPct: 60 }).level).toBe('特别重大');
  });

  it('附件1 特别重大 4. 省、自治区人民政府所在地城市电网：负荷2000兆瓦以上的… — below 2000 MW the top is 重大', () => {
    expect(classifyOutage({ grid: 'provincial-capital', loadMw: 2000, usersOutPct: 70 }).level).toBe('特别重大');
    const r = classifyOutage({ grid: 'provincial-capital', loadMw: 1999, usersOutPct: 100 });
    expect(r.level).toBe('重大');
    expect(r.matched[0]?.clause).toBe(
      '附件1 重大 4. 省、自治区人民政府所在地城市电网：负荷2000兆瓦以下的减供负荷40%以上，或50%以上供电用户停电',
    );
  });

  it('附件1 重大 5. 其他设区的市电网：负荷600兆瓦以上的减供负荷60%以上 / 较大 5. 负荷600兆瓦以下的减供负荷40%以上', () => {
    expect(classifyOutage({ grid: 'city', loadMw: 600, lostLoadPct: 60 }).level).toBe('重大');
    expect(classifyOutage({ grid: 'city', loadMw: 599, lostLoadPct: 100 }).level).toBe('较大');
    expect(classifyOutage({ grid: 'city', loadMw: 599, lostLoadPct: 20 }).level).toBe('一般');
    expect(classifyOutage({ grid: 'city', loadMw: 599, lostLoadPct: 19.99 }).level).toBeNull();
  });

  it('附件1 一般 1. 区域性电网：减供负荷4%以上7%以下; users are not a criterion for a regional grid', () => {
    expect(classifyOutage({ grid: 'regional', lostLoadPct: 4 }).level).toBe('一般');
    expect(classifyOutage({ grid: 'regional', lostLoadPct: 3.99 }).level).toBeNull();
    const r = classifyOutage({ grid: 'regional', loadMw: 1, lostLoadPct: 0, usersOutPct: 100 });
    expect(r.level).toBeNull();
    expect(r.notes.join()).toContain('只规定减供负荷标准');
    expect(r.notes.join()).toContain('不按负荷分档');
  });

  it('0% lost is no event; 100% lost of a regional grid is 特别重大', () => {
    expect(classifyOutage({ grid: 'regional', lostLoadPct: 0 }).level).toBeNull();
    expect(classifyOutage({ grid: 'regional', lostLoadPct: 100 }).level).toBe('特别重大');
  });
});

describe('bad input → Chinese AppError BAD_INPUT naming the field', () => {
  const bad: [string, GradingInput, string, RegExp][] = [
    ['unknown grid', { grid: 'village' as GridType, loadMw: 1, lostLoadPct: 1 }, 'grid', /未知的电网类型“village”/],
    ['pct > 100', { grid: 'regional', lostLoadPct: 100.5 }, 'lostLoadPct', /减供负荷比例.*0 到 100/],
    ['pct < 0', { grid: 'municipality', usersOutPct: -1 }, 'usersOutPct', /停电用户比例.*0 到 100/],
    ['NaN', { grid: 'regional', lostLoadPct: Number.NaN }, 'lostLoadPct', /应为数字/],
    ['negative load', { grid: 'county-city', loadMw: -5, lostLoadPct: 50 }, 'loadMw', /电网负荷.*不能为负数/],
    ['infinite load', { grid: 'county-city', loadMw: Number.POSITIVE_INFINITY, lostLoadPct: 50 }, 'loadMw', /应为数字/],
    [
      'missing load for a banded grid',
      { grid: 'provincial', lostLoadPct: 50 },
      'loadMw',
      /按负荷分档定级，须提供电网负荷/,
    ],
    ['neither percentage', { grid: 'regional' }, 'lostLoadPct', /须至少提供/],
  ];
  it.each(bad)('%s', (_n, input, field, message) => {
    try {
      classifyOutage(input);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e)).toBe(true);
      if (!isAppError(e)) return;
      expect(e.code).toBe('BAD_INPUT');
      expect(e.location.field).toBe(field);
      expect(e.message).toMatch(message);
    }
  });
});

describe('properties', () => {
  const grid = fc.constantFrom(...GRID_TYPES);
  const load = fc.oneof(
    fc.double({ min: 0, max: 40000, noNaN: true }),
    fc.constantFrom(0, 150, 600, 1000, 2000, 5000, 20000),
  );
  const pct = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 100 }));

  it('at most one row matches per criterion (the bands of a grid do not overlap)', () => {
    fc.assert(
      fc.property(grid, load, pct, pct, (g, l, a, b) => {
        const r = classifyOutage({ grid: g, loadMw: l, lostLoadPct: a, usersOutPct: b });
        expect(r.matched.filter((m) => m.criterion === 'lost-load').length).toBeLessThanOrEqual(1);
        expect(r.matched.filter((m) => m.criterion === 'users-out').length).toBeLessThanOrEqual(1);
        expect(r.level).toBe(r.matched[0]?.level ?? null);
        expect(r.color).toBe(r.level ? LEVEL_COLORS[r.level] : null);
      }),
    );
  });

  it('more loss never gives a lower level (monotone), for both criteria', () => {
    fc.assert(
      fc.property(grid, load, pct, pct, (g, l, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const key of ['lostLoadPct', 'usersOutPct'] as const) {
          const low = classifyOutage({ grid: g, loadMw: l, [key]: lo });
          const high = classifyOutage({ grid: g, loadMw: l, [key]: hi });
          expect(levelRank(high.level)).toBeGreaterThanOrEqual(levelRank(low.level));
        }
      }),
    );
  });

  it('the level never depends on the load for grid types without bands', () => {
    fc.assert(
      fc.property(fc.constantFrom<GridType>('regional', 'municipality'), load, load, pct, (g, l1, l2, a) => {
        expect(gridHasLoadBands(g)).toBe(false);
        expect(classifyOutage({ grid: g, loadMw: l1, lostLoadPct: a }).level).toBe(
          classifyOutage({ grid: g, lostLoadPct: a }).level,
        );
        expect(classifyOutage({ grid: g, loadMw: l2, lostLoadPct: a }).level).toBe(
          classifyOutage({ grid: g, lostLoadPct: a }).level,
        );
      }),
    );
  });
});

describe.skipIf(!seedAvailable())('the data is the gazette’s 附件1, word for word', () => {
  const text = seedText();
  const levelLine = (level: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${level} 大面积停电事件\t`));
    if (!line) throw new Error(`附件1 ${level} row not found in the seed`);
    return line;
  };
  /** The text of item N (“N. 电网名:…”) of a level's row, up to the next item. */
  const item = (level: string, g: GridType) => {
    const line = levelLine(level);
    const head = `${GRID_ITEM[g]}. ${GRID_NAMES[g]}:`;
    const start = line.indexOf(head);
    if (start < 0) return null;
    const rest = line.slice(start + head.length);
    const next = rest.search(/\s\d\. /);
    return next < 0 ? rest : rest.slice(0, next);
  };

  it.each(GRADING_TABLE.map((r) => [rowName(r), r] as const))('%s', (_n, r) => {
    expect(item(r.level, r.grid)).toContain(r.source);
  });

  it('every item of every level is fully covered by rows (no band left out)', () => {
    for (const level of OUTAGE_LEVELS) {
      for (const g of GRID_TYPES) {
        const body = item(level, g);
        const rows = GRADING_TABLE.filter((r) => r.level === level && r.grid === g);
        if (body === null) {
          expect(rows).toHaveLength(0);
          continue;
        }
        let rest = body;
        for (const r of rows) rest = rest.replace(r.source, '');
        expect(rest.replace(/[\s,;。，；]/g, ''), `${level} ${g}`).toBe('');
      }
    }
  });

  it('carries the table’s note', () => {
    expect(text).toContain(GRADING_NOTE);
  });
});

describe('docs/emergency.md lists the table as implemented', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/emergency.md'), 'utf8');
  it.each(GRADING_TABLE.map((r) => [clauseOf(r)]))('%s', (clause) => expect(doc).toContain(`| ${clause} |`));
});
