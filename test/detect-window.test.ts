// The detector's accumulation over several horizons, its frozen learning during a rise, and its
// counting of voices (distinct authors and texts) over the window.
import { describe, expect, it } from 'vitest';
import { OutageDetector, type DetectorBucket, type DetectorStateV1, type IncidentEvent } from '../src/detect/detector.ts';
import { LastSeen, horizonBounds, horizonSums, newWindowState, recordStep, riseStart, type WindowEntry } from '../src/detect/window.ts';
import type { Signal } from '../src/model/types.ts';
import { poisson, rng } from './random-fixtures.ts';

const MINUTE = 60_000;
// Monday 2024-03-04 00:00 UTC.
const T0 = Date.UTC(2024, 2, 4);

let nextAuthor = 0;

/** A bucket of `complaints` complaints; each from a new author with a text of its own unless `authors` / `texts` say otherwise. */
function bucket(service: string, region: string, start: number, complaints: number, who: { authors?: string[]; texts?: string[] } = {}): DetectorBucket {
  const authorIds = Array.from({ length: complaints }, (_, i) => who.authors?.[i % who.authors.length] ?? `u${nextAuthor++}`);
  const textKeys = Array.from({ length: complaints }, (_, i) => who.texts?.[i % who.texts.length] ?? `t${nextAuthor}-${i}`);
  const distinctAuthors = [...new Set(authorIds)];
  return {
    service,
    region,
    start,
    complaints,
    noise: { news: 0, joke: 0, other: Math.round(complaints * 0.3) },
    negative: Math.round(complaints * 0.7),
    authors: distinctAuthors.length,
    authorIds: distinctAuthors,
    textKeys: complaints > 0 ? [...new Set(textKeys)].sort() : undefined,
    languages: complaints > 0 ? { en: complaints } : {},
    symptoms: complaints > 0 ? { login: Math.ceil(complaints / 2) } : {},
  };
}

interface Run {
  signals: Signal[];
  events: IncidentEvent[];
  detector: OutageDetector;
}

const SERVICE = 'fortnite';
const at = (minute: number) => T0 + minute * MINUTE;

/** One series (SERVICE in US) for `minutes` minutes: a day of quiet background (about `background` a minute), then `event(minute after the day)`. */
function run(minutes: number, background: number, event: (i: number, rand: () => number) => DetectorBucket | undefined, seed = 1): Run {
  const rand = rng(seed);
  const detector = new OutageDetector();
  const signals: Signal[] = [];
  const events: IncidentEvent[] = [];
  for (let i = 0; i < minutes; i++) {
    const at = T0 + i * MINUTE;
    const own = i >= 1440 ? event(i - 1440, rand) : undefined;
    const usual = poisson(background, rand);
    const buckets = own ? [{ ...own, start: at }] : usual > 0 ? [bucket(SERVICE, 'US', at, usual)] : [];
    const out = detector.step(at, buckets);
    signals.push(...out.signals.filter((s) => s.region === 'US'));
    events.push(...out.events);
  }
  return { signals, events, detector };
}

const opened = (r: Run) => r.events.filter((e) => e.type === 'open');

