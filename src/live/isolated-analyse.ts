// Report jobs of the live service run in a worker thread with a heap cap: a report that needs more
// memory than it may have fails on its own, with an error that says so, and the service keeps running.
import { Worker } from 'node:worker_threads';
import type { Report } from '../report/schema.ts';
import type { Analyse } from './report-jobs.ts';
import type { ReportWorkerInput, ReportWorkerMessage } from './report-worker.ts';

export interface IsolatedAnalyseOptions {
  /** Heap cap of a report's thread (MB): env REPORT_MEMORY_MB, whose default is in env.ts. */
  memoryMb: number;
}

/** Raised when a report's thread reached its heap cap. */
export class ReportOutOfMemoryError extends Error {
  override name = 'ReportOutOfMemoryError';

  constructor(memoryMb: number) {
    // V8 applies a --max-old-space-size node runs with to every thread, in place of resourceLimits.
    const flag = heapFlag();
    super(
      `the report ran out of memory (its limit is ${flag ?? `REPORT_MEMORY_MB=${memoryMb}`}): raise ${flag ? 'it' : 'REPORT_MEMORY_MB'}, ` +
        'or report on fewer or smaller archives (or run `outage-radar analyse` on them outside the service)',
    );
  }
}

function heapFlag(): string | undefined {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].find((arg) => arg.startsWith('--max-old-space-size'));
}

/** An `Analyse` that runs each report in its own worker thread, capped at `memoryMb` of heap. */
export function isolatedAnalyse({ memoryMb }: IsolatedAnalyseOptions): Analyse {
  return (paths) => analyseInWorker(paths, memoryMb);
}

function analyseInWorker(paths: string[], memoryMb: number): Promise<Report> {
  const worker = new Worker(new URL('./report-worker.mjs', import.meta.url), {
    workerData: { paths } satisfies ReportWorkerInput,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    // The thread inherits node's flags, but runs a file: a process started with `--input-type -e` would make it fail.
    execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')),
  });
  return new Promise<Report>((resolve, reject) => {
    worker.on('message', (message: ReportWorkerMessage) => {
      if (message.type === 'report') resolve(message.report);
      else reject(new Error(message.message));
      void worker.terminate();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ReportOutOfMemoryError(memoryMb) : error);
    });
    // Settles nothing after an answer or an error; otherwise the thread ended without saying why.
    worker.on('exit', (code) => reject(new Error(`the report's worker thread stopped (exit code ${code}) before the report was done`)));
  });
}
