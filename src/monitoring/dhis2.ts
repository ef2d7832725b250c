// DHIS2 CSV data-value format (the format of DHIS2's /api/dataValueSets with Content-Type application/csv):
//   dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value,storedBy,lastUpdated,comment,followup
// with a mapping table between our indicators / units and DHIS2 uids. Pure: text in, rows and row-level Chinese
// errors out (the store refuses the whole file when any row is wrong — nothing half-written).
import { parsePeriod } from './period.ts';

export const DHIS2_COLUMNS = [
  'dataElement',
  'period',
  'orgUnit',
  'categoryOptionCombo',
  'attributeOptionCombo',
  'value',
  'storedBy',
  'lastUpdated',
  'comment',
  'followup',
] as const;

export type Dhis2Column = (typeof DHIS2_COLUMNS)[number];

const REQUIRED: readonly Dhis2Column[] = ['dataElement', 'period', 'orgUnit', 'value'];

/** DHIS2's built-in “default” category option combo. */
export const DEFAULT_COC = 'HllvX50cXC0';

export interface Dhis2Mapping {
  /** indicator code ↔ DHIS2 data element uid (and its category option combo, default when absent). */
  dataElements: { indicator: string; dataElement: string; categoryOptionCombo?: string | null }[];
  /** our unit name ↔ DHIS2 org unit uid. */
  orgUnits: { unit: string; orgUnit: string }[];
}

export interface DataValue {
  indicator: string;
  unit: string;
  period: string;
  /** The value as text (numbers, or a water class for ordinal indicators). */
  value: string;
  storedBy: string | null;
  lastUpdated: string | null;
  comment: string | null;
  followup: boolean;
  /** Source line of an imported value (CSV line, Excel row), for messages. */
  row?: number;
}

export interface Dhis2Problem {
  /** 1-based line of the CSV (the header is line 1). */
  row: number;
  field: string;
  message: string;
}

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** Problems of a mapping table (uids, duplicates), in Chinese. */
export function validateMapping(m: Dhis2Mapping): string[] {
  const out: string[] = [];
  const des = new Map<string, string>();
  const inds = new Set<string>();
  for (const [i, e] of m.dataElements.entries()) {
    if (!UID.test(e.dataElement))
      out.push(`数据元素映射第 ${i + 1} 项：“${e.dataElement}”不是 DHIS2 标识（11 位字母数字，字母开头）。`);
    if (e.categoryOptionCombo && !UID.test(e.categoryOptionCombo))
      out.push(`数据元素映射第 ${i + 1} 项：分类选项组合“${e.categoryOptionCombo}”不是 DHIS2 标识。`);
    const key = `${e.dataElement}/${e.categoryOptionCombo ?? DEFAULT_COC}`;
    if (des.has(key)) out.push(`数据元素映射第 ${i + 1} 项：${key} 已映射到指标“${des.get(key)}”。`);
    des.set(key, e.indicator);
    if (inds.has(e.indicator)) out.push(`数据元素映射第 ${i + 1} 项：指标“${e.indicator}”重复映射。`);
    inds.add(e.indicator);
  }
  const ous = new Map<string, string>();
  const units = new Set<string>();
  for (const [i, o] of m.orgUnits.entries()) {
    if (!UID.test(o.orgUnit)) out.push(`组织机构映射第 ${i + 1} 项：“${o.orgUnit}”不是 DHIS2 标识。`);
    if (ous.has(o.orgUnit)) out.push(`组织机构映射第 ${i + 1} 项：${o.orgUnit} 已映射到“${ous.get(o.orgUnit)}”。`);
    ous.set(o.orgUnit, o.unit);
    if (units.has(o.unit)) out.push(`组织机构映射第 ${i + 1} 项：单位“${o.unit}”重复映射。`);
    units.add(o.unit);
  }
  return out;
}

// ---- CSV (RFC 4180) ----

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Parse CSV text into rows of fields (quotes, doubled quotes, CRLF, a leading BOM). Null on an unclosed quote. */
export function parseCsv(text: string): { rows: string[][]; unclosedAt: number | null } {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let quoted = false;
  let quoteLine = 0;
  let any = false;
  while (i < s.length) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      any = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      any = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      any = false;
      if (c === '\r' && s[i + 1] === '\n') i++;
      i++;
      line++;
      continue;
    }
    field += c;
    any = true;
    i++;
  }
  if (quoted) return { rows, unclosedAt: quoteLine };
  if (any || field !== '') {
    row.push(field);
    rows.push(row);
  }
  return { rows, unclosedAt: null };
}

// ---- export ----

