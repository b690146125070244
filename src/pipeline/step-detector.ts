// Driving the causal detector over aggregated buckets, one bucket step at a time: the one loop the
// batch analysis (and the replay evaluation through it) and the live detector loop share.
import type { Bucket, Signal } from '../model/types.ts';
import type { IncidentEvent, OutageDetector } from '../detect/detector.ts';

/** Called after every step with what the detector answered. */
export type StepObserver = (at: number, step: { signals: Signal[]; events: IncidentEvent[] }) => void;

/** The steps to take: `steps` bucket steps from `first` (epoch ms). */
export interface StepRange {
  first: number;
  steps: number;
}

/**
 * Feeds time-sorted buckets to the detector one bucket step at a time, from the first bucket to the
 * last (or over `range`, when part of the services is detected elsewhere and all parts must step
 * alike), empty steps included (a quiet minute is evidence too). Returns the number of steps.
 */
export function stepDetector(buckets: readonly Bucket[], bucketMs: number, detector: OutageDetector, onStep?: StepObserver, range?: StepRange): number {
  if (!range && buckets.length === 0) return 0;
  const first = range?.first ?? buckets[0].start;
  const steps = range?.steps ?? Math.round((buckets[buckets.length - 1].start - first) / bucketMs) + 1;
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

