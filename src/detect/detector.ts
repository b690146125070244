// The streaming, causal outage detector: per service x region (and per service over all regions, 'GLOBAL')
// it compares the complaints of the last buckets, over several horizons, with the series' learnt
// baseline, turns the most surprising horizon's evidence into a confidence, and opens and closes
// episodes with hysteresis. A service has one incident per outage: it opens with the first episode of
// the service (service-wide or of a region), holds its regions' episodes, and ends when all are over.
// A bucket's verdict uses only data up to it.
import type { Bucket, Evidence, Incident, Signal } from '../model/types.ts';
import { roundSignificant, roundTo } from '../util/round.ts';
import { expect, learn, newBaselineState, type BaselineOptions, type Expectation } from './baseline.ts';
import { DEFAULT_CONFIDENCE_WEIGHTS, outageConfidence, type ConfidenceWeights } from './confidence.ts';
import { advance, heldSince, newHysteresisState, type HysteresisOptions, type Level } from './hysteresis.ts';
import { IncidentBook, IncidentStep, type IncidentEvent } from './incident-book.ts';
import { CONFIDENCE_DECIMALS, seriesKey, topKeys, type Observation, type SeriesState, type SeriesVerdict } from './series.ts';
import { negativeBinomialUpperTail, surprise as toSurprise } from './tail.ts';
import { horizonBounds, horizonCounts, horizonSums, isQuiet, newWindowState, recordStep, restartWindow, voiceShare, type HorizonSums, type WindowEntry, type WindowState } from './window.ts';
import { DEFAULT_BUCKET_MS, GLOBAL_REGION } from '../model/constants.ts';

export type { IncidentEvent } from './incident-book.ts';

export interface DetectorOptions extends BaselineOptions, HysteresisOptions {
  holdMs: number;
  closeFraction: number;
  /** Buckets a series must have been learnt from before it reaches full confidence (cold start). */
  warmupBuckets: number;
  /** Confidence at or above which a bucket is not learnt from (it is probably an outage). */
  learnBelow: number;
  /**
   * A bucket is not learnt from either while a horizon with at least `freezeVoices` voices reaches this
   * surprise (uncorrected). A lone complaint in a quiet series is always surprising, and must be learnt.
   */
  freezeSurprise: number;
  freezeVoices: number;
  /** After this many anomalous buckets in a row, learning resumes (winsorised): a lasting new normal. */
  freezeLimit: number;
  /** Horizons (in buckets, ascending) over which complaints are summed and tested; the most surprising counts. */
  horizons: number[];
  /** Only horizons up to this many buckets keep an incident open: it closes soon after complaints fall back. */
  closeHorizon: number;
  /** The recent rate that must fall back near the baseline before an episode ends is over this many buckets (a horizon). */
  levelBuckets: number;
  /**
   * Relative error of the baseline itself (a standard deviation, 0.25 = 25 %). It does not average out
   * over a horizon, so a sum over many buckets of a busy series is not held to Poisson precision.
   */
  modelError: number;

