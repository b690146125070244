// The sources a deployment runs, chosen by environment variables (see docs/sources.md).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackoffOptions } from '../util/backoff.ts';
import { createJetstreamSource } from './bluesky.ts';
import { createMastodonSource } from './mastodon.ts';
import { createReplaySource } from './replay.ts';
import { buildRules, loadRuleVocabulary } from './rules.ts';
import type { Source, SourceCallbacks } from './source.ts';
import { createTwitterClient, createTwitterSearchSource, createTwitterStreamSource } from './twitter.ts';
import { EnvError, readSourceEnv, type SourceEnv } from '../config/env-schema.ts';

export type { Source, SourceCallbacks, SourceEvent, SourceStats } from './source.ts';
export { FatalSourceError, RateLimitError } from './backoff.ts';
export type { BackoffOptions } from '../util/backoff.ts';

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
 * configured gives an empty list. A malformed setting throws an EnvError naming the variable and its
 * rule (the sources' settings are in config/env-schema.ts).
 */
export function createSourcesFromEnv(env: Env = process.env, options: SourcesFromEnvOptions = {}): Source[] {
  const { dataDir = DEFAULT_DATA_DIR, ...shared } = options;
  const settings = readSourceEnv(env);
  return [...twitterSources(settings, dataDir, shared), ...mastodonSources(settings, shared), ...blueskySources(settings, shared), ...replaySources(settings, shared)];
}

type Shared = Omit<SourcesFromEnvOptions, 'dataDir'>;

function twitterSources(settings: SourceEnv, dataDir: string, shared: Shared): Source[] {
  const { TWITTER_BEARER_TOKEN: bearerToken, TWITTER_MODE: mode, TWITTER_API_URL: baseUrl, TWITTER_QUERY: query } = settings;
  if (!bearerToken) return [];
  const client = createTwitterClient({ bearerToken, ...(baseUrl ? { baseUrl } : {}) });
  const rules = query
    ? [{ value: query, tag: 'outage-radar:query' }]
    : buildRules(loadRuleVocabulary(dataDir), { maxLength: settings.TWITTER_RULE_LENGTH, maxRules: settings.TWITTER_MAX_RULES }).rules;
  if (rules.length === 0) throw new EnvError(`TWITTER_BEARER_TOKEN is set but no query could be built: set TWITTER_QUERY or add services to ${join(dataDir, 'services.json')}`);
  const sources: Source[] = [];
  if (mode !== 'stream') {
    sources.push(createTwitterSearchSource({ ...shared, client, queries: rules.map((rule) => rule.value), pollIntervalMs: settings.TWITTER_POLL_SECONDS * 1000 }));
  }
  if (mode !== 'search') {
    const backfillMinutes = settings.TWITTER_BACKFILL_MINUTES;
    sources.push(createTwitterStreamSource({ ...shared, client, rules, ...(backfillMinutes ? { backfillMinutes } : {}) }));
  }
  return sources;
}

function mastodonSources(settings: SourceEnv, shared: Shared): Source[] {
  const { MASTODON_URL: instanceUrl, MASTODON_TOKEN: accessToken, MASTODON_LOCAL: local, MASTODON_HASHTAGS: tags } = settings;
  if (!instanceUrl) return [];
  const timelines = tags.length > 0 ? tags.map((tag) => ({ kind: 'hashtag' as const, tag, local })) : [{ kind: 'public' as const, local }];
  return timelines.map((timeline) => createMastodonSource({ ...shared, instanceUrl, timeline, ...(accessToken ? { accessToken } : {}) }));
}

function blueskySources(settings: SourceEnv, shared: Shared): Source[] {
  const { JETSTREAM_URL: url, JETSTREAM_CURSOR: cursor } = settings;
  if (!url) return [];
  return [createJetstreamSource({ ...shared, url, ...(cursor ? { cursor } : {}) })];
}

function replaySources(settings: SourceEnv, shared: Shared): Source[] {
  const { REPLAY_PATHS: paths, REPLAY_SPEED: speed, REPLAY_TIMESTAMPS: timestamps } = settings;
  if (paths.length === 0) return [];
  return [createReplaySource({ ...shared, paths, speed, timestamps })];
}