describe('OutageDetector over several horizons', () => {
  it('finds a slow rise of one or two complaints a minute that no single minute makes surprising', () => {
    // From a background of one complaint in twenty minutes to 1-2 a minute, rising over 30 minutes.
    const r = run(1440 + 60, 0.05, (i, rand) => bucket(SERVICE, 'US', 0, poisson(Math.min(1.5, 0.1 + i / 20), rand)));
    const afterDay = r.signals.slice(1440);
    const firstOpen = opened(r)[0];
    expect(firstOpen).toBeDefined();
    const openedAt = Date.parse(firstOpen.incident.peak);
    expect(openedAt).toBeLessThan(T0 + (1440 + 30) * MINUTE);
    // No minute alone would have been an outage: at most a few complaints each.
    expect(Math.max(...afterDay.filter((s) => s.at <= openedAt).map((s) => s.complaints))).toBeLessThanOrEqual(4);
  });

  it('does not learn a slow rise as normal: the baseline after an hour of it stays near the quiet level', () => {
    const r = run(1440 + 60, 0.05, (i, rand) => bucket(SERVICE, 'US', 0, poisson(Math.min(1.5, 0.1 + i / 20), rand)));
    const baselineAt = (minute: number) => r.signals.find((s) => s.at === at(minute))!.baseline;
    const before = baselineAt(1439);
    const after = baselineAt(1440 + 59);
    expect(after).toBeLessThan(before * 2);
  });

  it('keeps an outage open through a quiet minute instead of starting over', () => {
    const counts = [14, 15, 0, 13, 14, 15, 14, 0, 15, 14];
    const r = run(1440 + 60, 0.5, (i) => bucket(SERVICE, 'US', 0, counts[i] ?? 0));
    const first = opened(r);
    expect(first).toHaveLength(1);
    // The event carries the incident as it was when opened: its peak is then the opening minute.
    expect(Date.parse(first[0].incident.peak)).toBeLessThanOrEqual(at(1440 + 1));
    expect(Date.parse(first[0].incident.start)).toBe(at(1440));
    const close = r.events.find((e) => e.type === 'close');
    expect(Date.parse(close!.incident.end!)).toBeGreaterThanOrEqual(at(1440 + counts.length));
  });

  it('closes once complaints fall back for a few minutes, though its long horizons still remember the outage', () => {
    const r = run(1440 + 60, 0.5, (i) => bucket(SERVICE, 'US', 0, i < 20 ? 12 : 0));
    const close = r.events.find((e) => e.type === 'close');
    expect(close).toBeDefined();
    expect(Date.parse(close!.incident.end!)).toBeLessThanOrEqual(T0 + (1440 + 32) * MINUTE);
    expect(opened(r)).toHaveLength(1);
  });

  it('counts a flapping outage, down again 25 minutes after it came back, as one incident', () => {
    const down = (i: number) => (i < 25 || (i >= 50 && i < 75) ? 8 : 0);
    const r = run(1440 + 150, 0.3, (i) => bucket(SERVICE, 'US', 0, down(i)));
    expect(opened(r)).toHaveLength(1);
    const [incident] = r.detector.incidents();
    expect(Date.parse(incident.start)).toBeGreaterThanOrEqual(at(1438));
    expect(Date.parse(incident.start)).toBeLessThanOrEqual(at(1440));
    expect(Date.parse(incident.end!)).toBeGreaterThanOrEqual(at(1440 + 75));
    // The second fall is seen as fast as the first: confidence is back up within a minute or two.
    expect(r.signals.find((s) => s.at === at(1440 + 51))!.confidence).toBeGreaterThan(0.85);
  });

  it('finds an outage that comes after the hold as a new incident, as fast as the first', () => {
    const down = (i: number) => (i < 25 || (i >= 120 && i < 145) ? 8 : 0);
    const r = run(1440 + 200, 0.3, (i) => bucket(SERVICE, 'US', 0, down(i)));
    const opens = opened(r).map((e) => (Date.parse(e.incident.peak) - T0) / MINUTE - 1440);
    expect(opens).toHaveLength(2);
    expect(opens[0]).toBeLessThanOrEqual(1);
    expect(opens[1]).toBeLessThanOrEqual(121);
    const [first] = r.detector.incidents();
    expect(Date.parse(first.end!)).toBeLessThanOrEqual(at(1440 + 32));
  });
});