  /** A region counts as affected for a GLOBAL signal at this surprise and at least `minComplaints`. */
  affectedSurprise: number;
  /**
   * A region's confidence above its service's GLOBAL one is believed in proportion voices / (voices +
   * this): a region with a handful of voices borrows the service's verdict instead of shouting alone.
   */
  regionAloneVoices: number;
  maxExamples: number;
  topSymptoms: number;
  confidence: ConfidenceWeights;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = {
  bucketMs: DEFAULT_BUCKET_MS,
  priorRate: 0.01,
  priorStrength: 30,
  levelHalfLifeMs: 2 * 86_400_000,
  slotHalfLifeWeeks: 4,
  slotShrinkage: 30,
  slotMinEvents: 20,
  winsorSigmas: 4,
  maxDispersion: 30,
  openAbove: 0.85,
  openAfter: 1,
  closeBelow: 0.3,
  closeAfter: 5,
  // A lull of up to half an hour inside an outage does not split it (the sample's regions dip for 5-30 min).
  holdMs: 30 * 60_000,
  closeFraction: 0.1,
  riseSurprise: 0.6,
  riseLookback: 60,
  warmupBuckets: 30,
  learnBelow: 0.5,
  freezeSurprise: 3,
  freezeVoices: 3,
  freezeLimit: 360,
  horizons: [1, 3, 10, 30],
  closeHorizon: 10,
  levelBuckets: 3,
  modelError: 0.25,
  affectedSurprise: 2,
  regionAloneVoices: 4,
  maxExamples: 5,
  topSymptoms: 3,
  // Over a horizon of up to 30 minutes, fewer than eight people complaining is not an outage to announce.
  // A rise to less than three times the usual, even a long one, is more likely the day's rhythm than an outage.
  // Repetition over the window (authors: its weight) is the mark of bots and reshares, so it weighs double.
  confidence: { ...DEFAULT_CONFIDENCE_WEIGHTS, minComplaints: 8, minAuthors: 8, minRatio: 3, surpriseMidpoint: 6, authors: 4 },
};

/**
 * A regional series, and while a step is taken (not part of the state) the observation it has, then
 * its observation and verdict between testing and tracking.
 */
interface RegionalSlot {
  series: SeriesState;
  /** The service's GLOBAL slot (found at the first step after both exist). */
  owner: GlobalSlot | undefined;
  pending: Observation | undefined;
  observed: Observation | undefined;
  verdict: SeriesVerdict | undefined;
}

/** A service's GLOBAL series, and its verdict between testing and tracking (not part of the state). */
interface GlobalSlot {
  series: SeriesState;
  verdict: SeriesVerdict | undefined;
}

/** Everything the detector has learnt; JSON-serialisable, to persist and restore across restarts. */
export interface DetectorState {
  version: 3;
  lastAt?: number;
  series: Record<string, SeriesState>;
  incidents: Incident[];
}

/** A state saved while incidents were kept per series (regional ones apart): restored with the service-wide ones. */
export interface DetectorStateV2 {
  version: 2;
  lastAt?: number;
  series: Record<string, SeriesState>;
  incidents: Omit<Incident, 'episodes'>[];
}

/** A state saved before the detector kept a window per series; restored with empty windows. */
export interface DetectorStateV1 {
  version: 1;
  lastAt?: number;
  series: Record<string, Omit<SeriesState, 'window'>>;
  incidents: Omit<Incident, 'episodes'>[];
}

/**
 * What the detector reads: a Bucket, which may carry its complaining authors' ids (as the
 * Aggregator's deltas do) so distinct authors can be counted over several buckets.
 */
export type DetectorBucket = Bucket & { authorIds?: readonly string[] };

const EMPTY: Observation = Object.freeze({
  complaints: 0,
  news: 0,
  mentions: 0,
  negative: 0,
  authors: 0,
  languages: {},
  symptoms: {},
  examplePostIds: [],
  authorIds: [],
  textKeys: [],
}) as Observation;

export class OutageDetector {
  private readonly opts: DetectorOptions;
  private readonly st: DetectorState;
  /** `st.series` split by kind, kept in step with it (Object.entries on every step is the hot spot). */
  private readonly regional: RegionalSlot[] = [];
  private readonly regionalByKey = new Map<string, RegionalSlot>();
  private readonly globals: GlobalSlot[] = [];
  private readonly globalByService = new Map<string, GlobalSlot>();
  /** Scratch space of `testHorizons`' first, cheap pass: summed voices and expectations per horizon. */
  private readonly bounds: { voices: Float64Array; expected: Float64Array };
  /** Index in `horizons` of the longest one within `levelBuckets`: the span of the recent rate. */
  private readonly levelHorizon: number;
  private readonly book: IncidentBook;

  constructor(opts: Partial<DetectorOptions> = {}, state?: DetectorState | DetectorStateV2 | DetectorStateV1) {
    this.opts = { ...DEFAULT_DETECTOR_OPTIONS, ...opts, confidence: { ...DEFAULT_DETECTOR_OPTIONS.confidence, ...opts.confidence } };
    this.st = state ? restore(state) : { version: 3, series: {}, incidents: [] };
    this.levelHorizon = Math.max(0, this.opts.horizons.filter((h) => h <= this.opts.levelBuckets).length - 1);
    this.book = new IncidentBook(this.st, this.opts);
    this.bounds = { voices: new Float64Array(this.opts.horizons.length), expected: new Float64Array(this.opts.horizons.length) };
    for (const [key, series] of Object.entries(this.st.series)) this.index(key, series);
  }

