// The queue's consumer: classify a batch and count it into the store exactly once (see countBatch).
// The same handler runs in the in-process service and in workers/classify.ts; posts outside the event
// clock's hard bounds (before 2006, after the wall clock) are dropped here too, whoever queued them.
import { countBatch, releaseBatch } from '../pipeline/count-batch.ts';
import type { Store } from '../aggregate/store.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { ClassifiedPost, Label, Post } from '../model/types.ts';
import type { PostClassifier } from '../pipeline/classify-post.ts';
import { checkHardBounds, type OutOfRange } from '../pipeline/event-clock.ts';
import type { BatchHandler } from '../queue/queue.ts';
import { addRecentExamples } from './recent-examples.ts';
import { countOutOfRange } from './service-metrics.ts';

export interface ClassifyStageOptions {
  store: Store;
  classify: PostClassifier;
  metrics: Metrics;
  bucketMs?: number;
  /** Called after each committed batch with the newest post time in it (epoch ms). */
  onCommitted?: (newestEventMs: number) => void;
}

export function createClassifyStage(options: ClassifyStageOptions): BatchHandler {
  const { store, classify, metrics } = options;
  return async (batch, job) => {
    const labels = new Map<Label, number>();
    let classifiedPosts: ClassifiedPost[] = [];
    const classifyAll = (posts: Post[]): ClassifiedPost[] =>
      (classifiedPosts = posts.map((post) => {
        const classified = classify(post);
        labels.set(classified.verdict.label, (labels.get(classified.verdict.label) ?? 0) + 1);
        return classified;
      }));
    const { posts, outOfRange } = splitByHardBounds(batch, Date.now());
    let result;
    try {
      result = await countBatch(store, job.id, posts, classifyAll, { bucketMs: options.bucketMs });
    } catch (error) {
      metrics.inc('outage_radar_batches_failed_total');
      // Released before the queue records the dead letter: a crash in between leaves the claims, as before.
      if (job.final) await releaseBatch(store, job.id, posts).catch(() => undefined);
      throw error;
    }
    if (!result.committed) return;
    for (const [label, n] of labels) metrics.inc('outage_radar_posts_classified_total', { label }, n);
    metrics.inc('outage_radar_posts_unmatched_total', {}, result.unmatched);
    metrics.inc('outage_radar_posts_duplicate_total', {}, result.duplicates);
    for (const { source, reason } of outOfRange) countOutOfRange(metrics, source, reason);
    // After the commit: a failed write here redelivers the batch, which counts nothing twice (its commit id is kept).
    await addRecentExamples(store, classifiedPosts);
    options.onCommitted?.(newestEventTime(posts));
  };
}

function splitByHardBounds(batch: Post[], wallMs: number): { posts: Post[]; outOfRange: Array<{ source: string; reason: OutOfRange }> } {
  const posts: Post[] = [];
  const outOfRange: Array<{ source: string; reason: OutOfRange }> = [];
  for (const post of batch) {
    const admission = checkHardBounds(Date.parse(post.createdAt), wallMs);
    if (admission.ok) posts.push(post);
    else outOfRange.push({ source: post.source, reason: admission.reason });
  }
  return { posts, outOfRange };
}

function newestEventTime(batch: Post[]): number {
  let newest = -Infinity;
  for (const post of batch) {
    const at = Date.parse(post.createdAt);
    if (at > newest) newest = at;
  }
  return newest;
}
