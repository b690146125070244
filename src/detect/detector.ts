// The streaming, causal outage detector: per service x region (and per service over all regions, 'GLOBAL')
// it compares the complaints of the last buckets, over several horizons, with the series' learnt
// baseline, turns the most surprising horizon's evidence into a confidence, and opens / updates /
// closes incidents with hysteresis. A bucket's verdict uses only data up to it.
import type { Bucket, Evidence, Incident, Signal } from '../model/types.ts';
import { expect, learn, newBaselineState, type BaselineOptions, type BaselineState, type Expectation } from './baseline.ts';
import { DEFAULT_CONFIDENCE_WEIGHTS, outageConfidence, type ConfidenceWeights } from './confidence.ts';
import { advance, newHysteresisState, type HysteresisOptions, type HysteresisState } from './hysteresis.ts';
import { negativeBinomialUpperTail, surprise as toSurprise } from './tail.ts';
import { horizonBounds, horizonCounts, horizonSums, isQuiet, newWindowState, recordStep, restartWindow, riseStart, voiceShare, type HorizonSums, type WindowEntry, type WindowState } from './window.ts';

export const GLOBAL_REGION = 'GLOBAL';

export interface DetectorOptions extends BaselineOptions, HysteresisOptions {
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
  /**
   * Relative error of the baseline itself (a standard deviation, 0.25 = 25 %). It does not average out
   * over a horizon, so a sum over many buckets of a busy series is not held to Poisson precision.
   */
  modelError: number;

  /** A region counts as affected for a GLOBAL signal at this surprise and at least `minComplaints`. */
  affectedSurprise: number;
  maxExamples: number;
  topSymptoms: number;
  confidence: ConfidenceWeights;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = {
  bucketMs: 60_000,
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
  riseSurprise: 0.6,
  riseLookback: 60,
  warmupBuckets: 30,
  learnBelow: 0.5,
  freezeSurprise: 3,
  freezeVoices: 3,
  freezeLimit: 360,
  horizons: [1, 3, 10, 30],
  closeHorizon: 10,
  modelError: 0.25,
  affectedSurprise: 2,
  maxExamples: 5,
  topSymptoms: 3,
  // Over a horizon of up to 30 minutes, fewer than eight people complaining is not an outage to announce.
  // A rise to less than three times the usual, even a long one, is more likely the day's rhythm than an outage.
  // Repetition over the window (authors: its weight) is the mark of bots and reshares, so it weighs double.
  confidence: { ...DEFAULT_CONFIDENCE_WEIGHTS, minComplaints: 8, minAuthors: 8, minRatio: 3, surpriseMidpoint: 6, authors: 4 },
};

export interface IncidentEvent {
  type: 'open' | 'update' | 'close';
  incident: Incident;
}

interface SeriesState {
  service: string;
  region: string;
  baseline: BaselineState;
  episode: HysteresisState;
  window: WindowState;
  anomalousRun: number;
  /** Example post ids of the last `riseLookback` buckets, so an incident opened late still shows its first posts. */
  recentExamples: { at: number; ids: string[] }[];
  /** Index into `incidents` of the open incident, if any. */
  openIncident?: number;
  symptomCounts?: Record<string, number>;
}

/** A regional series, and the observation of the step being taken when it has one (not part of the state). */
interface RegionalSlot {
  series: SeriesState;
  pending?: Observation;
}

/** Everything the detector has learnt; JSON-serialisable, to persist and restore across restarts. */
export interface DetectorState {
  version: 2;
  lastAt?: number;
  series: Record<string, SeriesState>;
  incidents: Incident[];
}

/** A state saved before the detector kept a window per series; restored with empty windows. */
export interface DetectorStateV1 {
  version: 1;
  lastAt?: number;
  series: Record<string, Omit<SeriesState, 'window'>>;
  incidents: Incident[];
}

/**
 * What the detector reads: a Bucket, which may carry its complaining authors' ids (as the
 * Aggregator's deltas do) so distinct authors can be counted over several buckets.
 */
export type DetectorBucket = Bucket & { authorIds?: readonly string[] };

/** The counts the detector reads, for one series in one bucket (a Bucket, or a sum of them). */
interface Observation {
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

/** The outcome of testing one series at one bucket. */
interface Verdict {
  signal: Signal;
  /** Confidence from the short horizons only: what keeps an incident open. */
  closeConfidence: number;
  /** Voices over the most surprising horizon, and their rate per bucket (the rate of a rise, to trace its start). */
  voices: number;
  rate: number;
}

export class OutageDetector {
  private readonly opts: DetectorOptions;
  private readonly st: DetectorState;
  /** `st.series` split by kind, kept in step with it (Object.entries on every step is the hot spot). */
  private readonly regional: RegionalSlot[] = [];
  private readonly regionalByKey = new Map<string, RegionalSlot>();
  private readonly globals: SeriesState[] = [];
  /** Scratch space of `testHorizons`' first, cheap pass: summed voices and expectations per horizon. */
  private readonly bounds: { voices: Float64Array; expected: Float64Array };

