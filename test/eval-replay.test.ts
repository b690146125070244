import { describe, expect, it } from 'vitest';
import type { Bucket, Incident, Signal } from '../src/model/types.ts';
import type { TruthIncident } from '../src/sample/truth.ts';
import { ALL_SERVICE_IDS } from '../src/sample/background.ts';
import { OutageDetector } from '../src/detect/detector.ts';
import type { DetectedIncident } from '../src/eval/replay-detection.ts';
import { stepDetector } from '../src/pipeline/step-detector.ts';
import { calibrationTable, emptyBinCounts } from '../src/eval/calibration.ts';
import { checkTargets, matchIncidents, quantile, replayScenario, summarise, traceTruths } from '../src/eval/replay.ts';

const MINUTE = 60_000;
const RISE = Date.UTC(2024, 2, 5, 9, 0);
const at = (minutes: number) => RISE + minutes * MINUTE;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

function truth(service: string, riseMinute: number, endMinute: number, perHour: number, regions = ['NL']): TruthIncident {
  return { service, regions, riseStart: iso(riseMinute), end: iso(endMinute), complaintsPerHourAtPeak: perHour };
}

/** A detected incident opened at the step of `openMinute` (known open one bucket later). */
function detected(service: string, region: string, openMinute: number, closeMinute?: number): DetectedIncident {
  const incident: Incident = {
    id: `${service}|GLOBAL|${iso(openMinute - 2)}`,
    service,
    region: 'GLOBAL',
    start: iso(openMinute - 2),
    peak: iso(openMinute),
    ...(closeMinute === undefined ? {} : { end: iso(closeMinute - 5) }),
    peakConfidence: 0.9,
    complaints: 100,
    regions: region === 'GLOBAL' ? ['NL'] : [region],
    languages: ['nl'],
    topSymptoms: [],
    examplePostIds: [],
    episodes: region === 'GLOBAL' ? [] : [{ region, start: iso(openMinute - 2), peak: iso(openMinute), peakConfidence: 0.9, complaints: 100 }],
  };
  return { incident, openedAt: at(openMinute), ...(closeMinute === undefined ? {} : { closedAt: at(closeMinute) }) };
}

const options = { bucketMs: MINUTE };

describe('matching detected incidents to the truth', () => {
  it('measures the delay from the rise start to the end of the bucket that opened the incident', () => {
    const result = matchIncidents([detected('kpn', 'NL', 4, 70)], [truth('kpn', 0, 60, 300)], options);
    expect(result.outcomes[0].delayMinutes).toBe(5);
    expect(result.falseAlarms).toEqual([]);
  });

  it('takes the earliest of several matching incidents, GLOBAL or regional', () => {
    const result = matchIncidents([detected('kpn', 'GLOBAL', 6), detected('kpn', 'NL', 2)], [truth('kpn', 0, 60, 300)], options);
    expect(result.outcomes[0].delayMinutes).toBe(3);
    expect(result.outcomes[0].matched).toHaveLength(2);
  });

  it('gives a delay of zero when an incident of the service is already open at the rise', () => {
    const flapping = [truth('discord', 0, 30, 600), truth('discord', 50, 90, 600)];
    const result = matchIncidents([detected('discord', 'GLOBAL', 1, 80)], flapping, options);
    expect(result.outcomes.map((o) => o.delayMinutes)).toEqual([2, 0]);
  });

  it('counts an outage as missed when its only incident opens after the service is back, without calling that incident a false alarm', () => {
    const result = matchIncidents([detected('kpn', 'NL', 65)], [truth('kpn', 0, 60, 300)], options);
    expect(result.outcomes[0].delayMinutes).toBeUndefined();
    expect(result.falseAlarms).toEqual([]);
  });

  it('calls an incident a false alarm when it is of another service or opens more than the tail after the end', () => {
    const late = detected('kpn', 'NL', 130);
    const other = detected('ziggo', 'NL', 3);
    const result = matchIncidents([late, other], [truth('kpn', 0, 60, 300)], options);
    expect(result.falseAlarms).toEqual([late, other]);
  });

  it('calls an incident closed before the rise a false alarm', () => {
    const before = detected('kpn', 'GLOBAL', -40, -10);
    const result = matchIncidents([before], [truth('kpn', 0, 60, 300)], options);
    expect(result.falseAlarms).toEqual([before]);
    expect(result.outcomes[0].delayMinutes).toBeUndefined();
  });

  it("lists a matched regional incident outside the truth's countries as misplaced, but not one in ZZ", () => {
    const belgium = detected('kpn', 'BE', 3);
    const result = matchIncidents([belgium, detected('kpn', 'ZZ', 3)], [truth('kpn', 0, 60, 300, ['NL'])], options);
    expect(result.misplaced).toEqual([belgium]);
    expect(result.falseAlarms).toEqual([]);
  });
});

