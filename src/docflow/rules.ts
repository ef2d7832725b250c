// The clocks and the signing-authority matrix of 襄政发〔2023〕7号 第六章. Pure.
//   第二十八条 drafts for upper levels: 15 days (county party committee and government name) or 10 days (county
//             government name) before the upper deadline — calendar days: the clause says 日, not 工作日;
//   第三十一条 countersign (会签) and consultation: reply within 7 working days unless the lead department set
//             another time limit or agreed one; silence after the limit is recorded as no objection;
//   第三十三条 who signs what.
import { addDays, compareDates, daysBetween, type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import { addWorkdays, type CalendarOverrides, workdaysBetween } from '../calendar/workdays.ts';
import { AppError } from '../platform/errors.ts';
import type { DocType } from './types.ts';

function date(v: string, field: string): IsoDate {
  const p = parseIsoDate(v);
  if (!p.ok) throw new AppError('BAD_INPUT', `${field}“${v}”不是有效日期（YYYY-MM-DD）：${p.reason}。`, { field });
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// 第三十一条: countersign clock

export const COUNTERSIGN_WORKDAYS = 7;

export interface CountersignInput {
  /** The day the lead department sent the draft for countersignature / opinions. */
  sentOn: IsoDate;
  /** The lead department's own time limit in working days (主办部门另有时限要求), default 7. */
  workdays?: number;
  /** A reply date agreed in a special case (特殊情况…商定回复时限); replaces the computed due date. */
  agreedDueOn?: IsoDate | null;
  /** When the unit replied, or null/undefined when it has not. */
  repliedOn?: IsoDate | null;
  /** The day the clock is read. */
  asOf: IsoDate;
}

export type CountersignStatus = 'replied' | 'pending' | 'no-objection' | 'replied-late';

export interface CountersignClock {
  dueOn: IsoDate;
  status: CountersignStatus;
  /** Working days left until dueOn (0 on the due day), for a pending request; else null. */
  workdaysLeft: number | null;
  /** False when the calendar of a year involved is an estimate (no official holiday schedule). */
  official: boolean;
  message: string;
}

export function countersignClock(input: CountersignInput, overrides: CalendarOverrides = []): CountersignClock {
  const sentOn = date(input.sentOn, '发出会签日期');
  const asOf = date(input.asOf, '查询日期');
  const n = input.workdays ?? COUNTERSIGN_WORKDAYS;
  if (!Number.isInteger(n) || n < 1 || n > 60) {
    throw new AppError('BAD_INPUT', `回复时限应为 1—60 个工作日，收到 ${n}。`, { field: 'workdays' });
  }
  let dueOn: IsoDate;
  let official = true;
  if (input.agreedDueOn) {
    dueOn = date(input.agreedDueOn, '商定回复日期');
    if (compareDates(dueOn, sentOn) < 0)
      throw new AppError('BAD_INPUT', `商定回复日期 ${dueOn} 早于发出日期 ${sentOn}。`, { field: 'agreedDueOn' });
  } else {
    const d = addWorkdays(sentOn, n, overrides);
    dueOn = d.date;
    official = d.official;
  }
  const limitText = input.agreedDueOn ? `商定的回复日期 ${dueOn}` : `${n} 个工作日内（${dueOn} 前）`;
  if (input.repliedOn) {
    const repliedOn = date(input.repliedOn, '回复日期');
    if (compareDates(repliedOn, sentOn) < 0)
      throw new AppError('BAD_INPUT', `回复日期 ${repliedOn} 早于发出日期 ${sentOn}。`, { field: 'repliedOn' });
    if (compareDates(repliedOn, dueOn) <= 0) {
      return { dueOn, status: 'replied', workdaysLeft: null, official, message: `已于 ${repliedOn} 按时回复。` };
    }
    return {
      dueOn,
      status: 'replied-late',
      workdaysLeft: null,
      official,
      message: `${repliedOn} 才回复，已超过${limitText}；按第三十一条，逾期时已视为无不同意见，迟到的意见由主办部门酌情处理。`,
    };
  }
  if (compareDates(asOf, dueOn) <= 0) {
    const left = workdaysBetween(asOf, dueOn, overrides);
    return {
      dueOn,
      status: 'pending',
      workdaysLeft: left.workdays,
      official: official && left.official,
      message: `尚未回复，应在${limitText}回复，还剩 ${left.workdays} 个工作日；逾期不回复视为无不同意见（第三十一条）。`,
    };
  }
  return {
    dueOn,
    status: 'no-objection',
    workdaysLeft: null,
    official,
    message: `未在${limitText}回复，按第三十一条视为无不同意见。`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 第二十八条: drafts for upper levels

/** 以县委、县人民政府名义 (both) or 以县人民政府名义 (the government alone). */
export type UpperName = 'party-and-government' | 'government';

export const UPPER_LEAD_DAYS: Record<UpperName, number> = { 'party-and-government': 15, government: 10 };

export interface UpperDraftInput {
  upperDeadline: IsoDate;
  name: UpperName;
  /** When the draft reached the county government, if it has. */
  submittedOn?: IsoDate | null;
}

export interface UpperDraftClock {
  dueOn: IsoDate;
  leadDays: number;
  /** Days late (> 0) or early (≤ 0) against dueOn; null when not submitted. */
  daysLate: number | null;
  onTime: boolean | null;
  message: string;
}

export function upperDraftClock(input: UpperDraftInput): UpperDraftClock {
  const deadline = date(input.upperDeadline, '上级报送时限');
  const leadDays = UPPER_LEAD_DAYS[input.name];
  const dueOn = addDays(deadline, -leadDays);
  const who = input.name === 'party-and-government' ? '以县委、县人民政府名义报送' : '以县人民政府名义报送';
  if (!input.submittedOn) {
    return {
      dueOn,
      leadDays,
      daysLate: null,
      onTime: null,
      message: `${who}的事项，原则上在报送时限（${deadline}）前 ${leadDays} 日，即 ${dueOn} 前，将代拟稿报送县人民政府（第二十八条）。`,
    };
  }
  const submittedOn = date(input.submittedOn, '代拟稿报送日期');
  const late = daysBetween(dueOn, submittedOn);
  return {
    dueOn,
    leadDays,
    daysLate: late,
    onTime: late <= 0,
    message:
      late <= 0
        ? `代拟稿于 ${submittedOn} 报送，在 ${dueOn} 前，符合第二十八条。`
        : `代拟稿于 ${submittedOn} 报送，晚于第二十八条要求的 ${dueOn}（${who}须在时限 ${deadline} 前 ${leadDays} 日报送）${late} 日。`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 第三十三条: signing authority

export type IssuedAs = 'government' | 'office';
export type Signer = 'mayor' | 'deputy' | 'office-director' | 'other';

export const SIGNER_NAMES: Record<Signer, string> = {
  mayor: '县长',
  deputy: '分管副县长',
  'office-director': '县政府办主任',
  other: '其他人员',
};

/** 县长 / 副县长 / 常务副县长 / 分管领导 / 县政府办主任 … → a signer role. */
export function signerOf(s: string): Signer {
  const t = s.replace(/\s+/g, '');
  if (/^(县长|襄垣县县长|县人民政府县长)$/.test(t)) return 'mayor';
  if (/(副县长|分管(?:副县长|领导|领导同志)?$)/.test(t)) return 'deputy';
  if (/^(县政府办|县人民政府办公室|县政府办公室|政府办|办公室)主任$/.test(t)) return 'office-director';
  return 'other';
}

export function issuedAsOf(s: string): IssuedAs | null {
  const t = s.replace(/\s+/g, '');
  if (/^(襄垣县)?(县)?人民政府$|^县政府$|^government$/.test(t)) return 'government';
  if (/^(襄垣县)?(县)?人民政府办公室$|^县政府办(公室)?$|^office$/.test(t)) return 'office';
  return null;
}

export interface SigningInput {
  issuedAs: IssuedAs;
  type: DocType;
  /** 规范性文件 made by the county government. */
  normative?: boolean;
  /** 重要文件 (office name) / 重大事项 — must go to the 县长. */
  important?: boolean;
  signer: Signer;
  /** 经县长同意 (a deputy may then sign in the government's name). */
  mayorAgreed?: boolean;
  /** 经县人民政府分管领导同志审核 (before the 县长 signs in the government's name). */
  deputyReviewed?: boolean;
}

export interface SigningAnswer {
  allowed: boolean;
  /** Who must or may sign, in Chinese. */
  rule: string;
  clause: string;
  message: string;
}

export function checkSigning(input: SigningInput): SigningAnswer {
  const who = SIGNER_NAMES[input.signer];
  const clause = '第三十三条';
  const mayorOnlyFirst =
    input.issuedAs === 'government' && (input.type === '决定' || input.type === '命令' || input.normative === true);
  if (input.type === '议案' || mayorOnlyFirst) {
    const what =
      input.type === '议案'
        ? '向县人民代表大会或其常务委员会提出的议案'
        : `县人民政府发布的${input.normative ? '规范性文件' : `${input.type}`}`;
    const rule = '由县长签署';
    return input.signer === 'mayor'
      ? { allowed: true, rule, clause, message: `${what}由县长签署，符合第三十三条第一款。` }
      : { allowed: false, rule, clause, message: `${what}须由县长签署（第三十三条第一款），${who}无权签署。` };
  }
  if (input.issuedAs === 'government') {
    const rule = '经分管领导审核后由县长签发；或经县长同意后由分管领导签发';
    if (input.signer === 'mayor') {
      return {
        allowed: true,
        rule,
        clause,
        message:
          input.deputyReviewed === false
            ? '以县人民政府名义发文由县长签发，但应先经县人民政府分管领导同志审核（第三十三条第二款）。'
            : '以县人民政府名义发文，经分管领导审核后由县长签发，符合第三十三条第二款。',
      };
    }
    if (input.signer === 'deputy') {
      return input.mayorAgreed
        ? {
            allowed: true,
            rule,
            clause,
            message: '以县人民政府名义发文，经县长同意后由分管领导签发，符合第三十三条第二款。',
          }
        : {
            allowed: false,
            rule,
            clause,
            message: '以县人民政府名义发文，分管领导须经县长同意后才能签发（第三十三条第二款），尚未记录县长同意。',
          };
    }
    return {
      allowed: false,
      rule,
      clause,
      message: `以县人民政府名义发文由县长或经县长同意的分管领导签发（第三十三条第二款），${who}无权签发。`,
    };
  }
  // office name
  if (input.important) {
    const rule = '重要文件报县长签发';
    return input.signer === 'mayor'
      ? {
          allowed: true,
          rule,
          clause,
          message: '以县人民政府办公室名义印发的重要文件由县长签发，符合第三十三条第三款。',
        }
      : {
          allowed: false,
          rule,
          clause,
          message: `以县人民政府办公室名义印发的重要文件须报县长签发（第三十三条第三款），${who}无权签发。`,
        };
  }
  const rule = '一般由分管领导或县政府办主任签发；重要文件报县长签发';
  if (input.signer === 'other') {
    return {
      allowed: false,
      rule,
      clause,
      message: `以县人民政府办公室名义发文一般由分管领导或县政府办主任签发（第三十三条第三款），${who}无权签发。`,
    };
  }
  return { allowed: true, rule, clause, message: `以县人民政府办公室名义发文由${who}签发，符合第三十三条第三款。` };
}
