// Incident replay scenarios for evaluation: each is hours of normal background with (or without)
// one kind of event on top, and the ground truth a detector is scored against. The ones with an
// empty truth are traps: loud, but not an outage.
import type { Post } from '../model/types.ts';
import { AuthorPool, type SampleAuthor } from './authors.ts';
import { ALL_SERVICE_IDS, backgroundStreams } from './background.ts';
import { incidentStreams, ramp, type IncidentSpec, type RateCurve } from './incident.ts';
import { compose } from './posts.ts';
import { Random, WeightedTable } from './random.ts';
import { countriesUsing, sampleService, usageIn } from './services.ts';
import { SHARED_TEXT, languageText, shortLink, templates } from './text.ts';
import { replay, type Draft, type PinnedPost, type SamplePost, type Stream, type Timeline } from './timeline.ts';
import type { TruthIncident } from './truth.ts';
import { COUNTRIES, country as countryOf } from './world.ts';
import { MINUTE_MS as MINUTE } from '../model/constants.ts';

export const SCENARIO_NAMES = [
  'sudden', 'slow', 'regional', 'flapping', 'quiet-viral-news', 'news-flood', 'celebrity', 'bot-flood', 'background-week',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  name: ScenarioName;
  /** Time-ordered posts in the project's shape (gold labels set). */
  posts: Post[];
  /** The incidents a detector should find; empty for the traps and the background week. */
  truth: TruthIncident[];
  /** Length of the replay in weeks (false alarms per service-week = alarms / (weeks x services)). */
  weeks: number;
  /** Catalogue ids with background traffic in the replay. */
  services: string[];
  start: string;
  end: string;
}

export interface ScenarioOptions {
  /** Multiplies every volume; 1 by default. */
  scale?: number;
}

const HOUR = 60 * MINUTE;
/** Incident scenarios run from midnight for 16 hours; the event starts after at least 8 hours of background. */
const SCENARIO_DAY = Date.UTC(2024, 2, 5);
const SCENARIO_HOURS = 16;
const BACKGROUND_WEEK_START = Date.UTC(2024, 2, 4);
const SCENARIO_SOURCES = { twitter: 0.85, mastodon: 0.15 };

const SUDDEN_SERVICES = ['discord', 'netflix', 'spotify', 'steam', 'playstation-network', 'slack', 'zoom', 'github', 'youtube',
  'tiktok', 'snapchat', 'reddit', 'roblox', 'x', 'gmail', 'whatsapp', 'instagram', 'telegram'];
const SLOW_SERVICES = ['outlook', 'microsoft-teams', 'microsoft-365', 'gmail', 'xbox-live', 'roblox', 'fortnite', 'icloud', 'paypal', 'aws', 'azure', 'google'];
const REGIONAL_SERVICES: readonly [string, string][] = [
  ['kpn', 'NL'], ['ziggo', 'NL'], ['ing', 'NL'], ['rabobank', 'NL'], ['abn-amro', 'NL'], ['sparkasse', 'DE'],
  ['deutsche-telekom', 'DE'], ['deutsche-bank', 'DE'], ['orange', 'FR'], ['movistar', 'ES'], ['bbva', 'ES'],
  ['santander', 'ES'], ['nubank', 'BR'], ['itau', 'BR'], ['vivo', 'BR'], ['tim', 'IT'], ['turk-telekom', 'TR'],
  ['docomo', 'JP'], ['line', 'JP'], ['vodafone', 'GB'], ['revolut', 'GB'],
];
const FLAPPING_SERVICES = ['discord', 'spotify', 'x', 'snapchat', 'telegram', 'steam', 'playstation-network', 'github'];
const CELEBRITY_SERVICES = ['spotify', 'netflix', 'playstation-network', 'instagram', 'youtube', 'discord', 'xbox-live'];
const NEWS_FLOOD_SERVICES = ['whatsapp', 'instagram', 'facebook', 'youtube', 'x', 'netflix', 'playstation-network', 'aws', 'gmail', 'discord'];
/** Languages a news flood spreads in: it starts in several at once, as a wire story does. */
const NEWS_FLOOD_LANGUAGES = ['en', 'es', 'pt', 'de', 'fr', 'it', 'nl', 'pl', 'tr', 'ja'];
const BOT_FLOOD_SERVICES = ['paypal', 'revolut', 'nubank', 'ing', 'vodafone', 'steam', 'roblox', 'uber'];

