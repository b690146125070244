// Faults on the Redis path, on a redis-server of the test's own: the counts after the fault equal the
// batch analysis of the same posts, so no post was lost and none counted twice.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../src/aggregate/create-store.ts';
import type { Post } from '../src/model/types.ts';
import { createPostClassifier } from '../src/pipeline/classify-post.ts';
import { type QueueConfig } from '../src/queue/queue.ts';
import { createQueue } from '../src/queue/create-queue.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { RedisMarker, redisMarkerKey } from '../src/aggregate/redis-marker.ts';
import { PersistenceOffError, checkPersistence } from '../src/util/redis-persistence.ts';
import { createClassifyStage } from '../src/live/classify-stage.ts';
import { pumpSource } from '../src/live/pump.ts';
import { countRedisDataLoss, createServiceMetrics } from '../src/live/service-metrics.ts';
import type { Source } from '../src/sources/source.ts';
import { startOwnRedis, type OwnRedis } from './own-redis.ts';
import { seriesFromBuckets, seriesFromReport, totalsFromBuckets, totalsFromReport } from './report-totals.ts';
import { outageScenario, toJsonl } from './service-fixtures.ts';

const END_OF_TIME = 8.64e15;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The posts in order, a pause every `every` posts: an ingest that is still running when the fault comes. */
function slowSource(posts: Post[], every: number, pauseMs: number): Source {
  return {
    name: 'fixture',
    stats: { received: 0, malformed: 0, truncated: 0, duplicates: 0, reconnects: 0, rateLimited: 0 },
    async *posts() {
      for (let i = 0; i < posts.length; i++) {
        if (i % every === 0) await sleep(pauseMs);
        yield posts[i];
      }
    },
  } as unknown as Source;
}

/**
 * A redis-server with AOF of the test's own, the outage scenario as an archive (for the batch analysis),
 * and store and queue on that Redis with a classify worker that takes `workMs` a batch; the data
 * marker as the processes open it, its log lines in `markerLog`.
 */
