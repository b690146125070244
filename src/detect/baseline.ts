// The expected complaint count of one series (service x region) at a given time of week, learnt online.
// A slow level (EWMA) carries trend and growth; a per hour-of-week ratio to that level carries the weekly
// rhythm, shrunk towards the hour-of-day ratio (which learns seven times faster) and that towards 1; the level itself is shrunk towards a prior for
// series with little history. Updates are winsorised, and skipped while the series is anomalous.
import { HOUR_MS } from '../model/constants.ts';

export const HOURS_PER_WEEK = 168;
// The Unix epoch fell on a Thursday: shifting by 72 h makes slot 0 Monday 00:00 UTC.
const EPOCH_TO_MONDAY_HOURS = 72;

export interface BaselineOptions {
  bucketMs: number;
  /** Complaints per bucket assumed for a series with no history. */
  priorRate: number;
  /** How many buckets of evidence the prior is worth. */
  priorStrength: number;
  /** Half-life of the level, in ms: long enough to ignore a day's rhythm, short enough to follow growth. */
  levelHalfLifeMs: number;
  /** Half-life of each hour-of-week slot, in weeks of observations. */
  slotHalfLifeWeeks: number;
  /** Shrinkage of an hour-of-week slot towards its hour of day, and of that towards 1, in buckets of evidence. */
  slotShrinkage: number;
  /**
   * ... and at least this many complaints' worth: in a quiet series thirty buckets are one complaint,
   * and a ratio learnt from a handful of complaints (the first ones of an outage) is noise.
   */
  slotMinEvents: number;
  /** Updates clip an observation at mean + winsorSigmas standard deviations (robust to bursts). */
  winsorSigmas: number;
  /** Upper bound on the variance / mean ratio. */
  maxDispersion: number;
}

/** JSON-serialisable learnt state of one series. */
export interface BaselineState {
  /** Decayed sums: level = (levelSum + prior) / (levelWeight + priorStrength). */
  levelSum: number;
  levelWeight: number;
  /** Per hour-of-week decayed sums of observations and of the level at the time. */
  slotObserved: number[];
  slotLevel: number[];
  /** The same per hour of day, pooled over the days of the week. */
  hourObserved: number[];
  hourLevel: number[];
  /** Decayed sums of Pearson residuals (x - mean)^2 / mean, for the dispersion. */
  dispersionSum: number;
  dispersionWeight: number;
  /** Buckets learnt from so far. */
  observations: number;
}

export interface Expectation {
  mean: number;
  /** Variance / mean (1 = Poisson), including the uncertainty of a short history. */
  dispersion: number;
}

export function newBaselineState(): BaselineState {
  return {
    levelSum: 0,
    levelWeight: 0,
    slotObserved: new Array<number>(HOURS_PER_WEEK).fill(0),
    slotLevel: new Array<number>(HOURS_PER_WEEK).fill(0),
    hourObserved: new Array<number>(24).fill(0),
    hourLevel: new Array<number>(24).fill(0),
    dispersionSum: 0,
    dispersionWeight: 0,
    observations: 0,
  };
}

export function hourOfWeek(at: number): number {
  return (Math.floor(at / HOUR_MS) + EPOCH_TO_MONDAY_HOURS) % HOURS_PER_WEEK;
}

function level(state: BaselineState, opts: BaselineOptions): number {
  return (state.levelSum + opts.priorRate * opts.priorStrength) / (state.levelWeight + opts.priorStrength);
}

/** The expected count at `at`, using only what was learnt before. */
export function expect(state: BaselineState, at: number, opts: BaselineOptions): Expectation {
  const base = level(state, opts);
  const slot = hourOfWeek(at);
  const hour = slot % 24;
  const shrink = Math.max(opts.slotShrinkage * base, opts.slotMinEvents);
  const hourRatio = (state.hourObserved[hour] + shrink) / (state.hourLevel[hour] + shrink);
  const ratio = (state.slotObserved[slot] + shrink * hourRatio) / (state.slotLevel[slot] + shrink);
  const mean = Math.max(base * ratio, 1e-6);
  const noise = (state.dispersionSum + 2) / (state.dispersionWeight + 2);
  // Parameter uncertainty: a Poisson rate learnt from n buckets adds mean / n to the predictive variance.
  const uncertainty = 1 / (state.levelWeight + opts.priorStrength);
  const dispersion = Math.min(opts.maxDispersion, Math.max(1, noise) + uncertainty);
  return { mean, dispersion };
}

interface Decays {
  level: number;
  slot: number;
  hour: number;
}
const decaysByOptions = new WeakMap<BaselineOptions, Decays>();

/** Per-observation decay factors; computed once per options object (learn runs for every series every bucket). */
function decays(opts: BaselineOptions): Decays {
  let d = decaysByOptions.get(opts);
  if (!d) {
    const bucketsPerHour = HOUR_MS / opts.bucketMs;
    d = {
      level: 0.5 ** (opts.bucketMs / opts.levelHalfLifeMs),
      slot: 0.5 ** (1 / (opts.slotHalfLifeWeeks * bucketsPerHour)),
      hour: 0.5 ** (1 / (opts.slotHalfLifeWeeks * 7 * bucketsPerHour)),
    };
    decaysByOptions.set(opts, d);
  }
  return d;
}

/** Learns from one observation; `expected` is what `expect` returned for the same bucket. */
export function learn(state: BaselineState, at: number, observed: number, expected: Expectation, opts: BaselineOptions): void {
  const { level: levelDecay, slot: slotDecay, hour: hourDecay } = decays(opts);
  const cap = expected.mean + opts.winsorSigmas * Math.sqrt(expected.mean * expected.dispersion) + 1;
  const x = Math.min(observed, cap);
  const currentLevel = level(state, opts);
  state.levelSum = state.levelSum * levelDecay + x;
  state.levelWeight = state.levelWeight * levelDecay + 1;
  const slot = hourOfWeek(at);
  state.slotObserved[slot] = state.slotObserved[slot] * slotDecay + x;
  state.slotLevel[slot] = state.slotLevel[slot] * slotDecay + currentLevel;
  const hour = slot % 24;
  state.hourObserved[hour] = state.hourObserved[hour] * hourDecay + x;
  state.hourLevel[hour] = state.hourLevel[hour] * hourDecay + currentLevel;
  const residual = Math.min(((x - expected.mean) ** 2) / expected.mean, 100);
  state.dispersionSum = state.dispersionSum * levelDecay + residual;
  state.dispersionWeight = state.dispersionWeight * levelDecay + 1;
  state.observations++;
}