  /**
   * Feeds one closed bucket: all Buckets whose start === at. Series seen before but absent count as zero.
   * Returns a Signal per known service x region plus one per service for 'GLOBAL', and incident events.
   */
  step(at: number, buckets: readonly DetectorBucket[]): { signals: Signal[]; events: IncidentEvent[] } {
    if (this.st.lastAt !== undefined && at <= this.st.lastAt) {
      throw new RangeError(`bucket ${new Date(at).toISOString()} is not after the last one (${new Date(this.st.lastAt).toISOString()}): feed buckets in time order`);
    }
    for (const b of buckets) {
      if (b.start !== at) {
        throw new RangeError(`bucket ${b.service}|${b.region} starts at ${new Date(b.start).toISOString()}, not at the step ${new Date(at).toISOString()}`);
      }
      if (b.region === GLOBAL_REGION) throw new RangeError(`bucket ${b.service}: region 'GLOBAL' is reserved for the detector's sums`);
    }
    for (const b of buckets) {
      this.ensureSeries(b.service, b.region);
      this.ensureSeries(b.service, GLOBAL_REGION);
      const slot = this.regionalByKey.get(seriesKey(b.service, b.region))!;
      slot.pending = addInto(slot.pending ?? emptyObservation(), b);
    }
    this.st.lastAt = at;

    const signals: Signal[] = [];
    const affectedByService = new Map<string, string[]>();
    const totals = new Map<string, Observation>();
    const affectedBelow = 10 ** -this.opts.affectedSurprise;
    for (const slot of this.regional) {
      const series = slot.series;
      const obs = slot.pending ?? EMPTY;
      slot.pending = undefined;
      if (obs !== EMPTY) totals.set(series.service, addObservation(totals.get(series.service) ?? emptyObservation(), obs));
      const verdict = this.evaluate(series, at, obs, [series.region], undefined);
      if (verdict.signal.evidence.pValue <= affectedBelow && verdict.voices >= this.opts.confidence.minComplaints) {
        const list = affectedByService.get(series.service) ?? [];
        list.push(series.region);
        affectedByService.set(series.service, list);
      }
      slot.observed = obs;
      slot.verdict = verdict;
    }
    for (const slot of this.globals) {
      const affected = affectedByService.get(slot.series.service) ?? [];
      slot.verdict = this.evaluate(slot.series, at, totals.get(slot.series.service) ?? EMPTY, affected, affected.length);
    }
    const step = new IncidentStep(at);
    for (const slot of this.regional) {
      const verdict = slot.verdict!;
      const owner = (slot.owner ??= this.globalByService.get(slot.series.service)!);
      this.borrow(verdict, owner.verdict!.signal.confidence);
      const transition = this.advanceEpisode(slot.series, at, verdict, slot.observed!, Infinity);
      this.book.region(slot.series, owner.series, at, verdict, slot.observed!, transition, step);
      signals.push(rounded(verdict.signal));
      slot.observed = undefined;
      slot.verdict = undefined;
    }
    for (const slot of this.globals) {
      const verdict = slot.verdict!;
      const observed = totals.get(slot.series.service) ?? EMPTY;
      this.book.service(slot.series, at, verdict, observed, this.advanceEpisode(slot.series, at, verdict, observed), step);
      signals.push(rounded(verdict.signal));
      slot.verdict = undefined;
    }
    return { signals, events: step.events(this.st.incidents) };
  }

  /** All incidents, oldest first; open ones have no `end`. */
  incidents(): Incident[] {
    return this.st.incidents.map((i) => structuredClone(i));
  }

  /**
   * Forgets the closed incidents that ended before `time` (epoch ms, event time), so that a service
   * running for months keeps a bounded list; open incidents always stay. Returns how many went.
   */
  forgetIncidentsBefore(time: number): number {
    const kept: Incident[] = [];
    const moved = new Map<number, number>();
    this.st.incidents.forEach((incident, index) => {
      if (incident.end !== undefined && Date.parse(incident.end) < time) return;
      moved.set(index, kept.push(incident) - 1);
    });
    const forgotten = this.st.incidents.length - kept.length;
    if (forgotten === 0) return 0;
    for (const series of Object.values(this.st.series)) {
      if (series.openIncident !== undefined) series.openIncident = moved.get(series.openIncident);
    }
    this.st.incidents = kept;
    return forgotten;
  }

