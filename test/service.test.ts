// The live runtime: event-time detector loop, status answers, pacing, pumping, and the whole
// in-process service replaying an archive until the outage shows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BucketDelta, type Store } from '../src/aggregate/store.ts';
import { createStore } from '../src/aggregate/create-store.ts';
import type { Incident, Post, Signal } from '../src/model/types.ts';
import { InProcessQueue } from '../src/queue/in-process-queue.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { createReplaySource } from '../src/sources/replay.ts';
import { emptyStats, type Source } from '../src/sources/source.ts';
import { demoSchedule, demoSource, findBurst, pacedSource, postsPerMinute, sampleArchives } from '../src/live/demo.ts';
import { DetectorLoop } from '../src/live/detector-loop.ts';
import { LiveService } from '../src/live/live-service.ts';
import { pumpSource } from '../src/live/pump.ts';
import { currentOutages, serviceStatuses } from '../src/live/status.ts';
import { outageScenario, toJsonl } from './service-fixtures.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MIN = 60_000;

function delta(service: string, region: string, start: number, complaints: number): BucketDelta {
  const authorIds = Array.from({ length: complaints }, (_, i) => `jsonl:${service}-${start}-${i}`);
  return {
    service,
    region,
    start,
    complaints,
    noise: { news: 0, joke: 0, other: 0 },
    negative: complaints,
    authors: authorIds.length,
    languages: complaints ? { en: complaints } : {},
    symptoms: {},
    authorIds,
    examplePostIds: [],
  };
}

function sourceOf(posts: Post[]): Source {
  const stats = emptyStats();
  return {
    name: 'test',
    stats,
    async *posts() {
      for (const post of posts) {
        stats.posts++;
        yield post;
      }
    },
  };
}

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-service-'));
  store = await createStore({ dataDir: dir });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DetectorLoop', () => {
  it('closes minutes up to the newest bucket minus the lateness allowance', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1), delta('whatsapp', 'NL', T0 + 10 * MIN, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 2 * MIN });
    expect(await loop.advance()).toBe(9);
    expect(loop.lastClosed).toBe(T0 + 8 * MIN);
  });

  it('closes nothing while the only bucket is within the lateness allowance', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 2 * MIN });
    expect(await loop.advance()).toBe(0);
    expect(loop.lastClosed).toBeUndefined();
  });

  it('steps through empty minutes so that every series sees its zeros', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 3), delta('whatsapp', 'NL', T0 + 5 * MIN, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 0 });
    await loop.advance();
    const points = loop.history.points('whatsapp', 'NL', T0, T0 + 6 * MIN);
    expect(points.map(([at, complaints]) => [(at - T0) / MIN, complaints])).toEqual([[0, 3], [1, 0], [2, 0], [3, 0], [4, 0], [5, 1]]);
  });

  it('does not let a bucket dated after the wall clock or before 2006 move the minutes it closes', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1), delta('whatsapp', 'NL', T0 + 10 * MIN, 1)]);
    await store.addBuckets([delta('whatsapp', 'NL', Date.parse('2031-01-01T00:00:00Z'), 1), delta('whatsapp', 'NL', 0, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 2 * MIN });
    expect(await loop.advance()).toBe(9);
    expect(loop.lastClosed).toBe(T0 + 8 * MIN);
    expect(await loop.advance()).toBe(0);
  });

  it('starts at most a day before the newest bucket after a cold start, not at a stray bucket of 2010', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', Date.parse('2010-05-01T12:00:00Z'), 1)]);
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1), delta('whatsapp', 'NL', T0 + 10 * MIN, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 2 * MIN });
    expect(await loop.advance()).toBe(9);
    expect(loop.history.points('whatsapp', 'NL', 0, T0)).toEqual([]);
  });

  it('closes minutes up to its watermark only, and none while the watermark is unknown', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1), delta('whatsapp', 'NL', T0 + 10 * MIN, 1)]);
    let watermark: number | undefined;
    const loop = await DetectorLoop.open(store, { latenessMs: 2 * MIN, watermark: () => watermark });
    expect(await loop.advance()).toBe(0);
    watermark = T0 + 5 * MIN + 30_000;
    expect(await loop.advance()).toBe(4);
    expect(loop.lastClosed).toBe(T0 + 3 * MIN);
  });

  it('does not count a late bucket for a closed minute again', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1), delta('whatsapp', 'NL', T0 + 3 * MIN, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 0 });
    await loop.advance();
    await store.addBuckets([delta('whatsapp', 'NL', T0 + MIN, 5)]);
    expect(await loop.advance()).toBe(0);
    expect(loop.lastClosed).toBe(T0 + 3 * MIN);
  });

  it('advances again after an advance failed', async () => {
    await store.addBuckets([delta('whatsapp', 'NL', T0, 1), delta('whatsapp', 'NL', T0 + 2 * MIN, 1)]);
    const loop = await DetectorLoop.open(store, { latenessMs: 0 });
    const buckets = store.buckets.bind(store);
    store.buckets = () => Promise.reject(new Error('store unreachable'));
    await expect(loop.advance()).rejects.toThrow('store unreachable');
    store.buckets = buckets;
    expect(await loop.advance()).toBe(3);
  });

  it('goes on where it stopped after a restart, with its incidents', async () => {
    const deltas = [];
    for (let m = 0; m < 120; m++) deltas.push(delta('whatsapp', 'NL', T0 + m * MIN, m % 15 === 0 ? 1 : 0));
    for (let m = 120; m < 130; m++) deltas.push(delta('whatsapp', 'NL', T0 + m * MIN, 40));
    await store.addBuckets(deltas.filter((d) => d.complaints > 0));
    const first = await DetectorLoop.open(store, { latenessMs: 0 });
    await first.advance();
    await first.persist();
    expect(first.incidents().length).toBeGreaterThan(0);
    const second = await DetectorLoop.open(store, { latenessMs: 0 });
    expect(second.lastClosed).toBe(first.lastClosed);
    expect(second.incidents()).toEqual(first.incidents());
    expect(second.latest()).toEqual(first.latest());
    await store.addBuckets([delta('whatsapp', 'NL', T0 + 131 * MIN, 1)]);
    expect(await second.advance()).toBe(2);
  });
  it('forgets closed incidents once they are older than the incident retention', async () => {
    const deltas = [];
    for (let m = 0; m < 120; m++) deltas.push(delta('whatsapp', 'NL', T0 + m * MIN, m % 15 === 0 ? 1 : 0));
    for (let m = 120; m < 130; m++) deltas.push(delta('whatsapp', 'NL', T0 + m * MIN, 40));
    for (let m = 130; m < 200; m++) deltas.push(delta('whatsapp', 'NL', T0 + m * MIN, m % 15 === 0 ? 1 : 0));
    await store.addBuckets(deltas.filter((d) => d.complaints > 0));
    const kept = await DetectorLoop.open(store, { latenessMs: 0, incidentRetentionMs: 6 * 3_600_000 });
    await kept.advance();
    const incidents = kept.incidents();
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((i) => i.end !== undefined && Date.parse(i.end) < T0 + 170 * MIN)).toBe(true);
    // The same minutes with a retention of 30 minutes of event time: by minute 195 they are forgotten.
    const dir2 = await mkdtemp(join(tmpdir(), 'or-service-'));
    const other = await createStore({ dataDir: dir2 });
    try {
      await other.addBuckets(deltas.filter((d) => d.complaints > 0));
      const pruned = await DetectorLoop.open(other, { latenessMs: 0, incidentRetentionMs: 30 * MIN });
      await pruned.advance();
      expect(pruned.incidents()).toEqual([]);
    } finally {
      await other.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });
});

