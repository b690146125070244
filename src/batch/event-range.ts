// Which event times of an archive are plausible. Posts lie about their time (a device clock at 1970, a
// date typed by hand, a year off by ten), and the detector steps over every bucket from the first post
// it counts to the last: one post dated 2031 beside posts of 2021 made it step over ten years of
// minutes. A post is therefore out of range when its time is impossible, or when it stands in a small
// cluster of posts far from the bulk of the archive.
import { DAY_MS } from '../model/constants.ts';

/** The first public post on Twitter (21 March 2006, UTC): no social-media post is older. */
export const FIRST_POST_MS = Date.parse('2006-03-21T00:00:00Z');

/** How far past the wall clock a post may be dated: a day covers local times mislabelled as UTC and clocks that run ahead. */
export const FUTURE_SLACK_MS = DAY_MS;

/**
 * More than this between two consecutive posts splits them into two clusters: an outage day, with
 * posts every minute, stays one cluster; a post dated years away stands alone.
 */
export const CLUSTER_GAP_MS = DAY_MS;

/**
 * A cluster with less than this share of the posts, outside the time spanned by the larger ones, is
 * an outlier: 1 % lets the few posts with a wrong clock go, yet keeps a second outage day of an
 * archive whole.
 */
export const OUTLIER_SHARE = 0.01;

/**
 * The outliers together hold at most this share of the posts. When more posts than that lie outside
 * the large clusters, the archive is spread out (a rare keyword over months) rather than lied about,
 * and leaving those posts out would leave out most of it: all are kept.
 */
export const MAX_OUTLIERS_SHARE = 0.05;

/** Why a post at `at` cannot have been posted then, when it cannot (epoch ms; `now` is the wall clock). */
export function impossibleTime(at: number, now: number): string | undefined {
  if (at < FIRST_POST_MS) return 'before 2006-03-21, the first public post on Twitter';
  if (at > now + FUTURE_SLACK_MS) return `more than a day after now (${new Date(now).toISOString()})`;
  return undefined;
}

/** Posts in a stretch of event time: the starts of its first and last buckets (epoch ms), and how many. */
export interface Stretch {
  first: number;
  last: number;
  posts: number;
}

/** The stretches that one cluster joins, and its own first, last and posts. */
export interface Cluster<T extends Stretch> extends Stretch {
  members: T[];
}

/** The gap that splits clusters, for a bucket size: never less than a bucket, so that no bucket holds posts of two clusters. */
export function clusterGap(bucketMs: number): number {
  return Math.max(CLUSTER_GAP_MS, bucketMs);
}

/**
 * Joins stretches of posts (in any order, possibly overlapping) into time-sorted clusters: a stretch
 * joins the cluster before it when it starts at most `gapMs` after that cluster's last bucket.
 */
export function clustersOf<T extends Stretch>(stretches: readonly T[], gapMs: number): Cluster<T>[] {
  const clusters: Cluster<T>[] = [];
  for (const stretch of [...stretches].sort((a, b) => a.first - b.first)) {
    const current = clusters[clusters.length - 1];
    if (current && stretch.first - current.last <= gapMs) {
      current.last = Math.max(current.last, stretch.last);
      current.posts += stretch.posts;
      current.members.push(stretch);
    } else {
      clusters.push({ first: stretch.first, last: stretch.last, posts: stretch.posts, members: [stretch] });
    }
  }
  return clusters;
}

export interface Bulk<T extends Stretch> {
  /** The clusters kept, time-sorted: from the first large one to the last, with the small ones between them. */
  kept: Cluster<T>[];
  /** The small clusters before or after the kept ones, each with why it was dropped. */
  outliers: { cluster: Cluster<T>; reason: string }[];
}

/**
 * Splits time-sorted clusters (from `clustersOf`) into the bulk of the posts and the outliers far from
 * it: the clusters before the first large one (holding at least OUTLIER_SHARE of the posts) and after
 * the last, as long as they hold together at most MAX_OUTLIERS_SHARE of the posts. Small clusters
 * between two large ones are kept, since the detector steps over their time anyway. In an archive of
 * fewer than 1 / OUTLIER_SHARE posts every cluster is large: only the hard bounds of `impossibleTime`
 * apply.
 */
export function splitBulk<T extends Stretch>(clusters: readonly Cluster<T>[], gapMs: number): Bulk<T> {
  const total = clusters.reduce((sum, c) => sum + c.posts, 0);
  const largeAt = clusters.flatMap((c, i) => (c.posts >= OUTLIER_SHARE * total ? [i] : []));
  const from = largeAt[0] ?? 0;
  const to = largeAt[largeAt.length - 1] ?? clusters.length - 1;
  const outside = [...clusters.slice(0, from), ...clusters.slice(to + 1)];
  if (outside.reduce((sum, c) => sum + c.posts, 0) > MAX_OUTLIERS_SHARE * total) return { kept: [...clusters], outliers: [] };
  const kept = clusters.slice(from, to + 1);
  if (kept.length === 0) return { kept, outliers: [] };
  const span = `${minute(kept[0].first)} to ${minute(kept[kept.length - 1].last)}`;
  const outliers = outside.map((cluster) => ({
    cluster,
    reason:
      `far from the bulk of the posts (${span}): more than ${gapMs / 3_600_000} h away, ` +
      `in a cluster of ${cluster.posts} of the ${total} posts (under ${OUTLIER_SHARE * 100} %)`,
  }));
  return { kept, outliers };
}

function minute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}
