// `luoshi docflow check|countersign|upper|sign` — thin edge over the pure pre-flight (preflight.ts, rules.ts).
//   luoshi docflow check <file.txt> --type 请示 --json
//     → {"type":"请示","chars":<n>,"limit":1500,"findings":[{"kind","message"}]}
//   Findings are findings: the exit status is 0 whatever they say; it is non-zero only when the input cannot be
//   read (missing file, unsupported encoding, binary data) or the arguments are wrong (unknown type).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { shanghaiDate } from '../calendar/dates.ts';
import { decodeGazette } from '../gazette/decode.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { requireArg } from '../platform/cli.ts';
import { AppError } from '../platform/errors.ts';
import { preflight } from './preflight.ts';
import {
  checkSigning,
  countersignClock,
  issuedAsOf,
  SIGNER_NAMES,
  signerOf,
  type UpperName,
  upperDraftClock,
} from './rules.ts';
import { docTypeOf, SCOPE_NAMES, type Scope, scopeOf } from './types.ts';

const USAGE_CHECK =
  'luoshi docflow check <草稿.txt> [--type <文种>] [--scope 综合|一般|专项] [--normative|--not-normative] [--legal-review] [--proxy-draft] [--json]';
const USAGE_COUNTERSIGN =
  'luoshi docflow countersign --sent <发出日期> [--days <工作日数>] [--agreed <商定回复日期>] [--replied <回复日期>] [--as-of <查询日期>] [--json]';
const USAGE_UPPER =
  'luoshi docflow upper --deadline <上级报送时限> --name 县委县政府|县政府 [--submitted <报送日期>] [--json]';
const USAGE_SIGN =
  'luoshi docflow sign --issuer 县人民政府|县人民政府办公室 --signer <县长|分管副县长|县政府办主任|…> [--type <文种>] [--normative] [--important] [--mayor-agreed] [--json]';
const USAGE = [USAGE_CHECK, USAGE_COUNTERSIGN, USAGE_UPPER, USAGE_SIGN].join('\n       ');

function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

function need(flags: Flags, name: string, what: string, usage: string): string {
  const v = str(flags, name);
  if (v === undefined || v.trim() === '')
    throw new AppError('BAD_INPUT', `参数 --${name}：缺少${what}。用法：${usage}`, { field: `--${name}` });
  return v;
}

async function readDraftFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      'NOT_FOUND',
      code === 'EISDIR'
        ? `${path} 是目录，请指定公文草稿文本文件。`
        : `无法读取草稿文件 ${path}${code === 'ENOENT' ? '：文件不存在' : `（${code}）`}。`,
      { file: path },
    );
  }
  if (bytes.length === 0)
    throw new AppError('BAD_INPUT', `草稿文件 ${path} 是空文件，没有可预审的内容。`, { file: path });
  return decodeGazette(bytes, basename(path)).text;
}

async function check(args: string[], flags: Flags, io: CliIO): Promise<number> {
  const file = requireArg(args, 1, '草稿文件', USAGE_CHECK);
  const scopeText = str(flags, 'scope');
  let scope: Scope | undefined;
  if (scopeText !== undefined) {
    const s = scopeOf(scopeText);
    if (!s)
      throw new AppError('BAD_INPUT', `参数 --scope：“${scopeText}”无效，应为 综合、一般 或 专项。`, {
        field: '--scope',
      });
    scope = s;
  }
  if (flags.normative && flags['not-normative'])
    throw new AppError('BAD_INPUT', '参数 --normative 与 --not-normative 不能同时使用。', { field: '--normative' });
  const text = await readDraftFile(file);
  const r = preflight({
    text,
    type: str(flags, 'type'),
    scope,
    normative: flags.normative ? true : flags['not-normative'] ? false : undefined,
    legalReview: Boolean(flags['legal-review']),
    proxyDraft: Boolean(flags['proxy-draft']),
  });
  if (flags.json) {
    io.out(
      JSON.stringify({
        type: r.type,
        chars: r.chars,
        limit: r.limit,
        findings: r.findings.map((f) => ({ kind: f.kind, message: f.message })),
      }),
    );
    return 0;
  }
  io.out(`文种：${r.type}（${r.directions.join('、')}文${r.typeFrom === 'title' ? '，据标题判断' : ''}）`);
  if (r.title) io.out(`标题：${r.title}`);
  io.out(
    `字数：${r.chars}${r.limit === null ? '（不设上限）' : ` / 上限 ${r.limit}`}（${r.type === '请示' ? '请示' : SCOPE_NAMES[r.scope]}）`,
  );
  if (r.findings.length === 0) io.out('未发现问题。');
  for (const f of r.findings)
    io.out(`[${f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示'}] ${f.message}`);
  return 0;
}