/** Complaints per minute for an outage: rise over `riseMinutes`, hold, fall over `fallMinutes` around `end`. */
function plateau(rise: number, riseMinutes: number, end: number, peak: number, fallMinutes = 10): RateCurve {
  return (at) => {
    if (at < rise) return 0;
    if (at < end - (fallMinutes / 2) * MINUTE) return peak * ramp(at, rise, riseMinutes);
    const fallEnd = end + (fallMinutes / 2) * MINUTE;
    if (at < fallEnd) return peak * (1 - 0.95 * (at - (end - (fallMinutes / 2) * MINUTE)) / (fallMinutes * MINUTE));
    return peak * 0.05 * Math.exp(-(at - fallEnd) / (20 * MINUTE));
  };
}

function after(start: number, curve: RateCurve): RateCurve {
  return (at) => (at < start ? 0 : curve(at));
}

/** Where a service is used: every country using it, weighted by its usage there. */
function usageCountries(serviceId: string): Record<string, number> {
  const service = sampleService(serviceId);
  return Object.fromEntries(countriesUsing(service).map((code) => [code, usageIn(service, code)]));
}

interface Outage {
  service: string;
  countries: Record<string, number>;
  rise: number;
  end: number;
  peak: number;
  riseMinutes: number;
}

/** The streams of one outage with the usual company: recoveries, news after ~20 min, jokes, status alerts. */
function outageSpec(outage: Outage, complaints: RateCurve = plateau(outage.rise, outage.riseMinutes, outage.end, outage.peak)): IncidentSpec {
  const { rise, end, peak } = outage;
  return {
    services: { [outage.service]: 1 },
    countries: outage.countries,
    riseStart: rise,
    end,
    complaints,
    recoveries: after(end - 5 * MINUTE, (at) => 0.3 * peak * Math.exp(-(at - end + 5 * MINUTE) / (20 * MINUTE))),
    news: (at) => (at > rise + 20 * MINUTE && at < end + HOUR ? 0.04 * peak + 0.1 : 0),
    jokes: (at) => 0.05 * complaints(at),
    statusAlerts: (at) => (at > rise + 5 * MINUTE && at < end ? 0.2 : 0),
  };
}

function truthOf(outage: Outage, scale: number): TruthIncident {
  return {
    service: outage.service,
    regions: Object.keys(outage.countries).sort(),
    riseStart: new Date(outage.rise).toISOString(),
    end: new Date(outage.end).toISOString(),
    complaintsPerHourAtPeak: Math.round(outage.peak * 60 * scale),
  };
}

interface Plan {
  start: number;
  minutes: number;
  streams: Stream[];
  pinned?: PinnedPost[];
  truth: TruthIncident[];
}

/** When the event starts: between 8 and 11 hours into the scenario day. */
function eventStart(random: Random): number {
  return SCENARIO_DAY + 8 * HOUR + random.int(180) * MINUTE;
}

/** Ordinary people reading `lang` somewhere it is spoken, weighted by size. */
function audience(lang: string): WeightedTable<string> {
  const speaking = COUNTRIES.filter((entry) => (entry.langs[lang] ?? 0) > 0);
  return new WeightedTable(speaking.map((entry) => entry.code), speaking.map((entry) => entry.weight * (entry.langs[lang] ?? 0)));
}

/** Someone from the audience of a post (a country drawn from `where`, writing in one of its languages). */
function audienceMember(pool: AuthorPool, where: WeightedTable<string>, random: Random): SampleAuthor {
  const code = where.draw(random);
  return pool.member(code, countryOf(code).languages.draw(random), random);
}

