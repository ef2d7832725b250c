// The shipped rubrics against the document: the parser's reading of the seed gazette's tables (26号附件1,
// 21号附件2) must find every row in the YAML with its maximum, weight, data source and responsible units.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { flatten, parseGazette } from '../gazette/parse.ts';
import type { Table } from '../gazette/types.ts';
import { resolveRubric, shippedRubrics } from './load.ts';

const available = seedAvailable();

function tableOf(docNumber: string): Table {
  const issue = parseGazette(seedText());
  const doc = issue.documents.find((d) => d.docNumber.text === docNumber);
  if (!doc) throw new Error(`${docNumber} not in the seed`);
  for (const a of doc.attachments) for (const c of flatten(a.clauses)) if (c.table) return c.table;
  throw new Error(`${docNumber} has no table`);
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('shipped rubrics', () => {
  it('both load and validate', () => {
    const ids = shippedRubrics().map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['bank-evaluation-2023', 'chronic-disease-zone-2023']));
  });
});

describe.skipIf(!available)('bank-evaluation-2023 against 26号附件1', () => {
  it('has every row of the 指标 table: ten classes, 26 items, with max, weight and data source', () => {
    const table = tableOf('襄政办发〔2023〕26号');
    const rubric = resolveRubric('bank-evaluation-2023');
    let cls = '';
    let weight = '';
    let source = '';
    let standard = '';
    const classes = new Set<string>();
    let rows = 0;
    for (const row of table.rows) {
      if (row[0]) {
        cls = squash(row[0]);
        weight = row[3] ?? '';
        source = row[4] ?? '';
      }
      if (row[2]) standard = row[2];
      const content = squash(row[1] ?? '');
      if (!content) continue;
      rows++;
      classes.add(cls);
      if (cls === '否决指标') {
        expect(rubric.vetoes?.map((v) => squash(v.title))).toContain(content);
        expect(standard).toBe('取消评优资格');
        continue;
      }
      const cat = rubric.categories.find((c) => squash(c.title) === cls);
      expect(cat, `类别 ${cls}`).toBeDefined();
      expect(`${cat?.weight}%`).toBe(weight);
      expect(cat?.dataSource).toBe(source);
      const item = cat?.items.find((i) => squash(i.title) === content);
      expect(item, `${cls} / ${content}`).toBeDefined();
      const m = /(?:第一名得|完成得|最高得)(\d+)分/.exec(standard);
      const expected = m ? Number(m[1]) : /百分制/.test(standard) ? 100 : Number.NaN;
      expect(item?.max, `${content} 满分`).toBe(expected);
      const step = /依次递减(\d+)分/.exec(standard);
      if (step) expect(item?.rule).toMatchObject({ type: 'rank', step: Number(step[1]) });
      if (/未放款不得分/.test(content)) expect(item?.rule).toMatchObject({ type: 'rank', eligibleAbove: 0 });
      if (/按实际完成折算/.test(standard)) expect(item?.rule.type).toBe('proportional');
      else if (/未完成不得分/.test(standard)) expect(item?.rule.type).toBe('completion');
    }
    // 26号 三、：共设置十类26项评价指标
    expect(classes.size).toBe(10);
    expect(rows).toBe(26);
    const items = rubric.categories.reduce((n, c) => n + c.items.length, 0) + (rubric.vetoes?.length ?? 0);
    expect(items).toBe(26);
  });
});

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

describe.skipIf(!available)('chronic-disease-zone-2023 against 21号附件2', () => {
  const table = available ? tableOf('襄政办发〔2023〕21号') : null;
  const rubric = resolveRubric('chronic-disease-zone-2023');

  it('has the eight sections with their points, in order, adding up to the 合计 300', () => {
    const seen: number[] = [];
    for (const row of table?.rows ?? []) {
      const m = /\((\d+)\s*分\)/.exec(row[0] ?? '');
      if (m && seen.at(-1) !== Number(m[1]) && row[0] !== '合计') seen.push(Number(m[1]));
    }
    // consecutive sections may share a value (环境支持 35 / 创新引领 35 are far apart; 体系整合 30 / 监测评估 30 too)
    expect(seen).toEqual(rubric.categories.map((c) => c.max));
    const total = table?.rows.find((r) => r[0] === '合计');
    expect(Number(total?.[1])).toBe(300);
    expect(rubric.maxScore).toBe(300);
  });

  it('has every printed sub-section total (（一）18分 …) as a group with the same points', () => {
    let cat = -1;
    let checked = 0;
    for (const row of table?.rows ?? []) {
      const head = row[0] ?? '';
      if (head && head !== '合计') {
        // the section: by its numeral (一、…) or, where the OCR lost it, by its title
        const numeral = /^(一|二|三|四|五|六|七|八)、/.exec(head);
        cat = numeral
          ? NUMERALS.indexOf(numeral[1] as string)
          : rubric.categories.findIndex((c) => squash(head).includes(squash(c.title)));
        expect(cat, head).toBeGreaterThanOrEqual(0);
      }
      const category = rubric.categories[cat];
      for (const g of (row[1] ?? '').matchAll(/\((一|二|三|四|五|六)\)[^()]*?\((\d+)\s*分\)/g)) {
        const group = category?.groups?.[NUMERALS.indexOf(g[1] as string)];
        expect(group, `${category?.title}（${g[1]}）`).toBeDefined();
        expect(group?.max, `${category?.title}（${g[1]}）`).toBe(Number(g[2]));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('names every 责任单位 of the table on some item', () => {
    const named = new Set(rubric.categories.flatMap((c) => c.items.flatMap((i) => i.units ?? [])));
    // 县发政和科技局 is a misprint of 县发改和科技局 (the unit in 附件1's member list)
    const alias: Record<string, string> = { 县发政和科技局: '县发改和科技局' };
    const units = new Set<string>();
    for (const row of table?.rows ?? []) {
      const cell = row[4] ?? '';
      for (const u of cell.split(/\s+/)) if (/^(县|各)/.test(u) && !/[，。,;；]/.test(u)) units.add(alias[u] ?? u);
    }
    expect(units.size).toBeGreaterThan(20);
    for (const u of units) expect(named.has(u), u).toBe(true);
  });
});