  constructor(opts: Partial<DetectorOptions> = {}, state?: DetectorState | DetectorStateV1) {
    this.opts = { ...DEFAULT_DETECTOR_OPTIONS, ...opts, confidence: { ...DEFAULT_DETECTOR_OPTIONS.confidence, ...opts.confidence } };
    this.st = state ? restore(state) : { version: 2, series: {}, incidents: [] };
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
    const events: IncidentEvent[] = [];
    const affectedByService = new Map<string, string[]>();
    const totals = new Map<string, Observation>();
    const affectedBelow = 10 ** -this.opts.affectedSurprise;
    for (const slot of this.regional) {
      const series = slot.series;
      const obs = slot.pending ?? EMPTY;
      slot.pending = undefined;
      if (obs !== EMPTY) totals.set(series.service, addObservation(totals.get(series.service) ?? emptyObservation(), obs));
      const verdict = this.evaluate(series, at, obs, [series.region], undefined);
      signals.push(verdict.signal);
      if (verdict.signal.evidence.pValue <= affectedBelow && verdict.voices >= this.opts.confidence.minComplaints) {
        const list = affectedByService.get(series.service) ?? [];
        list.push(series.region);
        affectedByService.set(series.service, list);
      }
      this.track(series, at, verdict, obs, events);
    }
    for (const series of this.globals) {
      const obs = totals.get(series.service) ?? EMPTY;
      const affected = affectedByService.get(series.service) ?? [];
      const verdict = this.evaluate(series, at, obs, affected, affected.length);
      signals.push(verdict.signal);
      this.track(series, at, verdict, obs, events);
    }
    return { signals, events };
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
      this.globals.push(series);
    } else {
      const slot = { series };
      this.regional.push(slot);
      this.regionalByKey.set(key, slot);
    }
  }

