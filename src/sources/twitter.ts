// X (Twitter) API v2 through twitter-api-v2: recent search polling and the filtered stream.
import { Agent } from 'node:http';
import {
  ApiPartialResponseError,
  ApiResponseError,
  ETwitterStreamEvent,
  TwitterApi,
  type ITwitterApiClientPlugin,
  type TwitterApiReadOnly,
  type Tweetv2FieldsParams,
} from 'twitter-api-v2';
import type { Post } from '../model/types.ts';
import { errorMessage } from '../util/error-message.ts';
import { sleep, withTimeout } from '../util/timing.ts';
import { FatalSourceError, RateLimitError, reconnecting } from './backoff.ts';
import type { BackoffOptions } from '../util/backoff.ts';
import { Channel } from './channel.ts';
import { postsFromTwitterPayload } from './formats/twitter.ts';
import type { StreamRule } from './rules.ts';
import { emptyStats, mapPayload, reportMalformed, type Source, type SourceCallbacks, type SourceStats } from './source.ts';

export type TwitterClient = TwitterApiReadOnly['v2'];

export const TWITTER_API_BASE = 'https://api.x.com/2/';

/** What every request asks for: what `postsFromTwitterPayload` needs for time, language and region. */
export const TWEET_FIELDS: Partial<Tweetv2FieldsParams> = {
  'tweet.fields': ['created_at', 'lang', 'geo', 'author_id'],
  expansions: ['author_id', 'geo.place_id'],
  'user.fields': ['location'],
  'place.fields': ['country_code', 'full_name'],
};

export interface TwitterClientOptions {
  /** App-only bearer token (`TWITTER_BEARER_TOKEN`). */
  bearerToken: string;
  /** API v2 base URL. Default `https://api.x.com/2/`; `http://` is accepted for a local test server. */
  baseUrl?: string;
}

/**
 * A read-only v2 client. twitter-api-v2 has no base-URL setting (and its `cloneWithPrefix` throws
 * in 1.29), so a request-config plugin moves every URL under `baseUrl`.
 */
export function createTwitterClient({ bearerToken, baseUrl = TWITTER_API_BASE }: TwitterClientOptions): TwitterClient {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const plugins = base.href === TWITTER_API_BASE ? [] : [rebasePlugin(base)];
  // The library always calls https.request; an http.Agent makes it speak plain HTTP.
  const httpAgent = base.protocol === 'http:' ? new Agent() : undefined;
  return new TwitterApi(bearerToken, { plugins, ...(httpAgent ? { httpAgent } : {}) }).readOnly.v2;
}

