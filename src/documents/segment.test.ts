import { describe, expect, it } from 'vitest';
import { sampleIssue } from './fixtures.ts';
import {
  addUserWords,
  analyzeQuery,
  bigrams,
  coreTitle,
  indexTokens,
  isUserWord,
  segmentForIndex,
  segmentQuery,
  splitUnits,
  userWordsFromIssue,
} from './segment.ts';

describe('segmentation', () => {
  it('segmentForIndex gives search-mode words, without punctuation, Latin lowercased', () => {
    const s = segmentForIndex('襄垣县人民政府办公室：GDP增长，“十四五”规划。');
    expect(s.split(' ')).toEqual(
      expect.arrayContaining(['襄垣县', '人民政府', '办公室', 'gdp', '增长', '十四五', '规划']),
    );
    expect(s).not.toMatch(/[：，“”。]/);
  });

  it('indexTokens holds every Han bigram, the run-final character and dictionary words inside longer words', () => {
    addUserWords(['襄垣县人民政府办公室']);
    const tokens = indexTokens('县能源局负责，襄垣县人民政府办公室牵头。ＧＤＰ');
    expect(tokens).toEqual(expect.arrayContaining(['县能', '能源', '源局', '局负', '负责', '责', '牵头', '头']));
    expect(tokens).toEqual(expect.arrayContaining(['人民政府', '办公室', '襄垣县', 'gdp']));
    expect(tokens.every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true);
    expect(tokens).not.toContain('襄垣县人民政府办公室'); // user words are matched through bigrams
  });

  it('segmentQuery keeps dictionary words, merges unknown single characters and drops operators', () => {
    expect(segmentQuery('应急预案')).toEqual(['应急', '预案']);
    expect(segmentQuery('段联刚')).toEqual(['段联刚']);
    expect(segmentQuery('"安全" AND (生产*) -NEAR')).toEqual(['安全', 'and', '生产', 'near']);
    expect(segmentQuery('  ')).toEqual([]);
    expect(segmentQuery('ＧＤＰ 5G')).toEqual(['gdp', '5g']);
  });

  it('user words are query words matched through bigrams', () => {
    addUserWords(['县妇儿工委']);
    expect(isUserWord('县妇儿工委')).toBe(true);
    expect(analyzeQuery('县妇儿工委')).toEqual([{ text: '县妇儿工委', kind: 'han' }]);
    expect(analyzeQuery('人民政府')).toEqual([{ text: '人民政府', kind: 'dictionary' }]);
    expect(bigrams('县妇儿工委')).toEqual(['县妇', '妇儿', '儿工', '工委']);
    expect(bigrams('县')).toEqual(['县']);
  });

  it('derives unit and plan names from an issue', () => {
    const words = userWordsFromIssue(sampleIssue());
    expect(words).toEqual(
      expect.arrayContaining([
        '襄垣县人民政府办公室',
        '各镇人民政府',
        '襄垣县大面积停电事件应急预案',
        '县能源局',
        '县应急管理局',
        '2023年襄垣县煤炭增产保供工作方案',
      ]),
    );
    expect(coreTitle('关于印发襄垣县大面积停电事件应急预案的通知')).toBe('襄垣县大面积停电事件应急预案');
    expect(splitUnits('县住建局市生态环境局襄垣分局、县政府办县卫体局')).toEqual([
      '县住建局',
      '市生态环境局襄垣分局',
      '县政府办',
      '县卫体局',
    ]);
  });
});
