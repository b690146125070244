// Archive replay: posts of archive files in event-time order, at real or accelerated speed. Several
// files (a folder holds one per network, each covering the whole day) are merged by event time.
import type { Post } from '../model/types.ts';
import { expandInputs, readArchiveBatches, type ArchiveRecord, type ReadOptions } from './archive/index.ts';
import { sleep } from '../util/timing.ts';
import { mergeByTime } from './merge.ts';
import { emptyStats, reportMalformed, type Source, type SourceCallbacks, type SourceStats } from './source.ts';

/**
 * `original` keeps event times; `shift` moves them all by one offset so the first post is "now"
 * (rates per minute stay exactly as recorded); `wallclock` stamps each post with the moment it is
 * emitted (looks live, but an accelerated replay then packs `speed` minutes into one).
 */
export type ReplayTimestamps = 'original' | 'shift' | 'wallclock';

export interface ReplayOptions extends SourceCallbacks {
  /** Archive files, folders (their archive files) or globs, as `expandInputs` reads them. */
  paths: string[];
  /** Label for logs and metrics. Default `replay:<path>` or `replay:<n> files`. */
  name?: string;
  /** Event time per wall time: 1 = real time, 60 = an hour per minute, Infinity (default) = as fast as possible. */
  speed?: number;
  timestamps?: ReplayTimestamps;
  /** Posts held back per file to put a nearly sorted archive in order; a post later than this many is emitted late. Default 1000. */
  reorderWindow?: number;
  /**
   * How to read the files. A post repeated (the same `source:id` twice, in one file or in several) is
   * replayed twice: the live path dedupes once, where it counts (the store's claim, see
   * pipeline/count-batch.ts), so a repeat counts once however it arrives.
   */
  archive?: Omit<ReadOptions, 'dedupe'>;
}

export function createReplaySource(options: ReplayOptions): Source {
  const stats = emptyStats();
  return {
    name: options.name ?? `replay:${options.paths.length === 1 ? options.paths[0] : `${options.paths.length} files`}`,
    stats,
    posts: (signal) => replay(options, stats, signal),
  };
}

async function* replay(options: ReplayOptions, stats: SourceStats, signal: AbortSignal | undefined): AsyncGenerator<Post> {
  const { speed = Infinity, timestamps = 'original' } = options;
  if (!(speed > 0)) throw new RangeError(`replay speed must be > 0, got ${speed}`);
  const files = await expandInputs(options.paths);
  if (files.length === 0) throw new Error(`replay: no archive file (.jsonl, .ndjson, .json, .csv, optionally .gz) in ${options.paths.join(', ')}`);
  const ordered = mergeByTime(
    files.map((file) => fileInOrder(file, options, stats, signal)),
    (entry) => entry.time,
  );
  let clock: { eventStart: number; wallStart: number } | undefined;
  for await (const entry of ordered) {
    clock ??= { eventStart: entry.time, wallStart: Date.now() };
    if (Number.isFinite(speed)) await sleep(clock.wallStart + (entry.time - clock.eventStart) / speed - Date.now(), signal);
    if (signal?.aborted) return;
    stats.posts += 1;
    yield retimed(entry, timestamps, clock);
  }
}

/** The posts of one file in event-time order, within the reorder window. */
async function* fileInOrder(
  file: string,
  options: ReplayOptions,
  stats: SourceStats,
  signal: AbortSignal | undefined,
): AsyncGenerator<TimedPost> {
  const reorderWindow = options.reorderWindow ?? 1000;
  const pending = new TimeOrderedQueue();
  let arrivals = 0;
  for await (const batch of readArchiveBatches([file], { ...options.archive, dedupe: false })) {
    for (const record of batch) {
      const entry = timedPost(record, arrivals++, stats, options);
      if (!entry) continue;
      pending.push(entry);
      if (pending.size > reorderWindow) yield pending.pop();
    }
    if (signal?.aborted) return;
  }
  while (pending.size > 0 && !signal?.aborted) yield pending.pop();
}

interface TimedPost {
  post: Post;
  time: number;
  /** Arrival order: equal times keep the archive's order. */
  seq: number;
}

function timedPost(record: ArchiveRecord, seq: number, stats: SourceStats, callbacks: SourceCallbacks): TimedPost | undefined {
  // The reader does not dedupe here (`dedupe: false`): a 'duplicate' record cannot come.
  if (record.kind === 'duplicate') return undefined;
  if (record.kind === 'malformed') {
    reportMalformed(stats, callbacks, `${record.file}:${record.line}: ${record.reason}`, record);
    return undefined;
  }
  const time = Date.parse(record.post.createdAt);
  if (Number.isNaN(time)) {
    reportMalformed(stats, callbacks, `${record.file}:${record.line}: no event time (createdAt "${record.post.createdAt}")`, record);
    return undefined;
  }
  if (record.truncatedFrom !== undefined) stats.truncated += 1;
  return { post: record.post, time, seq };
}

function retimed(entry: TimedPost, timestamps: ReplayTimestamps, clock: { eventStart: number; wallStart: number }): Post {
  if (timestamps === 'original') return entry.post;
  const at = timestamps === 'shift' ? entry.time + (clock.wallStart - clock.eventStart) : Date.now();
  return { ...entry.post, createdAt: new Date(at).toISOString() };
}

/** A binary min-heap on (time, seq). */
class TimeOrderedQueue {
  private readonly heap: TimedPost[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: TimedPost): void {
    const heap = this.heap;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  pop(): TimedPost {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as TimedPost;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: TimedPost, b: TimedPost): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
