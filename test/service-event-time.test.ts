// A running embedded service taking current posts, over real HTTP: posts dated 2031 and 1970 (and one for a
// closed minute) are turned away with their reason and counted in /metrics, and change nothing the detector
// answers; the stream then goes on minute by minute. The same through a source's pump.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.ts';
import type { Post } from '../src/model/types.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { emptyStats, type Source } from '../src/sources/source.ts';
import { close, listen, outageScenario } from './service-fixtures.ts';

const API_KEY = 'test-key-123456';
const MIN = 60_000;
const END_OF_TIME = 8.64e15;
/** Current posts: three quiet hours and nine burst minutes, the last of them a few minutes ago. */
const START = Math.floor(Date.now() / MIN) * MIN - 195 * MIN;
const scenario = outageScenario(START, 180, 9, 20);
const lastMinute = scenario.end - MIN;
const stream = scenario.posts.filter((p) => Date.parse(p.createdAt) < lastMinute);
const nextMinute = scenario.posts.filter((p) => Date.parse(p.createdAt) >= lastMinute);

const outlier = (id: string, createdAt: string): Post => ({ id, source: 'api', text: 'WhatsApp is down, cannot send any messages', createdAt });
const in2031 = outlier('from-2031', '2031-01-01T00:00:00Z');
const in1970 = outlier('from-1970', '1970-01-01T00:00:00Z');

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'or-event-time-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('posts dated far from the stream, over POST /v1/posts', () => {
  let service: LiveService;
  let server: Server;
  let base: string;
  const get = async (path: string) => (await fetch(base + path)).text();
  const push = async (posts: Post[]) => {
    const res = await fetch(`${base}/v1/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ posts }),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    service = await LiveService.open({ dataDir, storeDir: join(dataDir, 'api'), analyse: analyseArchives });
    ({ server, base } = await listen(createApp(service, { apiKey: API_KEY })));
    for (let i = 0; i < stream.length; i += 200) expect((await push(stream.slice(i, i + 200))).status).toBe(202);
    await service.queue.idle();
    await service.detector.advance();
  });

  afterAll(async () => {
    await close(server);
    await service.stop();
  });

  it('has an open WhatsApp incident before the outliers come', async () => {
    expect(JSON.parse(await get('/v1/outages')).outages.map((o: { service: string }) => o.service)).toEqual(['whatsapp']);
    expect(JSON.parse(await get('/v1/incidents')).incidents.some((i: { end?: string }) => i.end === undefined)).toBe(true);
  });

  it('turns away a 2031, a 1970 and a late post with their reasons, counts them, and changes nothing the detector answers', async () => {
    const lastClosed = service.detector.lastClosed!;
    const outages = await get('/v1/outages');
    const incidents = await get('/v1/incidents');
    const late = { ...outlier('late', new Date(lastClosed + 30_000).toISOString()) };

    const res = await push([in2031, in1970, late]);
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(0);
    expect(res.body.outOfRange).toEqual({ ahead: 1, late: 1, impossible: 1 });
    expect(res.body.rejected.map((r: { index: number; field: string; reason: string }) => [r.index, r.field, r.reason])).toEqual([
      [0, 'posts.0.createdAt', 'ahead'],
      [1, 'posts.1.createdAt', 'impossible'],
      [2, 'posts.2.createdAt', 'late'],
    ]);
    expect(res.body.rejected[0].message).toMatch(/^createdAt 2031-01-01T00:00:00.000Z is .* after this server's clock/);

    await service.queue.idle();
    expect(await service.detector.advance()).toBe(0);
    expect(service.detector.lastClosed).toBe(lastClosed);
    expect(await get('/v1/outages')).toBe(outages);
    expect(await get('/v1/incidents')).toBe(incidents);
    expect(await service.store.buckets({ from: 0, to: START })).toEqual([]);
    expect(await service.store.buckets({ from: Date.now() + 3_600_000, to: END_OF_TIME })).toEqual([]);
    const metrics = await get('/metrics');
    for (const reason of ['ahead', 'late', 'impossible']) expect(metrics).toContain(`outage_radar_posts_out_of_range_total{reason="${reason}",source="api"} 1`);
  });

  it('goes on closing one minute for the next minute of posts, with no walk through empty minutes', async () => {
    const lastClosed = service.detector.lastClosed!;
    const res = await push(nextMinute);
    expect(res.body).toMatchObject({ accepted: nextMinute.length, rejected: [], outOfRange: { ahead: 0, late: 0, impossible: 0 } });
    await service.queue.idle();
    expect(await service.detector.advance()).toBe(1);
    expect(service.detector.lastClosed).toBe(lastClosed + MIN);
    expect(JSON.parse(await get('/v1/outages')).outages.map((o: { service: string }) => o.service)).toEqual(['whatsapp']);
  });

  it('lists malformed and out-of-range posts of one request in the order they were sent', async () => {
    const fresh = { ...nextMinute[0], id: 'fresh-after-outliers' };
    const res = await push([in2031, { id: 'no-time', text: 'whatsapp down' } as unknown as Post, fresh]);
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([[0, 'ahead'], [1, 'malformed']]);
  });
});

describe('posts dated far from the stream, from a source', () => {
  it('drops a 1970 post at the start and a 2031 post in the middle, counts them, and steps only the stream\'s minutes', async () => {
    const posts = [{ ...in1970, source: 'jsonl' }, ...stream.slice(0, 400), { ...in2031, source: 'jsonl' }, ...stream.slice(400)];
    const stats = emptyStats();
    const source: Source = {
      name: 'replay:outliers',
      stats,
      async *posts() {
        for (const post of posts) yield post;
      },
    };
    const service = await LiveService.open({ dataDir, storeDir: join(dataDir, 'pump'), latenessMs: 0, analyse: analyseArchives });
    try {
      expect(await service.addSource(source)).toBe(stream.length);
      await service.queue.idle();
      let steps = 0;
      for (let closed = await service.detector.advance(); closed > 0; closed = await service.detector.advance()) steps += closed;
      const minuteOf = (post: Post) => Math.floor(Date.parse(post.createdAt) / MIN) * MIN;
      expect(service.detector.lastClosed).toBe(minuteOf(stream.at(-1)!));
      expect(steps).toBe((minuteOf(stream.at(-1)!) - minuteOf(stream[0])) / MIN + 1);
      const metrics = await service.metricsText();
      expect(metrics).toContain('outage_radar_posts_out_of_range_total{reason="impossible",source="replay:outliers"} 1');
      expect(metrics).toContain('outage_radar_posts_out_of_range_total{reason="ahead",source="replay:outliers"} 1');
    } finally {
      await service.stop();
    }
  });
});
