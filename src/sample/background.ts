// The normal chatter of any day: one-off complaints and plain mentions of every service in the
// countries that use it, other senses of the words, status bots and ads, all following the local
// daily rhythm. No incident: this is the baseline a detector must learn and stay quiet on.
import type { AuthorPool } from './authors.ts';
import { compose } from './posts.ts';
import { WeightedTable, type Random } from './random.ts';
import { SAMPLE_SERVICES, sampleService, usageIn, type SampleService } from './services.ts';
import { SHARED_TEXT, fill, shortLink } from './text.ts';
import type { Draft, Stream } from './timeline.ts';
import { COUNTRIES, activityAt, hourlyTables, type Country } from './world.ts';

/** Plain mentions per background complaint. */
const MENTIONS_PER_COMPLAINT = 1.2;
/** Services people post *on* (or play, watch, listen to); any other service gets the general mentions. */
const APP_CATEGORIES = new Set(['messaging', 'social', 'video', 'streaming', 'music', 'gaming']);
/** Posts an hour using other senses of the words ("I feel down", "apple pie"), per unit of country weight. */
const OTHER_SENSE_PER_WEIGHT_HOUR = 4;
/** Posts an hour by each status bot and each advertiser. */
const STATUS_POSTS_PER_BOT_HOUR = 2;
const ADS_PER_ADVERTISER_HOUR = 1.5;

interface Cell {
  service: SampleService;
  country: Country;
}

/** Volume in a country relative to a big one (weight 4), slightly damped: small countries still complain. */
export function countryVolume(entry: Country): number {
  return Math.pow(entry.weight / 4, 0.8);
}

/** Draws (service, country) cells in proportion to the complaints expected there at that hour. */
function cellTables(services: readonly SampleService[]): (minuteStart: number) => WeightedTable<Cell> {
  const cells = services.flatMap((service) =>
    COUNTRIES.filter((entry) => usageIn(service, entry.code) > 0).map((entry) => ({ service, country: entry })));
  return hourlyTables(cells, ({ service, country }, minuteStart) =>
    service.rate * usageIn(service, country.code) * countryVolume(country) * activityAt(country, minuteStart));
}

function speaker(pool: AuthorPool, entry: Country, random: Random) {
  const lang = entry.languages.draw(random);
  return { author: pool.member(entry.code, lang, random), lang };
}

/** Genuine one-off complaints and plain mentions about each service in `serviceIds`. */
function serviceChatter(pool: AuthorPool, serviceIds: readonly string[]): Stream[] {
  const tableAt = cellTables(serviceIds.map(sampleService));
  const complaints: Stream = {
    rate: (minuteStart) => tableAt(minuteStart).total / 60,
    draw: (random, minuteStart) => {
      const cell = tableAt(minuteStart).draw(random);
      return compose('complaint', 'complaint', speaker(pool, cell.country, random), [cell.service], random);
    },
  };
  const mentions: Stream = {
    rate: (minuteStart) => (tableAt(minuteStart).total * MENTIONS_PER_COMPLAINT) / 60,
    draw: (random, minuteStart) => {
      const cell = tableAt(minuteStart).draw(random);
      const list = APP_CATEGORIES.has(cell.service.category) && random.chance(0.75) ? 'mention' : 'mentionService';
      return compose('mention', list, speaker(pool, cell.country, random), [cell.service], random);
    },
  };
  return [complaints, mentions];
}

function otherSenses(pool: AuthorPool): Stream {
  const table = hourlyTables(COUNTRIES, (entry, minuteStart) => entry.weight * activityAt(entry, minuteStart));
  return {
    rate: (minuteStart) => (table(minuteStart).total * OTHER_SENSE_PER_WEIGHT_HOUR) / 60,
    draw: (random, minuteStart) => compose('other-sense', 'otherSense', speaker(pool, table(minuteStart).draw(random), random), [], random),
  };
}

/** A status bot's post about a service: all-clear, or a problem report when `problem` is set. */
export function statusPost(pool: AuthorPool, service: SampleService, problem: string | undefined, random: Random): Draft {
  const author = pool.named(random.pick(SHARED_TEXT.statusBots), 'US', 'en', 20_000);
  const template = random.pick(problem === undefined ? SHARED_TEXT.statusOk : SHARED_TEXT.statusProblem);
  return {
    kind: 'status',
    text: fill(template, { lang: 'en', services: [service], time: problem, formal: true }, random),
    lang: 'en',
    author,
    services: [service.id],
    gold: { label: 'news', sentiment: 'neutral' },
  };
}

function statusBots(pool: AuthorPool, serviceIds: readonly string[]): Stream {
  return {
    rate: () => (SHARED_TEXT.statusBots.length * STATUS_POSTS_PER_BOT_HOUR) / 60,
    draw: (random) => statusPost(pool, sampleService(random.pick(serviceIds)), undefined, random),
  };
}

function ads(pool: AuthorPool): Stream {
  return {
    rate: () => (SHARED_TEXT.advertisers.length * ADS_PER_ADVERTISER_HOUR) / 60,
    draw: (random) => ({
      kind: 'ad',
      text: random.pick(SHARED_TEXT.ads).replace('{url}', shortLink(random)),
      lang: 'en',
      author: pool.named(random.pick(SHARED_TEXT.advertisers), 'US', 'en', 300),
      services: [],
      gold: { label: 'other' },
    }),
  };
}

/** Every service of the sample catalogue. */
export const ALL_SERVICE_IDS: readonly string[] = SAMPLE_SERVICES.map((service) => service.id);

/** A normal day's streams for the given services (default: all of them). */
export function backgroundStreams(pool: AuthorPool, serviceIds: readonly string[] = ALL_SERVICE_IDS): Stream[] {
  return [...serviceChatter(pool, serviceIds), otherSenses(pool), statusBots(pool, serviceIds), ads(pool)];
}
