// The people (and accounts) who post in the samples. An author is a pure function of the seed and
// their pool position, so the same person keeps one id, name, location and home city across posts
// without keeping millions of authors in memory.
import { Random } from './random.ts';
import { usernameStems } from './text.ts';
import { COUNTRIES, NONSENSE_LOCATIONS, country as countryOf, type City, type Country } from './world.ts';

export interface SampleAuthor {
  id: string;
  username: string;
  lang: string;
  country: string;
  /** Free-text profile location, absent for many people. */
  location?: string;
  followers: number;
  home: City;
  /** Whether this person lets the app tag posts with a place. */
  sharesPlace: boolean;
  /** Mastodon server the account lives on. */
  instance: string;
}

/** Authors per unit of country weight at scale 1; with the skewed draw below a few post a lot, most once. */
const AUTHORS_PER_WEIGHT = 1500;
/** Above 1, small pool positions are drawn more often: a long tail of one-off posters, some regulars. */
const POOL_SKEW = 1.3;

const INSTANCES: Readonly<Record<string, readonly string[]>> = {
  en: ['mastodon.social', 'mastodon.online', 'fosstodon.org', 'mas.to'],
  nl: ['mastodon.nl', 'mastodon.social', 'toot.community'],
  de: ['chaos.social', 'norden.social', 'mastodon.social', 'troet.cafe'],
  fr: ['mamot.fr', 'framapiaf.org', 'mastodon.social'],
  es: ['mastodon.social', 'mastodon.uy', 'masto.es'],
  pt: ['mastodon.com.br', 'masto.pt', 'mastodon.social'],
  it: ['mastodon.uno', 'mastodon.social'],
  pl: ['pol.social', 'mastodon.social'],
  tr: ['mastodon.social', 'mastoturk.org'],
  ja: ['mstdn.jp', 'pawoo.net', 'mastodon-japan.net'],
};

function makeUsername(lang: string, random: Random): string {
  const stem = random.pick(usernameStems(lang));
  const styled = random.chance(0.25) ? stem.charAt(0).toUpperCase() + stem.slice(1) : stem;
  switch (random.int(6)) {
    case 0: return `${styled}${random.int(100)}`;
    case 1: return `${styled}_${random.int(10_000)}`;
    case 2: return `${styled}x${random.pick(['o', 'x', ''])}${random.int(1000)}`;
    case 3: return `the_${styled}${random.int(100)}`;
    case 4: return `${styled}${random.pick(['_', '.', ''])}${random.pick(['real', 'official', 'vibes', 'tweets'])}${random.int(100)}`;
    default: return `${styled}${random.int(100_000)}`;
  }
}

function makeUserId(random: Random): string {
  // Old accounts have short ids; since 2013 Twitter ids are 18-19 digit snowflakes.
  if (random.chance(0.25)) return String(10_000_000 + random.int(2_000_000_000));
  return `${1 + random.int(14)}${String(random.int(1_000_000_000)).padStart(9, '0')}${String(random.int(100_000_000)).padStart(8, '0')}`;
}

function makeLocation(home: Country, city: City, random: Random): string | undefined {
  const roll = random.next();
  if (roll < 0.42) return undefined;
  if (roll < 0.52) return random.pick(NONSENSE_LOCATIONS);
  if (roll < 0.56) return random.pick(random.pick(COUNTRIES).locations);
  if (roll < 0.7) return city.name;
  return random.pick(home.locations);
}

function makeAuthor(random: Random, home: Country, lang: string, username: string): SampleAuthor {
  const city = random.pick(home.cities);
  return {
    id: makeUserId(random),
    username,
    lang,
    country: home.code,
    location: makeLocation(home, city, random),
    followers: Math.floor(Math.exp(5 + 1.6 * random.normal())),
    home: city,
    sharesPlace: random.chance(0.1),
    instance: random.pick(INSTANCES[lang] ?? INSTANCES.en),
  };
}

export class AuthorPool {
  private readonly seed: string;
  private readonly scale: number;

  constructor(seed: number | string, scale: number) {
    this.seed = String(seed);
    this.scale = scale;
  }

  /** An ordinary person from `countryCode` posting in `lang`; repeated draws give repeat posters. */
  member(countryCode: string, lang: string, random: Random): SampleAuthor {
    const home = countryOf(countryCode);
    const size = Math.max(50, Math.ceil(AUTHORS_PER_WEIGHT * home.weight * this.scale));
    const position = Math.floor(size * Math.pow(random.next(), POOL_SKEW));
    const personal = new Random(`${this.seed}|${countryCode}|${lang}|${position}`);
    return makeAuthor(personal, home, lang, makeUsername(lang, personal));
  }

  /** A known account (news desk, bot, brand, celebrity): same id and profile every time. */
  named(username: string, countryCode: string, lang: string, followers: number): SampleAuthor {
    const personal = new Random(`${this.seed}|named|${username}`);
    const author = makeAuthor(personal, countryOf(countryCode), lang, username);
    return { ...author, followers, location: author.location ?? countryOf(countryCode).locations[0] };
  }
}
