// Posts held in memory through the one pipeline (classify -> aggregate -> causal detector), keeping
// the bucket at which each incident was announced and closed: the incident itself only carries its
// traced-back start, which is earlier than the moment anyone could have known.
import type { Bucket, Incident, Post, Signal } from '../model/types.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { OutageDetector, type DetectorOptions, type IncidentEvent } from '../detect/detector.ts';
import { createPostClassifier, type PostClassifier } from '../pipeline/classify-post.ts';

/** An incident with the steps at which the detector opened and closed it (bucket starts, epoch ms). */
export interface DetectedIncident {
  incident: Incident;
  /** Start of the bucket whose step opened it; the alert exists once that bucket is closed. */
  openedAt: number;
  /** Start of the bucket whose step closed it; absent while still open at the end of the replay. */
  closedAt?: number;
}

/** Called after every step with what the detector answered. */
export type StepObserver = (at: number, step: { signals: Signal[]; events: IncidentEvent[] }) => void;

/**
 * Feeds time-sorted buckets to the detector one bucket step at a time, from the first bucket to the
 * last, empty steps included (a quiet minute is evidence too). Returns the number of steps.
 */
export function stepDetector(buckets: readonly Bucket[], bucketMs: number, detector: OutageDetector, onStep?: StepObserver): number {
  if (buckets.length === 0) return 0;
  const first = buckets[0].start;
  const last = buckets[buckets.length - 1].start;
  const steps = Math.round((last - first) / bucketMs) + 1;
  let next = 0;
  for (let i = 0; i < steps; i++) {
    const at = first + i * bucketMs;
    const from = next;
    while (next < buckets.length && buckets[next].start === at) next++;
    const step = detector.step(at, buckets.slice(from, next));
    onStep?.(at, step);
  }
  if (next !== buckets.length) {
    throw new RangeError(`stepDetector: bucket ${new Date(buckets[next].start).toISOString()} is out of order or off the ${bucketMs} ms grid`);
  }
  return steps;
}

export interface DetectIncidentsOptions {
  /** Default 60 000 (one minute). */
  bucketMs?: number;
  /** Default: the shipped classifier with region resolution (`createPostClassifier()`). */
  classify?: PostClassifier;
  detector?: Partial<DetectorOptions>;
  /** Sees every step's signals and events (for traces of what the detector saw). */
  onStep?: StepObserver;
}

export interface Detection {
  incidents: DetectedIncident[];
  /** Posts classified, and of them those naming a service (the ones aggregated). */
  posts: number;
  withService: number;
  steps: number;
}

/** classify -> Aggregator -> stepDetector over posts in memory, in any order. */
export function detectIncidents(posts: Iterable<Post>, options: DetectIncidentsOptions = {}): Detection {
  const bucketMs = options.bucketMs ?? 60_000;
  const classify = options.classify ?? createPostClassifier();
  const aggregator = new Aggregator(bucketMs);
  let count = 0;
  let withService = 0;
  for (const post of posts) {
    count++;
    if (aggregator.add(classify(post))) withService++;
  }
  const detector = new OutageDetector({ ...options.detector, bucketMs });
  const announced = new Map<string, DetectedIncident>();
  const steps = stepDetector(aggregator.buckets(), bucketMs, detector, (at, step) => {
    options.onStep?.(at, step);
    for (const event of step.events) {
      if (event.type === 'open') announced.set(event.incident.id, { incident: event.incident, openedAt: at });
      else if (event.type === 'close') {
        const known = announced.get(event.incident.id);
        if (known) known.closedAt = at;
      }
    }
  });
  // The final state of each incident (peak, complaints, end) with the announcement times kept.
  const incidents = detector.incidents().map((incident): DetectedIncident => {
    const known = announced.get(incident.id);
    if (!known) throw new Error(`detector incident ${incident.id} was never announced by an 'open' event`);
    return { ...known, incident };
  });
  return { incidents, posts: count, withService, steps };
}