describe('OutageDetector counting voices', () => {
  it('opens no incident for four accounts posting three complaints a minute for two hours', () => {
    const bots = ['bot1', 'bot2', 'bot3', 'bot4'];
    const r = run(1440 + 120, 0.05, () => bucket(SERVICE, 'US', 0, 12, { authors: bots }));
    expect(r.detector.incidents()).toEqual([]);
  });

  it('opens no incident for hundreds of reshares of one post, but does for as many complaints people wrote themselves', () => {
    const wave = (i: number) => Math.round(60 * Math.exp(-i / 20));
    const reshares = run(1440 + 60, 0.1, (i) => bucket(SERVICE, 'US', 0, wave(i), { texts: ['celebrity-post'] }));
    expect(reshares.detector.incidents()).toEqual([]);
    const own = run(1440 + 60, 0.1, (i) => bucket(SERVICE, 'US', 0, wave(i)));
    expect(opened(own).length).toBeGreaterThan(0);
  });

  it('gives a one-account bucket low confidence when the bucket carries only counts, no ids', () => {
    const detector = new OutageDetector();
    for (let i = 0; i < 1440; i++) detector.step(T0 + i * MINUTE, i % 20 === 0 ? [{ ...bucket('steam', 'FR', T0 + i * MINUTE, 1), authorIds: undefined, textKeys: undefined }] : []);
    const at = T0 + 1440 * MINUTE;
    const { signals } = detector.step(at, [{ ...bucket('steam', 'FR', at, 25, { authors: ['loud'] }), authorIds: undefined, textKeys: undefined }]);
    expect(signals.find((s) => s.region === 'FR')!.confidence).toBeLessThan(0.3);
  });
});

describe('OutageDetector state', () => {
  it('restores a state saved by version 1 (without windows), keeping its baselines, and goes on detecting', () => {
    const detector = new OutageDetector();
    for (let i = 0; i < 1440; i++) detector.step(at(i), i % 10 === 0 ? [bucket(SERVICE, 'US', at(i), 1)] : []);
    const saved = JSON.parse(JSON.stringify(detector.state())) as { series: Record<string, { window?: unknown }> };
    for (const series of Object.values(saved.series)) delete series.window;
    const restored = new OutageDetector({}, { ...saved, version: 1 } as DetectorStateV1);
    expect(restored.state().series[`${SERVICE}|US`].baseline).toEqual(detector.state().series[`${SERVICE}|US`].baseline);
    const events = [1440, 1441, 1442].flatMap((i) => restored.step(at(i), [bucket(SERVICE, 'US', at(i), 30)]).events);
    expect(events.some((e) => e.type === 'open' && e.incident.episodes.some((episode) => episode.region === 'US'))).toBe(true);
  });

  it('refuses a state of an unknown version, saying which versions it reads', () => {
    expect(() => new OutageDetector({}, { version: 7, series: {}, incidents: [] } as unknown as DetectorStateV1)).toThrow(/version 7 .*expected 1, 2 or 3/);
  });
});

