import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import { RedisStore } from '../src/aggregate/redis-store.ts';
import type { ClassifiedPost } from '../src/model/types.ts';

import { REDIS_URL, admin, deleteKeys } from './redis-fixtures.ts';

const T0 = Date.parse('2025-06-12T17:40:00Z');

function deltas(count: number) {
  const aggregator = new Aggregator();
  for (let i = 0; i < count; i++) {
    const post: ClassifiedPost = {
      post: { id: `g${i}`, source: 'twitter', text: 'Google Cloud console 503 for everyone?', createdAt: new Date(T0 + i * 1000).toISOString(), lang: 'en', author: { id: `dev${i}` } },
      verdict: {
        postId: `g${i}`, services: ['gcp'], label: 'complaint', score: 0.88, sentiment: { label: 'negative', score: -0.6 },
        symptoms: ['errors'], lang: 'en', region: { country: 'US', source: 'place', confidence: 0.9 }, why: [],
      },
    };
    aggregator.add(post);
  }
  return aggregator.takeBefore(Infinity);
}

/** Runs `code` in a separate Node process (with tsx) and returns its standard output. */
function runProcess(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd() });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

afterAll(async () => {
  await admin.quit();
});

describe('RedisStore', () => {
  let prefix: string;
  beforeEach(() => {
    prefix = `test:store-redis:${randomUUID()}:`;
  });
  afterEach(async () => {
    await deleteKeys(prefix);
  });

  it('expires bucket keys after the retention and claim and commit keys after the dedupe window', async () => {
    const store = await RedisStore.connect({ redisUrl: REDIS_URL, prefix, retentionMs: 3 * 24 * 3600_000, dedupeMs: 3600_000 });
    await store.claim(['twitter:g0'], 'job-1');
    await store.addBuckets(deltas(1), 'job-1');
    await store.close();
    const keys = await admin.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) {
      const expected = /:(claim|commit):/.test(key) ? 3600 : 3 * 24 * 3600;
      const ttl = await admin.ttl(key);
      expect(ttl, key).toBeGreaterThan(expected - 10);
      expect(ttl, key).toBeLessThanOrEqual(expected);
    }
  });

  it('stops returning a bucket once it has expired and prunes it from the index', async () => {
    const store = await RedisStore.connect({ redisUrl: REDIS_URL, prefix, retentionMs: 1000 });
    await store.addBuckets(deltas(3));
    expect(await store.buckets({ service: 'gcp', from: 0, to: Number.MAX_SAFE_INTEGER })).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await store.buckets({ service: 'gcp', from: 0, to: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(await admin.exists(`${prefix}t:gcp:US`)).toBe(0);
    await store.close();
  });

  it('lets exactly one of two processes win each key when they claim the same keys at once', async () => {
    const count = 20_000;
    const worker = (order: 'up' | 'down') => `
      import { Redis } from 'ioredis';
      import { RedisStore } from './src/aggregate/redis-store.ts';
      const store = await RedisStore.connect({ redisUrl: '${REDIS_URL}', prefix: '${prefix}' });
      const gate = new Redis('${REDIS_URL}');
      await gate.blpop('${prefix}go', 10);
      const keys = Array.from({ length: ${count} }, (_, i) => 'twitter:' + i);
      if ('${order}' === 'down') keys.reverse();
      const won = [];
      for (let i = 0; i < keys.length; i += 250) {
        const part = keys.slice(i, i + 250);
        (await store.claim(part)).forEach((ok, j) => ok && won.push(part[j]));
      }
      console.log(JSON.stringify(won));
      await store.close();
      gate.disconnect();
    `;
    const results = Promise.all([runProcess(worker('up')), runProcess(worker('down'))]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await admin.rpush(`${prefix}go`, '1', '1');
    const [up, down] = (await results).map((out) => JSON.parse(out) as string[]);
    const winners = new Map<string, number>();
    for (const key of [...up, ...down]) winners.set(key, (winners.get(key) ?? 0) + 1);
    expect(winners.size).toBe(count);
    expect([...winners.values()].every((n) => n === 1)).toBe(true);
    expect(up.length).toBeGreaterThan(0);
    expect(down.length).toBeGreaterThan(0);
  });

  it('applies a commit once when two stores send it at the same time', async () => {
    const stores = await Promise.all([1, 2].map(() => RedisStore.connect({ redisUrl: REDIS_URL, prefix })));
    const applied = await Promise.all(stores.map((store) => store.addBuckets(deltas(50), 'job-7')));
    expect(applied.sort()).toEqual([false, true]);
    const buckets = await stores[0].buckets({ from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(buckets.reduce((sum, b) => sum + b.complaints, 0)).toBe(50);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('reads back more buckets than one read transaction holds', async () => {
    const store = await RedisStore.connect({ redisUrl: REDIS_URL, prefix });
    const minutes = deltas(2600 * 60);
    await store.addBuckets(minutes);
    const found = await store.buckets({ service: 'gcp', region: 'US', from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(found).toHaveLength(minutes.length);
    expect(minutes.length).toBeGreaterThan(2000);
    expect(found.reduce((sum, b) => sum + b.complaints, 0)).toBe(2600 * 60);
    await store.close();
  });

  it('says which Redis it cannot reach', async () => {
    await expect(RedisStore.connect({ redisUrl: 'redis://127.0.0.1:1', prefix })).rejects.toThrow('redis://127.0.0.1:1');
  });
});
