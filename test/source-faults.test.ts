// A source server that goes away mid-stream and comes back on the same port: every post arrives, what the
// resume sends again is counted once by the store's claims, and the reconnect shows in stats and /metrics.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countBatch } from '../src/pipeline/count-batch.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import type { ClassifiedPost, Post } from '../src/model/types.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { createJetstreamSource } from '../src/sources/bluesky.ts';
import { postFromJetstreamEvent } from '../src/sources/formats/bluesky.ts';
import { postFromMastodonStatus } from '../src/sources/formats/mastodon.ts';
import { createMastodonSource } from '../src/sources/mastodon.ts';
import { emptyStats, type Source, type SourceEvent } from '../src/sources/source.ts';
import { delay } from './servers/http.ts';
import { startJetstreamServer } from './servers/jetstream.ts';
import { startMastodonServer } from './servers/mastodon.ts';

const DID = 'did:plc:eygmaihciaxprqvxpfvl6flk';
const FIRST_TIME_US = 1764144000000000;
const POSTS = 60;
/** The server is stopped once the client has this many posts; the rest were in flight or not sent yet. */
const STOP_AFTER = 25;
/** How long the server stays away: within the first retry of the default backoff (0.8-1 s). */
const DOWN_MS = 700;

function postCommit(i: number) {
  const timeUs = FIRST_TIME_US + i * 1000;
  return {
    did: DID,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3lbrev${i}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: `3lbfault${i}`,
      record: { $type: 'app.bsky.feed.post', createdAt: new Date(timeUs / 1000).toISOString(), langs: ['en'], text: `github down ${i}` },
      cid: 'bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a',
    },
  };
}

