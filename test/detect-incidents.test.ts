// Incidents as a person would count them: one per service and outage, the regions' episodes inside
// it, lulls shorter than the hold merged, an end only back near the baseline, nothing reopened by a
// tail of late complaints, and regions with a handful of voices borrowing the service's verdict.
import { describe, expect, it } from 'vitest';
import { OutageDetector, type IncidentEvent } from '../src/detect/detector.ts';
import type { Signal } from '../src/model/types.ts';
import { poisson, rng } from './random-fixtures.ts';
import { bucket } from './detector-fixtures.ts';

const MINUTE = 60_000;
// Monday 2024-03-04 00:00 UTC.
const T0 = Date.UTC(2024, 2, 4);
const at = (minute: number) => T0 + minute * MINUTE;

interface Series {
  region: string;
  /** Complaints per minute, `i` minutes from T0 (Poisson around it). */
  rate: (i: number) => number;
}

/** A day of quiet background for `service`, then `minutes - 1440` more minutes of each series' rate. */
function run(service: string, minutes: number, series: Series[], seed = 1): { signals: Signal[]; events: IncidentEvent[]; detector: OutageDetector } {
  const rand = rng(seed);
  const detector = new OutageDetector();
  const signals: Signal[] = [];
  const events: IncidentEvent[] = [];
  for (let i = 0; i < minutes; i++) {
    const buckets = series.map((s) => bucket(service, s.region, at(i), poisson(s.rate(i), rand))).filter((b) => b.complaints > 0);
    const out = detector.step(at(i), buckets);
    signals.push(...out.signals);
    events.push(...out.events);
  }
  return { signals, events, detector };
}

const DAY = 1440;
/** An outage from minute `from` to `to` (after the first day) at `level` complaints a minute over a background of `quiet`. */
const outage = (from: number, to: number, level: number, quiet: number) => (i: number) => (i >= DAY + from && i < DAY + to ? level : quiet);

describe('incidents: one per service and outage', () => {
  it('holds the regions of one outage as episodes of one incident, at most one per region', () => {
    const { detector, events } = run('whatsapp', DAY + 240, [
      { region: 'BR', rate: outage(0, 120, 20, 0.5) },
      { region: 'IN', rate: outage(3, 120, 15, 0.3) },
      { region: 'NL', rate: outage(5, 120, 6, 0.05) },
      { region: 'JP', rate: () => 0.2 },
    ]);
    const incidents = detector.incidents();
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident.region).toBe('GLOBAL');
    expect(incident.episodes.map((e) => e.region).sort()).toEqual(['BR', 'IN', 'NL']);
    expect(incident.regions).toEqual(['BR', 'IN', 'NL']);
    expect(Date.parse(incident.start)).toBeLessThanOrEqual(at(DAY + 1));
    expect(Date.parse(incident.end!)).toBeGreaterThanOrEqual(at(DAY + 115));
    expect(Date.parse(incident.end!)).toBeLessThanOrEqual(at(DAY + 130));
    expect(events.filter((e) => e.type === 'open')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'close')).toHaveLength(1);
  });

  it('keeps a region in its one episode through lulls inside the outage, where few complaints come for a while', () => {
    // A small region: a burst, then a trickle with quiet stretches of up to 20 minutes, for three hours.
    const trickle = (i: number) => {
      const m = i - DAY;
      if (m < 0 || m >= 180) return 0.02;
      if (m < 15) return 3;
      return m % 40 < 20 ? 0.05 : 0.6;
    };
    const { detector } = run('instagram', DAY + 300, [
      { region: 'US', rate: outage(0, 180, 40, 1) },
      { region: 'PE', rate: trickle },
    ]);
    const [incident] = detector.incidents();
    expect(detector.incidents()).toHaveLength(1);
    expect(incident.episodes.filter((e) => e.region === 'PE')).toHaveLength(1);
  });

  it('counts a service down, back for 20 minutes and down again as one incident', () => {
    const flapping = (i: number) => (i >= DAY && i < DAY + 40) || (i >= DAY + 60 && i < DAY + 100) ? 25 : 0.5;
    const { detector } = run('spotify', DAY + 200, [{ region: 'GB', rate: flapping }]);
    const incidents = detector.incidents();
    expect(incidents).toHaveLength(1);
    expect(Date.parse(incidents[0].end!)).toBeGreaterThanOrEqual(at(DAY + 100));
  });

  it('does not reopen for a tail of late complaints after the end', () => {
    // After the outage, complaints fall to a tenth and fade over an hour and a half.
    const tail = (i: number) => {
      const m = i - DAY;
      if (m < 0) return 1;
      if (m < 90) return 40;
      return 1 + 4 * Math.exp(-(m - 90) / 30);
    };
    const { detector, events } = run('x', DAY + 300, [{ region: 'US', rate: tail }]);
    expect(events.filter((e) => e.type === 'open')).toHaveLength(1);
    const [incident] = detector.incidents();
    // Ended where the rate fell back within a tenth of the way to the peak, a few minutes into the tail.
    expect(Date.parse(incident.end!)).toBeLessThanOrEqual(at(DAY + 110));
  });

  it('ends only when the complaints are back near the baseline, not while they stay high but fewer than at the peak', () => {
    // A sharp start (100 a minute), then a long plateau at a fifth of it, far above the usual 1.
    const plateau = (i: number) => {
      const m = i - DAY;
      if (m < 0 || m >= 150) return 1;
      return m < 20 ? 100 : 20;
    };
    const { detector } = run('aws', DAY + 260, [{ region: 'US', rate: plateau }]);
    const [incident] = detector.incidents();
    expect(detector.incidents()).toHaveLength(1);
    expect(Date.parse(incident.end!)).toBeGreaterThanOrEqual(at(DAY + 145));
  });
});

describe('regional confidence', () => {
  it('lets a region with a handful of voices borrow the quiet service-wide verdict instead of raising an outage alone', () => {
    // A busy service worldwide (US, BR) with nothing going on, and six people in JP complaining within ten minutes.
    const jp = (i: number) => (i >= DAY && i < DAY + 10 ? 0.6 : 0.003);
    const { signals, detector } = run('whatsapp', DAY + 40, [
      { region: 'US', rate: () => 3 },
      { region: 'BR', rate: () => 2 },
      { region: 'JP', rate: jp },
    ], 3);
    const japan = signals.filter((s) => s.region === 'JP' && s.at >= at(DAY));
    expect(Math.max(...japan.map((s) => s.confidence))).toBeLessThan(0.85);
    expect(detector.incidents()).toEqual([]);
  });

  it('still opens an incident for an outage of one region alone when many people there complain', () => {
    const { detector } = run('whatsapp', DAY + 120, [
      { region: 'US', rate: () => 3 },
      { region: 'BR', rate: () => 2 },
      { region: 'DE', rate: outage(0, 60, 8, 0.1) },
    ], 4);
    const incidents = detector.incidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0].episodes.map((e) => e.region)).toEqual(['DE']);
  });

  it('shows confidence to the hundredth and names the horizon its evidence comes from', () => {
    const { signals } = run('steam', DAY + 30, [{ region: 'FR', rate: outage(0, 30, 30, 0.5) }]);
    for (const s of signals) expect(Math.round(s.confidence * 100) / 100).toBe(s.confidence);
    const high = signals.find((s) => s.region === 'FR' && s.confidence > 0.9)!;
    expect(high.evidence.horizon).toMatchObject({ buckets: expect.any(Number), voices: expect.any(Number) });
    expect(high.evidence.horizon!.voices).toBeGreaterThanOrEqual(8);
  });
});
