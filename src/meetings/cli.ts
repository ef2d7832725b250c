// `luoshi meeting classify|issue-due|request-check` — thin edge over the pure meetings core.
//   classify <议题文字> [--declared-major] [--json]       三重一大 against the 附件 of 襄政发〔2023〕7号
//   issue-due --date <会议日期> [--json]                   第二十二条: documents issued within 7 working days
//   request-check --meeting-date <日期> --submitted-on <日期> [--json]   第二十五条: 10 working days ahead
import { parseIsoDate } from '../calendar/dates.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { AppError } from '../platform/errors.ts';
import { classifyTopic, formatYuan } from './classify.ts';
import { countywideRequest, issueDueBy } from './clocks.ts';
import { ISSUE_WITHIN_WORKDAYS } from './rules.ts';

const USAGE_CLASSIFY = 'luoshi meeting classify <议题文字> [--declared-major] [--json]';
const USAGE_DUE = 'luoshi meeting issue-due --date <YYYY-MM-DD> [--json]';
const USAGE_REQUEST = 'luoshi meeting request-check --meeting-date <YYYY-MM-DD> --submitted-on <YYYY-MM-DD> [--json]';
const USAGE = `${USAGE_CLASSIFY}\n      ${USAGE_DUE}\n      ${USAGE_REQUEST}`;

function date(flags: Flags, name: string, usage: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || v.trim() === '')
    throw new AppError('BAD_INPUT', `参数 --${name}：缺少日期。用法：${usage}`, { field: `--${name}` });
  const p = parseIsoDate(v.trim());
  if (!p.ok)
    throw new AppError('BAD_INPUT', `参数 --${name}：“${v}”不是有效日期（${p.reason}）`, { field: `--${name}` });
  return v.trim();
}

function only(flags: Flags, allowed: string[], sub: string, usage: string): void {
  const own = new Set([...allowed, 'json', 'help']);
  for (const [k, v] of Object.entries(flags))
    if (v !== undefined && !own.has(k))
      throw new AppError('BAD_INPUT', `参数 --${k}：meeting ${sub} 不接受此参数。用法：${usage}`, { field: `--${k}` });
}

function classify(args: string[], flags: Flags, io: CliIO): number {
  only(flags, ['declared-major'], 'classify', USAGE_CLASSIFY);
  const text = args.join(' ').trim();
  if (!text) throw new AppError('BAD_INPUT', `缺少议题文字。用法：${USAGE_CLASSIFY}`);
  const c = classifyTopic(text, flags['declared-major'] === true);
  if (flags.json) {
    io.out(JSON.stringify(c));
    return 0;
  }
  io.out(c.major ? '属于“三重一大”事项（应提请县政府常务会议讨论决定，第二十条第（六）项）' : '未识别为“三重一大”事项');
  for (const m of c.matches)
    io.out(
      `  ${m.strength === 'match' ? '属于' : '可能属于'} ${m.categoryLabel} ${m.citation}：${m.itemText}\n    依据：${m.because}`,
    );
  for (const a of c.amounts) io.out(`  金额：${a.text}（${formatYuan(a.yuan)}）`);
  for (const n of c.notes) io.out(`  说明：${n}`);
  return 0;
}

function issueDue(args: string[], flags: Flags, io: CliIO): number {
  only(flags, ['date'], 'issue-due', USAGE_DUE);
  if (args.length) throw new AppError('BAD_INPUT', `多余的参数“${args.join(' ')}”。用法：${USAGE_DUE}`);
  const meetingDate = date(flags, 'date', USAGE_DUE);
  const due = issueDueBy(meetingDate);
  if (flags.json) {
    io.out(JSON.stringify({ meetingDate, workdays: ISSUE_WITHIN_WORKDAYS, dueBy: due.date, official: due.official }));
    return 0;
  }
  io.out(
    `${meetingDate} 会议讨论通过决定印发的文件，应于 ${due.date} 前印发（第二十二条：会议结束后7个工作日内）${due.official ? '' : '（含尚无官方节假日安排的年份，为估计）'}`,
  );
  return 0;
}

function requestCheck(args: string[], flags: Flags, io: CliIO): number {
  only(flags, ['meeting-date', 'submitted-on'], 'request-check', USAGE_REQUEST);
  if (args.length) throw new AppError('BAD_INPUT', `多余的参数“${args.join(' ')}”。用法：${USAGE_REQUEST}`);
  const meetingDate = date(flags, 'meeting-date', USAGE_REQUEST);
  const submittedOn = date(flags, 'submitted-on', USAGE_REQUEST);
  if (submittedOn > meetingDate)
    throw new AppError('BAD_INPUT', `参数 --submitted-on：报送日期 ${submittedOn} 晚于会议日期 ${meetingDate}`, {
      field: '--submitted-on',
    });
  const c = countywideRequest(meetingDate, submittedOn);
  if (flags.json) {
    io.out(JSON.stringify({ meetingDate, submittedOn, ...c }));
    return c.ok ? 0 : 1;
  }
  io.out(c.message);
  return c.ok ? 0 : 1;
}

export const meetingCommands: Command[] = [
  {
    name: 'meeting',
    usage: USAGE,
    summary:
      '县政府会议制度（襄政发〔2023〕7号 第十八—二十六条）：“三重一大”事项识别（classify）、会议决定文件的印发时限（issue-due）、全县性会议请示是否提前10个工作日（request-check）。',
    options: {
      'declared-major': { type: 'boolean' },
      date: { type: 'string' },
      'meeting-date': { type: 'string' },
      'submitted-on': { type: 'string' },
    },
    async run(args: string[], flags: Flags, io: CliIO) {
      const [sub, ...rest] = args;
      if (sub === 'classify') return classify(rest, flags, io);
      if (sub === 'issue-due') return issueDue(rest, flags, io);
      if (sub === 'request-check') return requestCheck(rest, flags, io);
      throw new AppError(
        'BAD_INPUT',
        `${sub === undefined ? '缺少子命令' : `未知子命令“${sub}”`}：classify、issue-due 或 request-check。用法：${USAGE}`,
      );
    },
  },
];
