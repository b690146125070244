// Filtered-stream rules and recent-search queries built from the service catalogue and the lexicons.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../util/error-message.ts';

/** One X API v2 filtered-stream rule; the tag marks the rules this project owns. */
export interface StreamRule {
  value: string;
  tag: string;
}

/** The words rules are made of: service names, aliases, handles, hashtags; outage words of every language. */
export interface RuleVocabulary {
  serviceTerms: string[];
  outageWords: string[];
}

export interface RuleOptions {
  /** Longest rule or query. Default 512 (X API v2 filtered stream and recent search, basic/pro access). */
  maxLength?: number;
  /** Most rules the access level allows. Default 25 (basic access). */
  maxRules?: number;
  /** Appended to every rule. Default `-is:retweet`: a retweet is not a new report. */
  suffix?: string;
  /** Tag prefix; `syncStreamRules` only ever deletes rules carrying it. Default `outage-radar`. */
  tagPrefix?: string;
}

export interface RuleSet {
  rules: StreamRule[];
  /** True when every rule also requires an outage word; false when that would need more than `maxRules`. */
  requiresOutageWord: boolean;
  /** What was left out: terms longer than a whole rule, and rules beyond `maxRules`. */
  omitted: string[];
}

/**
 * Rules of the form `(service terms) (outage words) -is:retweet`, each within `maxLength`.
 * The split of a rule between service terms and outage words is chosen to need the fewest rules;
 * when even the best split needs more than `maxRules`, rules match service terms alone and the
 * classifier does the narrowing.
 */
export function buildRules(vocabulary: RuleVocabulary, options: RuleOptions = {}): RuleSet {
  const { maxLength = 512, maxRules = 25, suffix = '-is:retweet', tagPrefix = 'outage-radar' } = options;
  const terms = uniqueTerms(vocabulary.serviceTerms);
  const words = uniqueTerms(vocabulary.outageWords);
  const room = maxLength - (suffix ? suffix.length + 1 : 0);
  const serviceOnly = packGroups(terms, room);
  let best = { values: serviceOnly.groups, omitted: serviceOnly.omitted, requiresOutageWord: false };
  if (words.length > 0) {
    for (let share = 0.2; share <= 0.8; share += 0.1) {
      const wordRoom = Math.floor(room * share);
      const wordGroups = packGroups(words, wordRoom);
      const termGroups = packGroups(terms, room - wordRoom - 1);
      const count = wordGroups.groups.length * termGroups.groups.length;
      const bestCount = best.requiresOutageWord ? best.values.length : Infinity;
      if (count > 0 && count <= maxRules && count < bestCount) {
        best = {
          values: termGroups.groups.flatMap((termGroup) => wordGroups.groups.map((wordGroup) => `${termGroup} ${wordGroup}`)),
          omitted: [...termGroups.omitted, ...wordGroups.omitted],
          requiresOutageWord: true,
        };
      }
    }
  }
  const kept = best.values.slice(0, maxRules);
  const omitted = [...best.omitted, ...best.values.slice(maxRules)];
  return {
    rules: kept.map((value, index) => ({ value: suffix ? `${value} ${suffix}` : value, tag: `${tagPrefix}:${index + 1}` })),
    requiresOutageWord: best.requiresOutageWord,
    omitted,
  };
}

/** A term as the X query language needs it: handles and hashtags as they are, phrases and punctuation quoted. */
export function formatTerm(term: string): string | undefined {
  const cleaned = term.replace(/["\s]+/g, ' ').trim();
  if (!cleaned) return undefined;
  if (/^[@#][\p{L}\p{N}_]+$/u.test(cleaned)) return cleaned;
  if (/^[\p{L}\p{N}\p{M}_]+$/u.test(cleaned)) return cleaned;
  return `"${cleaned}"`;
}

function uniqueTerms(raw: string[]): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of raw) {
    const formatted = formatTerm(term);
    if (!formatted || seen.has(formatted.toLowerCase())) continue;
    seen.add(formatted.toLowerCase());
    terms.push(formatted);
  }
  return terms;
}

/** Greedy packing of terms into `(a OR b OR ...)` groups no longer than `room`. */
function packGroups(terms: string[], room: number): { groups: string[]; omitted: string[] } {
  const groups: string[] = [];
  const omitted: string[] = [];
  let current: string[] = [];
  const render = (items: string[]): string => (items.length === 1 ? items[0] : `(${items.join(' OR ')})`);
  for (const term of terms) {
    if (render([term]).length > room) {
      omitted.push(term);
      continue;
    }
    if (current.length > 0 && render([...current, term]).length > room) {
      groups.push(render(current));
      current = [];
    }
    current.push(term);
  }
  if (current.length > 0) groups.push(render(current));
  return { groups, omitted };
}

/**
 * Reads `services.json` (`services[].name/aliases/handles/hashtags`, generic entries left out) and `lexicon/<lang>.json`
 * (outage words) under `dataDir`. Only those fields are read, and missing ones are skipped, so the
 * files can grow without breaking rule building.
 */
export function loadRuleVocabulary(dataDir: string): RuleVocabulary {
  return { serviceTerms: readServiceTerms(join(dataDir, 'services.json')), outageWords: readOutageWords(join(dataDir, 'lexicon')) };
}

function readServiceTerms(file: string): string[] {
  const catalogue = readJson(file);
  const services = Array.isArray(catalogue) ? catalogue : isRecord(catalogue) ? catalogue.services : undefined;
  if (!Array.isArray(services)) throw new Error(`${file}: expected an array of services or { "services": [...] }`);
  // Generic entries (internet, mobile network) are words of half the posts on X: as rule terms they would
  // fill the access level's rules with noise. Posts that name what broke still arrive with outage words.
  return services.filter(isRecord).filter((service) => service.generic !== true).flatMap((service) => [
    ...strings(service.name),
    ...strings(service.aliases),
    ...strings(service.handles),
    ...strings(service.hashtags),
  ]);
}

/** Outage words: `outage`/`outageWords` as a list of strings or `{ term | word | phrase }` entries. */
function readOutageWords(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.flatMap((name) => {
    const lexicon = readJson(join(dir, name));
    if (!isRecord(lexicon)) return [];
    return strings(lexicon.outage ?? lexicon.outageWords);
  });
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    if (!isRecord(entry)) return [];
    const text = entry.term ?? entry.word ?? entry.phrase;
    return typeof text === 'string' ? [text] : [];
  });
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${errorMessage(error)})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
