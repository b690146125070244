// Which event times a batch analysis believes (src/batch/event-range.ts): impossible times, and
// clusters of posts far from the bulk of an archive.
import { describe, expect, it } from 'vitest';
import { readArchives } from '../src/sources/archive/index.ts';
import { CLUSTER_GAP_MS, clusterGap, clustersOf, impossibleTime, splitBulk, type Stretch } from '../src/batch/event-range.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-03T12:00:00Z');
const SAMPLE = ['twitter.jsonl.gz', 'mastodon.jsonl.gz', 'csv.gz'].map((f) => `data/sample/2021-10-04.${f}`);

/** One stretch per minute from `start`, holding `posts` posts each. */
function minutes(start: string, count: number, posts = 1): Stretch[] {
  const first = Date.parse(start);
  return Array.from({ length: count }, (_, i) => ({ first: first + i * MINUTE, last: first + i * MINUTE, posts }));
}

function at(time: string, posts = 1): Stretch {
  return { first: Date.parse(time), last: Date.parse(time), posts };
}

function bulkOf(stretches: Stretch[]) {
  return splitBulk(clustersOf(stretches, CLUSTER_GAP_MS), CLUSTER_GAP_MS);
}

describe('impossible event times', () => {
  it('are those before 21 March 2006, the day of the first public post on Twitter', () => {
    expect(impossibleTime(Date.parse('1970-01-01T00:00:00Z'), NOW)).toBe('before 2006-03-21, the first public post on Twitter');
    expect(impossibleTime(Date.parse('2006-03-20T23:59:59Z'), NOW)).toMatch(/^before 2006-03-21/);
    expect(impossibleTime(Date.parse('2006-03-21T00:00:00Z'), NOW)).toBeUndefined();
  });

  it('are those more than a day after the wall clock', () => {
    expect(impossibleTime(NOW + DAY, NOW)).toBeUndefined();
    expect(impossibleTime(NOW + DAY + 1, NOW)).toBe('more than a day after now (2026-12-03T12:00:00.000Z)');
    expect(impossibleTime(Date.parse('2031-01-01T00:00:00Z'), NOW)).toMatch(/^more than a day after now/);
  });
});

describe('clusters of posts in event time', () => {
  it('join posts a day apart and split posts further apart', () => {
    const clusters = clustersOf([at('2021-10-04T10:00:00Z'), at('2021-10-05T10:00:00Z'), at('2021-10-06T10:01:00Z')], CLUSTER_GAP_MS);
    expect(clusters.map((c) => [new Date(c.first).toISOString(), new Date(c.last).toISOString(), c.posts])).toEqual([
      ['2021-10-04T10:00:00.000Z', '2021-10-05T10:00:00.000Z', 2],
      ['2021-10-06T10:01:00.000Z', '2021-10-06T10:01:00.000Z', 1],
    ]);
  });

  it('are the same whatever the order of the stretches, overlapping ones included (one per worker thread)', () => {
    const a = { first: Date.parse('2021-10-04T10:00:00Z'), last: Date.parse('2021-10-04T20:00:00Z'), posts: 50 };
    const b = { first: Date.parse('2021-10-04T12:00:00Z'), last: Date.parse('2021-10-05T02:00:00Z'), posts: 30 };
    const c = at('2021-10-09T00:00:00Z');
    const strip = (list: Stretch[]) => clustersOf(list, CLUSTER_GAP_MS).map(({ first, last, posts }) => ({ first, last, posts }));
    expect(strip([c, b, a])).toEqual(strip([a, b, c]));
    expect(strip([a, b, c])).toEqual([{ first: a.first, last: b.last, posts: 80 }, { first: c.first, last: c.first, posts: 1 }]);
  });

  it('never split a bucket: with buckets longer than a day, the gap is a bucket', () => {
    expect(clusterGap(60_000)).toBe(DAY);
    expect(clusterGap(2 * DAY)).toBe(2 * DAY);
  });
});

