// A worker thread of a parallel batch analysis. It reads every record of the archives and counts the
// posts of its share (see share.ts), reporting progress as it goes and its result at the end; then,
// when asked, it runs the detector over one group of services.
import { parentPort, workerData } from 'node:worker_threads';
import type { Bucket } from '../model/types.ts';
import { ArchiveError, readArchiveBatches } from '../sources/archive/index.ts';
import { createPostClassifier } from '../pipeline/classify-post.ts';
import type { StepRange } from '../pipeline/step-detector.ts';
import { Share, type ShareIndex, type ShareResult, type ShareSettings } from './share.ts';
import { detect, type Detection } from './detection.ts';

export interface WorkerInput {
  settings: ShareSettings;
  share: ShareIndex;
}

/** What the main thread asks after the reading: detect these buckets (one group of services) over this range. */
export interface DetectRequest {
  type: 'detect';
  buckets: Bucket[];
  range: StepRange;
}

export type WorkerMessage =
  | { type: 'progress'; lines: number; posts: number }
  | { type: 'share'; result: ShareResult }
  | { type: 'detection'; detection: Detection }
  | { type: 'error'; message: string; archive?: { file: string; reason: string } };

const port = parentPort;
if (!port) throw new Error('analyse-worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;

function fail(error: unknown): void {
  const archive = error instanceof ArchiveError ? { file: error.file, reason: error.reason } : undefined;
  port!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), archive } satisfies WorkerMessage);
}

port.on('message', (request: DetectRequest) => {
  try {
    port.postMessage({ type: 'detection', detection: detect(request.buckets, input.settings.bucketMs, request.range) } satisfies WorkerMessage);
  } catch (error) {
    fail(error);
  }
});

try {
  const classify = createPostClassifier();
  const share = new Share(input.settings, input.share);
  for await (const batch of readArchiveBatches(input.settings.paths, { dedupe: false })) {
    share.accept(batch, classify);
    port.postMessage({ type: 'progress', lines: share.stats.lines, posts: share.stats.parsed } satisfies WorkerMessage);
  }
  port.postMessage({ type: 'share', result: share.result() } satisfies WorkerMessage);
} catch (error) {
  fail(error);
}
