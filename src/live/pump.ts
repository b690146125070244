// Moves posts from a source into the queue in batches: a batch leaves when full or when its first post
// has waited `maxWaitMs`. Holds back while the queue is deeper than `maxWaiting` batches. Posts the event
// clock finds out of range are dropped and counted. A batch counts as published once the queue
// acknowledged it; one it never acknowledged, after retries, is counted and logged as lost. A queue
// that does not say its depth does not stall the pump: the publish retries pace it instead.
import type { Metrics } from '../observe/metrics.ts';
import type { Post } from '../model/types.ts';
import type { EventClock } from '../pipeline/event-clock.ts';
import { DEFAULT_MAX_WAITING, type PostQueue } from '../queue/queue.ts';
import { publishWithRetry, type PublishRetryOptions } from '../queue/publish-retry.ts';
import type { Source } from '../sources/source.ts';
import { queueDepthWithin } from './queue-admission.ts';
import { countOutOfRange } from './service-metrics.ts';

export interface PumpOptions {
  /** Posts per batch. Default 200. */
  batchSize?: number;
  /** Longest a post waits for its batch to fill (ms). Default 1000. */
  maxWaitMs?: number;
  /** Waiting batches above which the pump pauses. Default DEFAULT_MAX_WAITING. */
  maxWaiting?: number;
  /** How a batch the queue does not acknowledge is retried. */
  retry?: PublishRetryOptions;
  /** Retries and lost batches are told here. */
  log?: (message: string) => void;
  metrics?: Metrics;
  /** Judges each post's createdAt; every post is published without one. */
  clock?: EventClock;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when the source ends or `signal` aborts, after the last batch is published. Returns posts the queue acknowledged. */
export async function pumpSource(source: Source, queue: PostQueue, options: PumpOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
  let batch: Post[] = [];
  let timer: NodeJS.Timeout | undefined;
  let published = 0;
  // Publishes are chained so batches reach the queue in source order, timer flushes included.
  let publishing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return publishing;
    const full = batch;
    batch = [];
    publishing = publishing.then(async () => {
      const outcome = await publishWithRetry(queue, full, {
        ...options.retry,
        onRetry: (error, delayMs) => options.log?.(`source ${source.name}: publishing ${full.length} posts failed (${error}); retrying in ${delayMs} ms`),
      });
      if (!outcome.ok) {
        options.metrics?.inc('outage_radar_posts_lost_total', { source: source.name }, full.length);
        options.log?.(`source ${source.name}: LOST ${full.length} posts: the queue did not take their batch (${outcome.error})`);
        return;
      }
      published += full.length;
      options.metrics?.inc('outage_radar_posts_received_total', { source: source.name }, full.length);
    });
    return publishing;
  };

  try {
    for await (const post of source.posts(options.signal)) {
      const admission = options.clock?.admitPost(post);
      if (admission?.ok === false) {
        if (options.metrics) countOutOfRange(options.metrics, source.name, admission.reason);
        continue;
      }
      batch.push(post);
      if (batch.length >= batchSize) {
        await flush();
        while (((await queueDepthWithin(queue).catch(() => undefined))?.waiting ?? 0) > maxWaiting && !options.signal?.aborted) await sleep(100);
      } else if (timer === undefined) {
        timer = setTimeout(() => void flush().catch(() => undefined), maxWaitMs);
      }
    }
  } finally {
    await flush();
  }
  return published;
}
