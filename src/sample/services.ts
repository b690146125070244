// How people write about each catalogue service in the generated samples, and where it is used.
import { z } from 'zod';
import { loadTemplate } from './load.ts';
import type { Random } from './random.ts';
import { COUNTRIES } from './world.ts';

const SampleServiceSchema = z.object({
  id: z.string(),
  category: z.string(),
  /** Background complaints per hour in a big country at average activity. */
  rate: z.number().nonnegative(),
  names: z.array(z.string()).min(1),
  localNames: z.record(z.array(z.string())).optional(),
  handles: z.array(z.string()).min(1),
  tags: z.array(z.string()).min(1),
  /** Country -> usage 0..1; absent means used everywhere. */
  countries: z.record(z.number().nonnegative()).optional(),
  /** Usage in countries missing from `countries` (0 by default: a bank is used where it is listed). */
  usageElsewhere: z.number().nonnegative().optional(),
});
const CatalogueSchema = z.object({ services: z.array(SampleServiceSchema).min(1) });

export type SampleService = z.infer<typeof SampleServiceSchema>;

export const SAMPLE_SERVICES: readonly SampleService[] = loadTemplate('services.json', CatalogueSchema).services;

const byId = new Map(SAMPLE_SERVICES.map((service) => [service.id, service]));

export function sampleService(id: string): SampleService {
  const found = byId.get(id);
  if (!found) throw new Error(`sample services: unknown service id "${id}" (see src/sample/templates/services.json)`);
  return found;
}

/** How much `service` is used in `countryCode`, 0..1 (services without a country list count as used everywhere). */
export function usageIn(service: SampleService, countryCode: string): number {
  if (!service.countries) return 1;
  return service.countries[countryCode] ?? service.usageElsewhere ?? 0;
}

/** Countries where the service is used at all, most used first. */
export function countriesUsing(service: SampleService): string[] {
  return COUNTRIES.filter((entry) => usageIn(service, entry.code) > 0)
    .sort((a, b) => usageIn(service, b.code) * b.weight - usageIn(service, a.code) * a.weight)
    .map((entry) => entry.code);
}

/** A way to write the service's name: mostly the usual spelling, sometimes slang, lowercase or a misspelling. */
export function spellService(service: SampleService, lang: string, random: Random): string {
  const local = service.localNames?.[lang];
  if (local && random.chance(0.3)) return random.pick(local);
  if (random.chance(0.55)) return service.names[0];
  return random.pick(service.names);
}
