// 附件7 襄垣县大面积停电事件信息发布审批表 as a pure state machine (襄政办发〔2023〕15号 §3.3.1, §5.3 (3)).
//
//   draft ──审核(同意)──▶ reviewed ──审批(同意)──▶ approved ──发布──▶ published
//     │                    │                        │
//     └──审核(不同意)──▶ refused ◀──审批(不同意)──┘ (any open state) ──撤回──▶ withdrawn
//
// §3.3.1: 县能源局…向县指挥部提出预警建议，必要时报请县人民政府批准后向社会公众发布预警信号; 附件7 has two
// signature rows: 县指挥部办公室主任审核意见 and 县指挥部审批意见. Decisions (docs/emergency.md §9.1):
// - 审核 needs the post 县指挥部办公室主任; 审批 needs 指挥长 or 副指挥长 (the 指挥部 signs through its leaders,
//   附件2 职责 5. 统一组织信息发布). The same person may not both 审核 and 审批 one form (the table has two rows
//   for two people), although the 县能源局局长 is both 办公室主任 and a 副指挥长 (§2.1.1).
// - A refusal (不同意) needs a reason and ends the form: a corrected text is a new form, so every approved
//   text is the text that was reviewed.
// - Only 发布 of an approved 预警 form produces a CAP message (the store does that); an event-information form
//   (信息类别 大面积停电事件) is published as text.
// - 预警解除 (§3.3.4 由县指挥部办公室（县能源局）宣布解除预警信号) and 预警调整 (§3.3.3 县指挥部办公室…作出调整)
//   are the office's own acts in the text; 附件7 still covers every 预警 publication, so an adjustment goes through
//   the form. A lifting does not need it (the store lets the office lift directly).
import { AppError } from '../platform/errors.ts';
import { COMMAND_POSTS, type CommandPost } from './command/structure.ts';
import { parseInstant, toUtcIso } from './time.ts';
import { isOutageLevel, type OutageLevel } from './types.ts';

export const INFO_CATEGORIES = { warning: '预警', event: '大面积停电事件' } as const;
export type InfoCategory = keyof typeof INFO_CATEGORIES;

export const ATTACHMENT_KINDS = { paper: '纸质附件', electronic: '电子稿附件', other: '其它' } as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/** 附件7 信息发布内容, in the table's order. */
export const CONTENT_FIELDS = {
  nature: '突发事件性质',
  occurredAt: '发生时间',
  place: '地点',
  casualties: '人员伤亡',
  propertyLoss: '财产损失',
  rescueProgress: '救援进展',
  supplyImpact: '供电影响情况',
  publicOrder: '社会秩序管控情况',
} as const;
export type ContentField = keyof typeof CONTENT_FIELDS;

export type ApprovalState = 'draft' | 'reviewed' | 'approved' | 'published' | 'refused' | 'withdrawn';
export const APPROVAL_STATES: Record<ApprovalState, string> = {
  draft: '待审核',
  reviewed: '已审核，待审批',
  approved: '已审批，待发布',
  published: '已发布',
  refused: '未通过',
  withdrawn: '已撤回',
};

/** The warning a 预警 form publishes (CAP msgType Alert for issue, Update for update). */
export interface WarningSpec {
  action: 'issue' | 'update';
  level: OutageLevel;
  areaDesc: string;
}

export interface ApprovalDraft {
  category: InfoCategory;
  /** 信息标题 */
  title: string;
  /** 信息报送部门 / 信息报送人姓名 */
  submittingUnit: string;
  submitter: string;
  /** 信息稿件附件 */
  attachments: AttachmentKind[];
  /** 要求发布日期 (YYYY-MM-DD) and 信息保留时间 (free text, e.g. “至预警解除”). */
  requestedPublishDate?: string;
  retention?: string;
  content: Partial<Record<ContentField, string>>;
  /** Required for category warning, refused otherwise. */
  warning?: WarningSpec;
}

export interface Signature {
  by: string;
  at: string;
  agree: boolean;
  opinion: string;
}

export interface ApprovalStep {
  action: ApprovalAction;
  by: string;
  at: string;
  opinion?: string;
}

export interface ApprovalForm extends ApprovalDraft {
  /** 信息发布编号 */
  number: string;
  state: ApprovalState;
  draftedBy: string;
  draftedAt: string;
  /** 县指挥部办公室主任审核意见 */
  review?: Signature;
  /** 县指挥部审批意见 */
  approval?: Signature;
  /** 信息校对人员 / 发布人员 签名, on publication. */
  proofreader?: string;
  publisher?: string;
  publishedAt?: string;
  withdrawnAt?: string;
  steps: ApprovalStep[];
}

export type ApprovalAction = 'draft' | 'review' | 'approve' | 'publish' | 'withdraw';
export const ACTION_LABELS: Record<ApprovalAction, string> = {
  draft: '填报',
  review: '审核',
  approve: '审批',
  publish: '发布',
  withdraw: '撤回',
};

