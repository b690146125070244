// What the outage confidence means, checked on replays: per confidence bin, how many series-minutes
// fell inside a true outage. Minutes are counted into their bin as the detector steps, never kept one
// by one: the default replays are 35 million series-minutes, nearly all at confidence 0.
import { COMPLAINT_TAIL_MS, outageBuckets, type TruthIncident } from '../sample/truth.ts';
import { roundTo } from '../util/round.ts';
import type { StepObserver } from '../pipeline/step-detector.ts';
import { GLOBAL_REGION } from '../model/constants.ts';

/** The stated meaning, and the target: of the minutes with confidence >= 0.9, at least 90 % inside a true outage. */
export const CALIBRATION_TARGET = { confidenceAtLeast: 0.9, shareInOutage: 0.9 } as const;

/** Lower edges of the bins; a bin runs up to the next edge (excluded), the last one up to 1 (included). */
export const CONFIDENCE_BIN_EDGES: readonly number[] = [0, 0.1, 0.3, 0.5, 0.7, CALIBRATION_TARGET.confidenceAtLeast];

/**
 * Where a series-minute fell against the truth: inside an outage (from the bucket of its rise start up
 * to its end), in the complaint tail after it (the service is back, so no outage is under way, but the
 * complaints still trail off; counted apart so that both readings can be given), or outside both.
 */
export type MinutePlace = 'outage' | 'tail' | 'outside';

export interface BinCounts {
  minutes: number;
  inOutage: number;
  inTail: number;
}

/** One BinCounts per CONFIDENCE_BIN_EDGES entry, for the GLOBAL series and for the regional ones. */
export interface CalibrationCounts {
  global: BinCounts[];
  regional: BinCounts[];
}

export function emptyBinCounts(): BinCounts[] {
  return CONFIDENCE_BIN_EDGES.map(() => ({ minutes: 0, inOutage: 0, inTail: 0 }));
}

/** The index of the bin a confidence falls in: the last lower edge at or below it. */
export function binIndex(confidence: number): number {
  let index = 0;
  while (index + 1 < CONFIDENCE_BIN_EDGES.length && confidence >= CONFIDENCE_BIN_EDGES[index + 1]) index++;
  return index;
}

export function countMinute(counts: BinCounts[], confidence: number, place: MinutePlace): void {
  const bin = counts[binIndex(confidence)];
  bin.minutes++;
  if (place === 'outage') bin.inOutage++;
  else if (place === 'tail') bin.inTail++;
}

/** Bin by bin sums, to pool runs. */
export function poolBinCounts(runs: readonly (readonly BinCounts[])[]): BinCounts[] {
  return CONFIDENCE_BIN_EDGES.map((_, i) => sumBins(runs.map((run) => run[i])));
}

function sumBins(bins: readonly BinCounts[]): BinCounts {
  return {
    minutes: bins.reduce((sum, bin) => sum + bin.minutes, 0),
    inOutage: bins.reduce((sum, bin) => sum + bin.inOutage, 0),
    inTail: bins.reduce((sum, bin) => sum + bin.inTail, 0),
  };
}

/** Counts with the shares they imply; the shares are absent when there is no minute to share. */
export interface CalibrationShares extends BinCounts {
  shareInOutage?: number;
  shareInOutageOrTail?: number;
}

export interface CalibrationBin extends CalibrationShares {
  /** Lower edge, included. */
  from: number;
  /** Upper edge, excluded except for the last bin, whose upper edge is 1. */
  to: number;
}

export interface CalibrationTable {
  bins: CalibrationBin[];
  /** Every series-minute counted. */
  minutes: number;
  /** The headline: the minutes with confidence >= `confidenceAtLeast`. */
  confident: CalibrationShares & { confidenceAtLeast: number };
}

export function calibrationTable(counts: readonly BinCounts[]): CalibrationTable {
  const bins = counts.map((bin, i): CalibrationBin => ({ from: CONFIDENCE_BIN_EDGES[i], to: CONFIDENCE_BIN_EDGES[i + 1] ?? 1, ...withShares(bin) }));
  const confidentFrom = CONFIDENCE_BIN_EDGES.indexOf(CALIBRATION_TARGET.confidenceAtLeast);
  const confident = sumBins(counts.slice(confidentFrom));
  return {
    bins,
    minutes: sumBins(counts).minutes,
    confident: { confidenceAtLeast: CALIBRATION_TARGET.confidenceAtLeast, ...withShares(confident) },
  };
}

