// The one exponential backoff: live sources' reconnects, queue retries, ingest publish retries and webhook deliveries.

export interface BackoffOptions {
  /** First delay after a failure. Default 1000 ms. */
  initialMs?: number;
  /** Longest delay between attempts. Default 60_000 ms. */
  maxMs?: number;
  /** Growth of the delay per consecutive failure. Default 2. */
  factor?: number;
  /** Share of each delay that is randomised so many clients do not reconnect in step (0..1). Default 0.2. */
  jitter?: number;
  /** Longest wait honoured for a rate-limit reset. Default 15 minutes (the X API window). */
  maxRateLimitWaitMs?: number;
}

const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  initialMs: 1_000,
  maxMs: 60_000,
  factor: 2,
  jitter: 0.2,
  maxRateLimitWaitMs: 15 * 60_000,
};

/** The delay after a failure that follows `failuresBefore` others in a row: initial, initial*factor, ... capped at max, less up to `jitter` of it. */
export function backoffDelay(failuresBefore: number, options: BackoffOptions = {}): number {
  const { initialMs, maxMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const base = Math.min(maxMs, initialMs * factor ** failuresBefore);
  return Math.round(base * (1 - jitter * Math.random()));
}

/** Delays for consecutive failures (backoffDelay); `reset` after a success. */
export class Backoff {
  private readonly options: Required<BackoffOptions>;
  private failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.options = { ...DEFAULT_BACKOFF, ...options };
  }

  next(): number {
    const delay = backoffDelay(this.failures, this.options);
    this.failures += 1;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }

  /** How long to wait for a rate-limit window that reopens at `resetAt` (epoch ms). */
  untilReset(resetAt: number, now = Date.now()): number {
    const wait = resetAt - now;
    // A reset already in the past (clock skew) must not turn into a tight retry loop.
    return wait > 0 ? Math.min(wait, this.options.maxRateLimitWaitMs) : this.next();
  }
}