async function faultRig(workMs: number, queueOptions: Omit<QueueConfig, 'redisUrl'> = {}, persistence = ['--appendonly', 'yes']) {
  const redis = await startOwnRedis(persistence);
  const dir = await mkdtemp(join(tmpdir(), 'or-faults-'));
  cleanups.push(async () => {
    await redis.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const { posts } = outageScenario();
  const file = join(dir, 'scenario.jsonl');
  await writeFile(file, toJsonl(posts));
  const metrics = createServiceMetrics();
  const store = await createStore({ redisUrl: redis.url, dataDir: dir });
  const queue = await createQueue({ redisUrl: redis.url, ...queueOptions });
  cleanups.push(async () => {
    await queue.close();
    await store.close();
  });
  const markerLog: string[] = [];
  const marker = await RedisMarker.open(redis.url, { key: redisMarkerKey('or:'), log: (line) => markerLog.push(line), onLost: countRedisDataLoss(metrics) });
  cleanups.push(async () => marker.close());
  const stage = createClassifyStage({ store, metrics, classify: createPostClassifier() });
  await queue.consume(async (batch, job) => {
    await sleep(workMs);
    await stage(batch, job);
  }, { concurrency: 2 });
  /** Asserts the store holds what the batch analysis of the same posts reports. */
  const expectCountsOfBatchAnalysis = async () => {
    const report = await analyseArchives([file]);
    const buckets = await store.buckets({ from: 0, to: END_OF_TIME });
    expect(totalsFromBuckets(buckets)).toEqual(totalsFromReport(report));
    expect(seriesFromBuckets(buckets)).toEqual(seriesFromReport(report));
  };
  return { redis, posts, metrics, queue, store, file, marker, markerLog, expectCountsOfBatchAnalysis };
}

/** Stops Redis for a second in the middle of `ingest`, starts it again, and waits for ingest and the queue to finish. */
async function restartDuring(redis: OwnRedis, ingest: Promise<number>, queue: { idle(): Promise<void> }): Promise<number> {
  await redis.stop('SIGTERM');
  await sleep(1000);
  await redis.start();
  const published = await ingest;
  await queue.idle();
  return published;
}

describe('Redis faults', () => {
  it('lose and double-count nothing when Redis with AOF restarts in the middle of ingest and classification', async () => {
    const log: string[] = [];
    // A worker slower than ingest, so batches wait in the queue and run in the worker when Redis goes away.
    const { redis, posts, metrics, queue, marker, markerLog, expectCountsOfBatchAnalysis } = await faultRig(30, {
      backoffMs: 100, lockDurationMs: 2000, stalledIntervalMs: 500, log: (line) => log.push(line),
    });
    const ingest = pumpSource(slowSource(posts, 5, 20), queue, { batchSize: 5, metrics, log: (line) => log.push(line) });
    await sleep(300);
    const published = await restartDuring(redis, ingest, queue);

    expect(published).toBe(posts.length);
    expect(metrics.get('outage_radar_posts_lost_total', { source: 'fixture' })).toBe(0);
    await expectCountsOfBatchAnalysis();
    // Redis kept its data: the marker says so, no false alarm.
    expect(await marker.check()).toBeUndefined();
    expect(markerLog).toEqual([]);
    expect(metrics.get('outage_radar_redis_data_lost_total', { kind: 'emptied' })).toBe(0);
  }, 60_000);

  it('lose what was queued and counted before a Redis without persistence restarts, foretold by the start-up warning and found by the marker', async () => {
    const log: string[] = [];
    const { redis, posts, metrics, queue, store, file, marker, markerLog } = await faultRig(30, {
      backoffMs: 100, lockDurationMs: 2000, stalledIntervalMs: 500, log: (line) => log.push(line),
    }, []);
    const warnings: string[] = [];
    await checkPersistence(redis.url, { require: false, warn: (line) => warnings.push(line) });
    expect(warnings).toEqual([expect.stringMatching(/^WARNING: Redis persistence is OFF .*set appendonly yes/)]);
    await expect(checkPersistence(redis.url, { require: true, warn: () => {} })).rejects.toThrow(PersistenceOffError);

    const ingest = pumpSource(slowSource(posts, 5, 20), queue, { batchSize: 5, metrics, log: (line) => log.push(line) });
    // Some batches counted, more waiting in the queue: all of them are gone with the restart.
    while ((await store.buckets({ from: 0, to: END_OF_TIME })).length === 0) await sleep(20);
    const published = await restartDuring(redis, ingest, queue);

    // Ingest saw every batch acknowledged: the loss is invisible on its side...
    expect(published).toBe(posts.length);
    expect(metrics.get('outage_radar_posts_lost_total', { source: 'fixture' })).toBe(0);
    // ...but the marker is gone: one ERROR line, counted once (found at the marker's reconnect, within a second of the restart).
    for (let waited = 0; marker.lastLoss === undefined && waited < 5000; waited += 50) await sleep(50);
    expect(marker.lastLoss?.kind).toBe('emptied');
    expect(markerLog).toEqual([expect.stringMatching(/^ERROR: Redis came back empty: the marker key or:redis-marker is gone, .* Lost with it, everything it held: the queued batches/)]);
    expect(metrics.get('outage_radar_redis_data_lost_total', { kind: 'emptied' })).toBe(1);
    const counted = totalsFromBuckets(await store.buckets({ from: 0, to: END_OF_TIME }));
    const analysed = totalsFromReport(await analyseArchives([file]));
    const mentions = (totals: typeof counted) => [...totals.values()].reduce((sum, t) => sum + t.mentions, 0);
    expect(mentions(counted)).toBeGreaterThan(0);
    expect(mentions(counted)).toBeLessThan(mentions(analysed));
    // Lost, never counted twice.
    for (const [key, t] of counted) expect(t.mentions).toBeLessThanOrEqual(analysed.get(key)?.mentions ?? 0);
  }, 60_000);

  it('keep the queue within QUEUE_MAX_WAITING when ingest is faster than the workers, and still count every post once', async () => {
    const { posts, metrics, queue, expectCountsOfBatchAnalysis } = await faultRig(40);
    let deepest = 0;
    const sampler = setInterval(() => void queue.depth().then((depth) => (deepest = Math.max(deepest, depth.waiting))), 10);
    const published = await pumpSource(slowSource(posts, posts.length, 0), queue, { batchSize: 5, maxWaiting: 3, metrics });
    await queue.idle();
    clearInterval(sampler);

    expect(published).toBe(posts.length);
    expect(deepest).toBeGreaterThanOrEqual(3);
    expect(deepest).toBeLessThanOrEqual(4);
    await expectCountsOfBatchAnalysis();
  }, 60_000);
});
