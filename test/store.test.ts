// The Store contract, run against both implementations: embedded (in a temporary directory) and Redis.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import { type Store } from '../src/aggregate/store.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import type { ClassifiedPost, Label } from '../src/model/types.ts';

import { REDIS_URL, admin, deleteKeys } from './redis-fixtures.ts';

interface Opened {
  store: Store;
  cleanup(): Promise<void>;
}

const implementations: Array<[string, () => Promise<Opened>]> = [
  ['embedded', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-store-'));
    const store = await createStore({ dataDir });
    return { store, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  }],
  ['redis', async () => {
    const prefix = `test:store:${randomUUID()}:`;
    const store = await createStore({ dataDir: '/nonexistent', redisUrl: REDIS_URL, prefix });
    return { store, cleanup: () => deleteKeys(prefix) };
  }],
];

afterAll(async () => {
  await admin.quit();
});

const T0 = Date.parse('2024-03-05T14:31:00Z');

/** Posts of a small WhatsApp outage in two countries and three minutes, with noise and repeat authors. */
function outagePosts(): ClassifiedPost[] {
  const texts: Array<[Label, string]> = [
    ['complaint', 'whatsapp down? messages stuck on one tick'],
    ['complaint', 'WhatsApp werkt niet, berichten komen niet aan'],
    ['news', 'Meta investigating WhatsApp outage'],
    ['complaint', 'whatsapp web not connecting'],
    ['joke', 'whatsapp down, time to write letters again'],
    ['complaint', 'WhatsApp geht nicht'],
  ];
  const posts: ClassifiedPost[] = [];
  for (let i = 0; i < 60; i++) {
    const [label, text] = texts[i % texts.length];
    const country = i % 3 === 0 ? 'DE' : 'NL';
    const lang = country === 'DE' ? 'de' : i % 2 ? 'nl' : 'en';
    posts.push({
      post: { id: `p${i}`, source: 'mastodon', text, createdAt: new Date(T0 + i * 3_000).toISOString(), lang, author: { id: `u${i % 17}` } },
      verdict: {
        postId: `p${i}`, services: i % 10 === 0 ? ['whatsapp', 'meta'] : ['whatsapp'], label, score: label === 'complaint' ? 0.9 : 0.2,
        sentiment: { label: i % 4 === 0 ? 'neutral' : 'negative', score: -0.4 }, symptoms: i % 5 === 0 ? ['messaging', 'login'] : ['messaging'],
        lang, region: { country, source: 'profile', confidence: 0.7 }, why: [],
      },
    });
  }
  return posts;
}

function aggregate(posts: ClassifiedPost[]) {
  const aggregator = new Aggregator();
  for (const post of posts) aggregator.add(post);
  return aggregator.takeBefore(Infinity);
}

const everything = { from: 0, to: Number.MAX_SAFE_INTEGER };

describe.each(implementations)('%s store', (_name, open) => {
  let opened: Opened;
  let store: Store;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
  });
  afterEach(async () => {
    await store.close();
    await opened.cleanup();
  });

  it('claims a key only the first time it is seen', async () => {
    expect(await store.claim(['mastodon:1', 'mastodon:2'])).toEqual([true, true]);
    expect(await store.claim(['mastodon:2', 'mastodon:3'])).toEqual([false, true]);
  });

  it('gives a key again to the owner that claimed it, so a retried batch keeps its posts', async () => {
    expect(await store.claim(['twitter:9', 'twitter:10'], 'batch-a')).toEqual([true, true]);
    expect(await store.claim(['twitter:9', 'twitter:10'], 'batch-b')).toEqual([false, false]);
    expect(await store.claim(['twitter:9', 'twitter:10'], 'batch-a')).toEqual([true, true]);
  });

  it('wins a key repeated within one claim only once', async () => {
    expect(await store.claim(['bluesky:x', 'bluesky:x', 'bluesky:y'], 'batch-a')).toEqual([true, false, true]);
  });

  it('returns the buckets it was given, with distinct authors and examples', async () => {
    const deltas = aggregate(outagePosts());
    await store.addBuckets(deltas);
    const stored = await store.buckets(everything);
    expect(stored).toEqual(deltas.map(({ authorIds: _authorIds, ...bucket }) => bucket));
  });

  it('merge-adds counts and unions authors when the same bucket arrives in parts', async () => {
    const posts = outagePosts();
    await store.addBuckets(aggregate(posts.slice(0, 25)));
    await store.addBuckets(aggregate(posts.slice(25)));
    const whole = aggregate(posts).map(({ authorIds: _authorIds, ...bucket }) => bucket);
    expect(await store.buckets(everything)).toEqual(whole);
  });

  it('adds a commit only once, however often it is repeated', async () => {
    const deltas = aggregate(outagePosts());
    expect(await store.addBuckets(deltas, 'job-1')).toBe(true);
    expect(await store.addBuckets(deltas, 'job-1')).toBe(false);
    const complaints = (await store.buckets(everything)).reduce((sum, b) => sum + b.complaints, 0);
    expect(complaints).toBe(deltas.reduce((sum, b) => sum + b.complaints, 0));
  });

  it('answers a query for one service, one region and a time range [from, to)', async () => {
    await store.addBuckets(aggregate(outagePosts()));
    const found = await store.buckets({ service: 'whatsapp', region: 'DE', from: T0 + 60_000, to: T0 + 120_000 });
    expect(found.map((b) => [b.service, b.region, b.start])).toEqual([['whatsapp', 'DE', T0 + 60_000]]);
    const meta = await store.buckets({ service: 'meta', from: T0, to: T0 + 180_000 });
    expect(meta.map((b) => b.region)).toEqual(['DE', 'NL', 'DE', 'NL', 'NL']);
    const nl = await store.buckets({ region: 'NL', from: T0, to: T0 + 60_000 });
    expect(nl.map((b) => b.service)).toEqual(['meta', 'whatsapp']);
  });

  it('keeps JSON values and reads them back equal', async () => {
    const incident = { id: 'whatsapp-NL-2024-03-05T14:31', regions: ['NL', 'DE'], peakConfidence: 0.93, open: true };
    await store.putJson('incident:whatsapp', incident);
    expect(await store.getJson('incident:whatsapp')).toEqual(incident);
    expect(await store.getJson('incident:none')).toBeUndefined();
  });
});

describe('embedded and Redis stores', () => {
  it('hold identical buckets after counting the same posts in the same parts', async () => {
    const posts = outagePosts();
    const results = [];
    for (const [, open] of implementations) {
      const { store, cleanup } = await open();
      try {
        for (let i = 0; i < posts.length; i += 7) await store.addBuckets(aggregate(posts.slice(i, i + 7)));
        results.push(await store.buckets(everything));
      } finally {
        await store.close();
        await cleanup();
      }
    }
    expect(results[0].length).toBeGreaterThan(0);
    expect(results[1]).toEqual(results[0]);
  });
});