  private evaluate(series: SeriesState, at: number, obs: Observation, regions: string[], regionsAffected: number | undefined): Verdict {
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
    let rawSurprise = 0;
    for (const t of tested) if (t.sums.voices >= o.freezeVoices && t.rawSurprise > rawSurprise) rawSurprise = t.rawSurprise;
    const anomalous = rawSurprise >= o.freezeSurprise || confidence >= o.learnBelow || series.episode.open;
    series.anomalousRun = anomalous ? series.anomalousRun + 1 : 0;
    if (!anomalous || series.anomalousRun > o.freezeLimit) learn(series.baseline, at, voices, expected, o);
    const signal: Signal = { service: series.service, region: series.region, at, complaints: obs.complaints, baseline: expected.mean, confidence, evidence };
    return { signal, closeConfidence, voices: best?.sums.voices ?? 0, rate: best ? best.sums.voices / best.sums.reach : 0 };
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

  private track(series: SeriesState, at: number, verdict: Verdict, obs: Observation, events: IncidentEvent[]): void {
    const { signal } = verdict;
    const transition = advance(series.episode, at, signal.confidence, toSurprise(signal.evidence.pValue), obs.complaints, this.opts, verdict.closeConfidence);
    if (series.openIncident === undefined) {
      const horizon = at - this.opts.riseLookback * this.opts.bucketMs;
      while (series.recentExamples.length > 0 && series.recentExamples[0].at <= horizon) series.recentExamples.shift();
      if (obs.examplePostIds.length > 0) series.recentExamples.push({ at, ids: obs.examplePostIds.slice(0, this.opts.maxExamples) });
    }
    if (transition.kind === 'open') {
      const rise = riseStart(series.window, verdict.rate, this.opts.bucketMs);
      const incident: Incident = {
        id: `${series.service}|${series.region}|${new Date(rise.start).toISOString()}`,
        service: series.service,
        region: series.region,
        start: new Date(rise.start).toISOString(),
        peak: new Date(at).toISOString(),
        peakConfidence: signal.confidence,
        complaints: rise.complaints,
        regions: [...signal.evidence.regions].sort(),
        languages: [...signal.evidence.languages].sort(),
        topSymptoms: signal.evidence.topSymptoms,
        examplePostIds: series.recentExamples
          .filter((e) => e.at >= rise.start)
          .flatMap((e) => e.ids)
          .slice(0, this.opts.maxExamples),
      };
      series.recentExamples = [];
      series.openIncident = this.st.incidents.push(incident) - 1;
      series.symptomCounts = { ...obs.symptoms };
      events.push({ type: 'open', incident: structuredClone(incident) });
      return;
    }
    if (series.openIncident === undefined) return;
    const incident = this.st.incidents[series.openIncident];
    if (transition.kind === 'close') {
      incident.end = new Date(transition.end).toISOString();
      restartWindow(series.window);
      delete series.openIncident;
      delete series.symptomCounts;
      events.push({ type: 'close', incident: structuredClone(incident) });
      return;
    }
    incident.complaints += obs.complaints;
    const counts = (series.symptomCounts ??= {});
    for (const [symptom, n] of Object.entries(obs.symptoms)) counts[symptom] = (counts[symptom] ?? 0) + n;
    incident.topSymptoms = topKeys(counts, this.opts.topSymptoms);
    for (const id of obs.examplePostIds) {
      if (incident.examplePostIds.length >= this.opts.maxExamples) break;
      if (!incident.examplePostIds.includes(id)) incident.examplePostIds.push(id);
    }
    let changed = false;
    if (signal.confidence > incident.peakConfidence) {
      incident.peakConfidence = signal.confidence;
      incident.peak = new Date(at).toISOString();
      changed = true;
    }
    changed = mergeSorted(incident.regions, signal.evidence.regions) || changed;
    changed = mergeSorted(incident.languages, signal.evidence.languages) || changed;
    if (changed) events.push({ type: 'update', incident: structuredClone(incident) });
  }
}

/** A copy of a saved state in the current version: a version 1 state gets empty windows (its baselines are kept). */
function restore(state: DetectorState | DetectorStateV1): DetectorState {
  const version: unknown = state.version;
  if (version === 2) return structuredClone(state as DetectorState);
  if (version !== 1) throw new Error(`detector state version ${String(version)} is not supported (expected 1 or 2)`);
  const old = structuredClone(state as DetectorStateV1);
  const series: Record<string, SeriesState> = {};
  for (const [key, s] of Object.entries(old.series)) series[key] = { ...s, window: newWindowState() };
  return { ...old, version: 2, series };
}

function seriesKey(service: string, region: string): string {
  return `${service}|${region}`;
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

/** Keys by descending count (ties by name), at most `limit`. */
function topKeys(counts: Record<string, number>, limit: number): string[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([k]) => k);
}

/** Adds the missing items of `extra` to the sorted list; true when it grew. */
function mergeSorted(list: string[], extra: string[]): boolean {
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