describe('the bulk of the posts', () => {
  it('is the whole of the bundled sample, one day of posts', async () => {
    const perMinute = new Map<number, number>();
    for await (const record of readArchives(SAMPLE)) {
      if (record.kind !== 'post') continue;
      const minute = Math.floor(Date.parse(record.post.createdAt) / MINUTE) * MINUTE;
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    const { kept, outliers } = bulkOf([...perMinute].map(([minute, posts]) => ({ first: minute, last: minute, posts })));
    expect(outliers).toEqual([]);
    expect(kept).toHaveLength(1);
    expect(kept[0].posts).toBe([...perMinute.values()].reduce((sum, n) => sum + n, 0));
  }, 60_000);

  it('keeps both days of an archive of two outages a few days apart', () => {
    const monday = minutes('2021-10-04T15:00:00Z', 300, 2);
    const friday = minutes('2021-10-08T09:00:00Z', 120, 1);
    const { kept, outliers } = bulkOf([...monday, ...friday]);
    expect(outliers).toEqual([]);
    expect(kept.map((c) => c.posts)).toEqual([600, 120]);
  });

  it('leaves out a post dated years away from a thousand posts, and says why', () => {
    const day = minutes('2021-10-04T00:00:00Z', 1000);
    const { kept, outliers } = bulkOf([at('2010-06-01T08:00:00Z'), ...day]);
    expect(kept.map((c) => c.posts)).toEqual([1000]);
    expect(outliers.map((o) => o.cluster.posts)).toEqual([1]);
    expect(outliers[0].reason).toBe(
      'far from the bulk of the posts (2021-10-04T00:00Z to 2021-10-04T16:39Z): more than 24 h away, in a cluster of 1 of the 1001 posts (under 1 %)',
    );
  });

  it('leaves out small clusters on both sides, not the small one between two large ones', () => {
    const monday = minutes('2021-10-04T15:00:00Z', 500);
    const friday = minutes('2021-10-08T15:00:00Z', 500);
    const early = at('2021-09-01T00:00:00Z', 3);
    const between = at('2021-10-06T12:00:00Z', 3);
    const late = at('2021-11-20T00:00:00Z', 3);
    const { kept, outliers } = bulkOf([early, ...monday, between, ...friday, late]);
    expect(kept.map((c) => c.posts)).toEqual([500, 3, 500]);
    expect(outliers.map((o) => o.cluster.first)).toEqual([early.first, late.first]);
  });

  it('keeps both posts of a two-post archive, which cannot tell which one is wrong', () => {
    const { kept, outliers } = bulkOf([at('2014-01-01T00:00:00Z'), at('2021-10-04T15:40:00Z')]);
    expect(kept).toHaveLength(2);
    expect(outliers).toEqual([]);
  });

  it('keeps every post of an archive spread thinly over months, which has no bulk to leave posts out of', () => {
    const start = Date.parse('2021-01-01T00:00:00Z');
    const thin = Array.from({ length: 150 }, (_, i) => ({ first: start + i * 2 * DAY, last: start + i * 2 * DAY, posts: i === 70 ? 5 : 1 }));
    const { kept, outliers } = bulkOf(thin);
    expect(kept).toHaveLength(150);
    expect(outliers).toEqual([]);
  });

  it('leaves out at most 5 % of the posts: more outside the large clusters means the archive is spread out', () => {
    const day = minutes('2021-10-04T00:00:00Z', 1000);
    const monthly = Array.from({ length: 60 }, (_, i) => ({ first: Date.parse('2012-01-01T00:00:00Z') + i * 30 * DAY, last: Date.parse('2012-01-01T00:00:00Z') + i * 30 * DAY, posts: 1 }));
    // 50 of 1050 posts is 4.8 %, 60 of 1060 is 5.7 %.
    expect(bulkOf([...day, ...monthly.slice(0, 50)]).outliers).toHaveLength(50);
    expect(bulkOf([...day, ...monthly]).outliers).toEqual([]);
  });

  it('is empty without any post', () => {
    expect(bulkOf([])).toEqual({ kept: [], outliers: [] });
  });
});
