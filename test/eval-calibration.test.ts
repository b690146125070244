import { describe, expect, it } from 'vitest';
import type { Signal } from '../src/model/types.ts';
import type { TruthIncident } from '../src/sample/truth.ts';
import { generateScenario } from '../src/sample/scenarios.ts';
import { detectIncidents } from '../src/eval/replay-detection.ts';
import { evaluateReplays } from '../src/eval/replay.ts';
import {
  binIndex, calibrationTable, countMinute, emptyBinCounts, meetsCalibrationTarget, observeCalibration, poolBinCounts, type MinutePlace,
} from '../src/eval/calibration.ts';

const MINUTE = 60_000;
const RISE = Date.UTC(2024, 2, 5, 9, 0);
const at = (minutes: number) => RISE + minutes * MINUTE;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

function counted(minutes: [confidence: number, place: MinutePlace][]) {
  const counts = emptyBinCounts();
  for (const [confidence, place] of minutes) countMinute(counts, confidence, place);
  return counts;
}

function truth(service: string, riseMinute: number, endMinute: number, regions = ['NL']): TruthIncident {
  return { service, regions, riseStart: iso(riseMinute), end: iso(endMinute), complaintsPerHourAtPeak: 300 };
}

function signal(service: string, region: string, minute: number, confidence: number): Signal {
  return {
    service,
    region,
    at: at(minute),
    complaints: 0,
    baseline: 0,
    confidence,
    evidence: { complaints: 0, baseline: 0, pValue: 1, distinctAuthors: 0, complaintShare: 0, negativeShare: 0, regions: [], languages: [], topSymptoms: [], newsMentions: 0 },
  };
}

/** Feeds one step per signal and returns where each was counted, read back from the bins' counters. */
function placesOf(truths: TruthIncident[], signals: Signal[]): MinutePlace[] {
  return signals.map((s) => {
    const { observe, counts } = observeCalibration(truths, MINUTE);
    observe(s.at, { signals: [s], events: [] });
    const [bin] = [...counts.global, ...counts.regional].filter((b) => b.minutes > 0);
    return bin.inOutage > 0 ? 'outage' : bin.inTail > 0 ? 'tail' : 'outside';
  });
}

describe('binning series-minutes by confidence', () => {
  it('puts a confidence in the bin of the last lower edge at or below it, 0.9 and 1 both in the top bin', () => {
    expect([0, 0.0999, 0.1, 0.2999, 0.3, 0.5, 0.7, 0.8999, 0.9, 0.95, 1].map(binIndex)).toEqual([0, 0, 1, 1, 2, 3, 4, 4, 5, 5, 5]);
  });

  it('counts minutes, minutes inside an outage and minutes in its tail per bin, and gives an empty bin no share', () => {
    const table = calibrationTable(
      counted([[0, 'outside'], [0, 'outside'], [0, 'outage'], [0, 'tail'], [0.2, 'outside'], [0.9, 'outage'], [1, 'outage'], [1, 'tail'], [0.95, 'outside']]),
    );
    expect(table.minutes).toBe(9);
    expect(table.bins).toEqual([
      { from: 0, to: 0.1, minutes: 4, inOutage: 1, inTail: 1, shareInOutage: 0.25, shareInOutageOrTail: 0.5 },
      { from: 0.1, to: 0.3, minutes: 1, inOutage: 0, inTail: 0, shareInOutage: 0, shareInOutageOrTail: 0 },
      { from: 0.3, to: 0.5, minutes: 0, inOutage: 0, inTail: 0 },
      { from: 0.5, to: 0.7, minutes: 0, inOutage: 0, inTail: 0 },
      { from: 0.7, to: 0.9, minutes: 0, inOutage: 0, inTail: 0 },
      { from: 0.9, to: 1, minutes: 4, inOutage: 2, inTail: 1, shareInOutage: 0.5, shareInOutageOrTail: 0.75 },
    ]);
    expect(table.confident).toEqual({ confidenceAtLeast: 0.9, minutes: 4, inOutage: 2, inTail: 1, shareInOutage: 0.5, shareInOutageOrTail: 0.75 });
  });

  it('meets the target when at least 90 % of the minutes at confidence 0.9 or more are inside an outage, minutes in the tail not counting as inside', () => {
    const nineInside = Array.from({ length: 9 }, (): [number, MinutePlace] => [0.97, 'outage']);
    expect(meetsCalibrationTarget(calibrationTable(counted([...nineInside, [0.9, 'outside'], [0.5, 'outside']])))).toBe(true);
    expect(meetsCalibrationTarget(calibrationTable(counted([...nineInside.slice(1), [0.9, 'tail'], [0.99, 'tail']])))).toBe(false);
  });

  it('judges the target on the counts, not on the share rounded to three decimals', () => {
    const counts = emptyBinCounts();
    counts[binIndex(0.95)] = { minutes: 10_000, inOutage: 8_996, inTail: 1_004 };
    const table = calibrationTable(counts);
    expect(table.confident.shareInOutage).toBe(0.9);
    expect(meetsCalibrationTarget(table)).toBe(false);
  });

  it('does not call the target met when no minute reached confidence 0.9', () => {
    const table = calibrationTable(counted([[0.89, 'outage']]));
    expect(table.confident).toEqual({ confidenceAtLeast: 0.9, minutes: 0, inOutage: 0, inTail: 0 });
    expect(meetsCalibrationTarget(table)).toBe(false);
  });

  it('pools runs bin by bin', () => {
    const pooled = poolBinCounts([counted([[0, 'outside'], [0.95, 'outage']]), counted([[0.95, 'tail'], [0.4, 'outside']])]);
    expect(pooled).toEqual(counted([[0, 'outside'], [0.95, 'outage'], [0.95, 'tail'], [0.4, 'outside']]));
  });
});

