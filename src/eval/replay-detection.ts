// Posts held in memory through the one pipeline (classify -> aggregate -> causal detector), keeping
// the bucket at which each incident was announced and closed: the incident itself only carries its
// traced-back start, which is earlier than the moment anyone could have known.
import type { Incident, Post } from '../model/types.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { OutageDetector, type DetectorOptions } from '../detect/detector.ts';
import { createPostClassifier, type PostClassifier } from '../pipeline/classify-post.ts';
import { stepDetector, type StepObserver } from '../pipeline/step-detector.ts';

export { stepDetector, type StepObserver } from '../pipeline/step-detector.ts';

/** An incident with the steps at which the detector opened and closed it (bucket starts, epoch ms). */
export interface DetectedIncident {
  incident: Incident;
  /** Start of the bucket whose step opened it; the alert exists once that bucket is closed. */
  openedAt: number;
  /** Start of the bucket whose step closed it; absent while still open at the end of the replay. */
  closedAt?: number;
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
