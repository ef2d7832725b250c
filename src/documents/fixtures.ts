// Hand-built GazetteIssue objects for storage and search tests (the parser is tested on its own).
// Line numbers are assigned in creation order so that every object has plausible positions.
import type {
  Attachment,
  Clause,
  ClauseKind,
  Disclosure,
  Document,
  Finding,
  GazetteIssue,
  Table,
} from '../gazette/types.ts';

let nextLine = 1;
const line = () => nextLine++;

export interface ClauseSpec {
  kind?: ClauseKind;
  num?: string | null;
  heading?: string | null;
  table?: Table | null;
  children?: Clause[];
  citation?: string;
}

export function clause(eId: string, text: string, spec: ClauseSpec = {}): Clause {
  const l = line();
  const children = spec.children ?? [];
  const last = children.reduce((m, c) => Math.max(m, c.endLine), l);
  return {
    eId,
    kind: spec.kind ?? 'paragraph',
    num: spec.num ?? null,
    heading: spec.heading ?? null,
    text,
    citation: spec.citation ?? `${eId} 引用`,
    table: spec.table ?? null,
    line: l,
    endLine: last,
    children,
  };
}

export function attachment(eId: string, title: string, clauses: Clause[], spec: Partial<Attachment> = {}): Attachment {
  const l = line();
  return {
    eId,
    role: 'plan',
    label: null,
    number: null,
    title,
    planTitle: null,
    clauses,
    line: l,
    endLine: clauses.reduce((m, c) => Math.max(m, c.endLine), l),
    ...spec,
  };
}

export interface DocumentSpec {
  agency?: string;
  year?: number;
  serial: number;
  title: string;
  issuer?: string;
  disclosure?: Disclosure;
  signedOn?: string | null;
  addressees?: string[];
  body?: Clause[];
  attachments?: Attachment[];
  tocPage?: number | null;
}

export function document(spec: DocumentSpec): Document {
  const agency = spec.agency ?? '襄政办发';
  const year = spec.year ?? 2023;
  const text = `${agency}〔${year}〕${spec.serial}号`;
  const l = line();
  const body = spec.body ?? [clause('body__para_1', `${spec.title}已经县人民政府同意，现印发给你们，请认真贯彻执行。`)];
  const attachments = spec.attachments ?? [];
  const end = [...body, ...attachments].reduce((m, c) => Math.max(m, c.endLine), l);
  return {
    docNumber: { text, printed: text, agency, year, serial: spec.serial },
    issuer: spec.issuer ?? '襄垣县人民政府办公室',
    title: spec.title,
    addressees: spec.addressees ?? ['各镇人民政府', '县直各有关单位'],
    signedOn: spec.signedOn === undefined ? `${year}-07-03` : spec.signedOn,
    disclosure: spec.disclosure ?? 'public',
    disclosureNote: '(此件公开发布)',
    forwarded: [],
    attachmentList: attachments.filter((a) => a.role === 'annex').map((a) => a.title),
    body,
    attachments,
    tocPage: spec.tocPage ?? null,
    line: l,
    endLine: end,
  };
}

export interface IssueSpec {
  year?: number;
  number?: number;
  documents: Document[];
  findings?: Finding[];
}

export function issue(spec: IssueSpec): GazetteIssue {
  const year = spec.year ?? 2023;
  const number = spec.number ?? 3;
  return {
    title: '长治市襄垣县人民政府公报',
    year,
    number,
    publishedOn: `${year}-10-07`,
    publisher: '襄垣县人民政府办公室',
    editor: '襄垣县政府信息中心',
    editorialBoard: [{ role: '主编', names: ['郭瑞华'] }],
    notes: [],
    toc: spec.documents.map((d, i) => ({
      title: d.title,
      issuer: d.issuer,
      page: d.tocPage ?? i * 10 + 1,
      section: d.issuer.endsWith('办公室') ? '县政府办文件' : '县政府文件',
      line: i + 1,
    })),
    documents: spec.documents,
    findings: spec.findings ?? [],
    lineCount: nextLine,
  };
}

