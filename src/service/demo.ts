// The first-run demo: with no source configured, the service replays the bundled sample archive,
// fast through the quiet hours (the detector learns its baselines from them) and slowly around the
// sample's busiest minute (its outage), so a new user watches the outage appear within a minute.
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Post } from '../model/types.ts';
import { expandInputs, readArchives } from '../sources/archive/index.ts';
import { sleep } from '../sources/backoff.ts';
import { createReplaySource } from '../sources/replay.ts';
import type { Source } from '../sources/source.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../../data/sample/', import.meta.url));

/** From `fromEventMs` on, event time runs `speed` times faster than wall time (Infinity: no waiting). */
export interface PaceStep {
  fromEventMs: number;
  speed: number;
}

export interface DemoPace {
  /** Event time before the busiest minute where the slow part starts (ms). Default 45 min. */
  leadMs?: number;
  /** Speed of the slow part. Default 90 (45 minutes of posts in 30 s). */
  slowSpeed?: number;
  /** After the busiest minute plus this, the replay speeds up again (ms). Default 60 min. */
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

/** The start of the minute with the most posts in the archives (one reading pass). */
export async function busiestMinute(paths: string[]): Promise<number | undefined> {
  const perMinute = new Map<number, number>();
  for await (const record of readArchives(paths)) {
    if (record.kind !== 'post') continue;
    const at = Date.parse(record.post.createdAt);
    if (Number.isNaN(at)) continue;
    const minute = at - (at % 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const entry of perMinute) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

export function demoSchedule(peak: number, pace: DemoPace = {}): PaceStep[] {
  const lead = pace.leadMs ?? 45 * 60_000;
  const tail = pace.tailMs ?? 60 * 60_000;
  return [
    { fromEventMs: -Infinity, speed: Infinity },
    { fromEventMs: peak - lead, speed: pace.slowSpeed ?? 90 },
    { fromEventMs: peak + tail, speed: pace.tailSpeed ?? 600 },
  ];
}

/** The sample archive as a paced source, or undefined when the sample folder holds no archive. */
export async function sampleDemoSource(sampleDir = SAMPLE_DIR, pace: DemoPace = {}): Promise<Source | undefined> {
  if (!(await stat(sampleDir).catch(() => undefined))?.isDirectory()) return undefined;
  const paths = await expandInputs([sampleDir]);
  if (paths.length === 0) return undefined;
  const peak = await busiestMinute(paths);
  if (peak === undefined) return undefined;
  return pacedSource(createReplaySource({ paths, speed: Infinity }), demoSchedule(peak, pace));
}
