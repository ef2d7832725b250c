// §4.2 report content (附件6 即时报告单): the fields of each kind, the minimum of a 首报, unknown fields refused.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { AppError } from '../platform/errors.ts';
import { checkReportContent, REPORT_FIELDS } from './reportForm.ts';

const FIRST = {
  occurredAt: '2026-07-03 14:00',
  place: '城区 110kV 变电站',
  nature: '设备故障停电',
  reporterUnit: '县能源局',
  reporter: '王值班',
  phone: '0355—7291995',
};
const field = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).location.field;
  }
};

describe('checkReportContent', () => {
  it('keeps the given fields, trimmed, and drops empty ones', () => {
    expect(checkReportContent('first', { ...FIRST, trend: ' 可控 ', source: '' })).toEqual({ ...FIRST, trend: '可控' });
  });
  it.each([
    ['first', { ...FIRST, place: ' ' }, 'content.place'],
    ['first', { ...FIRST, weather: '晴' }, 'content.weather'],
    ['first', { ...FIRST, people: 3 }, 'content.people'],
    ['follow-up', {}, 'content'],
    ['follow-up', { place: 'x' }, 'content.place'],
    ['final', { stability: '稳定' }, 'content.result'],
    ['first', 'text', 'content'],
  ] as const)('%s %o → %s', (kind, content, f) => expect(field(() => checkReportContent(kind, content))).toBe(f));
  it('a 续报 with one element and a 终报 with its result pass', () => {
    expect(checkReportContent('follow-up', { progress: '已恢复 60%' })).toEqual({ progress: '已恢复 60%' });
    expect(checkReportContent('final', { result: '全部恢复' })).toEqual({ result: '全部恢复' });
  });
});

describe.skipIf(!seedAvailable())('§4.2 in the gazette', () => {
  it('names every element', () => {
    const t = seedText();
    for (const label of [
      ...Object.values(REPORT_FIELDS['follow-up']),
      '事件处置结果、社会维稳、善后安置、恢复重建、对整个事件的调查评估',
      '事件发生时间、地点、信息来源、事件性质、影响范围（区域、减供负荷、重要电力用户停电情况）、事件级别',
      '可能延续停电时间、先期处置情况、事态发展趋势、拟采取的措施以及下一步工作建议、报告单位、报告人、联系电话',
    ])
      expect(t).toContain(label);
  });
});
