import { describe, expect, it } from 'vitest';
import { OutageDetector, type IncidentEvent } from '../src/detect/detector.ts';
import type { Bucket, Signal } from '../src/model/types.ts';
import { poisson, rng } from './random-fixtures.ts';
import { bucket } from './detector-fixtures.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
// Monday 2024-03-04 00:00 UTC.
const T0 = Date.UTC(2024, 2, 4);

/** Daily rhythm: quiet at night, busy in the evening (UTC), mean `base` complaints per minute. */
function dailyMean(base: number, at: number): number {
  const hour = ((at % DAY) + DAY) % DAY / 3_600_000;
  return base * (1 + 0.6 * Math.sin(((hour - 9) / 24) * 2 * Math.PI));
}

interface Run {
  signals: Signal[];
  events: IncidentEvent[];
  detector: OutageDetector;
}

/** Streams `minutes` buckets of one or more series through a detector; `count` gives each bucket's complaints. */
function run(minutes: number, series: { service: string; region: string; count: (at: number, i: number) => number }[], detector = new OutageDetector()): Run {
  const signals: Signal[] = [];
  const events: IncidentEvent[] = [];
  for (let i = 0; i < minutes; i++) {
    const at = T0 + i * MINUTE;
    const buckets = series
      .map((s) => bucket(s.service, s.region, at, s.count(at, i)))
      .filter((b) => b.complaints > 0);
    const out = detector.step(at, buckets);
    signals.push(...out.signals);
    events.push(...out.events);
  }
  return { signals, events, detector };
}

