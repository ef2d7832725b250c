import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  compactCjkSpaces,
  displayText,
  endsSentence,
  matchForm,
  parseChineseDate,
} from './normalize.ts';
import { splitNames } from './parse.ts';

describe('normalize', () => {
  it('unifies brackets and punctuation for matching, keeps display text', () => {
    expect(matchForm('（一）总体要求：')).toBe(matchForm('(一) 总体要求:'));
    expect(matchForm('襄政发〔2023〕4号')).toBe(matchForm('襄政发[2023]4号'));
    expect(displayText('## **（一）指导思想。**')).toBe('（一）指导思想。');
  });

  it('compacts OCR spaces between Chinese characters but not between Latin words', () => {
    expect(compactCjkSpaces('关于开展工作的 通 知')).toBe('关于开展工作的通知');
    expect(compactCjkSpaces('襄垣县 2022 年—2023 年')).toBe('襄垣县2022年—2023年');
    expect(compactCjkSpaces('PM 2.5 and NO x')).toBe('PM 2.5 and NO x');
  });

  it('removes HTML and LaTeX fragments from table cells', () => {
    expect(displayText('<p>1. 长治电网</p> <p>2. 襄垣</p>')).toBe('1. 长治电网 2. 襄垣');
    expect(displayText('事故报告 <input type="checkbox"/>')).toBe('事故报告 ☐');
    expect(displayText('PM<sub>2.5</sub>')).toBe('PM2.5');
    expect(displayText('下降 $\\geq 10\\%$ , 8分')).toBe('下降≥10%, 8分');
  });

  it('reads Chinese numerals', () => {
    expect([
      chineseNumber('一'),
      chineseNumber('十'),
      chineseNumber('十二'),
      chineseNumber('二十'),
      chineseNumber('四十六'),
      chineseNumber('一百零五'),
    ]).toEqual([1, 10, 12, 20, 46, 105]);
    expect(Number.isNaN(chineseNumber('甲'))).toBe(true);
  });

  it('reads and validates Chinese dates', () => {
    expect(parseChineseDate('2023年5月6日')).toBe('2023-05-06');
    expect(parseChineseDate('2023 年 10 月 7 日')).toBe('2023-10-07');
    expect(parseChineseDate('2023年2月30日')).toBeNull();
  });

  it('knows where a sentence ends', () => {
    expect(endsSentence('制定本方案。')).toBe(true);
    expect(endsSentence('县妇')).toBe(false);
    expect(endsSentence('**（二）总体目标。**在全方位推动襄垣')).toBe(false);
  });

  it('pairs single characters of spaced-out names', () => {
    expect(splitNames('张 麟 连立航')).toEqual(['张麟', '连立航']);
    expect(splitNames('李 斌 付 一')).toEqual(['李斌', '付一']);
  });

  it('compacts exactly like the regular-expression definition it replaced', () => {
    const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
    const P = `${CJK}“”《》（）〔〕、，。：；！？—`;
    const between = new RegExp(`(?<=[${P}])[ \\t\\u3000]+(?=[${P}])`, 'g');
    const digits = new RegExp(`(?<=[${CJK}])\\s+(?=\\d+(?![.．、\\d]))|(?<=\\d)\\s+(?=[${CJK}])`, 'g');
    const reference = (s: string) => {
      const t = s.trim();
      return t.replace(between, '').replace(digits, '');
    };
    const piece = fc.constantFrom(
      '县',
      '通',
      '知',
      ' ',
      '  ',
      '\t',
      '\u3000',
      '2022',
      '2.',
      '3',
      '年',
      '、',
      '（',
      'a',
      'PM',
      '.',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(compactCjkSpaces(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('matchForm is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => matchForm(matchForm(s)) === matchForm(s)));
  });
});
