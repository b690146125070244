// The PostQueue contract, run against the in-process queue and BullMQ on the local Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BullmqQueue } from '../src/queue/bullmq-queue.ts';
import { InProcessQueue } from '../src/queue/in-process-queue.ts';
import type { PostQueue, QueueConfig } from '../src/queue/queue.ts';
import type { Post } from '../src/model/types.ts';

import { REDIS_URL, admin, deleteKeys } from './redis-fixtures.ts';

afterAll(async () => {
  await admin.quit();
});

function batch(name: string, size: number): Post[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `${name}-${i}`,
    source: 'mastodon',
    text: `Steam store not loading (${name} #${i})`,
    createdAt: new Date(Date.parse('2025-02-01T20:00:00Z') + i * 1000).toISOString(),
    lang: 'en',
    author: { id: `gamer${i}` },
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

type Open = (config: QueueConfig) => Promise<PostQueue>;

const implementations: Array<[string, Open]> = [
  ['in-process', async (config) => new InProcessQueue(config)],
  ['bullmq', async (config) => BullmqQueue.connect({ ...config, redisUrl: REDIS_URL })],
];

describe.each(implementations)('%s queue', (name, open) => {
  let prefix: string;
  let queues: PostQueue[];
  const openQueue = async (config: QueueConfig = {}) => {
    const queue = await open({ name: `posts-${randomUUID()}`, prefix, backoffMs: 50, maxAttempts: 3, ...config });
    queues.push(queue);
    return queue;
  };
  beforeEach(() => {
    prefix = `test:queue:${randomUUID()}`;
    queues = [];
  });
  afterEach(async () => {
    for (const queue of queues) await queue.close();
    if (name === 'bullmq') await deleteKeys(prefix);
  });

  it('delivers every published batch to the handler, whole', async () => {
    const queue = await openQueue();
    const seen: string[][] = [];
    await queue.consume(async (posts) => {
      seen.push(posts.map((p) => p.id));
    });
    await queue.publish(batch('a', 3));
    await queue.publish(batch('b', 2));
    await queue.idle();
    expect(seen.sort()).toEqual([['a-0', 'a-1', 'a-2'], ['b-0', 'b-1']]);
  });

  it('counts batches waiting for a consumer', async () => {
    const queue = await openQueue();
    await queue.publish(batch('a', 2));
    await queue.publish(batch('b', 2));
    expect(await queue.depth()).toEqual({ waiting: 2, active: 0, failed: 0, deadLettered: 0 });
  });

  it('retries a batch whose handler throws, with the same job id and a growing attempt number', async () => {
    const queue = await openQueue();
    const attempts: Array<[string, number]> = [];
    await queue.consume(async (_posts, job) => {
      attempts.push([job.id, job.attempt]);
      if (job.attempt === 1) throw new Error('classifier model still loading');
    });
    await queue.publish(batch('a', 4));
    await queue.idle();
    expect(attempts.map(([, attempt]) => attempt)).toEqual([1, 2]);
    expect(attempts[0][0]).toBe(attempts[1][0]);
    expect(await queue.deadLetters()).toEqual([]);
  });

  it('waits exponentially longer before each retry', async () => {
    const queue = await openQueue({ backoffMs: 200, maxAttempts: 3 });
    const times: number[] = [];
    await queue.consume(async () => {
      times.push(Date.now());
      throw new Error('store unavailable');
    });
    await queue.publish(batch('a', 1));
    await until(async () => (await queue.depth()).deadLettered === 1);
    expect(times).toHaveLength(3);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(190);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(390);
  });

  it('moves a batch out of attempts to the dead letters, with its error', async () => {
    const queue = await openQueue({ maxAttempts: 2 });
    await queue.consume(async (posts) => {
      if (posts[0].id.startsWith('bad')) throw new Error('post bad-0: createdAt "yesterday" is not an ISO time');
    });
    await queue.publish(batch('bad', 7));
    await queue.publish(batch('good', 3));
    await until(async () => (await queue.depth()).deadLettered === 1);
    await queue.idle();
    const [letter, ...others] = await queue.deadLetters();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ posts: 7, attempts: 2, error: 'post bad-0: createdAt "yesterday" is not an ISO time' });
    expect(Date.now() - Date.parse(letter.failedAt)).toBeLessThan(10_000);
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, failed: 0, deadLettered: 1 });
  });

  it('runs up to `concurrency` batches at once', async () => {
    const queue = await openQueue();
    let running = 0;
    let most = 0;
    await queue.consume(async () => {
      running++;
      most = Math.max(most, running);
      await sleep(100);
      running--;
    }, { concurrency: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await queue.publish(batch(id, 1));
    await queue.idle();
    expect(most).toBe(3);
  });

  it('lets a batch in flight finish when closed', async () => {
    const queue = await openQueue();
    let finished = false;
    let started = false;
    await queue.consume(async () => {
      started = true;
      await sleep(300);
      finished = true;
    });
    await queue.publish(batch('a', 1));
    await until(async () => started);
    await queue.close();
    queues = [];
    expect(finished).toBe(true);
  });
});
