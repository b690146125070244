import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countBatch } from '../src/pipeline/count-batch.ts';
import { dedupeKey } from '../src/model/dedupe-key.ts';
import { EmbeddedStore } from '../src/aggregate/embedded-store.ts';
import type { ClassifiedPost, Post } from '../src/model/types.ts';

const posts: Post[] = [
  { id: '901', source: 'twitter', text: 'Vodafone internet down in Amsterdam since 8am', createdAt: '2025-04-01T08:12:30Z', lang: 'en', author: { id: 'a' } },
  { id: '902', source: 'twitter', text: 'geen internet bij vodafone, storing?', createdAt: '2025-04-01T08:12:45Z', lang: 'nl', author: { id: 'b' } },
  { id: '903', source: 'twitter', text: 'lovely weather today', createdAt: '2025-04-01T08:12:50Z', lang: 'en', author: { id: 'c' } },
];

/** Stands in for the classifier: Vodafone posts are complaints, the rest names no service. */
function classify(batch: Post[]): ClassifiedPost[] {
  return batch.map((post) => ({
    post,
    verdict: {
      postId: post.id, services: /vodafone/i.test(post.text) ? ['vodafone'] : [], label: 'complaint', score: 0.9,
      sentiment: { label: 'negative', score: -0.5 }, symptoms: ['no-internet'], lang: post.lang ?? 'en',
      region: { country: 'NL', source: 'profile', confidence: 0.8 }, why: [],
    },
  }));
}

describe('countBatch', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-count-'));
    store = await EmbeddedStore.open({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keys posts by source and id', () => {
    expect(dedupeKey(posts[0])).toBe('twitter:901');
  });

  it('keeps a source with a colon apart from an id with one', () => {
    expect(dedupeKey({ source: 'a', id: 'b:c' })).not.toBe(dedupeKey({ source: 'a:b', id: 'c' }));
    expect(dedupeKey({ source: 'a%3Ab', id: 'c' })).not.toBe(dedupeKey({ source: 'a:b', id: 'c' }));
  });

  it('reports counted, unmatched and duplicate posts of a batch', async () => {
    await store.claim(['twitter:902'], 'an-earlier-batch');
    const result = await countBatch(store, 'job-1', posts, classify);
    expect(result).toEqual({ counted: 1, unmatched: 1, duplicates: 1, committed: true });
    const [bucket] = await store.buckets({ from: 0, to: Number.MAX_SAFE_INTEGER });
    expect([bucket.service, bucket.complaints, bucket.examplePostIds]).toEqual(['vodafone', 1, ['901']]);
  });

  it('classifies only the posts it won', async () => {
    await store.claim(['twitter:901', 'twitter:903'], 'an-earlier-batch');
    const seen: string[] = [];
    await countBatch(store, 'job-2', posts, (won) => {
      seen.push(...won.map((p) => p.id));
      return classify(won);
    });
    expect(seen).toEqual(['902']);
  });

  it('counts a redelivered batch once and says the repeat was not committed', async () => {
    await countBatch(store, 'job-3', posts, classify);
    const repeat = await countBatch(store, 'job-3', posts, classify);
    expect(repeat.committed).toBe(false);
    const [bucket] = await store.buckets({ from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(bucket.complaints).toBe(2);
  });

  it('uses the given bucket width', async () => {
    await countBatch(store, 'job-4', posts, classify, { bucketMs: 3_600_000 });
    const [bucket] = await store.buckets({ from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(bucket.start).toBe(Date.parse('2025-04-01T08:00:00Z'));
  });
});