describe('detection figures', () => {
  it('computes quantiles by linear interpolation between order statistics', () => {
    expect(quantile([5, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([], 0.5)).toBeUndefined();
  });

  it('leaves the median counting misses out when that median is itself a miss', () => {
    const figures = summarise([{ serviceWeeks: 1, match: matchIncidents([detected('kpn', 'NL', 1)], [truth('kpn', 0, 60, 300), truth('ing', 0, 60, 300)], options) }]);
    expect(figures.delayMinutes).toEqual({ median: 2, p90: 2, n: 1, medianCountingMissed: undefined });
    expect(checkTargets(figures, calibrationTable(emptyBinCounts())).medianDelay).toBe(false);
  });

  it('pools delays, misses and false alarms over runs, per service-week watched', () => {
    const truths = [truth('kpn', 0, 60, 300), truth('ing', 0, 60, 150), truth('bunq', 0, 60, 900)];
    const first = {
      serviceWeeks: 5,
      match: matchIncidents([detected('kpn', 'NL', 1), detected('ing', 'NL', 7), detected('x', 'GLOBAL', 10)], truths, options),
    };
    const second = {
      serviceWeeks: 15,
      match: matchIncidents([detected('x', 'US', 10), detected('x', 'GLOBAL', 400)], [], options),
    };
    const figures = summarise([first, second]);
    expect(figures.delayMinutes).toEqual({ median: 5, p90: 7.4, n: 2, medianCountingMissed: 8 });
    expect(figures.missed).toEqual({ major: 1, majorOf: 2, all: 1, allOf: 3 });
    expect(figures.falseAlarms).toBe(3);
    expect(figures.falseAlarmsGlobal).toBe(2);
    expect(figures.serviceWeeks).toBe(20);
    expect(figures.falseAlarmsPerServiceWeek).toBe(0.15);
    expect(checkTargets(figures, calibrationTable(emptyBinCounts()))).toEqual({ medianDelay: false, noMajorMissed: false, falseAlarmRate: true, calibration: false });
  });
});

describe('tracing what the detector saw of an outage', () => {
  it('keeps the peak GLOBAL confidence, the baseline drift and where the complaints were placed, from the rise to the end only', () => {
    const signal = (minute: number, region: string, complaints: number, baseline: number, confidence: number): Signal => ({
      service: 'kpn',
      region,
      at: at(minute),
      complaints,
      baseline,
      confidence,
      evidence: { complaints, baseline, pValue: 1, distinctAuthors: complaints, complaintShare: 1, negativeShare: 1, regions: [], languages: [], topSymptoms: [], newsMentions: 0 },
    });
    const { observe, traces } = traceTruths([truth('kpn', 0, 3, 300, ['NL'])], MINUTE);
    const steps: Signal[][] = [
      [signal(-1, 'GLOBAL', 9, 0.1, 0.99), signal(-1, 'NL', 9, 0.1, 0.99)],
      [signal(0, 'GLOBAL', 4, 0.2, 0.4), signal(0, 'NL', 3, 0.1, 0.5), signal(0, 'ZZ', 1, 0.1, 0.1)],
      [signal(1, 'GLOBAL', 6, 0.9, 0.8), signal(1, 'NL', 4, 0.5, 0.7), signal(1, 'BE', 2, 0.1, 0.3)],
      [signal(2, 'GLOBAL', 2, 0.5, 0.1), signal(2, 'NL', 2, 0.3, 0.1)],
      [signal(3, 'GLOBAL', 7, 0.3, 0.95), signal(3, 'NL', 7, 0.3, 0.95)],
    ];
    steps.forEach((signals, i) => observe(at(i - 1), { signals, events: [] }));
    expect(traces).toEqual([{ peakConfidence: 0.8, baselineAtRise: 0.2, baselineMax: 0.9, complaints: { inTruthRegions: 9, unknownRegion: 1, elsewhere: 2 } }]);
  });
});

describe('stepping the detector over buckets', () => {
  it('steps every bucket from the first to the last, quiet minutes included', () => {
    const bucket = (minute: number, service: string): Bucket => ({
      service,
      region: 'NL',
      start: at(minute),
      complaints: 1,
      noise: { news: 0, joke: 0, other: 0 },
      negative: 1,
      authors: 1,
      languages: { nl: 1 },
      symptoms: {},
    });
    const seen: [number, number][] = [];
    const steps = stepDetector([bucket(0, 'kpn'), bucket(0, 'ziggo'), bucket(3, 'kpn')], MINUTE, new OutageDetector(), (stepAt, { signals }) =>
      seen.push([(stepAt - RISE) / MINUTE, signals.length]),
    );
    expect(steps).toBe(4);
    // Two regional series and their two GLOBAL sums are known from the first step on.
    expect(seen).toEqual([[0, 4], [1, 4], [2, 4], [3, 4]]);
  });
});

describe('a replayed scenario end to end', () => {
  it('announces the sudden outage of seed 1 within ten minutes of its rise, with no false alarm', () => {
    const run = replayScenario('sudden', 1);
    const [outcome] = run.match.outcomes;
    expect(outcome.delayMinutes).toBeDefined();
    expect(outcome.delayMinutes).toBeLessThanOrEqual(10);
    expect(outcome.matched.some((id) => id.startsWith(`${outcome.truth.service}|GLOBAL|`))).toBe(true);
    expect(run.match.falseAlarms).toEqual([]);
    expect(run.serviceWeeks).toBeCloseTo(ALL_SERVICE_IDS.length * (16 / 168), 6);
  }, 30_000);
});
