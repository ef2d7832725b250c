// The periodic jobs `luoshi serve` runs: the supervision sweep every LUOSHI_SWEEP_MINUTES (default 60; 0 turns
// it off — then run `luoshi supervision sweep` from cron) and the webhook delivery worker every 15 s. A failing
// run is reported on stderr and retried at the next tick, never fatal; two servers never sweep at once (the
// sweep's lock, sweepStore.ts).
import { startDeliveryWorker } from '../notifications/worker.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { runSweep, type SweepReport } from './sweepStore.ts';

export interface SchedulerOptions {
  /** Minutes between sweeps; 0 = no sweeps (default: LUOSHI_SWEEP_MINUTES or 60). */
  sweepMinutes?: number;
  /** Seconds between webhook delivery runs (default 15). */
  deliverySeconds?: number;
  /** Public base URL for absolute links in webhooks (default: LUOSHI_PUBLIC_URL). */
  baseUrl?: string | null;
  log?: (line: string) => void;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/** LUOSHI_SWEEP_MINUTES as a number of minutes (0–1440); anything else is refused in Chinese. */
export function sweepMinutesFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 60;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1440)
    throw new AppError('BAD_INPUT', `LUOSHI_SWEEP_MINUTES 应为 0 到 1440 之间的整数（分钟），收到“${value}”`, {
      field: 'LUOSHI_SWEEP_MINUTES',
    });
  return n;
}

export function describeSweep(r: SweepReport): string {
  if (!r.ran) return '督办巡检：另一个服务正在巡检，本次跳过。';
  return `督办巡检：检查在办事项 ${r.items} 件，新记催办 ${r.recorded.urge}、通报 ${r.recorded.notice}、约谈 ${r.recorded.interview}（其中补记 ${r.caughtUp}），发出通知 ${r.notifications} 条。`;
}

export function startScheduler(db: Db, tenant: string, opts: SchedulerOptions = {}): Scheduler {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const minutes = opts.sweepMinutes ?? sweepMinutesFrom(process.env.LUOSHI_SWEEP_MINUTES);
  const baseUrl = opts.baseUrl ?? process.env.LUOSHI_PUBLIC_URL ?? null;
  const worker = startDeliveryWorker(db, tenant, {
    intervalMs: (opts.deliverySeconds ?? 15) * 1000,
    baseUrl,
    onError: (e) => log(`Webhook 投递出错：${(e as Error).message}`),
  });
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (minutes > 0) {
    const tick = () => {
      if (running) return;
      running = runSweep(db, tenant)
        .then((r) => {
          if (!r.ran || r.notifications) log(describeSweep(r));
        })
        .catch((e) => log(`督办巡检失败，将在下次重试：${(e as Error).message}`))
        .finally(() => {
          running = null;
        });
    };
    timer = setInterval(tick, minutes * 60_000);
    timer.unref();
    tick();
  }
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
      await worker.stop();
    },
  };
}
