// Reconnect policy shared by every live source: exponential backoff, rate-limit waits, fatal errors.
import { Backoff, type BackoffOptions } from '../util/backoff.ts';
import { errorMessage } from '../util/error-message.ts';
import { sleep } from '../util/timing.ts';
import type { SourceCallbacks, SourceStats } from './source.ts';

/** The server said "too many requests"; retry when the window reopens. */
export class RateLimitError extends Error {
  constructor(
    message: string,
    /** Epoch milliseconds when requests are allowed again. */
    readonly resetAt: number,
  ) {
    super(message);
    this.name = 'RateLimitError';
  }
}

/** Retrying cannot help (bad credentials, bad query, unknown endpoint): the source stops with this error. */
export class FatalSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalSourceError';
  }
}

/** Calls `onSilence` when `touch` has not been called for `ms`: how a live source notices a dead connection. */
export function watchdog(ms: number, onSilence: () => void): { touch(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    touch() {
      clearTimeout(timer);
      timer = setTimeout(onSilence, ms);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}

export interface ReconnectOptions extends SourceCallbacks {
  signal?: AbortSignal;
  backoff?: BackoffOptions;
  stats: SourceStats;
}

/**
 * Runs `connect` again and again until `signal` aborts, yielding what each connection yields.
 * A connection that ends or throws is retried after a backoff (reset by any item received), a
 * `RateLimitError` waits for its reset time, and a `FatalSourceError` ends the whole iteration.
 */
export async function* reconnecting<T>(
  connect: (attempt: number) => AsyncIterable<T>,
  options: ReconnectOptions,
): AsyncGenerator<T> {
  const { signal, stats, onEvent } = options;
  const backoff = new Backoff(options.backoff);
  for (let attempt = 0; !signal?.aborted; attempt += 1) {
    if (attempt > 0) stats.reconnects += 1;
    let reason = 'connection ended';
    try {
      for await (const item of connect(attempt)) {
        backoff.reset();
        yield item;
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof FatalSourceError) throw error;
      if (error instanceof RateLimitError) {
        stats.rateLimited += 1;
        onEvent?.({ type: 'rate-limited', until: error.resetAt });
        await sleep(backoff.untilReset(error.resetAt), signal);
        continue;
      }
      reason = errorMessage(error);
    }
    if (signal?.aborted) return;
    onEvent?.({ type: 'disconnected', reason });
    const delayMs = backoff.next();
    onEvent?.({ type: 'retrying', delayMs, reason });
    await sleep(delayMs, signal);
  }
}
