// The queue's consumer: classify a batch and count it into the store exactly once (see countBatch).
// The same handler runs in the in-process service and in workers/classify.ts.
import { countBatch } from '../aggregate/count-batch.ts';
import type { Store } from '../aggregate/store.ts';
import type { Metrics } from '../api/metrics.ts';
import type { ClassifiedPost, Label, Post } from '../model/types.ts';
import type { PostClassifier } from '../pipeline/classify-post.ts';
import type { BatchHandler } from '../queue/queue.ts';

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
    const classifyAll = (posts: Post[]): ClassifiedPost[] =>
      posts.map((post) => {
        const classified = classify(post);
        labels.set(classified.verdict.label, (labels.get(classified.verdict.label) ?? 0) + 1);
        return classified;
      });
    let result;
    try {
      result = await countBatch(store, job.id, batch, classifyAll, { bucketMs: options.bucketMs });
    } catch (error) {
      metrics.inc('outage_radar_batches_failed_total');
      throw error;
    }
    if (!result.committed) return;
    for (const [label, n] of labels) metrics.inc('outage_radar_posts_classified_total', { label }, n);
    metrics.inc('outage_radar_posts_unmatched_total', {}, result.unmatched);
    metrics.inc('outage_radar_posts_duplicate_total', {}, result.duplicates);
    options.onCommitted?.(newestEventTime(batch));
  };
}

function newestEventTime(batch: Post[]): number {
  let newest = -Infinity;
  for (const post of batch) {
    const at = Date.parse(post.createdAt);
    if (at > newest) newest = at;
  }
  return newest;
}
