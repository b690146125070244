// Reads a free-text location ("Rotterdam, NL", "東京都渋谷区", "Paris, TX", "🇩🇪") against the gazetteer
// and weighs what it finds into one country.
import { Needs, WEIGHTS, type Gazetteer, type Reading } from './gazetteer.ts';
import { findFlags, tokeniseLocation, type LocationToken } from './text.ts';

/** A place name found in the text with every way to read it; `position` orders mentions. */
export interface Mention {
  readings: readonly Reading[];
  position: number;
  /** Words came before it: a region code here qualifies a place ("Paris, TN", "Perth WA"). */
  qualifies: boolean;
}

export interface LocationMatch {
  country: string;
  subdivision?: string;
  /** 0..0.8: a profile text is the user's own claim and may be stale or a joke. */
  confidence: number;
}

/** A city and a region of its own country in one text ("Atlanta, Georgia", "London, Ontario"). */
const QUALIFIED_CITY_BONUS = 0.5;
/**
 * A region code after a place name reads as "City, ST" and outweighs a country code of the same
 * letters ("Paris, TN" is in Tennessee, not Tunisia); alone, "DE" stays Germany.
 */
const QUALIFYING_CODE_BONUS = 0.1;
/** Caps the population tie-breaker below the smallest evidence weight, so it only orders equals. */
const MAX_POPULATION_BONUS = 0.3;
const MAX_CONFIDENCE = 0.8;
/** Profile locations are short (Twitter allows 30 characters); a longer text is read up to here. */
const MAX_LOCATION_CHARS = 200;

export function findMentions(gazetteer: Gazetteer, text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const flag of findFlags(text)) {
    if (!gazetteer.countries.has(flag.country)) continue;
    const reading: Reading = {
      kind: 'flag',
      country: flag.country,
      ...(flag.subdivision === undefined ? {} : { subdivision: flag.subdivision }),
      population: 0,
      weight: WEIGHTS.flag,
      needs: Needs.Any,
    };
    mentions.push({ readings: [reading], position: mentions.length, qualifies: false });
  }
  let wordsBefore = 0;
  for (const segment of tokeniseLocation(text)) {
    let index = 0;
    while (index < segment.length) {
      const found = longestNameAt(gazetteer, segment, index);
      if (found !== undefined) {
        mentions.push({ readings: found.readings, position: mentions.length, qualifies: wordsBefore > 0 });
        index += found.words;
        wordsBefore += found.words;
        continue;
      }
      if (segment[index].cjk) {
        for (const readings of cjkNamesIn(gazetteer, segment[index].key)) {
          mentions.push({ readings, position: mentions.length, qualifies: wordsBefore > 0 });
        }
      }
      index += 1;
      wordsBefore += 1;
    }
  }
  return mentions;
}

/** Greedy longest match, so "New Mexico" is not read as "Mexico" nor "Rio de Janeiro" as "DE". */
function longestNameAt(
  gazetteer: Gazetteer,
  segment: readonly LocationToken[],
  start: number,
): { readings: Reading[]; words: number } | undefined {
  const longest = Math.min(gazetteer.longestNameWords, segment.length - start);
  for (let words = longest; words >= 1; words -= 1) {
    let key = segment[start].key;
    for (let next = start + 1; next < start + words; next += 1) key += ` ${segment[next].key}`;
    const candidates = gazetteer.names.get(key);
    if (candidates === undefined) continue;
    const readings = candidates.filter((reading) => tokenAllows(segment[start], reading.needs, words));
    if (readings.length > 0) return { readings, words };
  }
  return undefined;
}

function tokenAllows(token: LocationToken, needs: Needs, words: number): boolean {
  switch (needs) {
    case Needs.Any:
      return true;
    case Needs.Capital:
      return token.capitalised;
    case Needs.Upper:
      return words === 1 && token.upper;
    case Needs.UpperLast:
      return words === 1 && token.upper && token.lastInSegment;
  }
}

/** Chinese, Japanese and Korean place names run together with other words ("東京都在住"): scan substrings. */
function cjkNamesIn(gazetteer: Gazetteer, text: string): Reading[][] {
  const found: Reading[][] = [];
  let start = 0;
  while (start < text.length) {
    let matched = 0;
    for (let length = Math.min(gazetteer.longestCjkName, text.length - start); length >= 2; length -= 1) {
      const readings = gazetteer.cjkNames.get(text.slice(start, start + length));
      if (readings !== undefined) {
        found.push([...readings]);
        matched = length;
        break;
      }
    }
    start += matched > 0 ? matched : 1;
  }
  return found;
}

