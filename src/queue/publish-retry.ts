// Publishing a batch until the queue acknowledges it: bounded wait per attempt, retries with the one
// Backoff, and a clear "lost" when every attempt failed, so ingest reports what was committed, not what was sent.
import type { Post } from '../model/types.ts';
import { sleep, withTimeout } from '../util/timing.ts';
import { Backoff, type BackoffOptions } from '../util/backoff.ts';
import type { PostQueue } from './queue.ts';
import { errorMessage } from '../util/error-message.ts';

export interface PublishRetryOptions {
  /** Attempts before the batch is given up as lost. Default 6 (about 30 s of retries with the default backoff). */
  attempts?: number;
  /** Longest wait for one acknowledgement (ms). Default 10 000: a Redis that is down holds commands, it does not fail them. */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** Called before each retry with the failure that caused it. */
  onRetry?: (error: string, delayMs: number) => void;
}

export type PublishOutcome = { ok: true } | { ok: false; error: string };

/**
 * A retry after a timed-out attempt may queue the batch twice when the first attempt lands late:
 * counting is exactly once per post key (`countBatch`), so the copy is dropped as duplicates.
 */
export async function publishWithRetry(queue: PostQueue, batch: Post[], options: PublishRetryOptions = {}): Promise<PublishOutcome> {
  const attempts = options.attempts ?? 6;
  const backoff = new Backoff({ initialMs: 1000, maxMs: 10_000, ...options.backoff });
  let error = 'not attempted';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await withTimeout(queue.publish(batch), options.timeoutMs ?? 10_000, `the queue did not acknowledge within ${options.timeoutMs ?? 10_000} ms`);
      return { ok: true };
    } catch (failure) {
      error = errorMessage(failure);
    }
    if (attempt === attempts) break;
    const delayMs = backoff.next();
    options.onRetry?.(error, delayMs);
    await sleep(delayMs);
  }
  return { ok: false, error };
}
