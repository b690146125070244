// The classify worker's shape end to end: queue -> countBatch -> store, counting every post exactly once
// while handlers fail, batches repeat posts, and a worker process is killed in the middle of a batch.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import { countBatch } from '../src/pipeline/count-batch.ts';
import { type Store } from '../src/aggregate/store.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import { type PostQueue } from '../src/queue/queue.ts';
import { createQueue } from '../src/queue/create-queue.ts';
import type { Bucket, ClassifiedPost, Post } from '../src/model/types.ts';

import { REDIS_URL, admin, deleteKeys } from './redis-fixtures.ts';

afterAll(async () => {
  await admin.quit();
});

/**
 * Stands in for the classifier (another module): the first word names the service, "!" marks a
 * complaint. Self-contained, because the killed worker process runs its source text too.
 */
function classifyPosts(posts: Post[]): ClassifiedPost[] {
  return posts.map((post) => {
    const service = post.text.split(' ')[0].toLowerCase();
    const complaint = post.text.endsWith('!');
    return {
      post,
      verdict: {
        postId: post.id, services: service === 'hello' ? [] : [service], label: complaint ? 'complaint' : 'news', score: complaint ? 0.9 : 0.1,
        sentiment: { label: complaint ? 'negative' : 'neutral', score: complaint ? -0.7 : 0 }, symptoms: complaint ? ['down'] : [],
        lang: post.lang ?? 'en', region: { country: post.place?.countryCode ?? 'ZZ', source: 'place', confidence: 1 }, why: [],
      },
    };
  });
}

/** 4000 posts in 8 batches of 600: posts 0..3999 and, in every batch, 100 posts repeated from the one before. */
function batches(): Post[][] {
  const services = ['WhatsApp', 'Steam', 'AWS', 'hello'];
  const countries = ['NL', 'DE', 'BR'];
  const all: Post[] = Array.from({ length: 4000 }, (_, i) => ({
    id: String(1_000_000 + i),
    source: i % 2 ? 'twitter' : 'bluesky',
    text: `${services[i % 4]} is down${i % 3 ? '!' : ' says a report'}`,
    createdAt: new Date(Date.parse('2025-10-20T07:50:00Z') + i * 250).toISOString(),
    lang: 'en',
    author: { id: `user${i % 700}` },
    place: { countryCode: countries[i % 3] },
  }));
  const out: Post[][] = [];
  for (let i = 0; i < 8; i++) {
    const own = all.slice(i * 500, (i + 1) * 500);
    out.push(i === 0 ? own : [...all.slice(i * 500 - 100, i * 500), ...own]);
  }
  return out;
}

/** What the store must hold: every distinct post counted once. */
function expectedBuckets() {
  const aggregator = new Aggregator();
  for (const classified of classifyPosts(batches().flat().filter((p, i, all) => all.findIndex((q) => q.id === p.id && q.source === p.source) === i))) aggregator.add(classified);
  return withoutExamples(aggregator.takeBefore(Infinity));
}

/** Which complaints become examples depends on the order batches commit in; the counts do not. */
function withoutExamples(buckets: Bucket[]) {
  return buckets.map(({ service, region, start, complaints, noise, negative, authors, languages, symptoms }) => ({ service, region, start, complaints, noise, negative, authors, languages, symptoms }));
}

/** Each bucket's examples are complaints of that bucket, as many as it has up to five. */
function expectValidExamples(buckets: Bucket[]): void {
  const complaintsOf = new Map<string, Set<string>>();
  const aggregator = new Aggregator(60_000, { examplesPerBucket: Infinity });
  for (const classified of classifyPosts(batches().flat())) aggregator.add(classified);
  for (const b of aggregator.takeBefore(Infinity)) complaintsOf.set(`${b.service}/${b.region}/${b.start}`, new Set(b.examplePostIds));
  for (const b of buckets) {
    const ids = b.examplePostIds ?? [];
    expect(ids).toHaveLength(Math.min(5, b.complaints));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(complaintsOf.get(`${b.service}/${b.region}/${b.start}`)?.has(id)).toBe(true);
  }
}

