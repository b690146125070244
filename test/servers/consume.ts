// What the source tests share on the client side: reading a few posts, and backoff in milliseconds.
import type { Post } from '../../src/model/types.ts';
import type { Source } from '../../src/sources/source.ts';

export const FAST_BACKOFF = { initialMs: 20, maxMs: 100, jitter: 0 };

/** Reads `count` posts from the source, then aborts it and lets it wind down. */
export async function take(source: Source, count: number): Promise<Post[]> {
  const controller = new AbortController();
  const posts: Post[] = [];
  for await (const post of source.posts(controller.signal)) {
    posts.push(post);
    if (posts.length === count) controller.abort();
  }
  return posts;
}
