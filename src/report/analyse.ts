// Batch analysis of archived posts: readers -> classify -> aggregate -> detect -> the JSON report.
import { basename } from 'node:path';
import type { Bucket, ClassifiedPost, Incident, Label, Post, Signal, Verdict } from '../model/types.ts';
import { LABELS } from '../model/types.ts';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ArchiveError, readArchiveBatches } from '../sources/archive/index.ts';
import { createPostClassifier } from '../pipeline/classify-post.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { GLOBAL_REGION, OutageDetector } from '../detect/detector.ts';
import { stepDetector } from '../pipeline/step-detector.ts';
import { loadCatalogue } from '../classify/catalogue.ts';
import type { ComplaintExample, FileStats, InputStats, Report, ServiceReport } from './schema.ts';
import { classifyRecords, type AnalysedRecord, type TimeRange } from './classify-records.ts';
import type { WorkerInput, WorkerMessage } from './analyse-worker.ts';

export interface AnalyseOptions {
  /** Only posts with from <= createdAt < to count (epoch ms). */
  from?: number;
  to?: number;
  /** Only these service ids are reported (all when absent). */
  services?: string[];
  bucketMs?: number;
  /**
   * Worker threads that parse and classify (default: one per core when the input is larger than
   * PARALLEL_MIN_BYTES, else 0 = all in this thread).
   */
  workers?: number;
  /** Called every `progressEvery` posts with the running totals. */
  onProgress?: (progress: { lines: number; posts: number; elapsedMs: number }) => void;
  progressEvery?: number;
}

const MAX_MALFORMED_EXAMPLES = 20;
/** Below this much input, starting worker threads (loader, models) costs more than it saves. */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** Raised when the input cannot be analysed at all (no readable file, nothing parsed). */
export class UnusableInputError extends Error {
  override name = 'UnusableInputError';
}

export async function analyseArchives(paths: string[], opts: AnalyseOptions = {}): Promise<Report> {
  const bucketMs = opts.bucketMs ?? 60_000;
  const started = performance.now();
  const analysis = new Analysis(paths, opts, bucketMs, started);
  const range = { from: opts.from, to: opts.to };
  const workers = opts.workers ?? (totalBytes(paths) >= PARALLEL_MIN_BYTES ? availableParallelism() : 0);
  if (workers > 0) {
    await runWorkers(paths, range, workers, (records) => analysis.accept(records));
  } else {
    const classify = createPostClassifier();
    for await (const batch of readArchiveBatches(paths, { dedupe: false })) analysis.accept(classifyRecords(batch, classify, range));
  }
  const stats = analysis.stats;
  if (stats.parsed === 0) {
    throw new UnusableInputError(
      `no post could be read from ${paths.join(', ')}: ${stats.lines} lines, ${stats.malformed} malformed` +
        (stats.malformedExamples[0] ? ` (first: ${describeMalformed(stats.malformedExamples[0])})` : ''),
    );
  }

  const detection = detect(analysis.aggregator.buckets(), bucketMs);
  const services = buildServiceReports(analysis.tally, detection, bucketMs);
  const seconds = (performance.now() - started) / 1000;
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
    timing: { seconds, postsPerSecond: stats.parsed / Math.max(seconds, 1e-9) },
    services,
    incidents: detection.incidents.sort((a, b) => a.start.localeCompare(b.start) || a.service.localeCompare(b.service)),
  };
}

