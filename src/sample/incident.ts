// The posts an incident causes: complaints in the countries where it is felt (following their
// local rhythm), then news with a lag, jokes, brand marketing, status-bot alerts and, once it is
// over, recovery posts. Each stream's rate is a function of time given by the incident's shape.
import type { AuthorPool } from './authors.ts';
import { statusPost, countryVolume } from './background.ts';
import { compose, type Voice } from './posts.ts';
import { WeightedTable, type Random } from './random.ts';
import { sampleService, type SampleService } from './services.ts';
import { SHARED_TEXT, languageText, languagesWith, type TemplateList } from './text.ts';
import type { Stream } from './timeline.ts';
import { COUNTRIES, activityAt, country as countryOf, hourlyTables, type Country } from './world.ts';

/** Posts per minute (scale 1) at a minute's start (epoch ms). */
export type RateCurve = (minuteStart: number) => number;

export interface IncidentSpec {
  /** Affected services -> share of complaints naming each one first. */
  services: Readonly<Record<string, number>>;
  /** Countries where it is felt -> relative weight (local activity and size are applied on top). */
  countries: Readonly<Record<string, number>>;
  /** Epoch ms the complaints start rising and the service is back. */
  riseStart: number;
  end: number;
  complaints: RateCurve;
  recoveries?: RateCurve;
  news?: RateCurve;
  jokes?: RateCurve;
  marketing?: RateCurve;
  statusAlerts?: RateCurve;
  /** Share of complaints naming several of the affected services at once. */
  multiShare?: number;
}

const NEWS_DESK_SHARE = 0.55;

function localClock(epochMs: number, offsetHours: number): string {
  const local = new Date(epochMs + offsetHours * 3_600_000);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** The affected services with `first` in front and the others shuffled behind it. */
function withFirst(first: SampleService, all: readonly SampleService[], random: Random): SampleService[] {
  const rest = all.filter((service) => service !== first);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [first, ...rest];
}

export function incidentStreams(pool: AuthorPool, spec: IncidentSpec): Stream[] {
  const services = Object.keys(spec.services).map(sampleService);
  const firstService = new WeightedTable(services, services.map((service) => spec.services[service.id]));
  const felt = Object.keys(spec.countries).map(countryOf);
  const where = hourlyTables(felt, (entry, minuteStart) => spec.countries[entry.code] * countryVolume(entry) * activityAt(entry, minuteStart));
  const voiceAt = (random: Random, minuteStart: number): Voice & { country: Country } => {
    const entry = where(minuteStart).draw(random);
    const lang = entry.languages.draw(random);
    return { author: pool.member(entry.code, lang, random), lang, country: entry };
  };
  const about = (random: Random): SampleService[] => withFirst(firstService.draw(random), services, random);

  const streams: Stream[] = [{
    rate: spec.complaints,
    draw: (random, minuteStart) => {
      const multi = services.length > 1 && random.chance(spec.multiShare ?? 0);
      const named = about(random);
      return compose('complaint', multi ? 'complaintMulti' : 'complaint', voiceAt(random, minuteStart), multi ? named : named.slice(0, 1), random);
    },
  }];
  const simple = (curve: RateCurve | undefined, kind: 'recovery' | 'joke', list: TemplateList): void => {
    if (!curve) return;
    streams.push({ rate: curve, draw: (random, minuteStart) => compose(kind, list, voiceAt(random, minuteStart), about(random).slice(0, 1), random) });
  };
  simple(spec.recoveries, 'recovery', 'recovery');
  simple(spec.jokes, 'joke', 'joke');

  if (spec.news) {
    const hours = Math.round((spec.end - spec.riseStart) / 3_600_000);
    streams.push({
      rate: spec.news,
      draw: (random, minuteStart) => {
        const reader = voiceAt(random, minuteStart);
        const desk = random.chance(NEWS_DESK_SHARE);
        const author = desk ? pool.named(random.pick(languageText(reader.lang).newsAccounts), reader.country.code, reader.lang, 250_000) : reader.author;
        const list: TemplateList = minuteStart >= spec.end ? 'newsAfter' : random.chance(0.65) ? 'newsHeadline' : 'newsSentence';
        const time = localClock(spec.riseStart, reader.lang === 'en' ? 0 : reader.country.offset);
        return compose('news', list, { author, lang: reader.lang }, about(random), random, { slots: { time, hours } });
      },
    });
  }
  if (spec.marketing) {
    streams.push({
      rate: spec.marketing,
      draw: (random) => {
        const lang = random.chance(0.7) ? 'en' : random.pick(languagesWith('marketing'));
        const home = COUNTRIES.find((entry) => lang in entry.langs) ?? countryOf('US');
        const author = pool.named(random.pick(SHARED_TEXT.brands), home.code, lang, 80_000);
        return compose('marketing', 'marketing', { author, lang }, about(random).slice(0, 1), random);
      },
    });
  }
  if (spec.statusAlerts) {
    const since = localClock(spec.riseStart, 0);
    streams.push({ rate: spec.statusAlerts, draw: (random) => statusPost(pool, firstService.draw(random), since, random) });
  }
  return streams;
}

/** 0 before `from`, rising linearly to 1 over `minutes`, 1 after. */
export function ramp(minuteStart: number, from: number, minutes: number): number {
  if (minuteStart < from) return 0;
  return Math.min(1, (minuteStart - from) / 60_000 / minutes + 1 / Math.max(1, minutes));
}
