// CAP 1.2 (OASIS Common Alerting Protocol) alerts for outage warnings (§3.3 预警) and their updates
// (§3.3.3 预警调整) and cancellations (§3.3.4 预警解除), pure: input → XML text.
//
// Mapping (docs/emergency.md): status Actual|Exercise (drills use Exercise, §8.1); scope Public (§3.3.1
// 向社会公众发布); info language zh-CN, category Infra, event 大面积停电; severity from the warning colour
// (§3.3.1 特别重大/重大/较大/一般 = 红/橙/黄/蓝): red→Extreme, orange→Severe, yellow→Moderate, blue→Minor;
// a warning (研判可能造成大面积停电事件) is urgency Expected, certainty Likely, responseType Prepare;
// a cancellation (经研判不会发生) is urgency Past, certainty Unlikely, responseType AllClear.
// Times carry +08:00 (CAP forbids Z).
import { AppError } from '../platform/errors.ts';
import { toCapDateTime } from './time.ts';
import {
  COLOR_NAMES,
  isOutageLevel,
  LEVEL_COLORS,
  type OutageColor,
  type OutageLevel,
  PLAN_DOC_NUMBER,
  PLAN_TITLE,
} from './types.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export type CapStatus = 'Actual' | 'Exercise';
export type CapMsgType = 'Alert' | 'Update' | 'Cancel';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

export const CAP_STATUSES: readonly CapStatus[] = ['Actual', 'Exercise'];
export const CAP_MSG_TYPES: readonly CapMsgType[] = ['Alert', 'Update', 'Cancel'];

export const SEVERITY_BY_COLOR: Record<OutageColor, CapSeverity> = {
  red: 'Extreme',
  orange: 'Severe',
  yellow: 'Moderate',
  blue: 'Minor',
};

export interface CapReference {
  sender: string;
  identifier: string;
  /** CAP dateTime with offset, as it appeared in the referenced message. */
  sent: string;
}

export interface CapAlertInput {
  identifier: string;
  sender: string;
  /** Instant (UTC ISO or with offset); written as +08:00. */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  /** Required for Update and Cancel, refused for Alert. */
  references?: CapReference[];
  level: OutageLevel;
  areaDesc: string;
  /** GB/T 2260 code of the area, written as a geocode. */
  areaCode?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  expires?: string;
  urgency?: CapUrgency;
  certainty?: CapCertainty;
  /** <note>; for Exercise a default note says it is a drill. */
  note?: string;
}

const CAP_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function bad(message: string, field: string): never {
  throw new AppError('BAD_INPUT', message, { field });
}

/** Escape text for element content (and attribute values). */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function text(value: string, label: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') bad(`${label}不能为空。`, field);
  const m = NOT_XML_CHAR.exec(value);
  if (m)
    bad(
      `${label}含有 XML 不允许的字符（U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}）。`,
      field,
    );
  return value;
}

/** identifier and sender: CAP 1.2 forbids spaces, commas and the restricted characters < and &. */
function token(value: string, label: string, field: string): string {
  text(value, label, field);
  if (/[\s,<&]/.test(value)) bad(`${label}“${value}”不能包含空格、逗号、< 或 &（CAP 1.2 规定）。`, field);
  return value;
}

/** Parse `sender,identifier,sent` entries separated by spaces (the CAP <references> form). */
export function parseReferences(value: string, field = 'references'): CapReference[] {
  if (typeof value !== 'string' || value.trim() === '')
    bad('引用（references）不能为空：应为“发送者,标识,发送时间”，多条以空格分隔。', field);
  return value
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const parts = entry.split(',');
      if (parts.length !== 3 || parts.some((p) => p === '')) {
        bad(
          `引用“${entry}”格式不正确：应为“发送者,标识,发送时间”，如 outage.140423@luoshi,XY-2023-001,2023-07-03T14:05:00+08:00。`,
          field,
        );
      }
      const [sender, identifier, sent] = parts as [string, string, string];
      return checkReference({ sender, identifier, sent }, field);
    });
}

function checkReference(r: CapReference, field: string): CapReference {
  token(r.sender, '引用的发送者', field);
  token(r.identifier, '引用的标识', field);
  if (!CAP_TIME.test(r.sent))
    bad(`引用的发送时间“${r.sent}”格式不正确：应带时区偏移，如 2023-07-03T14:05:00+08:00（不能用 Z）。`, field);
  return r;
}

export function formatReferences(refs: CapReference[]): string {
  return refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
}

export function severityOf(level: OutageLevel): CapSeverity {
  return SEVERITY_BY_COLOR[LEVEL_COLORS[level]];
}

const el = (name: string, value: string, indent: string) => `${indent}<${name}>${escapeXml(value)}</${name}>`;

