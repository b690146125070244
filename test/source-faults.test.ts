// A source server that goes away mid-stream and comes back on the same port: every post arrives, the
// resumed stream's repeats are counted once by the store's claims, and the reconnect shows in stats.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countBatch } from '../src/aggregate/count-batch.ts';
import { createStore } from '../src/aggregate/store.ts';
import type { ClassifiedPost, Post } from '../src/model/types.ts';
import { analyseArchives } from '../src/report/analyse.ts';
import { LiveService } from '../src/service/live-service.ts';
import { createJetstreamSource } from '../src/sources/bluesky.ts';
import { emptyStats, type SourceEvent } from '../src/sources/source.ts';
import { delay } from './servers/http.ts';
import { startJetstreamServer, type JetstreamServer } from './servers/jetstream.ts';

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

const servers: JetstreamServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('a source server that goes away mid-stream', () => {
  it('delivers every Jetstream post after the server is stopped and restarted, and the store counts each once', async () => {
    const events = Array.from({ length: POSTS }, (_, i) => postCommit(i));
    const first = await startJetstreamServer([{ steps: events.flatMap((event) => [{ event }, { pauseMs: 5 }]) }]);
    servers.push(first);
    const port = Number(new URL(first.url).port);
    const sourceEvents: { event: SourceEvent; at: number }[] = [];
    const source = createJetstreamSource({ url: first.url, onEvent: (event) => sourceEvents.push({ event, at: Date.now() }) });

    const controller = new AbortController();
    const giveUp = setTimeout(() => controller.abort(), 10_000); // a lost post fails the assertions below, not the test timeout
    const received: Post[] = [];
    let stoppedAt = 0;
    let firstPostAfterStopAt = 0;
    for await (const post of source.posts(controller.signal)) {
      received.push(post);
      if (stoppedAt && !firstPostAfterStopAt && sourceEvents.some(({ event }) => event.type === 'connected' && event.attempt > 0)) firstPostAfterStopAt = Date.now();
      if (received.length === STOP_AFTER) {
        await first.close();
        stoppedAt = Date.now();
        void delay(DOWN_MS).then(async () => servers.push(await startJetstreamServer([{ history: events }], port)));
      }
      if (new Set(received.map((p) => p.id)).size === POSTS) controller.abort();
    }
    clearTimeout(giveUp);

    const ids = received.map((post) => post.id);
    expect(new Set(ids)).toEqual(new Set(events.map((event) => `${DID}/${event.commit.rkey}`)));
    const dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-source-faults-'));
    const store = await createStore({ dataDir });
    try {
      let counted = 0;
      let duplicates = 0;
      for (let i = 0; i < received.length; i += 10) {
        const result = await countBatch(store, `batch-${i}`, received.slice(i, i + 10), complaints);
        counted += result.counted;
        duplicates += result.duplicates;
      }
      expect(counted).toBe(POSTS);
      expect(duplicates).toBe(received.length - POSTS);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }

    const reconnected = sourceEvents.find(({ event }) => event.type === 'connected' && event.attempt > 0);
    expect(source.stats.reconnects).toBeGreaterThanOrEqual(1);
    expect(sourceEvents.map(({ event }) => event.type)).toEqual(expect.arrayContaining(['disconnected', 'retrying', 'connected']));
    const resumedFrom = Number(servers[1].connections[0].get('cursor'));
    expect(ids).toContain(`${DID}/${events[(resumedFrom - FIRST_TIME_US) / 1000].commit.rkey}`);
    // Back at the first or second retry of the default backoff (1 s, then 2 s, less up to 20 % jitter).
    expect(reconnected!.at - stoppedAt).toBeLessThan(3_100);
    console.info(
      `jetstream: ${received.length} posts received for ${POSTS} sent, ${received.length - POSTS} repeated by the resume; ` +
        `reconnected ${reconnected!.at - stoppedAt} ms after the stop, first post after ${firstPostAfterStopAt - stoppedAt} ms`,
    );
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
