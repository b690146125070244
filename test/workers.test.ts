// Redis mode end to end: worker processes (node --import tsx workers/*.ts) on a real Redis (127.0.0.1:6379),
// compared with the batch analysis of the same archive; and a classify worker killed mid-job.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Store } from '../src/aggregate/store.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import { createApp } from '../src/api/app.ts';
import type { Bucket, Post } from '../src/model/types.ts';
import { type PostQueue } from '../src/queue/queue.ts';
import { createQueue } from '../src/queue/create-queue.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { close, listen, outageScenario, toJsonl } from './service-fixtures.ts';
import { startOwnRedis } from './own-redis.ts';
import { seriesFromBuckets, seriesFromReport, totalsFromBuckets, totalsFromReport } from './report-totals.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ROOT = new URL('..', import.meta.url).pathname;
const END_OF_TIME = 8.64e15;

let dir: string;
let redis: Redis;
const children: ChildProcess[] = [];
const prefixes: string[] = [];

/** Unique names per test, so tests sharing the one Redis never see each other's keys. */
function names() {
  const id = randomUUID().slice(0, 8);
  const n = { storePrefix: `ortest:${id}:`, queueName: `posts-${id}`, queuePrefix: `ortest:${id}:bull` };
  prefixes.push(`ortest:${id}:`);
  return n;
}

function workerEnv(n: ReturnType<typeof names>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL,
    DATA_DIR: dir,
    STORE_PREFIX: n.storePrefix,
    QUEUE_NAME: n.queueName,
    QUEUE_PREFIX: n.queuePrefix,
    ...extra,
  };
}

/**
 * Starts `workers/<name>.ts` under tsx, as node itself (not through npx), so that signals reach the
 * worker and not a wrapper; resolves once its log matches `ready` (at once without `ready`).
 */