describe('status answers', () => {
  const signal = (service: string, region: string, confidence: number): Signal => ({
    service,
    region,
    at: T0,
    complaints: Math.round(confidence * 10),
    baseline: 0.1,
    confidence,
    evidence: { complaints: 0, baseline: 0.1, pValue: 1, distinctAuthors: 0, complaintShare: 0, negativeShare: 0, regions: [region], languages: [], topSymptoms: [], newsMentions: 0 },
  });
  const catalogue = [{ id: 'whatsapp', name: 'WhatsApp' }, { id: 'aws', name: 'AWS' }, { id: 'steam', name: 'Steam' }];
  const recent = [
    [signal('whatsapp', 'GLOBAL', 0.9), signal('whatsapp', 'NL', 0.95), signal('whatsapp', 'DE', 0.2), signal('aws', 'GLOBAL', 0.4), signal('steam', 'GLOBAL', 0.1)],
    [signal('whatsapp', 'GLOBAL', 0.6), signal('aws', 'GLOBAL', 0.1), signal('steam', 'GLOBAL', 0)],
  ];
  const openSteam: Incident = {
    id: 'steam|GLOBAL|x', service: 'steam', region: 'GLOBAL', start: '2026-03-02T07:50:00.000Z', peak: '2026-03-02T07:55:00.000Z',
    peakConfidence: 0.8, complaints: 30, regions: ['US'], languages: ['en'], topSymptoms: [], examplePostIds: [], episodes: [],
  };

  it('marks a service outage, degraded or ok by its strongest recent confidence', () => {
    const statuses = serviceStatuses(catalogue, recent, []);
    expect(statuses.map((s) => [s.id, s.status])).toEqual([['whatsapp', 'outage'], ['aws', 'degraded'], ['steam', 'ok']]);
    expect(statuses[0].regions).toEqual(['NL']);
  });

  it('keeps a service with an open incident in outage even when its last minutes are quiet', () => {
    const steam = serviceStatuses(catalogue, recent, [openSteam]).find((s) => s.id === 'steam');
    expect(steam).toMatchObject({ status: 'outage', since: openSteam.start });
  });

  it('lists as outages only services at or above the threshold, regions included', () => {
    const outages = currentOutages(catalogue, recent, [], 0.5);
    expect(outages.map((o) => o.service)).toEqual(['whatsapp']);
    expect(outages[0].regions.map((r) => r.region)).toEqual(['NL']);
    expect(outages[0].confidence).toBe(0.95);
  });
});

