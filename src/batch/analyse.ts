// Batch analysis of archived posts: readers -> classify -> aggregate -> detect -> the JSON report.
// With worker threads, each thread reads all the records and counts its share of the posts (by dedupe
// key, see share.ts); the shares merge on the main thread, then the detection runs on groups of
// services at once, one group on the main thread and one on each other worker.
import { basename } from 'node:path';
import { LABELS } from '../model/types.ts';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { ArchiveError } from '../sources/archive/index.ts';
import { loadCatalogue } from '../classify/catalogue.ts';
import type { InputStats, Report, ServiceReport, SymptomSeries } from '../report/schema.ts';
import { readShare, countBulk, mergeSummaries, type BulkCounts, type ServiceTotals, type ShareSettings, type ShareSummary } from './share.ts';
import { detectInChunks, groupServices, mergeDetections, stepRangeOfSpan, type BucketSpan, type Detection, type StepTotals } from './detection.ts';
import type { DetectRequest, WorkerInput, WorkerMessage } from './analyse-worker.ts';
import { UserError } from '../util/error-message.ts';
import { roundSignal as round } from '../pipeline/signal-columns.ts';
import { DEFAULT_BUCKET_MS } from '../model/constants.ts';

export interface AnalyseOptions {
  /** Only posts with from <= createdAt < to count (epoch ms). */
  from?: number;
  to?: number;
  /** Only these service ids are reported (all when absent). */
  services?: string[];
  bucketMs?: number;
  /**
   * Worker threads that read, classify and detect (default: one per core when the input is larger
   * than PARALLEL_MIN_BYTES, else 0 = all in this thread).
   */
  workers?: number;
  /**
   * Old-generation limit of each worker thread, in MB (default: `workerHeapLimitMb` of the input). A
   * worker that runs out of it does not fail the analysis: the analysis starts again without limit.
   */
  workerHeapMb?: number;
  /** The wall clock (epoch ms) that posts dated more than a day after it are impossible by (default: now). */
  now?: number;
  /** Called every `progressEvery` posts with the running totals. */
  onProgress?: (progress: { lines: number; posts: number; elapsedMs: number }) => void;
  progressEvery?: number;
}

/**
 * A young generation this large lets most short-lived objects of parsing and classifying die young
 * instead of being promoted and collected by full GCs. 256 MB was no faster on 1M posts (CPU 39-46 s
 * either way, alternating runs) and cost about 175 MB more RSS over two workers; 16 MB cost 20 % CPU.
 */
const YOUNG_GENERATION_MB = 64;

/** Below this much input, starting worker threads (loader, models) costs more than it saves. */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * V8 lets a heap grow to up to 4 times what was live at the last full collection when its limit is
 * 2 GB or more (the default here is about 4 GB), and less under a lower limit (its heap controller
 * scales the factor from 1.3 at 256 MB to 2 at 2 GB: 1.6 at 1 GB). A worker's heap thus peaked at
 * 400-590 MB for 100-130 MB live (1M posts, 2 workers). 1 GB is 8 times what a worker holds at 1M
 * posts; the limit grows with the input beyond that, and a worker that still runs out of it makes
 * the analysis start again without limit (`analyseArchives`).
 */
const WORKER_HEAP_MIN_MB = 1024;
/** Heap limit per MB of text a worker reads its share of: 4 times the ~1 MB it holds per MB of JSONL. */
const WORKER_HEAP_PER_TEXT_MB = 4;
/** Text per byte of a `.gz` archive, a generous estimate (JSON compresses 5-10 times). */
const GZIP_RATIO = 10;

/** Raised when the input cannot be analysed at all (no readable file, nothing parsed). */
export class UnusableInputError extends UserError {
  override name = 'UnusableInputError';
}

export async function analyseArchives(paths: string[], opts: AnalyseOptions = {}): Promise<Report> {
  const bucketMs = opts.bucketMs ?? DEFAULT_BUCKET_MS;
  const started = performance.now();
  const settings: ShareSettings = { paths, range: { from: opts.from, to: opts.to }, services: opts.services, bucketMs, now: opts.now ?? Date.now() };
  const workers = opts.workers ?? (totalBytes(paths) >= PARALLEL_MIN_BYTES ? availableParallelism() : 0);
  const progress = progressReporter(opts, started);
  let result: BulkCounts;
  let detection: Detection;
  let counted: number;
  if (workers > 0) {
    const heapMb = opts.workerHeapMb ?? workerHeapLimitMb(paths, workers);
    let pooled: { result: BulkCounts; detection: Detection; counted: number };
    try {
      pooled = await analyseInPool(settings, workers, heapMb, progress);
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      pooled = await analyseInPool(settings, workers, undefined, progress);
    }
    ({ result, detection, counted } = pooled);
  } else {
    const { summary, aggregator } = await readShare(settings, { index: 0, count: 1 }, (stats) => progress(stats.lines, stats.parsed));
    result = countBulk(summary, bucketMs);
    counted = performance.now();
    assertUsable(paths, result);
    detection = await detectInChunks(bucketMs, stepRangeOfSpan(result.span, bucketMs), (until) => aggregator.takeBefore(until));
  }
  const stats = result.stats;
  const services = buildServiceReports(result.services, detection, bucketMs);
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const phases = { reading: (counted - started) / 1000, detection: (ended - counted) / 1000 };
  return {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    params: {
      inputs: paths,
      ...(opts.from !== undefined ? { from: new Date(opts.from).toISOString() } : {}),
      ...(opts.to !== undefined ? { to: new Date(opts.to).toISOString() } : {}),
      ...(opts.services ? { services: opts.services } : {}),
      bucketMs,
    },
    input: stats,
    timing: { seconds, postsPerSecond: stats.parsed / Math.max(seconds, 1e-9), phases },
    services,
    incidents: detection.incidents.sort((a, b) => a.start.localeCompare(b.start) || a.service.localeCompare(b.service)),
  };
}

