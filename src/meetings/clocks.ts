// Clocks and cadence checks of the meeting rules. Pure (the calendar is src/calendar, also pure).
//   materialsStatus   第二十一条 议题和文件于会前送达 (lead time: MATERIALS_LEAD_WORKDAYS, a decision)
//   issueClock        第二十二条第二款 7 个工作日内印发, with a warning
//   executiveCadence  第二十条 常务会议一般每月召开2—3次
//   studyCadence      第二十六条 一般两个月安排一次专题学习
//   countywideRequest 第二十五条 全县性会议提前10个工作日报送请示
import { addMonths, compareDates, type IsoDate, shanghaiDate } from '../calendar/dates.ts';
import { addWorkdays, type CalendarOverrides, workdaysBetween } from '../calendar/workdays.ts';
import {
  COUNTYWIDE_REQUEST_WORKDAYS,
  EXECUTIVE_PER_MONTH,
  ISSUE_WARN_WORKDAYS,
  ISSUE_WITHIN_WORKDAYS,
  KIND_RULES,
  MATERIALS_LEAD_WORKDAYS,
  type MeetingKind,
  STUDY_EVERY_MONTHS,
} from './rules.ts';
import type { IssueRecord, Meeting, Topic } from './types.ts';

const NONE: CalendarOverrides = [];

// ---------------------------------------------------------------------------------------------------------
// Materials (第二十一条)

export interface MaterialsStatus {
  status: 'on_time' | 'late' | 'missing' | 'pending';
  /** The last day to deliver: MATERIALS_LEAD_WORKDAYS working day(s) before the meeting. */
  dueBy: IsoDate;
  message: string;
}

export function materialsDueBy(meetingDate: IsoDate, overrides: CalendarOverrides = NONE): IsoDate {
  return addWorkdays(meetingDate, -MATERIALS_LEAD_WORKDAYS, overrides).date;
}

