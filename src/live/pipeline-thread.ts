// The live service as the HTTP thread of `serve` sees it: a Radar whose work runs in the pipeline
// thread (pipeline-worker.ts). Cached reads are answered here from the last answer the pipeline gave,
// asked again in the background every freshness window and whenever a minute closes, so a read never
// waits for ingest, classification, detection or a snapshot; only the first read of a question (or
// the first after a minute nobody asked it) waits for its answer. Every other call is forwarded.
import { Worker } from 'node:worker_threads';
import { loadCatalogue, type Catalogue } from '../classify/catalogue.ts';
import type { Incident, Post } from '../model/types.ts';
import type { DeadLetter } from '../queue/queue.ts';
import { withTimeout } from '../util/timing.ts';
import { errorLine } from '../util/error-message.ts';
import { lowerOtherThreads } from '../util/thread-priority.ts';
import type { Log } from '../observe/log.ts';
import { ANSWER_FRESH_MS, AnswerCache } from './answer-cache.ts';
import { UnavailableError } from '../model/errors.ts';
import type { AlertDelivery, AlertDeliveryQuery } from './incident-alerts.ts';
import { errorFrom, type CallName, type Forwarded, type FromPipeline, type PipelineSettings, type ToPipeline } from './pipeline-protocol.ts';
import type {
  ClassifyAnswer,
  ClassifyInput,
  IncidentQuery,
  IngestAnswer,
  Outage,
  Radar,
  Readiness,
  RegionStatus,
  ReportJob,
  ServiceStatus,
  SignalQuery,
  SignalSeries,
} from './radar.ts';
import type { RecentExamples } from './recent-examples.ts';

export interface PipelineThreadOptions {
  settings: PipelineSettings;
  /** Where the pipeline's log lines and the thread's failure are written. */
  log: Log;
  /** The module the thread runs. Default: pipeline-worker.mjs. */
  entry?: URL;
}

/**
 * Nice value of every thread but the HTTP one (the pipeline, its collector and file pool): when the
 * cores are all busy, reads run first and ingest waits. Linux only; elsewhere all threads share one.
 */
export const PIPELINE_NICE = 5;
/** How long /readyz waits for the pipeline thread's own checks (which wait 500 ms each at most). */
export const PIPELINE_READY_TIMEOUT_MS = 2000;
/** How long a graceful stop of the pipeline may take before the thread is terminated. */
const STOP_TIMEOUT_MS = 30_000;
/** A cached read asked for within this long (ms) is kept fresh in the background; an older one is forgotten. */
export const KEEP_UNREAD_MS = 60_000;
/** The check /readyz names when the pipeline thread failed or does not answer. */
export const PIPELINE_CHECK = 'pipeline thread';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Answer<K extends CallName> = Awaited<ReturnType<Forwarded[K]>>;

