import { describe, expect, it } from 'vitest';
import { parseAssignment } from './tasks.ts';
import { extractMini } from './testkit.ts';

describe('parseAssignment', () => {
  it('（责任单位：…）lists leads only (10号 第1475行)', () => {
    const a = parseAssignment(
      '依法保护气象台站探测环境。（责任单位：县气象局、县发改和科技局、县财政局、县直属机关事务服务中心，各镇人民政府）',
    );
    expect(a?.lead).toEqual(['县气象局', '县发改和科技局', '县财政局', '县直属机关事务服务中心', '各镇人民政府']);
    expect(a?.support).toEqual([]);
  });
  it('X牵头，Y、Z按职责分工配合 (17号 第2114行), half-width brackets', () => {
    const a = parseAssignment(
      '拓宽再生水利用渠道。（县住建局牵头，县发改和科技局、县工信局、县自然资源局、县水利局、市生态环境局襄垣分局按职责分工配合）',
    );
    expect(a?.lead).toEqual(['县住建局']);
    expect(a?.support).toEqual(['县发改和科技局', '县工信局', '县自然资源局', '县水利局', '市生态环境局襄垣分局']);
  });
  it('X、Y按职责分工牵头 (17号 第2118行) and 按照职责分工牵头，各镇配合 (第2286行)', () => {
    expect(parseAssignment('(县水利局、市生态环境局襄垣分局按职责分工牵头)')?.lead).toEqual([
      '县水利局',
      '市生态环境局襄垣分局',
    ]);
    const a = parseAssignment('（县农业农村局、县现代农业发展中心按照职责分工牵头，各镇配合）');
    expect(a?.lead).toEqual(['县农业农村局', '县现代农业发展中心']);
    expect(a?.support).toEqual(['各镇']);
  });
  it('X负责 (a trailing 负责 is an assignment)', () => {
    expect(parseAssignment('城区道路机械化清扫率达到95%以上。（县住建局负责）')?.lead).toEqual(['县住建局']);
  });
  it('ignores parentheses that are not assignments, and those not closing the clause', () => {
    expect(parseAssignment('新增或更换的公交车、出租车(含网约车)全部使用新能源汽车。')).toBeNull();
    expect(parseAssignment('（县住建局牵头）之后还有正文。')).toBeNull();
  });
});

describe('assignment tasks', () => {
  const plan = `## 二、重点任务

### （一）强化水资源管控

1. 保障河流生态流量。以我县境内

浊漳西源、南源、北源为重点，制定生态流量保障实施方案。（县水利局牵头）

3. 提升饮用水水源保护水平。年底前完成县城集中式饮用水水源保护区规范化建设。

(县水利局、市生态环境局襄垣分局按职责分工牵头)

**5. 强化工业企业排水监管。**严格排水许可管理。(县水利局、市生态环境局襄垣分局按职责分工牵头,县住建局、县行政审批局、市生态环境局襄垣分局按职责分工配合)

**7. 补齐生活污水处理能力短板。**对于已建成的农村污水处理设施要确保正常运行率达80%以上。（县住建局、市生态环境局襄垣分局按职责分工牵头，县农业农村局、县市政园林服务中心、涉及镇政府按职责分工配合）
`;
  const r = extractMini(plan, { planTitle: '襄垣县2022年—2023年保水环境质量稳定行动计划' });

  it('joins an assignment broken from its clause by a page break (17号 第2110—2112、2116—2118行)', () => {
    const t1 = r.tasks.find((t) => t.title === '保障河流生态流量');
    expect(t1?.lead).toEqual(['县水利局']);
    const t3 = r.tasks.find((t) => t.title === '提升饮用水水源保护水平');
    expect(t3?.lead).toEqual(['县水利局', '市生态环境局襄垣分局']);
    expect(t3?.due).toBe('2023-12-31');
    expect(t3?.text).not.toContain('牵头');
  });
  it('a unit that is lead and support stays lead, with a finding (17号 第2124—2126行)', () => {
    const t5 = r.tasks.find((t) => t.title === '强化工业企业排水监管');
    expect(t5?.lead).toEqual(['县水利局', '市生态环境局襄垣分局']);
    expect(t5?.support).toEqual(['县住建局', '县行政审批局']);
    expect(r.findings.some((f) => f.kind === 'assignment-overlap')).toBe(true);
  });
  it('collective 涉及镇政府 resolves to the registry collective (17号 第2132行)', () => {
    const t7 = r.tasks.find((t) => t.title === '补齐生活污水处理能力短板');
    expect(t7?.support).toEqual(['县农业农村局', '县市政园林服务中心', '涉及镇政府']);
    expect(r.orgs.find((o) => o.name === '涉及镇政府')?.members?.length).toBeGreaterThan(0);
  });
  it('an assignment naming no unit is kept and reported, not dropped or invented', () => {
    const bad = extractMini('## 一、任务\n\n1. 做好某项工作。加强协调。（有关方面牵头）\n');
    const t = bad.tasks[0];
    expect(t?.lead).toEqual([]);
    expect(bad.findings.some((f) => f.kind === 'assignment-no-unit')).toBe(true);
    expect(bad.review.some((x) => x.name === '有关方面')).toBe(true);
  });
});

describe('table tasks', () => {
  const annex = `## 襄垣县2022年—2023年保水环境质量稳定行动计划重点项目清单

二、农村环境治理 (3个)\t\t\t\t\t
序号\t行政村名称\t整治内容\t责任单位\t责任人\t完成时间
1\t东畛村\t生活污水治理率达到60%,黑臭水体整治率到达80%。\t古韩镇政府 市生态环境局襄垣分局\t路伟 赵志清\t2023年12月
2\t西周村\t\t侯堡镇政府 市生态环境局襄垣分局\t刘志杰 赵志清\t2023年12月
3\t九龙村\t\t夏店镇镇政府 市生态环境局襄垣分局\t郭容德 赵志清\t2023年12月
`;
  const r = extractMini('## 一、目标\n\n全面完成任务。\n', { annex });
  const rows = r.tasks.filter((t) => t.source === 'table');
  it('one task per row, units split and canonicalised (17号 附件2 第2201—2203行: 夏店镇镇政府 → 夏店镇人民政府)', () => {
    expect(rows.map((t) => t.title)).toEqual(['东畛村', '西周村', '九龙村']);
    expect(rows[2]?.lead).toEqual(['夏店镇人民政府', '市生态环境局襄垣分局']);
    expect(rows[0]?.due).toBe('2023-12-31');
    expect(rows[0]?.persons).toEqual(['路伟', '赵志清']);
  });
  it('an empty content cell is a finding, the row is kept (第2202行)', () => {
    expect(rows[1]?.text).toBe('');
    expect(r.findings.filter((f) => f.kind === 'table-missing-cell').length).toBe(2);
  });
  it('targets in the content cell take the row as prefix (第2201行)', () => {
    expect(r.targets.map((t) => [t.name, t.target.op, t.target.value, t.unit])).toEqual([
      ['东畛村生活污水治理率', '>=', 60, '%'],
      ['东畛村黑臭水体整治率', '>=', 80, '%'],
    ]);
  });
});
