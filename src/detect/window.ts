// The recent past of one series: what was observed and what was expected in each of its last buckets,
// summed over several horizons (1, 3, 10, 30 minutes by default), so that evidence that is weak in
// any one minute but steady over many accumulates. Distinct authors and distinct texts are counted
// over the whole horizon when the buckets carry their keys: five accounts posting a hundred
// complaints, or a thousand reshares of one post, are then five and one voices, not a hundred and a
// thousand. Plain JSON, like the rest of the detector's state.

/** One observed bucket of the series (buckets with no mention at all are not kept). */
export interface WindowEntry {
  at: number;
  /** All complaints, and complaints counted once per author and once per text within the bucket. */
  complaints: number;
  voices: number;
  mentions: number;
  negative: number;
  news: number;
  /** Distinct authors within the bucket (the fallback when `authorIds` are absent). */
  authors: number;
  languages: Record<string, number>;
  symptoms: Record<string, number>;
  authorIds?: string[];
  textKeys?: string[];
}

export interface WindowState {
  /** Expected voices per bucket, newest last, one per bucket step (0 for steps the detector did not see). */
  expected: number[];
  /** The observed buckets within the window, oldest first. */
  entries: WindowEntry[];
  lastAt?: number;
  /** Horizons reach back no further than this bucket start (set when an incident closes: its evidence is spent). */
  since?: number;
}

/** Sums over the last `buckets` buckets. */
export interface HorizonSums {
  buckets: number;
  /** Buckets actually summed: fewer than `buckets` shortly after a restart or a gap at the start. */
  reach: number;
  complaints: number;
  /**
   * Complaints counted once per voice: the smallest of the per-bucket voices summed, the distinct
   * authors and the distinct texts over the horizon (each when known).
   */
  voices: number;
  expected: number;
  mentions: number;
  negative: number;
  news: number;
  /** Distinct authors over the horizon (the per-bucket counts summed when ids are not carried). */
  authors: number;
}

export function newWindowState(): WindowState {
  return { expected: [], entries: [] };
}

/**
 * Distinct ids (authors or texts) over any range of entries that ends at the newest one: each id is
 * counted once, at the newest entry it appears in, so the distinct ids of the entries after `from`
 * are the counts of those entries summed. An id costs one map update when it is seen, however many
 * horizons are asked (a set per horizon, filled afresh at every step, was most of the detector's time
 * at hundreds of complaints a minute). Entries leave oldest first, so an entry leaving only moves the
 * floor: an id last seen at or below it is gone, and its map slot is reused when it comes back, or
 * dropped by a sweep once the gone ids outnumber the live ones.
 */
export class LastSeen {
  private readonly last = new Map<string, number>();
  private readonly counts = new Map<number, number>();
  /** Entries at or before this time have left. */
  private floor = -Infinity;
  /** Ids seen after the floor: the counts summed. */
  private live = 0;

  add(at: number, ids: readonly string[]): void {
    let added = 0;
    const floor = this.floor;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const before = this.last.get(id);
      if (before === at) continue;
      if (before !== undefined && before > floor) {
        const n = this.counts.get(before)! - 1;
        if (n > 0) this.counts.set(before, n);
        else this.counts.delete(before);
      } else {
        this.live++;
      }
      this.last.set(id, at);
      added++;
    }
    if (added > 0) this.counts.set(at, (this.counts.get(at) ?? 0) + added);
  }

  /** The entry at `at`, the oldest one still counted, leaves. */
  forget(at: number): void {
    this.live -= this.counts.get(at) ?? 0;
    this.counts.delete(at);
    if (at > this.floor) this.floor = at;
    if (this.last.size > 2 * this.live + 1024) {
      for (const [id, seen] of this.last) if (seen <= this.floor) this.last.delete(id);
    }
  }

  /** Ids whose newest appearance is the entry at `at`. */
  countAt(at: number): number {
    return this.counts.get(at) ?? 0;
  }
}

/**
 * The LastSeen counters of one window's entries with complaints, brought up to date lazily (a quiet
 * series never pays). Derived from the entries, so it lives beside the state, not in it.
 */
class IdTracker {
  readonly authors = new LastSeen();
  readonly texts = new LastSeen();
  /** The entries counted, oldest first. */
  private readonly applied: WindowEntry[] = [];

  /** Follows the entries: forgets those that left the window, counts those that joined it. */
  sync(entries: readonly WindowEntry[]): boolean {
    const first = entries[0];
    while (this.applied.length > 0 && (first === undefined || this.applied[0].at < first.at)) this.forgetEntry(this.applied.shift()!);
    const newest = this.applied[this.applied.length - 1];
    let i = entries.length;
    while (i > 0 && (newest === undefined || entries[i - 1].at > newest.at)) i--;
    // The counted entries must be exactly the window's oldest ones; anything else (a state changed by hand) starts afresh.
    if (i !== this.applied.length || (i > 0 && (entries[0] !== this.applied[0] || entries[i - 1] !== newest))) return false;
    for (; i < entries.length; i++) this.apply(entries[i]);
    return true;
  }

