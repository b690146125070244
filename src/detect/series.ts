// One series of the detector (a service in a region, or the service over all regions: 'GLOBAL'): what it
// keeps between steps, what a step observes of it, and what the step concludes. Plain JSON, like the rest
// of the detector's state.
import type { Signal } from '../model/types.ts';
import type { BaselineState } from './baseline.ts';
import type { HysteresisState, Level } from './hysteresis.ts';
import type { WindowState } from './window.ts';


/** Confidence is a probability-like score: hundredths are what it can tell apart (see docs/confidence.md). */
export const CONFIDENCE_DECIMALS = 2;

export interface SeriesState {
  service: string;
  region: string;
  baseline: BaselineState;
  episode: HysteresisState;
  window: WindowState;
  anomalousRun: number;
  /** Example post ids of the last `riseLookback` buckets, so an incident opened late still shows its first posts. */
  recentExamples: { at: number; ids: string[] }[];
  /** GLOBAL series: index into `incidents` of the service's open incident, if any. */
  openIncident?: number;
  /** GLOBAL series: the open incident's symptom counts, and the latest end of its episodes so far (epoch ms). */
  symptomCounts?: Record<string, number>;
  incidentEnd?: number;
  /** Regional series: index into the open incident's `episodes` of this region's open episode, if any. */
  openEpisode?: number;
  /**
   * Complaints seen while the episode (or, for GLOBAL, the whole incident) waits out a hold: they count
   * if it resumes, not if it ends where the lull began.
   */
  heldComplaints?: number;
}

/** The counts the detector reads, for one series in one bucket (a Bucket, or a sum of them). */
export interface Observation {
  complaints: number;
  news: number;
  mentions: number;
  negative: number;
  authors: number;
  languages: Record<string, number>;
  symptoms: Record<string, number>;
  examplePostIds: string[];
  /** Complaining authors' ids and complaint text keys; undefined once a bucket without them was added. */
  authorIds?: string[];
  textKeys?: string[];
}

/** The outcome of testing one series at one bucket. */
export interface SeriesVerdict {
  signal: Signal;
  /** Confidence from the short horizons only: what keeps an episode open. */
  closeConfidence: number;
  /** Voices over the most surprising horizon, and their rate per bucket (the rate of a rise, to trace its start). */
  voices: number;
  rate: number;
  /** While an episode is open: the recent rate against the baseline's, to tell when it is back near normal. */
  level?: Level;
}

export function seriesKey(service: string, region: string): string {
  return `${service}|${region}`;
}

/** Keys by descending count (ties by name), at most `limit`. */
export function topKeys(counts: Record<string, number>, limit: number): string[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([k]) => k);
}

/** Adds the missing items of `extra` to the sorted list; true when it grew. */
export function mergeSorted(list: string[], extra: string[]): boolean {
  let grew = false;
  for (const item of extra) {
    if (!list.includes(item)) {
      list.push(item);
      grew = true;
    }
  }
  if (grew) list.sort();
  return grew;
}
