// The detection step of a batch analysis: the causal detector replayed over the aggregated buckets.
// Services are independent of each other (a service's GLOBAL series sums only its own regions), so
// the services can be split into groups detected at the same time on several threads, each group
// stepping over the same range of minutes.
import type { Bucket, Incident, Signal } from '../model/types.ts';
import { OutageDetector, type DetectorOptions } from '../detect/detector.ts';
import { stepDetector, type StepObserver, type StepRange } from '../pipeline/step-detector.ts';
import { GLOBAL_REGION } from '../model/constants.ts';
import { addComplaints, addJudged, signalColumns, type SignalColumns } from '../pipeline/signal-columns.ts';

export interface Detection {
  first: number;
  steps: number;
  /** service -> its GLOBAL signal, one column a step (0 at steps without a signal). */
  global: Map<string, SignalColumns>;
  /** `service|region` -> highest confidence seen. */
  peakConfidence: Map<string, number>;
  /** service -> per-step totals over regions, from the buckets. */
  totals: Map<string, StepTotals>;
  incidents: Incident[];
}

export interface StepTotals {
  mentions: number[];
  negative: number[];
  /** symptom -> step index -> complaints naming it; sparse, as most minutes name no symptom. */
  symptoms: Map<string, Map<number, number>>;
}

/** The range of steps that covers time-sorted buckets, first to last. */
export function stepRangeOf(buckets: readonly Bucket[], bucketMs: number): StepRange {
  return stepRangeOfSpan(spanOf(buckets), bucketMs);
}

/** Starts of the first and of the last of time-sorted buckets (epoch ms), when there is any. */
export interface BucketSpan {
  first: number;
  last: number;
}

export function spanOf(buckets: readonly Bucket[]): BucketSpan | undefined {
  return buckets.length > 0 ? { first: buckets[0].start, last: buckets[buckets.length - 1].start } : undefined;
}

/** The range of steps from the first bucket start to the last (none when there is no bucket). */
export function stepRangeOfSpan(span: BucketSpan | undefined, bucketMs: number): StepRange {
  if (!span) return { first: 0, steps: 0 };
  return { first: span.first, steps: Math.round((span.last - span.first) / bucketMs) + 1 };
}

/** Buckets per service: the detection's load. */
export function bucketsPerService(buckets: readonly Bucket[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const b of buckets) load.set(b.service, (load.get(b.service) ?? 0) + 1);
  return load;
}

/** How a detection runs, beyond its buckets and range. */
export interface DetectionOptions {
  /** Settings of the detector (default: the shipped ones). */
  detector?: Partial<DetectorOptions>;
  /** Sees every step's signals and incident events, after the detection has recorded them. */
  onStep?: StepObserver;
}

/**
 * Replays time-sorted buckets through the causal detector, one bucket step at a time over `range`,
 * empty steps included. Buckets outside the range (posts far from the bulk, see event-range.ts) are
 * left out: they neither widen the range nor count.
 */
export function detect(all: readonly Bucket[], bucketMs: number, range: StepRange = stepRangeOf(all, bucketMs), options: DetectionOptions = {}): Detection {
  const run = new DetectionRun(bucketMs, range, options);
  run.add(all, Infinity);
  return run.finish();
}

/** Steps a chunk of detection covers: the buckets of one chunk are all a batch analysis holds as objects at a time. */
export const DETECTION_CHUNK_STEPS = 60;

/**
 * `detect` over buckets that come chunk after chunk, `DETECTION_CHUNK_STEPS` steps each, so that the
 * buckets of a whole archive are never held at once: `takeChunk(until)` gives the time-sorted buckets
 * that start before `until` (epoch ms) and were not given yet (the last call's `until` is Infinity).
 */
export async function detectInChunks(bucketMs: number, range: StepRange, takeChunk: (until: number) => Bucket[] | Promise<Bucket[]>): Promise<Detection> {
  const run = new DetectionRun(bucketMs, range);
  const chunks = Math.max(1, Math.ceil(range.steps / DETECTION_CHUNK_STEPS));
  for (let c = 1; c <= chunks; c++) {
    const until = c === chunks ? Infinity : range.first + c * DETECTION_CHUNK_STEPS * bucketMs;
    run.add(await takeChunk(until), until);
  }
  return run.finish();
}

/** One detection over `range`, fed with time-sorted buckets in order, each part up to a time. */
class DetectionRun {
  private readonly detection: Detection;
  private readonly detector: OutageDetector;
  private readonly last: number;
  /** The next step to take. */
  private next = 0;

