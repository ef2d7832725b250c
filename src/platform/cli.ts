// The `luoshi` command line. Thin edge: parse flags, call a capability, shape the output (JSON with
// --json, readable Chinese otherwise). Every failure becomes an AppError with a stable exit code.
import { parseArgs } from 'node:util';
import { AppError, isAppError } from './errors.ts';

export interface CliIO {
  out(s: string): void;
  err(s: string): void;
  /** True when stderr is a terminal (progress bars). */
  tty: boolean;
}

const defaultIO: CliIO = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  tty: Boolean(process.stderr.isTTY),
};

export type Flags = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(args: string[], flags: Flags, io: CliIO): Promise<number>;
}

const commands = new Map<string, () => Promise<Command[]>>();

/** Capabilities register their commands lazily so `luoshi parse` does not load the database layer. */
export function registerCommands(names: string[], load: () => Promise<Command[]>): void {
  for (const n of names) commands.set(n, load);
}

registerCommands(['parse', 'lint'], async () => (await import('../gazette/cli.ts')).gazetteCommands);
registerCommands(
  ['import', 'search', 'serve', 'start'],
  async () => (await import('../documents/cli.ts')).documentCommands,
);
registerCommands(['user'], async () => (await import('../access/cli.ts')).accessCommands);
registerCommands(['outage'], async () => (await import('../emergency/cli.ts')).emergencyCommands);
registerCommands(['workday'], async () => (await import('../calendar/cli.ts')).calendarCommands);
registerCommands(['extract'], async () => (await import('../commitments/cli.ts')).commitmentCommands);
registerCommands(['supervision'], async () => (await import('../supervision/cli.ts')).supervisionCommands);
registerCommands(['docflow'], async () => (await import('../docflow/cli.ts')).docflowCommands);
registerCommands(['docnumber'], async () => (await import('../register/cli.ts')).docnumberCommands);
registerCommands(['compile'], async () => (await import('../register/cli.ts')).compileCommands);
registerCommands(['attain'], async () => (await import('../monitoring/cli.ts')).monitoringCommands);
registerCommands(['rubric', 'score'], async () => (await import('../evaluation/cli.ts')).evaluationCommands);
registerCommands(['meeting'], async () => (await import('../meetings/cli.ts')).meetingCommands);

function help(io: CliIO): void {
  io.out(
    [
      'luoshi（落实）— 把县政府公报变成结构化、可引用、可检索、可跟踪落实的公文',
      '',
      '用法：luoshi <命令> [参数]',
      '  parse <文件> [--json]                 解析公报，输出期号、目录、公文、附件与审校发现',
      '  lint <文件> [--json]                  只输出审校发现（目录与正文标题不一致、附件编号、合计、日期顺序等）',
      '  import <文件|目录> [--db <路径>]      导入公报（一期一个事务；目录带进度条）',
      '  search <关键词> [--db <路径>] [--json] 全文检索条款',
      '  serve [--port 8080] [--db <路径>]     启动 Web 服务与 API',
      '  start                                 数据库为空时导入演示公报，然后启动服务（npm start）',
      '  user add --username <名> --role <管理员|领导|单位联络员> [--unit <单位>] --password-stdin  创建账户',
      '  extract <文件> [--json]               抽取指标、任务、责任单位、领导小组、阶段、项目',
      '  workday add|is|between <日期> … [--db <数据库>]  工作日计算（法定节假日与调休；--db 时含本县日历调整）',
      '  outage classify|cap|sweep|clocks|response …  大面积停电事件：分级、CAP 1.2 预警、时限巡检、报告时限、响应解读',
      '  rubric list|show [编号] [--json]      评分细则（银行业金融机构评价、慢性病示范区建设等）',
      '  score --rubric <编号|文件> --input <JSON|xlsx> [--json]  按评分细则计算得分、排名、等次与提示',
      '  supervision report --month <YYYY-MM> [--xlsx <文件>] [--docx <文件>]  月度督办通报（排名、逾期清单）',
      '  supervision sweep [--db <路径>] [--now <时间>]  督办巡检：记录到期的催办/通报/约谈并发出通知（供 cron 调用）',
      '  docflow check <草稿> [--type 请示] [--json]  公文预审：文种、篇幅、一文一事、夹带请示、合法性审核',
      '  docflow countersign|upper|sign …      会签回复时限、代拟稿报送时限、签发权限（第二十八、三十一、三十三条）',
      '  docnumber next|assign|list --agency 襄政办发 --year 2023  发文字号登记（next 只查看，assign 占用并登记）',
      '  compile --from <日期> --to <日期> --issue 2023:4 [--out x.txt] [--docx x.docx]  编辑下一期公报（文本可再导入）',
      "  attain --target '<JSON>' --baseline <年>:<值> --observed '<年>:<值>,…'  指标达标判定与推算",
      '  meeting classify <议题> [--json]      “三重一大”事项识别（襄政发〔2023〕7号附件）；issue-due、request-check 会议时限',
      '',
      '所有命令支持 --json 输出机器可读结果；出错时以非零状态退出并给出中文说明。',
    ].join('\n'),
  );
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 2;
  }
  const load = commands.get(name);
  if (!load) {
    io.err(`未知命令“${name}”。运行 luoshi help 查看可用命令。`);
    return 2;
  }
  const cmd = (await load()).find((c) => c.name === name) as Command;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...cmd.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.err(`参数错误：${(e as Error).message.replace(/^.*?: /, '')}\n用法：${cmd.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${cmd.summary}\n用法：${cmd.usage}`);
    return 0;
  }
  const flags = parsed.values as Flags;
  try {
    return await cmd.run(parsed.positionals, flags, io);
  } catch (e) {
    if (isAppError(e)) {
      if (flags.json) io.out(JSON.stringify({ error: e.toJSON() }));
      io.err(`错误：${e.message}`);
      return e.exitCode;
    }
    io.err(`内部错误：${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

export function requireArg(args: string[], index: number, what: string, usage: string): string {
  const v = args[index];
  if (!v) throw new AppError('BAD_INPUT', `缺少参数：${what}。用法：${usage}`);
  return v;
}
