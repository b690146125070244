// A worker thread of a parallel batch analysis: reads its partition of the archive lines,
// classifies them and sends the results back in batches.
import { parentPort, workerData } from 'node:worker_threads';
import { ArchiveError, readArchiveBatches } from '../sources/archive/index.ts';
import { createPostClassifier } from '../pipeline/classify-post.ts';
import { classifyRecords, type AnalysedRecord, type TimeRange } from './classify-records.ts';

export interface WorkerInput {
  paths: string[];
  partition: { index: number; count: number };
  range: TimeRange;
}

export type WorkerMessage =
  | { type: 'records'; records: AnalysedRecord[] }
  | { type: 'done' }
  | { type: 'error'; message: string; archive?: { file: string; reason: string } };

const port = parentPort;
if (!port) throw new Error('analyse-worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;

try {
  const classify = createPostClassifier();
  for await (const batch of readArchiveBatches(input.paths, { partition: input.partition, dedupe: false })) {
    port.postMessage({ type: 'records', records: classifyRecords(batch, classify, input.range) } satisfies WorkerMessage);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
} catch (error) {
  const archive = error instanceof ArchiveError ? { file: error.file, reason: error.reason } : undefined;
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), archive } satisfies WorkerMessage);
}
