import { expect, it } from 'vitest';
import type { GazetteIssue } from '../gazette/types.ts';
import { isAppError } from '../platform/errors.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { attachment, clause, document, issue, sampleIssue } from './fixtures.ts';
import { CANDIDATE_CAP, escapeHtml, makeSnippet, search } from './search.ts';
import { addUserWords } from './segment.ts';
import { importIssue } from './store.ts';

const T = '140423';

function input(i: GazetteIssue, tenant = T) {
  return { tenant, issue: i, source: JSON.stringify(i), sourceName: 'test.md' };
}

it('makeSnippet cuts ±30 characters around the first match, marks matches and escapes the rest', () => {
  const text = `${'甲'.repeat(50)}<b>安全生产</b>${'乙'.repeat(50)}`;
  const s = makeSnippet(text, ['安全生产']);
  expect(s).toBe(`…${'甲'.repeat(27)}&lt;b&gt;<mark>安全生产</mark>&lt;/b&gt;${'乙'.repeat(26)}…`);
  expect(makeSnippet('短文本GDP增长', ['gdp'])).toBe('短文本<mark>GDP</mark>增长');
  expect(makeSnippet('安全与生产两手抓', ['安全生产', '安全', '生产'])).toBe(
    '<mark>安全</mark>与<mark>生产</mark>两手抓',
  );
  expect(makeSnippet('没有命中', ['缺席'])).toBe('没有命中');
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

function rankingIssue(): GazetteIssue {
  return issue({
    year: 2022,
    number: 9,
    documents: [
      document({
        year: 2022,
        serial: 40,
        issuer: '襄垣县人民政府',
        agency: '襄政发',
        title: '关于加强安全生产工作的通知',
        body: [
          clause('body__para_1', '各单位要把安全放在首位，统筹发展和生产，持续改善营商环境，推动经济平稳运行。'),
          clause('body__para_2', '全面落实安全生产责任制。'),
          clause('body__para_3', '县水务局牵头，县发改局配合，做好防汛准备。'),
        ],
      }),
    ],
  });
}

forEachDatabase('documents search', (t) => {
  it('ranks the exact phrase first, lists title hits before clauses, and marks the snippet', async () => {
    await importIssue(t.db, input(rankingIssue()));
    const r = await search(t.db, T, { query: '安全生产' });
    expect(r.words).toEqual(['安全', '生产']);
    expect(r.hits[0]).toMatchObject({ kind: 'title', eId: null, docNumber: '襄政发〔2022〕40号' });
    expect(r.hits[0]!.snippet).toBe('关于加强<mark>安全生产</mark>工作的通知');
    const clauses = r.hits.filter((h) => h.kind !== 'title');
    expect(clauses.map((h) => h.eId)).toEqual(['body__para_2', 'body__para_1']);
    expect(clauses[0]!.score).toBeGreaterThan(clauses[1]!.score);
    expect(clauses[0]!.snippet).toBe('全面落实<mark>安全生产</mark>责任制。');
    expect(r.total).toBe(3);
    expect(r.totalExact).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('finds 1–2 character queries as substrings, also inside longer words', async () => {
    addUserWords(['县能源局', '县妇儿工委']);
    await importIssue(t.db, input(sampleIssue()));
    const energy = await search(t.db, T, { query: '能源' });
    expect(energy.hits.map((h) => h.eId)).toContain('att_1__num_1__num_2');
    const tail = await search(t.db, T, { query: '源局' });
    expect(tail.hits.map((h) => h.eId)).toEqual(
      expect.arrayContaining(['att_1__num_1__num_2', 'att_1__num_2__para_1']),
    );
    const one = await search(t.db, T, { query: '妇' });
    expect(one.hits.map((h) => h.eId)).toEqual(['att_1__num_1__num_2']);
    expect(one.hits[0]!.snippet).toContain('县<mark>妇</mark>儿工委');
    const unit = await search(t.db, T, { query: '县妇儿工委' });
    expect(unit.hits.map((h) => h.eId)).toEqual(['att_1__num_1__num_2']);
  });

  it('finds a unit name added to the dictionary after the text was indexed', async () => {
    await importIssue(t.db, input(rankingIssue()));
    addUserWords(['县水务局']);
    const r = await search(t.db, T, { query: '县水务局' });
    expect(r.hits.map((h) => h.eId)).toEqual(['body__para_3']);
    expect(r.hits[0]!.snippet).toContain('<mark>县水务局</mark>');
  });

  it('filters by issuer, year, type and disclosure', async () => {
    await importIssue(t.db, input(sampleIssue()));
    await importIssue(t.db, input(sampleIssue({ year: 2024, number: 1, serialBase: 1 })));
    const docsOf = async (q: Parameters<typeof search>[2]) =>
      [...new Set((await search(t.db, T, q)).hits.map((h) => h.docNumber))].sort();

    expect(await docsOf({ query: '县' })).toHaveLength(6);
    expect(await docsOf({ query: '县', issuer: '襄垣县人民政府' })).toEqual([
      '襄政发〔2023〕17号',
      '襄政发〔2024〕3号',
    ]);
    expect(await docsOf({ query: '县', year: 2024 })).toEqual([
      '襄政办发〔2024〕1号',
      '襄政办发〔2024〕2号',
      '襄政发〔2024〕3号',
    ]);
    expect(await docsOf({ query: '县', type: '预案' })).toEqual(['襄政办发〔2023〕15号', '襄政办发〔2024〕1号']);
    expect(await docsOf({ query: '县', disclosures: ['public', 'partial'], year: 2023 })).toEqual([
      '襄政办发〔2023〕15号',
      '襄政办发〔2023〕16号',
    ]);
    expect(await docsOf({ query: '普查', disclosures: ['public'] })).toEqual([]);
    expect(await docsOf({ query: '普查', disclosures: ['restricted'] })).toEqual([
      '襄政发〔2023〕17号',
      '襄政发〔2024〕3号',
    ]);
    expect(await search(t.db, T, { query: '县', disclosures: [] })).toMatchObject({ total: 0, hits: [] });
    expect((await search(t.db, T, { query: '县', issuer: '不存在的单位' })).total).toBe(0);
  });

  it('pages through hits consistently', async () => {
    await importIssue(t.db, input(sampleIssue()));
    await importIssue(t.db, input(sampleIssue({ year: 2024, number: 1, serialBase: 1 })));
    const all = await search(t.db, T, { query: '县', limit: 100 });
    expect(all.hits.length).toBe(all.total);
    const pages = [];
    for (let offset = 0; offset < all.total; offset += 4) {
      pages.push(...(await search(t.db, T, { query: '县', limit: 4, offset })).hits);
    }
    expect(pages).toEqual(all.hits);
    expect((await search(t.db, T, { query: '县', offset: all.total })).hits).toEqual([]);
  });

  it('treats any user input as plain words (no FTS or tsquery syntax)', async () => {
    await importIssue(t.db, input(sampleIssue()));
    const nasty = [
      '"',
      '""',
      "'",
      "''",
      '*',
      '县*',
      '-县',
      'NEAR(县 局)',
      '县 OR 局',
      '县 AND NOT 局',
      '(',
      ')',
      '{tokens}: 县',
      'tokens:县',
      '^县',
      '县:*',
      '县 & 局 | !预案',
      '\\',
      '\u0000',
      '140423_县',
      '_dpublic',
      '😀',
      '𠀀𠀁',
      '县'.repeat(200),
      'a'.repeat(500).slice(0, 200),
    ];
    for (const query of nasty) {
      const r = await search(t.db, T, { query });
      expect(Array.isArray(r.hits), query).toBe(true);
    }
    expect((await search(t.db, T, { query: '"县能源局"' })).total).toBeGreaterThan(0);
    // OR / NOT are words, not operators: nobody wrote them, so nothing matches.
    expect((await search(t.db, T, { query: '"县能源局" OR "不存在"' })).total).toBe(0);
    expect((await search(t.db, T, { query: '县 NOT 能源' })).total).toBe(0);
    await expect(search(t.db, T, { query: '县'.repeat(201) })).rejects.toSatisfy(
      (e) => isAppError(e) && e.code === 'BAD_INPUT',
    );
    await expect(search(t.db, 'x', { query: '县' })).rejects.toSatisfy((e) => isAppError(e) && e.code === 'BAD_INPUT');
  });

  it('never returns another tenant’s clauses', async () => {
    await importIssue(t.db, input(sampleIssue(), '140425'));
    expect((await search(t.db, T, { query: '能源' })).total).toBe(0);
    await importIssue(t.db, input(sampleIssue(), T));
    const mine = await search(t.db, T, { query: '能源', limit: 100 });
    const theirs = await search(t.db, '140425', { query: '能源', limit: 100 });
    expect(mine.total).toBe(theirs.total);
    const ids = new Set(mine.hits.map((h) => h.documentId));
    expect(theirs.hits.some((h) => ids.has(h.documentId))).toBe(false);
  });

  it('searches attachment titles and document numbers through the title index', async () => {
    await importIssue(
      t.db,
      input(
        issue({
          documents: [
            document({
              serial: 30,
              title: '关于印发两个方案的通知',
              attachments: [attachment('att_1', '襄垣县秸秆综合利用实施方案', [clause('att_1__para_1', '全面推进。')])],
            }),
          ],
        }),
      ),
    );
    const r = await search(t.db, T, { query: '秸秆' });
    expect(r.hits[0]).toMatchObject({ kind: 'title', snippet: '襄垣县<mark>秸秆</mark>综合利用实施方案' });
    const n = await search(t.db, T, { query: '襄政办发〔2023〕30号' });
    expect(n.hits[0]).toMatchObject({ kind: 'title', docNumber: '襄政办发〔2023〕30号' });
  });

  it('ranks only the newest CANDIDATE_CAP matches but counts them all', async () => {
    const n = CANDIDATE_CAP + 100;
    const body = Array.from({ length: n }, (_, i) =>
      clause(`body__para_${i + 1}`, `第${String(i + 1).padStart(4, '0')}段：做好能源保供工作。`),
    );
    await importIssue(t.db, input(issue({ documents: [document({ serial: 1, title: '关于保供的通知', body })] })));
    const first = await search(t.db, T, { query: '能源' });
    expect(first).toMatchObject({ total: n, totalExact: true });
    expect(first.hits[0]!.eId).toBe(`body__para_${n}`); // equal scores: newest first
    const last = await search(t.db, T, { query: '能源', offset: CANDIDATE_CAP - 10, limit: 50 });
    expect(last.hits).toHaveLength(10);
    expect(last.total).toBe(n);
    expect(last.hits.at(-1)!.eId).toBe('body__para_101');
    expect((await search(t.db, T, { query: '能源', offset: CANDIDATE_CAP })).hits).toEqual([]);
  });
});