  constructor(
    private readonly bucketMs: number,
    private readonly range: StepRange,
    private readonly options: DetectionOptions = {},
  ) {
    this.detection = { first: range.first, steps: range.steps, global: new Map(), peakConfidence: new Map(), totals: new Map(), incidents: [] };
    this.detector = new OutageDetector({ ...options.detector, bucketMs });
    this.last = range.first + (range.steps - 1) * bucketMs;
  }

  /** Counts `part` (time-sorted, all before `until`) and steps the detector up to `until`. */
  add(part: readonly Bucket[], until: number): void {
    const { first, steps } = this.range;
    const bucketMs = this.bucketMs;
    if (steps === 0) return;
    const buckets = part.filter((b) => b.start >= first && b.start <= this.last);
    for (const b of buckets) this.count(b, Math.round((b.start - first) / bucketMs));
    const end = Math.min(steps, Math.ceil((until - first) / bucketMs));
    if (end <= this.next) return;
    const onStep = this.options.onStep;
    const observe: StepObserver = onStep
      ? (at, step) => {
          this.observe(at, step.signals);
          onStep(at, step);
        }
      : (at, step) => this.observe(at, step.signals);
    stepDetector(buckets, bucketMs, this.detector, observe, { first: first + this.next * bucketMs, steps: end - this.next });
    this.next = end;
  }

  finish(): Detection {
    if (this.range.steps > 0) this.detection.incidents = this.detector.incidents();
    return this.detection;
  }

  private count(b: Bucket, i: number): void {
    const steps = this.range.steps;
    let t = this.detection.totals.get(b.service);
    if (!t) {
      t = { mentions: new Array<number>(steps).fill(0), negative: new Array<number>(steps).fill(0), symptoms: new Map() };
      this.detection.totals.set(b.service, t);
    }
    t.mentions[i] += b.complaints + b.noise.news + b.noise.joke + b.noise.other;
    t.negative[i] += b.negative;
    for (const symptom in b.symptoms) {
      let perStep = t.symptoms.get(symptom);
      if (!perStep) t.symptoms.set(symptom, (perStep = new Map()));
      perStep.set(i, (perStep.get(i) ?? 0) + b.symptoms[symptom]);
    }
  }

  private observe(at: number, signals: Signal[]): void {
    const { detection, range, bucketMs } = this;
    for (const signal of signals) {
      // Most signals of most minutes have confidence 0, which is never a peak: no key to build for them.
      if (signal.confidence > 0) {
        const key = `${signal.service}|${signal.region}`;
        if (signal.confidence > (detection.peakConfidence.get(key) ?? 0)) detection.peakConfidence.set(key, signal.confidence);
      }
      if (signal.region !== GLOBAL_REGION) continue;
      let series = detection.global.get(signal.service);
      if (!series) {
        series = signalColumns(range.first, bucketMs, range.steps);
        detection.global.set(signal.service, series);
      }
      addComplaints(series, at, signal.complaints);
      addJudged(series, at, signal.baseline, signal.confidence);
    }
  }
}

/**
 * Splits time-sorted buckets into `count` groups of whole services (each time-sorted), balanced by
 * their number of buckets (see `groupServices`).
 */
export function splitByService(buckets: readonly Bucket[], count: number): Bucket[][] {
  const groupOf = groupIndex(groupServices(bucketsPerService(buckets), count));
  const groups = Array.from({ length: count }, () => [] as Bucket[]);
  for (const b of buckets) groups[groupOf.get(b.service)!].push(b);
  return groups;
}

/**
 * Splits services into `count` groups of about equal load (buckets to detect): the services with the
 * most load first, each to the group with the least load so far. The same loads give the same groups.
 */
export function groupServices(load: ReadonlyMap<string, number>, count: number): string[][] {
  const sizes = new Array<number>(count).fill(0);
  const groups = Array.from({ length: count }, () => [] as string[]);
  const services = [...load].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [service, n] of services) {
    const group = sizes.indexOf(Math.min(...sizes));
    groups[group].push(service);
    sizes[group] += n;
  }
  return groups;
}

/** service -> index of its group. */
export function groupIndex(groups: readonly (readonly string[])[]): Map<string, number> {
  const groupOf = new Map<string, number>();
  groups.forEach((group, i) => {
    for (const service of group) groupOf.set(service, i);
  });
  return groupOf;
}

/** Detections of disjoint groups of services, over the same range, as one. */
export function mergeDetections(parts: Detection[]): Detection {
  const [first, ...rest] = parts;
  for (const part of rest) {
    for (const [k, v] of part.global) first.global.set(k, v);
    for (const [k, v] of part.peakConfidence) first.peakConfidence.set(k, v);
    for (const [k, v] of part.totals) first.totals.set(k, v);
    first.incidents.push(...part.incidents);
  }
  return first;
}
