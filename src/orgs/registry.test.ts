import { describe, expect, it } from 'vitest';
import { baseOrgsFor, canonicalRole, classify, GENERIC_ORGS, OrgRegistry, splitUnitList } from './registry.ts';

describe('unit registry (襄垣县)', () => {
  const r = () => new OrgRegistry();

  it('resolves the seed’s inconsistent spellings to one unit each', () => {
    const reg = r();
    const same = (a: string, b: string) =>
      expect(reg.resolve(a, { structured: true }).name).toBe(reg.resolve(b, { structured: true }).name);
    same('县卫健局', '县卫体局'); // 21号 附件3 第2747行 vs 正文 第2585行
    same('县体育局', '县卫体局'); // 21号 附件3 第2740行 vs 正文 第2579行
    same('县发政和科技局', '县发改和科技局'); // 21号 附件3 第2717行
    same('县中医院', '县中医医院'); // 21号 附件3 第2773行 vs 正文 第2607行
    same('侯保镇', '侯堡镇政府'); // 17号 附件2 第2214行 vs 第2202行
    same('夏店镇镇政府', '夏店镇人民政府'); // 17号 附件2 第2203行
    same('县应急管理局', '县应急局'); // 24号 附件 第2953行
    same('襄垣县疾病预防控制中心', '县疾控中心'); // 15号 附件8 第1985行
  });

  it('keeps 县体育中心 apart from 县卫体局 (both in one cell: 21号 附件3 第2740行)', () => {
    const reg = r();
    expect(reg.resolve('县体育中心', { structured: true }).name).toBe('县体育中心');
    expect(reg.resolve('县体育局', { structured: true }).name).toBe('县卫体局');
  });

  it('types units', () => {
    const reg = r();
    const kind = (n: string) => reg.resolve(n, { structured: true }).kind;
    expect(kind('襄垣县人民政府')).toBe('government');
    expect(kind('县政府办')).toBe('office');
    expect(kind('县能源局')).toBe('department');
    expect(kind('侯堡镇政府')).toBe('town');
    expect(kind('经开区管委会')).toBe('zone');
    expect(kind('市生态环境局襄垣分局')).toBe('upper');
    expect(kind('县融媒体中心')).toBe('institution');
    expect(kind('山西襄矿晋平煤业有限公司')).toBe('enterprise');
    expect(classify('长治银保监分局襄垣监管组')).toBe('upper');
    expect(classify('县农商银行')).toBe('bank');
  });

  it('resolves collectives to sets', () => {
    const reg = r();
    expect(reg.resolve('各镇政府', { structured: true }).name).toBe('各镇人民政府');
    expect(reg.resolve('县直各相关单位', { structured: true }).name).toBe('县直各有关单位');
    const used = reg.usedRecords();
    expect(used.find((o) => o.name === '各镇人民政府')?.members).toContain('侯堡镇人民政府');
    expect(used.find((o) => o.name === '县直各有关单位')?.members).toContain('县能源局');
  });

  it('各成员单位 resolves to the member set of the document’s group (21号 第2569行), else goes to review', () => {
    const reg = r();
    expect(reg.resolve('各成员单位', { structured: true, groupMembers: '某领导小组成员单位' }).name).toBe(
      '某领导小组成员单位',
    );
    expect(reg.resolve('各成员单位', { structured: true }).name).toBeNull();
    expect(reg.review.at(-1)?.reason).toContain('领导小组');
  });

  it('a member set whose list the gazette does not print is registered and queued (10号 第1497行)', () => {
    const reg = r();
    const res = reg.resolve('县人工增雨防雹协调领导小组各成员单位', { structured: true, line: 1497 });
    expect(res).toMatchObject({ name: '县人工增雨防雹协调领导小组成员单位', kind: 'group' });
    expect(reg.review.some((x) => x.line === 1497)).toBe(true);
  });

  it('an unknown but well-formed unit becomes a record; a near miss is queued with a suggestion', () => {
    const reg = r();
    expect(reg.resolve('县档案馆', { structured: true }).how).toBe('new');
    const res = reg.resolve('县能原局', { structured: true });
    expect(res.how).toBe('new');
    expect(reg.review.find((x) => x.name === '县能原局')?.suggestion).toBe('县能源局');
  });

  it('never drops silently: vague or malformed names go to the review queue', () => {
    const reg = r();
    expect(reg.resolve('有关部门', { structured: true }).name).toBeNull();
    expect(reg.resolve('负责日常工作', { structured: true }).name).toBeNull();
    expect(reg.review.map((x) => x.name)).toEqual(['有关部门', '负责日常工作']);
  });

  it('text mentions of unknown units are queued, not added', () => {
    const reg = r();
    expect(reg.resolve('县档案馆', { structured: false }).name).toBeNull();
    expect(reg.review[0]?.name).toBe('县档案馆');
  });
});

describe('other counties', () => {
  it('uses only the generic base, so 县卫健局 stays 县卫健局 elsewhere', () => {
    const { base, county } = baseOrgsFor('青岚县');
    expect(base).toBe(GENERIC_ORGS);
    const reg = new OrgRegistry(base, county);
    expect(reg.resolve('县卫健局', { structured: true }).name).toBe('县卫健局');
    expect(reg.resolve('青岚县人民政府', { structured: true }).name).toBe('县人民政府');
  });
});

describe('helpers', () => {
  it('splits unit lists, also where the parser removed the spaces (17号 附件2 第2197行)', () => {
    expect(splitUnitList('市生态环境局襄垣分局县水利局')).toEqual(['市生态环境局襄垣分局', '县水利局']);
    expect(splitUnitList('古韩镇政府市生态环境局襄垣分局')).toEqual(['古韩镇政府', '市生态环境局襄垣分局']);
    expect(splitUnitList('县教育局、县卫体局，各镇政府')).toEqual(['县教育局', '县卫体局', '各镇政府']);
    expect(splitUnitList('县医疗集团县中医院县妇计中心')).toEqual(['县医疗集团', '县中医院', '县妇计中心']);
    expect(splitUnitList('县发改和科技局')).toEqual(['县发改和科技局']);
  });
  it('canonical roles (15号 第1595行, 附件2 第1869行)', () => {
    expect(canonicalRole('县政府分管能源工作副县长')).toBe('分管能源工作副县长');
    expect(canonicalRole('县政府分管卫体工作的副县长')).toBe('分管卫体工作副县长');
  });
});