  private apply(entry: WindowEntry): void {
    this.applied.push(entry);
    if (entry.complaints === 0) return;
    if (entry.authorIds) this.authors.add(entry.at, entry.authorIds);
    if (entry.textKeys) this.texts.add(entry.at, entry.textKeys);
  }

  private forgetEntry(entry: WindowEntry): void {
    if (entry.complaints === 0) return;
    if (entry.authorIds) this.authors.forget(entry.at);
    if (entry.textKeys) this.texts.forget(entry.at);
  }
}

const trackers = new WeakMap<WindowState, IdTracker>();

function trackerOf(state: WindowState): IdTracker {
  let tracker = trackers.get(state);
  if (tracker && tracker.sync(state.entries)) return tracker;
  tracker = new IdTracker();
  tracker.sync(state.entries);
  trackers.set(state, tracker);
  return tracker;
}

/**
 * Records one bucket step: its expectation, and its observation when there was one. Steps skipped
 * since the last one count as unobserved (nothing expected, nothing seen), so a gap in the feed
 * neither raises nor lowers the evidence.
 */
export function recordStep(state: WindowState, at: number, expected: number, entry: WindowEntry | undefined, span: number, bucketMs: number): void {
  if (state.lastAt !== undefined) {
    const skipped = Math.min(span, Math.round((at - state.lastAt) / bucketMs) - 1);
    for (let i = 0; i < skipped; i++) state.expected.push(0);
  }
  state.expected.push(expected);
  // shift() rather than splice(): V8 moves the array's start instead of copying it.
  while (state.expected.length > span) state.expected.shift();
  state.lastAt = at;
  if (entry) state.entries.push(entry);
  const horizon = at - span * bucketMs;
  while (state.entries.length > 0 && state.entries[0].at <= horizon) state.entries.shift();
}

/** True when nothing was observed within the horizons' reach. */
export function isQuiet(state: WindowState): boolean {
  const last = state.entries[state.entries.length - 1];
  return last === undefined || (state.since !== undefined && last.at <= state.since);
}

/** Starts the horizons afresh after the last recorded step: what was seen so far has been used up. */
export function restartWindow(state: WindowState): void {
  state.since = state.lastAt;
}

/** How many of the last buckets the horizons may reach back over. */
function reach(state: WindowState, bucketMs: number): number {
  if (state.since === undefined || state.lastAt === undefined) return state.expected.length;
  return Math.min(state.expected.length, Math.round((state.lastAt - state.since) / bucketMs));
}

/**
 * The voices of a run of entries: per-bucket voices and author counts summed and, from the window's
 * tracker, distinct authors and texts over the run (each only while every entry with complaints
 * carries its ids; otherwise the per-bucket figures stand in).
 */
class VoiceTally {
  private summedVoices = 0;
  private summedAuthors = 0;
  private distinctAuthors = 0;
  private distinctTexts = 0;
  private missingAuthors = 0;
  private missingTexts = 0;

  constructor(private readonly ids: IdTracker) {}

  add(entry: WindowEntry): void {
    this.summedVoices += entry.voices;
    this.summedAuthors += entry.authors;
    if (entry.complaints === 0) return;
    if (entry.authorIds) this.distinctAuthors += this.ids.authors.countAt(entry.at);
    else this.missingAuthors++;
    if (entry.textKeys) this.distinctTexts += this.ids.texts.countAt(entry.at);
    else this.missingTexts++;
  }

  authors(): number {
    return this.missingAuthors > 0 ? this.summedAuthors : this.distinctAuthors;
  }

  voices(): number {
    return Math.min(this.summedVoices, this.authors(), this.missingTexts === 0 ? this.distinctTexts : this.summedVoices);
  }
}

/**
 * Sums over each horizon (in buckets, ascending) ending at the last recorded step, authors and texts
 * counted once across the buckets (`horizonBounds` gives the cheap upper bounds that skip that).
 */
