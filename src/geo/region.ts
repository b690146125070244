// Where a post comes from. Evidence in falling order of trust, the first that answers wins:
// place (platform-tagged) > geo (coordinates) > profile (author's free-text location) > timezone > language.
import type { Post, Region } from '../model/types.ts';
import { loadGazetteer, type Gazetteer } from './gazetteer.ts';
import { languagePrior } from './language-prior.ts';
import { findMentions, matchLocation, round2, tallyCountries, type LocationMatch } from './location.ts';
import { createPointLocator, type PointLocator, type PointLocatorOptions } from './point.ts';

export const CONFIDENCE = {
  /** The platform tagged the post with a place. */
  place: 0.95,
  /** A place with a name but no valid country code, read through the gazetteer. */
  placeNameOnly: 0.85,
  /** Coordinates at a listed city... */
  geoNear: 0.9,
  /** ...falling to this at the cut-off distance. */
  geoFar: 0.6,
  /** An IANA zone names a country, but travellers and device defaults blur it. */
  ianaZone: 0.5,
  /** Old Twitter zone names ("Pacific Time (US & Canada)") were often left at their default. */
  legacyZone: 0.35,
} as const;

/** Within this distance of a listed city a coordinate gets the full geo confidence. */
const GEO_FULL_CONFIDENCE_KM = 25;

export const UNKNOWN_REGION: Readonly<Region> = Object.freeze({ country: 'ZZ', source: 'unknown', confidence: 0 });

export interface RegionResolverOptions extends PointLocatorOptions {
  /** Distinct profile texts remembered; the memory is emptied when full. Default 100 000. */
  profileCacheSize?: number;
}

export type RegionResolver = (post: Post, lang: string) => Region;

export function createRegionResolver(gazetteer: Gazetteer, options: RegionResolverOptions = {}): RegionResolver {
  const maxDistanceKm = options.maxDistanceKm ?? 200;
  const locatePoint: PointLocator = createPointLocator(gazetteer.cities, { maxDistanceKm });
  const readProfile = memoise(options.profileCacheSize ?? 100_000, (text: string) => matchLocation(gazetteer, text));
  const priorOf = memoise(1_000, languagePrior);
  // Keyed "code|name": the same platform places come back all day.
  const readPlace = memoise(options.profileCacheSize ?? 100_000, (key: string) => {
    const separator = key.indexOf('|');
    return regionFromPlace(gazetteer, key.slice(0, separator), key.slice(separator + 1));
  });
  const geoConfidenceSpanKm = Math.max(1, maxDistanceKm - GEO_FULL_CONFIDENCE_KM);

  return (post, lang) => {
    const place = post.place;
    if (place !== undefined) {
      const fromPlace = readPlace(`${place.countryCode ?? ''}|${place.name ?? ''}`);
      if (fromPlace !== null) return { ...fromPlace };
    }
    const geo = post.geo;
    if (geo !== undefined) {
      const point = locatePoint(geo.lat, geo.lon);
      if (point !== null) {
        const farness = Math.max(0, point.distanceKm - GEO_FULL_CONFIDENCE_KM) / geoConfidenceSpanKm;
        const confidence = round2(CONFIDENCE.geoNear - (CONFIDENCE.geoNear - CONFIDENCE.geoFar) * farness);
        return { country: point.country, subdivision: point.subdivision, source: 'geo', confidence };
      }
    }
    const location = post.author?.location;
    if (location !== undefined && location.length > 0) {
      const match = readProfile(location);
      if (match !== null) return region(match, 'profile');
    }
    const timezone = post.author?.timezone;
    if (timezone !== undefined) {
      const iana = gazetteer.ianaZones.get(timezone);
      if (iana !== undefined) return { country: iana, source: 'timezone', confidence: CONFIDENCE.ianaZone };
      const legacy = gazetteer.legacyZones.get(timezone);
      if (legacy !== undefined) return { country: legacy, source: 'timezone', confidence: CONFIDENCE.legacyZone };
    }
    const prior = priorOf(lang || post.lang || '');
    if (prior !== null) return region(prior, 'language');
    return { ...UNKNOWN_REGION };
  };
}

function regionFromPlace(gazetteer: Gazetteer, countryCode: string, name: string): Region | null {
  const code = countryCode.trim().toUpperCase();
  const placeName = name.trim();
  if (gazetteer.countries.has(code)) {
    const subdivision = placeName ? subdivisionOfPlace(gazetteer, code, placeName) : undefined;
    const match = { country: code, ...(subdivision === undefined ? {} : { subdivision }), confidence: CONFIDENCE.place };
    return region(match, 'place');
  }
  // An invalid code may still be a known abbreviation ("UK"); read it after the name, as "London, UK".
  const text = [placeName, code].filter((part) => part !== '').join(', ');
  if (text === '') return null;
  const match = matchLocation(gazetteer, text);
  if (match === null) return null;
  return region({ ...match, confidence: Math.min(CONFIDENCE.placeNameOnly, match.confidence + 0.1) }, 'place');
}

/**
 * The finer area a platform place names inside its country: the gazetteer's ISO 3166-2 code when it
 * knows the place, the name as given when it does not, nothing when the name is the country itself.
 */
function subdivisionOfPlace(gazetteer: Gazetteer, country: string, placeName: string): string | undefined {
  const tally = tallyCountries(findMentions(gazetteer, placeName)).find((entry) => entry.country === country);
  if (tally === undefined) return placeName;
  return tally.subdivision;
}

function region(match: LocationMatch, source: Region['source']): Region {
  return {
    country: match.country,
    ...(match.subdivision === undefined ? {} : { subdivision: match.subdivision }),
    source,
    confidence: match.confidence,
  };
}

/** Remembers answers for repeated inputs (profile texts repeat a lot); starts over when full. */
function memoise<T>(capacity: number, compute: (input: string) => T): (input: string) => T {
  const memory = new Map<string, T>();
  return (input) => {
    const known = memory.get(input);
    if (known !== undefined) return known;
    if (memory.size >= capacity) memory.clear();
    const answer = compute(input);
    memory.set(input, answer);
    return answer;
  };
}

let sharedResolver: RegionResolver | undefined;

/** Resolves a post's region with the shipped gazetteer (loaded on first use). */
export function resolveRegion(post: Post, lang: string): Region {
  sharedResolver ??= createRegionResolver(loadGazetteer());
  return sharedResolver(post, lang);
}
