// Property tests: the parser never throws on arbitrary text, and every non-blank input line ends up in
// exactly one node, metadata field or finding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWithCoverage } from './parse.ts';

// Lines that look like a gazette, so random documents exercise the structural paths, not just the fallbacks.
const gazetteLine = fc.constantFrom(
  '# 某县人民政府公报',
  '2024 第 2 期',
  '- 某县人民政府  ',
  '关于印发某某方案的通知 ..... 12',
  '### 县政府文件',
  '主 编：张 三',
  '某县人民政府',
  '关于印发某某实施方案的通知',
  '某政发〔2024〕3号',
  '某政办发[2024]12号',
  '各镇人民政府，县直各有关单位：',
  '2024年3月5日',
  '2024年2月30日',
  '(此件公开发布)',
  '（此件部分公开）',
  '# 某县某某实施方案',
  '## 一、总体要求',
  '**（一）指导思想。**坚持以人民为中心。',
  '1. 主要目标。(1) 达到95%以上。',
  '（2）保持在45%左右',
  '第一章 总 则',
  '**第一条** 根据有关规定，制定本规则。',
  '4.2.1 信息首报',
  '1 总则',
  '附件：1. 某某清单',
  '2. 某某名单',
  '附件',
  '附件 3',
  '## 某某项目清单',
  '序号\t项目名称\t资助经费 (万元)',
  '1\t项目甲\t50',
  '合计\t\t49',
  '\t\t已编\t在编',
  '<b>健康水平</b>\t\t',
  '县妇',
  '儿工委组织开展评估。',
  '国家 and 省、市',
  '**11. 强化补给**',
  '**区保护。**年底前完成。',
  '',
  '',
  '   ',
);
const anyLine = fc.oneof(
  { weight: 4, arbitrary: gazetteLine },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

describe('parser properties', () => {
  it('never throws, and places every non-blank line exactly once', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 80 }), (lines) => {
        const text = lines.join('\n');
        const { issue, coverage } = parseWithCoverage(text);
        expect(Array.isArray(issue.documents)).toBe(true);
        coverage.lines.forEach((l) => {
          if (!l.blank) expect(coverage.claims[l.no], `line ${l.no} «${l.raw}»`).toBe(1);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('accepts CRLF line ends and a BOM with the same result as LF', () => {
    fc.assert(
      fc.property(fc.array(gazetteLine, { maxLength: 40 }), (lines) => {
        const lf = parseWithCoverage(lines.join('\n')).issue;
        const crlf = parseWithCoverage(`\uFEFF${lines.join('\r\n')}`).issue;
        expect(crlf).toEqual(lf);
      }),
      { numRuns: 150 },
    );
  });
});
