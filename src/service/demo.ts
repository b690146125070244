// The first-run demo: with no source configured, the service replays the bundled sample archive,
// fast through the quiet hours (the detector learns its baselines from them) and slowly around the
// sample's busiest minute (its outage), so a new user watches the outage appear within a minute.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Post } from '../model/types.ts';
import { expandInputs, readArchives } from '../sources/archive/index.ts';
import { sleep } from '../sources/backoff.ts';
import { createReplaySource } from '../sources/replay.ts';
import { emptyStats, type Source, type SourceStats } from '../sources/source.ts';

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

/**
 * One stream of several time-ordered sources, in event-time order (a k-way merge): the sample keeps
 * one file per network, each covering the whole day, and the detector needs the day in order.
 */
export function mergeByEventTime(name: string, sources: Source[]): Source {
  const stats = emptyStats();
  return {
    name,
    stats,
    posts: (signal) => merged(sources, stats, signal),
  };
}

async function* merged(sources: Source[], stats: SourceStats, signal: AbortSignal | undefined): AsyncGenerator<Post> {
  const iterators = sources.map((source) => source.posts(signal)[Symbol.asyncIterator]());
  const heads = await Promise.all(iterators.map((it) => it.next()));
  try {
    for (;;) {
      let next = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i];
        if (head.done) continue;
        if (next < 0 || eventTime(head.value) < eventTime((heads[next] as IteratorYieldResult<Post>).value)) next = i;
      }
      if (next < 0) return;
      const { value } = heads[next] as IteratorYieldResult<Post>;
      heads[next] = await iterators[next].next();
      syncStats(stats, sources);
      yield value;
    }
  } finally {
    syncStats(stats, sources);
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}

function eventTime(post: Post): number {
  return Date.parse(post.createdAt);
}

function syncStats(stats: SourceStats, sources: Source[]): void {
  for (const key of Object.keys(stats) as Array<keyof SourceStats>) stats[key] = sources.reduce((sum, s) => sum + s.stats[key], 0);
}

/** Archive files of the sample folder; `*.truth.json` (what the generator put in) is not an archive. */
export async function sampleArchives(sampleDir = SAMPLE_DIR): Promise<string[]> {
  if (!(await stat(sampleDir).catch(() => undefined))?.isDirectory()) return [];
  return (await expandInputs([sampleDir])).filter((path) => !path.endsWith('.truth.json'));
}

/** The sample archive as one paced, time-ordered source, or undefined when the sample folder holds no archive. */
export async function sampleDemoSource(sampleDir = SAMPLE_DIR, pace: DemoPace = {}): Promise<Source | undefined> {
  const paths = await sampleArchives(sampleDir);
  if (paths.length === 0) return undefined;
  const peak = await busiestMinute(paths);
  if (peak === undefined) return undefined;
  const replays = paths.map((path) => createReplaySource({ paths: [path], speed: Infinity }));
  return pacedSource(mergeByEventTime(`demo:${basename(sampleDir)}`, replays), demoSchedule(peak, pace));
}
