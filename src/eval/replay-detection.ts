// Posts held in memory through the batch driver (classify -> aggregate -> causal detector, see
// batch/posts.ts), keeping the bucket at which each incident was announced and closed: the incident
// itself only carries its traced-back start, which is earlier than the moment anyone could have known.
import type { Incident, Post } from '../model/types.ts';
import { analysePosts, type PostsAnalysisOptions } from '../batch/posts.ts';

/** An incident with the steps at which the detector opened and closed it (bucket starts, epoch ms). */
export interface DetectedIncident {
  incident: Incident;
  /** Start of the bucket whose step opened it; the alert exists once that bucket is closed. */
  openedAt: number;
  /** Start of the bucket whose step closed it; absent while still open at the end of the replay. */
  closedAt?: number;
}

/** The batch driver's options over posts in memory; `onStep` also sees every step (for traces of what the detector saw). */
export type DetectIncidentsOptions = PostsAnalysisOptions;

export interface ReplayDetection {
  incidents: DetectedIncident[];
  /** Posts classified, and of them those naming a service (the ones aggregated). */
  posts: number;
  withService: number;
  steps: number;
}

/** The batch driver over posts in memory, in any order, with the steps that announced and closed each incident. */
export function detectIncidents(posts: Iterable<Post>, options: DetectIncidentsOptions = {}): ReplayDetection {
  const announced = new Map<string, DetectedIncident>();
  const { detection, posts: count, withService } = analysePosts(posts, {
    ...options,
    onStep: (at, step) => {
      options.onStep?.(at, step);
      for (const event of step.events) {
        if (event.type === 'open') announced.set(event.incident.id, { incident: event.incident, openedAt: at });
        else if (event.type === 'close') {
          const known = announced.get(event.incident.id);
          if (known) known.closedAt = at;
        }
      }
    },
  });
  // The final state of each incident (peak, complaints, end) with the announcement times kept.
  const incidents = detection.incidents.map((incident): DetectedIncident => {
    const known = announced.get(incident.id);
    if (!known) throw new Error(`detector incident ${incident.id} was never announced by an 'open' event`);
    return { ...known, incident };
  });
  return { incidents, posts: count, withService, steps: detection.steps };
}