export type ApprovalCommand =
  | { action: 'review'; agree: boolean; opinion?: string }
  | { action: 'approve'; agree: boolean; opinion?: string }
  | { action: 'publish'; proofreader: string; publisher: string }
  | { action: 'withdraw'; reason?: string };

export interface ApprovalActor {
  name: string;
  posts: CommandPost[];
  /** May record and publish (the duty office, incident:act). */
  office: boolean;
}

function bad(message: string, field: string): never {
  throw new AppError('BAD_INPUT', message, { field });
}

const MAX_TEXT = 2000;

function text(v: unknown, label: string, field: string, required: boolean, max = MAX_TEXT): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) bad(`须填写${label}。`, field);
    return undefined;
  }
  if (typeof v !== 'string') bad(`${label}应为文字。`, field);
  const t = v.trim();
  if (t.length > max) bad(`${label}过长（最多 ${max} 字，现 ${t.length} 字）。`, field);
  return t;
}

/** Validates and normalizes a 附件7 form as filled in (BAD_INPUT naming the field otherwise). */
export function checkDraft(input: unknown): ApprovalDraft {
  if (typeof input !== 'object' || input === null) bad('审批表应为对象。', 'form');
  const f = input as Record<string, unknown>;
  const category = f.category;
  if (typeof category !== 'string' || !Object.hasOwn(INFO_CATEGORIES, category)) {
    bad(`信息类别“${String(category)}”无效：应为 warning（预警）或 event（大面积停电事件）（附件7）。`, 'category');
  }
  const title = text(f.title, '信息标题', 'title', true, 200) as string;
  const submittingUnit = text(f.submittingUnit, '信息报送部门', 'submittingUnit', true, 100) as string;
  const submitter = text(f.submitter, '信息报送人姓名', 'submitter', true, 50) as string;
  const attachments: AttachmentKind[] = [];
  if (f.attachments !== undefined) {
    if (!Array.isArray(f.attachments)) bad('信息稿件附件应为列表。', 'attachments');
    for (const a of f.attachments) {
      if (typeof a !== 'string' || !Object.hasOwn(ATTACHMENT_KINDS, a)) {
        bad(`信息稿件附件“${String(a)}”无效：应为 paper、electronic 或 other。`, 'attachments');
      }
      if (!attachments.includes(a as AttachmentKind)) attachments.push(a as AttachmentKind);
    }
  }
  let requestedPublishDate: string | undefined;
  if (f.requestedPublishDate !== undefined && f.requestedPublishDate !== '') {
    const d = f.requestedPublishDate;
    if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) {
      bad(`要求发布日期“${String(d)}”无效：应为 YYYY-MM-DD。`, 'requestedPublishDate');
    }
    requestedPublishDate = d;
  }
  const retention = text(f.retention, '信息保留时间', 'retention', false, 100);
  const content: Partial<Record<ContentField, string>> = {};
  const c = f.content ?? {};
  if (typeof c !== 'object' || c === null || Array.isArray(c)) bad('信息发布内容应为对象。', 'content');
  for (const key of Object.keys(c)) {
    if (!Object.hasOwn(CONTENT_FIELDS, key)) bad(`信息发布内容没有“${key}”一项（附件7）。`, `content.${key}`);
    const v = text((c as Record<string, unknown>)[key], CONTENT_FIELDS[key as ContentField], `content.${key}`, false);
    if (v !== undefined) content[key as ContentField] = v;
  }
  if (Object.keys(content).length === 0)
    bad('信息发布内容至少填写一项（附件7：突发事件性质、发生时间……）。', 'content');
  let warning: WarningSpec | undefined;
  if (category === 'warning') {
    const w = f.warning as Record<string, unknown> | undefined;
    if (typeof w !== 'object' || w === null) bad('信息类别为预警时须给出预警内容（warning）。', 'warning');
    if (w.action !== 'issue' && w.action !== 'update') {
      bad(
        `预警操作“${String(w.action)}”无效：审批表用于发布（issue）或调整（update）预警；解除由县指挥部办公室宣布（§3.3.4）。`,
        'warning.action',
      );
    }
    if (!isOutageLevel(w.level))
      bad(`预警级别“${String(w.level)}”无效：应为特别重大、重大、较大、一般。`, 'warning.level');
    const areaDesc = text(w.areaDesc, '预警区域', 'warning.areaDesc', false, 200) ?? '襄垣县';
    warning = { action: w.action, level: w.level, areaDesc };
  } else if (f.warning !== undefined) {
    bad('信息类别为大面积停电事件时不发布预警（warning）。', 'warning');
  }
  return {
    category: category as InfoCategory,
    title,
    submittingUnit,
    submitter,
    attachments,
    ...(requestedPublishDate ? { requestedPublishDate } : {}),
    ...(retention ? { retention } : {}),
    content,
    ...(warning ? { warning } : {}),
  };
}

