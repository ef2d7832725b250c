// `luoshi docnumber next|assign|list` — the 发文字号 register at the command line.
//   luoshi docnumber next --agency 襄政办发 --year 2023 --db <path> --json   → {"docNumber":"襄政办发〔2023〕27号"}
//     peeks: writes nothing (two calls give the same answer until a number is assigned);
//   luoshi docnumber assign --agency 襄政办发 --year 2023 --title <标题> --signed-on <YYYY-MM-DD>
//     --disclosure 此件公开发布|依申请公开|不予公开 [--issuer <发文机关>] --db <path> --json
//     reserves the next number (one transaction, audited) and prints the register entry;
//   luoshi docnumber list [--agency …] [--year …] --db <path> [--json]
import { userInfo } from 'node:os';
import { cliActor } from '../access/audit.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import { openDbFromFlags } from '../documents/cli.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/validate.ts';
import { assignSchema, DISCLOSURE_LABELS, disclosureOf, peekSchema } from './numbers.ts';
import { assignNumber, listRegister, peekNext } from './store.ts';

const USAGE = [
  'luoshi docnumber next --agency <代字> [--year <年>] [--db <路径>] [--json]',
  'luoshi docnumber assign --agency <代字> [--year <年>] --title <标题> --signed-on <YYYY-MM-DD> --disclosure 此件公开发布|依申请公开|不予公开 [--issuer <发文机关>] [--db <路径>] [--json]',
  'luoshi docnumber list [--agency <代字>] [--year <年>] [--db <路径>] [--json]',
].join('\n       ');

function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

const currentYear = () => Number((shanghaiDate(new Date().toISOString()) as string).slice(0, 4));

/** zod field names → command-line flags in messages. */
function asFlags(e: unknown): never {
  if (e instanceof AppError && e.code === 'BAD_INPUT' && e.location.field) {
    const flag = `--${e.location.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new AppError('BAD_INPUT', e.message.replace(/^请求体“[^”]+”/, `参数 ${flag} `), { field: flag });
  }
  throw e;
}

const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

async function run(args: string[], flags: Flags, io: CliIO): Promise<number> {
  const sub = args[0];
  if (sub !== 'next' && sub !== 'assign' && sub !== 'list') {
    throw new AppError('BAD_INPUT', `未知的子命令“${sub ?? ''}”。用法：${USAGE}`);
  }
  const tenant = tenantFrom(flags.tenant);
  const yearText = str(flags, 'year');
  if (sub === 'next') {
    let q: { agency: string; year: number };
    try {
      q = parseInput(peekSchema, { agency: str(flags, 'agency'), year: yearText ?? currentYear() }, 'body');
    } catch (e) {
      asFlags(e);
    }
    const db = await openDbFromFlags(flags);
    try {
      const next = await peekNext(db, tenant, q.agency, q.year);
      if (flags.json) io.out(JSON.stringify({ docNumber: next.docNumber }));
      else io.out(`下一个发文字号：${next.docNumber}（仅查看，未占用；占用请用 luoshi docnumber assign）`);
      return 0;
    } finally {
      await db.close();
    }
  }
  if (sub === 'assign') {
    const disclosureText = str(flags, 'disclosure');
    const disclosure = disclosureText === undefined ? undefined : (disclosureOf(disclosureText) ?? disclosureText);
    let input: ReturnType<typeof assignSchema.parse>;
    try {
      input = parseInput(
        assignSchema,
        {
          agency: str(flags, 'agency'),
          year: yearText ?? currentYear(),
          title: str(flags, 'title'),
          issuer: str(flags, 'issuer'),
          signedOn: str(flags, 'signed-on'),
          disclosure,
        },
        'body',
      );
    } catch (e) {
      asFlags(e);
    }
    const db = await openDbFromFlags(flags);
    try {
      const r = await assignNumber(db, tenant, input, cliActor(osUser()));
      if (flags.json) io.out(JSON.stringify(r));
      else
        io.out(
          `已分配发文字号：${r.docNumber}\n${r.issuer} ${r.title}\n成文日期 ${r.signedOn}  附注 ${r.disclosureNote}`,
        );
      return 0;
    } finally {
      await db.close();
    }
  }
  const db = await openDbFromFlags(flags);
  try {
    const year = yearText === undefined ? undefined : Number(yearText);
    if (year !== undefined && !Number.isInteger(year))
      throw new AppError('BAD_INPUT', `参数 --year：应为整数年份，收到“${yearText}”。`, { field: '--year' });
    const entries = await listRegister(db, tenant, { agency: str(flags, 'agency'), year });
    if (flags.json) io.out(JSON.stringify({ entries }));
    else if (entries.length === 0) io.out('登记簿中没有符合条件的发文字号。');
    else
      for (const e of entries)
        io.out(
          `${e.docNumber}\t${e.signedOn ?? ''}\t${e.title}\t${e.source === 'register' ? `登记（${DISCLOSURE_LABELS[e.disclosure as keyof typeof DISCLOSURE_LABELS] ?? e.disclosure}）` : '公报'}`,
        );
    return 0;
  } finally {
    await db.close();
  }
}

export const docnumberCommands: Command[] = [
  {
    name: 'docnumber',
    usage: USAGE,
    summary: '发文字号登记：查看下一个号（next，不占用）、分配（assign，占用并登记标题、日期、附注）、列出（list）',
    options: {
      agency: { type: 'string' },
      year: { type: 'string' },
      title: { type: 'string' },
      issuer: { type: 'string' },
      'signed-on': { type: 'string' },
      disclosure: { type: 'string' },
      db: { type: 'string' },
      tenant: { type: 'string' },
    },
    run,
  },
];
