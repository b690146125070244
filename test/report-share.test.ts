// Shares of a batch analysis (src/batch/share.ts) and detection by groups of services
// (src/batch/detection.ts): splitting the work must not change a single count or signal.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchiveBatches, type ArchiveRecord } from '../src/sources/archive/index.ts';
import { createPostClassifier } from '../src/pipeline/classify-post.ts';
import { Share, countBulk, mergeBuckets, mergeShares, shareOf, type BulkCounts, type ShareResult, type ShareSettings } from '../src/batch/share.ts';
import { DETECTION_CHUNK_STEPS, detect, detectInChunks, groupServices, mergeDetections, splitByService, stepRangeOf } from '../src/batch/detection.ts';
import type { BucketDelta } from '../src/aggregate/tally.ts';
import { analyseArchives, workerHeapLimitMb } from '../src/batch/analyse.ts';
import { ArchiveError } from '../src/sources/archive/index.ts';

const SAMPLE = 'data/sample/2021-10-04.mastodon.jsonl.gz';
const classify = createPostClassifier();

async function records(paths: string[]): Promise<ArchiveRecord[][]> {
  const batches: ArchiveRecord[][] = [];
  for await (const batch of readArchiveBatches(paths, { dedupe: false })) batches.push(batch);
  return batches;
}

function analyse(settings: ShareSettings, batches: ArchiveRecord[][], count: number): ShareResult {
  const results = Array.from({ length: count }, (_, index) => {
    const share = new Share(settings, { index, count });
    for (const batch of batches) share.accept(batch, classify);
    return share.result();
  });
  return mergeShares(results);
}

describe('shares of an analysis', () => {
  it('gives every key to exactly one share, the same one each time', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[shareOf(`twitter:${i}`, 3)]++;
    for (const n of counts) expect(n).toBeGreaterThan(800);
    expect(shareOf('mastodon:42', 3)).toBe(shareOf('mastodon:42', 3));
    expect(shareOf('anything', 1)).toBe(0);
  });

  let one: ShareResult;
  let three: ShareResult;
  let oneBulk: BulkCounts;
  let threeBulk: BulkCounts;
  beforeAll(async () => {
    // The sample plus a second file repeating some of its posts and holding a malformed line.
    const dir = mkdtempSync(join(tmpdir(), 'or-share-'));
    const extra = join(dir, 'again.jsonl');
    const again = (await records([SAMPLE])).flat().filter((r) => r.kind === 'post').slice(0, 50);
    writeFileSync(extra, [...again.map((r) => JSON.stringify(r.kind === 'post' ? r.post : {})), '{broken'].join('\n') + '\n');
    const settings: ShareSettings = { paths: [SAMPLE, extra], range: {}, bucketMs: 60_000, now: Date.parse('2026-01-01T00:00:00Z') };
    const batches = await records(settings.paths);
    one = analyse(settings, batches, 1);
    three = analyse(settings, batches, 3);
    oneBulk = countBulk(one, settings.bucketMs);
    threeBulk = countBulk(three, settings.bucketMs);
  }, 60_000);

  it('counts lines, posts, duplicates and malformed lines the same in three shares as in one', () => {
    expect(three.stats).toEqual(one.stats);
    expect(threeBulk.stats).toEqual(oneBulk.stats);
    expect(one.stats.duplicates).toBeGreaterThanOrEqual(50);
    expect(one.stats.files[1]).toMatchObject({ lines: 51, posts: 0, duplicates: 50, malformed: 1 });
  });

  it('merges buckets and per-service totals to the same counts', () => {
    const strip = (r: ShareResult) => r.buckets.map((b) => ({ ...b, authorIds: [...b.authorIds].sort(), examplePostIds: [] }));
    expect(strip(three)).toEqual(strip(one));
    expect([...threeBulk.services.keys()].sort()).toEqual([...oneBulk.services.keys()].sort());
    for (const [id, s] of oneBulk.services) {
      const t = threeBulk.services.get(id)!;
      expect(t.labels).toEqual(s.labels);
      expect(t.sentiment).toEqual(s.sentiment);
      expect(new Map([...t.symptoms].sort())).toEqual(new Map([...s.symptoms].sort()));
      expect(t.examples).toEqual(s.examples);
      for (const [region, r] of s.regions) {
        expect(t.regions.get(region)).toMatchObject({ mentions: r.mentions, complaints: r.complaints });
        expect(t.regions.get(region)!.authors).toEqual(r.authors);
      }
    }
  });

  it('detects the same signals and incidents by groups of services as all at once', () => {
    const range = stepRangeOf(one.buckets, 60_000);
    const whole = detect(one.buckets, 60_000, range);
    const groups = splitByService(one.buckets, 3);
    expect(groups.every((g) => g.length > 0)).toBe(true);
    const services = groups.map((g) => new Set(g.map((b) => b.service)));
    expect(services[0]!.size + services[1]!.size + services[2]!.size).toBe(new Set(one.buckets.map((b) => b.service)).size);
    const split = mergeDetections(groups.map((g) => detect(g, 60_000, range)));
    expect(split.steps).toBe(whole.steps);
    expect(new Map([...split.global].sort())).toEqual(new Map([...whole.global].sort()));
    expect(new Map([...split.peakConfidence].sort())).toEqual(new Map([...whole.peakConfidence].sort()));
    const order = (list: typeof whole.incidents) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(order(split.incidents)).toEqual(order(whole.incidents));
    expect(whole.incidents.length).toBeGreaterThan(0);
  });
});