/** Status ids of one length, increasing as Mastodon's snowflakes do. */
function status(i: number) {
  const id = String(113500000000000000n + BigInt(i));
  return {
    id,
    created_at: new Date(Date.parse('2026-11-26T07:30:00.000Z') + i * 1000).toISOString(),
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'de',
    uri: `https://chaos.social/users/lena/statuses/${id}`,
    url: `https://chaos.social/@lena/${id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    content: `<p>Mastodon lahm ${i}</p>`,
    reblog: null,
    account: { id: '109', username: 'lena', acct: 'lena', display_name: 'Lena', url: 'https://chaos.social/@lena', followers_count: 312 },
    media_attachments: [],
    mentions: [],
    tags: [],
  };
}

/** Every post is a GitHub complaint: the test is about delivery and counting, not classification. */
function complaints(posts: Post[]): ClassifiedPost[] {
  return posts.map((post) => ({
    post,
    verdict: {
      postId: post.id, services: ['github'], label: 'complaint', score: 0.9, sentiment: { label: 'negative', score: -0.7 },
      symptoms: ['down'], lang: 'en', region: { country: 'ZZ', source: 'place', confidence: 1 }, why: [],
    },
  }));
}

/** Counts `posts` into an embedded store in batches of 10, as the classify stage does. */
async function countOnce(posts: Post[]): Promise<{ counted: number; duplicates: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-source-faults-'));
  const store = await createStore({ dataDir });
  try {
    const total = { counted: 0, duplicates: 0 };
    for (let i = 0; i < posts.length; i += 10) {
      const result = await countBatch(store, `batch-${i}`, posts.slice(i, i + 10), complaints);
      total.counted += result.counted;
      total.duplicates += result.duplicates;
    }
    return total;
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface StoppableServer {
  close(): Promise<void>;
}

const servers: StoppableServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Outage {
  posts: Post[];
  /** Milliseconds from the stop to the source's `connected` event on the restarted server. */
  reconnectedAfterMs: number;
  eventTypes: SourceEvent['type'][];
}

/**
 * Reads `source` until it has `expectedIds`: the server is stopped once `STOP_AFTER` posts arrived and
 * `restart` runs `DOWN_MS` later. Gives up after 10 s, so a lost post fails the assertions, not the timeout.
 */
async function readThroughOutage(
  createSource: (onEvent: (event: SourceEvent) => void) => Source,
  first: StoppableServer,
  restart: () => Promise<StoppableServer>,
  expectedIds: Set<string>,
): Promise<Outage & { source: Source }> {
  const events: { event: SourceEvent; at: number }[] = [];
  const source = createSource((event) => events.push({ event, at: Date.now() }));
  const controller = new AbortController();
  const giveUp = setTimeout(() => controller.abort(), 10_000);
  const posts: Post[] = [];
  const seen = new Set<string>();
  let stoppedAt = 0;
  for await (const post of source.posts(controller.signal)) {
    posts.push(post);
    seen.add(post.id);
    if (posts.length === STOP_AFTER) {
      await first.close();
      stoppedAt = Date.now();
      void delay(DOWN_MS).then(async () => servers.push(await restart()));
    }
    if (seen.size === expectedIds.size) controller.abort();
  }
  clearTimeout(giveUp);
  const reconnected = events.find(({ event }) => event.type === 'connected' && event.attempt > 0);
  return { source, posts, reconnectedAfterMs: reconnected ? reconnected.at - stoppedAt : Infinity, eventTypes: events.map(({ event }) => event.type) };
}

function expectEveryPostCountedOnce(outage: Outage, expectedIds: Set<string>, counts: { counted: number; duplicates: number }): void {
  expect(new Set(outage.posts.map((post) => post.id))).toEqual(expectedIds);
  expect(counts).toEqual({ counted: expectedIds.size, duplicates: outage.posts.length - expectedIds.size });
}

function expectReconnectShown(outage: Outage & { source: Source }): void {
  expect(outage.source.stats.reconnects).toBeGreaterThanOrEqual(1);
  expect(outage.eventTypes).toEqual(expect.arrayContaining(['disconnected', 'retrying', 'connected']));
  // Back at the first or second retry of the default backoff (1 s, then 2 s, less up to 20 % jitter).
  expect(outage.reconnectedAfterMs).toBeLessThan(3_100);
}

describe('a source server that goes away mid-stream', () => {
  it('delivers every Jetstream post after the server is stopped and restarted, and the store counts each once', async () => {
    const events = Array.from({ length: POSTS }, (_, i) => postCommit(i));
    const expectedIds = new Set(events.map((event) => postFromJetstreamEvent(event)!.id));
    const first = await startJetstreamServer([{ steps: events.flatMap((event) => [{ event }, { pauseMs: 5 }]) }]);
    servers.push(first);
    const port = Number(new URL(first.url).port);
    let restarted: Awaited<ReturnType<typeof startJetstreamServer>> | undefined;

    const outage = await readThroughOutage(
      (onEvent) => createJetstreamSource({ url: first.url, onEvent }),
      first,
      async () => (restarted = await startJetstreamServer([{ history: events }], port)),
      expectedIds,
    );

    expectEveryPostCountedOnce(outage, expectedIds, await countOnce(outage.posts));
    expectReconnectShown(outage);
    // Jetstream replays from the cursor inclusive: the event at the cursor is the one sent twice.
    const resumedFrom = Number(restarted!.connections[0].get('cursor'));
    expect(outage.posts.filter((post) => post.id === postFromJetstreamEvent(events[(resumedFrom - FIRST_TIME_US) / 1000])!.id)).toHaveLength(2);
    console.info(`jetstream: ${outage.posts.length} posts received for ${POSTS}; connected again ${outage.reconnectedAfterMs} ms after the stop`);
  }, 15_000);

  it('delivers every Mastodon status after the server is stopped and restarted: the missed ones through the timeline catch-up', async () => {
    const statuses = Array.from({ length: POSTS + 10 }, (_, i) => status(i));
    const [streamedFirst, streamedAfter] = [statuses.slice(0, POSTS), statuses.slice(POSTS)];
    const expectedIds = new Set(statuses.map((s) => postFromMastodonStatus(s).id));
    const update = (s: ReturnType<typeof status>) => [{ event: 'update', data: JSON.stringify(s) }, { pauseMs: 5 }];
    const first = await startMastodonServer({ streams: [{ steps: streamedFirst.flatMap(update) }] });
    servers.push(first);
    const port = Number(new URL(first.url).port);
    let restarted: Awaited<ReturnType<typeof startMastodonServer>> | undefined;

    const outage = await readThroughOutage(
      (onEvent) => createMastodonSource({ instanceUrl: first.url, onEvent }),
      first,
      // Back with all it was sent before the stop kept in its timeline, and new statuses on the stream.
      async () => (restarted = await startMastodonServer({ streams: [{ steps: [{ pauseMs: 50 }, ...streamedAfter.flatMap(update)] }], kept: streamedFirst }, port)),
      expectedIds,
    );

    expectEveryPostCountedOnce(outage, expectedIds, await countOnce(outage.posts));
    expectReconnectShown(outage);
    expect(restarted!.requests.some((request) => request.path === '/api/v1/timelines/public' && request.query.has('min_id'))).toBe(true);
    console.info(`mastodon: ${outage.posts.length} posts received for ${POSTS + 10}; connected again ${outage.reconnectedAfterMs} ms after the stop`);
  }, 15_000);

  it('shows in /metrics how often each source connected again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-source-faults-'));
    const stats = { ...emptyStats(), reconnects: 2 };
    const service = await LiveService.open({ dataDir, storeDir: dataDir, latenessMs: 0, analyse: analyseArchives });
    try {
      await service.addSource({ name: 'bluesky:127.0.0.1', stats, async *posts() {} });
      expect(await service.metricsText()).toContain('outage_radar_source_reconnects_total{source="bluesky:127.0.0.1"} 2');
    } finally {
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
