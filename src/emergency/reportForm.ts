// The content of a 首报 / 续报 / 终报 (§4.2; written format 附件6 襄垣县停电事件即时报告单), pure.
// The fields are §4.2's lists, in its order. Decisions (docs/emergency.md §9.4): the content is recorded with the
// report when given (the screen's 即时报告单 always gives it; the API accepts a report without it, e.g. a phone
// call recorded afterwards); when given, a 首报 must name at least 事件发生时间、地点、事件性质、报告单位、报告人、
// 联系电话 (“首报要快” — the facts without which nobody can act), a 续报 at least one of its four elements, a 终报
// 事件处置结果. Unknown fields are refused, naming them.
import { AppError } from '../platform/errors.ts';
import type { ReportKind } from './incident.ts';

export const REPORT_FIELDS: Record<ReportKind, Record<string, string>> = {
  first: {
    occurredAt: '事件发生时间',
    place: '地点',
    source: '信息来源',
    nature: '事件性质',
    scope: '影响范围（区域、减供负荷、重要电力用户停电情况）',
    level: '事件级别',
    people: '现场人员情况（涉险、遇难、受伤、被困、失联人数）',
    expectedDuration: '可能延续停电时间',
    initialMeasures: '先期处置情况',
    trend: '事态发展趋势',
    nextSteps: '拟采取的措施以及下一步工作建议',
    reporterUnit: '报告单位',
    reporter: '报告人',
    phone: '联系电话',
  },
  'follow-up': {
    progress: '事态及处置最新进展',
    derived: '事件衍生最新情况',
    requests: '请求上级政府协助解决的事项',
    instructions: '上级政府领导指示贯彻落实情况',
  },
  final: {
    result: '事件处置结果',
    stability: '社会维稳',
    resettlement: '善后安置',
    reconstruction: '恢复重建',
    evaluation: '对整个事件的调查评估',
  },
};

export const REQUIRED_FIELDS: Record<ReportKind, string[]> = {
  first: ['occurredAt', 'place', 'nature', 'reporterUnit', 'reporter', 'phone'],
  'follow-up': [],
  final: ['result'],
};

export const REPORT_CLAUSES: Record<ReportKind, string> = {
  first: '§4.2.1',
  'follow-up': '§4.2.2',
  final: '§4.2.3',
};

const KIND_NAMES: Record<ReportKind, string> = { first: '首报', 'follow-up': '续报', final: '终报' };

function bad(message: string, field: string): never {
  throw new AppError('BAD_INPUT', message, { field });
}

/** Validates and trims the content of one report; empty values are dropped. */
export function checkReportContent(kind: ReportKind, content: unknown): Record<string, string> {
  const fields = REPORT_FIELDS[kind];
  if (!fields) bad(`报告类型“${String(kind)}”无效。`, 'kind');
  if (typeof content !== 'object' || content === null || Array.isArray(content)) bad('报告内容应为对象。', 'content');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(content)) {
    if (!Object.hasOwn(fields, key)) {
      bad(`${KIND_NAMES[kind]}没有“${key}”一项（${REPORT_CLAUSES[kind]}）。`, `content.${key}`);
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') bad(`${fields[key]}应为文字。`, `content.${key}`);
    const v = value.trim();
    if (v.length > 2000) bad(`${fields[key]}过长（最多 2000 字）。`, `content.${key}`);
    if (v) out[key] = v;
  }
  for (const key of REQUIRED_FIELDS[kind]) {
    if (!out[key]) bad(`${KIND_NAMES[kind]}须填写${fields[key]}（${REPORT_CLAUSES[kind]}）。`, `content.${key}`);
  }
  if (kind === 'follow-up' && Object.keys(out).length === 0) {
    bad(`续报须至少填写一项：${Object.values(fields).join('、')}（§4.2.2）。`, 'content');
  }
  return out;
}
