// The portal's pure logic, without a browser: snippet sanitising, table layout, citations.
// (The web app's own tsconfig covers the components; these modules are plain TypeScript.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attachmentCitation, withDocNumber } from '../web/src/documents/citation.ts';
import { columnCount, columnWidths, layoutRows } from '../web/src/documents/tableLayout.ts';
import { decodeEntities, parseSnippet } from '../web/src/search/snippet.ts';
import { pagerView, pagingOf } from '../web/src/supervision/paging.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('检索摘要只放行 <mark>', () => {
  it('splits on <mark> and decodes entities into plain text', () => {
    expect(parseSnippet('大面积<mark>停电</mark>事件 &amp; 预案')).toEqual([
      { text: '大面积', marked: false },
      { text: '停电', marked: true },
      { text: '事件 & 预案', marked: false },
    ]);
  });

  it('keeps escaped and raw markup as literal text, never as elements', () => {
    const parts = parseSnippet('&lt;script&gt;alert(1)&lt;/script&gt;<img src=x onerror=alert(1)><mark>值守</mark>');
    expect(parts.map((p) => p.text).join('')).toBe('<script>alert(1)</script><img src=x onerror=alert(1)>值守');
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(['值守']);
  });

  it('tolerates unbalanced tags and odd entities', () => {
    expect(parseSnippet('<mark>停电')).toEqual([{ text: '停电', marked: true }]);
    expect(parseSnippet('停电</mark>预案')).toEqual([
      { text: '停电', marked: false },
      { text: '预案', marked: false },
    ]);
    expect(decodeEntities('&#x4e2d;&#25991;&bogus;&#0;')).toBe('中文&bogus;&#0;');
  });
});

describe('表格排版', () => {
  it('merges leading empty cells into the group above (rowspan)', () => {
    const rows = [
      ['一、政策发展', '（一）', '1.', '县政府办'],
      ['', '', '2.', '县卫体局'],
      ['', '（二）', '3.', '县财政局'],
    ];
    const out = layoutRows(rows, 4);
    expect(out[0]?.[0]?.rowSpan).toBe(3);
    expect(out[0]?.[1]?.rowSpan).toBe(2);
    expect(out[1]?.[0]).toBeNull();
    expect(out[1]?.[1]).toBeNull();
    expect(out[2]?.[1]?.text).toBe('（二）');
  });

  it('spans a 合计 label and pads other short rows', () => {
    const out = layoutRows(
      [
        ['a', 'b', 'c', 'd', 'e'],
        ['f', 'g', 'h', 'i'],
        ['合计', '300'],
      ],
      5,
    );
    expect(out[1]?.map((c) => c?.pad)).toEqual([false, false, false, false, true]);
    expect(out[2]?.map((c) => c && [c.text, c.colSpan])).toEqual([
      ['合计', 4],
      ['300', 1],
    ]);
  });

  it('counts columns from the widest row and gives wide text the room', () => {
    const table = { header: ['序号', '内容'], rows: [['1', '很长的内容'.repeat(10), '多出的一格']] };
    const n = columnCount(table);
    expect(n).toBe(3);
    const widths = columnWidths(layoutRows(table.rows, n), table.header, n);
    expect(widths).toHaveLength(3);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    expect(widths[1]).toBeGreaterThan(widths[0] as number);
  });
});

describe('复制引用', () => {
  const doc = { title: '关于印发襄垣县大面积停电事件应急预案的通知' };
  const base = { eId: 'att_2', number: 1, clauses: [] };
  it('cites an annex by its plan and label, a plan by its title, plus the 发文字号', () => {
    const annex = {
      ...base,
      role: 'annex' as const,
      label: '附件 1',
      title: '国家大面积停电事件分级标准',
      planTitle: '襄垣县大面积停电事件应急预案',
    };
    expect(withDocNumber(attachmentCitation(annex, doc), '襄政办发〔2023〕15号')).toBe(
      '《襄垣县大面积停电事件应急预案》附件1（襄政办发〔2023〕15号）',
    );
    const plan = {
      ...base,
      role: 'plan' as const,
      label: null,
      title: '襄垣县大面积停电事件应急预案',
      planTitle: null,
    };
    expect(attachmentCitation(plan, doc)).toBe('《襄垣县大面积停电事件应急预案》');
    const lone = { ...annex, label: '附件', planTitle: null };
    expect(attachmentCitation(lone, doc)).toBe('《关于印发襄垣县大面积停电事件应急预案的通知》附件');
  });

  it('does not repeat a 发文字号 the citation already names', () => {
    expect(withDocNumber('襄政办发〔2023〕21号 第1段', '襄政办发〔2023〕21号')).toBe('襄政办发〔2023〕21号 第1段');
  });
});

describe('督办台账分页', () => {
  it('reads page and page size from the URL, falling back to page 1 and 50 a page', () => {
    expect(pagingOf(null, null)).toEqual({ page: 1, pageSize: 50 });
    expect(pagingOf('3', '100')).toEqual({ page: 3, pageSize: 100 });
    expect(pagingOf('0', '500')).toEqual({ page: 1, pageSize: 50 });
    expect(pagingOf('1.5', '7')).toEqual({ page: 1, pageSize: 50 });
    expect(pagingOf('abc', '200')).toEqual({ page: 1, pageSize: 200 });
    expect(pagingOf('99999999', '20')).toEqual({ page: 1_000_000, pageSize: 20 });
  });

  it('says how many items there are and which ones are shown', () => {
    expect(pagerView(123, 2, 50, 50)).toEqual({
      pages: 3,
      from: 51,
      to: 100,
      text: '共 123 项，第 51–100 项，第 2 / 3 页',
    });
    expect(pagerView(123, 3, 50, 23)).toMatchObject({ from: 101, to: 123 });
    expect(pagerView(0, 1, 50, 0)).toEqual({ pages: 1, from: 0, to: 0, text: '共 0 项，第 1 / 1 页' });
    expect(pagerView(10, 5, 50, 0).text).toBe('共 10 项，第 5 / 1 页');
  });
});

describe('web 应用的类型检查', () => {
  // `npm run typecheck` covers src/, test/ and e2e/; the web app has its own strict tsconfig (DOM, JSX).
  it('passes tsc -p web/tsconfig.json (strict)', () => {
    const require = createRequire(import.meta.url);
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'web/tsconfig.json'], { cwd: REPO, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 180_000);
});