describe('OutageDetector', () => {
  it('opens no incident on a week of ordinary traffic with a daily rhythm', () => {
    const rand = rng(1);
    const { detector } = run(7 * 1440, [
      { service: 'whatsapp', region: 'NL', count: (at) => poisson(dailyMean(3, at), rand) },
      { service: 'whatsapp', region: 'DE', count: (at) => poisson(dailyMean(1, at), rand) },
    ]);
    expect(detector.incidents()).toEqual([]);
  });

  it('opens an incident when complaints jump far above the baseline, and closes it after they fall back', () => {
    const rand = rng(2);
    const outageFrom = 3 * 1440 + 600;
    const outageTo = outageFrom + 45;
    const { detector, events } = run(4 * 1440, [
      {
        service: 'whatsapp',
        region: 'NL',
        count: (at, i) => poisson(dailyMean(3, at) * (i >= outageFrom && i < outageTo ? 12 : 1), rand),
      },
    ]);
    const incidents = detector.incidents();
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident.episodes.map((e) => e.region)).toEqual(['NL']);
    const start = Date.parse(incident.start);
    expect(start).toBeGreaterThanOrEqual(T0 + (outageFrom - 2) * MINUTE);
    expect(start).toBeLessThanOrEqual(T0 + (outageFrom + 1) * MINUTE);
    expect(incident.end).toBeDefined();
    expect(Date.parse(incident.end!)).toBeGreaterThanOrEqual(T0 + (outageTo - 5) * MINUTE);
    expect(Date.parse(incident.end!)).toBeLessThanOrEqual(T0 + (outageTo + 10) * MINUTE);
    expect(incident.peakConfidence).toBeGreaterThan(0.9);
    expect(incident.topSymptoms).toEqual(['login']);
    expect(events.map((e) => e.type)).toContain('close');
  });

  it('dates the incident start back to when the rise began, not when the threshold was crossed', () => {
    const from = 2 * 1440;
    // A ramp: complaints grow by one per minute over a baseline of about 1 per minute.
    const { detector } = run(2 * 1440 + 40, [
      { service: 'aws', region: 'US', count: (_at, i) => (i < from ? (i % 3 === 0 ? 2 : 1) : 1 + (i - from)) },
    ]);
    const [incident] = detector.incidents();
    const opened = Date.parse(incident.peak);
    expect(Date.parse(incident.start)).toBeLessThan(opened);
    expect(Date.parse(incident.start)).toBeLessThanOrEqual(T0 + (from + 3) * MINUTE);
  });

  it('does not treat two complaints in a nearly silent series as an outage', () => {
    const { signals, detector } = run(3 * 1440, [
      { service: 'ing', region: 'NL', count: (_at, i) => (i === 2 * 1440 ? 2 : i % 1440 === 0 ? 1 : 0) },
    ]);
    const spike = signals.find((s) => s.region === 'NL' && s.at === T0 + 2 * 1440 * MINUTE)!;
    expect(spike.evidence.pValue).toBeLessThan(0.01);
    expect(spike.confidence).toBeLessThan(0.3);
    expect(detector.incidents()).toEqual([]);
  });

  it('gives low confidence when one account posts all the complaints', () => {
    const detector = new OutageDetector();
    for (let i = 0; i < 1440; i++) detector.step(T0 + i * MINUTE, [bucket('steam', 'FR', T0 + i * MINUTE, i % 2)]);
    const at = T0 + 1440 * MINUTE;
    const crowd = new OutageDetector({}, detector.state()).step(at, [bucket('steam', 'FR', at, 25, { authors: 25 })]);
    const shouting = detector.step(at, [bucket('steam', 'FR', at, 25, { authors: 1 })]);
    const fr = (signals: Signal[]) => signals.find((s) => s.region === 'FR')!.confidence;
    expect(fr(crowd.signals)).toBeGreaterThan(0.9);
    expect(fr(shouting.signals)).toBeLessThan(0.3);
  });

  it('gives less confidence when the extra mentions are news and jokes rather than complaints', () => {
    const detector = new OutageDetector();
    for (let i = 0; i < 1440; i++) detector.step(T0 + i * MINUTE, [bucket('x', 'GB', T0 + i * MINUTE, 1)]);
    const at = T0 + 1440 * MINUTE;
    const complaints = new OutageDetector({}, detector.state()).step(at, [bucket('x', 'GB', at, 14)]);
    const mostlyNews = new OutageDetector({}, detector.state()).step(at, [
      bucket('x', 'GB', at, 14, { noise: { news: 45, joke: 45, other: 15 }, negative: 5 }),
    ]);
    const gb = (signals: Signal[]) => signals.find((s) => s.region === 'GB')!.confidence;
    expect(gb(mostlyNews.signals)).toBeLessThan(gb(complaints.signals) - 0.2);
  });

  it('follows slow growth of the baseline without opening an incident', () => {
    const rand = rng(3);
    // Traffic doubles over two weeks.
    const minutes = 14 * 1440;
    const { detector, signals } = run(minutes, [
      { service: 'tiktok', region: 'US', count: (at, i) => poisson(dailyMean(4 * (1 + i / minutes), at), rand) },
    ]);
    expect(detector.incidents()).toEqual([]);
    const last = signals.filter((s) => s.region === 'US').slice(-1440);
    const meanBaseline = last.reduce((sum, s) => sum + s.baseline, 0) / last.length;
    expect(meanBaseline).toBeGreaterThan(6.5);
  });

  it('learns the time of week so a busy evening is not an outage but the same count at night is', () => {
    const detector = new OutageDetector();
    // Two weeks: 1 complaint a minute at night (00-06 UTC), 12 a minute in the evening (18-24 UTC).
    const level = (at: number) => {
      const hour = (at % DAY) / 3_600_000;
      return hour < 6 ? 1 : hour >= 18 ? 12 : 5;
    };
    const rand = rng(4);
    for (let i = 0; i < 14 * 1440; i++) {
      const at = T0 + i * MINUTE;
      detector.step(at, [bucket('netflix', 'US', at, poisson(level(at), rand))]);
    }
    const evening = T0 + 14 * DAY + 20 * 3_600_000;
    const night = T0 + 15 * DAY + 3 * 3_600_000;
    const restored = new OutageDetector({}, detector.state());
    const eveningSignal = new OutageDetector({}, detector.state()).step(evening, [bucket('netflix', 'US', evening, 16)]);
    const nightSignal = restored.step(night, [bucket('netflix', 'US', night, 16)]);
    const us = (signals: Signal[]) => signals.find((s) => s.region === 'US')!;
    expect(us(eveningSignal.signals).baseline).toBeGreaterThan(8);
    expect(us(nightSignal.signals).baseline).toBeLessThan(3);
    expect(us(eveningSignal.signals).confidence).toBeLessThan(0.2);
    expect(us(nightSignal.signals).confidence).toBeGreaterThan(0.9);
  });

  it('is not taught by an outage: the baseline after it stays where it was before', () => {
    const rand = rng(5);
    const outage = (i: number) => i >= 3 * 1440 && i < 3 * 1440 + 120;
    const { signals } = run(3 * 1440 + 200, [
      { service: 'bank', region: 'NL', count: (_at, i) => poisson(outage(i) ? 40 : 2, rand) },
    ]);
    const nl = signals.filter((s) => s.region === 'NL');
    const before = nl[3 * 1440 - 1].baseline;
    const after = nl[3 * 1440 + 130].baseline;
    expect(after).toBeLessThan(before * 1.3);
  });

  it('emits a GLOBAL signal per service that sums the regions and names the affected ones', () => {
    const rand = rng(6);
    const at = 2 * 1440;
    const { signals, detector } = run(2 * 1440 + 10, [
      { service: 'whatsapp', region: 'BR', count: (_t, i) => poisson(i >= at ? 30 : 2, rand) },
      { service: 'whatsapp', region: 'IN', count: (_t, i) => poisson(i >= at ? 40 : 3, rand) },
      { service: 'whatsapp', region: 'NL', count: (_t, i) => poisson(1, rand) },
    ]);
    const last = signals.filter((s) => s.at === T0 + (2 * 1440 + 5) * MINUTE);
    const global = last.find((s) => s.region === 'GLOBAL')!;
    const regional = last.filter((s) => s.region !== 'GLOBAL');
    expect(regional.map((s) => s.region).sort()).toEqual(['BR', 'IN', 'NL']);
    expect(global.complaints).toBe(regional.reduce((sum, s) => sum + s.complaints, 0));
    expect(global.evidence.regions).toEqual(['BR', 'IN']);
    const globalIncident = detector.incidents().find((i) => i.region === 'GLOBAL')!;
    expect(globalIncident.regions).toEqual(['BR', 'IN']);
  });

  it('counts a series seen before but missing from a step as zero complaints', () => {
    const detector = new OutageDetector();
    detector.step(T0, [bucket('aws', 'US', T0, 3)]);
    const { signals } = detector.step(T0 + MINUTE, []);
    expect(signals.map((s) => [s.region, s.complaints])).toEqual([
      ['US', 0],
      ['GLOBAL', 0],
    ]);
  });

  it('restored from its saved state, continues exactly as the uninterrupted detector', () => {
    const rand = rng(7);
    const counts = Array.from({ length: 3000 }, (_v, i) => poisson(i > 2800 && i < 2830 ? 25 : 2, rand));
    const whole = new OutageDetector();
    let halves = new OutageDetector();
    const wholeSignals: Signal[] = [];
    const resumedSignals: Signal[] = [];
    for (let i = 0; i < counts.length; i++) {
      const at = T0 + i * MINUTE;
      const buckets = [bucket('psn', 'JP', at, counts[i])];
      wholeSignals.push(...whole.step(at, buckets).signals);
      if (i === 2810) halves = new OutageDetector({}, JSON.parse(JSON.stringify(halves.state())));
      resumedSignals.push(...halves.step(at, buckets).signals);
    }
    expect(resumedSignals).toEqual(wholeSignals);
    expect(halves.incidents()).toEqual(whole.incidents());
  });

  it('keeps example post ids of the complaints in the incident', () => {
    const detector = new OutageDetector();
    for (let i = 0; i < 1440; i++) detector.step(T0 + i * MINUTE, [bucket('ing', 'NL', T0 + i * MINUTE, i % 3 === 0 ? 1 : 0)]);
    for (let i = 1440; i < 1450; i++) {
      const at = T0 + i * MINUTE;
      detector.step(at, [bucket('ing', 'NL', at, 20, { examplePostIds: [`p${i}a`, `p${i}b`] })]);
    }
    const [incident] = detector.incidents();
    expect(incident.examplePostIds).toEqual(['p1440a', 'p1440b', 'p1441a', 'p1441b', 'p1442a']);
  });

  it('refuses buckets whose start is not the step being fed, and learns nothing from that step', () => {
    const detector = new OutageDetector();
    expect(() => detector.step(T0, [bucket('aws', 'US', T0, 1), bucket('aws', 'DE', T0 + MINUTE, 1)])).toThrow(/not at the step/);
    expect(detector.state().series).toEqual({});
  });

  it('refuses a step that is not after the previous one', () => {
    const detector = new OutageDetector();
    detector.step(T0, []);
    expect(() => detector.step(T0, [])).toThrow(/feed buckets in time order/);
  });

  it('steps tens of services by tens of regions through a day, with a signal for every series at every step', () => {
    const rand = rng(8);
    const detector = new OutageDetector();
    const services = Array.from({ length: 20 }, (_v, i) => `svc${i}`);
    const regions = Array.from({ length: 20 }, (_v, i) => `R${i}`);
    // Register every series once, then a day where about one series in twenty sees a complaint a minute.
    // (Its speed is measured by `npm run bench`, never in a unit test.)
    detector.step(T0, services.flatMap((s) => regions.map((r) => bucket(s, r, T0, 1))));
    for (let i = 1; i < 1440; i++) {
      const at = T0 + i * MINUTE;
      const buckets: Bucket[] = [];
      for (const s of services) for (const r of regions) if (rand() < 0.05) buckets.push(bucket(s, r, at, 1));
      const { signals } = detector.step(at, buckets);
      expect(signals).toHaveLength(20 * 20 + 20);
    }
    // A steady trickle of single complaints is no outage anywhere.
    expect(detector.incidents()).toEqual([]);
  });
});

