// The service catalogue (data/services.json): which services exist and how posts name them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const CATALOGUE_FILE = fileURLToPath(new URL('../../data/services.json', import.meta.url));

export const SERVICE_CATEGORIES = [
  'social', 'messaging', 'cloud', 'cdn', 'payments', 'bank', 'game', 'isp', 'telco', 'streaming', 'email',
  'productivity', 'search', 'devtools', 'transport', 'retail', 'ai', 'government', 'connectivity',
] as const;

const text = z.string().min(1);
const hostName = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a host name');

export const ServiceInfoSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-"'),
  name: text,
  category: z.enum(SERVICE_CATEGORIES),
  /**
   * A generic name of what broke ("no internet", "kein Netz"), not a service: it is given to a post only when
   * the post names no service, so complaints that name none still count toward a regional connectivity signal.
   */
  generic: z.boolean().optional(),
  /** ISO 3166-1 alpha-2 countries where the service operates, when it is regional. */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  /** Names that mean the service wherever they appear. */
  aliases: z.array(text),
  /** Names that mean the service only with context (Apple, Signal, Orange, Line, Play...). */
  ambiguousAliases: z.array(text).optional(),
  handles: z.array(z.string().regex(/^@[\w.]+$/, 'starts with @')),
  hashtags: z.array(z.string().regex(/^#\S+$/, 'starts with #')),
  domains: z.array(hostName),
  /**
   * Phrases where an ambiguous alias has another sense ("apple pie", "no signal"): they veto it. For a generic
   * entry they veto it anywhere in the post ("thought it was my wifi but...", "on the internet").
   */
  otherSenses: z.array(text).optional(),
  /** Words that confirm the service sense of an ambiguous alias ("app", "network", "fibre"). */
  contexts: z.array(text).optional(),
}).strict();

export type ServiceInfo = z.infer<typeof ServiceInfoSchema>;

const CatalogueSchema = z.object({
  version: z.literal(1),
  /** Hosts whose links carry anything (link shorteners, a platform's media hosts): a link to one names no service. */
  linkHosts: z.array(hostName).optional(),
  services: z.array(ServiceInfoSchema).min(1),
}).strict();

export interface Catalogue {
  services: ServiceInfo[];
  /** Hosts that name no service (CatalogueSchema.linkHosts). */
  linkHosts: readonly string[];
  byId(id: string): ServiceInfo | undefined;
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Parses and validates a catalogue document; errors name the file, the service and the field. */
export function parseCatalogue(json: unknown, file = CATALOGUE_FILE): Catalogue {
  const parsed = CatalogueSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const service = path[0] === 'services' && typeof path[1] === 'number'
      ? ` (service ${JSON.stringify((json as { services: Array<{ id?: unknown }> }).services[path[1]]?.id)})`
      : '';
    throw new CatalogueError(`${file}${service}: ${path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const byId = new Map<string, ServiceInfo>();
  for (const service of parsed.data.services) {
    if (byId.has(service.id)) throw new CatalogueError(`${file}: service id "${service.id}" appears twice`);
    byId.set(service.id, service);
  }
  return { services: parsed.data.services, linkHosts: parsed.data.linkHosts ?? [], byId: (id) => byId.get(id) };
}

let cached: Catalogue | undefined;

/** The catalogue shipped in data/services.json (read and validated once). */
export function loadCatalogue(): Catalogue {
  if (cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8'));
  } catch (error) {
    throw new CatalogueError(`${CATALOGUE_FILE}: cannot read (${(error as Error).message})`);
  }
  cached = parseCatalogue(json);
  return cached;
}
