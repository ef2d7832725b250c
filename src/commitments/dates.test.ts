import { describe, expect, it } from 'vitest';
import { cellDate, dueDate, endOfMonth, findDeadlines, parsePeriod } from './dates.ts';

const y2023 = { year: 2023 };

describe('deadlines', () => {
  it('年底前 in a 2023 document is 2023-12-31 (17号 第2116行 “年底前完成县城集中式饮用水水源保护区规范化建设”)', () => {
    expect(
      dueDate('深化县级集中式饮用水水源保护区规范化建设，年底前完成县城集中式饮用水水源保护区规范化建设。', y2023)
        ?.date,
    ).toBe('2023-12-31');
  });
  it('a named year wins over the document year (16号 signed 2023; 9号 第1398行 “2025年年底前完成”)', () => {
    expect(dueDate('2025年年底前完成全县土壤普查成果整理、数据审核', y2023)?.date).toBe('2025-12-31');
  });
  it('2023年12月 (17号 附件2 完成时间) is the end of that month', () => {
    expect(cellDate('2023年12月', y2023)).toBe('2023-12-31');
    expect(cellDate('2024年2月', y2023)).toBe('2024-02-29');
  });
  it('2023年10月20日前 (21号 第2667行) is that day', () => {
    expect(dueDate('各镇、各成员单位务必于2023年10月20日前完成本单位承担的各项工作任务', y2023)?.date).toBe(
      '2023-10-20',
    );
  });
  it('到2025年 (10号 第1497行 “到2025年，新建地面标准化作业点2个”) is 2025-12-31', () => {
    expect(
      dueDate('科学调整人工增雨（雪）、防雹等人工影响天气作业布局，到2025年，新建地面标准化作业点2个', y2023)?.date,
    ).toBe('2025-12-31');
  });
  it('a task with several deadlines is due at the latest (9号 第1394行)', () => {
    const text = '2024年11月底前完成全部外业调查采样工作，2024年12月底前完成内业测试化验';
    expect(findDeadlines(text, y2023).map((d) => d.date)).toEqual(['2024-11-30', '2024-12-31']);
    expect(dueDate(text, y2023)?.date).toBe('2024-12-31');
  });
  it('2023年底 without 前 (17号 土壤 第2374行 “2023年底，重点监管单位要开展一次…自行监测”)', () => {
    expect(dueDate('2023年底，重点监管单位要开展一次全面、系统的土壤和地下水自行监测', y2023)?.date).toBe('2023-12-31');
  });
  it('recurring deadlines are not due dates (25号 第2990行 “每年11月15日前”; 26号 第3150行 “次年1月底前”)', () => {
    expect(dueDate('每年11月15日前向县卫体局报送年度工作情况', y2023)).toBeNull();
    expect(dueDate('次年1月底前对全年工作开展情况进行自查', y2023)).toBeNull();
  });
  it('not deadlines: 2023年度, a year in a document title, 一年内', () => {
    expect(dueDate('完成2023年度县城排水管网雨污分流改造任务', y2023)).toBeNull();
    expect(dueDate('按照《中国妇女发展纲要（2021—2030年）》', y2023)).toBeNull();
    expect(dueDate('新增土壤污染重点监管单位应在纳入名录一年内开展隐患排查', y2023)).toBeNull();
  });
  it('end of month handles February and invalid months', () => {
    expect(endOfMonth(2023, 2)).toBe('2023-02-28');
    expect(cellDate('2023年13月', y2023)).toBeNull();
  });
});

describe('periods (phase headings)', () => {
  it('9号 第1388/1392/1396行', () => {
    expect(parsePeriod('2023年12月底前', y2023)).toEqual({ start: null, end: '2023-12-31' });
    expect(parsePeriod('2024年1月—2024年12月底', y2023)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
  });
  it('21号 第2545—2559行: the year carries over, 上旬/中旬/下旬', () => {
    expect(parsePeriod('2023年7月—8月', y2023)).toEqual({ start: '2023-07-01', end: '2023-08-31' });
    expect(parsePeriod('2023年8月中旬—10月上旬', y2023)).toEqual({ start: '2023-08-11', end: '2023-10-10' });
    expect(parsePeriod('2023年10月下旬—11月上旬', y2023)).toEqual({ start: '2023-10-21', end: '2023-11-10' });
    expect(parsePeriod('2023年11月中旬—11月底', y2023)).toEqual({ start: '2023-11-11', end: '2023-11-30' });
  });
  it('25号 第2988行 “2023年9月—2025年12月”', () => {
    expect(parsePeriod('2023年9月—2025年12月', y2023)).toEqual({ start: '2023-09-01', end: '2025-12-31' });
  });
  it('unreadable periods give nulls, never throw', () => {
    expect(parsePeriod('近期', y2023)).toEqual({ start: null, end: null });
  });
});
