// Backpressure at the queue's door: posts are taken only while the queue is within its bound, as one
// batch (all or nothing), and every wait on the queue is bounded, so a slow or absent Redis turns
// into a prompt 503 with Retry-After instead of a hung request or a 500 after part was queued.
import type { Post } from '../model/types.ts';
import type { PostQueue, QueueDepth } from '../queue/queue.ts';
import { withTimeout } from '../util/timing.ts';
import { errorMessage } from '../util/error-message.ts';
import { UnavailableError } from '../model/errors.ts';

/** Longest wait for the queue's depth: /readyz and the ingest route answer within it (measured 4 s in a Redis outage before). */
export const DEPTH_TIMEOUT_MS = 500;
/** Longest wait for the queue to acknowledge one request's batch. */
export const PUBLISH_TIMEOUT_MS = 5000;

/** The queue's depth, or an UnavailableError naming the queue when it does not answer in time. */
export async function queueDepthWithin(queue: PostQueue, timeoutMs = DEPTH_TIMEOUT_MS): Promise<QueueDepth> {
  try {
    return await withTimeout(queue.depth(), timeoutMs, `no answer within ${timeoutMs} ms`);
  } catch (error) {
    throw new UnavailableError(`the queue is unreachable: ${errorMessage(error)}`);
  }
}

/** Why the queue takes no more posts now, or undefined when it does. */
export function overBound(depth: QueueDepth, maxWaiting: number): string | undefined {
  if (depth.waiting <= maxWaiting) return undefined;
  return `the queue holds ${depth.waiting} waiting batches, over its bound of ${maxWaiting} (QUEUE_MAX_WAITING): classify workers fall behind`;
}

/**
 * Queues `posts` as one batch when the queue is within `maxWaiting`; otherwise, or when the queue
 * does not acknowledge in time, throws an UnavailableError and none of them counts as accepted.
 * A batch acknowledged late after a timeout is harmless: posts sent again are dropped as duplicates.
 */
export async function admitToQueue(queue: PostQueue, posts: Post[], maxWaiting: number): Promise<void> {
  const depth = await queueDepthWithin(queue).catch((error: unknown) => {
    throw new UnavailableError(`${errorMessage(error)}; send the posts again later`);
  });
  const full = overBound(depth, maxWaiting);
  if (full) throw new UnavailableError(`${full}; send the posts again later`);
  try {
    await withTimeout(queue.publish(posts), PUBLISH_TIMEOUT_MS, `no acknowledgement within ${PUBLISH_TIMEOUT_MS} ms`);
  } catch (error) {
    throw new UnavailableError(`the queue did not take the posts (${errorMessage(error)}); none were accepted, send them again later`);
  }
}
