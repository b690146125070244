// Ingest slows when workers fall behind, confirms what the queue took, and answers promptly when
// Redis is slow, full or gone. Each test runs its own redis-server, so it can be stopped or filled.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.ts';
import type { Post } from '../src/model/types.ts';
import { type PostQueue } from '../src/queue/queue.ts';
import { createQueue } from '../src/queue/create-queue.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { UnavailableError } from '../src/model/errors.ts';
import { LiveService } from '../src/live/live-service.ts';
import { pumpSource } from '../src/live/pump.ts';
import { createServiceMetrics } from '../src/live/service-metrics.ts';
import type { Source } from '../src/sources/source.ts';
import { startOwnRedis, type OwnRedis } from './own-redis.ts';
import { close, listen } from './service-fixtures.ts';

const API_KEY = 'test-key-backpressure';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function posts(n: number, from = 0): Post[] {
  const start = Date.now() - 60_000;
  return Array.from({ length: n }, (_, i) => ({
    id: `bp-${from + i}`,
    source: 'mastodon',
    text: `WhatsApp is down again, messages stuck ${from + i}`,
    createdAt: new Date(start + i).toISOString(),
    author: { id: `u${i % 50}` },
  }));
}

function sourceOf(items: Post[]): Source {
  return {
    name: 'fixture',
    stats: { received: 0, malformed: 0, truncated: 0, duplicates: 0, reconnects: 0, rateLimited: 0 },
    async *posts() {
      yield* items;
    },
  } as unknown as Source;
}

async function ownRedis(args: string[] = []): Promise<OwnRedis> {
  const redis = await startOwnRedis(args);
  cleanups.push(() => redis.dispose());
  return redis;
}

async function ownQueue(redis: OwnRedis): Promise<PostQueue> {
  const queue = await createQueue({ redisUrl: redis.url, name: 'posts', prefix: `bp:${randomUUID()}` });
  // Registered after the server's dispose, so it runs first: close while Redis is up.
  cleanups.push(async () => {
    await redis.start().catch(() => undefined);
    await queue.close();
  });
  return queue;
}

async function openService(redis: OwnRedis, queueMaxWaiting: number): Promise<{ service: LiveService; base: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'or-backpressure-'));
  const service = await LiveService.open({ dataDir, redisUrl: redis.url, storePrefix: 'bp:', queuePrefix: 'bp:bull', queueMaxWaiting, analyse: analyseArchives });
  const { server, base } = await listen(createApp(service, { apiKey: API_KEY }));
  cleanups.push(async () => {
    await close(server as Server);
    await redis.start().catch(() => undefined);
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { service, base };
}

function postBatch(base: string, items: Post[]): Promise<Response> {
  return fetch(`${base}/v1/posts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: JSON.stringify({ posts: items }) });
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('the pump confirms what the queue took', () => {
  it('counts a batch Redis never acknowledges as lost, logs it, and does not report it as published', async () => {
    const redis = await ownRedis();
    const queue = await ownQueue(redis);
    await redis.stop('SIGKILL');
    const metrics = createServiceMetrics();
    const log: string[] = [];
    const published = await pumpSource(sourceOf(posts(10)), queue, {
      batchSize: 5,
      metrics,
      log: (line) => log.push(line),
      retry: { attempts: 2, timeoutMs: 300, backoff: { initialMs: 50 } },
    });
    expect(published).toBe(0);
    expect(metrics.get('outage_radar_posts_lost_total', { source: 'fixture' })).toBe(10);
    expect(metrics.get('outage_radar_posts_received_total', { source: 'fixture' })).toBe(0);
    expect(log.filter((line) => /LOST 5 posts/.test(line))).toHaveLength(2);
  });

  it('retries a batch with backoff while Redis is down and counts it published once Redis takes it', async () => {
    const redis = await ownRedis(['--appendonly', 'yes']);
    const queue = await ownQueue(redis);
    await redis.stop();
    const metrics = createServiceMetrics();
    const log: string[] = [];
    const restart = new Promise((resolve) => setTimeout(resolve, 700)).then(() => redis.start());
    const published = await pumpSource(sourceOf(posts(10)), queue, {
      batchSize: 10,
      metrics,
      log: (line) => log.push(line),
      retry: { attempts: 10, timeoutMs: 300, backoff: { initialMs: 100, maxMs: 200 } },
    });
    await restart;
    expect(published).toBe(10);
    expect(metrics.get('outage_radar_posts_lost_total', { source: 'fixture' })).toBe(0);
    expect(log.some((line) => /publishing 10 posts failed .* retrying in \d+ ms/.test(line))).toBe(true);
  });
});

describe('POST /v1/posts and /readyz under backpressure', () => {
  it('turn posts away with 503 and Retry-After once the waiting batches exceed QUEUE_MAX_WAITING, and say why', async () => {
    const redis = await ownRedis();
    const { base } = await openService(redis, 2);
    for (let i = 0; i < 3; i++) expect((await postBatch(base, posts(5, i * 5))).status).toBe(202);
    const refused = await postBatch(base, posts(5, 100));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await refused.json()).error.message).toMatch(/3 waiting batches, over its bound of 2 \(QUEUE_MAX_WAITING\)/);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toMatch(/over its bound of 2/);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/outage_radar_queue_depth\{state="waiting"\} 3/);
    expect(metrics).toMatch(/outage_radar_queue_max_waiting 2/);
  });

  it('queue one request as one batch, whatever BATCH_SIZE says', async () => {
    const redis = await ownRedis();
    const { service, base } = await openService(redis, 1000);
    expect((await postBatch(base, posts(450))).status).toBe(202);
    expect((await service.queue.depth()).waiting).toBe(1);
  });

  it('accept nothing of a request Redis has no memory for, and answer 503, not 500', async () => {
    const redis = await ownRedis();
    const { service } = await openService(redis, 1000);
    const admin = new Redis(redis.url);
    const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', String(used + 300_000));
    admin.disconnect();
    const error = await service.ingest(posts(3000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toMatch(/none were accepted/);
    expect((await service.queue.depth()).waiting).toBe(0);
  });

  it('answer /readyz, POST /v1/posts and /v1/deadletters within bounded times while Redis is down', async () => {
    const redis = await ownRedis();
    const { base } = await openService(redis, 1000);
    await redis.stop('SIGKILL');
    const ready = await timed(() => fetch(`${base}/readyz`));
    expect(ready.value.status).toBe(503);
    expect(ready.ms).toBeLessThan(1000);
    const ingest = await timed(() => postBatch(base, posts(5)));
    expect(ingest.value.status).toBe(503);
    expect(ingest.ms).toBeLessThan(1000);
    const letters = await timed(() => fetch(`${base}/v1/deadletters`, { headers: { authorization: `Bearer ${API_KEY}` } }));
    expect(letters.value.status).toBe(503);
    expect(letters.ms).toBeLessThan(3000);
  });
});
