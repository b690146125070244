// The newest posts of each service, a few per label, with the features that decided them: kept in the
// store beside the counts (the buckets keep only post ids), so that the live page can show what people
// write. Every process that classifies adds the posts of the batches it commits.
import type { Store } from '../aggregate/store.ts';
import { LABELS, type ClassifiedPost, type Label } from '../model/types.ts';
import { examplePost, type ExamplePost } from '../pipeline/example-post.ts';

/** Posts kept per service and label. */
export const RECENT_EXAMPLES_PER_LABEL = 3;

export type RecentExample = ExamplePost;

/** Per label, the newest first (by event time, then post id). */
export type RecentExamples = Record<Label, RecentExample[]>;

const keyOf = (service: string): string => `recent-examples:${service}`;

const newestFirst = (a: RecentExample, b: RecentExample): number => b.createdAt.localeCompare(a.createdAt) || a.postId.localeCompare(b.postId);

function emptyExamples(): RecentExamples {
  return Object.fromEntries(LABELS.map((l) => [l, []])) as unknown as RecentExamples;
}

/** The kept lists with `posts` added: the newest few per label, each post once. */
export function mergeRecent(kept: RecentExamples, posts: readonly ClassifiedPost[]): RecentExamples {
  const merged = emptyExamples();
  for (const label of LABELS) {
    const candidates = [...kept[label], ...posts.filter((p) => p.verdict.label === label).map(exampleOf)].sort(newestFirst);
    const seen = new Set<string>();
    for (const example of candidates) {
      if (merged[label].length === RECENT_EXAMPLES_PER_LABEL) break;
      if (seen.has(example.postId)) continue;
      seen.add(example.postId);
      merged[label].push(example);
    }
  }
  return merged;
}

function exampleOf({ post, verdict }: ClassifiedPost): RecentExample {
  return examplePost(post, verdict, Math.round(verdict.score * 1e4) / 1e4);
}

/**
 * Adds a committed batch's posts to each named service's kept lists (one read and one write per
 * service in the batch). Two processes writing the same service at once may lose each other's
 * additions: these are examples, not counts, and the next batch brings newer ones.
 */
export async function addRecentExamples(store: Store, posts: readonly ClassifiedPost[]): Promise<void> {
  const byService = new Map<string, ClassifiedPost[]>();
  for (const classified of posts) {
    for (const service of classified.verdict.services) {
      let list = byService.get(service);
      if (!list) byService.set(service, (list = []));
      list.push(classified);
    }
  }
  await Promise.all(
    [...byService].map(async ([service, batch]) => {
      const kept = (await store.getJson<RecentExamples>(keyOf(service))) ?? emptyExamples();
      await store.putJson(keyOf(service), mergeRecent(kept, batch));
    }),
  );
}

/** A service's kept examples (empty lists before its first post). */
export async function recentExamples(store: Store, service: string): Promise<RecentExamples> {
  return (await store.getJson<RecentExamples>(keyOf(service))) ?? emptyExamples();
}
