import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { createPointLocator, haversineKm } from '../src/geo/point.ts';

const gazetteer = loadGazetteer();
const locate = createPointLocator(gazetteer.cities);

describe('createPointLocator', () => {
  it.each([
    ['Amsterdam', 52.3676, 4.9041, 'NL'],
    ['Rotterdam', 51.9244, 4.4777, 'NL'],
    ['Berlin', 52.52, 13.405, 'DE'],
    ['Munich', 48.1351, 11.582, 'DE'],
    ['Paris', 48.8566, 2.3522, 'FR'],
    ['Lyon', 45.764, 4.8357, 'FR'],
    ['Madrid', 40.4168, -3.7038, 'ES'],
    ['Barcelona', 41.3874, 2.1686, 'ES'],
    ['Lisbon', 38.7223, -9.1393, 'PT'],
    ['Rome', 41.9028, 12.4964, 'IT'],
    ['Milan', 45.4642, 9.19, 'IT'],
    ['Warsaw', 52.2297, 21.0122, 'PL'],
    ['Istanbul', 41.0082, 28.9784, 'TR'],
    ['Tokyo', 35.6762, 139.6503, 'JP'],
    ['Osaka', 34.6937, 135.5023, 'JP'],
    ['London', 51.5072, -0.1276, 'GB'],
    ['Edinburgh', 55.9533, -3.1883, 'GB'],
    ['New York', 40.7128, -74.006, 'US'],
    ['Los Angeles', 34.0522, -118.2437, 'US'],
    ['Chicago', 41.8781, -87.6298, 'US'],
    ['São Paulo', -23.5505, -46.6333, 'BR'],
    ['Rio de Janeiro', -22.9068, -43.1729, 'BR'],
    ['Mexico City', 19.4326, -99.1332, 'MX'],
    ['Buenos Aires', -34.6037, -58.3816, 'AR'],
    ['Mumbai', 19.076, 72.8777, 'IN'],
    ['Brussels', 50.8503, 4.3517, 'BE'],
    ['Toronto', 43.6532, -79.3832, 'CA'],
    ['Sydney', -33.8688, 151.2093, 'AU'],
  ])('places %s in %s', (_name, lat, lon, country) => {
    expect(locate(lat, lon)?.country).toBe(country);
  });

  it('places border cities on the right side (Maastricht, Aachen, Enschede)', () => {
    expect(locate(50.851, 5.691)?.country).toBe('NL');
    expect(locate(50.776, 6.084)?.country).toBe('DE');
    expect(locate(52.222, 6.893)?.country).toBe('NL');
  });

  it('keeps the outskirts of a big city from a small neighbour (western Rome is not the Vatican)', () => {
    expect(locate(41.9, 12.465)?.country).toBe('IT');
    expect(locate(41.9029, 12.4534)?.country).toBe('VA');
  });

  it.each([
    ['the middle of the North Atlantic', 35, -40],
    ['the equatorial Pacific', 0, -150],
    ['the southern Indian Ocean', -30, 80],
    ['Null Island', 0, 0],
    ['the South Atlantic', -30, -15],
    ['the Tasman Sea', -38, 160],
  ])('claims no country in %s', (_name, lat, lon) => {
    expect(locate(lat, lon)).toBeNull();
  });

  it('answers across the antimeridian (Fiji at 179.9° E seen from 179.9° W)', () => {
    expect(locate(-16.43, -179.95)?.country).toBe('FJ');
  });

  it('rejects coordinates that are not on the globe', () => {
    expect(locate(91, 0)).toBeNull();
    expect(locate(Number.NaN, 4.9)).toBeNull();
  });

  it('gives the nearest city subdivision and its distance', () => {
    const match = locate(51.95, 4.5);
    expect(match).toMatchObject({ country: 'NL', subdivision: 'NL-ZH' });
    expect(match!.distanceKm).toBeLessThan(5);
  });
});

describe('haversineKm', () => {
  it('measures Amsterdam to Paris as about 430 km', () => {
    expect(haversineKm(52.3676, 4.9041, 48.8566, 2.3522)).toBeCloseTo(430, -1);
  });
});