const everything = { from: 0, to: Number.MAX_SAFE_INTEGER };

describe('counting through the queue', () => {
  it.each([
    ['the in-process queue and the embedded store', false],
    ['BullMQ and the Redis store', true],
  ])('counts every post once with %s when handlers fail after adding and retry', async (_name, onRedis) => {
    const prefix = `test:counting:${randomUUID()}:`;
    const dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-counting-'));
    const redisUrl = onRedis ? REDIS_URL : undefined;
    const store = await createStore({ redisUrl, dataDir, prefix });
    const queue = await createQueue({ redisUrl, name: 'posts', prefix: `${prefix}bull`, backoffMs: 20, maxAttempts: 3 });
    try {
      const refusedCommits: string[] = [];
      await queue.consume(async (posts, job) => {
        const result = await countBatch(store, job.id, posts, classifyPosts);
        if (!result.committed) refusedCommits.push(job.id);
        // The worst moment to fail: counted, but not acknowledged; the retry must not count again.
        if (job.attempt === 1) throw new Error('connection reset before acknowledging');
      }, { concurrency: 2 });
      for (const posts of batches()) await queue.publish(posts);
      await queue.idle();
      expect(refusedCommits).toHaveLength(8);
      const stored = await store.buckets(everything);
      expect(withoutExamples(stored)).toEqual(expectedBuckets());
      expectValidExamples(stored);
    } finally {
      await queue.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
      await deleteKeys(prefix);
    }
  });

  it('loses and doubles nothing when a worker process is killed (SIGKILL) between claiming and adding', async () => {
    const prefix = `test:counting:${randomUUID()}:`;
    const config = { redisUrl: REDIS_URL, name: 'posts', prefix: `${prefix}bull`, backoffMs: 20, lockDurationMs: 1000, stalledIntervalMs: 300 };
    const store = await createStore({ redisUrl: REDIS_URL, dataDir: '/nonexistent', prefix });
    const queue = await createQueue(config);
    let child: ChildProcess | undefined;
    try {
      for (const posts of batches()) await queue.publish(posts);
      // The doomed worker counts two batches, then claims the third and stops dead before adding it.
      child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
        import { countBatch } from './src/pipeline/count-batch.ts';
        import { createStore } from './src/aggregate/create-store.ts';
        import { createQueue } from './src/queue/create-queue.ts';
        const classifyPosts = ${classifyPosts.toString()};
        const store = await createStore({ redisUrl: '${REDIS_URL}', dataDir: '/nonexistent', prefix: '${prefix}' });
        const queue = await createQueue(${JSON.stringify(config)});
        let done = 0;
        await queue.consume(async (posts, job) => {
          await countBatch(store, job.id, posts, async (won) => {
            if (done === 2) {
              console.log('claimed ' + job.id);
              await new Promise(() => {});
            }
            return classifyPosts(won);
          });
          done++;
        });
      `], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      const killedJob = await new Promise<string>((resolve, reject) => {
        child?.stdout?.on('data', (chunk: Buffer) => {
          const match = /claimed (\S+)/.exec(chunk.toString());
          if (match) resolve(match[1]);
        });
        child?.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
      });
      child.kill('SIGKILL');

      const deliveries: string[] = [];
      await queue.consume(async (posts, job) => {
        deliveries.push(job.id);
        await countBatch(store, job.id, posts, classifyPosts);
      }, { concurrency: 2 });
      await queue.idle();

      expect(deliveries).toContain(killedJob);
      expect(deliveries).toHaveLength(6);
      expect(await queue.depth()).toEqual({ waiting: 0, active: 0, failed: 0, deadLettered: 0 });
      const stored = await store.buckets(everything);
      expect(withoutExamples(stored)).toEqual(expectedBuckets());
      expectValidExamples(stored);
    } finally {
      child?.kill('SIGKILL');
      await queue.close();
      await store.close();
      await deleteKeys(prefix);
    }
  });
});