  /** A copy of the learnt state, to persist and later pass to the constructor. */
  state(): DetectorState {
    return structuredClone(this.st);
  }

  /**
   * The state itself, not a copy: for writing it out without a pause for copying. Valid only until
   * the next step; the caller must not change it.
   */
  liveState(): Readonly<DetectorState> {
    return this.st;
  }

  private ensureSeries(service: string, region: string): void {
    const key = seriesKey(service, region);
    if (this.st.series[key]) return;
    const series: SeriesState = {
      service, region, baseline: newBaselineState(), episode: newHysteresisState(), window: newWindowState(), anomalousRun: 0, recentExamples: [],
    };
    this.st.series[key] = series;
    this.index(key, series);
  }

  private index(key: string, series: SeriesState): void {
    if (series.region === GLOBAL_REGION) {
      const slot: GlobalSlot = { series, verdict: undefined };
      this.globals.push(slot);
      this.globalByService.set(series.service, slot);
    } else {
      const slot: RegionalSlot = { series, owner: undefined, pending: undefined, observed: undefined, verdict: undefined };
      this.regional.push(slot);
      this.regionalByKey.set(key, slot);
    }
  }

  private evaluate(series: SeriesState, at: number, obs: Observation, regions: string[], regionsAffected: number | undefined): SeriesVerdict {
    const o = this.opts;
    const expected = expect(series.baseline, at, o);
    const ids = distinctIds(obs);
    const voices = voicesOf(obs, ids);
    const entry = obs.mentions > 0 ? windowEntry(at, obs, voices, ids) : undefined;
    recordStep(series.window, at, expected.mean, entry, Math.max(o.horizons[o.horizons.length - 1], o.riseLookback), o.bucketMs);
    const tested = isQuiet(series.window) ? [] : this.testHorizons(series.window, expected);
    const best = mostSurprising(tested, Infinity);
    const shortBest = mostSurprising(tested, o.closeHorizon);
    const diversity = best ? voiceShare(series.window) : 1;
    const confidence = best ? this.confidenceOf(series, best, diversity, regionsAffected) : 0;
    const closeConfidence = shortBest === best ? confidence : shortBest ? this.confidenceOf(series, shortBest, diversity, regionsAffected) : 0;
    const pValue = best ? 10 ** -best.surprise : 1;
    const mentions = obs.mentions;
    const topSymptoms = obs.complaints > 0 ? topKeys(obs.symptoms, o.topSymptoms) : [];
    const languages = obs.complaints > 0 ? topKeys(obs.languages, Infinity) : [];
    const evidence: Evidence = {
      complaints: obs.complaints,
      baseline: expected.mean,
      pValue,
      distinctAuthors: obs.authors,
      complaintShare: mentions > 0 ? obs.complaints / mentions : 0,
      negativeShare: mentions > 0 ? obs.negative / mentions : 0,
      regions,
      languages,
      topSymptoms,
      newsMentions: obs.news,
    };
    if (best) evidence.horizon = { buckets: best.sums.buckets, complaints: best.sums.complaints, voices: best.sums.voices, expected: best.sums.expected };
    let rawSurprise = 0;
    for (const t of tested) if (t.sums.voices >= o.freezeVoices && t.rawSurprise > rawSurprise) rawSurprise = t.rawSurprise;
    const anomalous = rawSurprise >= o.freezeSurprise || confidence >= o.learnBelow || series.episode.open;
    series.anomalousRun = anomalous ? series.anomalousRun + 1 : 0;
    if (!anomalous || series.anomalousRun > o.freezeLimit) learn(series.baseline, at, voices, expected, o);
    const signal: Signal = { service: series.service, region: series.region, at, complaints: obs.complaints, baseline: expected.mean, confidence, evidence };
    const verdict: SeriesVerdict = { signal, closeConfidence, voices: best?.sums.voices ?? 0, rate: best ? best.sums.voices / best.sums.reach : 0 };
    if (series.episode.open) verdict.level = this.levelOf(series.window, expected, tested.length > 0);
    return verdict;
  }

