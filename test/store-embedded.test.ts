import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import { EMBEDDED_STORE_FILE, EmbeddedStore } from '../src/aggregate/embedded-store.ts';
import type { ClassifiedPost } from '../src/model/types.ts';

const T0 = Date.parse('2024-11-02T08:15:00Z');

function complaint(id: string, author: string, secondsAfter: number): ClassifiedPost {
  return {
    post: { id, source: 'bluesky', text: 'PlayStation Network down again, cannot sign in', createdAt: new Date(T0 + secondsAfter * 1000).toISOString(), lang: 'en', author: { id: author } },
    verdict: {
      postId: id, services: ['psn'], label: 'complaint', score: 0.92, sentiment: { label: 'negative', score: -0.8 },
      symptoms: ['login'], lang: 'en', region: { country: 'GB', source: 'timezone', confidence: 0.5 }, why: ['outage:down'],
    },
  };
}

function deltas(posts: ClassifiedPost[]) {
  const aggregator = new Aggregator();
  for (const post of posts) aggregator.add(post);
  return aggregator.takeBefore(Infinity);
}

const everything = { from: 0, to: Number.MAX_SAFE_INTEGER };

describe('EmbeddedStore', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-embedded-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps buckets, claims and JSON values across a restart', async () => {
    const first = await EmbeddedStore.open({ dataDir });
    await first.claim(['bluesky:a1', 'bluesky:a2'], 'batch-1');
    await first.addBuckets(deltas([complaint('a1', 'alice', 5), complaint('a2', 'bob', 20)]), 'batch-1');
    await first.putJson('detector:state', { open: ['psn/GB'] });
    await first.close();

    const second = await EmbeddedStore.open({ dataDir });
    const [bucket] = await second.buckets(everything);
    expect([bucket.complaints, bucket.authors, bucket.examplePostIds]).toEqual([2, 2, ['a1', 'a2']]);
    expect(await second.claim(['bluesky:a1', 'bluesky:a3'])).toEqual([false, true]);
    expect(await second.addBuckets(deltas([complaint('a1', 'alice', 5)]), 'batch-1')).toBe(false);
    expect(await second.getJson('detector:state')).toEqual({ open: ['psn/GB'] });
    await second.close();
  });

  it('counts distinct authors exactly across a restart', async () => {
    const first = await EmbeddedStore.open({ dataDir });
    await first.addBuckets(deltas([complaint('b1', 'alice', 1), complaint('b2', 'bob', 2)]));
    await first.close();
    const second = await EmbeddedStore.open({ dataDir });
    await second.addBuckets(deltas([complaint('b3', 'bob', 3), complaint('b4', 'carol', 4)]));
    const [bucket] = await second.buckets(everything);
    expect([bucket.complaints, bucket.authors]).toEqual([4, 3]);
    await second.close();
  });

  it('saves on its own every flush interval, leaving no temporary file behind', async () => {
    const store = await EmbeddedStore.open({ dataDir, flushMs: 20 });
    await store.addBuckets(deltas([complaint('c1', 'dave', 1)]));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const saved = JSON.parse(await readFile(join(dataDir, EMBEDDED_STORE_FILE), 'utf8')) as { buckets: Array<{ authorIds: string[] }> };
    expect(saved.buckets.map((b) => b.authorIds)).toEqual([['bluesky:dave']]);
    expect(await readdir(dataDir)).toEqual([EMBEDDED_STORE_FILE]);
    await store.close();
  });

  it('forgets buckets after the retention and claims and commits after the dedupe window', async () => {
    let now = Date.parse('2026-01-10T00:00:00Z');
    const store = await EmbeddedStore.open({ dataDir, retentionMs: 60_000, dedupeMs: 45_000, now: () => now });
    await store.claim(['bluesky:d1'], 'batch-9');
    await store.addBuckets(deltas([complaint('d1', 'erin', 1)]), 'batch-9');
    now += 30_000;
    expect(await store.claim(['bluesky:d1'], 'batch-10')).toEqual([false]);
    expect(await store.buckets(everything)).toHaveLength(1);
    now += 31_000;
    expect(await store.buckets(everything)).toEqual([]);
    expect(await store.claim(['bluesky:d1'], 'batch-10')).toEqual([true]);
    expect(await store.addBuckets(deltas([complaint('d1', 'erin', 1)]), 'batch-9')).toBe(true);
    expect((await store.buckets(everything))[0].complaints).toBe(1);
    await store.close();
  });

  it('saves what a failed write could not, at the next flush', async () => {
    const store = await EmbeddedStore.open({ dataDir });
    await store.addBuckets(deltas([complaint('f1', 'frank', 1)]));
    await rm(dataDir, { recursive: true });
    await expect(store.flush()).rejects.toThrow(/ENOENT/);
    await mkdir(dataDir);
    await store.flush();
    const saved = JSON.parse(await readFile(join(dataDir, EMBEDDED_STORE_FILE), 'utf8')) as { buckets: Array<{ complaints: number }> };
    expect(saved.buckets.map((b) => b.complaints)).toEqual([1]);
    await store.close();
  });

  it('answers a time range from its minutes only, also after a late bucket for an earlier minute and an expiry', async () => {
    let clock = T0;
    const store = await EmbeddedStore.open({ dataDir, flushMs: 60_000, retentionMs: 3_600_000, now: () => clock });
    await store.addBuckets(deltas([complaint('a', 'u1', 0), complaint('b', 'u2', 180), complaint('c', 'u3', 300)]));
    await store.addBuckets(deltas([complaint('late', 'u4', 60)]));
    const minute = (m: number) => T0 + m * 60_000;
    expect((await store.buckets({ service: 'psn', from: minute(1), to: minute(4) })).map((b) => b.start)).toEqual([minute(1), minute(3)]);
    expect((await store.buckets({ from: minute(3), to: Infinity })).map((b) => b.start)).toEqual([minute(3), minute(5)]);
    clock += 3_600_000;
    await store.addBuckets(deltas([complaint('again', 'u5', 0)]));
    expect((await store.buckets({ service: 'psn', region: 'GB', ...everything })).map((b) => [b.start, b.complaints])).toEqual([[minute(0), 1]]);
    await store.close();
  });

  it('refuses a damaged file, naming it', async () => {
    await writeFile(join(dataDir, EMBEDDED_STORE_FILE), '{"version":1,"buckets":[', 'utf8');
    await expect(EmbeddedStore.open({ dataDir })).rejects.toThrow(join(dataDir, EMBEDDED_STORE_FILE));
  });

  it('refuses to work after it was closed', async () => {
    const store = await EmbeddedStore.open({ dataDir });
    await store.close();
    await expect(store.claim(['bluesky:z'])).rejects.toThrow(/closed/);
  });
});
