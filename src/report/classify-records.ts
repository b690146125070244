// The per-record step of a batch analysis, shared by the in-thread path and the worker threads:
// archive records in, classified posts (slimmed to what aggregation needs) and bookkeeping out.
import type { ClassifiedPost, Post } from '../model/types.ts';
import type { ArchiveRecord } from '../sources/archive/index.ts';
import { dedupeKey } from '../sources/archive/index.ts';
import type { PostClassifier } from '../pipeline/classify-post.ts';

export type AnalysedRecord =
  | { kind: 'post'; file: string; line: number; key: string; classified: ClassifiedPost }
  | { kind: 'outOfRange'; file: string; line: number; key: string }
  | { kind: 'malformed'; file: string; line: number; reason: string }
  | { kind: 'duplicate'; file: string; line: number; key: string };

export interface TimeRange {
  from?: number;
  to?: number;
}

/** Classifies the posts of a batch that fall in the time range; the rest passes through as bookkeeping. */
export function classifyRecords(batch: ArchiveRecord[], classify: PostClassifier, range: TimeRange): AnalysedRecord[] {
  const out: AnalysedRecord[] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const record = batch[i];
    if (record.kind !== 'post') {
      out[i] = record;
      continue;
    }
    const { post, file, line } = record;
    const key = dedupeKey(post);
    const at = Date.parse(post.createdAt);
    if ((range.from !== undefined && at < range.from) || (range.to !== undefined && at >= range.to)) {
      out[i] = { kind: 'outOfRange', file, line, key };
      continue;
    }
    const { verdict } = classify(post);
    const slim = slimPost(post, verdict.label === 'complaint');
    out[i] = { kind: 'post', file, line, key, classified: { post: slim, verdict } };
  }
  return out;
}

/**
 * What aggregation reads of a post, so results cross threads cheaply: a complaint keeps its text
 * (copied texts count once as a voice), other posts leave it behind.
 */
function slimPost(post: Post, keepText: boolean): Post {
  const slim: Post = { id: post.id, source: post.source, text: keepText ? post.text : '', createdAt: post.createdAt };
  if (post.author) slim.author = { id: post.author.id };
  return slim;
}