async function startWorker(name: 'classify' | 'ingest', env: NodeJS.ProcessEnv, ready?: RegExp): Promise<{ child: ChildProcess; log: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `workers/${name}.ts`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (ready) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workers/${name}.ts not ready in 20 s:\n${log}`)), 20_000);
      const check = () => {
        if (ready.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.on('exit', () => reject(new Error(`workers/${name}.ts exited early:\n${log}`)));
    });
  }
  return { child, log: () => log, exited };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-workers-'));
  redis = new Redis(REDIS_URL);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  for (const prefix of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

describe('workers on Redis', () => {
  it('refuse to start without REDIS_URL', async () => {
    const { exited, log } = await startWorker('classify', { ...process.env, REDIS_URL: '' });
    expect(await exited).toBe(2);
    expect(log()).toMatch(/REDIS_URL is not set/);
  });

  it('count a replayed archive exactly as the batch analysis does, and the API shows its outage', async () => {
    const n = names();
    const scenario = outageScenario();
    const file = join(dir, 'scenario.jsonl');
    await writeFile(file, toJsonl(scenario.posts));
    // The API + detector process, as `serve` runs it with REDIS_URL (no ingest, no classify here).
    const service = await LiveService.open({ dataDir: dir, redisUrl: REDIS_URL, ...n, latenessMs: 0, tickMs: 50, analyse: analyseArchives });
    let server: Server | undefined;
    try {
      const http = await listen(createApp(service));
      server = http.server;
      await startWorker('classify', workerEnv(n, { CLASSIFY_CONCURRENCY: '2' }), /consuming queue/);
      await startWorker('classify', workerEnv(n, { CLASSIFY_CONCURRENCY: '2' }), /consuming queue/);
      const ingest = await startWorker('ingest', workerEnv(n, { REPLAY_PATHS: file, BATCH_SIZE: '50' }));
      expect(await ingest.exited, ingest.log()).toBe(0);
      await service.queue.idle();
      // The detector starts once every batch is counted: with no lateness allowance (latenessMs 0), a loop
      // running meanwhile closes the minutes of a batch that four parallel jobs commit late, and a busy
      // machine then loses the burst (seen in CI). Late buckets are what the default 2-minute allowance is for.
      service.start();

      const report = await analyseArchives([file]);
      const buckets = await service.store.buckets({ from: 0, to: END_OF_TIME });
      expect(totalsFromBuckets(buckets)).toEqual(totalsFromReport(report));
      expect(seriesFromBuckets(buckets)).toEqual(seriesFromReport(report));

      let outages: Array<{ service: string }> = [];
      for (let i = 0; i < 100 && outages.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        outages = (await (await fetch(`${http.base}/v1/outages`)).json()).outages;
      }
      expect(outages.map((o) => o.service)).toEqual(['whatsapp']);
    } finally {
      if (server) await close(server);
      await service.stop();
    }
  }, 90_000);

  it('keep posts dated 1970 or 2031 out of the store: the ingest worker drops them, and the classify worker drops those queued by anyone else', async () => {
    const n = names();
    const posts = outageScenario().posts.slice(0, 40);
    const outliers = (tag: string): Post[] => [
      { id: `${tag}-1970`, source: 'jsonl', text: 'WhatsApp is down, cannot send any messages', createdAt: '1970-01-01T00:00:00.000Z' },
      { id: `${tag}-2031`, source: 'jsonl', text: 'WhatsApp is down, cannot send any messages', createdAt: '2031-01-01T00:00:00.000Z' },
    ];
    const file = join(dir, 'outliers.jsonl');
    await writeFile(file, toJsonl([outliers('file')[0], ...posts.slice(0, 20), outliers('file')[1], ...posts.slice(20)]));
    const queue = await createQueue({ redisUrl: REDIS_URL, name: n.queueName, prefix: n.queuePrefix });
    const store = await createStore({ redisUrl: REDIS_URL, dataDir: dir, prefix: n.storePrefix });
    try {
      await queue.publish(outliers('queued'));
      await startWorker('classify', workerEnv(n), /consuming queue/);
      const ingest = await startWorker('ingest', workerEnv(n, { REPLAY_PATHS: file }));
      expect(await ingest.exited, ingest.log()).toBe(0);
      expect(ingest.log()).toMatch(/40 posts published \(acknowledged by the queue\), 0 lost, 0 malformed, 0 duplicates, 2 out of range/);
      await queue.idle();
      expect(await store.buckets({ from: 0, to: Date.parse('2006-03-21T00:00:00Z') })).toEqual([]);
      expect(await store.buckets({ from: Date.now() + 3_600_000, to: END_OF_TIME })).toEqual([]);
      expect((await store.buckets({ from: 0, to: END_OF_TIME })).length).toBeGreaterThan(0);
    } finally {
      await queue.close();
      await store.close();
    }
  }, 60_000);

  it('lose and double-count nothing when a classify worker is killed between claiming and committing a batch', async () => {
    const n = names();
    // A fault, so on a Redis of its own (with AOF, as documented for production), never the shared one.
    const own = await startOwnRedis(['--appendonly', 'yes']);
    const redis = new Redis(own.url);
    const ownRedis = { REDIS_URL: own.url };
    const base = outageScenario();
    // Four copies with their own ids, in batches of 400: enough work that the kill lands inside a batch.
    const posts: Post[] = [0, 1, 2, 3].flatMap((copy) => base.posts.map((p) => ({ ...p, id: `${p.id}-c${copy}` })));
    const file = join(dir, 'kill.jsonl');
    await writeFile(file, toJsonl(posts));
    const queue: PostQueue = await createQueue({ redisUrl: own.url, name: n.queueName, prefix: n.queuePrefix });
    const store: Store = await createStore({ redisUrl: own.url, dataDir: dir, prefix: n.storePrefix });
    const bull = new Queue<{ posts: Post[] }>(n.queueName, { connection: redis, prefix: n.queuePrefix });
    try {
      for (let i = 0; i < posts.length; i += 400) await queue.publish(posts.slice(i, i + 400));
      const fastStall = { ...ownRedis, QUEUE_LOCK_MS: '2000', QUEUE_STALLED_MS: '1000', CLASSIFY_CONCURRENCY: '1' };
      const victim = await startWorker('classify', workerEnv(n, fastStall), /consuming queue/);
      // Watch for a batch whose posts this worker has claimed (owner = job id) but not yet committed: the
      // moment where a naive claim-then-add would lose the batch. Kill the worker right then.
      let caught: string | undefined;
      for (let i = 0; i < 2000 && !caught; i++) {
        for (const job of await bull.getActive()) {
          const first = job.data.posts[0];
          const owner = await redis.get(`${n.storePrefix}claim:${first.source}:${first.id}`);
          if (owner === job.id && !(await redis.exists(`${n.storePrefix}commit:${job.id}`))) caught = job.id;
        }
      }
      victim.child.kill('SIGKILL');
      await victim.exited;
      expect(caught, 'the kill should land between claim and commit').toBeDefined();

      await startWorker('classify', workerEnv(n, fastStall), /consuming queue/);
      await queue.idle();
      expect((await queue.depth()).deadLettered).toBe(0);
      expect(await redis.exists(`${n.storePrefix}commit:${caught}`)).toBe(1);

      const report = await analyseArchives([file]);
      const buckets = await store.buckets({ from: 0, to: END_OF_TIME });
      expect(totalsFromBuckets(buckets)).toEqual(totalsFromReport(report));
      expect(seriesFromBuckets(buckets)).toEqual(seriesFromReport(report));
    } finally {
      await bull.close();
      await queue.close();
      await store.close();
      await redis.quit();
      await own.dispose();
    }
  }, 90_000);

  it('finishes the batch in flight when sent SIGTERM, then exits 0', async () => {
    const n = names();
    const queue = await createQueue({ redisUrl: REDIS_URL, name: n.queueName, prefix: n.queuePrefix });
    const store = await createStore({ redisUrl: REDIS_URL, dataDir: dir, prefix: n.storePrefix });
    try {
      const posts = outageScenario().posts;
      for (let i = 0; i < posts.length; i += 100) await queue.publish(posts.slice(i, i + 100));
      const worker = await startWorker('classify', workerEnv(n), /consuming queue/);
      while ((await queue.depth()).active === 0 && (await queue.depth()).waiting > 0) await new Promise((r) => setTimeout(r, 2));
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.log()).toBe(0);
      expect(worker.log()).toMatch(/SIGTERM: finishing in-flight work[\s\S]*stopped/);
      const depth = await queue.depth();
      expect(depth.active).toBe(0);
      expect(depth.failed + depth.deadLettered).toBe(0);
    } finally {
      await queue.close();
      await store.close();
    }
  }, 60_000);
});
