import { describe, expect, it } from 'vitest';
import { splitRoles, unitOfRole } from './groups.ts';
import { extractMini } from './testkit.ts';

describe('roles', () => {
  it('distributes a role suffix over a 、 list (9号 附件 第1430—1431行)', () => {
    expect(splitRoles('县政府办副主任，县农业农村局、县自然资源局主要负责人')).toEqual([
      '县政府办副主任',
      '县农业农村局主要负责人',
      '县自然资源局主要负责人',
    ]);
  });
  it('keeps 分管A、B工作的副县长 as one role (16号 附件 第2067—2068行)', () => {
    expect(splitRoles('分管能源、自然资源工作的副县长')).toEqual(['分管能源、自然资源工作副县长']);
    expect(splitRoles('县政府分管农业工作副县长')).toEqual(['分管农业工作副县长']);
  });
  it('the unit behind a role', () => {
    expect(unitOfRole('县农业农村局主要负责人')).toBe('县农业农村局');
    expect(unitOfRole('县政府办副主任')).toBe('县政府办');
    expect(unitOfRole('县长')).toBeNull();
  });
});

describe('groups', () => {
  it('a member-list annex with office and working groups (9号 附件 第1425—1443行)', () => {
    const annex = `## 襄垣县第三次全国土壤普查领导小组 成员名单

组 长：县政府分管农业工作副  
县长

副组长：县政府办副主任，县农业  
农村局、县自然资源局主要负责人

成 员：县发改和科技局、县财政  
局、县水利局、县林业局、县统计局、  
市生态环境局襄垣分局、国家统计局襄

垣调查队分管负责人。

领导小组办公室设在县农业农村  
局，主任由县农业农村局主要负责人兼  
任。负责领导小组日常工作，内设综合  
协调和专业技术2个工作组，工作人员  
根据需要从各有关单位抽调。`;
    const r = extractMini('## 一、工作任务\n\n全面摸清土壤类型。各成员单位要各司其职。\n', { annex });
    const [g] = r.groups;
    expect(g?.name).toBe('襄垣县第三次全国土壤普查领导小组');
    expect(g?.leader).toBe('分管农业工作副县长');
    expect(g?.deputies).toEqual(['县政府办副主任', '县农业农村局主要负责人', '县自然资源局主要负责人']);
    expect(g?.members).toEqual([
      '县发改和科技局',
      '县财政局',
      '县水利局',
      '县林业局',
      '县统计局',
      '市生态环境局襄垣分局',
      '国家统计局襄垣调查队',
    ]);
    expect(g?.office).toEqual({ host: '县农业农村局', directors: ['县农业农村局主要负责人'] });
    expect(g?.subgroups.map((s) => s.name)).toEqual(['综合协调组', '专业技术组']);
    expect(r.orgs.find((o) => o.name === '分管农业工作副县长')?.kind).toBe('role');
  });

  it('a command in a clause, named by its 简称, with 7 working groups (15号 2.1 / 2.1.1 第1589—1605行)', () => {
    const plan = `## 2 组织体系

### 2.1 组织体系构成

县人民政府设立县大面积停电事件应急指挥部（简称县指挥部），统一领导、组织和指挥全县大面积停电事件。

### 2.1.1 县指挥部组成及职责

指挥长：分管能源工作副县长

副指挥长：县政府办副主任，县发改和科技局、县应急局、县能源局主要负责人。

成员单位：县委宣传部、县能源局、县气象局、县供电公司。根据应对工作需要，可增加有关镇政府、部门和相关电力企业。

县指挥部下设办公室，设在县能源局，办公室主任由县能源局主要负责人兼任，负责日常工作。

县指挥部工作组下设综合协调组、电力恢复组、专家技术组、社会稳定组、宣传报道组、应急保障组、善后工作组等7个专项组。`;
    const r = extractMini(plan, { planTitle: '襄垣县大面积停电事件应急预案' });
    const [g] = r.groups;
    expect(g?.name).toBe('县大面积停电事件应急指挥部');
    expect(g?.kind).toBe('command');
    expect(g?.leader).toBe('分管能源工作副县长');
    expect(g?.members).toEqual(['县委宣传部', '县能源局', '县气象局', '县供电公司']);
    expect(g?.office?.host).toBe('县能源局');
    expect(g?.subgroups.length).toBe(7);
  });

  it('a group founded in prose (26号 第3138—3142行), and 各成员单位 resolving to it', () => {
    const plan = `## 四、组织领导

评价工作在县委、县政府统一领导下开展，县政府成立了以分管金融工作副县长任组长，县政府办分管副主任、人民银行襄垣支行等主要负责人任副组长，各银行机构主要负责人为成员的襄垣县银行业金融机构支持地方经济发展实绩评价激励领导小组。

领导小组下设办公室，办公室设在县政府办，主任由县政府办分管副主任兼任，负责评价工作的具体实施。

## 五、任务

1. 报送材料。按季度报送。（责任单位：县政府办、各成员单位）`;
    const r = extractMini(plan);
    const [g] = r.groups;
    expect(g?.leader).toBe('分管金融工作副县长');
    expect(g?.deputies).toEqual(['县政府办分管副主任', '人民银行襄垣支行主要负责人']);
    expect(g?.members).toEqual(['县域各银行机构']);
    expect(g?.office).toEqual({ host: '县政府办', directors: ['县政府办分管副主任'] });
    expect(r.tasks[0]?.lead).toEqual(['县政府办', `${g?.name}成员单位`]);
  });
});
