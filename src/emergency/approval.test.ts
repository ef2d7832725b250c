// 附件7 信息发布审批表: the pure state machine, exhaustively (every state × action × post), and the
// validation of the form as filled in.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { AppError } from '../platform/errors.ts';
import {
  APPROVAL_STATES,
  type ApprovalActor,
  type ApprovalCommand,
  type ApprovalForm,
  type ApprovalState,
  CONTENT_FIELDS,
  checkDraft,
  newForm,
  openActions,
  transition,
} from './approval.ts';

const AT = '2026-07-03T14:20:00+08:00';
const DRAFT = {
  category: 'warning',
  title: '城区电网蓝色预警',
  submittingUnit: '县能源局',
  submitter: '王值班',
  attachments: ['electronic'],
  content: { nature: '可能发生大面积停电', supplyImpact: '城区约 45% 负荷可能受影响' },
  warning: { action: 'issue', level: '一般' },
};

const duty: ApprovalActor = { name: 'duty', posts: [], office: true };
const director: ApprovalActor = { name: 'director', posts: ['office-director'], office: false };
const deputy: ApprovalActor = { name: 'deputy', posts: ['deputy-commander'], office: false };
const commander: ApprovalActor = { name: 'commander', posts: ['commander'], office: false };

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

const fresh = () => newForm(DRAFT, '140423-FB-1-1', 'duty', AT);
const reviewed = () => transition(fresh(), { action: 'review', agree: true }, director, AT);
const approved = () => transition(reviewed(), { action: 'approve', agree: true, opinion: '同意发布' }, commander, AT);

describe('the happy path: 填报 → 审核 → 审批 → 发布', () => {
  it('records each signature with the person, the time (UTC) and the opinion', () => {
    const p = transition(approved(), { action: 'publish', proofreader: '李校对', publisher: '张发布' }, duty, AT);
    expect(p.state).toBe('published');
    expect(p.review).toEqual({ by: 'director', at: '2026-07-03T06:20:00.000Z', agree: true, opinion: '同意' });
    expect(p.approval).toMatchObject({ by: 'commander', agree: true, opinion: '同意发布' });
    expect(p).toMatchObject({ proofreader: '李校对', publisher: '张发布', publishedAt: '2026-07-03T06:20:00.000Z' });
    expect(p.steps.map((s) => s.action)).toEqual(['draft', 'review', 'approve', 'publish']);
    expect(p.warning).toEqual({ action: 'issue', level: '一般', areaDesc: '襄垣县' });
  });

  it('does not change the form it is given', () => {
    const f = fresh();
    const copy = structuredClone(f);
    transition(f, { action: 'review', agree: true }, director, AT);
    expect(f).toEqual(copy);
  });

  it('a 副指挥长 may approve as well as the 指挥长', () => {
    expect(transition(reviewed(), { action: 'approve', agree: true }, deputy, AT).state).toBe('approved');
  });
});

describe('refusals with reasons', () => {
  it('审核不同意 ends the form as refused, with the reason', () => {
    const r = transition(fresh(), { action: 'review', agree: false, opinion: '影响范围未核实' }, director, AT);
    expect(r.state).toBe('refused');
    expect(r.review).toMatchObject({ agree: false, opinion: '影响范围未核实' });
  });
  it('审批不同意 too', () => {
    const r = transition(reviewed(), { action: 'approve', agree: false, opinion: '暂缓发布' }, commander, AT);
    expect(r.state).toBe('refused');
    expect(r.approval).toMatchObject({ agree: false, opinion: '暂缓发布' });
  });
  it('a refusal without a reason is refused, naming opinion', () => {
    for (const [f, cmd, who] of [
      [fresh(), { action: 'review', agree: false }, director],
      [reviewed(), { action: 'approve', agree: false, opinion: '  ' }, commander],
    ] as const) {
      try {
        transition(f, cmd, who, AT);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).message).toMatch(/须填写(审核|审批)意见/);
        expect((e as AppError).location.field).toBe('opinion');
      }
    }
  });
  it('the same person cannot review and approve (two signature rows)', () => {
    const both: ApprovalActor = { name: 'nyj', posts: ['office-director', 'deputy-commander'], office: false };
    const r = transition(fresh(), { action: 'review', agree: true }, both, AT);
    expect(() => transition(r, { action: 'approve', agree: true }, both, AT)).toThrow(/既审核又审批/);
    expect(transition(r, { action: 'approve', agree: true }, commander, AT).state).toBe('approved');
  });
});