async function analyseInPool(
  settings: ShareSettings,
  workers: number,
  heapMb: number | undefined,
  progress: (lines: number, posts: number) => void,
): Promise<{ result: BulkCounts; detection: Detection; counted: number }> {
  const pool = new AnalysisPool(settings, workers, heapMb, progress);
  try {
    const summary = mergeSummaries(await pool.shares());
    const result = countBulk(summary, settings.bucketMs);
    const counted = performance.now();
    assertUsable(settings.paths, result);
    return { result, detection: await pool.detect(summary.load, result.span), counted };
  } finally {
    await pool.close();
  }
}

/** The old-generation limit of each of `workers` threads reading `paths`, MB (see WORKER_HEAP_MIN_MB). */
export function workerHeapLimitMb(paths: string[], workers: number): number {
  const textBytes = totalBytes(paths, GZIP_RATIO);
  return Math.max(WORKER_HEAP_MIN_MB, Math.ceil((WORKER_HEAP_PER_TEXT_MB * textBytes) / workers / 2 ** 20));
}

function isOutOfMemory(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function assertUsable(paths: string[], { stats }: { stats: InputStats }): void {
  if (stats.parsed > 0) return;
  const first = stats.malformedExamples[0];
  throw new UnusableInputError(
    `no post could be read from ${paths.join(', ')}: ${stats.lines} lines, ${stats.malformed} malformed` +
      (first ? ` (first: ${basename(first.file)} line ${first.line}: ${first.reason})` : ''),
  );
}

/** The files' sizes added up, each `.gz` one counted `gzipRatio` times. */
function totalBytes(paths: string[], gzipRatio = 1): number {
  const bytes = (path: string) => (statSync(path, { throwIfNoEntry: false })?.size ?? 0) * (path.toLowerCase().endsWith('.gz') ? gzipRatio : 1);
  return paths.reduce((sum, path) => sum + bytes(path), 0);
}

/** Calls `onProgress` each time the posts read pass another `progressEvery`. */
function progressReporter(opts: AnalyseOptions, started: number): (lines: number, posts: number) => void {
  const every = opts.progressEvery ?? 50_000;
  let next = every;
  return (lines, posts) => {
    if (!opts.onProgress || posts < next) return;
    next = (Math.floor(posts / every) + 1) * every;
    opts.onProgress({ lines, posts, elapsedMs: performance.now() - started });
  };
}

/**
 * The worker threads of one analysis: each reads and counts its share, then detects a group of
 * services, with the buckets of that group that every other worker sends it over their own channel.
 */
class AnalysisPool {
  private readonly workers: Worker[];
  private readonly failed: Promise<never>;
  private readonly progress: { lines: number; posts: number }[];
  private closing = false;

  constructor(
    private readonly settings: ShareSettings,
    count: number,
    heapMb: number | undefined,
    onProgress: (lines: number, posts: number) => void,
  ) {
    const script = new URL('./analyse-worker.mjs', import.meta.url);
    this.progress = Array.from({ length: count }, () => ({ lines: 0, posts: 0 }));
    // One channel per pair of workers: peers[i][j] is worker i's end of its channel to worker j.
    const peers: (MessagePort | null)[][] = Array.from({ length: count }, () => new Array<MessagePort | null>(count).fill(null));
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const { port1, port2 } = new MessageChannel();
        peers[i][j] = port1;
        peers[j][i] = port2;
      }
    }
    this.workers = Array.from({ length: count }, (_, index) => {
      const workerData: WorkerInput = { settings, share: { index, count }, peers: peers[index] };
      const transferList = peers[index].filter((p): p is MessagePort => p !== null);
      const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(heapMb === undefined ? {} : { maxOldGenerationSizeMb: heapMb }) };
      return new Worker(script, { workerData, transferList, resourceLimits });
    });
    this.failed = new Promise<never>((_, reject) => {
      this.workers.forEach((worker, index) => {
        worker.on('error', reject);
        // A worker that ends by itself (out of memory, process.exit in a dependency) would leave the analysis waiting.
        worker.on('exit', (code) => {
          if (!this.closing) reject(new Error(`analysis worker ${index} stopped (exit code ${code}) before the analysis was done`));
        });
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'error') {
            reject(message.archive ? new ArchiveError(message.archive.file, message.archive.reason) : new Error(message.message));
          } else if (message.type === 'progress') {
            this.progress[index] = message;
            // Lines are counted by share 0 alone; posts by every share.
            onProgress(this.progress[0].lines, this.progress.reduce((sum, p) => sum + p.posts, 0));
          }
        });
      });
    });
    this.failed.catch(() => undefined);
  }

  /** Every worker's summary, in worker order (the buckets stay in the workers). */
  shares(): Promise<ShareSummary[]> {
    return Promise.race([this.failed, Promise.all(this.workers.map((worker) => this.next(worker, 'share')))]).then((all) => all.map((m) => m.summary));
  }

  /** Detects the services in one group per worker, at the same time, over the buckets of `span`. */
  async detect(load: ShareSummary['load'], span: BucketSpan | undefined): Promise<Detection> {
    const { bucketMs } = this.settings;
    const range = stepRangeOfSpan(span, bucketMs);
    const groups = groupServices(load, this.workers.length);
    const answers = this.workers.map((worker) => {
      const answer = this.next(worker, 'detection');
      worker.postMessage({ type: 'detect', groups, range } satisfies DetectRequest);
      return answer;
    });
    const all = await Promise.race([this.failed, Promise.all(answers)]);
    return mergeDetections(all.map((m) => m.detection));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private next<T extends WorkerMessage['type']>(worker: Worker, type: T): Promise<Extract<WorkerMessage, { type: T }>> {
    return new Promise((resolve) => {
      const listener = (message: WorkerMessage) => {
        if (message.type !== type) return;
        worker.off('message', listener);
        resolve(message as Extract<WorkerMessage, { type: T }>);
      };
      worker.on('message', listener);
    });
  }
}

