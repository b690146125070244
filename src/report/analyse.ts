// Batch analysis of archived posts: readers -> classify -> aggregate -> detect -> the JSON report.
import { basename } from 'node:path';
import type { Bucket, ClassifiedPost, Incident, Label, Signal } from '../model/types.ts';
import { LABELS } from '../model/types.ts';
import { readArchiveBatches } from '../sources/archive/index.ts';
import { createPostClassifier } from '../pipeline/classify-post.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { OutageDetector } from '../detect/detector.ts';
import { loadCatalogue } from '../classify/catalogue.ts';
import type { FileStats, InputStats, Report, ServiceReport } from './schema.ts';

export interface AnalyseOptions {
  /** Only posts with from <= createdAt < to count (epoch ms). */
  from?: number;
  to?: number;
  /** Only these service ids are reported (all when absent). */
  services?: string[];
  bucketMs?: number;
  /** Called every `progressEvery` posts with the running totals. */
  onProgress?: (progress: { lines: number; posts: number; elapsedMs: number }) => void;
  progressEvery?: number;
}

const MAX_MALFORMED_EXAMPLES = 20;

/** Raised when the input cannot be analysed at all (no readable file, nothing parsed). */
export class UnusableInputError extends Error {
  override name = 'UnusableInputError';
}

export async function analyseArchives(paths: string[], opts: AnalyseOptions = {}): Promise<Report> {
  const bucketMs = opts.bucketMs ?? 60_000;
  const started = performance.now();
  const classify = createPostClassifier();
  const selected = opts.services ? new Set(opts.services) : undefined;
  const aggregator = new Aggregator(bucketMs);
  const stats = newInputStats(paths);
  const perFile = new Map(stats.files.map((f) => [f.path, f]));
  const tally = new ServiceTally();
  const progressEvery = opts.progressEvery ?? 50_000;
  const lastLine = new Map<FileStats, number>();

  for await (const batch of readArchiveBatches(paths)) {
    for (const record of batch) {
      const file = perFile.get(record.file) ?? addFile(stats, perFile, record.file);
      // A Twitter search-response page is one line holding many posts: count the line once.
      if (record.line !== lastLine.get(file)) {
        lastLine.set(file, record.line);
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
      if (record.kind === 'duplicate') {
        file.duplicates++;
        stats.duplicates++;
        continue;
      }
      file.posts++;
      stats.parsed++;
      const at = Date.parse(record.post.createdAt);
      if ((opts.from !== undefined && at < opts.from) || (opts.to !== undefined && at >= opts.to)) {
        stats.outOfRange++;
        continue;
      }
      const classified = classify(record.post);
      countInput(stats, classified);
      const services = selected ? classified.verdict.services.filter((s) => selected.has(s)) : classified.verdict.services;
      if (services.length > 0) {
        stats.withService++;
        const kept: ClassifiedPost =
          services.length === classified.verdict.services.length
            ? classified
            : { post: classified.post, verdict: { ...classified.verdict, services } };
        aggregator.add(kept);
        tally.add(kept);
      }
      if (opts.onProgress && stats.parsed % progressEvery === 0) {
        opts.onProgress({ lines: stats.lines, posts: stats.parsed, elapsedMs: performance.now() - started });
      }
    }
  }
  if (stats.parsed === 0) {
    throw new UnusableInputError(
      `no post could be read from ${paths.join(', ')}: ${stats.lines} lines, ${stats.malformed} malformed` +
        (stats.malformedExamples[0] ? ` (first: ${describeMalformed(stats.malformedExamples[0])})` : ''),
    );
  }

  const detection = detect(aggregator.buckets(), bucketMs);
  const services = buildServiceReports(tally, detection, bucketMs);
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
      }
    }
  }
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
    first: 0,
    steps: 0,
    global: new Map(),
    peakConfidence: new Map(),
    totals: new Map(),
    incidents: [],
  };
  if (buckets.length === 0) return detection;
  const byStart = new Map<number, Bucket[]>();
  let first = Infinity;
  let last = -Infinity;
  for (const b of buckets) {
    const list = byStart.get(b.start);
    if (list) list.push(b);
    else byStart.set(b.start, [b]);
    if (b.start < first) first = b.start;
    if (b.start > last) last = b.start;
  }
  const steps = Math.round((last - first) / bucketMs) + 1;
  detection.first = first;
  detection.steps = steps;
  const detector = new OutageDetector({ bucketMs });
  for (let i = 0; i < steps; i++) {
    const at = first + i * bucketMs;
    const inStep = byStart.get(at) ?? [];
    for (const b of inStep) {
      let t = detection.totals.get(b.service);
      if (!t) {
        t = { mentions: new Array<number>(steps).fill(0), negative: new Array<number>(steps).fill(0) };
        detection.totals.set(b.service, t);
      }
      t.mentions[i] += b.complaints + b.noise.news + b.noise.joke + b.noise.other;
      t.negative[i] += b.negative;
    }
    const { signals } = detector.step(at, inStep);
    for (const signal of signals) {
      const key = `${signal.service}|${signal.region}`;
      if (signal.confidence > (detection.peakConfidence.get(key) ?? 0)) detection.peakConfidence.set(key, signal.confidence);
      if (signal.region !== 'GLOBAL') continue;
      let series = detection.global.get(signal.service);
      if (!series) {
        series = new Array<Signal | undefined>(steps);
        detection.global.set(signal.service, series);
      }
      series[i] = signal;
    }
  }
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
        .sort((a, b) => b.complaints - a.complaints || b.mentions - a.mentions),
      topSymptoms: [...s.symptoms]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([symptom, count]) => ({ symptom, count })),
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
