// `luoshi supervision <子命令>` — one command whose run dispatches on the subcommand; each subcommand lives in
// its own file (report: reportCli.ts) and contributes its options, merged here.
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { AppError } from '../platform/errors.ts';
import { REPORT_OPTIONS, REPORT_USAGE, runReport } from './reportCli.ts';
import { runSweepCli, SWEEP_OPTIONS, SWEEP_USAGE } from './sweepCli.ts';

interface Subcommand {
  name: string;
  usage: string;
  options: Command['options'];
  run(args: string[], flags: Flags, io: CliIO): Promise<number>;
}

const SUBCOMMANDS: Subcommand[] = [
  { name: 'report', usage: REPORT_USAGE, options: REPORT_OPTIONS, run: (_args, flags, io) => runReport(flags, io) },
  { name: 'sweep', usage: SWEEP_USAGE, options: SWEEP_OPTIONS, run: runSweepCli },
];

const USAGE = SUBCOMMANDS.map((s) => s.usage).join('\n       ');

export const supervisionCommands: Command[] = [
  {
    name: 'supervision',
    usage: USAGE,
    summary: '督办：月度通报（排名、逾期清单，导出 .xlsx / .docx）',
    options: Object.assign({}, ...SUBCOMMANDS.map((s) => s.options)),
    async run(args, flags, io) {
      const [sub, ...rest] = args;
      const s = SUBCOMMANDS.find((x) => x.name === sub);
      if (!s)
        throw new AppError(
          'BAD_INPUT',
          `${sub ? `未知子命令“${sub}”` : '缺少子命令'}；可用：${SUBCOMMANDS.map((x) => x.name).join('、')}。用法：${USAGE}`,
        );
      return s.run(rest, flags, io);
    },
  },
];
