// The one per-post stage every path shares (batch analysis, in-process service, BullMQ workers):
// text classification plus region resolution, giving the post its Verdict.
import type { ClassifiedPost, Post } from '../model/types.ts';
import { loadClassifier } from '../classify/classifier.ts';
import { resolveRegion } from '../geo/region.ts';

export type PostClassifier = (post: Post) => ClassifiedPost;

export function createPostClassifier(): PostClassifier {
  const classifier = loadClassifier();
  return (post) => {
    const text = classifier.classify(post);
    return { post, verdict: { postId: post.id, ...text, region: resolveRegion(post, text.lang) } };
  };
}
