// `luoshi supervision sweep [--db <路径>] [--tenant 140423] [--now <ISO 时间>] [--json]`: one sweep (for cron),
// then one run of the webhook delivery worker. --now is for replaying a day (tests, catch-up checks).
// A subcommand of `luoshi supervision` (src/supervision/cli.ts dispatches on the subcommand).

import { deliverDue } from '../notifications/worker.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { openDb } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { describeSweep } from './sweepScheduler.ts';
import { runSweep } from './sweepStore.ts';

export const SWEEP_USAGE = 'luoshi supervision sweep [--db <路径>] [--tenant 140423] [--now <ISO 时间>] [--json]';

function nowFrom(flag: Flags[string]): Date {
  if (typeof flag !== 'string') return new Date();
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(flag)
    ? Date.parse(flag)
    : Number.NaN;
  if (Number.isNaN(ms))
    throw new AppError(
      'BAD_INPUT',
      `参数“--now”应为带时区的 ISO 时间（例如 2023-10-12T09:00:00+08:00），收到“${flag}”`,
      {
        field: 'now',
      },
    );
  return new Date(ms);
}

export const SWEEP_OPTIONS: Command['options'] = {
  db: { type: 'string' },
  tenant: { type: 'string' },
  now: { type: 'string' },
};

/** Exit 0 when the sweep ran, 7 (CONFLICT) when another sweep held the lock. */
export async function runSweepCli(args: string[], flags: Flags, io: CliIO): Promise<number> {
  if (args.length) throw new AppError('BAD_INPUT', `多余的参数“${args.join(' ')}”。用法：${SWEEP_USAGE}`);
  const now = nowFrom(flags.now);
  const tenant = tenantFrom(flags.tenant);
  const file = typeof flags.db === 'string' ? flags.db : undefined;
  const url = file ? undefined : process.env.DATABASE_URL;
  const db = url ? await openDb({ url }) : await openDb({ file: file ?? './data/luoshi.db' });
  try {
    const report = await runSweep(db, tenant, { now });
    const delivery = await deliverDue(db, tenant, { now, baseUrl: process.env.LUOSHI_PUBLIC_URL ?? null });
    if (flags.json) io.out(JSON.stringify({ sweep: report, delivery }));
    else {
      io.out(describeSweep(report));
      if (delivery.attempted)
        io.out(
          `Webhook 投递：尝试 ${delivery.attempted} 条，成功 ${delivery.delivered}，待重试 ${delivery.retrying}，失败 ${delivery.failed}。`,
        );
    }
    return report.ran ? 0 : 7;
  } finally {
    await db.close();
  }
}