/** Whether a topic's materials reached the participants in time, as of `today`. */
export function materialsStatus(
  topic: Pick<Topic, 'materialsSentAt'>,
  meetingDate: IsoDate,
  today: IsoDate,
  overrides: CalendarOverrides = NONE,
): MaterialsStatus {
  const dueBy = materialsDueBy(meetingDate, overrides);
  if (topic.materialsSentAt) {
    const sent = shanghaiDate(topic.materialsSentAt) as IsoDate;
    if (compareDates(sent, dueBy) <= 0)
      return { status: 'on_time', dueBy, message: `会议材料已于 ${sent} 送达（最迟 ${dueBy}）` };
    return {
      status: 'late',
      dueBy,
      message: `会议材料于 ${sent} 才送达，晚于 ${dueBy}（会前 ${MATERIALS_LEAD_WORKDAYS} 个工作日，第二十一条“会前送达”）`,
    };
  }
  if (compareDates(today, dueBy) <= 0)
    return { status: 'pending', dueBy, message: `会议材料尚未送达，最迟应于 ${dueBy} 送达与会人员` };
  return {
    status: 'missing',
    dueBy,
    message: `会议材料未在 ${dueBy} 前送达与会人员（第二十一条：议题和文件于会前送达与会人员）`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The 7-working-day issue clock (第二十二条第二款)

export type IssueLight = 'issued' | 'issued_late' | 'green' | 'yellow' | 'red' | 'none';

export interface IssueClock {
  light: IssueLight;
  dueBy: IsoDate | null;
  /** Working days left (negative: overdue by that many); null when issued or no clock. */
  workdaysLeft: number | null;
  message: string;
}

/** The last day to issue a document approved at a meeting held on `meetingDate`. */
export function issueDueBy(meetingDate: IsoDate, overrides: CalendarOverrides = NONE) {
  return addWorkdays(meetingDate, ISSUE_WITHIN_WORKDAYS, overrides);
}

export function issueClock(record: IssueRecord, today: IsoDate, overrides: CalendarOverrides = NONE): IssueClock {
  const { dueBy } = record;
  if (dueBy === null) {
    return {
      light: record.issuedOn ? 'issued' : 'none',
      dueBy,
      workdaysLeft: null,
      message: record.issuedOn ? `已于 ${record.issuedOn} 印发` : '本类会议未规定印发时限',
    };
  }
  if (record.issuedOn) {
    const late = compareDates(record.issuedOn, dueBy) > 0;
    return {
      light: late ? 'issued_late' : 'issued',
      dueBy,
      workdaysLeft: null,
      message: late
        ? `于 ${record.issuedOn} 印发，超过时限 ${dueBy}（第二十二条：会议结束后7个工作日内印发）`
        : `已于 ${record.issuedOn} 印发（时限 ${dueBy}）`,
    };
  }
  const left = workdaysBetween(today, dueBy, overrides).workdays;
  if (left < 0)
    return {
      light: 'red',
      dueBy,
      workdaysLeft: left,
      message: `已逾期 ${-left} 个工作日：应于 ${dueBy} 前印发（第二十二条：会议结束后7个工作日内印发）`,
    };
  if (left <= ISSUE_WARN_WORKDAYS)
    return {
      light: 'yellow',
      dueBy,
      workdaysLeft: left,
      message:
        left === 0 ? `今天（${dueBy}）是印发的最后一天` : `还剩 ${left} 个工作日：应于 ${dueBy} 前印发（第二十二条）`,
    };
  return { light: 'green', dueBy, workdaysLeft: left, message: `还剩 ${left} 个工作日，应于 ${dueBy} 前印发` };
}

// ---------------------------------------------------------------------------------------------------------
// Findings about a meeting

export interface Finding {
  kind:
    | 'szyd_not_executive'
    | 'materials_late'
    | 'materials_missing'
    | 'leave_not_filed'
    | 'absent_without_leave'
    | 'issue_overdue'
    | 'issue_due_soon'
    | 'issued_late'
    | 'topic_pending';
  severity: 'error' | 'warning' | 'info';
  topicId?: string;
  participantId?: string;
  message: string;
}

/** Kinds at which a 三重一大 topic is properly taken (第十八条、第二十条（六）). */
export const SZYD_KINDS: readonly MeetingKind[] = ['executive', 'plenary'];

export function meetingFindings(meeting: Meeting, today: IsoDate, overrides: CalendarOverrides = NONE): Finding[] {
  const out: Finding[] = [];
  if (meeting.state === 'cancelled') return out;
  const rule = KIND_RULES[meeting.kind];
  for (const t of meeting.topics) {
    if (t.state === 'declined' || t.state === 'withdrawn') continue;
    if (t.classification.major && !SZYD_KINDS.includes(meeting.kind)) {
      const items = t.classification.matches
        .filter((m) => m.strength === 'match')
        .map((m) => `${m.categoryLabel} ${m.citation.replace('襄政发〔2023〕7号', '')}`)
        .join('；');
      out.push({
        kind: 'szyd_not_executive',
        severity: 'error',
        topicId: t.id,
        message: `议题“${t.title}”属于“三重一大”事项（${items}），应提请县政府常务会议讨论决定（第二十条第（六）项），不应由${rule.label}决定`,
      });
    }
    if (t.state === 'set') {
      const m = materialsStatus(t, meeting.date, today, overrides);
      if (m.status === 'late')
        out.push({
          kind: 'materials_late',
          severity: 'warning',
          topicId: t.id,
          message: `议题“${t.title}”：${m.message}`,
        });
      if (m.status === 'missing')
        out.push({
          kind: 'materials_missing',
          severity: 'error',
          topicId: t.id,
          message: `议题“${t.title}”：${m.message}`,
        });
    } else if (meeting.state === 'planned' && (t.state === 'proposed' || t.state === 'agreed')) {
      out.push({
        kind: 'topic_pending',
        severity: 'info',
        topicId: t.id,
        message: `议题“${t.title}”尚未确定（${t.state === 'proposed' ? '待分管领导同意' : `待${rule.topicSetBy === 'county_head' ? '县长' : '召集人'}确定`}）`,
      });
    }
    for (const d of t.outcome?.documents ?? []) {
      const c = issueClock(d, today, overrides);
      if (c.light === 'red')
        out.push({ kind: 'issue_overdue', severity: 'error', topicId: t.id, message: `《${d.title}》${c.message}` });
      if (c.light === 'yellow')
        out.push({ kind: 'issue_due_soon', severity: 'warning', topicId: t.id, message: `《${d.title}》${c.message}` });
      if (c.light === 'issued_late')
        out.push({ kind: 'issued_late', severity: 'warning', topicId: t.id, message: `《${d.title}》${c.message}` });
    }
  }
  for (const p of meeting.participants) {
    if (p.attendance === 'leave' && p.leave && p.leave.filedAt === null)
      out.push({
        kind: 'leave_not_filed',
        severity: 'warning',
        participantId: p.id,
        message: `${p.name}（${p.title}）已请假，尚未向县人民政府办公室报备（第二十四条）`,
      });
    if (p.attendance === 'absent')
      out.push({
        kind: 'absent_without_leave',
        severity: 'error',
        participantId: p.id,
        message: `${p.name}（${p.title}）未出席，也未履行请假手续（第二十四条：原则上不应请假，特殊情况须履行请假手续并报备）`,
      });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Cadence (第二十条, 第二十六条)

export interface MonthCadence {
  /** YYYY-MM */
  month: string;
  count: number;
  status: 'ok' | 'below' | 'above';
  message: string;
}

/** 常务会议 held (not cancelled) in each month from `from` to `to` (YYYY-MM), against 2–3 a month. */
export function executiveCadence(
  meetings: readonly Pick<Meeting, 'kind' | 'date' | 'state'>[],
  from: string,
  to: string,
): MonthCadence[] {
  const out: MonthCadence[] = [];
  for (let m = `${from}-01`; compareDates(m, `${to}-01`) <= 0; m = addMonths(m, 1)) {
    const month = m.slice(0, 7);
    const count = meetings.filter(
      (x) => x.kind === 'executive' && x.state !== 'cancelled' && x.date.startsWith(month),
    ).length;
    const { min, max } = EXECUTIVE_PER_MONTH;
    if (count < min)
      out.push({
        month,
        count,
        status: 'below',
        message: `${month} 召开县政府常务会议 ${count} 次，少于“一般每月召开2—3次”（第二十条）`,
      });
    else if (count > max)
      out.push({
        month,
        count,
        status: 'above',
        message: `${month} 召开县政府常务会议 ${count} 次，多于一般的 3 次（第二十条：如有需要可随时召开，仅提示）`,
      });
    else out.push({ month, count, status: 'ok', message: `${month} 召开县政府常务会议 ${count} 次` });
  }
  return out;
}

export interface StudyPeriod {
  /** First month of the two-month period (YYYY-MM): 01, 03, 05, 07, 09, 11. */
  from: string;
  to: string;
  sessions: IsoDate[];
  status: 'ok' | 'missing' | 'open';
  message: string;
}

/**
 * 第二十六条 “一般两个月安排一次专题学习”. Decision: the year is cut into six two-month periods (1—2月, 3—4月, …,
 * 11—12月); each needs at least one study session held. A period not yet over without a session is “open”.
 */
export function studyCadence(
  meetings: readonly Pick<Meeting, 'kind' | 'date' | 'state'>[],
  year: number,
  today: IsoDate,
): StudyPeriod[] {
  const out: StudyPeriod[] = [];
  for (let k = 0; k < 12; k += STUDY_EVERY_MONTHS) {
    const start = `${year}-${String(k + 1).padStart(2, '0')}-01`;
    const next = addMonths(start, STUDY_EVERY_MONTHS);
    const from = start.slice(0, 7);
    const to = addMonths(start, STUDY_EVERY_MONTHS - 1).slice(0, 7);
    const sessions = meetings
      .filter(
        (m) =>
          m.kind === 'study' &&
          m.state !== 'cancelled' &&
          compareDates(m.date, start) >= 0 &&
          compareDates(m.date, next) < 0,
      )
      .map((m) => m.date)
      .sort();
    const label = `${year}年${k + 1}—${k + STUDY_EVERY_MONTHS}月`;
    if (sessions.length)
      out.push({ from, to, sessions, status: 'ok', message: `${label}已安排专题学习 ${sessions.length} 次` });
    else if (compareDates(today, next) < 0)
      out.push({
        from,
        to,
        sessions,
        status: 'open',
        message: `${label}尚未安排专题学习（第二十六条：一般两个月一次）`,
      });
    else
      out.push({
        from,
        to,
        sessions,
        status: 'missing',
        message: `${label}未安排专题学习（第二十六条：一般两个月安排一次专题学习）`,
      });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// County-wide meetings requested by departments (第二十五条)

export interface CountywideCheck {
  ok: boolean;
  /** The last day to submit the request: 10 working days before the meeting. */
  latest: IsoDate;
  /** Working days between submission and the meeting. */
  workdays: number;
  official: boolean;
  message: string;
}

export function countywideRequest(
  meetingDate: IsoDate,
  submittedOn: IsoDate,
  overrides: CalendarOverrides = NONE,
): CountywideCheck {
  const latest = addWorkdays(meetingDate, -COUNTYWIDE_REQUEST_WORKDAYS, overrides);
  const between = workdaysBetween(submittedOn, meetingDate, overrides);
  const ok = compareDates(submittedOn, latest.date) <= 0;
  const est = latest.official && between.official ? '' : '（含尚无官方安排年份的估计）';
  return {
    ok,
    latest: latest.date,
    workdays: between.workdays,
    official: latest.official && between.official,
    message: ok
      ? `请示于 ${submittedOn} 报送，距会议 ${between.workdays} 个工作日，符合提前10个工作日的要求（第二十五条）${est}`
      : `请示于 ${submittedOn} 报送，距会议（${meetingDate}）仅 ${between.workdays} 个工作日：全县性会议应提前10个工作日（最迟 ${latest.date}）正式向县人民政府报送请示（第二十五条）${est}`,
  };
}
