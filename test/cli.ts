// Run the `luoshi` command line in-process with captured output, for contract tests.
import { type CliIO, main } from '../src/platform/cli.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (s) => {
      out += `${s}\n`;
    },
    err: (s) => {
      err += `${s}\n`;
    },
    tty: false,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
