// The meetings of the county government as data, each rule with the clause of 襄政发〔2023〕7号 (《襄垣县人民政府
// 工作规则》第五章 会议制度, 第十八—二十六条) it comes from. Pure. Decisions where the text is silent or loose are
// documented in docs/meetings.md and marked “决定” here.

/** Posts of the county government's leadership (第四条、第五条). */
export type Post =
  | 'county_head' // 县长
  | 'executive_deputy' // 常务副县长（负责常务工作的副县长）
  | 'deputy' // 副县长
  | 'office_director' // 县政府办主任
  | 'office_deputy' // 县政府办副主任
  | 'party_member'; // 其他党组成员

export const POSTS: readonly Post[] = [
  'county_head',
  'executive_deputy',
  'deputy',
  'office_director',
  'office_deputy',
  'party_member',
];

export const POST_LABELS: Record<Post, string> = {
  county_head: '县长',
  executive_deputy: '常务副县长',
  deputy: '副县长',
  office_director: '县政府办主任',
  office_deputy: '县政府办副主任',
  party_member: '党组成员',
};

/** A county leader (县人民政府领导同志) with the units he or she is in charge of (分管). */
export interface Official {
  id: string;
  name: string;
  post: Post;
  /** Units (部门、单位) the official is in charge of (分管): decides who agrees a department's topic. */
  oversees: string[];
}

export type MeetingKind = 'plenary' | 'executive' | 'mayor_office' | 'topical' | 'study';

export const MEETING_KINDS: readonly MeetingKind[] = ['plenary', 'executive', 'mayor_office', 'topical', 'study'];

export type MinutesStep = 'agree' | 'review';

export interface KindRule {
  kind: MeetingKind;
  label: string;
  /** Where the meeting is provided for. */
  clause: string;
  /** Posts that may convene and preside. */
  conveners: readonly Post[];
  /** Posts that may convene only when entrusted by the 县长 or a 副县长 (专题会议: 委托县政府办主任、副主任). */
  entrustedConveners: readonly Post[];
  conveneClause: string;
  /** Who the members are (组成人员), in words and as posts of the leadership. */
  members: string;
  memberPosts: readonly Post[];
  /** 列席: who attends without being a member. */
  attendees: string;
  /** Attendees invited by rule (常务会议: 县人大常委会副主任、县政协副主席、县人武部部长). */
  standingAttendees: readonly string[];
  /** Who sets (确定) a topic after the 分管 leader agreed. */
  topicSetBy: 'county_head' | 'convener';
  topicClause: string;
  /** Steps the minutes must pass before signature. */
  minutesSteps: readonly MinutesStep[];
  /** Who signs (签发) the minutes. */
  minutesSignedBy: 'county_head' | 'convener';
  minutesClause: string;
  /** Whether documents approved at the meeting must be issued within 7 working days (第二十二条第二款). */
  issueClock: boolean;
  /** Whether the meeting takes topics (议题) at all (专题学习 has a theme set by the 县长, not topics). */
  hasTopics: boolean;
}