function rebasePlugin(base: URL): ITwitterApiClientPlugin {
  const rebase = ({ params }: { params: { url: string } }): void => {
    const official = new URL(params.url);
    params.url = new URL(official.pathname.replace(/^\/2\//, '') + official.search, base).href;
  };
  return { onBeforeRequestConfig: rebase, onBeforeStreamRequestConfig: rebase };
}

/** Sorts an X API failure: 429 waits for `x-rate-limit-reset`, 400/401/403/404 stop the source, the rest retry. */
export function classifyTwitterError(error: unknown, what: string): unknown {
  if (!(error instanceof ApiResponseError)) return error;
  const detail = `${what}: HTTP ${error.code}${apiErrorDetail(error.data)}`;
  if (error.code === 429) {
    const reset = error.rateLimit?.reset ?? Number(error.headers?.['x-rate-limit-reset']);
    return new RateLimitError(detail, Number.isFinite(reset) && reset > 0 ? reset * 1000 : Date.now());
  }
  if (error.code === 401) return new FatalSourceError(`${detail} (check TWITTER_BEARER_TOKEN)`);
  if ([400, 403, 404].includes(error.code)) return new FatalSourceError(detail);
  return new Error(detail);
}

function apiErrorDetail(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const body = data as { title?: unknown; detail?: unknown; errors?: unknown };
  const first = Array.isArray(body.errors) ? (body.errors[0] as { message?: unknown; details?: unknown } | undefined) : undefined;
  const text = [body.title, body.detail, first?.message, Array.isArray(first?.details) ? first.details.join('; ') : undefined]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(': ');
  return text ? ` ${text}` : '';
}

function postsOf(payload: unknown, stats: SourceStats, callbacks: SourceCallbacks): Post[] {
  return mapPayload(payload, postsFromTwitterPayload, stats, callbacks);
}

export interface TwitterSearchOptions extends SourceCallbacks {
  client: TwitterClient;
  /** Recent-search queries, polled in turn (see `buildRules` for queries within 512 characters). */
  queries: string[];
  /** Pause between polls. Default 30_000 ms. */
  pollIntervalMs?: number;
  /** Page size, 10..100. Default 100. */
  maxResults?: number;
  /** Pages read by a query's first poll, which would otherwise page back through seven days. Default 5. Later polls read every page down to `since_id`. */
  firstPollPages?: number;
  backoff?: BackoffOptions;
}

interface SearchCursor {
  query: string;
  /** Newest tweet id already delivered: the next poll asks only for newer ones. */
  sinceId?: string;
  /** Page token within the current poll. */
  nextToken?: string;
  /** Newest id of the current poll (from its first page), committed to `sinceId` when the poll ends. */
  newestId?: string;
  pages: number;
}

/**
 * Polls `/2/tweets/search/recent` for each query, paging by `next_token` and resuming from the
 * newest id seen (`since_id`). A failed request is retried from the same page, so a post may come
 * twice (at-least-once; downstream dedupes by `source:id`) but none is skipped.
 */
export function createTwitterSearchSource(options: TwitterSearchOptions): Source {
  const stats = emptyStats();
  const cursors: SearchCursor[] = options.queries.map((query) => ({ query, pages: 0 }));
  if (cursors.length === 0) throw new FatalSourceError('twitter search: no query to poll');
  return {
    name: 'twitter-search',
    stats,
    posts: (signal) => reconnecting(() => pollSearch(options, cursors, stats, signal), { ...options, signal, stats }),
  };
}

async function* pollSearch(
  options: TwitterSearchOptions,
  cursors: SearchCursor[],
  stats: SourceStats,
  signal: AbortSignal | undefined,
): AsyncGenerator<Post> {
  const { client, pollIntervalMs = 30_000, maxResults = 100, firstPollPages = 5 } = options;
  let connected = false;
  while (!signal?.aborted) {
    for (const cursor of cursors) {
      do {
        const raw = await searchPage(client, cursor, maxResults, stats, options);
        // A page that is not JSON ends this query's poll; the next poll asks for it again.
        if (raw === NOT_JSON) break;
        if (!connected) {
          connected = true;
          options.onEvent?.({ type: 'connected', attempt: stats.reconnects });
        }
        yield* postsOf(raw, stats, options);
        advance(cursor, metaOf(raw), firstPollPages);
      } while (cursor.nextToken && !signal?.aborted);
    }
    await sleep(pollIntervalMs, signal);
  }
}

const NOT_JSON = Symbol('not JSON');

async function searchPage(
  client: TwitterClient,
  cursor: SearchCursor,
  maxResults: number,
  stats: SourceStats,
  callbacks: SourceCallbacks,
): Promise<unknown> {
  try {
    const page = await client.search({
      query: cursor.query,
      max_results: maxResults,
      ...(cursor.sinceId ? { since_id: cursor.sinceId } : {}),
      ...(cursor.nextToken ? { next_token: cursor.nextToken } : {}),
      ...TWEET_FIELDS,
    });
    return page.data;
  } catch (error) {
    if (error instanceof ApiPartialResponseError && error.responseError instanceof SyntaxError) {
      reportMalformed(stats, callbacks, `recent search page is not JSON: ${error.responseError.message}`, error.rawContent);
      return NOT_JSON;
    }
    throw classifyTwitterError(error, 'twitter recent search');
  }
}

function metaOf(page: unknown): { newestId?: string; nextToken?: string } {
  const meta = typeof page === 'object' && page !== null ? (page as { meta?: unknown }).meta : undefined;
  if (typeof meta !== 'object' || meta === null) return {};
  const { newest_id: newestId, next_token: nextToken } = meta as { newest_id?: unknown; next_token?: unknown };
  return {
    ...(typeof newestId === 'string' ? { newestId } : {}),
    ...(typeof nextToken === 'string' ? { nextToken } : {}),
  };
}

function advance(cursor: SearchCursor, meta: { newestId?: string; nextToken?: string }, firstPollPages: number): void {
  if (cursor.pages === 0) cursor.newestId = meta.newestId;
  cursor.pages += 1;
  const firstPollDone = cursor.sinceId === undefined && cursor.pages >= firstPollPages;
  if (meta.nextToken && !firstPollDone) {
    cursor.nextToken = meta.nextToken;
    return;
  }
  cursor.sinceId = cursor.newestId ?? cursor.sinceId;
  cursor.nextToken = undefined;
  cursor.newestId = undefined;
  cursor.pages = 0;
}

export interface TwitterStreamOptions extends SourceCallbacks {
  client: TwitterClient;
  /** Rules to install before the first connection; absent = use the rules already on the stream. */
  rules?: StreamRule[];
  /** Only rules whose tag starts with this are ever deleted. Default `outage-radar`. */
  tagPrefix?: string;
  /** Reconnect when nothing (not even a keep-alive newline) arrives for this long. Default 60_000 ms (X sends one every 20 s). */
  keepAliveTimeoutMs?: number;
  /** 1..5: on a reconnect, ask X to resend what matched in the last minutes (`backfill_minutes`; not every access level has it). */
  backfillMinutes?: number;
  backoff?: BackoffOptions;
}

export interface RuleSync {
  added: number;
  deleted: number;
  /** Problems the API reported for individual rules (invalid, duplicate). */
  problems: string[];
}

/** Makes the stream's rules tagged `tagPrefix` equal to `rules`: deletes the others, adds the missing ones. */
export async function syncStreamRules(client: TwitterClient, rules: StreamRule[], tagPrefix = 'outage-radar'): Promise<RuleSync> {
  const current = (await client.streamRules()).data ?? [];
  const wanted = new Set(rules.map((rule) => rule.value));
  const present = new Set(current.map((rule) => rule.value));
  const stale = current.filter((rule) => rule.tag?.startsWith(tagPrefix) && !wanted.has(rule.value)).map((rule) => rule.id);
  const missing = rules.filter((rule) => !present.has(rule.value));
  const problems: string[] = [];
  if (stale.length > 0) await client.updateStreamRules({ delete: { ids: stale } });
  if (missing.length > 0) {
    const result = await client.updateStreamRules({ add: missing });
    for (const error of result.errors ?? []) problems.push(ruleProblem(error));
  }
  return { added: missing.length - problems.length, deleted: stale.length, problems };
}

/** X reports a rejected rule as `{ title, value, detail }` or, for invalid rules, `{ title, value, details: [] }`. */
function ruleProblem(error: unknown): string {
  const { title, value, detail, details } = error as { title?: unknown; value?: unknown; detail?: unknown; details?: unknown };
  const why = Array.isArray(details) ? details.join('; ') : detail;
  return [title, value, why].filter((part) => typeof part === 'string' && part.length > 0).join(': ');
}

/**
 * The filtered stream `/2/tweets/search/stream`: installs the rules once, then reads tweets,
 * reconnecting with backoff when the connection drops or goes quiet, and waiting out 429s.
 */
export function createTwitterStreamSource(options: TwitterStreamOptions): Source {
  const stats = emptyStats();
  const state = { rulesSynced: options.rules === undefined };
  return {
    name: 'twitter-stream',
    stats,
    posts: (signal) => reconnecting((attempt) => streamSession(options, state, stats, attempt, signal), { ...options, signal, stats }),
  };
}

async function* streamSession(
  options: TwitterStreamOptions,
  state: { rulesSynced: boolean },
  stats: SourceStats,
  attempt: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Post> {
  const { client, keepAliveTimeoutMs = 60_000, onEvent } = options;
  if (!state.rulesSynced && options.rules) {
    const sync = await syncStreamRules(client, options.rules, options.tagPrefix).catch((error: unknown) => {
      throw classifyTwitterError(error, 'twitter stream rules');
    });
    state.rulesSynced = true;
    onEvent?.({ type: 'notice', message: `stream rules: ${sync.added} added, ${sync.deleted} deleted` });
    for (const problem of sync.problems) onEvent?.({ type: 'notice', message: `stream rule rejected: ${problem}` });
  }
  const backfill = attempt > 0 && options.backfillMinutes ? { backfill_minutes: options.backfillMinutes } : {};
  const stream = client.searchStream({ ...TWEET_FIELDS, ...backfill, autoConnect: false });
  const payloads = new Channel<unknown>();
  stream.on(ETwitterStreamEvent.Data, (payload: unknown) => payloads.push(payload));
  stream.on(ETwitterStreamEvent.TweetParseError, (error: unknown) => reportMalformed(stats, options, `stream line is not JSON: ${errorMessage(error)}`, undefined));
  // `{"errors":[...]}` without data: X announcing a problem (e.g. operational-disconnect) before it closes.
  stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => onEvent?.({ type: 'notice', message: `stream error payload: ${JSON.stringify(payload)}` }));
  stream.on(ETwitterStreamEvent.ConnectionError, (error: unknown) => payloads.fail(error));
  stream.on(ETwitterStreamEvent.ConnectionLost, () => payloads.fail(new Error(`no data or keep-alive for ${keepAliveTimeoutMs} ms`)));
  stream.on(ETwitterStreamEvent.ConnectionClosed, () => payloads.end());
  const stop = (): void => stream.close();
  signal?.addEventListener('abort', stop, { once: true });
  const connecting = stream.connect({ autoReconnect: false, keepAliveTimeout: keepAliveTimeoutMs });
  try {
    await withTimeout(connecting, keepAliveTimeoutMs, `no response to the stream request within ${keepAliveTimeoutMs} ms`, signal).catch((error: unknown) => {
      throw classifyTwitterError(error, 'twitter filtered stream');
    });
    onEvent?.({ type: 'connected', attempt });
    for await (const payload of payloads) yield* postsOf(payload, stats, options);
  } finally {
    signal?.removeEventListener('abort', stop);
    stream.destroy();
    // twitter-api-v2 cannot cancel a pending stream request: close it as soon as it is answered.
    connecting.then(() => stream.destroy(), () => undefined);
  }
}
