// The first-run demo: with no source configured, the service replays the bundled sample archive,
// fast through the quiet hours (the detector learns its baselines from them) and slowly from just
// before the sample's burst of posts (its outage), so a new user watches the outage appear within a minute.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Post } from '../model/types.ts';
import { expandInputs, readArchives } from '../sources/archive/index.ts';
import { sleep } from '../util/timing.ts';
import { createReplaySource } from '../sources/replay.ts';
import type { Source } from '../sources/source.ts';
import { MINUTE_MS as MINUTE } from '../model/constants.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../../data/sample/', import.meta.url));

/** From `fromEventMs` on, event time runs `speed` times faster than wall time (Infinity: no waiting). */
export interface PaceStep {
  fromEventMs: number;
  speed: number;
}

export interface DemoPace {
  /** Event time before the burst's rise where the slow part starts (ms). Default 20 min. */
  leadMs?: number;
  /** Speed of the slow part. Default 90 (20 minutes of posts in 13 s). */
  slowSpeed?: number;
  /** After the burst's busiest minute plus this, the replay speeds up again (ms). Default 60 min. */
  tailMs?: number;
  /** Speed after the slow part. Default 600. */
  tailSpeed?: number;
}

/** Wraps a source so its posts come out at the pace of `schedule` (steps sorted by `fromEventMs`). */
export function pacedSource(source: Source, schedule: PaceStep[]): Source {
  return {
    name: source.name,
    stats: source.stats,
    posts: (signal) => paced(source, schedule, signal),
  };
}

async function* paced(source: Source, schedule: PaceStep[], signal: AbortSignal | undefined): AsyncGenerator<Post> {
  let anchor: { step: PaceStep; eventMs: number; wallMs: number } | undefined;
  for await (const post of source.posts(signal)) {
    const eventMs = Date.parse(post.createdAt);
    const step = stepAt(schedule, eventMs);
    if (anchor?.step !== step) anchor = { step, eventMs, wallMs: Date.now() };
    if (Number.isFinite(step.speed)) await sleep(anchor.wallMs + (eventMs - anchor.eventMs) / step.speed - Date.now(), signal);
    if (signal?.aborted) return;
    yield post;
  }
}

function stepAt(schedule: PaceStep[], eventMs: number): PaceStep {
  let current = schedule[0] ?? { fromEventMs: -Infinity, speed: Infinity };
  for (const step of schedule) if (step.fromEventMs <= eventMs) current = step;
  return current;
}

/** Where an archive's burst lies: the minute its volume starts to rise, and its busiest minute (epoch ms). */
export interface Burst {
  rise: number;
  peak: number;
}

/** Minutes summed to smooth the volume before looking for the burst. */
const SMOOTHING = 5;

/** Posts per minute of the archives (one reading pass). */
export async function postsPerMinute(paths: string[]): Promise<Map<number, number>> {
  const perMinute = new Map<number, number>();
  for await (const record of readArchives(paths)) {
    if (record.kind !== 'post') continue;
    const at = Date.parse(record.post.createdAt);
    if (Number.isNaN(at)) continue;
    const minute = at - (at % MINUTE);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  return perMinute;
}

/**
 * The busiest stretch of a per-minute volume and where it began: walking back from the peak of the
 * smoothed volume while it stays above a quarter of the way from the median to the peak.
 */
export function findBurst(perMinute: Map<number, number>): Burst | undefined {
  if (perMinute.size === 0) return undefined;
  const minutes = [...perMinute.keys()];
  const first = Math.min(...minutes);
  const last = Math.max(...minutes);
  const smoothed: number[] = [];
  for (let at = first; at <= last; at += MINUTE) {
    let sum = 0;
    for (let k = 0; k < SMOOTHING; k++) sum += perMinute.get(at - k * MINUTE) ?? 0;
    smoothed.push(sum);
  }
  let peak = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i] > smoothed[peak]) peak = i;
  const median = [...smoothed].sort((a, b) => a - b)[Math.floor(smoothed.length / 2)];
  const threshold = median + (smoothed[peak] - median) / 4;
  let rise = peak;
  while (rise > 0 && smoothed[rise - 1] >= threshold) rise--;
  return { rise: first + Math.max(0, rise - (SMOOTHING - 1)) * MINUTE, peak: first + peak * MINUTE };
}

/** Fast until `leadMs` before the rise, slow from there to `tailMs` after the peak, then fast again. */
export function demoSchedule(burst: Burst, pace: DemoPace = {}): PaceStep[] {
  const lead = pace.leadMs ?? 20 * MINUTE;
  const tail = pace.tailMs ?? 60 * MINUTE;
  return [
    { fromEventMs: -Infinity, speed: Infinity },
    { fromEventMs: burst.rise - lead, speed: pace.slowSpeed ?? 90 },
    { fromEventMs: burst.peak + tail, speed: pace.tailSpeed ?? 600 },
  ];
}

/** Archive files of the sample folder (none when there is no such folder). */
export async function sampleArchives(sampleDir = SAMPLE_DIR): Promise<string[]> {
  if (!(await stat(sampleDir).catch(() => undefined))?.isDirectory()) return [];
  return expandInputs([sampleDir]);
}

/** Archive files as one paced source, merged in event-time order (slow around their busiest minute), or undefined when they hold no post. */
export async function demoSource(paths: string[], pace: DemoPace = {}): Promise<Source | undefined> {
  const burst = findBurst(await postsPerMinute(paths));
  if (burst === undefined) return undefined;
  const name = `demo:${paths.map((path) => basename(path)).join(',')}`;
  return pacedSource(createReplaySource({ paths, name, speed: Infinity }), demoSchedule(burst, pace));
}
