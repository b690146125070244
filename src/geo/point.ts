// Coordinates -> country: the nearest gazetteer city within a cut-off distance, found through a
// 2-degree grid. Far from every listed city (open ocean, empty desert) the answer is "don't know".
// Distances are divided by population^0.15, so a big city keeps its own outskirts against a small
// neighbour centre (western Rome is Rome, not the Vatican) while borders between peers barely move.
import type { CityPoint } from './gazetteer.ts';

export interface PointMatch {
  country: string;
  /** The nearest city's ISO 3166-2 code, or its name when the gazetteer has no code for it. */
  subdivision: string;
  distanceKm: number;
}

export interface PointLocatorOptions {
  /** Farther than this from every listed city, no country is claimed. Default 200 km. */
  maxDistanceKm?: number;
}

const CELL_DEGREES = 2;
const LAT_CELLS = 180 / CELL_DEGREES;
const LON_CELLS = 360 / CELL_DEGREES;
const EARTH_RADIUS_KM = 6371;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;
const RADIANS = Math.PI / 180;
const REACH_EXPONENT = 0.15;

export type PointLocator = (lat: number, lon: number) => PointMatch | null;

export function createPointLocator(cities: readonly CityPoint[], options: PointLocatorOptions = {}): PointLocator {
  const maxDistanceKm = options.maxDistanceKm ?? 200;
  const grid: { city: CityPoint; reach: number }[][] = Array.from({ length: LAT_CELLS * LON_CELLS }, () => []);
  for (const city of cities) {
    const reach = Math.max(city.population, 1e-4) ** REACH_EXPONENT;
    grid[latCell(city.lat) * LON_CELLS + lonCell(city.lon)].push({ city, reach });
  }
  const latReach = Math.ceil(maxDistanceKm / KM_PER_DEGREE / CELL_DEGREES);

  return (lat, lon) => {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    let nearest: CityPoint | undefined;
    let nearestKm = 0;
    let nearestScore = Number.POSITIVE_INFINITY;
    const centreLat = latCell(lat);
    const centreLon = lonCell(lon);
    for (let row = Math.max(0, centreLat - latReach); row <= Math.min(LAT_CELLS - 1, centreLat + latReach); row += 1) {
      for (const column of columnsWithin(row, centreLon, maxDistanceKm)) {
        for (const { city, reach } of grid[row * LON_CELLS + column]) {
          const km = haversineKm(lat, lon, city.lat, city.lon);
          if (km > maxDistanceKm || km / reach >= nearestScore) continue;
          nearest = city;
          nearestKm = km;
          nearestScore = km / reach;
        }
      }
    }
    if (nearest === undefined) return null;
    return { country: nearest.country, subdivision: nearest.subdivision ?? nearest.name, distanceKm: nearestKm };
  };
}

function latCell(lat: number): number {
  return Math.min(LAT_CELLS - 1, Math.floor((lat + 90) / CELL_DEGREES));
}

function lonCell(lon: number): number {
  return Math.floor((lon + 180) / CELL_DEGREES) % LON_CELLS;
}

/** Grid columns of one row that can hold a point within reach; wraps at the antimeridian. */
function columnsWithin(row: number, centre: number, reachKm: number): number[] {
  const poleward = Math.max(Math.abs(row * CELL_DEGREES - 90), Math.abs((row + 1) * CELL_DEGREES - 90));
  const kmPerLonDegree = KM_PER_DEGREE * Math.cos(Math.min(poleward, 89.9) * RADIANS);
  const reach = Math.ceil(reachKm / kmPerLonDegree / CELL_DEGREES) + 1;
  if (2 * reach + 1 >= LON_CELLS) return Array.from({ length: LON_CELLS }, (_, column) => column);
  return Array.from({ length: 2 * reach + 1 }, (_, offset) => (centre - reach + offset + LON_CELLS) % LON_CELLS);
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLon = (lon2 - lon1) * RADIANS;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
