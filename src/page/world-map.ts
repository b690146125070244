// The world map the page colours by region: Natural Earth's 1:110m countries (world-atlas) projected
// once on the server with d3-geo, one SVG path per country keyed by its ISO 3166-1 alpha-2 code, so
// the page needs no map library and no request to draw it.
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import iso from 'iso-3166-1';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);

export interface CountryShape {
  /** ISO 3166-1 alpha-2, or '' for the few shapes without a code (N. Cyprus, Somaliland, Kosovo). */
  code: string;
  name: string;
  /** SVG path data in the map's viewBox. */
  d: string;
}

export interface WorldMap {
  width: number;
  height: number;
  countries: CountryShape[];
}

const WIDTH = 960;
const HEIGHT = 500;

let cached: WorldMap | undefined;

/** The projected countries; built on first use (about 50 ms) and kept. */
export function worldMap(): WorldMap {
  cached ??= projectCountries();
  return cached;
}

function projectCountries(): WorldMap {
  const topology = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries);
  const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], countries);
  // One decimal is a tenth of a pixel at full width: finer digits only add bytes.
  const path = geoPath(projection).digits(1);
  const shapes: CountryShape[] = [];
  for (const country of countries.features) {
    const d = path(country);
    if (!d) continue;
    const code = country.id === undefined ? '' : (iso.whereNumeric(String(country.id))?.alpha2 ?? '');
    shapes.push({ code, name: country.properties.name, d });
  }
  return { width: WIDTH, height: HEIGHT, countries: shapes };
}
