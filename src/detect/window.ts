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
 * Distinct authors and texts of the entries in a range (from, to] of bucket starts, kept up to date as
 * the range slides: each entry's ids are added once and removed once, instead of every id of the
 * window being put in a fresh set at every step (at hundreds of complaints a minute that was most of
 * the detector's time). Derived from the entries, so it lives beside the state, not in it.
 */
class IdTracker {
  private from = 0;
  private to = 0;
  private empty = true;
  readonly authors = new Map<string, number>();
  readonly texts = new Map<string, number>();
  /** Entries with complaints in the range that carry no author ids / no text keys. */
  missingAuthors = 0;
  missingTexts = 0;

  /** Makes the range (from, to] over `entries` (sorted by `at`). */
  moveTo(entries: readonly WindowEntry[], from: number, to: number): void {
    if (this.empty || from >= this.to || to <= this.from) {
      this.reset();
      this.span(entries, from, to, 1);
    } else {
      if (from > this.from) this.span(entries, this.from, from, -1);
      else if (from < this.from) this.span(entries, from, this.from, 1);
      if (to < this.to) this.span(entries, to, this.to, -1);
      else if (to > this.to) this.span(entries, this.to, to, 1);
    }
    this.from = from;
    this.to = to;
    this.empty = false;
  }

  /** Called for an entry about to leave the state: forgets it when it is in the range. */
  forget(entry: WindowEntry): void {
    if (this.empty || entry.at <= this.from || entry.at > this.to) return;
    this.count(entry, -1);
    this.from = entry.at;
  }

  private reset(): void {
    this.authors.clear();
    this.texts.clear();
    this.missingAuthors = 0;
    this.missingTexts = 0;
  }

  private span(entries: readonly WindowEntry[], from: number, to: number, sign: 1 | -1): void {
    for (const entry of entries) if (entry.at > from && entry.at <= to) this.count(entry, sign);
  }

  private count(entry: WindowEntry, sign: 1 | -1): void {
    if (entry.complaints === 0) return;
    if (entry.authorIds) for (const id of entry.authorIds) bump(this.authors, id, sign);
    else this.missingAuthors += sign;
    if (entry.textKeys) for (const key of entry.textKeys) bump(this.texts, key, sign);
    else this.missingTexts += sign;
  }
}

function bump(counts: Map<string, number>, key: string, sign: 1 | -1): void {
  const n = (counts.get(key) ?? 0) + sign;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

const trackers = new WeakMap<WindowState, Map<string, IdTracker>>();

function trackerOf(state: WindowState, name: string): IdTracker {
  let byName = trackers.get(state);
  if (!byName) trackers.set(state, (byName = new Map()));
  let tracker = byName.get(name);
  if (!tracker) byName.set(name, (tracker = new IdTracker()));
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
  if (state.expected.length > span) state.expected.splice(0, state.expected.length - span);
  state.lastAt = at;
  if (entry) state.entries.push(entry);
  const horizon = at - span * bucketMs;
  let stale = 0;
  while (stale < state.entries.length && state.entries[stale].at <= horizon) stale++;
  if (stale > 0) {
    for (const tracker of trackers.get(state)?.values() ?? []) for (let i = 0; i < stale; i++) tracker.forget(state.entries[i]);
    state.entries.splice(0, stale);
  }
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

/** Sums over each horizon (in buckets, ascending) ending at the last recorded step. */
export function horizonSums(state: WindowState, horizons: readonly number[], bucketMs: number): HorizonSums[] {
  const out: HorizonSums[] = [];
  const at = state.lastAt ?? 0;
  const depth = reach(state, bucketMs);
  let complaints = 0;
  let voices = 0;
  let mentions = 0;
  let negative = 0;
  let news = 0;
  let authorCounts = 0;
  let expected = 0;
  let e = state.entries.length - 1;
  let back = 0;
  for (const h of horizons) {
    const buckets = Math.min(h, depth);
    for (; back < buckets; back++) expected += state.expected[state.expected.length - 1 - back];
    const from = at - buckets * bucketMs;
    for (; e >= 0 && state.entries[e].at > from; e--) {
      const entry = state.entries[e];
      complaints += entry.complaints;
      voices += entry.voices;
      mentions += entry.mentions;
      negative += entry.negative;
      news += entry.news;
      authorCounts += entry.authors;
    }
    const ids = trackerOf(state, `h${h}`);
    ids.moveTo(state.entries, from, at);
    const distinctAuthors = ids.missingAuthors === 0 ? ids.authors.size : authorCounts;
    out.push({
      buckets: h,
      reach: Math.max(1, buckets),
      complaints,
      voices: Math.min(voices, distinctAuthors, ids.missingTexts === 0 ? ids.texts.size : voices),
      expected,
      mentions,
      negative,
      news,
      authors: distinctAuthors,
    });
  }
  return out;
}

/**
 * Voices per complaint over the whole window, restarts ignored: how repetitive the crowd is (a few
 * accounts posting over and over, one post reshared) shows best over a long span, and an incident
 * that closed did not make the same accounts new. 1 when nothing was seen.
 */
export function voiceShare(state: WindowState): number {
  let complaints = 0;
  let voices = 0;
  let authorCounts = 0;
  for (const entry of state.entries) {
    if (entry.complaints === 0) continue;
    complaints += entry.complaints;
    voices += entry.voices;
    authorCounts += entry.authors;
  }
  if (complaints === 0) return 1;
  const ids = trackerOf(state, 'window');
  ids.moveTo(state.entries, state.entries[0].at - 1, state.entries[state.entries.length - 1].at);
  const authors = ids.missingAuthors === 0 ? ids.authors.size : authorCounts;
  return Math.min(voices, authors, ids.missingTexts === 0 ? ids.texts.size : voices) / complaints;
}

/** Symptom and language counts over the last `buckets` buckets. */
export function horizonCounts(state: WindowState, buckets: number, bucketMs: number): { symptoms: Record<string, number>; languages: Record<string, number> } {
  const from = (state.lastAt ?? 0) - buckets * bucketMs;
  const symptoms: Record<string, number> = {};
  const languages: Record<string, number> = {};
  for (let e = state.entries.length - 1; e >= 0 && state.entries[e].at > from; e--) {
    const entry = state.entries[e];
    for (const [k, n] of Object.entries(entry.symptoms)) symptoms[k] = (symptoms[k] ?? 0) + n;
    for (const [k, n] of Object.entries(entry.languages)) languages[k] = (languages[k] ?? 0) + n;
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
