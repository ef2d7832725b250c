// Pre-flight of a draft submitted to the county government (襄政发〔2023〕7号 第六章 公文处理, 第二十七—三十五条).
// Pure: text and declared facts in, findings out. Findings explain what they found and quote the sentence.
//
// Rules implemented here (the clocks and the signing matrix are in rules.ts):
//   第二十七条 type of 《党政机关公文处理工作条例》; 请示应当一文一事; 报告不得夹带请示事项; not addressed to a leader
//             in person; 不得多头报文 (a 请示 has one 主送机关);
//   第二十九条 length limits (counting rule: count.ts);
//   第三十二条/第三十四条 行政规范性文件 need the 县司法局's legality review;
//   第三十条/第三十一条 a draft naming other departments or the towns should have consulted them (会签, 7 working days);
//   第三十四条 a department does not send directive documents to the towns without the county government's authority;
//   第三十五条 no separate 分工方案; no demand that the towns issue supporting documents.
import { AppError } from '../platform/errors.ts';
import { countChars } from './count.ts';
import {
  DIRECTIONS,
  type Direction,
  DOC_TYPES,
  type DocType,
  docTypeOf,
  SCOPE_NAMES,
  type Scope,
  typeFromTitle,
} from './types.ts';

export type PreflightKind =
  | 'length'
  | 'type-mismatch'
  | 'direction'
  | 'multiple-requests'
  | 'report-with-request'
  | 'addressed-to-person'
  | 'multiple-addressees'
  | 'legality-review'
  | 'normative-suspected'
  | 'consultation'
  | 'directive-to-towns'
  | 'separate-division-plan'
  | 'supporting-documents'
  | 'empty';

export interface PreflightFinding {
  kind: PreflightKind;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The clause of 襄政发〔2023〕7号 (or of the 条例) the rule comes from. */
  clause: string;
  /** The offending sentence, when there is one. */
  quote: string | null;
  /** 1-based line of the draft, when the finding has one. */
  line: number | null;
}

export interface PreflightInput {
  text: string;
  /** Declared type (any of the 15, or 令 / 会议纪要); when absent, taken from the title (关于……的请示). */
  type?: string;
  /** 第二十九条 scope; default 'general' (≤5000字), for a 报告 default 专项报告 (≤3000字). */
  scope?: Scope;
  /** The draft is a 行政规范性文件 (true), is not (false), or was not declared (undefined: guessed). */
  normative?: boolean;
  /** The 县司法局's legality review has been done (第三十二条). */
  legalReview?: boolean;
  /** A 代拟稿: a draft written by a department for issue in the county government's (or office's) name. */
  proxyDraft?: boolean;
}

export interface PreflightResult {
  type: DocType;
  typeFrom: 'declared' | 'title';
  directions: readonly Direction[];
  title: string | null;
  addressees: string[];
  chars: number;
  /** null = no fixed limit (全局性、综合性工作, exempt under 第二十九条). */
  limit: number | null;
  scope: Scope;
  findings: PreflightFinding[];
}

interface DraftLine {
  no: number;
  text: string;
}

interface Sentence {
  text: string;
  line: number;
}

interface Draft {
  title: string | null;
  titleLine: number | null;
  addressees: string[];
  addresseeLine: number | null;
  body: Sentence[];
}

const PLAIN = (raw: string) =>
  raw
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/^\s*[-*]\s+(?=\S)/, '')
    .replace(/\*\*/g, '')
    .trim();