/** A reshare of `origin` by `author`: a retweet ("RT @origin: ...") or, with `comment`, a quote post linking to it. */
function reshareOf(origin: Draft, author: SampleAuthor, label: Draft['gold']['label'], quote?: { comment: string; link: string }): Draft {
  const text = quote ? `${quote.comment} ${quote.link}` : `RT @${origin.author.username}: ${origin.text}`;
  return { ...origin, kind: 'reshare', gold: { label }, author, text };
}

type PlanBuilder = (random: Random, pool: AuthorPool, scale: number) => Plan;

const PLANS: Readonly<Record<ScenarioName, PlanBuilder>> = {
  sudden(random, pool, scale) {
    const service = random.pick(SUDDEN_SERVICES);
    const rise = eventStart(random);
    const outage: Outage = { service, countries: usageCountries(service), rise, end: rise + (60 + random.int(91)) * MINUTE, peak: random.between(6, 15), riseMinutes: 2 };
    return dayPlan(pool, incidentStreams(pool, outageSpec(outage)), [truthOf(outage, scale)]);
  },

  slow(random, pool, scale) {
    const service = random.pick(SLOW_SERVICES);
    const rise = eventStart(random);
    const riseMinutes = 30 + random.int(31);
    const outage: Outage = { service, countries: usageCountries(service), rise, end: rise + (riseMinutes + 90 + random.int(91)) * MINUTE, peak: random.between(3, 8), riseMinutes };
    return dayPlan(pool, incidentStreams(pool, outageSpec(outage)), [truthOf(outage, scale)]);
  },

  regional(random, pool, scale) {
    const [service, code] = random.pick(REGIONAL_SERVICES);
    const rise = eventStart(random);
    const outage: Outage = { service, countries: { [code]: 1 }, rise, end: rise + (60 + random.int(121)) * MINUTE, peak: random.between(1, 3), riseMinutes: 5 };
    return dayPlan(pool, incidentStreams(pool, outageSpec(outage)), [truthOf(outage, scale)]);
  },

  flapping(random, pool, scale) {
    const service = random.pick(FLAPPING_SERVICES);
    const countries = usageCountries(service);
    const peak = random.between(5, 12);
    const first: Outage = { service, countries, rise: eventStart(random), end: 0, peak, riseMinutes: 2 };
    first.end = first.rise + (25 + random.int(16)) * MINUTE;
    const second: Outage = { ...first, rise: first.end + (20 + random.int(21)) * MINUTE };
    second.end = second.rise + (25 + random.int(26)) * MINUTE;
    const down = [first, second].map((outage) => plateau(outage.rise, 2, outage.end, peak, 6));
    const complaints: RateCurve = (at) => (at < second.rise - 5 * MINUTE ? down[0](at) : down[1](at));
    // News and status alerts span both outages; complaints and recoveries follow each one.
    const spec = outageSpec({ ...second, rise: first.rise }, complaints);
    const recoveries = [first, second].map((outage) => after(outage.end - 3 * MINUTE, (at) => 0.3 * peak * Math.exp(-(at - outage.end) / (10 * MINUTE))));
    spec.recoveries = (at) => (at < second.rise ? recoveries[0](at) : recoveries[1](at));
    return dayPlan(pool, incidentStreams(pool, spec), [truthOf(first, scale), truthOf(second, scale)]);
  },

  'quiet-viral-news'(random, pool) {
    // A story about last year's outage goes viral: news desks, thousands of reshares and comments, no outage.
    const services = ['whatsapp', 'facebook', 'instagram'].map(sampleService);
    const lang = random.pick(['en', 'en', 'pt', 'es', 'nl', 'de']);
    const where = audience(lang);
    const home = where.draw(random);
    const desk = pool.named(random.pick(languageText(lang).newsAccounts), home, lang, 900_000);
    const start = eventStart(random);
    const origin = compose('news', 'newsRetro', { author: desk, lang }, services, random, { slots: { hours: 6 } });
    const link = shortLink(random);
    const viral: RateCurve = (at) => (at < start + MINUTE ? 0 : 25 * ramp(at, start, 30) * Math.exp(-Math.max(0, at - start - 30 * MINUTE) / (120 * MINUTE)));
    const comments = languageText(lang).quoteComments;
    const streams: Stream[] = [
      { rate: (at) => 0.7 * viral(at), draw: (r) => reshareOf(origin, audienceMember(pool, where, r), 'news') },
      { rate: (at) => 0.2 * viral(at), draw: (r) => reshareOf(origin, audienceMember(pool, where, r), 'other', { comment: r.pick(comments), link }) },
      { rate: (at) => 0.1 * viral(at), draw: (r) => compose('news', 'newsRetro', { author: pool.named(r.pick(languageText(lang).newsAccounts), where.draw(r), lang, 200_000), lang }, services, r, { slots: { hours: 6 } }) },
    ];
    return dayPlan(pool, streams, [], [{ at: start, draft: origin }]);
  },

  'news-flood'(random, pool) {
    // A wire story about a past outage of one service runs in 4-5 languages at once: desks in each language,
    // reshares, quote comments and jokes about it from thousands of people, and no outage.
    const service = sampleService(random.pick(NEWS_FLOOD_SERVICES));
    const langs = random.shuffle([...NEWS_FLOOD_LANGUAGES]).slice(0, 4 + random.int(2));
    const start = eventStart(random);
    const pinned: PinnedPost[] = [];
    const streams = langs.flatMap((lang, i): Stream[] => {
      const where = audience(lang);
      const desks = languageText(lang).newsAccounts;
      const desk = pool.named(random.pick(desks), where.draw(random), lang, 500_000);
      const at = start + i * 7 * MINUTE;
      const origin = compose('news', 'newsRetro', { author: desk, lang }, [service], random, { slots: { hours: 5 } });
      pinned.push({ at, draft: origin });
      const link = shortLink(random);
      const wave: RateCurve = (t) => (t < at + MINUTE ? 0 : 12 * ramp(t, at, 20) * Math.exp(-Math.max(0, t - at - 20 * MINUTE) / (90 * MINUTE)));
      const comments = languageText(lang).quoteComments;
      return [
        { rate: (t) => 0.45 * wave(t), draw: (r) => reshareOf(origin, audienceMember(pool, where, r), 'news') },
        { rate: (t) => 0.15 * wave(t), draw: (r) => reshareOf(origin, audienceMember(pool, where, r), 'other', { comment: r.pick(comments), link }) },
        { rate: (t) => 0.15 * wave(t), draw: (r) => compose('news', r.pick(['newsRetro', 'newsAfter'] as const), { author: pool.named(r.pick(desks), where.draw(r), lang, 100_000), lang }, [service], r, { slots: { hours: 5 } }) },
        { rate: (t) => 0.25 * wave(t), draw: (r) => compose('joke', 'jokeRetro', { author: audienceMember(pool, where, r), lang }, [service], r) },
      ];
    });
    return dayPlan(pool, streams, [], pinned);
  },

  celebrity(random, pool) {
    // One famous account complains; thousands reshare it. One origin, many authors, no outage.
    const service = sampleService(random.pick(CELEBRITY_SERVICES));
    const lang = random.pick(['en', 'en', 'en', 'es', 'pt']);
    const where = audience(lang);
    const celebrity = pool.named(random.pick(SHARED_TEXT.celebrities), where.draw(random), lang, 4_000_000);
    const origin = compose('complaint', 'complaint', { author: celebrity, lang }, [service], random);
    const start = eventStart(random);
    const link = shortLink(random);
    const wave: RateCurve = (at) => (at < start + 2 * MINUTE ? 0 : 100 * Math.exp(-(at - start - 2 * MINUTE) / (30 * MINUTE)));
    const comments = languageText(lang).quoteComments;
    // A reshare repeats a complaint; it is not a complaint of its own.
    const streams: Stream[] = [
      { rate: (at) => 0.85 * wave(at), draw: (r) => reshareOf(origin, audienceMember(pool, where, r), 'other') },
      { rate: (at) => 0.15 * wave(at), draw: (r) => reshareOf(origin, audienceMember(pool, where, r), 'other', { comment: r.pick(comments), link }) },
    ];
    return dayPlan(pool, streams, [], [{ at: start, draft: origin }]);
  },

  'bot-flood'(random, pool) {
    // A few accounts post hundreds of complaints each: loud, but three people are not an outage.
    const service = sampleService(random.pick(BOT_FLOOD_SERVICES));
    const code = random.pick(countriesUsing(service).slice(0, 3));
    const lang = countryOf(code).languages.draw(random);
    const bots = Array.from({ length: 3 + random.int(3) }, (_, i) =>
      pool.named(`${random.pick(languageText(lang).usernames)}${1000 + random.int(9000)}_${i}`, code, lang, random.int(40)));
    const start = eventStart(random);
    const hours = 2 + random.int(2);
    const perMinute = bots.length * random.between(100, 300) / (hours * 60);
    const favourite = bots.map(() => random.pick(templates(lang, 'complaint', 1)));
    const streams: Stream[] = [{
      rate: (at) => (at >= start && at < start + hours * HOUR ? perMinute : 0),
      draw: (r) => {
        const which = r.int(bots.length);
        // Bots mostly repeat their one line, sometimes vary it.
        const template = r.chance(0.7) ? favourite[which] : undefined;
        return compose('bot', 'complaint', { author: bots[which], lang }, [service], r, { template });
      },
    }];
    return dayPlan(pool, streams, []);
  },

  'background-week'(_random, pool) {
    return { start: BACKGROUND_WEEK_START, minutes: 7 * 24 * 60, streams: backgroundStreams(pool), truth: [] };
  },
};