export class PipelineThread implements Radar {
  bucketMs = 60_000;
  /** Where store and queue live, as the start-up line says it. */
  mode = '';
  private readonly catalogue: Catalogue = loadCatalogue();
  // Across a closed minute too, the last answer is given while the new one is made, and every
  // question asked lately is asked again in the background: a read never waits for the pipeline.
  private readonly answers = new AnswerCache(ANSWER_FRESH_MS, 1000, Date.now, { waitForNewVersion: false });
  private readonly refresher: NodeJS.Timeout;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastClosed: number | undefined;
  private failure: string | undefined;
  private stopping = false;
  private readonly stopped: Promise<void>;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    private readonly log: Log,
    opened: { resolve(): void; reject(error: Error): void },
  ) {
    let markStopped = () => {};
    this.stopped = new Promise((resolve) => (markStopped = resolve));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.refresher = setInterval(() => this.answers.refreshAll(this.lastClosed, KEEP_UNREAD_MS), ANSWER_FRESH_MS);
    this.refresher.unref();
    worker.once('exit', () => clearInterval(this.refresher));
    let isOpen = false;
    worker.on('message', (message: FromPipeline) => {
      switch (message.type) {
        case 'opened':
          this.bucketMs = message.bucketMs;
          this.mode = message.mode;
          isOpen = true;
          opened.resolve();
          return;
        case 'open-failed':
          opened.reject(errorFrom(message.error));
          return;
        case 'answer':
          this.settle(message.id)?.resolve(message.value);
          return;
        case 'failed':
          this.settle(message.id)?.reject(errorFrom(message.error));
          return;
        case 'closed':
          this.lastClosed = message.lastClosed;
          this.answers.refreshAll(this.lastClosed, KEEP_UNREAD_MS);
          return;
        case 'log':
          log(message.message, message.fields);
          return;
        case 'stopped':
          markStopped();
          return;
      }
    });
    worker.on('error', (error: Error) => {
      if (!isOpen) opened.reject(error);
      this.fail(`the pipeline thread failed: ${errorLine(error)}`, error.stack);
    });
    worker.on('exit', (code) => {
      markStopped();
      const failure = `the pipeline thread stopped (exit code ${code})`;
      if (!isOpen) opened.reject(new Error(`${failure} before the service was open`));
      if (!this.stopping) this.fail(failure);
    });
  }

  /** Starts the thread and opens the live service in it (store, queue, detector state); nothing runs on a timer yet. */
  static async start(options: PipelineThreadOptions): Promise<PipelineThread> {
    const worker = new Worker(options.entry ?? new URL('./pipeline-worker.mjs', import.meta.url), {
      workerData: options.settings,
      // The thread inherits node's flags, but runs a file: a process started with `--input-type -e` would make it fail.
      execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')),
    });
    let opened = { resolve: () => {}, reject: (_error: Error) => {} };
    const open = new Promise<void>((resolve, reject) => (opened = { resolve, reject }));
    const thread = new PipelineThread(worker, options.log, opened);
    lowerOtherThreads(PIPELINE_NICE);
    try {
      await open;
    } catch (error) {
      thread.stopping = true;
      await worker.terminate();
      throw error;
    }
    return thread;
  }

  /** Starts the detector loop and the sources; `port` is the API's, for the demo's hint. */
  begin(port: number): void {
    // Threads the opening started (file pool, the pipeline's own helpers) give way to reads too.
    lowerOtherThreads(PIPELINE_NICE);
    this.post({ type: 'start', port });
  }

  /** Graceful: the pipeline stops its sources, drains, saves and closes; then the thread ends. */
  async stop(): Promise<void> {
    if (this.stopping) return this.exited;
    this.stopping = true;
    if (this.failure === undefined) {
      this.post({ type: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
      await Promise.race([this.stopped, late]);
      clearTimeout(timer);
    }
    await this.worker.terminate();
  }

  /** The thread the pipeline runs on; tests use it to make that thread busy or fail. */
  get thread(): Worker {
    return this.worker;
  }

  hasService(id: string): boolean {
    return this.catalogue.byId(id) !== undefined;
  }

  services(): Promise<ServiceStatus[]> {
    return this.cached('services', () => this.call('services'));
  }

  outages(threshold: number): Promise<Outage[]> {
    return this.cached(`outages|${threshold}`, () => this.call('outages', threshold));
  }

  signal(service: string, query: SignalQuery): Promise<SignalSeries> {
    const key = `signal|${service}|${query.region}|${query.from}|${query.to}|${query.bucketMs}`;
    return this.cached(key, () => this.call('signal', service, query));
  }

  regions(service: string): Promise<RegionStatus[]> {
    return this.cached(`regions|${service}`, () => this.call('regions', service));
  }

  examples(service: string): Promise<RecentExamples> {
    return this.call('examples', service);
  }

  incidents(query: IncidentQuery): Promise<Incident[]> {
    return this.call('incidents', query);
  }

  classify(inputs: ClassifyInput[]): Promise<ClassifyAnswer[]> {
    return this.call('classify', inputs);
  }

  ingest(posts: Post[]): Promise<IngestAnswer> {
    return this.call('ingest', posts);
  }

  countMalformed(n: number, source: string): void {
    // Only a metric: its answer is not waited for.
    this.call('countMalformed', n, source).catch(() => undefined);
  }

  startReport(paths: string[]): Promise<ReportJob> {
    return this.call('startReport', paths);
  }

  report(id: string): Promise<ReportJob | undefined> {
    return this.call('report', id);
  }

  latestReport(): Promise<ReportJob | undefined> {
    return this.call('latestReport');
  }

  deadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.call('deadLetters', limit);
  }

  alertDeliveries(query: AlertDeliveryQuery): Promise<AlertDelivery[] | undefined> {
    return this.call('alertDeliveries', query);
  }

  /** The pipeline's checks, or not ready when its thread failed or did not answer within PIPELINE_READY_TIMEOUT_MS. */
  async readiness(): Promise<Readiness> {
    try {
      return await withTimeout(this.call('readiness'), PIPELINE_READY_TIMEOUT_MS, `the pipeline thread did not answer within ${PIPELINE_READY_TIMEOUT_MS} ms`);
    } catch (error) {
      return { ready: false, checks: { [PIPELINE_CHECK]: { ok: false, detail: errorLine(error) } } };
    }
  }

  metricsText(): Promise<string> {
    return this.call('metricsText');
  }

  private cached<T>(key: string, ask: () => Promise<T>): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(new UnavailableError(this.failure));
    return this.answers.get(key, this.lastClosed, ask);
  }

  private call<K extends CallName>(method: K, ...args: Parameters<Forwarded[K]>): Promise<Answer<K>> {
    if (this.failure !== undefined) return Promise.reject(new UnavailableError(this.failure));
    if (this.stopping) return Promise.reject(new UnavailableError('the service is stopping'));
    const id = this.nextId++;
    return new Promise<Answer<K>>((resolve, reject) => {
      // The value is what the pipeline's Radar returned for this very method.
      this.pending.set(id, { resolve: (value) => resolve(value as Answer<K>), reject });
      this.post({ type: 'call', id, method, args });
    });
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    return pending;
  }

  private post(message: ToPipeline): void {
    this.worker.postMessage(message);
  }

  /** The pipeline is gone: say so once, fail what waits for it, and answer 503 from now on. */
  private fail(failure: string, stack?: string): void {
    if (this.failure !== undefined) return;
    this.failure = `${failure}; restart the service`;
    this.log(`${this.failure}${stack ? `\n${stack}` : ''}`, { level: 'error' });
    for (const pending of this.pending.values()) pending.reject(new UnavailableError(this.failure));
    this.pending.clear();
  }
}