/** Title (the first lines up to a blank line), 主送机关 (the first line ending in ：) and the body sentences. */
export function readDraft(text: string): Draft {
  const lines: DraftLine[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((raw, k) => ({ no: k + 1, text: PLAIN(raw) }));
  let i = 0;
  while (i < lines.length && !(lines[i] as DraftLine).text) i++;
  let title: string | null = null;
  let titleLine: number | null = null;
  const first = lines[i];
  // the title block: consecutive non-blank lines that are not the 主送机关 and do not end a sentence
  if (first && !/[：:]$/.test(first.text) && !/[。；！？]$/.test(first.text)) {
    titleLine = first.no;
    const parts: string[] = [];
    while (i < lines.length && (lines[i] as DraftLine).text && parts.length < 4) {
      const t = (lines[i] as DraftLine).text;
      if (/[：:]$/.test(t) || /[。；]$/.test(t)) break;
      parts.push(t);
      i++;
    }
    title = parts.join('').replace(/\s+/g, '');
  }
  while (i < lines.length && !(lines[i] as DraftLine).text) i++;
  let addressees: string[] = [];
  let addresseeLine: number | null = null;
  const addr = lines[i];
  if (addr && /[：:]$/.test(addr.text) && addr.text.length <= 120) {
    addressees = addr.text
      .replace(/[：:]$/, '')
      .split(/[，、,；;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    addresseeLine = addr.no;
    i++;
  }
  const body: Sentence[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i] as DraftLine;
    if (!l.text) continue;
    for (const s of splitSentences(l.text)) body.push({ text: s, line: l.no });
  }
  return { title, titleLine, addressees, addresseeLine, body };
}

/** Sentences of one line: split after 。！？； keeping the mark (closing quotes stay with the sentence). */
export function splitSentences(line: string): string[] {
  const out: string[] = [];
  const re = /[^。！？；!?;]+(?:[。！？；!?;]+[”’」』）)]*|$)/g;
  for (const m of line.matchAll(re)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

// A sentence asks the addressee to decide, approve, fund or act: the core of a 请示.
const ASK =
  /(恳请|拟请|申请|请求|请予|望予|请批准|请审批|请批示|请核准|请审定|请同意|请(?:县委|县政府|县人民政府|政府|领导|上级)?[^。；，]{0,12}?(?:批准|同意|解决|拨付|核拨|支持|审批|协调|安排|给予|批复|审定|研究))/;
// The closing formula of a 请示 (妥否，请批示 / 特此请示 / 以上请示当否，请批复): it asks for nothing by itself.
const CLOSING =
  /^(?:以上|上述)?(?:请示|意见|报告)?(?:事项)?[，,]?(?:妥否|当否|是否妥当|可否|如无不妥)?[，,]?\s*(?:请|望)?(?:批示|批复|审批|指示|审定|核示|示复)?[。！]?$|^特此请示[。！]?$|请示如下[：:。]?$/;
// The closing formula of a 报告 (特此报告 / 以上报告，请审阅): a report may end so.
const REPORT_CLOSING = /^(?:特此报告|以上报告[，,]?请(?:审阅|阅示|审示)|请审阅)[。！]?$/;
// In a 报告, what makes a sentence a request: asking for approval or a decision, or a 请示 closing formula.
const ASK_IN_REPORT =
  /(恳请|拟请|请予|望予|请批准|请审批|请批示|请核准|请审定|请同意|妥否|当否|请求[^。；]{0,12}(?:批准|解决|拨付|支持|同意|给予|协调)|请(?:县委|县政府|县人民政府|政府|领导)[^。；，]{0,12}?(?:批准|同意|解决|拨付|核拨|支持|审批|协调|给予|批复))/;
const ANOTHER = /(?:另外|此外|另|同时|还|再)[，,]?(?:恳请|拟请|申请|请求|请)/;
const PERSON = /(县长|副县长|书记|副书记|常务副|主任|同志)$/;
/** Units a draft names: 县水利局, 县发改和科技局, 市生态环境局襄垣分局 … (for 第三十条's consultation). */
const UNIT_RE = /(?:县|市)[\u4e00-\u9fa5]{1,10}?(?:局|委员会|委|办公室|办|中心|分局|公司)(?:襄垣分局)?/g;
const TOWNS = /各镇(?:人民政府)?|乡镇/;
const SUPPORTING =
  /各镇[^。；]{0,20}(?:制定|制发|出台|印发)[^。；]{0,12}(?:配套文件|实施细则|实施方案|工作方案|配套政策)/;
const NORMATIVE_HINT =
  /(本(?:办法|规定|细则|规则|实施办法|暂行办法)自[^。]{0,30}(?:起施行|施行|实施)|有效期(?:为|至)?[^。]{0,8}年|行政规范性文件)/;

function quote(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}……` : s;
}

function bigrams(s: string): Set<string> {
  const t = s.replace(/[^\u4e00-\u9fffA-Za-z0-9]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / Math.min(x.size, y.size);
}

/** 第二十九条: the limit for a type and scope (null = none). */
export function lengthLimit(type: DocType, scope: Scope): number | null {
  if (type === '请示') return 1500;
  if (type === '报告') return scope === 'comprehensive' ? 5000 : 3000;
  if (scope === 'comprehensive') return null;
  return scope === 'special' ? 4000 : 5000;
}

function limitName(type: DocType, scope: Scope): string {
  if (type === '请示') return '请示';
  if (type === '报告') return scope === 'comprehensive' ? '综合报告' : '专项报告';
  return scope === 'special'
    ? '部署专项工作或具体任务的公文'
    : scope === 'comprehensive'
      ? '部署全局性、综合性工作的公文'
      : '公文';
}

export function preflight(input: PreflightInput): PreflightResult {
  const draft = readDraft(input.text);
  const findings: PreflightFinding[] = [];
  const add = (f: Omit<PreflightFinding, 'quote' | 'line'> & { quote?: string | null; line?: number | null }) =>
    findings.push({ quote: null, line: null, ...f });

  // type: declared or from the title
  const titled = draft.title ? typeFromTitle(draft.title) : null;
  let type: DocType;
  let typeFrom: PreflightResult['typeFrom'];
  if (input.type !== undefined && input.type.trim() !== '') {
    const t = docTypeOf(input.type);
    if (!t) {
      throw new AppError(
        'BAD_INPUT',
        `文种“${input.type}”不是《党政机关公文处理工作条例》规定的 15 种公文之一（${DOC_TYPES.join('、')}）。`,
        { field: 'type' },
      );
    }
    type = t;
    typeFrom = 'declared';
    if (titled && titled !== t) {
      add({
        kind: 'type-mismatch',
        severity: 'warning',
        clause: '第二十七条',
        message: `申报文种为“${t}”，但标题“${draft.title}”以“${titled}”结尾，文种不一致（第二十七条：应当符合《党政机关公文处理工作条例》）。`,
        quote: draft.title,
        line: draft.titleLine,
      });
    }
  } else if (titled) {
    type = titled;
    typeFrom = 'title';
  } else {
    throw new AppError(
      'BAD_INPUT',
      `未指定文种，标题${draft.title ? `“${draft.title}”` : '（未找到）'}也没有以 15 种文种之一结尾，无法判断文种。请用 --type 指定（${DOC_TYPES.join('、')}）。`,
      { field: 'type' },
    );
  }

  const scope: Scope = input.scope ?? (type === '报告' ? 'special' : 'general');
  const chars = countChars(input.text);
  const limit = lengthLimit(type, scope);

  if (draft.body.length === 0) {
    add({
      kind: 'empty',
      severity: 'error',
      clause: '第二十七条',
      message: '草稿没有正文（标题和主送机关之后没有文字）。',
      line: draft.titleLine,
    });
  }

  // 第二十九条: length
  if (limit !== null && chars > limit) {
    add({
      kind: 'length',
      severity: 'warning',
      clause: '第二十九条',
      message: `全文 ${chars} 字，超过${limitName(type, scope)}一般不超过 ${limit} 字的篇幅要求（第二十九条），多出 ${chars - limit} 字。`,
    });
  } else if (limit === null) {
    add({
      kind: 'length',
      severity: 'info',
      clause: '第二十九条',
      message: `按部署全局性、综合性工作的公文计，第二十九条不设字数上限（全文 ${chars} 字）；若为一般公文，上限为 5000 字。`,
    });
  }

  // 第二十七条: direction — a 下行/平行 type addressed to the county government is not a way to write upward
  const toCounty = draft.addressees.some((a) => /^(县人民政府|县政府|襄垣县人民政府)$/.test(a));
  if (toCounty && !DIRECTIONS[type].includes('上行') && !input.proxyDraft) {
    add({
      kind: 'direction',
      severity: 'warning',
      clause: '第二十七条',
      message: `主送“${draft.addressees.join('、')}”是上行文，但“${type}”是${DIRECTIONS[type].join('、')}文；向上级机关行文应使用请示、报告或意见（若为以县人民政府名义印发的代拟稿，请注明代拟稿）。`,
      quote: draft.addressees.join('、'),
      line: draft.addresseeLine,
    });
  }

  // 第二十七条: not addressed to a leader in person; 请示 to one organ only
  const persons = draft.addressees.filter((a) => PERSON.test(a));
  if (persons.length > 0) {
    add({
      kind: 'addressed-to-person',
      severity: 'warning',
      clause: '第二十七条',
      message: `主送“${persons.join('、')}”是领导同志个人。第二十七条：除县人民政府领导同志交办事项和必须直接报送的绝密级事项外，一般不得直接向县人民政府领导同志个人报送公文。`,
      quote: persons.join('、'),
      line: draft.addresseeLine,
    });
  }
  if (type === '请示' && draft.addressees.length > 1) {
    add({
      kind: 'multiple-addressees',
      severity: 'warning',
      clause: '第二十七条',
      message: `请示主送了 ${draft.addressees.length} 个机关（${draft.addressees.join('、')}）。第二十七条：不得多头报文；请示一般只写一个主送机关，需要同时送其他机关的，用抄送。`,
      quote: draft.addressees.join('、'),
      line: draft.addresseeLine,
    });
  }

  // 第二十七条: 请示应当一文一事
  if (type === '请示') {
    const asks = draft.body.filter((s) => ASK.test(s.text) && !CLOSING.test(s.text));
    const matters: Sentence[][] = [];
    for (const s of asks) {
      const another = ANOTHER.test(s.text);
      const same = another ? undefined : matters.find((m) => m.some((x) => similarity(x.text, s.text) >= 0.35));
      if (same) same.push(s);
      else matters.push([s]);
    }
    const enumerated = asks.filter((s) => /(一是|二是|三是)[^。；]{0,40}(?:请|申请|拟请)/.test(s.text));
    if (matters.length >= 2 || enumerated.length > 0) {
      const shown = matters.length >= 2 ? matters.map((m) => m[0] as Sentence) : enumerated;
      add({
        kind: 'multiple-requests',
        severity: 'warning',
        clause: '第二十七条',
        message: `请示应当一文一事（第二十七条），但草稿${matters.length >= 2 ? `提出了 ${matters.length} 项内容不同的请求` : '在一句中分项提出了多项请求'}：${shown
          .map((s) => `第 ${s.line} 行“${quote(s.text)}”`)
          .join('；')}。请分别行文。`,
        quote: (shown[0] as Sentence).text,
        line: (shown[0] as Sentence).line,
      });
    }
  }

  // 第二十七条: 报告不得夹带请示事项
  if (type === '报告') {
    for (const s of draft.body) {
      if (REPORT_CLOSING.test(s.text) || !ASK_IN_REPORT.test(s.text)) continue;
      const m = ASK_IN_REPORT.exec(s.text) as RegExpExecArray;
      add({
        kind: 'report-with-request',
        severity: 'warning',
        clause: '第二十七条',
        message: `报告不得夹带请示事项（第二十七条）：第 ${s.line} 行“${quote(s.text)}”含请示用语“${m[1]}”。需要批准的事项请另行请示。`,
        quote: s.text,
        line: s.line,
      });
    }
  }

  // 第三十条 / 第三十一条: other departments or the towns named in the draft should have been consulted
  const drafter = draft.title ? (/^(.{2,20}?)关于/.exec(draft.title)?.[1] ?? null) : null;
  const named = new Set<string>();
  for (const sen of draft.body) {
    for (const m of sen.text.matchAll(UNIT_RE)) {
      // the drafting unit itself (襄垣县水利局 ⊃ 县水利局) and the county government are not “other” units
      if (drafter?.endsWith(m[0]) || /^(?:县|市)(?:人民)?政府/.test(m[0])) continue;
      named.add(m[0]);
    }
  }
  if (named.size > 0 || draft.body.some((x) => TOWNS.test(x.text))) {
    const who = [...named].slice(0, 8).join('、');
    add({
      kind: 'consultation',
      severity: 'info',
      clause: '第三十条',
      message: `草稿涉及${who ? `${who}${named.size > 8 ? ` 等 ${named.size} 个单位` : ''}` : ''}${who && draft.body.some((x) => TOWNS.test(x.text)) ? '及' : ''}${draft.body.some((x) => TOWNS.test(x.text)) ? '各镇' : ''}：第三十条要求事先征求意见；会签时各单位一般应在 7 个工作日内回复，逾期不回复视为无不同意见（第三十一条）。`,
    });
  }

  // 第三十四条: a department does not send directive documents to the towns
  const drafterIsDepartment =
    drafter !== null && !/人民政府(办公室)?$|政府办$/.test(drafter) && /(局|委|办|中心)$/.test(drafter);
  if (
    drafterIsDepartment &&
    !input.proxyDraft &&
    draft.addressees.some((a) => TOWNS.test(a)) &&
    DIRECTIONS[type].includes('下行')
  ) {
    add({
      kind: 'directive-to-towns',
      severity: 'warning',
      clause: '第三十四条',
      message: `${drafter}以“${type}”主送${draft.addressees.filter((a) => TOWNS.test(a)).join('、')}。第三十四条：未经县人民政府授权，县人民政府各部门不得向各镇政府发布指令性公文或者在公文中向各镇政府提出指令性要求；请确认已获授权，或改为以县人民政府（办公室）名义印发的代拟稿。`,
      quote: draft.addressees.join('、'),
      line: draft.addresseeLine,
    });
  }

  // 第三十五条: 分工方案 with the document, not separately; no supporting documents demanded of the towns
  if (draft.title && /分工方案/.test(draft.title)) {
    add({
      kind: 'separate-division-plan',
      severity: 'warning',
      clause: '第三十五条',
      message: `标题“${draft.title}”是单独印发的分工方案。第三十五条：分工方案原则上应与文件合并印发，不单独发文。`,
      quote: draft.title,
      line: draft.titleLine,
    });
  }
  const supporting = draft.body.find((x) => SUPPORTING.test(x.text));
  if (supporting && (drafterIsDepartment || input.proxyDraft !== true)) {
    add({
      kind: 'supporting-documents',
      severity: 'info',
      clause: '第三十五条',
      message: `第 ${supporting.line} 行“${quote(supporting.text)}”要求各镇制发配套文件。第三十五条：从严控制配套类发文，县人民政府各部门不得以贯彻落实、督查考核等名义擅自要求各镇政府制发配套文件。`,
      quote: supporting.text,
      line: supporting.line,
    });
  }

  // 第三十二条、第三十四条: legality review of 行政规范性文件
  if (input.normative === true && !input.legalReview) {
    add({
      kind: 'legality-review',
      severity: 'error',
      clause: '第三十二条',
      message:
        '行政规范性文件须由县司法局进行合法性审核（第三十二条；第三十四条：严格合法性审查），草稿尚无合法性审核意见，不能提请审批。',
    });
  } else if (input.normative === undefined) {
    const hint = draft.body.find((s) => NORMATIVE_HINT.test(s.text));
    if (hint) {
      add({
        kind: 'normative-suspected',
        severity: 'info',
        clause: '第三十二条',
        message: `第 ${hint.line} 行“${quote(hint.text)}”像是行政规范性文件的用语；若是，须经县司法局合法性审核（第三十二条）。请声明是否为行政规范性文件。`,
        quote: hint.text,
        line: hint.line,
      });
    }
  }

  return {
    type,
    typeFrom,
    directions: DIRECTIONS[type],
    title: draft.title,
    addressees: draft.addressees,
    chars,
    limit,
    scope,
    findings,
  };
}

export { SCOPE_NAMES };
