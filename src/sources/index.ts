// The sources a deployment runs, chosen by environment variables (see docs/sources.md).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackoffOptions } from './backoff.ts';
import { createJetstreamSource } from './bluesky.ts';
import { createMastodonSource } from './mastodon.ts';
import { createReplaySource, type ReplayTimestamps } from './replay.ts';
import { buildRules, loadRuleVocabulary } from './rules.ts';
import type { Source, SourceCallbacks } from './source.ts';
import { createTwitterClient, createTwitterSearchSource, createTwitterStreamSource } from './twitter.ts';

export type { Source, SourceCallbacks, SourceEvent, SourceStats } from './source.ts';
export { FatalSourceError, RateLimitError, type BackoffOptions } from './backoff.ts';

export interface SourcesFromEnvOptions extends SourceCallbacks {
  /** Where `services.json` and `lexicon/` live. Default: the repository's `data/`. */
  dataDir?: string;
  backoff?: BackoffOptions;
}

type Env = Record<string, string | undefined>;

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * One source per configured service: Twitter/X with `TWITTER_BEARER_TOKEN`, Mastodon with
 * `MASTODON_URL`, Bluesky with `JETSTREAM_URL`, archive replay with `REPLAY_PATHS`. Nothing
 * configured gives an empty list. A malformed setting throws an error naming the variable.
 */
export function createSourcesFromEnv(env: Env = process.env, options: SourcesFromEnvOptions = {}): Source[] {
  const { dataDir = DEFAULT_DATA_DIR, ...shared } = options;
  return [...twitterSources(env, dataDir, shared), ...mastodonSources(env, shared), ...blueskySources(env, shared), ...replaySources(env, shared)];
}

type Shared = Omit<SourcesFromEnvOptions, 'dataDir'>;

function twitterSources(env: Env, dataDir: string, shared: Shared): Source[] {
  const bearerToken = setting(env, 'TWITTER_BEARER_TOKEN');
  if (!bearerToken) return [];
  const mode = oneOf(env, 'TWITTER_MODE', ['search', 'stream', 'both'] as const, 'search');
  const client = createTwitterClient({ bearerToken, ...(setting(env, 'TWITTER_API_URL') ? { baseUrl: setting(env, 'TWITTER_API_URL') } : {}) });
  const query = setting(env, 'TWITTER_QUERY');
  const rules = query
    ? [{ value: query, tag: 'outage-radar:query' }]
    : buildRules(loadRuleVocabulary(dataDir), {
        maxLength: positiveNumber(env, 'TWITTER_RULE_LENGTH', 512),
        maxRules: positiveNumber(env, 'TWITTER_MAX_RULES', 25),
      }).rules;
  if (rules.length === 0) throw new Error(`TWITTER_BEARER_TOKEN is set but no query could be built: set TWITTER_QUERY or add services to ${join(dataDir, 'services.json')}`);
  const sources: Source[] = [];
  if (mode !== 'stream') {
    sources.push(createTwitterSearchSource({ ...shared, client, queries: rules.map((rule) => rule.value), pollIntervalMs: positiveNumber(env, 'TWITTER_POLL_SECONDS', 30) * 1000 }));
  }
  if (mode !== 'search') {
    const backfill = setting(env, 'TWITTER_BACKFILL_MINUTES');
    sources.push(createTwitterStreamSource({ ...shared, client, rules, ...(backfill ? { backfillMinutes: positiveNumber(env, 'TWITTER_BACKFILL_MINUTES', 1) } : {}) }));
  }
  return sources;
}

function mastodonSources(env: Env, shared: Shared): Source[] {
  const instanceUrl = setting(env, 'MASTODON_URL');
  if (!instanceUrl) return [];
  const accessToken = setting(env, 'MASTODON_TOKEN');
  const local = flag(env, 'MASTODON_LOCAL');
  const tags = list(env, 'MASTODON_HASHTAGS');
  const timelines = tags.length > 0 ? tags.map((tag) => ({ kind: 'hashtag' as const, tag, local })) : [{ kind: 'public' as const, local }];
  return timelines.map((timeline) => createMastodonSource({ ...shared, instanceUrl, timeline, ...(accessToken ? { accessToken } : {}) }));
}

function blueskySources(env: Env, shared: Shared): Source[] {
  const url = setting(env, 'JETSTREAM_URL');
  if (!url) return [];
  const cursor = setting(env, 'JETSTREAM_CURSOR');
  return [createJetstreamSource({ ...shared, url, ...(cursor ? { cursor: positiveNumber(env, 'JETSTREAM_CURSOR', 0) } : {}) })];
}

function replaySources(env: Env, shared: Shared): Source[] {
  const paths = list(env, 'REPLAY_PATHS');
  if (paths.length === 0) return [];
  const speedSetting = setting(env, 'REPLAY_SPEED');
  const speed = speedSetting === undefined || speedSetting === 'max' ? Infinity : positiveNumber(env, 'REPLAY_SPEED', 1);
  const timestamps: ReplayTimestamps = oneOf(env, 'REPLAY_TIMESTAMPS', ['original', 'shift', 'wallclock'] as const, 'original');
  return [createReplaySource({ ...shared, paths, speed, timestamps })];
}

function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function list(env: Env, name: string): string[] {
  return (setting(env, name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function flag(env: Env, name: string): boolean {
  return ['1', 'true', 'yes'].includes((setting(env, name) ?? '').toLowerCase());
}

function positiveNumber(env: Env, name: string, fallback: number): number {
  const value = setting(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return number;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = setting(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
