// The 三重一大 classifier against the 附件 of 襄政发〔2023〕7号 (22 items).
import { describe, expect, it } from 'vitest';
import { chineseNumber, classifyTopic, formatYuan, parseAmounts, SZ_ITEMS, szCitation } from './classify.ts';

const cited = (text: string, declared = false) =>
  classifyTopic(text, declared)
    .matches.filter((m) => m.strength === 'match')
    .map((m) => m.citation.replace('襄政发〔2023〕7号附件 ', ''));

describe('the 附件 as data', () => {
  it('has 11 + 5 + 3 + 3 items as printed, numbered from 1', () => {
    const count = (c: string) => SZ_ITEMS.filter((i) => i.category === c).map((i) => i.number);
    expect(count('decision')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(count('personnel')).toEqual([1, 2, 3, 4, 5]);
    expect(count('project')).toEqual([1, 2, 3]);
    expect(count('funds')).toEqual([1, 2, 3]);
    expect(SZ_ITEMS.find((i) => i.category === 'funds' && i.number === 2)?.text).toContain('100万以上');
  });
  it('cites items the way the 附件 prints them', () => {
    expect(szCitation('funds', 2)).toBe('襄政发〔2023〕7号附件 四、2.');
    expect(szCitation('decision', 11)).toBe('襄政发〔2023〕7号附件 一、11.');
  });
});

describe('amounts', () => {
  it('reads Arabic and Chinese numerals with 万/亿/元', () => {
    expect(parseAmounts('追加预算150万元').map((a) => a.yuan)).toEqual([1_500_000]);
    expect(parseAmounts('资金1.2亿元').map((a) => a.yuan)).toEqual([120_000_000]);
    expect(parseAmounts('共计2,000,000元').map((a) => a.yuan)).toEqual([2_000_000]);
    expect(parseAmounts('三百万元').map((a) => a.yuan)).toEqual([3_000_000]);
    expect(parseAmounts('100万以上').map((a) => a.yuan)).toEqual([1_000_000]);
    expect(parseAmounts('一千二百五十万元').map((a) => a.yuan)).toEqual([12_500_000]);
  });
  it('ignores numbers that are not money', () => {
    expect(parseAmounts('2023年第5次会议，参会30人')).toEqual([]);
  });
  it('chinese numerals', () => {
    expect(chineseNumber('十五')).toBe(15);
    expect(chineseNumber('两千零五')).toBe(2005);
    expect(Number.isNaN(chineseNumber('abc'))).toBe(true);
  });
  it('formats yuan', () => {
    expect(formatYuan(1_500_000)).toBe('150万元');
    expect(formatYuan(120_000_000)).toBe('1.2亿元');
    expect(formatYuan(500)).toBe('500元');
  });
});

describe('classifyTopic', () => {
  it('a budget adjustment of 100万元 or more is 四、2., and says why', () => {
    const c = classifyTopic('关于追加县教育局2023年校舍维修预算150万元的请示');
    expect(c.major).toBe(true);
    const m = c.matches.find((x) => x.citation.endsWith('四、2.'));
    expect(m?.because).toContain('150万元');
    expect(m?.because).toContain('100万元');
    expect(m?.categoryLabel).toBe('大额资金安排');
  });
  it('exactly 100万元 counts (以上 includes the number)', () => {
    expect(cited('调整追加县级预算100万元用于道路养护')).toContain('四、2.');
  });
  it('below 100万元 is not 三重一大, with a note saying so', () => {
    const c = classifyTopic('关于追加县档案馆预算80万元的请示');
    expect(c.major).toBe(false);
    expect(c.notes.join('')).toContain('不足 100万元');
  });
  it('the 预备费 needs no amount', () => {
    expect(cited('关于动用县级预备费用于防汛抢险的请示')).toContain('四、2.');
  });
  it('a large use of funds without 预算 is only “possible” (四、3. has no figure)', () => {
    const c = classifyTopic('关于拨付固废综合利用科技攻关项目资助经费200万元的议题');
    const m = c.matches.find((x) => x.citation.endsWith('四、3.'));
    expect(m?.strength).toBe('possible');
  });
  it('recognises the other categories', () => {
    expect(cited('审议《襄垣县国土空间总体规划（2021—2035年）》')).toContain('一、3.');
    expect(cited('讨论2023年县人民政府工作报告（征求意见稿）')).toContain('一、4.');
    expect(cited('审议《襄垣县行政规范性文件管理办法》')).toContain('一、5.');
    expect(cited('研究县人民政府班子成员分工调整')).toContain('一、6.');
    expect(cited('县属国企襄垣县投资公司改制重组方案')).toContain('一、7.');
    expect(cited('2023年国有土地供应计划')).toContain('一、8.');
    expect(cited('研究“3·12”生产安全事故的处置方案')).toContain('一、9.');
    expect(cited('提请县人大常委会任免县教育局局长')).toContain('二、2.');
    expect(cited('县属国有企业总经理聘任事项')).toContain('二、4.');
    expect(cited('2023年全县重点工程项目安排')).toContain('三、1.');
    expect(cited('2023年度县级财政预算草案')).toContain('四、1.');
    expect(cited('传达学习全国两会精神并研究贯彻落实措施')).toContain('一、1.');
  });
  it('an ordinary topic is not 三重一大', () => {
    const c = classifyTopic('听取县图书馆开放时间调整情况汇报');
    expect(c.major).toBe(false);
    expect(c.matches.filter((m) => m.strength === 'match')).toEqual([]);
  });
  it('a declared major topic without a cue is 一、11.', () => {
    expect(cited('研究县城供暖价格', true)).toEqual(['一、11.']);
    expect(classifyTopic('研究县城供暖价格', true).major).toBe(true);
  });
});
