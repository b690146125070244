// Counting a batch of posts into a store exactly once, however often the batch is delivered.
import { dedupeKey } from '../model/dedupe-key.ts';
import type { ClassifiedPost, Post } from '../model/types.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import type { Store } from '../aggregate/store.ts';

export interface CountBatchOptions {
  bucketMs?: number;
  examplesPerBucket?: number;
}

export interface CountBatchResult {
  /** Posts claimed by this batch and naming a service. */
  counted: number;
  /** Posts claimed by this batch that name no service. */
  unmatched: number;
  /** Posts another batch had already claimed. */
  duplicates: number;
  /** False when this batch id had already been committed (a repeated delivery): nothing was added. */
  committed: boolean;
}

/**
 * Claims the batch's post keys with the batch id as owner, classifies only the posts it won, and adds
 * their buckets in one commit under the same id. Why this order is safe when a worker dies anywhere:
 * - before the commit: nothing was counted; the retried batch wins its own claims again and counts them;
 * - after the commit, before the job is acknowledged: the retry's commit is refused, nothing twice;
 * - the same post in two batches: only the batch that claimed it first counts it.
 * (Claim-then-add as two free steps would lose posts in the first case: the retry would find them claimed.)
 * `batchId` must be unique per batch and stable across its deliveries (the queue's job id).
 */
export async function countBatch(
  store: Store,
  batchId: string,
  posts: Post[],
  classify: (posts: Post[]) => ClassifiedPost[] | Promise<ClassifiedPost[]>,
  options: CountBatchOptions = {},
): Promise<CountBatchResult> {
  const claimed = await store.claim(posts.map(dedupeKey), batchId);
  const won = posts.filter((_, i) => claimed[i]);
  const aggregator = new Aggregator(options.bucketMs, { examplesPerBucket: options.examplesPerBucket });
  let counted = 0;
  for (const classified of await classify(won)) if (aggregator.add(classified)) counted++;
  const committed = await store.addBuckets(aggregator.takeBefore(Infinity), batchId);
  return { counted, unmatched: won.length - counted, duplicates: posts.length - won.length, committed };
}

/**
 * Gives up the claims of a batch that will not be delivered again (it dead-lettered), unless it
 * committed: its posts then count when they are sent again, instead of being dropped as duplicates
 * for the dedupe window (2 days). Returns the posts released.
 */
export function releaseBatch(store: Store, batchId: string, posts: Post[]): Promise<number> {
  return store.release(posts.map(dedupeKey), batchId);
}