/** Data values → DHIS2 CSV (header + one line per value). Values without a mapping are returned as `unmapped`. */
export function toDhis2Csv(values: DataValue[], mapping: Dhis2Mapping): { csv: string; unmapped: DataValue[] } {
  const de = new Map(mapping.dataElements.map((e) => [e.indicator, e]));
  const ou = new Map(mapping.orgUnits.map((o) => [o.unit, o.orgUnit]));
  const lines = [DHIS2_COLUMNS.join(',')];
  const unmapped: DataValue[] = [];
  for (const v of values) {
    const e = de.get(v.indicator);
    const o = ou.get(v.unit);
    if (!e || !o) {
      unmapped.push(v);
      continue;
    }
    lines.push(
      [
        e.dataElement,
        v.period,
        o,
        e.categoryOptionCombo ?? DEFAULT_COC,
        DEFAULT_COC,
        v.value,
        v.storedBy ?? '',
        v.lastUpdated ?? '',
        v.comment ?? '',
        v.followup ? 'true' : 'false',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, unmapped };
}

// ---- import ----

const FIELD_LABELS: Record<Dhis2Column, string> = {
  dataElement: '数据元素（dataElement）',
  period: '期间（period）',
  orgUnit: '组织机构（orgUnit）',
  categoryOptionCombo: '分类选项组合（categoryOptionCombo）',
  attributeOptionCombo: '属性选项组合（attributeOptionCombo）',
  value: '数值（value）',
  storedBy: '填报人（storedBy）',
  lastUpdated: '更新时间（lastUpdated）',
  comment: '备注（comment）',
  followup: '跟进标记（followup）',
};

export function dhis2ProblemText(p: Dhis2Problem): string {
  return `第 ${p.row} 行 字段“${p.field}”：${p.message}`;
}

/**
 * DHIS2 CSV → data values in our terms. Every row is checked (known data element and org unit by the mapping,
 * a DHIS2 period, a value, followup true/false, lastUpdated an ISO instant); all problems are returned.
 */
export function fromDhis2Csv(text: string, mapping: Dhis2Mapping): { values: DataValue[]; problems: Dhis2Problem[] } {
  const problems: Dhis2Problem[] = [];
  const { rows, unclosedAt } = parseCsv(text);
  if (unclosedAt !== null) {
    problems.push({ row: unclosedAt, field: '引号', message: '引号没有闭合。' });
    return { values: [], problems };
  }
  const header = rows[0];
  if (!header || header.every((h) => h.trim() === '')) {
    problems.push({
      row: 1,
      field: '表头',
      message: '文件为空：第一行应为表头 dataElement,period,orgUnit,…,value,…。',
    });
    return { values: [], problems };
  }
  const index = new Map<Dhis2Column, number>();
  for (const [i, h] of header.entries()) {
    const name = DHIS2_COLUMNS.find((c) => c.toLowerCase() === h.trim().toLowerCase());
    if (!name) {
      problems.push({
        row: 1,
        field: h.trim() || `第 ${i + 1} 列`,
        message: `不是 DHIS2 数据值 CSV 的列（应为 ${DHIS2_COLUMNS.join('、')}）。`,
      });
      continue;
    }
    if (index.has(name)) problems.push({ row: 1, field: name, message: '列重复。' });
    index.set(name, i);
  }
  for (const c of REQUIRED)
    if (!index.has(c)) problems.push({ row: 1, field: c, message: `缺少必填列 ${FIELD_LABELS[c]}。` });
  if (problems.length > 0) return { values: [], problems };

  const de = new Map(
    mapping.dataElements.map((e) => [`${e.dataElement}/${e.categoryOptionCombo ?? DEFAULT_COC}`, e.indicator]),
  );
  const ou = new Map(mapping.orgUnits.map((o) => [o.orgUnit, o.unit]));
  const values: DataValue[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r] as string[];
    const line = r + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const get = (c: Dhis2Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const before = problems.length;
    if (cells.length > header.length)
      problems.push({ row: line, field: '列数', message: `有 ${cells.length} 列，多于表头的 ${header.length} 列。` });
    const deUid = get('dataElement');
    const coc = get('categoryOptionCombo') || DEFAULT_COC;
    const indicator = de.get(`${deUid}/${coc}`);
    if (!deUid) problems.push({ row: line, field: 'dataElement', message: '不能为空。' });
    else if (!indicator)
      problems.push({
        row: line,
        field: 'dataElement',
        message: `数据元素 ${deUid}（分类选项组合 ${coc}）在映射表中没有对应的指标。`,
      });
    const ouUid = get('orgUnit');
    const unit = ou.get(ouUid);
    if (!ouUid) problems.push({ row: line, field: 'orgUnit', message: '不能为空。' });
    else if (!unit)
      problems.push({ row: line, field: 'orgUnit', message: `组织机构 ${ouUid} 在映射表中没有对应的单位。` });
    const period = get('period');
    if (!parsePeriod(period))
      problems.push({
        row: line,
        field: 'period',
        message: `“${period}”不是支持的 DHIS2 期间（2023、2023Q1、202301、20230115）。`,
      });
    const aoc = get('attributeOptionCombo');
    if (aoc && aoc !== DEFAULT_COC)
      problems.push({
        row: line,
        field: 'attributeOptionCombo',
        message: `只支持默认属性选项组合 ${DEFAULT_COC}，收到 ${aoc}。`,
      });
    const value = get('value');
    if (value === '') problems.push({ row: line, field: 'value', message: '不能为空。' });
    const followup = get('followup').toLowerCase();
    if (followup && followup !== 'true' && followup !== 'false')
      problems.push({ row: line, field: 'followup', message: `应为 true 或 false，收到“${get('followup')}”。` });
    const lastUpdated = get('lastUpdated');
    if (lastUpdated && Number.isNaN(Date.parse(lastUpdated)))
      problems.push({ row: line, field: 'lastUpdated', message: `“${lastUpdated}”不是有效的时间（ISO 8601）。` });
    if (problems.length > before || !indicator || !unit) continue;
    const key = `${indicator}/${unit}/${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: line, field: 'period', message: `与第 ${first} 行是同一指标、单位和期间的重复数据。` });
      continue;
    }
    seen.set(key, line);
    values.push({
      indicator,
      unit,
      period: (parsePeriod(period) as { id: string }).id,
      value,
      storedBy: get('storedBy') || null,
      lastUpdated: lastUpdated || null,
      comment: get('comment') || null,
      followup: followup === 'true',
      row: line,
    });
  }
  return { values, problems };
}
