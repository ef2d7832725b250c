import { describe, expect, it } from 'vitest';
import type { Table } from '../gazette/types.ts';
import {
  cleanName,
  distributeNames,
  inferDirection,
  parseValueCell,
  proseTargets,
  type RawTarget,
  tableTargets,
} from './targets.ts';

const pick = (ts: RawTarget[]) => ts.map((t) => [t.name, t.op, t.value, t.unit, t.year]);
const p = (text: string, planYear = 2025) => proseTargets(text, { planYear });

describe('prose targets', () => {
  it('达到X%以上 / 下降到…以内 / 以下 (4号 第155—157行)', () => {
    const text =
      '主要目标。(1) 妇女全生命周期享有良好的卫生健康服务，妇女人均健康预期寿命显著提高。(2) 妇女经常参加体育锻炼的人数持续增加，体育人口占比达到50%以上。(4) 孕产妇死亡率下降到12/10万以内，预防和减少孕产妇贫血。(5) 艾滋病母婴传播率下降到2.5%以下。';
    expect(pick(p(text))).toEqual([
      ['妇女人均健康预期寿命', 'increase', null, null, 2025],
      ['妇女经常参加体育锻炼的人数', 'increase', null, null, 2025],
      ['体育人口占比', '>=', 50, '%', 2025],
      ['孕产妇死亡率', '<=', 12, '/10万', 2025],
      ['艾滋病母婴传播率', '<=', 2.5, '%', 2025],
    ]);
  });
  it('保持在X%左右 (~) and 达到X%左右 (4号 第199行)', () => {
    expect(pick(p('就业人员中的女性比例保持在45%左右，城镇单位就业人员中的女性比例达到40%左右'))).toEqual([
      ['就业人员中的女性比例', '~', 45, '%', 2025],
      ['城镇单位就业人员中的女性比例', '~', 40, '%', 2025],
    ]);
  });
  it('分别 distributes names and values (4号 第371行)', () => {
    expect(pick(p('新生儿、婴儿和5岁以下儿童死亡率分别降至3.2‰、5.0‰和5.0‰以下，城乡差距逐步缩小。'))).toEqual([
      ['新生儿死亡率', '<=', 3.2, '‰', 2025],
      ['婴儿死亡率', '<=', 5, '‰', 2025],
      ['5岁以下儿童死亡率', '<=', 5, '‰', 2025],
    ]);
    expect(pick(p('5岁以下儿童贫血率、生长迟缓率、低体重率分别控制在6%、1.5%和1.5%以下')).map((x) => x[0])).toEqual([
      '5岁以下儿童贫血率',
      '5岁以下儿童生长迟缓率',
      '5岁以下儿童低体重率',
    ]);
  });
  it('均 applies one value to several names (4号 第181行)', () => {
    expect(pick(p('小学、初中阶段净入学率均保持在99.95%以上'))).toEqual([
      ['小学净入学率', '>=', 99.95, '%', 2025],
      ['初中阶段净入学率', '>=', 99.95, '%', 2025],
    ]);
  });
  it('以2020年为基数下降20% is a decrease relative to the base year (4号 第397行)', () => {
    const [t] = p('儿童伤害死亡率以2020年为基数下降20%。');
    expect([t?.name, t?.op, t?.value, t?.unit, t?.baselineYear]).toEqual(['儿童伤害死亡率', 'decrease', 20, '%', 2020]);
  });
  it('不少于 and a quota with a carried name; the sentence names the year (16号 第2014行)', () => {
    expect(pick(p('坚决完成能源保供任务，力争2023年日均调度煤炭产量不少于2.69万吨，全年完成982万吨。', 2023))).toEqual([
      ['日均调度煤炭产量', '>=', 2.69, '万吨', 2023],
      ['全年煤炭产量', '>=', 982, '万吨', 2023],
    ]);
  });
  it('a name from the previous segment when the segment has none (4号 第281行)', () => {
    expect(pick(p('提高农村卫生厕所普及率，2025年达到85%左右。'))).toEqual([
      ['农村卫生厕所普及率', '~', 85, '%', 2025],
    ]);
  });
  it('water-quality classes, and no target inside （达到或优于Ⅲ类） (17号 第2104行)', () => {
    const ts = p(
      '境内3个地表水国考断面优良（达到或优于Ⅲ类）比例要达到100%（其中国考后湾水库断面要稳定保持地表水Ⅱ类；国考小蛟断面和省考甘村断面水质保持地表水Ⅲ类），Ⅴ类及以下水质断面全部消除。',
      2023,
    );
    expect(ts.map((t) => [t.op, t.value, t.unit])).toEqual([
      ['<=', 2, '类'],
      ['>=', 100, '%'],
      ['<=', 3, '类'],
      ['<=', 3, '类'],
    ]);
    expect(ts.filter((t) => t.unit === '类').map((t) => t.name)).toEqual([
      '国考后湾水库断面水质',
      '国考小蛟断面水质',
      '省考甘村断面水质',
    ]);
  });
  it('不高于 with a compound unit (17号 第2282行)', () => {
    expect(pick(p('开展降尘专项整治，确保全县平均降尘量不高于7吨/月·平方公里。', 2023))).toEqual([
      ['全县平均降尘量', '<=', 7, '吨/月·平方公里', 2023],
    ]);
  });
  it('things to build (10号 第1497行; 16号 第2042行)', () => {
    expect(pick(p('到2025年，新建地面标准化作业点2个，高山烟炉1座，扩大人工影响天气作业保护面积。', 2023))).toEqual([
      ['新建地面标准化作业点', '>=', 2, '个', 2025],
      ['新建高山烟炉', '>=', 1, '座', 2025],
    ]);
    expect(
      pick(
        p(
          '推动晋平煤业1座智能化煤矿改造建设；完成新庄煤业、新发煤业2处智能化综采工作面，新庄煤业、金星煤业7处智能化掘进工作面建设。',
          2023,
        ),
      ).map((x) => [x[0], x[2], x[3]]),
    ).toEqual([
      ['智能化煤矿改造建设', 1, '座'],
      ['智能化综采工作面', 2, '处'],
      ['智能化掘进工作面建设', 7, '处'],
    ]);
  });
  it('至少 (4号 第163—165行)', () => {
    expect(
      pick(p('每个社区至少有1所社区卫生服务机构，每个行政村至少有1所承担基本医疗卫生服务的村卫生室')).map((x) => [
        x[0],
        x[2],
        x[3],
      ]),
    ).toEqual([
      ['每个社区社区卫生服务机构', 1, '所'],
      ['每个行政村承担基本医疗卫生服务的村卫生室', 1, '所'],
    ]);
  });
  it('not targets: scope phrases, ages, ranges, time limits, verb-first improvements', () => {
    expect(p('加快推进年货运量150万吨以上工矿企业铁路专用线建设')).toEqual([]);
    expect(p('持续巩固提升35蒸吨/小时以下的燃煤锅炉淘汰成效')).toEqual([]);
    expect(p('提高3岁以下儿童系统管理率和7岁以下儿童健康管理率')).toEqual([]);
    expect(p('在浊漳河两岸划定的河道管理范围线之外30—50米建设生态缓冲带')).toEqual([]);
    expect(p('在规划颁布后1个月内制定实施方案')).toEqual([]);
    expect(p('不断提升非化石能源消费比重')).toEqual([]);
    expect(p('员工数超过50人的企业的覆盖率达到50%').map((t) => t.value)).toEqual([50]);
  });
  it('a comparator with a unit it cannot read keeps the value and flags the unit', () => {
    const [t] = p('年检测能力达到2000件次');
    expect(t?.value).toBe(2000);
    expect(t?.unit).toBeNull();
    expect(t?.unitProblem).toContain('2000');
  });
  it('a reference instead of a base (21号 第2541行 “高于全省平均水平5%”)', () => {
    const [t] = p('糖尿病患者血糖控制率高于全省平均水平5%', 2023);
    expect([t?.op, t?.value, t?.reference]).toEqual(['>', 5, '全省平均水平']);
  });
});

