// Counts classified posts per service x region x time bucket, on the hot path of batch analysis.
import type { ClassifiedPost } from '../model/types.ts';
import { DEFAULT_EXAMPLES_PER_BUCKET, compareBuckets, complaintTextHash, type BucketDelta } from './tally.ts';
import { CompactBucket } from './compact-bucket.ts';
import { DEFAULT_BUCKET_MS } from '../model/constants.ts';

export interface AggregatorOptions {
  /** Complaint post ids kept per bucket as incident examples. Default 5. */
  examplesPerBucket?: number;
}

/**
 * Per service x region x bucket of EVENT time (`post.createdAt`):
 * - `complaints`, `noise` by label, `negative` (negative sentiment) count every mention;
 * - `authors` (distinct), `textKeys` (distinct normalised texts), `languages`, `symptoms` and
 *   `examplePostIds` describe complaints only.
 * A post counts once in every distinct service it names, in `verdict.region.country`.
 */
/** A service x region: the cells of one minute are found by its number. */
interface CellPair {
  number: number;
  service: string;
  region: string;
}

export class Aggregator {
  readonly bucketMs: number;
  private readonly examplesPerBucket: number;
  /**
   * start -> pair number -> cell: numeric outer key, so closing old minutes is one pass, and one Map
   * per minute, not one per service and minute (those Maps were a quarter of a batch analysis's heap).
   */
  private readonly byStart = new Map<number, Map<number, CompactBucket>>();
  /**
   * service -> region -> the pair: its number, given in order of first sight, and its names, which
   * every cell of the pair shares (a verdict's names are strings of their own, one per post). One entry
   * per pair ever counted.
   */
  private readonly pairs = new Map<string, Map<string, CellPair>>();
  private pairCount = 0;

  constructor(bucketMs = DEFAULT_BUCKET_MS, options: AggregatorOptions = {}) {
    if (!Number.isInteger(bucketMs) || bucketMs <= 0) {
      throw new RangeError(`bucketMs must be a positive integer of milliseconds, got ${bucketMs}`);
    }
    this.bucketMs = bucketMs;
    this.examplesPerBucket = options.examplesPerBucket ?? DEFAULT_EXAMPLES_PER_BUCKET;
  }

  /** The start (epoch ms) of the bucket holding an event time. */
  bucketStart(eventMs: number): number {
    return eventMs - (((eventMs % this.bucketMs) + this.bucketMs) % this.bucketMs);
  }

  /**
   * Counts one post; returns false (and counts nothing) when its verdict names no service.
   * `eventMs`: `Date.parse(post.createdAt)` when the caller has it already.
   */
  add(cp: ClassifiedPost, eventMs = Date.parse(cp.post.createdAt)): boolean {
    const { post, verdict } = cp;
    const services = verdict.services;
    if (services.length === 0) return false;
    if (Number.isNaN(eventMs)) {
      throw new RangeError(`post ${post.source}:${post.id} has createdAt "${post.createdAt}", which is not an ISO 8601 time`);
    }
    const start = this.bucketStart(eventMs);
    const region = verdict.region.country;
    const label = verdict.label;
    const isComplaint = label === 'complaint';
    const isNegative = verdict.sentiment.label === 'negative';
    // Author keys carry the source: the same numeric id on two networks is two people.
    const authorKey = isComplaint
      ? post.author ? `${post.source}:${post.author.id}` : `${post.source}:post:${post.id}`
      : '';
    const textHash = isComplaint ? complaintTextHash(post) : 0;

    let cells = this.byStart.get(start);
    if (cells === undefined) {
      cells = new Map();
      this.byStart.set(start, cells);
    }
    for (let i = 0; i < services.length; i++) {
      const service = services[i];
      if (i > 0 && services.indexOf(service) < i) continue;
      const pair = this.pairOf(service, region);
      let cell = cells.get(pair.number);
      if (cell === undefined) {
        cell = new CompactBucket(pair.service, pair.region, start);
        cells.set(pair.number, cell);
      }
      if (isNegative) cell.negative++;
      if (label === 'complaint') cell.addComplaint(authorKey, textHash, verdict.lang, verdict.symptoms, post.id, this.examplesPerBucket);
      else cell.addNoise(label);
    }
    return true;
  }

  /** Number of open service x region x bucket cells. */
  get size(): number {
    let count = 0;
    for (const cells of this.byStart.values()) count += cells.size;
    return count;
  }

  /** Open cells per service: the detection's load. */
  cellsPerService(): Map<string, number> {
    const load = new Map<string, number>();
    for (const cells of this.byStart.values()) for (const { service } of cells.values()) load.set(service, (load.get(service) ?? 0) + 1);
    return load;
  }

  /** Every bucket, sorted by time then service then region; copies, so counting can go on. */
  buckets(): BucketDelta[] {
    return this.collect(() => true, false);
  }

  /** Removes and returns the buckets that start before `time` (epoch ms), sorted like `buckets()`. */
  takeBefore(time: number): BucketDelta[] {
    return this.collect((start) => start < time, true);
  }

  private collect(wanted: (start: number) => boolean, remove: boolean): BucketDelta[] {
    const out: BucketDelta[] = [];
    for (const [start, cells] of this.byStart) {
      if (!wanted(start)) continue;
      for (const cell of cells.values()) out.push(cell.toDelta());
      if (remove) this.byStart.delete(start);
    }
    return out.sort(compareBuckets);
  }

  private pairOf(service: string, region: string): CellPair {
    let regions = this.pairs.get(service);
    if (regions === undefined) {
      regions = new Map();
      this.pairs.set(service, regions);
    }
    let pair = regions.get(region);
    if (pair === undefined) {
      pair = { number: this.pairCount++, service, region };
      regions.set(region, pair);
    }
    return pair;
  }
}