  /** Voices per bucket over the closing horizon and the baseline's; `bounded`: `bounds` holds this step's sums. */
  private levelOf(window: WindowState, expected: Expectation, bounded: boolean): Level {
    const i = this.levelHorizon;
    const buckets = this.opts.horizons[i];
    if (!bounded) {
      if (isQuiet(window)) return { rate: 0, expected: expected.mean };
      horizonBounds(window, this.opts.horizons, this.opts.bucketMs, this.bounds.voices, this.bounds.expected);
    }
    return { rate: this.bounds.voices[i] / buckets, expected: Math.max(expected.mean, this.bounds.expected[i] / buckets) };
  }

  /**
   * A region that is surer than its service is believed in proportion to its voices: a few voices
   * lift it only a little above the service's confidence, many let it stand alone (a regional outage).
   */
  private borrow(verdict: SeriesVerdict, serviceConfidence: number): void {
    const { signal } = verdict;
    if (signal.confidence <= serviceConfidence && verdict.closeConfidence <= serviceConfidence) return;
    const weight = verdict.voices / (verdict.voices + this.opts.regionAloneVoices);
    signal.confidence = towards(serviceConfidence, signal.confidence, weight);
    verdict.closeConfidence = towards(serviceConfidence, verdict.closeConfidence, weight);
  }

  /**
   * Each horizon's voices against its summed expectation: surprise, and surprise after paying for the
   * number of horizons looked at. Empty when no horizon can matter: counting distinct authors and texts
   * only lowers voices, and so surprise, so when even the per-bucket voices summed stay below both the
   * reporting and the freezing surprise, the distinct counts are not worked out (most series, most minutes).
   */
  private testHorizons(window: WindowState, expected: Expectation): Tested[] {
    const o = this.opts;
    const lookCost = Math.log10(o.horizons.length);
    const mattersFrom = Math.min(o.freezeSurprise, MIN_SURPRISE + lookCost);
    const { voices, expected: summed } = this.bounds;
    horizonBounds(window, o.horizons, o.bucketMs, voices, summed);
    let matters = false;
    for (let i = 0; i < o.horizons.length && !matters; i++) matters = this.surpriseOf(voices[i], summed[i], expected) >= mattersFrom;
    if (!matters) return [];
    const tested: Tested[] = [];
    let shorter: HorizonSums | undefined;
    for (const sums of horizonSums(window, o.horizons, o.bucketMs)) {
      // No more voices than a shorter horizon, against more expected: less surprising, so it cannot be the most surprising.
      const dominated = shorter !== undefined && sums.voices <= shorter.voices;
      shorter = sums;
      const rawSurprise = dominated ? 0 : this.surpriseOf(sums.voices, sums.expected, expected);
      tested.push({ sums, rawSurprise, surprise: Math.max(0, rawSurprise - lookCost) });
    }
    return tested;
  }

  /** -log10 of the chance of at least `voices` over a horizon that expected `summed`, given the bucket's expectation. */
  private surpriseOf(voices: number, summed: number, expected: Expectation): number {
    if (voices <= summed) return 0;
    const o = this.opts;
    // The baseline's own error is shared by every bucket of the horizon, so it grows with the sum.
    const dispersion = Math.min(o.maxDispersion, expected.dispersion + o.modelError ** 2 * summed);
    return toSurprise(negativeBinomialUpperTail(voices, Math.max(summed, 1e-6), dispersion));
  }

  /** `diversity`: voices per complaint over the whole window, where repetition (bots, reshares) shows best. */
  private confidenceOf(series: SeriesState, tested: Tested, diversity: number, regionsAffected: number | undefined): number {
    const o = this.opts;
    const { sums } = tested;
    if (sums.complaints === 0) return 0;
    const counts = horizonCounts(series.window, sums.buckets, o.bucketMs);
    const top = topKeys(counts.symptoms, 1);
    return outageConfidence(
      {
        surprise: tested.surprise,
        ratio: (sums.voices + 0.5) / (sums.expected + 0.5),
        complaints: sums.complaints,
        authors: Math.min(sums.voices, sums.complaints * diversity),
        complaintShare: sums.mentions > 0 ? sums.complaints / sums.mentions : undefined,
        negativeShare: sums.mentions > 0 ? sums.negative / sums.mentions : undefined,
        symptomAgreement: top.length > 0 ? Math.min(1, counts.symptoms[top[0]] / sums.complaints) : undefined,
        regionsAffected,
        languages: Object.keys(counts.languages).length,
        newsMentions: sums.news,
        maturity: series.baseline.observations / o.warmupBuckets,
      },
      o.confidence,
    );
  }

