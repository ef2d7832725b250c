// The 县大面积停电事件应急指挥部 as data (襄政办发〔2023〕15号 §2.1.1, 附件2, 附件8), pure.
// Every entry carries the clause it comes from and the text as the gazette prints it (`source`), checked
// word for word against the seed by structure.test.ts. The member units' duties (附件2) and the contact
// directory (附件8) were extracted from the seed into attachments.json (tabs and stray spaces of the PDF
// extraction kept in `source`, removed in the display text).
import data from './attachments.json' with { type: 'json' };

/** Posts inside the 指挥部 an account can hold (§2.1.1, 附件2). */
export const COMMAND_POSTS = {
  commander: '指挥长',
  'deputy-commander': '副指挥长',
  'office-director': '县指挥部办公室主任',
  member: '成员单位联络人',
} as const;
export type CommandPost = keyof typeof COMMAND_POSTS;

export function isCommandPost(v: unknown): v is CommandPost {
  return typeof v === 'string' && Object.hasOwn(COMMAND_POSTS, v);
}

export interface Leadership {
  post: CommandPost;
  holders: string[];
  clause: string;
  source: string;
}

/** §2.1.1 县指挥部组成: who holds each post. */
export const LEADERSHIP: Leadership[] = [
  {
    post: 'commander',
    holders: ['分管能源工作副县长'],
    clause: '§2.1.1',
    source: '指挥长：分管能源工作副县长',
  },
  {
    post: 'deputy-commander',
    holders: [
      '县政府办副主任',
      '县发改和科技局主要负责人',
      '县应急局主要负责人',
      '县能源局主要负责人',
      '县供电公司主要负责人',
      '潞安配售电公司主要负责人',
      '襄矿集团售电公司主要负责人',
    ],
    clause: '§2.1.1',
    source:
      '副指挥长：县政府办副主任，县发改和科技局、县应急局、县能源局、县供电公司、潞安配售电公司、襄矿集团售电公司主要负责人。',
  },
  {
    post: 'office-director',
    holders: ['县能源局主要负责人'],
    clause: '§2.1.1',
    source: '县指挥部下设办公室，设在县能源局，办公室主任由县能源局主要负责人兼任，负责日常工作。',
  },
];

/** 附件2: the 指挥部's and its office's duties. */
export const HQ_DUTIES = {
  headquarters: {
    clause: '附件2 县指挥部主要职责',
    source:
      '县指挥部主要职责： 1. 统一领导大面积停电事件应急处置工作； 2. 协调指挥县人民政府、各有关单位开展电力应急救援工作，保障全县供电安全； 3. 研究重大决策和部署； 4. 决定启动和终止停电事件应急响应； 5. 统一组织信息发布和舆论引导工作。',
  },
  office: {
    clause: '附件2 县指挥部办公室主要职责',
    source:
      '县指挥部办公室主要职责： 1. 落实县指挥部部署的各项任务，执行县指挥部下达的应急指令； 2. 组织研判、核实大面积停电预警信息，并对事件性质和类别作出初步认定，并向市能源局和县人民政府报告； 3. 掌握应急处置和供电恢复情况，并监督执行； 4. 组织制定和修订应急预案，并监督执行； 5. 协调组织应急救援、演练； 6. 承担县指挥部日常工作，与县应急救援总指挥部办公室建立工作联系。',
  },
} as const;

export interface MemberUnit {
  unit: string;
  /** One row of 附件2 may name several units (the three power companies). */
  members: string[];
  /** Whether §2.1.1's list of 成员单位 names it too (县人武部 and 县商务中心 are only in 附件2). */
  listedIn211: boolean;
  duty: string;
  source: string;
  clause: string;
}

export const MEMBER_UNITS: MemberUnit[] = data.units;

/** §2.1.1 成员单位, as listed there. */
export const MEMBERS_211_SOURCE =
  '成员单位：县委宣传部、县委网信办、县发改和科技局、县工信局、县公安局、县财政局、县自然资源局、县住建局、县交通局、县水利局、县林业局、县卫体局、县应急局、县能源局、县气象局、县消防救援大队、县融媒体中心、县供电公司、潞安配售电公司、襄矿集团售电公司。';

export interface Contact {
  unit: string;
  dutyPhone: string;
  dutyFax: string | null;
  note: string | null;
  source: string;
  clause: string;
}

/** 附件8 相关单位联系电话 (值班电话; the 值班传真 and 备注 columns are empty in the gazette). */
export const CONTACTS: Contact[] = data.contacts;