/** A new form in state draft (填报). */
export function newForm(input: unknown, number: string, by: string, at: string): ApprovalForm {
  const draft = checkDraft(input);
  const when = toUtcIso(parseInstant(at, '填报时间', 'at'));
  return {
    ...draft,
    number,
    state: 'draft',
    draftedBy: by,
    draftedAt: when,
    steps: [{ action: 'draft', by, at: when }],
  };
}

/** The actions open in a state, for the screen's buttons (whoever may take them). */
export function openActions(state: ApprovalState): ApprovalAction[] {
  switch (state) {
    case 'draft':
      return ['review', 'withdraw'];
    case 'reviewed':
      return ['approve', 'withdraw'];
    case 'approved':
      return ['publish', 'withdraw'];
    default:
      return [];
  }
}

const hasPost = (a: ApprovalActor, ...posts: CommandPost[]) => posts.some((p) => a.posts.includes(p));

function forbidden(message: string): never {
  throw new AppError('FORBIDDEN', message, { field: 'action' });
}

/**
 * One step of the form. Refusals: BAD_INPUT for a step the state does not allow or a missing reason;
 * FORBIDDEN for a person without the post the step needs. Returns a new form (the input is not changed).
 */
export function transition(form: ApprovalForm, cmd: ApprovalCommand, actor: ApprovalActor, at: string): ApprovalForm {
  const action = (cmd as { action: unknown }).action;
  if (typeof action !== 'string' || !['review', 'approve', 'publish', 'withdraw'].includes(action)) {
    bad(
      `审批操作“${String(action)}”无效：应为 review（审核）、approve（审批）、publish（发布）或 withdraw（撤回）。`,
      'action',
    );
  }
  const when = toUtcIso(parseInstant(at, '操作时间', 'at'));
  if (!openActions(form.state).includes(cmd.action)) {
    bad(
      `审批表 ${form.number} ${APPROVAL_STATES[form.state]}，不能${ACTION_LABELS[cmd.action]}` +
        (form.state === 'draft' && cmd.action !== 'review' ? '：须先经县指挥部办公室主任审核（附件7）。' : '') +
        (form.state === 'reviewed' && cmd.action === 'publish' ? '：须先经县指挥部审批（附件7）。' : '') +
        (['published', 'refused', 'withdrawn'].includes(form.state) ? '：审批表已结束，如需发布请重新填报。' : '。'),
      'action',
    );
  }
  const step = (opinion?: string): ApprovalStep => ({
    action: cmd.action,
    by: actor.name,
    at: when,
    ...(opinion ? { opinion } : {}),
  });
  switch (cmd.action) {
    case 'review':
    case 'approve': {
      const isReview = cmd.action === 'review';
      if (isReview && !hasPost(actor, 'office-director')) {
        forbidden(`审核须由${COMMAND_POSTS['office-director']}进行（附件7 县指挥部办公室主任审核意见）。`);
      }
      if (!isReview && !hasPost(actor, 'commander', 'deputy-commander')) {
        forbidden('审批须由县指挥部指挥长或副指挥长进行（附件7 县指挥部审批意见；§2.1.1）。');
      }
      if (!isReview && form.review?.by === actor.name) {
        forbidden('同一人不能既审核又审批同一张审批表（附件7 审核、审批分两栏签字）。');
      }
      if (typeof cmd.agree !== 'boolean') bad('须表明同意（agree: true）或不同意（agree: false）。', 'agree');
      const opinion = text(cmd.opinion, isReview ? '审核意见' : '审批意见', 'opinion', !cmd.agree);
      const signature: Signature = { by: actor.name, at: when, agree: cmd.agree, opinion: opinion ?? '同意' };
      const state: ApprovalState = cmd.agree ? (isReview ? 'reviewed' : 'approved') : 'refused';
      return {
        ...form,
        state,
        ...(isReview ? { review: signature } : { approval: signature }),
        steps: [...form.steps, step(signature.opinion)],
      };
    }
    case 'publish': {
      if (!actor.office) forbidden('发布须由县指挥部办公室（值班人员）进行。');
      const proofreader = text(cmd.proofreader, '信息校对人员', 'proofreader', true, 50) as string;
      const publisher = text(cmd.publisher, '发布人员', 'publisher', true, 50) as string;
      return { ...form, state: 'published', proofreader, publisher, publishedAt: when, steps: [...form.steps, step()] };
    }
    case 'withdraw': {
      if (!actor.office && actor.name !== form.draftedBy) forbidden('只有填报人或县指挥部办公室可以撤回审批表。');
      const reason = text(cmd.reason, '撤回理由', 'reason', false);
      return { ...form, state: 'withdrawn', withdrawnAt: when, steps: [...form.steps, step(reason)] };
    }
  }
}
