// `luoshi docnumber next|assign|list` — the 发文字号 register at the command line.
//   luoshi docnumber next --agency 襄政办发 --year 2023 --db <path> --json   → {"docNumber":"襄政办发〔2023〕27号"}
//     peeks: writes nothing (two calls give the same answer until a number is assigned);
//   luoshi docnumber assign --agency 襄政办发 --year 2023 --title <标题> --signed-on <YYYY-MM-DD>
//     --disclosure 此件公开发布|依申请公开|不予公开 [--issuer <发文机关>] --db <path> --json
//     reserves the next number (one transaction, audited) and prints the register entry;
//   luoshi docnumber list [--agency …] [--year …] --db <path> [--json]
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { cliActor } from '../access/audit.ts';
import { parseIsoDate, shanghaiDate } from '../calendar/dates.ts';
import { openDbFromFlags } from '../documents/cli.ts';
import { compileGazette } from '../gazette/compile.ts';
import { compileDocx } from '../gazette/compileDocx.ts';
import { decodeGazette } from '../gazette/decode.ts';
import type { Document } from '../gazette/types.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/validate.ts';
import { compileSource } from './compileSource.ts';
import { documentOfFormal, formalText } from './formal.ts';
import { assignSchema, DISCLOSURE_LABELS, disclosureOf, formatDocNumber, peekSchema } from './numbers.ts';
import { assignNumber, knownAgencies, listRegister, peekNext } from './store.ts';

async function readText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('NOT_FOUND', `无法读取文件 ${path}${code === 'ENOENT' ? '：文件不存在' : `（${code}）`}。`, {
      file: path,
    });
  }
  return decodeGazette(bytes, basename(path)).text;
}

async function knownIssuer(db: Parameters<typeof knownAgencies>[0], tenant: string, agency: string): Promise<string> {
  return (await knownAgencies(db, tenant)).find((a) => a.code === agency)?.issuer ?? '';
}

const USAGE = [
  'luoshi docnumber next --agency <代字> [--year <年>] [--db <路径>] [--json]',
  'luoshi docnumber assign --agency <代字> [--year <年>] --title <标题> --signed-on <YYYY-MM-DD> --disclosure 此件公开发布|依申请公开|不予公开 [--issuer <发文机关>] [--draft <草稿.txt> --out <正式文本.txt>] [--db <路径>] [--json]',
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
    const draftPath = str(flags, 'draft');
    const outPath = str(flags, 'out');
    if ((draftPath === undefined) !== (outPath === undefined)) {
      throw new AppError('BAD_INPUT', '参数 --draft 与 --out 须同时给出：由草稿生成带发文字号的正式文本。', {
        field: draftPath === undefined ? '--draft' : '--out',
      });
    }
    const draft = draftPath === undefined ? null : await readText(draftPath);
    const db = await openDbFromFlags(flags);
    try {
      if (draft !== null) {
        // check the formal text before a number is taken: a bad draft takes no number
        const peek = await peekNext(db, tenant, input.agency, input.year);
        const issuer = input.issuer ?? (await knownIssuer(db, tenant, input.agency));
        documentOfFormal(
          formalText(draft, { ...input, issuer, docNumber: formatDocNumber(input.agency, input.year, peek.serial) }),
          basename(draftPath as string),
        );
      }
      const r = await assignNumber(db, tenant, input, cliActor(osUser()));
      if (draft !== null) await writeFile(outPath as string, formalText(draft, r), 'utf8');
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
      draft: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      tenant: { type: 'string' },
    },
    run,
  },
];

const COMPILE_USAGE =
  'luoshi compile --from <YYYY-MM-DD> --to <YYYY-MM-DD> --issue <年>:<期> [--published <YYYY-MM-DD>] [--add <正式文本.txt,…>] [--out <公报.txt>] [--docx <公报.docx>] [--db <路径>] [--json]';

function dateFlag(flags: Flags, name: string, what: string): string {
  const v = str(flags, name);
  if (v === undefined)
    throw new AppError('BAD_INPUT', `参数 --${name}：缺少${what}。用法：${COMPILE_USAGE}`, { field: `--${name}` });
  const p = parseIsoDate(v);
  if (!p.ok)
    throw new AppError('BAD_INPUT', `参数 --${name}：“${v}”不是有效日期（YYYY-MM-DD）：${p.reason}。`, {
      field: `--${name}`,
    });
  return v;
}

async function compile(_args: string[], flags: Flags, io: CliIO): Promise<number> {
  const from = dateFlag(flags, 'from', '开始日期');
  const to = dateFlag(flags, 'to', '结束日期');
  const issueText = str(flags, 'issue');
  const m = issueText ? /^(\d{4})[:：](\d{1,3})$/.exec(issueText) : null;
  if (!m) {
    throw new AppError('BAD_INPUT', `参数 --issue：应为 年:期，如 2023:4，收到“${issueText ?? ''}”。`, {
      field: '--issue',
    });
  }
  const publishedOn =
    str(flags, 'published') === undefined
      ? (shanghaiDate(new Date().toISOString()) as string)
      : dateFlag(flags, 'published', '出版日期');
  const extra: Document[] = [];
  for (const path of (str(flags, 'add') ?? '').split(',').filter(Boolean)) {
    extra.push(documentOfFormal(await readText(path), basename(path)));
  }
  const db = await openDbFromFlags(flags);
  try {
    const src = await compileSource(db, tenantFrom(flags.tenant), {
      from,
      to,
      year: Number(m[1]),
      number: Number(m[2]),
      publishedOn,
      extra,
    });
    const compiled = compileGazette(src.input);
    const outPath = str(flags, 'out');
    const docxPath = str(flags, 'docx');
    if (outPath) await writeFile(outPath, compiled.text, 'utf8');
    if (docxPath) await writeFile(docxPath, await compileDocx(src.input));
    if (flags.json) {
      io.out(
        JSON.stringify({
          issue: { year: src.input.cover.year, number: src.input.cover.number, publishedOn },
          documents: src.input.documents.map((d) => d.docNumber.text),
          toc: compiled.toc,
          pages: compiled.pages,
          skipped: src.skipped,
        }),
      );
    } else if (!outPath && !docxPath) {
      io.out(compiled.text);
    } else {
      io.out(
        `已编成 ${src.input.cover.year}年第${src.input.cover.number}期：${src.input.documents.length} 件公文，约 ${compiled.pages} 页${outPath ? `；文本 ${outPath}` : ''}${docxPath ? `；排版稿 ${docxPath}` : ''}`,
      );
    }
    if (src.input.documents.length === 0) io.err(`提示：${from} 至 ${to} 没有可刊登的公文，公报只有封面和目录。`);
    for (const s of src.skipped) io.err(`未编入：${s.docNumber}《${s.title}》——${s.reason}`);
    return 0;
  } finally {
    await db.close();
  }
}

export const compileCommands: Command[] = [
  {
    name: 'compile',
    usage: COMPILE_USAGE,
    summary: '编辑下一期公报：选取一段时间内印发的公文，生成与解析器同格式的公报文本（可再导入）和排版稿 .docx',
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      issue: { type: 'string' },
      published: { type: 'string' },
      out: { type: 'string' },
      docx: { type: 'string' },
      add: { type: 'string' },
      db: { type: 'string' },
      tenant: { type: 'string' },
    },
    run: compile,
  },
];