describe('detection chunk after chunk of time', () => {
  it('detects the same signals, totals and incidents, in the same order, as over all buckets at once', async () => {
    const settings: ShareSettings = { paths: [SAMPLE], range: {}, bucketMs: 60_000, now: Date.parse('2026-01-01T00:00:00Z') };
    const { buckets } = analyse(settings, await records([SAMPLE]), 1);
    const range = stepRangeOf(buckets, 60_000);
    expect(range.steps).toBeGreaterThan(3 * DETECTION_CHUNK_STEPS);
    const whole = detect(buckets, 60_000, range);
    let given = 0;
    const chunked = await detectInChunks(60_000, range, (until) => {
      const from = given;
      while (given < buckets.length && buckets[given].start < until) given++;
      return buckets.slice(from, given);
    });
    expect(given).toBe(buckets.length);
    expect(chunked).toEqual(whole);
    expect(chunked.incidents.map((i) => i.id)).toEqual(whole.incidents.map((i) => i.id));
    expect(whole.incidents.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('merging the buckets of shares', () => {
  it('adds up counters whose keys are names of Object properties, such as a symptom called "constructor"', () => {
    const cell = (authorIds: string[], symptoms: Record<string, number>): BucketDelta => ({
      service: 's', region: 'NL', start: 0, complaints: 1, noise: { news: 0, joke: 0, other: 0 }, negative: 0,
      authors: authorIds.length, languages: { en: 1 }, symptoms, examplePostIds: [], authorIds, textKeys: ['a'],
    });
    const [merged] = mergeBuckets([[cell(['a'], { constructor: 1, toString: 2 })], [cell(['b', 'a'], { constructor: 1 })]]);
    expect(merged.symptoms).toEqual({ constructor: 2, toString: 2 });
    expect([merged.authors, merged.authorIds, merged.textKeys]).toEqual([2, ['a', 'b'], ['a']]);
  });
});

describe('groups of services for the detection', () => {
  it('puts every service in one group, the heaviest first, each where the load is least', () => {
    const load = new Map([['a', 10], ['b', 7], ['c', 5], ['d', 4], ['e', 1]]);
    const groups = groupServices(load, 2);
    expect(groups).toEqual([['a', 'd'], ['b', 'c', 'e']]);
    expect(groupServices(new Map([...load].reverse()), 2)).toEqual(groups);
    expect(groupServices(load, 3).flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(groupServices(new Map(), 2)).toEqual([[], []]);
  });
});

describe('the worker threads of an analysis', () => {
  it('report no service and no incident, as one thread does, when no post falls in the time range', async () => {
    const from = Date.parse('2030-01-01T00:00:00Z');
    const [threaded, inThread] = await Promise.all([analyseArchives([SAMPLE], { workers: 2, from }), analyseArchives([SAMPLE], { workers: 0, from })]);
    expect(threaded.input.outOfRange).toBe(threaded.input.parsed);
    expect(threaded.input).toEqual(inThread.input);
    expect([threaded.services, threaded.incidents]).toEqual([[], []]);
    expect([inThread.services, inThread.incidents]).toEqual([[], []]);
  }, 60_000);

  it('start the analysis again without a heap limit when a worker runs out of it, and report the same', async () => {
    // 8 MB is less than a worker needs to load its modules: every worker of the first attempt runs out.
    const [starved, plain] = await Promise.all([analyseArchives([SAMPLE], { workers: 2, workerHeapMb: 8 }), analyseArchives([SAMPLE], { workers: 2 })]);
    const comparable = (r: typeof plain) => ({ ...r, generatedAt: undefined, timing: undefined });
    expect(comparable(starved)).toEqual(comparable(plain));
    expect(starved.input.parsed).toBeGreaterThan(0);
  }, 120_000);

  it('limit each worker heap to 1 GB, more when its share of the text is over a quarter of that, counting .gz ten times its size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-heap-'));
    // Sparse files: only their sizes count.
    const file = (name: string, mb: number) => {
      const path = join(dir, name);
      writeFileSync(path, '');
      truncateSync(path, mb * 2 ** 20);
      return path;
    };
    expect(workerHeapLimitMb([file('small.jsonl', 100)], 2)).toBe(1024);
    expect(workerHeapLimitMb([file('large.jsonl', 1000)], 2)).toBe(2000);
    expect(workerHeapLimitMb([file('packed.jsonl.gz', 100)], 2)).toBe(2000);
    expect(workerHeapLimitMb([join(dir, 'missing.jsonl')], 2)).toBe(1024);
  });

  it('reject with the archive error of a worker and stop the others', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'or-share-')), 'missing.jsonl');
    const failing = analyseArchives([SAMPLE, missing], { workers: 2 });
    await expect(failing).rejects.toThrow(ArchiveError);
    await expect(failing).rejects.toThrow(/missing\.jsonl: cannot open/);
  }, 60_000);
});