export function horizonSums(state: WindowState, horizons: readonly number[], bucketMs: number): HorizonSums[] {
  const out: HorizonSums[] = [];
  const at = state.lastAt ?? 0;
  const depth = reach(state, bucketMs);
  let complaints = 0;
  let mentions = 0;
  let negative = 0;
  let news = 0;
  let expected = 0;
  const tally = new VoiceTally(trackerOf(state));
  let e = state.entries.length - 1;
  let back = 0;
  for (const h of horizons) {
    const buckets = Math.min(h, depth);
    for (; back < buckets; back++) expected += state.expected[state.expected.length - 1 - back];
    const from = at - buckets * bucketMs;
    for (; e >= 0 && state.entries[e].at > from; e--) {
      const entry = state.entries[e];
      complaints += entry.complaints;
      mentions += entry.mentions;
      negative += entry.negative;
      news += entry.news;
      tally.add(entry);
    }
    out.push({ buckets: h, reach: Math.max(1, buckets), complaints, voices: tally.voices(), expected, mentions, negative, news, authors: tally.authors() });
  }
  return out;
}

/**
 * Cheap upper bounds of `horizonSums`' voices, with its expectations: per horizon, the per-bucket voices
 * summed (no author or text counted across buckets) and the expectation summed, written into `voices` and `expected` (index = horizon). Nothing
 * is allocated: it runs for most series at every step, to tell whether the exact sums can matter.
 */
export function horizonBounds(state: WindowState, horizons: readonly number[], bucketMs: number, voices: Float64Array, expected: Float64Array): void {
  const at = state.lastAt ?? 0;
  const depth = reach(state, bucketMs);
  const entries = state.entries;
  const past = state.expected;
  let summedVoices = 0;
  let summedExpected = 0;
  let e = entries.length - 1;
  let back = 0;
  for (let i = 0; i < horizons.length; i++) {
    const buckets = Math.min(horizons[i], depth);
    for (; back < buckets; back++) summedExpected += past[past.length - 1 - back];
    const from = at - buckets * bucketMs;
    for (; e >= 0 && entries[e].at > from; e--) summedVoices += entries[e].voices;
    voices[i] = summedVoices;
    expected[i] = summedExpected;
  }
}

/**
 * Voices per complaint over the whole window, restarts ignored: how repetitive the crowd is (a few
 * accounts posting over and over, one post reshared) shows best over a long span, and an incident
 * that closed did not make the same accounts new. 1 when nothing was seen.
 */
export function voiceShare(state: WindowState): number {
  let complaints = 0;
  const tally = new VoiceTally(trackerOf(state));
  for (const entry of state.entries) {
    if (entry.complaints === 0) continue;
    complaints += entry.complaints;
    tally.add(entry);
  }
  if (complaints === 0) return 1;
  return tally.voices() / complaints;
}

/** Symptom and language counts over the last `buckets` buckets. */
export function horizonCounts(state: WindowState, buckets: number, bucketMs: number): { symptoms: Record<string, number>; languages: Record<string, number> } {
  const from = (state.lastAt ?? 0) - buckets * bucketMs;
  const symptoms: Record<string, number> = {};
  const languages: Record<string, number> = {};
  for (let e = state.entries.length - 1; e >= 0 && state.entries[e].at > from; e--) {
    const entry = state.entries[e];
    // for...in, not Object.entries: no pair arrays for every entry of every test (the entries are plain objects).
    for (const k in entry.symptoms) symptoms[k] = (symptoms[k] ?? 0) + entry.symptoms[k];
    for (const k in entry.languages) languages[k] = (languages[k] ?? 0) + entry.languages[k];
  }
  return { symptoms, languages };
}

/**
 * Where the rise began: the start of the suffix of the window with the largest excess of voices over
 * a reference between the expected rate and `riseRate` (the CUSUM change point), taken back over the
 * unbroken run of buckets just before it that were already above their expectation. The reference is
 * the one that best tells the two rates apart, (r - m) / ln(r / m): quiet buckets before a steep rise
 * cost much, so a stray complaint long before is not taken for its start, while the first, still
 * modest buckets of a gradual rise are found by the run.
 */
export function riseStart(state: WindowState, riseRate: number, bucketMs: number): { start: number; complaints: number } {
  const at = state.lastAt ?? 0;
  const depth = reach(state, bucketMs);
  const expectedAt = (back: number) => Math.max(state.expected[state.expected.length - 1 - back], 1e-6);
  const voicesAt = new Map(state.entries.map((entry) => [entry.at, entry.voices]));
  let excess = 0;
  let best = 0;
  let startBack = 0;
  for (let back = 0; back < depth; back++) {
    const expected = expectedAt(back);
    excess += (voicesAt.get(at - back * bucketMs) ?? 0) - (riseRate > expected ? (riseRate - expected) / Math.log(riseRate / expected) : expected);
    if (excess > best) {
      best = excess;
      startBack = back;
    }
  }
  while (startBack + 1 < depth && (voicesAt.get(at - (startBack + 1) * bucketMs) ?? 0) > expectedAt(startBack + 1)) startBack++;
  const start = at - startBack * bucketMs;
  let complaints = 0;
  for (const entry of state.entries) if (entry.at >= start) complaints += entry.complaints;
  return { start, complaints };
}