/** The evidence for one country, summed over the mentions. */
export interface CountryTally {
  country: string;
  /** Per mention the strongest reading for this country, plus the bonuses. */
  score: number;
  /** Every reading's weight: breaks ties in favour of the country more readings agree on ("LA"). */
  support: number;
  /** A country named outright (name, code, flag) wins ties over regions and cities. */
  named: boolean;
  firstPosition: number;
  subdivision?: string;
  /** Millions living in the city the answer rests on; 0 when no city was read. */
  population: number;
}

/** Scores every country the mentions can mean, best first. */
export function tallyCountries(mentions: readonly Mention[]): CountryTally[] {
  const byCountry = new Map<string, { tally: CountryTally; readings: { reading: Reading; mention: number }[] }>();
  for (const mention of mentions) {
    const strongest = new Map<string, number>();
    for (const reading of mention.readings) {
      const weight =
        reading.kind === 'regionCode' && mention.qualifies ? reading.weight + QUALIFYING_CODE_BONUS : reading.weight;
      let entry = byCountry.get(reading.country);
      if (entry === undefined) {
        entry = {
          tally: {
            country: reading.country,
            score: 0,
            support: 0,
            named: false,
            firstPosition: mention.position,
            population: 0,
          },
          readings: [],
        };
        byCountry.set(reading.country, entry);
      }
      entry.tally.support += weight;
      entry.tally.named ||= reading.kind === 'country' || reading.kind === 'countryCode' || reading.kind === 'flag';
      entry.readings.push({ reading, mention: mention.position });
      strongest.set(reading.country, Math.max(strongest.get(reading.country) ?? 0, weight));
    }
    for (const [country, weight] of strongest) byCountry.get(country)!.tally.score += weight;
  }

  const tallies: CountryTally[] = [];
  for (const { tally, readings } of byCountry.values()) {
    const areas = readings.filter(({ reading }) => reading.kind !== 'city' && reading.subdivision !== undefined);
    const cities = readings
      .filter(({ reading }) => reading.kind === 'city')
      .sort((a, b) => b.reading.population - a.reading.population);
    const qualified = cities.find(({ reading, mention }) =>
      areas.some((area) => area.mention !== mention && area.reading.subdivision === reading.subdivision),
    );
    const city = (qualified ?? cities[0])?.reading;
    if (qualified !== undefined) tally.score += QUALIFIED_CITY_BONUS;
    if (city !== undefined) {
      tally.score += populationBonus(city.population);
      tally.population = city.population;
    }
    // A named region beats a city it does not contain ("Portland, Maine" is in Maine whatever Portland we list).
    const area = areas.find(({ mention }) => cities.every((entry) => entry.mention !== mention))?.reading;
    const subdivision =
      qualified !== undefined || area === undefined ? (city?.subdivision ?? city?.city) : area.subdivision;
    if (subdivision !== undefined) tally.subdivision = subdivision;
    tallies.push(tally);
  }
  return tallies.sort(
    (a, b) =>
      b.score - a.score ||
      b.support - a.support ||
      Number(b.named) - Number(a.named) ||
      a.firstPosition - b.firstPosition,
  );
}

/** 9 M people -> ~0.2, 100 k -> ~0.03. */
function populationBonus(millions: number): number {
  return Math.min(MAX_POPULATION_BONUS, 0.1 * Math.log10(1 + millions * 10));
}

/** The best country for a text, or null when nothing in it is a known place ("in your heart", "she/her"). */
export function matchLocation(gazetteer: Gazetteer, text: string): LocationMatch | null {
  const [best, runnerUp] = tallyCountries(findMentions(gazetteer, text.slice(0, MAX_LOCATION_CHARS)));
  if (best === undefined) return null;
  // More evidence raises confidence; a close second (Georgia the country or the state?) lowers it,
  // unless both rest on a city and the second is far smaller (London, Ontario against London).
  const strength = Math.min(MAX_CONFIDENCE, 0.45 + 0.12 * best.score);
  const doubt = runnerUp === undefined ? 0 : 0.5 * (runnerUp.score / best.score) * sizeRatio(best, runnerUp);
  return {
    country: best.country,
    ...(best.subdivision === undefined ? {} : { subdivision: best.subdivision }),
    confidence: round2(strength * (1 - doubt)),
  };
}

/** 1 for cities of equal size (or when either answer names no city), towards 0 as the second shrinks. */
function sizeRatio(best: CountryTally, runnerUp: CountryTally): number {
  if (best.population === 0 || runnerUp.population === 0) return 1;
  return Math.min(1, (2 * runnerUp.population) / (best.population + runnerUp.population));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