  /** Advances a series' episode machine with its verdict; the recent examples wait for an opening. */
  private advanceEpisode(series: SeriesState, at: number, verdict: SeriesVerdict, obs: Observation, holdMs = this.opts.holdMs) {
    const { signal } = verdict;
    const transition = advance(series.episode, at, signal.confidence, toSurprise(signal.evidence.pValue), obs.complaints, this.opts, verdict.closeConfidence, verdict.level, holdMs);
    if (!series.episode.open || transition.kind === 'open') {
      const horizon = at - this.opts.riseLookback * this.opts.bucketMs;
      while (series.recentExamples.length > 0 && series.recentExamples[0].at <= horizon) series.recentExamples.shift();
      if (obs.examplePostIds.length > 0) series.recentExamples.push({ at, ids: obs.examplePostIds.slice(0, this.opts.maxExamples) });
    }
    if (transition.kind === 'close') restartWindow(series.window);
    // Falling back, the long horizons still hold the outage's complaints: what is under way now is what the short ones say.
    if (series.episode.open && (series.episode.below > 0 || heldSince(series.episode) !== undefined)) {
      signal.confidence = Math.min(signal.confidence, verdict.closeConfidence);
    }
    return transition;
  }

}

/** `confidence` shrunk towards `floor` when above it: floor + weight x the excess. */
function towards(floor: number, confidence: number, weight: number): number {
  return confidence > floor ? floor + (confidence - floor) * weight : confidence;
}

/** A signal as it is shown: confidence to the hundredth, the baseline and the p-value to a few digits (in place). */
function rounded(signal: Signal): Signal {
  signal.baseline = roundSignificant(signal.baseline, 3);
  const { evidence } = signal;
  evidence.baseline = signal.baseline;
  // Most signals of most steps: nothing surprising, nothing mentioned; only the baseline to round.
  if (signal.confidence === 0 && evidence.pValue === 1 && evidence.complaintShare === 0 && evidence.negativeShare === 0) return signal;
  signal.confidence = roundTo(signal.confidence, CONFIDENCE_DECIMALS);
  evidence.pValue = roundSignificant(evidence.pValue, 2);
  evidence.complaintShare = roundTo(evidence.complaintShare, 3);
  evidence.negativeShare = roundTo(evidence.negativeShare, 3);
  if (evidence.horizon) evidence.horizon.expected = roundSignificant(evidence.horizon.expected, 3);
  return signal;
}

/**
 * A copy of a saved state in the current version: a version 1 state gets empty windows (its baselines
 * are kept); from a version 2 state, which kept incidents per series, the service-wide incidents stay
 * (with no episodes) and the regions' episodes start afresh.
 */
function restore(state: DetectorState | DetectorStateV2 | DetectorStateV1): DetectorState {
  const version: unknown = state.version;
  if (version === 3) return structuredClone(state as DetectorState);
  if (version !== 1 && version !== 2) throw new Error(`detector state version ${String(version)} is not supported (expected 1, 2 or 3)`);
  const old = structuredClone(state as DetectorStateV2 | DetectorStateV1);
  const kept = new Map<number, number>();
  const incidents: Incident[] = [];
  old.incidents.forEach((incident, index) => {
    if (incident.region === GLOBAL_REGION) kept.set(index, incidents.push({ ...incident, episodes: [] }) - 1);
  });
  const series: Record<string, SeriesState> = {};
  for (const [key, s] of Object.entries(old.series)) {
    const restored: SeriesState = { ...s, window: 'window' in s ? (s as SeriesState).window : newWindowState() };
    const open = s.openIncident === undefined ? undefined : kept.get(s.openIncident);
    if (open === undefined) {
      delete restored.openIncident;
      delete restored.symptomCounts;
      if (s.region !== GLOBAL_REGION || s.openIncident !== undefined) restored.episode = newHysteresisState();
    } else {
      restored.openIncident = open;
    }
    series[key] = restored;
  }
  return { version: 3, lastAt: old.lastAt, series, incidents };
}

function emptyObservation(): Observation {
  return { complaints: 0, news: 0, mentions: 0, negative: 0, authors: 0, languages: {}, symptoms: {}, examplePostIds: [], authorIds: [], textKeys: [] };
}

function addInto(into: Observation, b: DetectorBucket): Observation {
  return addObservation(into, {
    complaints: b.complaints,
    news: b.noise.news,
    mentions: b.complaints + b.noise.news + b.noise.joke + b.noise.other,
    negative: b.negative,
    authors: b.authors,
    languages: b.languages,
    symptoms: b.symptoms,
    examplePostIds: b.examplePostIds ?? [],
    authorIds: b.authorIds as string[] | undefined,
    textKeys: b.textKeys,
  });
}

/** Adds `b` into `into` (mutating it). Authors are summed: an author rarely complains from two regions. */
function addObservation(into: Observation, b: Observation): Observation {
  into.complaints += b.complaints;
  into.news += b.news;
  into.mentions += b.mentions;
  into.negative += b.negative;
  into.authors += b.authors;
  for (const [k, n] of Object.entries(b.languages)) into.languages[k] = (into.languages[k] ?? 0) + n;
  for (const [k, n] of Object.entries(b.symptoms)) into.symptoms[k] = (into.symptoms[k] ?? 0) + n;
  for (const id of b.examplePostIds) if (into.examplePostIds.length < 20) into.examplePostIds.push(id);
  // A bucket without a complaint tells nothing about who complained; one with complaints but no keys makes the keys unknown.
  if (b.complaints > 0) {
    into.authorIds = into.authorIds && b.authorIds ? into.authorIds.concat(b.authorIds) : undefined;
    into.textKeys = into.textKeys && b.textKeys ? into.textKeys.concat(b.textKeys) : undefined;
  }
  return into;
}

/** The distinct complaining authors and complaint texts of an observation with complaints, when it carries them. */
interface DistinctIds {
  authorIds?: string[];
  textKeys?: string[];
}

const NO_IDS: DistinctIds = Object.freeze({});

/** Made once per observation: the voices and the window entry both need them. */
function distinctIds(obs: Observation): DistinctIds {
  if (obs.complaints === 0) return NO_IDS;
  return {
    authorIds: obs.authorIds ? [...new Set(obs.authorIds)] : undefined,
    textKeys: obs.textKeys ? [...new Set(obs.textKeys)] : undefined,
  };
}

/** Complaints counted once per author and once per text (as far as the bucket tells). */
function voicesOf(obs: Observation, ids: DistinctIds): number {
  if (obs.complaints === 0) return 0;
  const authors = ids.authorIds ? ids.authorIds.length : obs.authors;
  const texts = ids.textKeys ? ids.textKeys.length : obs.complaints;
  return Math.min(obs.complaints, authors, texts);
}

function windowEntry(at: number, obs: Observation, voices: number, ids: DistinctIds): WindowEntry {
  const entry: WindowEntry = {
    at,
    complaints: obs.complaints,
    voices,
    mentions: obs.mentions,
    negative: obs.negative,
    news: obs.news,
    authors: obs.authors,
    languages: obs.languages,
    symptoms: obs.symptoms,
  };
  if (ids.authorIds) entry.authorIds = ids.authorIds;
  if (ids.textKeys) entry.textKeys = ids.textKeys;
  return entry;
}

const MIN_SURPRISE = 1;

interface Tested {
  sums: HorizonSums;
  /** -log10 p of the horizon's voices, and the same after paying for the number of horizons. */
  rawSurprise: number;
  surprise: number;
}

/**
 * The most surprising of the tested horizons up to `maxBuckets` (the shortest on ties). Undefined when
 * none reaches `MIN_SURPRISE`: no evidence of an outage, confidence 0 (the other terms could not lift it
 * anywhere near a threshold, and most series most of the time are here, so it is not worked out).
 */
function mostSurprising(tested: Tested[], maxBuckets: number): Tested | undefined {
  let best: Tested | undefined;
  for (const t of tested) {
    if (t.sums.buckets > maxBuckets || t.sums.complaints === 0 || t.surprise < MIN_SURPRISE) continue;
    if (!best || t.surprise > best.surprise) best = t;
  }
  return best;
}
