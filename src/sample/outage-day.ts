// A replay of 4 October 2021: Facebook, WhatsApp, Instagram and Messenger went down worldwide at
// 15:39 UTC and came back around 21:40 UTC, on top of an ordinary day for every other service.
import { AuthorPool } from './authors.ts';
import { backgroundStreams } from './background.ts';
import { incidentStreams, ramp, type IncidentSpec } from './incident.ts';
import { sampleService, usageIn } from './services.ts';
import { replay, type SamplePost, type Timeline } from './timeline.ts';
import type { TruthIncident } from './truth.ts';
import { COUNTRIES } from './world.ts';
import { MINUTE_MS as MINUTE } from '../model/constants.ts';

export const OUTAGE_DAY = {
  date: '2021-10-04',
  start: Date.UTC(2021, 9, 4),
  minutes: 24 * 60,
  riseStart: Date.UTC(2021, 9, 4, 15, 39),
  end: Date.UTC(2021, 9, 4, 21, 40),
  /** Share of outage complaints naming each service first. */
  services: { whatsapp: 0.42, instagram: 0.26, facebook: 0.24, messenger: 0.08 } as Readonly<Record<string, number>>,
  /** Complaints per minute worldwide (scale 1) in the first hour. */
  peakComplaintsPerMinute: 220,
} as const;

/** Default share of posts per source in the day's archive. */
export const DAY_SOURCES: Readonly<Record<string, number>> = { twitter: 0.72, mastodon: 0.1, csv: 0.18 };

/** 0..1: how loud the complaints are, relative to the first hour. */
function outageShape(minuteStart: number): number {
  const { riseStart, end } = OUTAGE_DAY;
  const sinceRise = (minuteStart - riseStart) / MINUTE;
  const plateau = 0.3;
  if (sinceRise < 0) return 0;
  if (sinceRise < 3) return ramp(minuteStart, riseStart, 3);
  if (sinceRise < 40) return 1;
  if (minuteStart < end - 10 * MINUTE) return plateau + (1 - plateau) * Math.exp(-(sinceRise - 40) / 35);
  if (minuteStart < end + 10 * MINUTE) return plateau - (plateau - 0.03) * ((minuteStart - (end - 10 * MINUTE)) / (20 * MINUTE));
  return 0.03 * Math.exp(-(minuteStart - end - 10 * MINUTE) / (40 * MINUTE));
}

function outageCountries(): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const entry of COUNTRIES) {
    weights[entry.code] = Object.entries(OUTAGE_DAY.services)
      .reduce((sum, [id, share]) => sum + share * usageIn(sampleService(id), entry.code), 0);
  }
  return weights;
}

function outageSpec(): IncidentSpec {
  const { riseStart, end, peakComplaintsPerMinute: peak } = OUTAGE_DAY;
  return {
    services: OUTAGE_DAY.services,
    countries: outageCountries(),
    riseStart,
    end,
    multiShare: 0.25,
    complaints: (at) => peak * outageShape(at),
    recoveries: (at) => {
      if (at < end - 20 * MINUTE) return 0;
      if (at < end) return 8;
      return 70 * Math.exp(-(at - end) / (35 * MINUTE));
    },
    // News lags the outage by 10-30 minutes, stays busy while it lasts and explains it afterwards.
    news: (at) => {
      const rising = ramp(at, riseStart + 10 * MINUTE, 20);
      if (at < end) return 7 * rising * (at > riseStart + 3 * 60 * MINUTE ? 0.6 : 1);
      return 1 + 4 * Math.exp(-(at - end) / (60 * MINUTE));
    },
    jokes: (at) => (at < riseStart + 5 * MINUTE ? 0 : 0.09 * peak * Math.max(outageShape(at - 8 * MINUTE), at < end ? 0.35 : 0)),
    marketing: (at) => (at > riseStart + 45 * MINUTE && at < end + 60 * MINUTE ? 0.25 : 0),
    statusAlerts: (at) => (at > riseStart + 4 * MINUTE && at < end ? 0.3 : 0),
  };
}

function outageDayTimeline(pool: AuthorPool, sources: Readonly<Record<string, number>> = DAY_SOURCES): Timeline {
  return {
    start: OUTAGE_DAY.start,
    minutes: OUTAGE_DAY.minutes,
    streams: [...backgroundStreams(pool), ...incidentStreams(pool, outageSpec())],
    sources,
  };
}

/** What really happened that day, in the shape the evaluation compares detections with. */
export function outageDayTruth(scale: number): TruthIncident[] {
  const countries = outageCountries();
  const regions = Object.keys(countries).filter((code) => countries[code] > 0).sort();
  return Object.entries(OUTAGE_DAY.services).map(([service, share]) => ({
    service,
    regions,
    riseStart: new Date(OUTAGE_DAY.riseStart).toISOString(),
    end: new Date(OUTAGE_DAY.end).toISOString(),
    complaintsPerHourAtPeak: Math.round(OUTAGE_DAY.peakComplaintsPerMinute * 60 * share * scale),
  }));
}

export interface DayOptions {
  seed: number;
  /** Multiplies every volume (and the author pools). */
  scale: number;
  /** Share of posts per source; defaults to DAY_SOURCES. */
  sources?: Readonly<Record<string, number>>;
}

/** The day's posts in time order, streamed. */
export function generateOutageDay(options: DayOptions): Generator<SamplePost> {
  const pool = new AuthorPool(options.seed, options.scale);
  return replay(outageDayTimeline(pool, options.sources), options.seed, options.scale);
}
