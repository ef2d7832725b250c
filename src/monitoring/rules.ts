// Validation rules of a reported value (DHIS2-style: type, range, compulsory, comparison with the previous
// period) and the checks that make a value unacceptable whatever the explanation. Pure.
//
//   hard (refused, nothing written)   the value is not a number (nor a water class of an ordinal indicator),
//                                     the period is not one the indicator reports (wrong format or frequency),
//                                     the measurement unit differs from the indicator's, the unit does not
//                                     report the indicator, a compulsory value is empty
//   soft (填写说明后强制上报)          integer expected, below min, above max, change from the previous period
//                                     beyond maxChangePercent — accepted only with a written explanation
import { parseObservedValue, type Scale } from './attainment.ts';
import { FREQUENCY_LABELS, type Frequency, type Period, parsePeriod } from './period.ts';

export interface ValidationRules {
  /** 'number' (any), 'integer' (counts), 'percent' (0–100 unless min/max say otherwise). */
  type: 'number' | 'integer' | 'percent';
  min: number | null;
  max: number | null;
  /** An empty value is refused (Excel template, API). */
  compulsory: boolean;
  /** Change from the previous period beyond this many percent needs an explanation; null = no check. */
  maxChangePercent: number | null;
}

export const DEFAULT_RULES: ValidationRules = {
  type: 'number',
  min: null,
  max: null,
  compulsory: true,
  maxChangePercent: 50,
};

export interface IndicatorForRules {
  code: string;
  name: string;
  measureUnit: string | null;
  frequency: Frequency;
  reportingUnits: string[];
  scale: Scale | null;
  rules: ValidationRules;
}

export interface ValueInput {
  unit: string;
  period: string;
  /** As entered; '' / null = empty. */
  value: string | number | null;
  /** 计量单位 as written by the reporter; checked when given. */
  measureUnit?: string | null;
  explanation?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface CheckedValue {
  period: Period;
  value: number;
  valueText: string;
  /** Soft rule violations (Chinese). */
  violations: string[];
}

/** Hard problems first (returned as `problem`), else the parsed value with its soft violations. */
export function checkValue(
  ind: IndicatorForRules,
  input: ValueInput,
  previous: number | null,
): { problem: FieldProblem } | { ok: CheckedValue } {
  const period = parsePeriod(String(input.period ?? ''));
  if (!period)
    return {
      problem: {
        field: 'period',
        message: `“${input.period}”不是有效的期间（2023、2023Q1、202301、20230115）。`,
      },
    };
  if (period.frequency !== ind.frequency)
    return {
      problem: {
        field: 'period',
        message: `指标“${ind.name}”按${FREQUENCY_LABELS[ind.frequency]}报送，期间“${input.period}”不是它的报送期。`,
      },
    };
  if (!ind.reportingUnits.includes(input.unit))
    return {
      problem: {
        field: 'unit',
        message: `“${input.unit}”不是指标“${ind.name}”的报送单位（${ind.reportingUnits.join('、')}）。`,
      },
    };
  if (input.measureUnit !== undefined && input.measureUnit !== null && input.measureUnit.trim() !== '') {
    const mu = input.measureUnit.trim();
    if (mu !== (ind.measureUnit ?? ''))
      return {
        problem: {
          field: 'measureUnit',
          message: `计量单位“${mu}”与指标“${ind.name}”的计量单位“${ind.measureUnit ?? '无'}”不一致，请换算后填报。`,
        },
      };
  }
  const raw = input.value === null || input.value === undefined ? '' : String(input.value).trim();
  if (raw === '') return { problem: { field: 'value', message: `指标“${ind.name}”的数值为必填项，不能为空。` } };
  const value = parseObservedValue(raw, ind.scale);
  if (value === null || !Number.isFinite(value))
    return {
      problem: {
        field: 'value',
        message: `“${raw}”不是数值${ind.scale === 'water-class' ? '或水质类别（Ⅰ—Ⅴ、劣Ⅴ）' : ''}。`,
      },
    };
  const violations: string[] = [];
  const r = ind.rules;
  if (r.type === 'integer' && !Number.isInteger(value)) violations.push(`应为整数，填报值 ${raw}`);
  const min = r.min ?? (r.type === 'percent' ? 0 : null);
  const max = r.max ?? (r.type === 'percent' ? 100 : null);
  if (min !== null && value < min) violations.push(`低于下限 ${min}`);
  if (max !== null && value > max) violations.push(`高于上限 ${max}`);
  if (r.maxChangePercent !== null && previous !== null && previous !== 0) {
    const pct = ((value - previous) / Math.abs(previous)) * 100;
    if (Math.abs(pct) > r.maxChangePercent + 1e-9)
      violations.push(`较上期（${previous}）变化 ${Math.round(pct * 10) / 10}%，超过 ±${r.maxChangePercent}%`);
  }
  return { ok: { period, value, valueText: raw, violations } };
}