describe('exhaustive: every state × action × person', () => {
  const forms: Record<ApprovalState, () => ApprovalForm> = {
    draft: fresh,
    reviewed,
    approved,
    published: () => transition(approved(), { action: 'publish', proofreader: 'a', publisher: 'b' }, duty, AT),
    refused: () => transition(fresh(), { action: 'review', agree: false, opinion: '不同意' }, director, AT),
    withdrawn: () => transition(fresh(), { action: 'withdraw' }, duty, AT),
  };
  const commands: ApprovalCommand[] = [
    { action: 'review', agree: true },
    { action: 'approve', agree: true },
    { action: 'publish', proofreader: 'a', publisher: 'b' },
    { action: 'withdraw' },
  ];
  const people: Record<string, ApprovalActor> = {
    duty,
    director,
    deputy,
    commander,
    member: { name: 'member', posts: ['member'], office: false },
    drafter: { name: 'duty', posts: [], office: false },
  };
  // Who may take each action (when the state allows it).
  const allowed: Record<ApprovalCommand['action'], string[]> = {
    review: ['director'],
    approve: ['deputy', 'commander'],
    publish: ['duty'],
    withdraw: ['duty', 'drafter'],
  };
  const cases = Object.keys(forms).flatMap((state) =>
    commands.flatMap((cmd) => Object.keys(people).map((who) => [state as ApprovalState, cmd, who] as const)),
  );
  it.each(cases)('%s + %o by %s', (state, cmd, who) => {
    const open = openActions(state).includes(cmd.action);
    const code = codeOf(() => transition(forms[state](), cmd, people[who] as ApprovalActor, AT));
    if (!open) expect(code).toBe('BAD_INPUT');
    else if (allowed[cmd.action].includes(who)) expect(code).toBeNull();
    else expect(code).toBe('FORBIDDEN');
  });
  it('terminal states have no action; the labels are Chinese', () => {
    for (const s of ['published', 'refused', 'withdrawn'] as const) expect(openActions(s)).toEqual([]);
    expect(Object.values(APPROVAL_STATES).every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
  });
  it('publishing before 审批 says what is missing', () => {
    expect(() => transition(reviewed(), { action: 'publish', proofreader: 'a', publisher: 'b' }, duty, AT)).toThrow(
      /须先经县指挥部审批/,
    );
    expect(() => transition(fresh(), { action: 'approve', agree: true }, commander, AT)).toThrow(
      /须先经县指挥部办公室主任审核/,
    );
  });
});

describe('checkDraft: the form as filled in', () => {
  const field = (input: unknown): string | undefined => {
    try {
      checkDraft(input);
      return undefined;
    } catch (e) {
      return (e as AppError).location.field;
    }
  };
  it.each([
    [{ ...DRAFT, category: 'rumour' }, 'category'],
    [{ ...DRAFT, title: ' ' }, 'title'],
    [{ ...DRAFT, title: 'x'.repeat(201) }, 'title'],
    [{ ...DRAFT, submittingUnit: undefined }, 'submittingUnit'],
    [{ ...DRAFT, submitter: 3 }, 'submitter'],
    [{ ...DRAFT, attachments: ['fax'] }, 'attachments'],
    [{ ...DRAFT, requestedPublishDate: '2026-13-45' }, 'requestedPublishDate'],
    [{ ...DRAFT, content: {} }, 'content'],
    [{ ...DRAFT, content: { weather: '晴' } }, 'content.weather'],
    [{ ...DRAFT, warning: undefined }, 'warning'],
    [{ ...DRAFT, warning: { action: 'cancel', level: '一般' } }, 'warning.action'],
    [{ ...DRAFT, warning: { action: 'issue', level: '橙色' } }, 'warning.level'],
    [{ ...DRAFT, category: 'event' }, 'warning'],
  ])('%o → %s', (input, f) => expect(field(input)).toBe(f));
  it('an event-information form needs no warning; content keys are the eight of 附件7', () => {
    const { warning: _w, ...rest } = DRAFT;
    expect(checkDraft({ ...rest, category: 'event' }).category).toBe('event');
    expect(Object.values(CONTENT_FIELDS)).toEqual([
      '突发事件性质',
      '发生时间',
      '地点',
      '人员伤亡',
      '财产损失',
      '救援进展',
      '供电影响情况',
      '社会秩序管控情况',
    ]);
  });
});

describe.skipIf(!seedAvailable())('附件7 in the gazette', () => {
  it('has the two signature rows and the content fields', () => {
    const t = seedText();
    expect(t).toContain('县指挥部办公室 主任审核意见');
    expect(t).toContain('县指挥部 审批意见');
    expect(t).toContain('必要时报请县人民政府批准后向社会公众发布预警信号');
    for (const label of Object.values(CONTENT_FIELDS)) expect(t).toContain(label);
  });
});