function today(): string {
  return shanghaiDate(new Date().toISOString()) as string;
}

async function countersign(flags: Flags, io: CliIO): Promise<number> {
  const daysText = str(flags, 'days');
  if (daysText !== undefined && !/^\d{1,2}$/.test(daysText))
    throw new AppError('BAD_INPUT', `参数 --days：应为 1—60 的整数，收到“${daysText}”。`, { field: '--days' });
  const r = countersignClock({
    sentOn: need(flags, 'sent', '发出会签日期', USAGE_COUNTERSIGN),
    workdays: daysText === undefined ? undefined : Number(daysText),
    agreedDueOn: str(flags, 'agreed') ?? null,
    repliedOn: str(flags, 'replied') ?? null,
    asOf: str(flags, 'as-of') ?? today(),
  });
  if (flags.json) io.out(JSON.stringify(r));
  else io.out(`回复期限：${r.dueOn}${r.official ? '' : '（含无官方节假日安排的年份，按估算）'}\n${r.message}`);
  return 0;
}

async function upper(flags: Flags, io: CliIO): Promise<number> {
  const nameText = need(flags, 'name', '报送名义', USAGE_UPPER);
  const name: UpperName | null = /县委/.test(nameText)
    ? 'party-and-government'
    : /^(县政府|县人民政府|襄垣县人民政府)$/.test(nameText)
      ? 'government'
      : null;
  if (!name)
    throw new AppError('BAD_INPUT', `参数 --name：“${nameText}”无效，应为 县委县政府 或 县政府。`, { field: '--name' });
  const r = upperDraftClock({
    upperDeadline: need(flags, 'deadline', '上级报送时限', USAGE_UPPER),
    name,
    submittedOn: str(flags, 'submitted') ?? null,
  });
  if (flags.json) io.out(JSON.stringify(r));
  else io.out(r.message);
  return 0;
}

async function sign(flags: Flags, io: CliIO): Promise<number> {
  const issuerText = need(flags, 'issuer', '发文名义', USAGE_SIGN);
  const issuedAs = issuedAsOf(issuerText);
  if (!issuedAs)
    throw new AppError('BAD_INPUT', `参数 --issuer：“${issuerText}”无效，应为 县人民政府 或 县人民政府办公室。`, {
      field: '--issuer',
    });
  const typeText = str(flags, 'type') ?? '通知';
  const type = docTypeOf(typeText);
  if (!type) throw new AppError('BAD_INPUT', `参数 --type：“${typeText}”不是 15 种公文文种之一。`, { field: '--type' });
  const signer = signerOf(need(flags, 'signer', '签发人', USAGE_SIGN));
  const r = checkSigning({
    issuedAs,
    type,
    signer,
    normative: Boolean(flags.normative),
    important: Boolean(flags.important),
    mayorAgreed: Boolean(flags['mayor-agreed']),
  });
  if (flags.json) io.out(JSON.stringify({ ...r, signer: SIGNER_NAMES[signer] }));
  else io.out(`${r.allowed ? '可以签发' : '无权签发'}：${r.message}`);
  return 0;
}

export const docflowCommands: Command[] = [
  {
    name: 'docflow',
    usage: USAGE,
    summary: '公文预审（文种、篇幅、一文一事、夹带请示、合法性审核）、会签时限、代拟稿时限与签发权限',
    options: {
      type: { type: 'string' },
      scope: { type: 'string' },
      normative: { type: 'boolean' },
      'not-normative': { type: 'boolean' },
      'legal-review': { type: 'boolean' },
      'proxy-draft': { type: 'boolean' },
      sent: { type: 'string' },
      days: { type: 'string' },
      agreed: { type: 'string' },
      replied: { type: 'string' },
      'as-of': { type: 'string' },
      deadline: { type: 'string' },
      name: { type: 'string' },
      submitted: { type: 'string' },
      issuer: { type: 'string' },
      signer: { type: 'string' },
      important: { type: 'boolean' },
      'mayor-agreed': { type: 'boolean' },
    },
    async run(args, flags, io) {
      const sub = args[0];
      if (sub === 'check') return check(args, flags, io);
      if (sub === 'countersign') return countersign(flags, io);
      if (sub === 'upper') return upper(flags, io);
      if (sub === 'sign') return sign(flags, io);
      throw new AppError('BAD_INPUT', `未知的子命令“${sub ?? ''}”。用法：${USAGE}`);
    },
  },
];
