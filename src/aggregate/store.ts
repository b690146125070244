// The Store: where closed buckets, dedupe claims and JSON state (detector, incidents, reports) live.
import type { Bucket } from '../model/types.ts';
import type { BucketDelta } from './tally.ts';

export type { BucketDelta } from './tally.ts';

/** Buckets of one service and/or region whose start lies in [from, to) (epoch ms). */
export interface BucketQuery {
  service?: string;
  region?: string;
  from: number;
  to: number;
}

/**
 * Counting stays exact under at-least-once delivery by a two-step protocol (see `countBatch`):
 * 1. `claim(keys, owner)`: a post key (`dedupeKey`: `source:id`) is won by the first owner to claim it; the same
 *    owner (a batch id) wins it again on a retry, so a batch that died after claiming loses nothing.
 * 2. `addBuckets(deltas, commitId)`: adds all deltas atomically and at most once per commit id, so a
 *    batch that died after adding (before its job was acknowledged) does not count twice.
 * 3. `release(keys, owner)`: a batch that dead-letters gives its claims up, unless it committed, so the
 *    same posts sent again later are counted and not dropped as duplicates for the dedupe window.
 */
export interface Store {
  /** For each key: true when this owner holds it (first claim, or a repeat by the same owner). A key repeated within one call is true once. Without an owner each call is its own owner. */
  claim(keys: string[], owner?: string): Promise<boolean[]>;
  /** Deletes the claims `owner` holds among `keys`, in one step with the check that `owner` never committed (then nothing is released). Returns the keys released. */
  release(keys: string[], owner: string): Promise<number>;
  /** Merge-adds counts (distinct authors as sets); false, and nothing added, when `commitId` was already committed. */
  addBuckets(buckets: BucketDelta[], commitId?: string): Promise<boolean>;
  /** Stored buckets, sorted by start, service, region. */
  buckets(query: BucketQuery): Promise<Bucket[]>;
  /** JSON state: detector state, incidents, reports, baselines. */
  putJson(key: string, value: unknown): Promise<void>;
  /** The value stored under `key`; the caller knows (or parses) its shape. */
  getJson<T>(key: string): Promise<T | undefined>;
  close(): Promise<void>;
}

export interface StoreConfig {
  /** When set, Redis holds the data; otherwise the embedded store does, in `dataDir`. */
  redisUrl?: string;
  dataDir: string;
  /** Redis key prefix. Default `or:`. */
  prefix?: string;
  /** How long a bucket lives after its last write (ms). Default 14 days. */
  retentionMs?: number;
  /** How long claims and commits are remembered (ms): the window in which a repeated post or batch is recognised. Default 2 days. */
  dedupeMs?: number;
  /** Complaint post ids kept per bucket. Default 5. */
  examplesPerBucket?: number;
}

export const DEFAULT_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;
/** Repeats come from redeliveries and reconnecting sources (minutes to hours); one claim per post for 14 days would outweigh the buckets. */
export const DEFAULT_DEDUPE_MS = 2 * 24 * 60 * 60 * 1000;

/** Sets to false every repeat of a key within one claim, so one call never wins a key twice. */
export function firstOccurrencesOnly(keys: string[], claimed: boolean[]): boolean[] {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    if (seen.has(keys[i])) claimed[i] = false;
    else seen.add(keys[i]);
  }
  return claimed;
}