function withShares(bin: BinCounts): CalibrationShares {
  if (bin.minutes === 0) return { ...bin };
  return {
    ...bin,
    shareInOutage: roundTo(bin.inOutage / bin.minutes, 3),
    shareInOutageOrTail: roundTo((bin.inOutage + bin.inTail) / bin.minutes, 3),
  };
}

/** Judged on the counts, not on the rounded share (89.96 % is not 90 %); no confident minute at all is not met. */
export function meetsCalibrationTarget(table: CalibrationTable): boolean {
  const { minutes, inOutage } = table.confident;
  return minutes > 0 && inOutage / minutes >= CALIBRATION_TARGET.shareInOutage;
}

const PLACE_RANK: Record<MinutePlace, number> = { outside: 0, tail: 1, outage: 2 };

/**
 * Counts every signal of every step into its bin: a GLOBAL signal by where the minute fell for its
 * service, a regional one likewise but only in the truth's countries or the unknown region 'ZZ' (an
 * outage felt in NL is not under way in BE). Overlapping truths of a service (flapping): the outage wins
 * over a tail.
 */
export function observeCalibration(truths: readonly TruthIncident[], bucketMs: number): { observe: StepObserver; counts: CalibrationCounts } {
  const spans = truths.map((truth) => ({ truth, ...outageBuckets(truth, bucketMs) }));
  const counts: CalibrationCounts = { global: emptyBinCounts(), regional: emptyBinCounts() };
  const observe: StepObserver = (at, { signals }) => {
    const current = spans.flatMap(({ truth, from, to }): { truth: TruthIncident; place: MinutePlace }[] => {
      if (at < from || at >= to + COMPLAINT_TAIL_MS) return [];
      return [{ truth, place: at < to ? 'outage' : 'tail' }];
    });
    for (const signal of signals) {
      const isGlobal = signal.region === GLOBAL_REGION;
      let place: MinutePlace = 'outside';
      for (const { truth, place: truthPlace } of current) {
        if (signal.service !== truth.service) continue;
        if (!isGlobal && signal.region !== 'ZZ' && !truth.regions.includes(signal.region)) continue;
        if (PLACE_RANK[truthPlace] > PLACE_RANK[place]) place = truthPlace;
      }
      countMinute(isGlobal ? counts.global : counts.regional, signal.confidence, place);
    }
  };
  return { observe, counts };
}

/** A share as a percentage with one decimal; '-' for none. */
export function formatPercent(share: number | undefined): string {
  return share === undefined ? '-' : `${(share * 100).toFixed(1)} %`;
}

/** The table as text: one row per bin, then the headline. `series` names what was counted (e.g. 'GLOBAL'). */
export function formatCalibrationTable(table: CalibrationTable, series: string): string {
  const widths = [12, 11, 10, 9, 9, 11];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  const tailMinutes = COMPLAINT_TAIL_MS / 60_000;
  const { confident } = table;
  return [
    `calibration of the ${series} confidence: ${table.minutes} series-minutes by confidence; share inside a true outage (rise to end), and with the ${tailMinutes}-min complaint tail after it`,
    row(['confidence', 'minutes', 'in outage', 'in tail', 'share', 'with tail']),
    ...table.bins.map((bin) =>
      row([
        `[${bin.from}, ${bin.to}${bin.to === 1 ? ']' : ')'}`,
        String(bin.minutes),
        String(bin.inOutage),
        String(bin.inTail),
        formatPercent(bin.shareInOutage),
        formatPercent(bin.shareInOutageOrTail),
      ]),
    ),
    `of the ${series} minutes with confidence >= ${confident.confidenceAtLeast}: ${formatPercent(confident.shareInOutage)} inside a true outage ` +
      `(${confident.inOutage} of ${confident.minutes}; ${formatPercent(confident.shareInOutageOrTail)} with the tail)`,
  ].join('\n');
}
