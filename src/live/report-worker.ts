// The worker thread of one report job (see isolated-analyse.ts): analyses the archives it is given
// and answers with the report, or with the error that stopped it.
import { parentPort, workerData } from 'node:worker_threads';
import { analyseArchives } from '../batch/analyse.ts';
import type { Report } from '../report/schema.ts';
import { errorMessage } from '../util/error-message.ts';

export interface ReportWorkerInput {
  paths: string[];
}

export type ReportWorkerMessage = { type: 'report'; report: Report } | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('report-worker.ts runs as a worker thread only');
const { paths } = workerData as ReportWorkerInput;

// No analysis threads of its own: the memory cap of this thread then bounds the whole report, and the
// live service keeps the other cores.
analyseArchives(paths, { workers: 0 }).then(
  (report) => port.postMessage({ type: 'report', report } satisfies ReportWorkerMessage),
  (error: unknown) => port.postMessage({ type: 'error', message: errorMessage(error) } satisfies ReportWorkerMessage),
);
