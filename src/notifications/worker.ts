// The webhook delivery worker: claims due deliveries (store.claimDue), POSTs each with a timeout, logs the
// attempt (status, HTTP code, error, duration) and schedules the retry (payloads.nextAttemptAt). `luoshi serve`
// runs it periodically (startDeliveryWorker); tests call deliverDue directly against a real local HTTP server.
import { buildWebhookRequest, judgeResponse } from './payloads.ts';
import { type AttemptResult, claimDue, type NotifyDb, recordAttempt } from './store.ts';

export interface DeliverOptions {
  /** Default: now. */
  now?: Date;
  /** Deliveries per run (default 50). */
  limit?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Public base URL of the web app, to make links absolute (LUOSHI_PUBLIC_URL). */
  baseUrl?: string | null;
}

export interface DeliverReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

async function post(
  req: { url: string; headers: Record<string, string>; body: string },
  timeoutMs: number,
  format: Parameters<typeof judgeResponse>[0],
): Promise<AttemptResult> {
  const started = performance.now();
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const verdict = judgeResponse(format, res.status, text);
    return { ok: verdict.ok, httpStatus: res.status, error: verdict.error, durationMs: performance.now() - started };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const message =
      err.name === 'TimeoutError'
        ? `请求超时（${timeoutMs} 毫秒内没有应答）`
        : `无法连接：${err.cause?.code ?? err.cause?.message ?? err.message}`;
    return { ok: false, httpStatus: null, error: message, durationMs: performance.now() - started };
  }
}

/** One run: attempt every delivery due at `now` (sequentially) and log each attempt. */
export async function deliverDue(db: NotifyDb, tenant: string, opts: DeliverOptions = {}): Promise<DeliverReport> {
  const now = opts.now ?? new Date();
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const due = await claimDue(db, tenant, now, { limit: opts.limit ?? 50, leaseMs: timeoutMs + 60_000 });
  const report: DeliverReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const d of due) {
    const req = buildWebhookRequest(d.target, d.message, { timestampMs: now.getTime(), baseUrl: opts.baseUrl ?? null });
    const result = await post(req, timeoutMs, d.target.format);
    const status = await recordAttempt(db, tenant, d, result, opts.now ?? new Date());
    report.attempted++;
    if (status === 'delivered') report.delivered++;
    else if (status === 'pending') report.retrying++;
    else report.failed++;
  }
  return report;
}

export interface Worker {
  stop(): Promise<void>;
}

/** Run deliverDue every `intervalMs` (default 15 s) until stopped; a failing run is reported, never fatal. */
export function startDeliveryWorker(
  db: NotifyDb,
  tenant: string,
  opts: DeliverOptions & { intervalMs?: number; onError?: (e: unknown) => void } = {},
): Worker {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = deliverDue(db, tenant, { ...opts, now: new Date() })
      .catch((e) => opts.onError?.(e))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 15_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
