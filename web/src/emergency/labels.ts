// Types and Chinese labels of the outage screens (issue #7, 襄政办发〔2023〕15号), as the API returns them.

export type IncidentState = 'warning' | 'active' | 'terminated' | 'closed';
export const STATE_LABELS: Record<IncidentState, string> = {
  warning: '预警中',
  active: '处置中',
  terminated: '响应已终止（后期处置）',
  closed: '已关闭',
};

export const LEVEL_COLORS: Record<string, string> = {
  red: '#c0392b',
  orange: '#e67e22',
  yellow: '#d4ac0d',
  blue: '#2e86c1',
};
export const COLOR_NAMES: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };

export const GRIDS: Record<string, string> = {
  'county-city': '县级市电网（襄垣电网按此档，附件4）',
  city: '其他设区的市电网',
  'provincial-capital': '省、自治区人民政府所在地城市电网',
  municipality: '直辖市电网',
  provincial: '省、自治区电网',
  regional: '区域性电网',
};

export const PARTIES: Record<string, string> = {
  'power-company': '电力企业',
  'county-energy-bureau': '县能源局',
  'county-government': '县人民政府',
  'city-energy-bureau': '市能源局',
  'city-government': '市人民政府',
  'shanxi-energy-regulator': '山西能监办',
  'county-housing-bureau': '县住建局',
  'county-water-bureau': '县水利局',
};

export const REPORT_KINDS: Record<string, string> = { first: '首报', 'follow-up': '续报', final: '终报' };
export const CHANNELS: Record<string, string> = { phone: '电话', written: '书面' };

/** §4.2 content of each report kind (the server checks the same list, src/emergency/reportForm.ts). */
export const REPORT_FIELDS: Record<string, Record<string, string>> = {
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
export const REQUIRED_REPORT_FIELDS: Record<string, string[]> = {
  first: ['occurredAt', 'place', 'nature', 'reporterUnit', 'reporter', 'phone'],
  'follow-up': [],
  final: ['result'],
};

export const PUBLICATION_CONTENT: Record<string, string> = {
  nature: '突发事件性质',
  occurredAt: '发生时间',
  place: '地点',
  casualties: '人员伤亡',
  propertyLoss: '财产损失',
  rescueProgress: '救援进展',
  supplyImpact: '供电影响情况',
  publicOrder: '社会秩序管控情况',
};
export const PUBLICATION_STATES: Record<string, string> = {
  draft: '待审核',
  reviewed: '已审核，待审批',
  approved: '已审批，待发布',
  published: '已发布',
  refused: '未通过',
  withdrawn: '已撤回',
};
export const PUBLICATION_ACTIONS: Record<string, string> = {
  draft: '填报',
  review: '审核',
  approve: '审批',
  publish: '发布',
  withdraw: '撤回',
};

export const EVENT_LABELS: Record<string, string> = {
  'warning-issued': '发布预警',
  'warning-adjusted': '调整预警',
  'warning-lifted': '解除预警',
  'report-first': '首报',
  'report-follow-up': '续报',
  'report-final': '终报',
  tracking: '跟踪处置进展',
  'response-started': '启动应急响应',
  'response-adjusted': '调整应急响应',
  terminated: '终止应急响应',
  aftermath: '后期处置',
};

export const AFTERMATH: Record<string, { label: string; clause: string; needs: string }> = {
  evaluation: { label: '评估总结', clause: '§7.1', needs: '评估报告' },
  investigation: {
    label: '事件调查',
    clause: '§7.2',
    needs: '调查结论（原因、性质、影响范围、经济损失、防范整改措施）',
  },
  aftercare: { label: '善后处置', clause: '§7.3', needs: '善后工作方案及实施情况' },
  reconstruction: { label: '恢复重建', clause: '§7.4', needs: '恢复重建规划，或不需修复重建的理由' },
};

export interface Reading {
  basis: string;
  level: string | null;
  reason: string;
  decidedBy: string | null;
}

export interface IncidentSummary {
  id: number;
  status: 'Actual' | 'Exercise';
  drillForm: string | null;
  title: string;
  grid: string;
  loadMw: number | null;
  lostLoadPct: number | null;
  usersOutPct: number | null;
  firstJudgedAt: string;
  level: string | null;
  color: string | null;
  grading: { matched: { clause: string }[] };
  response: { readings: Reading[]; consistent: boolean; notes: string[] } | null;
  decision: { level: string; by: string; at: string; note: string } | null;
  state: IncidentState;
  version: number;
}

export interface Clock {
  id: string;
  label: string;
  dueAt: string;
  state: 'pending' | 'met' | 'missed';
  doneAt: string | null;
  clause: string;
}

export interface IncidentEvent {
  id: number;
  at: string;
  actor: string;
  kind: string;
  payload: Record<string, unknown>;
  hasCap: boolean;
}

export interface Publication {
  id: number;
  number: string;
  state: string;
  openActions: string[];
  publishedEventId: number | null;
  version: number;
  form: {
    category: 'warning' | 'event';
    title: string;
    submittingUnit: string;
    submitter: string;
    content: Record<string, string>;
    warning?: { action: string; level: string; areaDesc: string };
    review?: { by: string; at: string; agree: boolean; opinion: string };
    approval?: { by: string; at: string; agree: boolean; opinion: string };
    proofreader?: string;
    publisher?: string;
    steps: { action: string; by: string; at: string; opinion?: string }[];
  };
}

export interface IncidentDetail {
  incident: IncidentSummary;
  events: IncidentEvent[];
  clocks: Clock[];
  workflow: {
    publications: Publication[];
    aftermath: {
      done: { step: string; at: string; by: string; summary: string; notNeeded?: boolean }[];
      open: { step: string; label: string; clause: string; needs: string }[];
    };
    whoMustAct: { who: string; what: string; clause: string }[];
    alarms: { clockId: string; kind: string; label: string; dueAt: string; raisedAt: string }[];
  };
}

/** A datetime-local value read as Beijing time → ISO with +08:00. */
export function beijingInput(value: string): string {
  return value.length === 16 ? `${value}:00+08:00` : `${value}+08:00`;
}

/** Now in Beijing time, as a datetime-local value. */
export function beijingNow(ms = Date.now()): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A UTC instant shown in Beijing time, 2026-07-03 14:05. */
export function beijing(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** Milliseconds as 1小时05分12秒 (sign dropped). */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h > 0 ? `${h}小时` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}分${String(sec).padStart(2, '0')}秒`;
}
