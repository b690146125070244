import { describe, expect, it } from 'vitest';
import type { Post } from '../src/model/types.ts';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { createRegionResolver, resolveRegion } from '../src/geo/region.ts';

function post(extra: Partial<Post>): Post {
  return { id: 'p1', source: 'twitter', text: 'whatsapp is down again', createdAt: '2024-04-03T10:00:00Z', ...extra };
}

describe('resolveRegion: order of evidence', () => {
  it('trusts the platform place first, upper-casing its country code', () => {
    const region = resolveRegion(
      post({
        place: { countryCode: 'nl', name: 'Rotterdam' },
        geo: { lat: 40.71, lon: -74.01 },
        author: { id: 'a', location: 'Berlin, DE' },
      }),
      'nl',
    );
    expect(region).toEqual({ country: 'NL', subdivision: 'NL-ZH', source: 'place', confidence: 0.95 });
  });

  it('keeps a platform place name the gazetteer does not know as the subdivision', () => {
    const region = resolveRegion(post({ place: { countryCode: 'NL', name: 'Kinderdijk' } }), 'nl');
    expect(region).toMatchObject({ country: 'NL', subdivision: 'Kinderdijk', source: 'place' });
  });

  it('gives no subdivision when the place name is the country itself', () => {
    const region = resolveRegion(post({ place: { countryCode: 'DE', name: 'Deutschland' } }), 'de');
    expect(region).toEqual({ country: 'DE', source: 'place', confidence: 0.95 });
  });

  it('ignores a place country code that is not ISO 3166-1 and falls back to the place name', () => {
    const region = resolveRegion(post({ place: { countryCode: 'XX', name: 'München' } }), 'de');
    expect(region).toMatchObject({ country: 'DE', subdivision: 'DE-BY', source: 'place' });
    expect(region.confidence).toBeLessThan(0.95);
  });

  it('reads a non-ISO place code that is a known abbreviation', () => {
    expect(resolveRegion(post({ place: { countryCode: 'UK' } }), 'en')).toMatchObject({ country: 'GB', source: 'place' });
  });

  it('falls through when the place has neither a valid code nor a known name', () => {
    const region = resolveRegion(post({ place: { countryCode: 'XX', name: 'Atlantis' }, author: { id: 'a', location: 'Kraków' } }), 'pl');
    expect(region).toMatchObject({ country: 'PL', source: 'profile' });
  });

  it('uses coordinates when there is no place', () => {
    const region = resolveRegion(post({ geo: { lat: 41.01, lon: 28.98 }, author: { id: 'a', location: 'Berlin' } }), 'tr');
    expect(region).toEqual({ country: 'TR', subdivision: 'TR-34', source: 'geo', confidence: 0.9 });
  });

  it('falls through to the profile when the coordinates are in the open ocean', () => {
    const region = resolveRegion(post({ geo: { lat: 30, lon: -40 }, author: { id: 'a', location: 'Lisboa, Portugal' } }), 'pt');
    expect(region).toMatchObject({ country: 'PT', subdivision: 'PT-11', source: 'profile' });
  });

  it('reads the profile location before the time zone', () => {
    const region = resolveRegion(
      post({ author: { id: 'a', location: 'Austin, TX', timezone: 'Europe/Amsterdam' } }),
      'en',
    );
    expect(region).toMatchObject({ country: 'US', subdivision: 'US-TX', source: 'profile' });
  });

  it('uses an IANA time zone when the profile location says nothing', () => {
    const region = resolveRegion(post({ author: { id: 'a', location: 'in your heart', timezone: 'Europe/Warsaw' } }), 'pl');
    expect(region).toEqual({ country: 'PL', source: 'timezone', confidence: 0.5 });
  });

  it('trusts an old Twitter zone name less than an IANA zone', () => {
    const region = resolveRegion(post({ author: { id: 'a', timezone: 'Pacific Time (US & Canada)' } }), 'en');
    expect(region).toEqual({ country: 'US', source: 'timezone', confidence: 0.35 });
  });

  it('skips a bare UTC offset, which spans many countries', () => {
    const region = resolveRegion(post({ author: { id: 'a', timezone: '+01:00' } }), 'en');
    expect(region).toEqual({ country: 'ZZ', source: 'unknown', confidence: 0 });
  });

  it('guesses from the language last, with low confidence', () => {
    const region = resolveRegion(post({ author: { id: 'a' } }), 'ja');
    expect(region).toMatchObject({ country: 'JP', source: 'language' });
    expect(region.confidence).toBeLessThanOrEqual(0.3);
  });

  it('falls back to the post language when the caller passes none', () => {
    expect(resolveRegion(post({ lang: 'pl' }), '')).toMatchObject({ country: 'PL', source: 'language' });
  });

  it('makes no guess from English', () => {
    expect(resolveRegion(post({}), 'en')).toEqual({ country: 'ZZ', source: 'unknown', confidence: 0 });
  });

  it('makes no guess from Spanish, which no single country writes most of', () => {
    expect(resolveRegion(post({}), 'es')).toEqual({ country: 'ZZ', source: 'unknown', confidence: 0 });
  });

  it('ranks confidence from place down to language', () => {
    const byPlace = resolveRegion(post({ place: { countryCode: 'FR' } }), 'fr').confidence;
    const byGeo = resolveRegion(post({ geo: { lat: 48.86, lon: 2.35 } }), 'fr').confidence;
    const byProfile = resolveRegion(post({ author: { id: 'a', location: 'Paris, France' } }), 'fr').confidence;
    const byZone = resolveRegion(post({ author: { id: 'a', timezone: 'Europe/Paris' } }), 'fr').confidence;
    const byLanguage = resolveRegion(post({}), 'fr').confidence;
    expect([byPlace, byGeo, byProfile, byZone, byLanguage]).toEqual(
      [byPlace, byGeo, byProfile, byZone, byLanguage].sort((a, b) => b - a),
    );
    expect(byLanguage).toBeGreaterThan(0);
  });

  it('returns a fresh object for each post, so callers may change it', () => {
    const first = resolveRegion(post({}), 'en');
    first.country = 'NL';
    expect(resolveRegion(post({}), 'en').country).toBe('ZZ');
  });
});

describe('createRegionResolver', () => {
  it('answers the same for a repeated profile text once its cache has filled up', () => {
    const resolve = createRegionResolver(loadGazetteer(), { profileCacheSize: 2 });
    const locations = ['Rotterdam', 'Kraków, Polska', 'Porto', 'Rotterdam', 'Kraków, Polska'];
    const countries = locations.map((location) => resolve(post({ author: { id: 'a', location } }), 'en').country);
    expect(countries).toEqual(['NL', 'PL', 'PT', 'NL', 'PL']);
  });

  it('claims no country beyond the configured distance from every listed city', () => {
    const resolve = createRegionResolver(loadGazetteer(), { maxDistanceKm: 10 });
    // Between Amersfoort, Apeldoorn and Lelystad, each of them over 20 km away.
    expect(resolve(post({ geo: { lat: 52.3, lon: 5.62 } }), 'en').source).toBe('unknown');
  });
});