describe('OutageDetector.forgetIncidentsBefore', () => {
  it('forgets closed incidents that ended before the time, keeps open ones and goes on updating them', () => {
    // Two outages of kpn: the first (minutes 120-150) closes, the second (from 380) is still open at minute 400.
    const count = (_at: number, i: number) => (i >= 120 && i < 150 ? 60 : i >= 380 ? 80 : i % 7 === 0 ? 1 : 0);
    const { detector } = run(400, [{ service: 'kpn', region: 'NL', count }]);
    const before = detector.incidents();
    const closed = before.filter((i) => i.end !== undefined);
    const open = before.filter((i) => i.end === undefined);
    expect(closed.length).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);

    const lastEnd = Math.max(...closed.map((i) => Date.parse(i.end!)));
    expect(detector.forgetIncidentsBefore(lastEnd + 1)).toBe(closed.length);
    expect(detector.incidents().map((i) => i.id)).toEqual(open.map((i) => i.id));
    expect(detector.forgetIncidentsBefore(lastEnd + 1)).toBe(0);

    // The open incidents still get updated and closed through their (moved) index.
    const complaintsBefore = detector.incidents().map((i) => i.complaints);
    for (let k = 0; k < 60; k++) {
      const at = T0 + (400 + k) * MINUTE;
      detector.step(at, k < 5 ? [bucket('kpn', 'NL', at, 80)] : []);
    }
    const after = detector.incidents();
    expect(after.map((i) => i.id)).toEqual(open.map((i) => i.id));
    after.forEach((incident, i) => expect(incident.complaints).toBeGreaterThan(complaintsBefore[i]!));
    expect(after.every((i) => i.end !== undefined)).toBe(true);
  });
});
