// The gazetteer: place names the project writes itself (data/gazetteer.json, data/geo/timezones.json),
// parsed once and compiled into lookup maps keyed by folded name.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hasCjk, nameKey } from './text.ts';

const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
export const GAZETTEER_FILE = `${DATA_DIR}gazetteer.json`;
export const TIMEZONES_FILE = `${DATA_DIR}geo/timezones.json`;

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an upper-case ISO 3166-1 alpha-2 code');
const subdivisionCode = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'an ISO 3166-2 code like "NL-ZH"');
const names = z.array(z.string().min(1)).min(1);

/** [name, country, ISO 3166-2 subdivision or null, population in millions, lat, lon, ...other names]. */
const cityRow = z
  .tuple([
    z.string().min(1),
    countryCode,
    subdivisionCode.nullable(),
    z.number().positive(),
    z.number().min(-90).max(90),
    z.number().min(-180).max(180),
  ])
  .rest(z.string().min(1));

const gazetteerFileSchema = z.object({
  about: z.string(),
  countries: z.record(countryCode, names),
  regions: z.record(subdivisionCode, names),
  capitalisedOnly: z.array(z.string().min(1)),
  cities: z.array(cityRow),
});

const timezonesFileSchema = z.object({
  about: z.string(),
  iana: z.record(z.string().min(1), countryCode),
  legacy: z.record(z.string().min(1), countryCode),
});

export type GazetteerFile = z.infer<typeof gazetteerFileSchema>;
export type TimezonesFile = z.infer<typeof timezonesFileSchema>;

export type ReadingKind = 'flag' | 'country' | 'countryCode' | 'region' | 'regionCode' | 'city';

/** What a token must look like for a reading to count. */
export const Needs = {
  Any: 0,
  /** A common word that is also a place ("Nice", "Reading"): only when written with a capital. */
  Capital: 1,
  /** A three-letter abbreviation ("NSW", "ACT"): only in capitals. */
  Upper: 2,
  /** A two-letter code ("DE", "TX"): only in capitals and as the last word of its part ("Berlin, DE"). */
  UpperLast: 3,
} as const;
export type Needs = (typeof Needs)[keyof typeof Needs];

/** One way to read a name: "Georgia" is a country and a US state. */
export interface Reading {
  kind: ReadingKind;
  country: string;
  subdivision?: string;
  /** The city's own name, for a subdivision when no ISO 3166-2 code is known. */
  city?: string;
  /** Millions; cities only, breaks ties between places of one name. */
  population: number;
  /** Evidence weight (see decideCountry in location.ts). */
  weight: number;
  needs: Needs;
}

export interface CityPoint {
  name: string;
  country: string;
  subdivision?: string;
  /** Millions. */
  population: number;
  lat: number;
  lon: number;
}

export interface Gazetteer {
  countries: ReadonlySet<string>;
  /** Folded name (words joined by one space) -> its readings. */
  names: ReadonlyMap<string, readonly Reading[]>;
  /** Chinese, Japanese and Korean names, spaces removed, found inside unspaced text. */
  cjkNames: ReadonlyMap<string, readonly Reading[]>;
  longestNameWords: number;
  longestCjkName: number;
  cities: readonly CityPoint[];
  ianaZones: ReadonlyMap<string, string>;
  legacyZones: ReadonlyMap<string, string>;
}

export const WEIGHTS = {
  flag: 3,
  country: 3,
  countryCode: 2,
  /** A country code that is also a region code ("DE" Delaware, "IN" Indiana, "SE" Sergipe). */
  ambiguousCountryCode: 1.5,
  region: 2,
  regionCode: 1.5,
  city: 1,
} as const;

export class GazetteerError extends Error {
  override name = 'GazetteerError';
}

/** Reads and compiles the shipped gazetteer; throws a GazetteerError naming the file and field at fault. */
export function loadGazetteer(gazetteerFile = GAZETTEER_FILE, timezonesFile = TIMEZONES_FILE): Gazetteer {
  return compileGazetteer(
    parseJsonFile(gazetteerFile, gazetteerFileSchema),
    parseJsonFile(timezonesFile, timezonesFileSchema),
  );
}

function parseJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GazetteerError(`${file}: cannot read as JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GazetteerError(`${file}: at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function compileGazetteer(file: GazetteerFile, zones: TimezonesFile): Gazetteer {
  const countries = new Set(Object.keys(file.countries));
  const twoLetterRegionCodes = new Set<string>();
  for (const [code, regionNames] of Object.entries(file.regions)) {
    requireCountry(countries, code.slice(0, 2), `regions.${code}`);
    for (const name of regionNames) if (isCode(name, 2)) twoLetterRegionCodes.add(name);
  }

  const capitalisedOnly = new Set(file.capitalisedOnly.map(nameKey));
  const builder = new NameIndexBuilder(capitalisedOnly);

  for (const [code, countryNames] of Object.entries(file.countries)) {
    const codeWeight = twoLetterRegionCodes.has(code) ? WEIGHTS.ambiguousCountryCode : WEIGHTS.countryCode;
    const codeReading: Reading = {
      kind: 'countryCode',
      country: code,
      population: 0,
      weight: codeWeight,
      needs: Needs.UpperLast,
    };
    builder.add(code, codeReading);
    for (const name of countryNames) {
      const kind = isCode(name, 3) ? 'countryCode' : 'country';
      builder.add(name, { kind, country: code, population: 0, weight: WEIGHTS[kind], needs: Needs.Any });
    }
  }
  for (const [code, regionNames] of Object.entries(file.regions)) {
    for (const name of regionNames) {
      const kind = isCode(name, 3) ? 'regionCode' : 'region';
      const country = code.slice(0, 2);
      builder.add(name, { kind, country, subdivision: code, population: 0, weight: WEIGHTS[kind], needs: Needs.Any });
    }
  }
  const cities: CityPoint[] = [];
  file.cities.forEach(([rowName, country, subdivision, population, lat, lon, ...aliases], index) => {
    const name = withoutQualifier(rowName);
    requireCountry(countries, country, `cities[${index}] (${rowName})`);
    if (subdivision !== null && !subdivision.startsWith(`${country}-`)) {
      const where = `cities[${index}] (${rowName})`;
      throw new GazetteerError(`gazetteer: ${where}: subdivision ${subdivision} is not in ${country}`);
    }
    const reading: Reading = {
      kind: 'city',
      country,
      ...(subdivision === null ? {} : { subdivision }),
      city: name,
      population,
      weight: WEIGHTS.city,
      needs: Needs.Any,
    };
    for (const alias of [rowName, ...aliases]) builder.add(alias, reading);
    cities.push({ name, country, ...(subdivision === null ? {} : { subdivision }), population, lat, lon });
  });

  const ianaZones = new Map(Object.entries(zones.iana));
  const legacyZones = new Map(Object.entries(zones.legacy));
  for (const [zone, country] of [...ianaZones, ...legacyZones]) requireCountry(countries, country, `timezone ${zone}`);

  return { countries, ...builder.build(), cities, ianaZones, legacyZones };
}

/** "Hamilton (New Zealand)" -> "Hamilton": the bracket only keeps rows of one name apart. */
function withoutQualifier(name: string): string {
  const bracket = name.indexOf(' (');
  return bracket > 0 ? name.slice(0, bracket) : name;
}

function requireCountry(countries: ReadonlySet<string>, country: string, where: string): void {
  if (!countries.has(country)) {
    throw new GazetteerError(`gazetteer: ${where}: ${country} is not a country listed under "countries"`);
  }
}

/** A code written in capitals, at most `maxLength` letters long ("TX", "NSW"). */
function isCode(name: string, maxLength: number): boolean {
  return name.length <= maxLength && /^[A-Z]+$/.test(name);
}

class NameIndexBuilder {
  private readonly names = new Map<string, Reading[]>();
  private readonly cjkNames = new Map<string, Reading[]>();
  private longestNameWords = 1;
  private longestCjkName = 1;

  private readonly capitalisedOnly: ReadonlySet<string>;

  constructor(capitalisedOnly: ReadonlySet<string>) {
    this.capitalisedOnly = capitalisedOnly;
  }

  add(name: string, reading: Reading): void {
    const key = nameKey(name);
    if (key === '') throw new GazetteerError(`gazetteer: the name "${name}" has no letters`);
    if (hasCjk(key)) {
      const unspaced = key.replaceAll(' ', '');
      this.longestCjkName = Math.max(this.longestCjkName, unspaced.length);
      push(this.cjkNames, unspaced, reading);
      return;
    }
    const needs: Needs = isCode(name, 2)
      ? Needs.UpperLast
      : isCode(name, 3)
        ? Needs.Upper
        : this.capitalisedOnly.has(key)
          ? Needs.Capital
          : reading.needs;
    this.longestNameWords = Math.max(this.longestNameWords, key.split(' ').length);
    push(this.names, key, needs === reading.needs ? reading : { ...reading, needs });
  }

  build(): Pick<Gazetteer, 'names' | 'cjkNames' | 'longestNameWords' | 'longestCjkName'> {
    return {
      names: this.names,
      cjkNames: this.cjkNames,
      longestNameWords: this.longestNameWords,
      longestCjkName: this.longestCjkName,
    };
  }
}

function push(map: Map<string, Reading[]>, key: string, reading: Reading): void {
  const readings = map.get(key);
  if (readings === undefined) map.set(key, [reading]);
  else if (!readings.some((known) => sameReading(known, reading))) readings.push(reading);
}

function sameReading(a: Reading, b: Reading): boolean {
  return a.kind === b.kind && a.country === b.country && a.subdivision === b.subdivision && a.city === b.city;
}
