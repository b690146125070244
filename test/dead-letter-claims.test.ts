// A dead-lettered batch gives its posts' claims back, so the same posts sent again are counted, not
// dropped as duplicates for two days; a batch that committed keeps them (exactly-once stays exact).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countBatch, releaseBatch } from '../src/pipeline/count-batch.ts';
import { type Store } from '../src/aggregate/store.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import type { ClassifiedPost, Post } from '../src/model/types.ts';
import { createQueue } from '../src/queue/create-queue.ts';
import { createClassifyStage } from '../src/live/classify-stage.ts';
import { createServiceMetrics } from '../src/live/service-metrics.ts';
import { REDIS_URL, admin, deleteKeys } from './redis-fixtures.ts';

afterAll(async () => {
  await admin.quit();
});

const T0 = Date.parse('2025-10-20T07:50:00Z');
const posts: Post[] = Array.from({ length: 30 }, (_, i) => ({
  id: String(500 + i), source: 'mastodon', text: `whatsapp down ${i}`, createdAt: new Date(T0 + i * 1000).toISOString(), author: { id: `u${i}` },
}));

function classifyPost(post: Post): ClassifiedPost {
  return {
    post,
    verdict: {
      postId: post.id, services: ['whatsapp'], label: 'complaint', score: 0.9, sentiment: { label: 'negative', score: -0.5 }, symptoms: [],
      lang: 'en', region: { country: 'NL', source: 'place', confidence: 1 }, why: [],
    },
  };
}

async function complaints(store: Store): Promise<number> {
  return (await store.buckets({ from: 0, to: Number.MAX_SAFE_INTEGER })).reduce((n, b) => n + b.complaints, 0);
}

const setups: Array<[string, boolean]> = [
  ['the in-process queue and the embedded store', false],
  ['BullMQ and the Redis store', true],
];

describe('claims of a dead-lettered batch', () => {
  it.each(setups)('are released with %s, so the posts sent again are counted once', async (_name, onRedis) => {
    const prefix = `test:deadclaims:${randomUUID()}:`;
    const dataDir = await mkdtemp(join(tmpdir(), 'or-deadclaims-'));
    const redisUrl = onRedis ? REDIS_URL : undefined;
    const store = await createStore({ redisUrl, dataDir, prefix });
    const queue = await createQueue({ redisUrl, name: 'posts', prefix: `${prefix}bull`, backoffMs: 10, maxAttempts: 2 });
    try {
      let classifierDown = true;
      const stage = createClassifyStage({
        store,
        metrics: createServiceMetrics(),
        classify: (post) => {
          if (classifierDown) throw new Error('classifier unavailable');
          return classifyPost(post);
        },
      });
      await queue.consume(stage);
      await queue.publish(posts);
      await queue.idle();
      expect((await queue.depth()).deadLettered).toBe(1);
      classifierDown = false;
      await queue.publish(posts);
      await queue.idle();
      expect(await complaints(store)).toBe(posts.length);
    } finally {
      await queue.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
      await deleteKeys(prefix);
    }
  });

  it.each(setups)('are kept with %s when the batch had committed, so nothing counts twice', async (_name, onRedis) => {
    const prefix = `test:deadclaims:${randomUUID()}:`;
    const dataDir = await mkdtemp(join(tmpdir(), 'or-deadclaims-'));
    const store = await createStore({ redisUrl: onRedis ? REDIS_URL : undefined, dataDir, prefix });
    try {
      await countBatch(store, 'batch-1', posts, (won) => won.map(classifyPost));
      expect(await releaseBatch(store, 'batch-1', posts)).toBe(0);
      const again = await countBatch(store, 'batch-2', posts, (won) => won.map(classifyPost));
      expect(again.duplicates).toBe(posts.length);
      expect(await complaints(store)).toBe(posts.length);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
      await deleteKeys(prefix);
    }
  });

  it.each(setups)('are released with %s only for the owner: a post another batch holds stays claimed', async (_name, onRedis) => {
    const prefix = `test:deadclaims:${randomUUID()}:`;
    const dataDir = await mkdtemp(join(tmpdir(), 'or-deadclaims-'));
    const store = await createStore({ redisUrl: onRedis ? REDIS_URL : undefined, dataDir, prefix });
    try {
      await store.claim(['mastodon:1'], 'other-batch');
      await store.claim(['mastodon:1', 'mastodon:2'], 'dead-batch');
      expect(await store.release(['mastodon:1', 'mastodon:2'], 'dead-batch')).toBe(1);
      expect(await store.claim(['mastodon:1', 'mastodon:2'], 'new-batch')).toEqual([false, true]);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
      await deleteKeys(prefix);
    }
  });
});