/**
 * §2.1.1: the seven working groups. Their composition and tasks are in 附件3, which the gazette as
 * published does not carry (only its title in the list of attachments): names only.
 */
export const WORKING_GROUPS = [
  '综合协调组',
  '电力恢复组',
  '专家技术组',
  '社会稳定组',
  '宣传报道组',
  '应急保障组',
  '善后工作组',
] as const;
export const WORKING_GROUPS_SOURCE =
  '县指挥部工作组下设综合协调组、电力恢复组、专家技术组、社会稳定组、宣传报道组、应急保障组、善后工作组等7个专项组。';

export interface Duty {
  who: string;
  what: string;
  clause: string;
}

export type Phase = 'warning' | 'active' | 'terminated' | 'closed';

/**
 * Who must act now: the duties the plan puts on named posts and units in the current phase and at the
 * decided response level (null = not decided yet). Pure; the screen shows it next to the clocks.
 */
export function whoMustAct(phase: Phase, level: '一级' | '二级' | '三级' | null): Duty[] {
  const duties: Duty[] = [];
  if (phase === 'warning') {
    duties.push(
      {
        who: '电力企业负责人',
        what: '将有关情况报告县能源局，提出预警信号发布建议，视情况通知重要电力用户',
        clause: '§3.3.1',
      },
      {
        who: '县能源局（县指挥部办公室）',
        what: '启动指挥部办公室工作机制，组织研判，向县指挥部提出预警建议',
        clause: '§3.3.1',
      },
      { who: '县指挥部办公室主任', what: '审核信息发布审批表', clause: '附件7' },
      {
        who: '县指挥部',
        what: '审批信息发布审批表（必要时报请县人民政府批准）后发布预警信号',
        clause: '§3.3.1、附件7',
      },
      {
        who: '电力调度机构、电力企业、重要电力用户',
        what: '采取预警行动（优化运行方式、巡查监测、队伍待命、自备应急电源启用准备）',
        clause: '§3.3.2',
      },
    );
    return duties;
  }
  if (phase === 'active') {
    duties.push(
      { who: '相关电力企业', what: '立即启动本单位应急响应，开展先期处置和抢修', clause: '§5.1' },
      {
        who: '县能源局',
        what: '30分钟内电话、1小时内书面报告市能源局及县人民政府；按时跟踪处置进展',
        clause: '§4.3、§4.5',
      },
    );
    if (level === null) {
      duties.push({
        who: '县指挥部办公室',
        what: '分析研判，定响应级别：三级由办公室主任决定启动；二级、一级由办公室主任建议、指挥长签发',
        clause: '§5.2.1—§5.2.3',
      });
    } else if (level === '三级') {
      duties.push(
        { who: '县指挥部办公室主任', what: '决定启动三级响应', clause: '§5.2.1' },
        { who: '事发镇', what: '开展先期处置', clause: '§5.2.1' },
        { who: '县指挥部', what: '视情况成立现场指挥部，全面开展应急处置', clause: '§5.2.1' },
      );
    } else {
      duties.push(
        {
          who: '县指挥部办公室主任',
          what: `向县指挥部报告，建议县指挥长启动${level}响应`,
          clause: level === '二级' ? '§5.2.2' : '§5.2.3',
        },
        { who: '指挥长', what: `签发启动${level}响应`, clause: level === '二级' ? '§5.2.2' : '§5.2.3' },
        {
          who: '县指挥部',
          what: '开展应急处置；超出县级处置能力时及时向市指挥部报告',
          clause: level === '二级' ? '§5.2.2' : '§5.2.3',
        },
      );
    }
    duties.push(
      { who: '各成员单位', what: '按附件2职责采取响应措施，参加相关工作组', clause: '§2.1.1、§5.3、附件2' },
      { who: '县融媒体中心等单位', what: '加强信息发布（发布前经信息发布审批表审批）', clause: '§5.3 (3)、附件7' },
      { who: '启动响应的组织', what: '§5.4.2 四项条件同时满足时发布终止响应', clause: '§5.4.2' },
    );
    return duties;
  }
  if (phase === 'terminated') {
    duties.push(
      { who: '县指挥部', what: '组织评估总结，形成评估报告', clause: '§7.1' },
      { who: '调查组', what: '查明事件原因、性质、影响范围、经济损失，提出防范、整改措施', clause: '§7.2' },
      { who: '善后工作组、保险机构', what: '制订并实施善后工作方案；及时理赔', clause: '§7.3' },
      { who: '相关电力企业、受影响镇人民政府', what: '需要时编制恢复重建规划并做好恢复重建', clause: '§7.4' },
    );
  }
  return duties;
}