describe("placing a replay's series-minutes against the truth", () => {
  it('counts a GLOBAL minute inside from the bucket holding the rise start up to the end, then in the tail for an hour', () => {
    const halfPastRise = { ...truth('kpn', 0, 30), riseStart: new Date(at(0) + 30_000).toISOString() };
    const minutes = [-1, 0, 29, 30, 89, 90];
    expect(placesOf([halfPastRise], minutes.map((m) => signal('kpn', 'GLOBAL', m, 0.95)))).toEqual(['outside', 'outage', 'outage', 'tail', 'tail', 'outside']);
  });

  it("counts a minute of another service outside, and a regional minute inside only in the truth's countries or ZZ", () => {
    const signals = [signal('ziggo', 'GLOBAL', 5, 0.95), signal('kpn', 'NL', 5, 0.95), signal('kpn', 'ZZ', 5, 0.95), signal('kpn', 'BE', 5, 0.95)];
    expect(placesOf([truth('kpn', 0, 30, ['NL'])], signals)).toEqual(['outside', 'outage', 'outage', 'outside']);
  });

  it('counts a minute inside a flapping outage as inside, though it is also in the tail of the one before', () => {
    expect(placesOf([truth('discord', 0, 30), truth('discord', 50, 90)], [signal('discord', 'GLOBAL', 60, 0.95)])).toEqual(['outage']);
  });

  it('counts GLOBAL signals in the GLOBAL table and the others in the regional one', () => {
    const { observe, counts } = observeCalibration([], MINUTE);
    observe(at(0), { signals: [signal('kpn', 'GLOBAL', 0, 0), signal('kpn', 'NL', 0, 0), signal('kpn', 'ZZ', 0, 0.5)], events: [] });
    expect(calibrationTable(counts.global).minutes).toBe(1);
    expect(calibrationTable(counts.regional).minutes).toBe(2);
  });
});

describe("the replay evaluation's calibration tables", () => {
  it('count every signal of every step once, GLOBAL and regional apart', () => {
    const evaluation = evaluateReplays({ scenarios: ['sudden'], seeds: [1] });
    const stepped = { global: 0, regional: 0 };
    detectIncidents(generateScenario('sudden', 1).posts, {
      onStep: (_, { signals }) => {
        for (const s of signals) stepped[s.region === 'GLOBAL' ? 'global' : 'regional']++;
      },
    });
    expect(stepped.global).toBeGreaterThan(0);
    expect(evaluation.calibration.global.minutes).toBe(stepped.global);
    expect(evaluation.calibration.regional.minutes).toBe(stepped.regional);
    expect(evaluation.overall.met.calibration).toBe(meetsCalibrationTarget(evaluation.calibration.global));
  }, 60_000);
});
