// `luoshi parse` and `luoshi lint`.
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { requireArg } from '../platform/cli.ts';
import { AppError } from '../platform/errors.ts';
import { fatalFindings, toParseJson } from './contract.ts';
import { parseGazette } from './parse.ts';
import { readGazetteFile } from './source.ts';
import type { Finding, GazetteIssue } from './types.ts';

/** Read, decode and parse a file; refuse it (AppError with the line) when it has fatal findings. */
export async function loadGazette(
  path: string,
  opts: { allowFatal?: boolean } = {},
): Promise<{ issue: GazetteIssue; source: string; name: string }> {
  const decoded = await readGazetteFile(path);
  const issue = parseGazette(decoded.text, { file: decoded.name });
  if (decoded.encoding !== 'utf-8') {
    issue.findings.unshift({
      kind: 'encoding',
      severity: 'info',
      message: `文件 ${decoded.name} 为 GB18030/GBK 编码，已自动转换为 UTF-8 解析。`,
      line: 1,
      docNumber: null,
    });
  }
  const fatal = fatalFindings(issue);
  if (fatal.length > 0 && !opts.allowFatal) {
    const first = fatal[0] as Finding;
    throw new AppError(
      'PARSE_FAILED',
      `文件 ${decoded.name} 第 ${first.line} 行：${first.message}${fatal.length > 1 ? `（另有 ${fatal.length - 1} 处严重问题，运行 luoshi lint 查看）` : ''}`,
      { file: decoded.name, line: first.line },
      { findings: fatal },
    );
  }
  return { issue, source: decoded.text, name: decoded.name };
}

function formatFinding(f: Finding): string {
  const sev = f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示';
  return `  第 ${String(f.line).padStart(4)} 行 [${sev}] ${f.message}`;
}

export const gazetteCommands: Command[] = [
  {
    name: 'parse',
    usage: 'luoshi parse <文件> [--json]',
    summary: '解析公报文本，输出期号、目录、公文、附件与审校发现。',
    options: {},
    async run(args: string[], flags: Flags, io: CliIO) {
      const path = requireArg(args, 0, '公报文件', this.usage);
      const { issue } = await loadGazette(path, { allowFatal: true });
      const fatal = fatalFindings(issue);
      if (flags.json) io.out(JSON.stringify(toParseJson(issue)));
      else {
        io.out(
          `${issue.title || '（无公报名称）'} ${issue.year} 年第 ${issue.number} 期，出版日期 ${issue.publishedOn ?? '未知'}`,
        );
        io.out(`目录 ${issue.toc.length} 条，公文 ${issue.documents.length} 件：`);
        for (const d of issue.documents) {
          io.out(
            `  ${d.docNumber.text}  ${d.issuer} ${d.title}（${d.signedOn ?? '无日期'}，${{ public: '公开', partial: '部分公开', restricted: '不公开' }[d.disclosure]}）`,
          );
          for (const a of d.attachments) io.out(`      ${a.label ?? ''}《${a.title}》`);
        }
        io.out(`审校发现 ${issue.findings.length} 条（luoshi lint 查看详情）。`);
      }
      if (fatal.length > 0) {
        io.err(`错误：文件 ${path} 第 ${fatal[0]?.line} 行：${fatal[0]?.message}`);
        return new AppError('PARSE_FAILED', '').exitCode;
      }
      return 0;
    },
  },
  {
    name: 'lint',
    usage: 'luoshi lint <文件> [--json]',
    summary: '审校公报：目录与正文标题、附件编号、表格合计、日期顺序、无法归类的文字、疑似识别错误。',
    options: {},
    async run(args: string[], flags: Flags, io: CliIO) {
      const path = requireArg(args, 0, '公报文件', this.usage);
      const { issue } = await loadGazette(path, { allowFatal: true });
      if (flags.json) io.out(JSON.stringify({ findings: toParseJson(issue).findings }));
      else if (issue.findings.length === 0) io.out(`${path}：未发现问题。`);
      else {
        io.out(`${path}：${issue.findings.length} 条审校发现`);
        for (const f of issue.findings) io.out(formatFinding(f));
      }
      return fatalFindings(issue).length > 0 ? new AppError('PARSE_FAILED', '').exitCode : 0;
    },
  },
];
