// The countries of the generated samples: offsets, posting volume, languages, cities, daily rhythm.
import { z } from 'zod';
import { loadTemplate } from './load.ts';
import { WeightedTable } from './random.ts';

const CitySchema = z.object({ name: z.string(), lat: z.number(), lon: z.number(), place: z.string().optional() });
const CountrySchema = z.object({
  code: z.string().length(2),
  name: z.string(),
  offset: z.number(),
  weight: z.number().positive(),
  langs: z.record(z.number().positive()),
  cities: z.array(CitySchema).min(1),
  locations: z.array(z.string()).min(1),
});
const WorldSchema = z.object({
  nonsenseLocations: z.array(z.string()).min(1),
  countries: z.array(CountrySchema).min(1),
  activityByLocalHour: z.array(z.number().nonnegative()).length(24),
});

export type City = z.infer<typeof CitySchema>;

export interface Country extends z.infer<typeof CountrySchema> {
  languages: WeightedTable<string>;
}

const world = loadTemplate('world.json', WorldSchema);

export const COUNTRIES: readonly Country[] = world.countries.map((country) => ({
  ...country,
  languages: WeightedTable.fromRecord(country.langs),
}));
export const NONSENSE_LOCATIONS: readonly string[] = world.nonsenseLocations;

const byCode = new Map(COUNTRIES.map((country) => [country.code, country]));

export function country(code: string): Country {
  const found = byCode.get(code);
  if (!found) throw new Error(`sample world: unknown country ${code} (known: ${[...byCode.keys()].join(', ')})`);
  return found;
}

/** Relative posting activity (mean about 1) at the local time of `country` for an epoch-ms instant. */
export function activityAt(entry: Country, epochMs: number): number {
  const localHours = epochMs / 3_600_000 + entry.offset;
  const hour = ((Math.floor(localHours) % 24) + 24) % 24;
  return world.activityByLocalHour[hour];
}

/** The place name Twitter would show for a city ("Rotterdam, The Netherlands"). */
export function placeName(entry: Country, city: City): string {
  return city.place ?? `${city.name}, ${entry.name}`;
}

/**
 * Draw tables over `items` whose weights follow the hour of day (local activity), built once per UTC
 * hour of day: weights are read at the first minute asked for in that hour.
 */
export function hourlyTables<T>(items: readonly T[], weightAt: (item: T, minuteStart: number) => number): (minuteStart: number) => WeightedTable<T> {
  const byHour = new Map<number, WeightedTable<T>>();
  return (minuteStart) => {
    const hour = Math.floor(minuteStart / 3_600_000) % 24;
    let table = byHour.get(hour);
    if (!table) {
      table = new WeightedTable(items, items.map((item) => weightAt(item, minuteStart)));
      byHour.set(hour, table);
    }
    return table;
  };
}