function totalBytes(paths: string[]): number {
  return paths.reduce((sum, path) => sum + (statSync(path, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** Runs `count` workers over the same files, each taking every count-th line; resolves when all are done. */
function runWorkers(paths: string[], range: TimeRange, count: number, accept: (records: AnalysedRecord[]) => void): Promise<void> {
  const script = new URL('./analyse-worker.mjs', import.meta.url);
  const workers = Array.from({ length: count }, (_, index) => {
    const workerData: WorkerInput = { paths, partition: { index, count }, range };
    return new Worker(script, { workerData });
  });
  return new Promise<void>((resolve, reject) => {
    let running = count;
    const fail = (error: Error) => {
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    for (const worker of workers) {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'records') accept(message.records);
        else if (message.type === 'error') {
          fail(message.archive ? new ArchiveError(message.archive.file, message.archive.reason) : new Error(message.message));
        } else if (--running === 0) resolve();
      });
      worker.on('error', fail);
    }
  });
}

/** The running state of one analysis: input statistics, deduplication, buckets and per-service totals. */
class Analysis {
  readonly stats: InputStats;
  readonly aggregator: Aggregator;
  readonly tally = new ServiceTally();
  private readonly perFile: Map<string, FileStats>;
  private readonly lastLine = new Map<FileStats, number>();
  private readonly seen = new Set<string>();
  private readonly selected?: Set<string>;

  constructor(
    paths: string[],
    private readonly opts: AnalyseOptions,
    bucketMs: number,
    private readonly started: number,
  ) {
    this.stats = newInputStats(paths);
    this.perFile = new Map(this.stats.files.map((f) => [f.path, f]));
    this.aggregator = new Aggregator(bucketMs);
    this.selected = opts.services ? new Set(opts.services) : undefined;
  }

  accept(records: AnalysedRecord[]): void {
    const { stats } = this;
    const progressEvery = this.opts.progressEvery ?? 50_000;
    for (const record of records) {
      const file = this.perFile.get(record.file) ?? addFile(stats, this.perFile, record.file);
      // A Twitter search-response page is one line holding many posts: count the line once.
      if (record.line !== this.lastLine.get(file)) {
        this.lastLine.set(file, record.line);
        file.lines++;
        stats.lines++;
      }
      if (record.kind === 'malformed') {
        file.malformed++;
        stats.malformed++;
        if (stats.malformedExamples.length < MAX_MALFORMED_EXAMPLES) {
          stats.malformedExamples.push({ file: record.file, line: record.line, reason: record.reason });
        }
        continue;
      }
      // Readers run without their own dedupe (several workers share the lines): the set here finds duplicates.
      if (record.kind === 'duplicate' || this.seen.has(record.key)) {
        file.duplicates++;
        stats.duplicates++;
        continue;
      }
      this.seen.add(record.key);
      file.posts++;
      stats.parsed++;
      if (record.kind === 'outOfRange') {
        stats.outOfRange++;
        continue;
      }
      this.count(record.classified);
      if (this.opts.onProgress && stats.parsed % progressEvery === 0) {
        this.opts.onProgress({ lines: stats.lines, posts: stats.parsed, elapsedMs: performance.now() - this.started });
      }
    }
  }

  private count(classified: ClassifiedPost): void {
    countInput(this.stats, classified);
    const all = classified.verdict.services;
    const services = this.selected ? all.filter((s) => this.selected!.has(s)) : all;
    if (services.length === 0) return;
    this.stats.withService++;
    const kept = services.length === all.length ? classified : { post: classified.post, verdict: { ...classified.verdict, services } };
    this.aggregator.add(kept);
    this.tally.add(kept);
  }
}

function describeMalformed(m: { file: string; line: number; reason: string }): string {
  return `${basename(m.file)} line ${m.line}: ${m.reason}`;
}

function newInputStats(paths: string[]): InputStats {
  return {
    files: paths.map((path) => ({ path, lines: 0, posts: 0, malformed: 0, duplicates: 0 })),
    lines: 0,
    parsed: 0,
    malformed: 0,
    duplicates: 0,
    outOfRange: 0,
    analysed: 0,
    withService: 0,
    malformedExamples: [],
    languages: {},
    labels: { complaint: 0, news: 0, joke: 0, other: 0 },
    regionSources: {},
  };
}

function addFile(stats: InputStats, perFile: Map<string, FileStats>, path: string): FileStats {
  const file = { path, lines: 0, posts: 0, malformed: 0, duplicates: 0 };
  stats.files.push(file);
  perFile.set(path, file);
  return file;
}

function countInput(stats: InputStats, { verdict }: ClassifiedPost): void {
  stats.analysed++;
  stats.languages[verdict.lang] = (stats.languages[verdict.lang] ?? 0) + 1;
  stats.labels[verdict.label]++;
  stats.regionSources[verdict.region.source] = (stats.regionSources[verdict.region.source] ?? 0) + 1;
}

/** Per-service totals that the buckets don't keep: labels, sentiment, symptoms, per-region mentions. */
class ServiceTally {
  readonly services = new Map<
    string,
    {
      labels: Record<Label, number>;
      sentiment: { negative: number; neutral: number; positive: number };
      symptoms: Map<string, number>;
      regions: Map<string, { mentions: number; complaints: number; authors: Set<string> }>;
      /** The most confident complaints, best first, with the features that decided them. */
      examples: ComplaintExample[];
    }
  >();

  add({ post, verdict }: ClassifiedPost): void {
    for (const id of verdict.services) {
      let s = this.services.get(id);
      if (!s) {
        s = {
          labels: { complaint: 0, news: 0, joke: 0, other: 0 },
          sentiment: { negative: 0, neutral: 0, positive: 0 },
          symptoms: new Map(),
          regions: new Map(),
          examples: [],
        };
        this.services.set(id, s);
      }
      s.labels[verdict.label]++;
      s.sentiment[verdict.sentiment.label]++;
      let r = s.regions.get(verdict.region.country);
      if (!r) {
        r = { mentions: 0, complaints: 0, authors: new Set() };
        s.regions.set(verdict.region.country, r);
      }
      r.mentions++;
      if (verdict.label === 'complaint') {
        r.complaints++;
        r.authors.add(post.author?.id ?? post.id);
        for (const symptom of verdict.symptoms) s.symptoms.set(symptom, (s.symptoms.get(symptom) ?? 0) + 1);
        keepExample(s.examples, post, verdict);
      }
    }
  }
}

const EXAMPLES_PER_SERVICE = 5;

/** Keeps the highest-scoring complaints (ties by post id, so the choice does not depend on arrival order). */
function keepExample(examples: ComplaintExample[], post: Post, verdict: Verdict): void {
  const worst = examples[examples.length - 1];
  const better = (a: { score: number; postId: string }, b: ComplaintExample) => a.score > b.score || (a.score === b.score && a.postId < b.postId);
  const candidate = { score: verdict.score, postId: post.id };
  if (examples.length >= EXAMPLES_PER_SERVICE && !better(candidate, worst)) return;
  const example: ComplaintExample = {
    postId: post.id,
    source: post.source,
    createdAt: post.createdAt,
    text: post.text,
    lang: verdict.lang,
    region: verdict.region.country,
    score: Math.round(verdict.score * 1e4) / 1e4,
    symptoms: verdict.symptoms,
    why: verdict.why,
  };
  let i = examples.length;
  while (i > 0 && better(candidate, examples[i - 1])) i--;
  examples.splice(i, 0, example);
  if (examples.length > EXAMPLES_PER_SERVICE) examples.pop();
}

interface Detection {
  first: number;
  steps: number;
  /** service -> GLOBAL signal per step index. */
  global: Map<string, (Signal | undefined)[]>;
  /** `service|region` -> highest confidence seen. */
  peakConfidence: Map<string, number>;
  /** service -> per-step totals over regions, from the buckets. */
  totals: Map<string, { mentions: number[]; negative: number[] }>;
  incidents: Incident[];
}

/** Replays the buckets through the causal detector, one bucket step at a time, empty steps included. */
function detect(buckets: Bucket[], bucketMs: number): Detection {
  const detection: Detection = {
    first: buckets[0]?.start ?? 0,
    steps: 0,
    global: new Map(),
    peakConfidence: new Map(),
    totals: new Map(),
    incidents: [],
  };
  if (buckets.length === 0) return detection;
  const steps = Math.round((buckets[buckets.length - 1].start - detection.first) / bucketMs) + 1;
  detection.steps = steps;
  for (const b of buckets) {
    const i = Math.round((b.start - detection.first) / bucketMs);
    let t = detection.totals.get(b.service);
    if (!t) {
      t = { mentions: new Array<number>(steps).fill(0), negative: new Array<number>(steps).fill(0) };
      detection.totals.set(b.service, t);
    }
    t.mentions[i] += b.complaints + b.noise.news + b.noise.joke + b.noise.other;
    t.negative[i] += b.negative;
  }
  const detector = new OutageDetector({ bucketMs });
  stepDetector(buckets, bucketMs, detector, (at, { signals }) => {
    const i = Math.round((at - detection.first) / bucketMs);
    for (const signal of signals) {
      const key = `${signal.service}|${signal.region}`;
      if (signal.confidence > (detection.peakConfidence.get(key) ?? 0)) detection.peakConfidence.set(key, signal.confidence);
      if (signal.region !== GLOBAL_REGION) continue;
      let series = detection.global.get(signal.service);
      if (!series) {
        series = new Array<Signal | undefined>(steps);
        detection.global.set(signal.service, series);
      }
      series[i] = signal;
    }
  });
  detection.incidents = detector.incidents();
  return detection;
}

function buildServiceReports(tally: ServiceTally, detection: Detection, bucketMs: number): ServiceReport[] {
  const catalogue = loadCatalogue();
  const reports: ServiceReport[] = [];
  for (const [id, s] of tally.services) {
    const signals = detection.global.get(id) ?? [];
    const totals = detection.totals.get(id);
    const steps = detection.steps;
    const complaints = new Array<number>(steps);
    const baseline = new Array<number>(steps);
    const confidence = new Array<number>(steps);
    const negativeShare = new Array<number>(steps);
    for (let i = 0; i < steps; i++) {
      const signal = signals[i];
      complaints[i] = signal?.complaints ?? 0;
      baseline[i] = round(signal?.baseline ?? 0);
      confidence[i] = round(signal?.confidence ?? 0);
      const mentions = totals?.mentions[i] ?? 0;
      negativeShare[i] = mentions > 0 ? round((totals?.negative[i] ?? 0) / mentions) : 0;
    }
    const mentions = LABELS.reduce((sum, l) => sum + s.labels[l], 0);
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
      topSymptoms: [...s.symptoms]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 5)
        .map(([symptom, count]) => ({ symptom, count })),
      examples: s.examples,
      series: {
        start: new Date(detection.first).toISOString(),
        bucketMs,
        complaints,
        baseline,
        confidence,
        negativeShare,
      },
      incidents: detection.incidents.filter((incident) => incident.service === id),
    });
  }
  return reports.sort((a, b) => b.totals.complaint - a.totals.complaint || a.id.localeCompare(b.id));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
