import { describe, expect, it } from 'vitest';
import { extractMini } from './testkit.ts';

const annex = `## 2023年度襄垣县固废综合利用科技攻关项目清单

序号\t项目名称\t项目负责人\t资助经费 (万元)\t实施 年限
1\t煤基固废制备碳基新材料的理化性能测试及检测规范制定\t杨凤玲\t50\t2
2\t焦化硫膏的提纯及高值化利用技术开发\t王宝凤\t40\t2
合计\t\t\t90\t`;

describe('projects (8号 附件 第1354—1360行)', () => {
  it('reads name, owner, funding in 万元 and years; the 合计 row checks the sum', () => {
    const r = extractMini('## 一、项目\n\n同意开展项目。', { annex });
    expect(r.projects.map((p) => [p.name, p.owner, p.fundingWan, p.years])).toEqual([
      ['煤基固废制备碳基新材料的理化性能测试及检测规范制定', '杨凤玲', 50, 2],
      ['焦化硫膏的提纯及高值化利用技术开发', '王宝凤', 40, 2],
    ]);
    expect(r.findings.filter((f) => /合计/.test(f.message))).toEqual([]);
  });
  it('a sum that differs from 合计 is a finding', () => {
    const r = extractMini('## 一、项目\n\n同意开展项目。', { annex: annex.replace('\t90\t', '\t95\t') });
    expect(r.findings.some((f) => /合计 95 万元/.test(f.message))).toBe(true);
  });
});