/** Build one CAP 1.2 alert; throws AppError BAD_INPUT (Chinese, naming the field) on bad input. */
export function buildCapAlert(input: CapAlertInput): string {
  const identifier = token(input.identifier, '消息标识（identifier）', 'identifier');
  const sender = token(input.sender, '发送者（sender）', 'sender');
  const sent = toCapDateTime(input.sent);
  if (!CAP_STATUSES.includes(input.status))
    bad(`状态“${String(input.status)}”无效：应为 Actual（正式）或 Exercise（演练）。`, 'status');
  if (!CAP_MSG_TYPES.includes(input.msgType))
    bad(`消息类型“${String(input.msgType)}”无效：应为 Alert（发布）、Update（调整）或 Cancel（解除）。`, 'msgType');
  if (!isOutageLevel(input.level))
    bad(`预警级别“${String(input.level)}”无效：应为特别重大、重大、较大或一般。`, 'level');
  const refs = input.references ?? [];
  if (input.msgType !== 'Alert' && refs.length === 0) {
    bad(
      `${input.msgType === 'Update' ? '调整（Update）' : '解除（Cancel）'}消息必须引用先前发布的预警（references：发送者,标识,发送时间）。`,
      'references',
    );
  }
  if (input.msgType === 'Alert' && refs.length > 0)
    bad('首次发布（Alert）的消息不应引用先前的消息；调整或解除请用 Update 或 Cancel。', 'references');
  for (const r of refs) checkReference(r, 'references');
  const areaDesc = text(input.areaDesc, '影响区域（areaDesc）', 'areaDesc');
  if (input.areaCode !== undefined && !/^\d{6}$/.test(input.areaCode))
    bad(`行政区划代码“${input.areaCode}”无效：应为 6 位数字（GB/T 2260）。`, 'areaCode');

  const color = LEVEL_COLORS[input.level];
  const colorName = COLOR_NAMES[color];
  const cancel = input.msgType === 'Cancel';
  const urgency = input.urgency ?? (cancel ? 'Past' : 'Expected');
  const certainty = input.certainty ?? (cancel ? 'Unlikely' : 'Likely');
  const drill = input.status === 'Exercise' ? '【演练】' : '';
  const verb = { Alert: '发布', Update: '调整', Cancel: '解除' }[input.msgType];
  const headline =
    input.headline ??
    `${drill}${areaDesc}大面积停电${colorName}预警（${input.level}）${input.msgType === 'Alert' ? '' : `已${verb}`}`;
  const description =
    input.description ??
    (cancel
      ? `经研判不会发生大面积停电事件，县大面积停电事件应急指挥部办公室（县能源局）宣布解除${areaDesc}大面积停电${colorName}预警，适时终止相关措施（《${PLAN_TITLE}》${PLAN_DOC_NUMBER} 3.3.4）。`
      : `根据《${PLAN_TITLE}》（${PLAN_DOC_NUMBER}）3.3，${areaDesc}可能发生${input.level}大面积停电事件，${input.msgType === 'Update' ? '预警信号调整为' : '发布'}大面积停电${colorName}预警。`);
  const instruction =
    input.instruction ??
    (cancel
      ? '预警已解除，请关注官方发布的后续信息。'
      : '请做好停电防范准备，重要电力用户做好自备应急电源启用准备；关注新闻媒体、网站、应急广播发布的权威信息，不信谣、不传谣。');
  const note =
    input.note ?? (input.status === 'Exercise' ? `演练消息，非真实预警（${PLAN_DOC_NUMBER} 8.1 演练）。` : undefined);

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    el('identifier', identifier, '  '),
    el('sender', sender, '  '),
    el('sent', sent, '  '),
    el('status', input.status, '  '),
    el('msgType', input.msgType, '  '),
    el('scope', 'Public', '  '),
  ];
  if (note !== undefined) lines.push(el('note', text(note, '备注（note）', 'note'), '  '));
  if (refs.length > 0) lines.push(el('references', formatReferences(refs), '  '));
  lines.push(
    '  <info>',
    el('language', 'zh-CN', '    '),
    el('category', 'Infra', '    '),
    el('event', '大面积停电', '    '),
    el('responseType', cancel ? 'AllClear' : 'Prepare', '    '),
    el('urgency', urgency, '    '),
    el('severity', severityOf(input.level), '    '),
    el('certainty', certainty, '    '),
  );
  if (input.expires !== undefined) lines.push(el('expires', toCapDateTime(input.expires), '    '));
  lines.push(
    el(
      'senderName',
      text(input.senderName ?? '襄垣县大面积停电事件应急指挥部', '发送单位名称（senderName）', 'senderName'),
      '    ',
    ),
    el('headline', text(headline, '标题（headline）', 'headline'), '    '),
    el('description', text(description, '描述（description）', 'description'), '    '),
    el('instruction', text(instruction, '指引（instruction）', 'instruction'), '    '),
    '    <parameter>',
    el('valueName', '预警颜色', '      '),
    el('value', colorName, '      '),
    '    </parameter>',
    '    <parameter>',
    el('valueName', '事件级别', '      '),
    el('value', input.level, '      '),
    '    </parameter>',
    '    <area>',
    el('areaDesc', areaDesc, '      '),
  );
  if (input.areaCode !== undefined) {
    lines.push(
      '      <geocode>',
      el('valueName', 'GB/T 2260', '        '),
      el('value', input.areaCode, '        '),
      '      </geocode>',
    );
  }
  lines.push('    </area>', '  </info>', '</alert>');
  return `${lines.join('\n')}\n`;
}
