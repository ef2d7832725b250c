// The counting rule of 第二十九条 (count.ts): what one 字 is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChars } from './count.ts';

describe('countChars (第二十九条 counting rule)', () => {
  it('counts every Chinese character and every punctuation mark as one', () => {
    expect(countChars('请示应当一文一事。')).toBe(9);
    expect(countChars('“十四五”规划')).toBe(7);
    expect(countChars('《通知》，（一）；')).toBe(9);
  });

  it('counts a run of letters and digits as one, a number with its point, comma, colon or percent sign as one', () => {
    expect(countChars('2023年')).toBe(2);
    expect(countChars('5G基站')).toBe(3);
    expect(countChars('增长12.5%')).toBe(3);
    expect(countChars('1,000万元')).toBe(3);
    expect(countChars('8:30开会')).toBe(3);
    expect(countChars('GB/T 2260')).toBe(4); // GB, /, T, 2260
  });

  it('does not count white space or Markdown markup', () => {
    expect(countChars('  通 知\t\n')).toBe(2);
    expect(countChars('# **关于请示的通知**')).toBe(7);
    expect(countChars('- 第一项')).toBe(3);
    expect(countChars('\u3000\u3000正文')).toBe(2);
  });

  it('counts a surrogate pair (an extension-B character) as one', () => {
    expect(countChars('𠀀字')).toBe(2);
  });

  it('joining two texts with a line break changes the count by at most one (a number split in two)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(countChars(`${a}\n${b}`)).toBeLessThanOrEqual(countChars(a) + countChars(b));
        expect(countChars(`${a}\n${b}`)).toBeGreaterThanOrEqual(countChars(a) + countChars(b) - 1);
      }),
    );
  });
});
