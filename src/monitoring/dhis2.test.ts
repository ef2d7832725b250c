// DHIS2 CSV data values: round trip through the mapping table, every column, row-level Chinese problems.
import { describe, expect, it } from 'vitest';
import {
  type DataValue,
  DEFAULT_COC,
  type Dhis2Mapping,
  dhis2ProblemText,
  fromDhis2Csv,
  parseCsv,
  toDhis2Csv,
  validateMapping,
} from './dhis2.ts';

const mapping: Dhis2Mapping = {
  dataElements: [
    { indicator: 'WCH-01', dataElement: 'fbfJHSPpUQD' },
    { indicator: 'WCH-02', dataElement: 'cYeuwXTCPkU', categoryOptionCombo: 'Prlt0C1RF0s' },
  ],
  orgUnits: [
    { unit: '县卫体局', orgUnit: 'DiszpKrYNg8' },
    { unit: '古韩镇人民政府', orgUnit: 'ImspTQPwCqd' },
  ],
};

const values: DataValue[] = [
  {
    indicator: 'WCH-01',
    unit: '县卫体局',
    period: '2023',
    value: '95.2',
    storedBy: '张三',
    lastUpdated: '2024-01-15T08:00:00.000Z',
    comment: '年报, "初步"数',
    followup: false,
  },
  {
    indicator: 'WCH-02',
    unit: '古韩镇人民政府',
    period: '2023Q1',
    value: '3',
    storedBy: null,
    lastUpdated: null,
    comment: null,
    followup: true,
  },
  {
    indicator: 'WCH-01',
    unit: '古韩镇人民政府',
    period: '202301',
    value: '88',
    storedBy: null,
    lastUpdated: null,
    comment: '多行\n备注',
    followup: false,
  },
  {
    indicator: 'WCH-01',
    unit: '县卫体局',
    period: '20230115',
    value: '1',
    storedBy: null,
    lastUpdated: null,
    comment: null,
    followup: false,
  },
];

describe('DHIS2 CSV', () => {
  it('exports the ten columns and reads them back unchanged', () => {
    const { csv, unmapped } = toDhis2Csv(values, mapping);
    expect(unmapped).toEqual([]);
    expect(csv.split('\r\n')[0]).toBe(
      'dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value,storedBy,lastUpdated,comment,followup',
    );
    expect(csv).toContain(
      `fbfJHSPpUQD,2023,DiszpKrYNg8,${DEFAULT_COC},${DEFAULT_COC},95.2,张三,2024-01-15T08:00:00.000Z,"年报, ""初步""数",false`,
    );
    expect(csv).toContain(`cYeuwXTCPkU,2023Q1,ImspTQPwCqd,Prlt0C1RF0s,${DEFAULT_COC},3,,,,true`);
    const back = fromDhis2Csv(csv, mapping);
    expect(back.problems).toEqual([]);
    expect(back.values.map(({ row: _row, ...v }) => v)).toEqual(values);
  });
  it('lists values it cannot map instead of writing them', () => {
    const { csv, unmapped } = toDhis2Csv([{ ...(values[0] as DataValue), unit: '县教育局' }], mapping);
    expect(unmapped).toHaveLength(1);
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });
  it('reads a file with only the required columns, in another order, with a BOM and LF line ends', () => {
    const r = fromDhis2Csv('\ufeffvalue,orgUnit,period,dataElement\n12,DiszpKrYNg8,2022,fbfJHSPpUQD\n', mapping);
    expect(r.problems).toEqual([]);
    expect(r.values[0]).toMatchObject({
      indicator: 'WCH-01',
      unit: '县卫体局',
      period: '2022',
      value: '12',
      followup: false,
    });
  });
  it('names row and field of every problem, in Chinese', () => {
    const csv = [
      'dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value,storedBy,lastUpdated,comment,followup',
      `zzzzzzzzzzz,2023,DiszpKrYNg8,,,1,,,,`,
      `fbfJHSPpUQD,2023W05,DiszpKrYNg8,,,1,,,,`,
      `fbfJHSPpUQD,2023,xxxxxxxxxxx,,,1,,,,`,
      `fbfJHSPpUQD,2023,DiszpKrYNg8,,,,,,,`,
      `fbfJHSPpUQD,2023,DiszpKrYNg8,,,1,,yesterday,,maybe`,
      `fbfJHSPpUQD,2022,DiszpKrYNg8,,abcdefghijk,1,,,,`,
      `fbfJHSPpUQD,2021,DiszpKrYNg8,,,1,,,,`,
      `fbfJHSPpUQD,2021,DiszpKrYNg8,,,2,,,,`,
    ].join('\n');
    const r = fromDhis2Csv(csv, mapping);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'dataElement'],
      [3, 'period'],
      [4, 'orgUnit'],
      [5, 'value'],
      [6, 'followup'],
      [6, 'lastUpdated'],
      [7, 'attributeOptionCombo'],
      [9, 'period'],
    ]);
    expect(dhis2ProblemText(r.problems[1] as never)).toBe(
      '第 3 行 字段“period”：“2023W05”不是支持的 DHIS2 期间（2023、2023Q1、202301、20230115）。',
    );
    expect(r.problems[7]?.message).toContain('与第 8 行');
  });
  it('refuses a wrong header and an unclosed quote', () => {
    expect(fromDhis2Csv('', mapping).problems[0]?.field).toBe('表头');
    expect(fromDhis2Csv('dataElement,period,orgUnit\nx,2023,y', mapping).problems[0]).toMatchObject({
      row: 1,
      field: 'value',
    });
    expect(fromDhis2Csv('dataElement,period,orgUnit,value,colour\n', mapping).problems[0]).toMatchObject({
      row: 1,
      field: 'colour',
    });
    expect(
      fromDhis2Csv('dataElement,period,orgUnit,value\nfbfJHSPpUQD,2023,DiszpKrYNg8,"1\n', mapping).problems[0],
    ).toMatchObject({ row: 2, field: '引号' });
  });
  it('checks the mapping table', () => {
    expect(validateMapping(mapping)).toEqual([]);
    const bad = validateMapping({
      dataElements: [
        { indicator: 'A', dataElement: 'short' },
        { indicator: 'A', dataElement: 'fbfJHSPpUQD' },
        { indicator: 'B', dataElement: 'fbfJHSPpUQD' },
      ],
      orgUnits: [
        { unit: 'X', orgUnit: 'DiszpKrYNg8' },
        { unit: 'Y', orgUnit: 'DiszpKrYNg8' },
      ],
    });
    expect(bad).toHaveLength(4);
  });
  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",z').rows).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\ny', 'z'],
    ]);
  });
});