function buildServiceReports(perService: Map<string, ServiceTotals>, detection: Detection, bucketMs: number): ServiceReport[] {
  const catalogue = loadCatalogue();
  const reports: ServiceReport[] = [];
  for (const [id, s] of perService) {
    const signals = detection.global.get(id);
    const totals = detection.totals.get(id);
    const steps = detection.steps;
    const complaints = new Array<number>(steps);
    const baseline = new Array<number>(steps);
    const confidence = new Array<number>(steps);
    const negativeShare = new Array<number>(steps);
    for (let i = 0; i < steps; i++) {
      complaints[i] = signals?.complaints[i] ?? 0;
      baseline[i] = round(signals?.baseline[i] ?? 0);
      confidence[i] = round(signals?.confidence[i] ?? 0);
      const mentions = totals?.mentions[i] ?? 0;
      negativeShare[i] = mentions > 0 ? round((totals?.negative[i] ?? 0) / mentions) : 0;
    }
    const mentions = LABELS.reduce((sum, l) => sum + s.labels[l], 0);
    const topSymptoms = [...s.symptoms]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([symptom, count]) => ({ symptom, count }));
    const incidents = detection.incidents.filter((incident) => incident.service === id);
    reports.push({
      id,
      name: catalogue.byId(id)?.name ?? id,
      totals: { mentions, ...s.labels },
      sentiment: s.sentiment,
      regions: [...s.regions]
        .map(([region, r]) => ({
          region,
          mentions: r.mentions,
          complaints: r.complaints,
          distinctAuthors: r.authors.size,
          peakConfidence: round(detection.peakConfidence.get(`${id}|${region}`) ?? 0),
        }))
        .sort((a, b) => b.complaints - a.complaints || b.mentions - a.mentions || a.region.localeCompare(b.region)),
      topSymptoms,
      examples: s.examples,
      labelExamples: s.labelExamples,
      series: {
        start: new Date(detection.first).toISOString(),
        bucketMs,
        complaints,
        baseline,
        confidence,
        negativeShare,
      },
      ...(incidents.length > 0 ? { symptomSeries: symptomSeries(topSymptoms, totals, steps) } : {}),
      incidents,
    });
  }
  return reports.sort((a, b) => b.totals.complaint - a.totals.complaint || a.id.localeCompare(b.id));
}

/** The top symptoms' complaints per step, dense and aligned with the service's series. */
function symptomSeries(top: readonly { symptom: string }[], totals: StepTotals | undefined, steps: number): SymptomSeries[] {
  return top.map(({ symptom }) => {
    const counts = new Array<number>(steps).fill(0);
    for (const [i, n] of totals?.symptoms.get(symptom) ?? []) counts[i] = n;
    return { symptom, counts };
  });
}
