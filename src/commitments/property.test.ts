// Property tests: the extractors never throw on arbitrary clause text, and what they return is well-formed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrgRegistry } from '../orgs/registry.ts';
import { dueDate, findDeadlines, parsePeriod } from './dates.ts';
import { parseValueCell, proseTargets } from './targets.ts';
import { parseAssignment } from './tasks.ts';
import { extractMini } from './testkit.ts';

const fragment = fc.constantFrom(
  '达到90%以上',
  '下降到12/10万以内',
  '不少于2.69万吨',
  '以2020年为基数下降20%',
  '持续下降',
  '分别降至3.2‰、5.0‰和5.0‰以下',
  '均保持在99.95%以上',
  '稳定保持地表水Ⅱ类',
  '至少有1所',
  '新建地面标准化作业点2个',
  '（责任单位：县气象局、各镇人民政府）',
  '（县住建局牵头，县水利局按职责分工配合）',
  '（有关方面牵头）',
  '年底前',
  '2023年12月底前',
  '2024年1月—2024年12月底',
  '每年11月15日前',
  '，',
  '。',
  '；',
  '、',
  '（',
  '）',
  '(1)',
  '县',
  '率',
  '比例',
  '5岁以下',
  '150万吨以上',
  '30—50米',
);
const text = fc
  .array(fc.oneof({ weight: 3, arbitrary: fragment }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), {
    maxLength: 30,
  })
  .map((xs) => xs.join(''));

describe('extractor properties', () => {
  it('prose targets never throw and give finite values or null', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1990, max: 2100 }), (t, year) => {
        for (const x of proseTargets(t, { planYear: year })) {
          expect(x.name.length).toBeGreaterThan(0);
          expect(x.value === null || Number.isFinite(x.value)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('assignments, dates and value cells never throw; dates are valid YYYY-MM-DD', () => {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    fc.assert(
      fc.property(text, (t) => {
        parseAssignment(t);
        parseValueCell(t);
        for (const d of findDeadlines(t, { year: 2023 })) expect(d.date).toMatch(iso);
        const due = dueDate(t, { year: 2023 });
        if (due) expect(Number.isNaN(Date.parse(due.date))).toBe(false);
        const p = parsePeriod(t, { year: 2023 });
        for (const v of [p.start, p.end]) if (v) expect(v).toMatch(iso);
      }),
      { numRuns: 400 },
    );
  });
  it('the registry never throws on any name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.boolean(), (name, structured) => {
        const reg = new OrgRegistry();
        const r = reg.resolve(name, { structured });
        expect(r.name === null || typeof r.name === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('whole-plan extraction never throws on arbitrary clause text', () => {
    const line = fc.oneof(
      text,
      fc.constantFrom(
        '## 一、工作目标',
        '### （一）任务',
        '1. 某项任务。',
        '组 长：县长',
        '成 员：县能源局、县水利局。',
        '序号\t项目名称\t责任单位\t完成时间',
        '1\t某项目\t县能源局\t2023年12月',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const r = extractMini(lines.join('\n\n'));
        for (const t of r.tasks) expect(Array.isArray(t.lead)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
