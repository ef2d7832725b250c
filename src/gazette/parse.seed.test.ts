// The real gazette (襄垣县人民政府公报 2023年第3期) end to end: every notice, date, issuer, disclosure,
// plan and annex the issue names, and the findings an editor should see.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { flatten, parseWithCoverage } from './parse.ts';
import type { Clause, Document, GazetteIssue } from './types.ts';

const hasSeed = seedAvailable();
let issue: GazetteIssue;
let claims: Uint16Array;
const doc = (n: string): Document => {
  const d = issue.documents.find((x) => x.docNumber.text === n);
  if (!d) throw new Error(`missing ${n}`);
  return d;
};
const allClauses = (d: Document): Clause[] => [...flatten(d.body), ...d.attachments.flatMap((a) => flatten(a.clauses))];

describe.skipIf(!hasSeed)('seed gazette 2023年第3期', () => {
  beforeAll(() => {
    const r = parseWithCoverage(seedText());
    issue = r.issue;
    claims = r.coverage.claims;
  });

  it('reads the cover: title, 期号, 出版日期, 主办, 编辑出版, editorial board', () => {
    expect(issue.title).toBe('长治市襄垣县人民政府公报');
    expect([issue.year, issue.number]).toEqual([2023, 3]);
    expect(issue.publishedOn).toBe('2023-10-07');
    expect(issue.publisher).toBe('襄垣县人民政府办公室');
    expect(issue.editor).toBe('襄垣县政府信息中心');
    expect(issue.editorialBoard.find((r) => r.role === '委员')?.names).toEqual(['张麟', '连立航', '杨凯', '史登龙']);
    expect(issue.editorialBoard.find((r) => r.role === '本期责编')?.names).toEqual(['李斌', '付一']);
  });

  it('reads the 14-entry table of contents with issuers and pages, including entries printed after the editorial block', () => {
    expect(issue.toc).toHaveLength(14);
    expect(issue.toc[0]).toMatchObject({ issuer: '襄垣县人民政府', page: 1, section: '县政府文件' });
    expect(issue.toc.map((e) => e.page)).toEqual([1, 38, 66, 79, 81, 85, 92, 104, 119, 147, 148, 174, 180, 188]);
    expect(issue.toc[8]).toMatchObject({
      issuer: '襄垣县人民政府办公室',
      title: '关于印发襄垣县2022年—2023年保水环境质量稳定等4个行动计划的通知',
    });
  });

  it('finds the 14 notices with number, issuer, date and disclosure', () => {
    const rows = issue.documents.map((d) => [d.docNumber.text, d.issuer, d.signedOn, d.disclosure]);
    const gov = '襄垣县人民政府';
    const office = '襄垣县人民政府办公室';
    expect(rows).toEqual([
      ['襄政发〔2023〕4号', gov, '2023-05-06', 'public'],
      ['襄政发〔2023〕6号', gov, '2023-07-07', 'public'],
      ['襄政发〔2023〕7号', gov, '2023-08-07', 'partial'],
      ['襄政发〔2023〕8号', gov, '2023-08-11', 'public'],
      ['襄政发〔2023〕9号', gov, '2023-09-04', 'public'],
      ['襄政发〔2023〕10号', gov, '2023-09-15', 'public'],
      ['襄政办发〔2023〕15号', office, '2023-07-03', 'public'],
      ['襄政办发〔2023〕16号', office, '2023-07-06', 'public'],
      ['襄政办发〔2023〕17号', office, '2023-07-12', 'public'],
      ['襄政办发〔2023〕19号', office, '2023-07-24', 'public'],
      ['襄政办发〔2023〕21号', office, '2023-07-21', 'public'],
      ['襄政办发〔2023〕24号', office, '2023-08-14', 'public'],
      ['襄政办发〔2023〕25号', office, '2023-08-18', 'public'],
      ['襄政办发〔2023〕26号', office, '2023-08-17', 'public'],
    ]);
    expect(doc('襄政办发〔2023〕15号').docNumber).toMatchObject({ agency: '襄政办发', year: 2023, serial: 15 });
  });

  it('reads titles (spaced 通 知 compacted) and 主送机关', () => {
    expect(doc('襄政发〔2023〕8号').title).toBe('关于开展2023年度固废综合利用科技攻关项目的通知');
    expect(doc('襄政办发〔2023〕15号').title).toBe('关于印发襄垣县大面积停电事件应急预案的通知');
    expect(doc('襄政发〔2023〕4号').addressees).toEqual(['各镇人民政府', '经开区管委会', '县直各有关单位']);
    expect(doc('襄政办发〔2023〕26号').addressees).toEqual(['县直各相关单位', '县域各银行机构']);
  });

  it('records the forwarded document of 19号 (转发 长政办发〔2022〕22号)', () => {
    const d = doc('襄政办发〔2023〕19号');
    expect(d.title.startsWith('转发长治市人民政府办公室')).toBe(true);
    expect(d.forwarded.map((f) => f.text)).toEqual(['长政办发〔2022〕22号']);
    expect(d.attachments).toHaveLength(0);
  });

  it('carries the 15 plans', () => {
    const plans = issue.documents.flatMap((d) => d.attachments.filter((a) => a.role === 'plan').map((a) => a.title));
    expect(plans).toEqual([
      '襄垣县妇女发展“十四五”规划',
      '襄垣县儿童发展“十四五”规划',
      '襄垣县“十四五”卫生健康及公共卫生体系规划',
      '襄垣县人民政府工作规则',
      '襄垣县推进气象高质量发展实施方案',
      '襄垣县大面积停电事件应急预案',
      '2023年襄垣县煤炭增产保供工作方案',
      '襄垣县2022年—2023年保水环境质量稳定行动计划',
      '襄垣县2022年—2023年空气质量再提升行动计划',
      '襄垣县2022年—2023年土壤污染防治行动计划',
      '襄垣县2022年—2023年地下水污染防治行动计划',
      '襄垣县创建国家慢性病综合防控示范区工作方案',
      '襄垣县国土空间专项规划编制工作方案',
      '襄垣县县级医疗机构综合能力提升三年行动方案',
      '襄垣县银行业金融机构支持地方经济发展实绩评价激励实施方案',
    ]);
  });

  it('reads the outage plan annexes 附件1–8 (附件3 listed but not printed, 附件5 a title only)', () => {
    const d = doc('襄政办发〔2023〕15号');
    expect(d.attachmentList).toHaveLength(8);
    const annexes = d.attachments.filter((a) => a.role === 'annex');
    expect(annexes.map((a) => [a.number, a.title])).toEqual([
      [1, '国家大面积停电事件分级标准'],
      [2, '襄垣县大面积停电事件应急指挥机构及职责'],
      [4, '襄垣县大面积停电事件应急响应启动条件'],
      [5, '襄垣县大面积停电事件应急响应流程图'],
      [6, '襄垣县停电事件即时报告单'],
      [7, '襄垣县大面积停电事件信息发布审批表'],
      [8, '相关单位联系电话'],
    ]);
    expect(annexes.every((a) => a.planTitle === '襄垣县大面积停电事件应急预案')).toBe(true);
    const missing = issue.findings.find((f) => f.kind === 'attachment-numbering' && f.message.includes('附件3'));
    expect(missing?.message).toContain('襄垣县大面积停电指挥部工作组设置及职责任务');
    // 附件1: the national grading table, 4 levels
    const grading = flatten(annexes[0]?.clauses ?? []).find((c) => c.table)?.table;
    expect(grading?.header).toEqual(['事件等级', '事件分级标准']);
    expect(grading?.rows.map((r) => r[0])).toEqual([
      '特别重大 大面积停电事件',
      '重大 大面积停电事件',
      '较大 大面积停电事件',
      '一般 大面积停电事件',
      expect.stringContaining('以上”包括本数'),
    ]);
    // 附件2: three pages merged into one table, repeated headers dropped
    const command = flatten(annexes[1]?.clauses ?? []).find((c) => c.table)?.table;
    expect(command?.fragments).toBe(3);
    expect(command?.rows.filter((r) => r[0] === '指挥机构')).toHaveLength(0);
    // 附件8: the contact directory
    const contacts = flatten(annexes[6]?.clauses ?? []).find((c) => c.table)?.table;
    expect(contacts?.rows).toHaveLength(14);
    expect(contacts?.rows[5]).toEqual(['襄垣县能源局', '0355—7291995']);
  });

  it('numbers the outage plan with dotted clauses and cites them (4.3 程序与时限; 5.4.2 for termination)', () => {
    const clauses = allClauses(doc('襄政办发〔2023〕15号'));
    const c43 = clauses.find((c) => c.num === '4.3');
    expect(c43).toMatchObject({
      eId: 'att_1__num_4__num_3',
      heading: '程序与时限',
      citation: '《襄垣县大面积停电事件应急预案》4.3',
    });
    expect(c43?.children.map((c) => c.text).join('')).toContain('30分钟内电话报告，1小时内书面报告');
    expect(clauses.some((c) => c.num === '5.4.2')).toBe(true);
  });

  it('reads the four action plans of 17号 with their annexes (water-quality targets, key projects)', () => {
    const d = doc('襄政办发〔2023〕17号');
    expect(d.attachments.filter((a) => a.role === 'plan')).toHaveLength(4);
    const water = d.attachments.find((a) => a.number === 1);
    const table = flatten(water?.clauses ?? []).find((c) => c.table)?.table;
    expect(table?.header).toEqual(['序号', '行政区域', '河流', '断面名称', '级别', '2023年目标']);
    expect(table?.rows.slice(0, 3).map((r) => r[5])).toEqual(['Ⅱ类', 'Ⅲ类', 'Ⅲ类']);
    const projects = flatten(d.attachments.find((a) => a.number === 2)?.clauses ?? []).find((c) => c.table)?.table;
    expect(projects?.header).toEqual(['序号', '水源地名称', '任务内容', '责任单位', '责任人', '完成时间']);
    expect(projects?.fragments).toBe(3);
    expect(projects?.rows[0]).toEqual(['一、饮用水源地保护区划分 (2个)']);
  });

  it('reads the 300-point table of 21号 across its pages, and flags its “附件 3” heading', () => {
    const d = doc('襄政办发〔2023〕21号');
    const annex = d.attachments.find((a) => a.role === 'annex' && a.number === 2);
    expect(annex?.label).toBe('附件3');
    const clause = flatten(annex?.clauses ?? []).find((c) => c.table);
    const table = clause?.table;
    expect(table?.header).toEqual(['指标分类', '指标内容', '指标要求', '赋分标准', '责任单位']);
    // the clause text (what search indexes) covers the rows of the later pages too, and the 合计 row
    expect(clause?.text).toContain('提高管理人群高血压');
    expect(clause?.text).toContain('合计');
    expect(table?.rows.at(-1)).toEqual(['合计', '300']);
    expect(table?.fragments).toBeGreaterThanOrEqual(8);
    expect(table?.rows.some((r) => r.join('').includes('≥10%'))).toBe(true); // $\geq 10\%$ → ≥10%
    expect(
      issue.findings.some(
        (f) => f.kind === 'attachment-numbering' && f.docNumber === d.docNumber.text && f.message.includes('附件3'),
      ),
    ).toBe(true);
  });

  it('reads the 24号 catalogue with its two-row header and reports 62 declared vs 56 listed', () => {
    const d = doc('襄政办发〔2023〕24号');
    const table = flatten(d.attachments[1]?.clauses ?? []).find((c) => c.table)?.table;
    expect(table?.header).toEqual([
      '序号',
      '专项规划名称',
      '牵头单位',
      '编制进度/已编',
      '编制进度/在编',
      '编制进度/未编',
      '2023年计划编制',
    ]);
    expect(table?.rows).toHaveLength(56);
    expect(table?.rows[11]).toEqual(['12', '国土综合整治和生态修复专项规划', '县自然资源局', '', '', '√', '√']);
    const f = issue.findings.find((x) => x.kind === 'table-total' && x.docNumber === d.docNumber.text);
    expect(f?.message).toContain('62');
    expect(f?.message).toContain('56');
  });

  it('reads the bank indicator table of 26号: ten classes, 26 items, over three pages', () => {
    const table = flatten(doc('襄政办发〔2023〕26号').attachments[1]?.clauses ?? []).find((c) => c.table)?.table;
    expect(table?.header).toEqual(['指标名称', '评价内容', '评价标准', '权重', '数据来源']);
    expect(table?.rows).toHaveLength(26);
    expect(table?.rows[0]).toEqual([
      '贷款增长',
      '当年贷款增量排序',
      '第一名得40分，依次递减1分',
      '30%',
      '人民银行襄垣支行',
    ]);
  });

  it('reads the health indicator table of 6号 (two pages merged) and keeps the plan’s own table of contents literal', () => {
    const d = doc('襄政发〔2023〕6号');
    const plan = d.attachments[0];
    expect(plan?.clauses[0]).toMatchObject({ kind: 'heading', heading: '目录' });
    expect(plan?.clauses.filter((c) => c.kind === 'chapter').map((c) => c.eId)).toEqual([
      'att_1__chp_1',
      'att_1__chp_2',
      'att_1__chp_3',
      'att_1__chp_4',
      'att_1__chp_5',
    ]);
    const table = flatten(plan?.clauses ?? []).find((c) => c.table)?.table;
    expect(table?.header).toEqual(['指标', '2020年', '2025年', '属性']);
    expect(table?.fragments).toBe(2);
    expect(table?.rows).toContainEqual([
      '(7) 以乡(镇、街道)为单位适龄儿童免疫规划疫苗接种率 (%)',
      '95',
      '≥95',
      '约束性',
    ]);
    expect(issue.findings.some((f) => f.docNumber === d.docNumber.text && f.message.includes('重大项目表'))).toBe(true);
  });

  it('reads 8号 project list with its 合计, which adds up', () => {
    const table = flatten(doc('襄政发〔2023〕8号').attachments[0]?.clauses ?? []).find((c) => c.table)?.table;
    expect(table?.rows).toHaveLength(6);
    expect(table?.rows[5]).toEqual(['合计', '', '', '200']);
    expect(issue.findings.filter((f) => f.docNumber === '襄政发〔2023〕8号' && f.kind === 'table-total')).toEqual([]);
  });

  it('reads the work rules (7号) as chapters and articles', () => {
    const plan = doc('襄政发〔2023〕7号').attachments[0];
    const arts = flatten(plan?.clauses ?? []).filter((c) => c.kind === 'article');
    expect(arts).toHaveLength(46);
    expect(arts.find((a) => a.num === '第三十七条')?.citation).toMatch(/^《襄垣县人民政府工作规则》第七章第三十七条$/);
  });

  it('rejoins paragraphs split by page breaks (县妇 + 儿工委) and split bold headings', () => {
    const clauses = allClauses(doc('襄政发〔2023〕4号'));
    expect(clauses.some((c) => c.text.includes('县妇儿工委组织开展中期和总结评估'))).toBe(true);
    expect(clauses.find((c) => c.num === '（3）' && c.text.startsWith('保障女性接受中小学教育权利'))?.heading).toBe(
      '保障女性接受中小学教育权利',
    );
    const water = allClauses(doc('襄政办发〔2023〕17号'));
    expect(water.find((c) => c.num === '11.' && c.heading?.startsWith('强化地下水型饮用水水源补给'))?.heading).toBe(
      '强化地下水型饮用水水源补给区保护',
    );
  });

  it('gives every clause a unique eId within its document', () => {
    for (const d of issue.documents) {
      const ids = allClauses(d).map((c) => c.eId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('reports what an editor must know', () => {
    const kinds = (k: string) => issue.findings.filter((f) => f.kind === k);
    expect(kinds('toc-title-mismatch').map((f) => f.docNumber)).toEqual(
      expect.arrayContaining([
        '襄政发〔2023〕6号',
        '襄政发〔2023〕7号',
        '襄政发〔2023〕8号',
        '襄政办发〔2023〕16号',
        '襄政办发〔2023〕17号',
        '襄政办发〔2023〕19号',
      ]),
    );
    expect(kinds('date-order').map((f) => f.docNumber)).toEqual(['襄政办发〔2023〕21号', '襄政办发〔2023〕26号']);
    expect(kinds('ocr-latin').map((f) => f.line)).toEqual(expect.arrayContaining([531, 945, 1338, 1541, 2100, 2336]));
    expect(kinds('unplaced-text')).toEqual([]);
    expect(issue.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('places every non-blank line exactly once', () => {
    const lines = seedText().split('\n');
    lines.forEach((l, i) => {
      if (l.trim() !== '') expect(claims[i + 1], `line ${i + 1}: ${l.slice(0, 30)}`).toBe(1);
    });
  });
});