describe('pacing and pumping', () => {
  it('paces posts at the schedule\'s speed and skips waiting where the speed is infinite', async () => {
    const posts = [0, 30, 60, 90, 120].map((m, i): Post => ({ id: `${i}`, source: 'test', text: 'x', createdAt: new Date(T0 + m * MIN).toISOString() }));
    const schedule = [{ fromEventMs: -Infinity, speed: Infinity }, { fromEventMs: T0 + 60 * MIN, speed: 60 * MIN / 150 }];
    const started = Date.now();
    const seen: number[] = [];
    for await (const _ of pacedSource(sourceOf(posts), schedule).posts()) seen.push(Date.now() - started);
    // Three posts at once, then 30 minutes of event time at 150 ms per hour = 75 ms apart.
    expect(seen[2]).toBeLessThan(100);
    expect(seen[4] - seen[2]).toBeGreaterThanOrEqual(140);
    expect(seen[4] - seen[2]).toBeLessThan(400);
  });

  it('finds where an archive\'s burst of posts rises and peaks', async () => {
    const scenario = outageScenario(T0, 180, 8, 20);
    const file = join(dir, 'scenario.jsonl');
    await writeFile(file, toJsonl(scenario.posts));
    const burst = findBurst(await postsPerMinute([file]));
    expect(burst?.rise).toBeGreaterThanOrEqual(scenario.burstStart - 4 * MIN);
    expect(burst?.rise).toBeLessThanOrEqual(scenario.burstStart);
    expect(burst?.peak).toBeGreaterThanOrEqual(scenario.burstStart);
    expect(burst?.peak).toBeLessThan(scenario.end);
  });

  it('finds the bundled sample\'s outage rise at 15:39 UTC', async () => {
    const burst = findBurst(await postsPerMinute(await sampleArchives()));
    expect(burst).toBeDefined();
    expect(Math.abs(burst!.rise - Date.parse('2021-10-04T15:39:00Z'))).toBeLessThanOrEqual(5 * MIN);
  });

  it('slows the demo down from 20 minutes before the rise until an hour after the peak', () => {
    const burst = { rise: T0 + 100 * MIN, peak: T0 + 130 * MIN };
    expect(demoSchedule(burst)).toEqual([
      { fromEventMs: -Infinity, speed: Infinity },
      { fromEventMs: T0 + 80 * MIN, speed: 90 },
      { fromEventMs: T0 + 190 * MIN, speed: 600 },
    ]);
  });

  it('replays the bundled sample\'s files as one stream in event-time order', async () => {
    const demo = await demoSource(await sampleArchives(), { slowSpeed: Infinity, tailSpeed: Infinity });
    let previous = -Infinity;
    let late = 0;
    for await (const post of demo!.posts()) {
      const at = Date.parse(post.createdAt);
      if (at < previous) late++;
      previous = Math.max(previous, at);
    }
    expect(late).toBe(0);
    expect(demo!.stats.posts).toBeGreaterThan(10_000);
  });

  it('publishes full batches and the remainder when the source ends', async () => {
    const queue = new InProcessQueue();
    const sizes: number[] = [];
    await queue.consume(async (batch) => {
      sizes.push(batch.length);
    });
    const posts = outageScenario(T0, 30, 1, 5).posts;
    expect(await pumpSource(sourceOf(posts), queue, { batchSize: 4 })).toBe(posts.length);
    await queue.idle();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(posts.length);
    expect(sizes.slice(0, -1).every((n) => n === 4)).toBe(true);
    await queue.close();
  });
});

describe('LiveService in one process', () => {
  it('replays an archive and shows its outage in outages(), with the batch analysis\'s counts', async () => {
    const scenario = outageScenario();
    const file = join(dir, 'scenario.jsonl');
    await writeFile(file, toJsonl(scenario.posts));
    const service = await LiveService.open({ dataDir: dir, storeDir: join(dir, 'store'), latenessMs: 0, tickMs: 20, analyse: analyseArchives });
    try {
      const started = Date.now();
      service.start([createReplaySource({ paths: [file] })]);
      let outages = await service.outages(0.5);
      while (outages.length === 0 && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 50));
        outages = await service.outages(0.5);
      }
      expect(outages.map((o) => o.service)).toEqual(['whatsapp']);
      await service.queue.idle();
      const report = await analyseArchives([file]);
      const live = await service.store.buckets({ from: 0, to: 8.64e15 });
      const sum = (f: (b: { complaints: number }) => number, list: { complaints: number }[]) => list.reduce((s, b) => s + f(b), 0);
      const whatsapp = report.services.find((s) => s.id === 'whatsapp');
      expect(sum((b) => b.complaints, live)).toBe(report.services.reduce((s, r) => s + r.totals.complaint, 0));
      expect(whatsapp?.totals.complaint).toBeGreaterThan(100);
    } finally {
      await service.stop();
    }
  });
});
