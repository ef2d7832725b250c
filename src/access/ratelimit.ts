// A small in-memory sliding-window counter (per process). Used for login throttling per client IP
// and per username. State is lost on restart and not shared between processes; the per-account
// lockout that matters is stored in the users table.

export interface LimitState {
  allowed: boolean;
  /** Milliseconds until the oldest counted event leaves the window (0 when allowed). */
  retryAfterMs: number;
  count: number;
}

export class SlidingWindowCounter {
  readonly #events = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    readonly now: () => number = Date.now,
    /** Upper bound on tracked keys, so that a flood of random keys cannot exhaust memory. */
    readonly maxKeys = 50_000,
  ) {}

  #live(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const events = (this.#events.get(key) ?? []).filter((t) => t > cutoff);
    if (events.length === 0) this.#events.delete(key);
    else this.#events.set(key, events);
    return events;
  }

  /** State without counting anything. */
  check(key: string): LimitState {
    const events = this.#live(key);
    if (events.length < this.max) return { allowed: true, retryAfterMs: 0, count: events.length };
    const oldest = events[events.length - this.max] ?? this.now();
    return { allowed: false, retryAfterMs: Math.max(0, oldest + this.windowMs - this.now()), count: events.length };
  }

  /** Count one event. */
  hit(key: string): void {
    const events = this.#live(key);
    if (!this.#events.has(key) && this.#events.size >= this.maxKeys) {
      const oldestKey = this.#events.keys().next().value;
      if (oldestKey !== undefined) this.#events.delete(oldestKey);
    }
    events.push(this.now());
    this.#events.set(key, events);
  }

  reset(key: string): void {
    this.#events.delete(key);
  }
}
