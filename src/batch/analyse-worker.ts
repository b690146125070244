// A worker thread of a parallel batch analysis. It reads every record of the archives and counts the
// posts of its share (see share.ts), reporting progress as it goes and a summary at the end (its
// buckets stay here). Then, told how the services are split into one group per worker, it detects its
// group chunk after chunk of time: for each chunk it sends each other worker the buckets of that
// worker's group, merges its own group's buckets with those the others send, and steps the detector.
// Buckets thus cross threads once, worker to worker and in parallel, and only a chunk of them at a time.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { BucketDelta } from '../aggregate/tally.ts';
import type { Aggregator } from '../aggregate/aggregator.ts';
import { ArchiveError } from '../sources/archive/index.ts';
import type { StepRange } from '../pipeline/step-detector.ts';
import { mergeBuckets, readShare, type ShareIndex, type ShareSettings, type ShareSummary } from './share.ts';
import { detectInChunks, groupIndex, type Detection } from './detection.ts';
import { errorMessage } from '../util/error-message.ts';

export interface WorkerInput {
  settings: ShareSettings;
  share: ShareIndex;
  /** A port to each other worker, by its index (null at this worker's own index). */
  peers: (MessagePort | null)[];
}

/** What the main thread asks after the reading: detect group `share.index` of `groups`, over `range`. */
export interface DetectRequest {
  type: 'detect';
  /** Service ids per worker. */
  groups: string[][];
  range: StepRange;
}

/** What a worker sends another: its buckets of the services of the other's group. */
export interface PeerBuckets {
  buckets: BucketDelta[];
}

export type WorkerMessage =
  | { type: 'progress'; lines: number; posts: number }
  | { type: 'share'; summary: ShareSummary }
  | { type: 'detection'; detection: Detection }
  | { type: 'error'; message: string; archive?: { file: string; reason: string } };

const port = parentPort;
if (!port) throw new Error('analyse-worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;
const { index } = input.share;

function fail(error: unknown): void {
  const archive = error instanceof ArchiveError ? { file: error.file, reason: error.reason } : undefined;
  port!.postMessage({ type: 'error', message: errorMessage(error), archive } satisfies WorkerMessage);
}

/** A port's messages in the order they came, taken one at a time. */
class Inbox<T> {
  private readonly arrived: T[] = [];
  private readonly waiting: ((message: T) => void)[] = [];

  constructor(port: MessagePort) {
    port.on('message', (message: T) => {
      const taker = this.waiting.shift();
      if (taker) taker(message);
      else this.arrived.push(message);
    });
  }

  next(): Promise<T> {
    return this.arrived.length > 0 ? Promise.resolve(this.arrived.shift()!) : new Promise((resolve) => this.waiting.push(resolve));
  }
}

// Listening from the start: a faster worker may send its buckets before this one has finished reading.
const fromPeers = input.peers.map((peer) => (peer ? new Inbox<PeerBuckets>(peer) : undefined));

/**
 * Detects this worker's group of services, chunk after chunk of time: each chunk's cells leave the
 * aggregator, the other groups' go to their workers, and this group's merge with those the others
 * send for the same chunk. So only one chunk of buckets is ever held as objects, and each crosses
 * threads once, worker to worker.
 */
function detectGroup(aggregator: Aggregator, request: DetectRequest): Promise<Detection> {
  const groupOf = groupIndex(request.groups);
  return detectInChunks(input.settings.bucketMs, request.range, async (until) => {
    const outgoing = request.groups.map(() => [] as BucketDelta[]);
    for (const b of aggregator.takeBefore(until)) outgoing[groupOf.get(b.service) ?? index].push(b);
    input.peers.forEach((peer, i) => peer?.postMessage({ buckets: outgoing[i] } satisfies PeerBuckets));
    const received = await Promise.all(fromPeers.map((inbox) => inbox?.next() ?? { buckets: outgoing[index] }));
    // In share order, as a merge on one thread would do: a cell's examples are the first ones merged.
    return mergeBuckets(received.map((m) => m.buckets));
  });
}

async function run(): Promise<void> {
  const { summary, aggregator } = await readShare(input.settings, input.share, (stats) =>
    port!.postMessage({ type: 'progress', lines: stats.lines, posts: stats.parsed } satisfies WorkerMessage),
  );
  // `on`, not `once`: the listener keeps this thread alive until the pool ends it, so that it does not
  // exit by itself after its answer (which the pool would take for a crash).
  const request = new Promise<DetectRequest>((resolve) => port!.on('message', resolve));
  port!.postMessage({ type: 'share', summary } satisfies WorkerMessage);
  const detection = await detectGroup(aggregator, await request);
  for (const peer of input.peers) peer?.close();
  port!.postMessage({ type: 'detection', detection } satisfies WorkerMessage);
}

run().catch(fail);
