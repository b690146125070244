// The batch analysis of posts held in memory (generated scenarios, the replay evaluation): the same
// classify -> aggregate -> detection as the analysis of an archive, without readers and threads.
import type { Post } from '../model/types.ts';
import { DEFAULT_BUCKET_MS } from '../model/constants.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { createPostClassifier, type PostClassifier } from '../pipeline/classify-post.ts';
import { detect, type Detection, type DetectionOptions } from './detection.ts';

export interface PostsAnalysisOptions extends DetectionOptions {
  /** Default one minute. */
  bucketMs?: number;
  /** Default: the shipped classifier with region resolution (`createPostClassifier()`). */
  classify?: PostClassifier;
}

export interface PostsAnalysis {
  detection: Detection;
  /** Posts classified, and of them those naming a service (the ones aggregated). */
  posts: number;
  withService: number;
}

/** classify -> Aggregator -> detection over posts in memory, in any order, from the first bucket to the last. */
export function analysePosts(posts: Iterable<Post>, options: PostsAnalysisOptions = {}): PostsAnalysis {
  const bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
  const classify = options.classify ?? createPostClassifier();
  const aggregator = new Aggregator(bucketMs);
  let count = 0;
  let withService = 0;
  for (const post of posts) {
    count++;
    if (aggregator.add(classify(post))) withService++;
  }
  const detection = detect(aggregator.buckets(), bucketMs, undefined, options);
  return { detection, posts: count, withService };
}
