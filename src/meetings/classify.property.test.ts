// Properties of the 三重一大 classifier: amounts read back exactly, and 附件 四、2. fires exactly at 100万元 and above.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyTopic, parseAmounts } from './classify.ts';

const hasFunds2 = (text: string) =>
  classifyTopic(text).matches.some((m) => m.category === 'funds' && m.number === 2 && m.strength === 'match');

describe('classifier properties', () => {
  it('“N万元” and “N元” read back as N×10 000 and N yuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), (n) => {
        expect(parseAmounts(`拨付${n}万元`).map((a) => a.yuan)).toEqual([n * 10_000]);
        expect(parseAmounts(`拨付${n}元`).map((a) => a.yuan)).toEqual([n]);
      }),
    );
  });
  it('a budget adjustment is 四、2. if and only if it is 100万元 or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('追加', '调整', '调增'), (wan, verb) => {
        const text = `关于${verb}县级预算${wan}万元的请示`;
        expect(hasFunds2(text)).toBe(wan >= 100);
        expect(classifyTopic(text).major).toBe(wan >= 100);
      }),
    );
  });
  it('whatever the text, the classifier answers (no throw) and every match cites the 附件', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const c = classifyTopic(text);
        for (const m of c.matches) expect(m.citation).toMatch(/^襄政发〔2023〕7号附件 [一二三四]、\d+\.$/);
      }),
    );
  });
});