export const KIND_RULES: Record<MeetingKind, KindRule> = {
  plenary: {
    kind: 'plenary',
    label: '县政府全体会议',
    clause: '第十八条、第十九条',
    conveners: ['county_head'],
    entrustedConveners: [],
    conveneClause: '第十九条：由县长召集和主持',
    members: '县长、副县长、县政府办主任和县人民政府工作部门的主要负责人',
    memberPosts: ['county_head', 'executive_deputy', 'deputy', 'office_director'],
    attendees: '根据需要可安排其他有关部门、单位负责人列席（第十九条）',
    standingAttendees: [],
    topicSetBy: 'county_head',
    topicClause: '第二十一条：由县政府工作部门提出，经县人民政府分管领导同志同意后，报县长确定',
    minutesSteps: ['agree', 'review'],
    minutesSignedBy: 'county_head',
    minutesClause: '第二十二条：县人民政府办公室起草，报分管领导同志同意，经合法性审核后，报县长签发',
    issueClock: true,
    hasTopics: true,
  },
  executive: {
    kind: 'executive',
    label: '县政府常务会议',
    clause: '第十八条、第二十条',
    conveners: ['county_head'],
    entrustedConveners: [],
    conveneClause: '第二十条：由县长召集和主持',
    members: '县长、副县长、县政府办主任和其他党组成员',
    memberPosts: ['county_head', 'executive_deputy', 'deputy', 'office_director', 'party_member'],
    attendees:
      '邀请县人大常委会副主任、县政协副主席、县人武部部长列席；根据会议议题可安排有关部门、单位负责人列席（第二十条）',
    standingAttendees: ['县人大常委会副主任', '县政协副主席', '县人武部部长'],
    topicSetBy: 'county_head',
    topicClause: '第二十一条：由县政府工作部门提出，经县人民政府分管领导同志同意后，报县长确定',
    minutesSteps: ['agree', 'review'],
    minutesSignedBy: 'county_head',
    minutesClause: '第二十二条：县人民政府办公室起草，报分管领导同志同意，经合法性审核后，报县长签发',
    issueClock: true,
    hasTopics: true,
  },
  mayor_office: {
    kind: 'mayor_office',
    label: '县长办公会议',
    clause: '第二十三条第二款',
    conveners: ['county_head'],
    entrustedConveners: [],
    conveneClause: '第二十三条第二款：县长主持召开',
    members: '与议题相关的县人民政府领导同志，有关部门和单位负责人',
    memberPosts: ['county_head'],
    attendees: '与议题相关的县人民政府领导同志，有关部门和单位负责人参加（第二十三条第二款）',
    standingAttendees: [],
    topicSetBy: 'county_head',
    topicClause: '第二十三条第二款：议题由县政府工作部门提出，报分管领导同志和县长同意后确定',
    minutesSteps: [],
    minutesSignedBy: 'county_head',
    minutesClause: '第二十三条第二款：县长办公会议纪要由县长签发',
    issueClock: false,
    hasTopics: true,
  },
  topical: {
    kind: 'topical',
    label: '县政府专题会议',
    clause: '第二十三条第三款',
    conveners: ['county_head', 'executive_deputy', 'deputy'],
    entrustedConveners: ['office_director', 'office_deputy'],
    conveneClause: '第二十三条第三款：县长、副县长或县长、副县长委托县政府办主任、副主任召开',
    members: '与议题相关的部门和单位负责人',
    memberPosts: [],
    attendees: '与议题相关的部门和单位负责人参加（第二十三条第三款）',
    standingAttendees: [],
    topicSetBy: 'convener',
    topicClause: '第二十三条第三款：议题由县政府工作部门提出，报县人民政府分管领导同志同意后确定',
    minutesSteps: [],
    minutesSignedBy: 'convener',
    minutesClause: '第二十三条第三款：纪要由主持召开会议的县人民政府领导同志签发，涉及重大事项报县长审定',
    issueClock: false,
    hasTopics: true,
  },
  study: {
    kind: 'study',
    label: '县政府专题学习',
    clause: '第二十六条',
    conveners: ['county_head'],
    entrustedConveners: [],
    conveneClause: '第二十六条：学习活动由县长主持',
    members: '县人民政府领导同志及各部门、单位负责人',
    memberPosts: ['county_head', 'executive_deputy', 'deputy', 'office_director', 'office_deputy', 'party_member'],
    attendees: '各部门、单位负责人参加（第二十六条）',
    standingAttendees: [],
    topicSetBy: 'county_head',
    topicClause: '第二十六条：学习主题由县长确定',
    minutesSteps: [],
    minutesSignedBy: 'county_head',
    minutesClause: '第二十六条未规定学习活动的纪要；记录由县长签发（决定）',
    issueClock: false,
    hasTopics: false,
  },
};

/** 第二十条: 县政府常务会议一般每月召开2—3次，如有需要可随时召开. */
export const EXECUTIVE_PER_MONTH = { min: 2, max: 3 } as const;

/** 第二十二条第二款: documents approved for issue at a 全体会议 or 常务会议 are issued within 7 working days. */
export const ISSUE_WITHIN_WORKDAYS = 7;
/** Yellow when this many working days or fewer are left on the issue clock (决定). */
export const ISSUE_WARN_WORKDAYS = 2;

/**
 * 第二十一条: 议题和文件于会前送达与会人员 — no lead time is printed. Decision: materials must be delivered no
 * later than the end of the working day before the meeting (1 working day), so every participant has at least
 * one working day to read them; later delivery is flagged as late, none at all refuses the topic's discussion.
 */
export const MATERIALS_LEAD_WORKDAYS = 1;

/** 第二十五条: 全县性会议 requested by a department at least 10 working days before. */
export const COUNTYWIDE_REQUEST_WORKDAYS = 10;

/** 第二十六条: 一般两个月安排一次专题学习. */
export const STUDY_EVERY_MONTHS = 2;

export function isLeaderPost(post: Post): boolean {
  return post === 'county_head' || post === 'executive_deputy' || post === 'deputy';
}