function dayPlan(pool: AuthorPool, event: Stream[], truth: TruthIncident[], pinned?: PinnedPost[]): Plan {
  return { start: SCENARIO_DAY, minutes: SCENARIO_HOURS * 60, streams: [...backgroundStreams(pool), ...event], truth, pinned };
}

export interface ScenarioSamples extends Omit<Scenario, 'posts'> {
  /** The posts with what the generator meant by them (kind, services, author). */
  samples: SamplePost[];
}

/** Builds a scenario with the generator's knowledge of each post kept (for checks of the truth). */
export function generateScenarioSamples(name: ScenarioName, seed: number, options: ScenarioOptions = {}): ScenarioSamples {
  const scale = options.scale ?? 1;
  const build = PLANS[name];
  if (!build) throw new Error(`generateScenario: unknown scenario "${name}" (choose from ${SCENARIO_NAMES.join(', ')})`);
  const pool = new AuthorPool(`${name}:${seed}`, scale);
  const plan = build(new Random(`scenario|${name}|${seed}`), pool, scale);
  const timeline: Timeline = { start: plan.start, minutes: plan.minutes, streams: plan.streams, sources: SCENARIO_SOURCES, pinned: plan.pinned };
  return {
    name,
    samples: [...replay(timeline, `${name}:${seed}`, scale)],
    truth: plan.truth,
    weeks: plan.minutes / (7 * 24 * 60),
    services: [...ALL_SERVICE_IDS],
    start: new Date(plan.start).toISOString(),
    end: new Date(plan.start + plan.minutes * MINUTE).toISOString(),
  };
}

/** Builds a scenario; the same name and seed give the same posts and truth. */
export function generateScenario(name: ScenarioName, seed: number, options: ScenarioOptions = {}): Scenario {
  const { samples, ...rest } = generateScenarioSamples(name, seed, options);
  return { ...rest, posts: samples.map((sample) => sample.post) };
}
