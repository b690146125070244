// A worker thread of a parallel batch analysis. It reads every record of the archives and counts the
// posts of its share (see share.ts), reporting progress as it goes and a summary at the end (its
// buckets stay here). Then, told how the services are split into one group per worker, it sends each
// other worker the buckets of that worker's group, merges its own group's buckets with those the
// others send, detects them and answers with the detection. Buckets thus cross threads once, worker to
// worker and in parallel, instead of all of them through the main thread twice.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { BucketDelta } from '../aggregate/tally.ts';
import type { Aggregator } from '../aggregate/aggregator.ts';
import { ArchiveError, readArchiveBatches } from '../sources/archive/index.ts';
import { createPostClassifier } from '../pipeline/classify-post.ts';
import type { StepRange } from '../pipeline/step-detector.ts';
import { Share, mergeBuckets, type ShareIndex, type ShareSettings, type ShareSummary } from './share.ts';
import { detect, groupIndex, type Detection } from './detection.ts';

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
  port!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), archive } satisfies WorkerMessage);
}

// Listening from the start: a faster worker may send its buckets before this one has finished reading.
const fromPeers = input.peers.map((peer) =>
  peer
    ? new Promise<PeerBuckets>((resolve) => {
        peer.once('message', resolve);
      })
    : undefined,
);

/**
 * Sends each other worker its group's buckets and returns this worker's own. The cells leave the
 * aggregator as they are copied, and the copies sent are freed once posted: the buckets are never all
 * held twice.
 */
function exchange(aggregator: Aggregator, request: DetectRequest): BucketDelta[] {
  const groupOf = groupIndex(request.groups);
  const outgoing = request.groups.map(() => [] as BucketDelta[]);
  const mine: BucketDelta[] = [];
  for (const b of aggregator.takeBefore(Infinity)) {
    const group = groupOf.get(b.service) ?? index;
    (group === index ? mine : outgoing[group]).push(b);
  }
  input.peers.forEach((peer, i) => {
    peer?.postMessage({ buckets: outgoing[i] } satisfies PeerBuckets);
    outgoing[i] = [];
  });
  return mine;
}

async function detectGroup(aggregator: Aggregator, request: DetectRequest): Promise<Detection> {
  const mine = exchange(aggregator, request);
  const received = await Promise.all(fromPeers.map((p) => p ?? { buckets: mine }));
  for (const peer of input.peers) peer?.close();
  // In share order, as a merge on one thread would do: a cell's examples are the first ones merged.
  return detect(mergeBuckets(received.map((m) => m.buckets)), input.settings.bucketMs, request.range);
}

/** Reads and counts this worker's share; only its summary and aggregator outlive it (not the dedupe set). */
async function count(): Promise<{ summary: ShareSummary; aggregator: Aggregator }> {
  const classify = createPostClassifier();
  const share = new Share(input.settings, input.share);
  for await (const batch of readArchiveBatches(input.settings.paths, { dedupe: false })) {
    share.accept(batch, classify);
    port!.postMessage({ type: 'progress', lines: share.stats.lines, posts: share.stats.parsed } satisfies WorkerMessage);
  }
  return { summary: share.summary(), aggregator: share.aggregator };
}

async function run(): Promise<void> {
  const { summary, aggregator } = await count();
  // `on`, not `once`: the listener keeps this thread alive until the pool ends it, so that it does not
  // exit by itself after its answer (which the pool would take for a crash).
  const request = new Promise<DetectRequest>((resolve) => port!.on('message', resolve));
  port!.postMessage({ type: 'share', summary } satisfies WorkerMessage);
  const detection = await detectGroup(aggregator, await request);
  port!.postMessage({ type: 'detection', detection } satisfies WorkerMessage);
}

run().catch(fail);