/** A small but varied issue: an emergency plan with annexes and a table, a work plan, a notice. */
export function sampleIssue(opts: { year?: number; number?: number; serialBase?: number } = {}): GazetteIssue {
  const year = opts.year ?? 2023;
  const s = opts.serialBase ?? 15;
  const plan = document({
    year,
    serial: s,
    title: '关于印发襄垣县大面积停电事件应急预案的通知',
    tocPage: 1,
    attachments: [
      attachment('att_1', '襄垣县大面积停电事件应急预案', [
        clause('att_1__num_1', '总则', {
          kind: 'dotted',
          num: '1',
          heading: '总则',
          children: [
            clause('att_1__num_1__num_1', '编制目的', {
              kind: 'dotted',
              num: '1.1',
              heading: '编制目的',
              children: [
                clause(
                  'att_1__num_1__num_1__para_1',
                  '为建立健全襄垣县大面积停电事件应对工作机制，科学有效应对大面积停电事件，最大程度减少人员伤亡和财产损失，维护全县公共安全和社会稳定，编制本预案。',
                ),
              ],
            }),
            clause('att_1__num_1__num_2', '县能源局负责全县电力运行的监测，县妇儿工委配合做好相关工作。', {
              kind: 'dotted',
              num: '1.2',
            }),
          ],
        }),
        clause('att_1__num_2', '信息报告', {
          kind: 'dotted',
          num: '2',
          heading: '信息报告',
          children: [
            clause(
              'att_1__num_2__para_1',
              '停电事件发生后，相关电力企业应当立即向县能源局报告，县能源局应当在30分钟内向县人民政府报告。<script>alert(1)</script>',
            ),
          ],
        }),
      ]),
      attachment(
        'att_2',
        '襄垣县大面积停电事件应急响应启动条件',
        [
          clause('att_2__table_1', '响应级别 启动条件\nI级 减供负荷30%以上', {
            kind: 'table',
            heading: '应急响应启动条件',
            table: {
              title: '应急响应启动条件',
              header: ['响应级别', '启动条件', '责任单位'],
              rows: [['I级', '减供负荷30%以上', '县能源局、县应急管理局']],
              headerLine: 1,
              rowLines: [2],
              fragments: 1,
            },
          }),
        ],
        { role: 'annex', label: '附件1', number: 1, planTitle: '襄垣县大面积停电事件应急预案' },
      ),
    ],
  });
  const work = document({
    year,
    serial: s + 1,
    title: '关于印发2023年襄垣县煤炭增产保供工作方案的通知',
    disclosure: 'partial',
    tocPage: 12,
    attachments: [
      attachment('att_1', '2023年襄垣县煤炭增产保供工作方案', [
        clause('att_1__lvl_1', '一、总体要求', {
          kind: 'level1',
          num: '一、',
          heading: '总体要求',
          children: [clause('att_1__lvl_1__para_1', '坚持安全生产，全力做好煤炭增产保供工作，确保能源安全。')],
        }),
        clause('att_1__lvl_2', '二、工作措施', {
          kind: 'level1',
          num: '二、',
          heading: '工作措施',
          children: [clause('att_1__lvl_2__para_1', '各煤矿企业要落实安全责任，安全与生产两手抓。')],
        }),
      ]),
    ],
  });
  const notice = document({
    agency: '襄政发',
    year,
    serial: s + 2,
    issuer: '襄垣县人民政府',
    title: '关于做好全县第三次全国土壤普查工作的通知',
    disclosure: 'restricted',
    tocPage: 20,
    body: [
      clause('body__lvl_1', '一、普查范围', {
        kind: 'level1',
        num: '一、',
        heading: '普查范围',
        children: [clause('body__lvl_1__para_1', '全县耕地、园地、林地、草地等农用地和部分未利用地。')],
      }),
    ],
  });
  return issue({
    year,
    number: opts.number ?? 3,
    documents: [plan, work, notice],
    findings: [
      {
        kind: 'toc-title-mismatch',
        severity: 'warning',
        message: '目录标题与正文标题不一致。',
        line: 3,
        docNumber: work.docNumber.text,
      },
      { kind: 'unplaced-text', severity: 'info', message: '未归位的文字。', line: 1, docNumber: null },
    ],
  });
}

/** A deep copy (tests modify copies of fixtures). */
export function clone<T>(v: T): T {
  return structuredClone(v);
}