describe('names and directions', () => {
  it('cleanName strips enumerators, time words and auxiliaries', () => {
    expect(cleanName('(2) 适龄儿童免疫规划疫苗接种率以镇为单位')).toBe('适龄儿童免疫规划疫苗接种率');
    expect(cleanName('秸秆综合利用率要稳定')).toBe('秸秆综合利用率');
  });
  it('distributeNames', () => {
    expect(distributeNames('国考小蛟断面和省考甘村断面水质')).toEqual(['国考小蛟断面水质', '省考甘村断面水质']);
  });
  it('direction from the comparator, else from the name', () => {
    expect(inferDirection('孕产妇死亡率', '=')).toBe('lower');
    expect(inferDirection('家庭医生签约率', '=')).toBe('higher');
    expect(inferDirection('任意', '<=')).toBe('lower');
    expect(inferDirection('职业病诊断机构', '=')).toBeNull();
  });
});

function table(header: string[], rows: string[][]): Table {
  return { title: null, header, rows, headerLine: 1, rowLines: rows.map((_, i) => i + 2), fragments: 1 };
}

describe('indicator tables', () => {
  it('指标 | 2020年 | 2025年 | 属性 (6号 第731—765行)', () => {
    const t = table(
      ['指标', '2020年', '2025年', '属性'],
      [
        ['健康水平'],
        ['(1) 婴儿死亡率 (‰)', '1.52', '5以内', '预期性'],
        ['(7) 以乡(镇、街道)为单位适龄儿童免疫规划疫苗接种率 (%)', '95', '≥95', '约束性'],
        ['其中: 每千人口公立中医医院床位数 (张)', '0.38', '0.85', '预期性'],
        ['(22) 人均基本公共卫生服务经费(元)', '74', '持续增长', '预期性'],
      ],
    );
    const { targets } = tableTargets(t, 2025);
    expect(
      targets.map((x) => [x.name, x.unit, x.op, x.value, x.year, x.baselineYear, x.baselineValue, x.attribute]),
    ).toEqual([
      ['婴儿死亡率', '‰', '<=', 5, 2025, 2020, 1.52, 'expected'],
      ['以乡(镇、街道)为单位适龄儿童免疫规划疫苗接种率', '%', '>=', 95, 2025, 2020, 95, 'binding'],
      ['每千人口公立中医医院床位数', '张', '=', 0.85, 2025, 2020, 0.38, 'expected'],
      ['人均基本公共卫生服务经费', '元', 'increase', null, 2025, 2020, 74, 'expected'],
    ]);
  });
  it('断面水质目标 (17号 附件1 第2185—2188行) on the class scale', () => {
    const t = table(
      ['序号', '行政区域', '河流', '断面名称', '级别', '2023年目标'],
      [['1', '襄垣县', '浊漳西源', '后湾水库出口', '国控', 'Ⅱ类']],
    );
    const [x] = tableTargets(t, 2023).targets;
    expect([x?.name, x?.op, x?.value, x?.unit, x?.scale, x?.year]).toEqual([
      '后湾水库出口断面水质',
      '<=',
      2,
      '类',
      'water-class',
      2023,
    ]);
  });
  it('value cells', () => {
    expect(parseValueCell('以2020年为基数下降18')).toMatchObject({ op: 'decrease', value: 18, baseYear: 2020 });
    expect(parseValueCell('不低于43')).toMatchObject({ op: '>=', value: 43 });
    expect(parseValueCell('45左右')).toMatchObject({ op: '~', value: 45 });
    expect(parseValueCell('待定')).toBeNull();
  });
  it('an unreadable cell or a missing unit is a problem, not a target', () => {
    const { targets, problems } = tableTargets(
      table(
        ['指标', '2020年', '2025年'],
        [
          ['某指标', '1', '较大提升'],
          ['另一指标', '1', '2'],
        ],
      ),
      2025,
    );
    expect(targets.map((t) => t.name)).toEqual(['另一指标']);
    expect(problems.length).toBe(2);
  });
});
