// Complaint text keys: copies of one post (reshares, a shared link, a pasted sentence) share a key,
// and both stores carry the keys of a bucket, merged as a set, like its authors.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import { type Store } from '../src/aggregate/store.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import { complaintTextKey } from '../src/aggregate/tally.ts';
import type { ClassifiedPost } from '../src/model/types.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const admin = new Redis(REDIS_URL);

afterAll(async () => {
  await admin.quit();
});

const key = (text: string, id: string = randomUUID(), source = 'twitter') => complaintTextKey({ source, id, text });
const CELEBRITY = 'Xbox Live down AGAIN, three hours before the tournament. Unacceptable @XboxSupport fix it';

describe('complaintTextKey', () => {
  it('gives a reshare the key of the post it reshares, whatever its prefix, case, emoji and link', () => {
    expect(key(`RT @gamer_queen: ${CELEBRITY}`)).toBe(key(CELEBRITY));
    expect(key(`RT @fan1: RT @gamer_queen: ${CELEBRITY.toUpperCase()} 😡 https://t.co/abc123`)).toBe(key(CELEBRITY));
  });

  it('gives posts sharing a link with the same words one key, whichever link shortener code they carry', () => {
    expect(key('What caused the WhatsApp outage? https://t.co/zp1soHJKOy')).toBe(key('what caused the whatsapp outage https://t.co/b6tdgxFQ1Y'));
  });

  it('keeps short complaints apart: many people write "whatsapp down?" on their own', () => {
    expect(key('whatsapp down?', 'p1')).not.toBe(key('whatsapp down?', 'p2'));
  });

  it('keeps a post with no words apart from every other', () => {
    expect(key('😡😡', 'p1')).not.toBe(key('😡😡', 'p2'));
    expect(key('', 'p1')).not.toBe(key('', 'p2'));
  });
});

function complaint(id: string, text: string, author: string, at = '2024-03-05T09:00:10Z'): ClassifiedPost {
  return {
    post: { id, source: 'twitter', text, createdAt: at, lang: 'en', author: { id: author } },
    verdict: {
      postId: id, services: ['xbox-live'], label: 'complaint', score: 0.9, sentiment: { label: 'negative', score: -0.6 },
      symptoms: [], lang: 'en', region: { country: 'US', source: 'profile', confidence: 0.8 }, why: [],
    },
  };
}

/** Forty reshares of one post and two complaints of people's own, in one minute. */
function reshareMinute(): ClassifiedPost[] {
  const posts = Array.from({ length: 40 }, (_, i) => complaint(`r${i}`, `RT @gamer_queen: ${CELEBRITY}`, `fan${i}`));
  posts.push(complaint('o1', 'xbox live not loading for me either', 'own1'), complaint('o2', 'xbox live down?', 'own2'));
  return posts;
}

describe('Aggregator text keys', () => {
  it('counts forty reshares of one post as one distinct text beside the complaints people wrote themselves', () => {
    const aggregator = new Aggregator();
    for (const post of reshareMinute()) aggregator.add(post);
    const [bucket] = aggregator.buckets();
    expect(bucket.complaints).toBe(42);
    expect(bucket.authors).toBe(42);
    expect(bucket.textKeys).toHaveLength(3);
  });

  it('keeps no text keys for a bucket without complaints', () => {
    const aggregator = new Aggregator();
    const news = complaint('n1', 'Xbox Live outage: what we know https://t.co/x1', 'desk');
    aggregator.add({ ...news, verdict: { ...news.verdict, label: 'news' } });
    expect(aggregator.buckets()[0].textKeys).toBeUndefined();
  });
});

const implementations: Array<[string, () => Promise<{ store: Store; cleanup(): Promise<void> }>]> = [
  ['embedded', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-text-keys-'));
    return { store: await createStore({ dataDir }), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  }],
  ['redis', async () => {
    const prefix = `test:text-keys:${randomUUID()}:`;
    const store = await createStore({ dataDir: '/nonexistent', redisUrl: REDIS_URL, prefix });
    return {
      store,
      cleanup: async () => {
        const keys = await admin.keys(`${prefix}*`);
        if (keys.length > 0) await admin.del(...keys);
      },
    };
  }],
];

describe.each(implementations)('%s store', (_name, open) => {
  it('merges the text keys of a bucket that arrives in parts into the keys of the whole', async () => {
    const { store, cleanup } = await open();
    try {
      const posts = reshareMinute();
      const aggregate = (part: ClassifiedPost[]) => {
        const aggregator = new Aggregator();
        for (const post of part) aggregator.add(post);
        return aggregator.takeBefore(Infinity);
      };
      await store.addBuckets(aggregate(posts.slice(0, 15)));
      await store.addBuckets(aggregate(posts.slice(15)));
      const [stored] = await store.buckets({ from: 0, to: Number.MAX_SAFE_INTEGER });
      expect(stored.textKeys).toEqual(aggregate(posts)[0].textKeys);
      expect(stored.textKeys).toHaveLength(3);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