describe('window', () => {
  const entry = (at: number, complaints: number, authorIds: string[]): WindowEntry => ({
    at, complaints, voices: Math.min(complaints, authorIds.length), mentions: complaints, negative: 0, news: 0,
    authors: authorIds.length, languages: {}, symptoms: {}, authorIds, textKeys: authorIds.map((a) => `${a}-${at}`),
  });

  it('counts an author once over a horizon, however many buckets they complained in', () => {
    const state = newWindowState();
    for (let i = 0; i < 10; i++) recordStep(state, T0 + i * MINUTE, 0.1, entry(T0 + i * MINUTE, 3, ['a', 'b', i % 2 ? 'c' : 'd']), 60, MINUTE);
    const [one, ten] = horizonSums(state, [1, 10], MINUTE);
    expect([one.complaints, one.voices]).toEqual([3, 3]);
    expect([ten.complaints, ten.voices, ten.authors]).toEqual([30, 4, 4]);
    expect(ten.expected).toBeCloseTo(1);
  });

  it('counts distinct authors and texts like a set over each horizon, as ids leave the window and come back', () => {
    const rand = rng(7);
    const state = newWindowState();
    const horizons = [1, 3, 10, 30, 60];
    // A small pool of authors, so ids come back after leaving the 60-minute window, and texts half of
    // them from that pool, half new each minute, so ids that left pile up and get swept; queried at some steps only, so the counters catch
    // up over many entries at once, as in a series that is rarely worth testing.
    for (let i = 0; i < 6000; i++) {
      const t = T0 + i * MINUTE;
      const n = rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 8);
      const ids = [...new Set(Array.from({ length: n }, () => `a${Math.floor(rand() * 40)}`))];
      recordStep(state, t, 0.5, n > 0 ? { ...entry(t, n, ids), textKeys: ids.map((a, k) => (k % 2 ? `${a}-${i}` : a)) } : undefined, 60, MINUTE);
      if (rand() > 0.2) continue;
      const sums = horizonSums(state, horizons, MINUTE);
      const bounds = { voices: new Float64Array(horizons.length), expected: new Float64Array(horizons.length) };
      horizonBounds(state, horizons, MINUTE, bounds.voices, bounds.expected);
      horizons.forEach((h, k) => {
        const inside = state.entries.filter((e) => e.at > t - h * MINUTE && e.complaints > 0);
        const authors = new Set(inside.flatMap((e) => e.authorIds!)).size;
        const texts = new Set(inside.flatMap((e) => e.textKeys!)).size;
        const summed = inside.reduce((sum, e) => sum + e.voices, 0);
        expect(sums[k].authors, `minute ${i}, horizon ${h}`).toBe(authors);
        expect(sums[k].voices, `minute ${i}, horizon ${h}`).toBe(Math.min(summed, authors, texts));
        // The cheap first pass: per-bucket voices summed (an upper bound of the distinct voices), the same expectation.
        expect(bounds.voices[k], `minute ${i}, horizon ${h}`).toBe(summed);
        expect(bounds.expected[k]).toBe(sums[k].expected);
      });
    }
  });

  it('keeps exact distinct counts over every suffix of a sliding window, ids leaving, coming back and swept', () => {
    const rand = rng(11);
    const seen = new LastSeen();
    const window: { at: number; ids: string[] }[] = [];
    let sweeps = 0;
    for (let i = 0; i < 4000; i++) {
      // Ids from a pool of 30 (they come back, also just after leaving) and new ones (they pile up, so sweeps happen).
      const ids = [...new Set(Array.from({ length: Math.floor(rand() * 6) }, () => (rand() < 0.5 ? `p${Math.floor(rand() * 30)}` : `n${i}-${rand()}`)))];
      seen.add(i, ids);
      window.push({ at: i, ids });
      while (window.length > 20) {
        const before = (seen as unknown as { last: Map<string, number> }).last.size;
        seen.forget(window.shift()!.at);
        if ((seen as unknown as { last: Map<string, number> }).last.size < before) sweeps++;
      }
      let counted = 0;
      const distinct = new Set<string>();
      for (let k = window.length - 1; k >= 0; k--) {
        counted += seen.countAt(window[k].at);
        for (const id of window[k].ids) distinct.add(id);
        expect(counted, `step ${i}, from ${window[k].at}`).toBe(distinct.size);
      }
    }
    expect(sweeps).toBeGreaterThan(2);
  });

  it('traces a steep rise back to its first bucket, not to a stray complaint a few minutes before it', () => {
    const state = newWindowState();
    const counts = [0, 1, 0, 0, 0, 0, 14, 28, 40];
    counts.forEach((n, i) => recordStep(state, T0 + i * MINUTE, 0.2, n > 0 ? entry(T0 + i * MINUTE, n, Array.from({ length: n }, (_, k) => `u${i}-${k}`)) : undefined, 60, MINUTE));
    const { start, complaints } = riseStart(state, 27, MINUTE);
    expect(start).toBe(T0 + 6 * MINUTE);
    expect(complaints).toBe(82);
  });
});
