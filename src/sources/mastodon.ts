// Mastodon streaming API over server-sent events: public or hashtag timeline of one instance.
import type { Post } from '../model/types.ts';
import { FatalSourceError, RateLimitError, reconnecting, watchdog } from './backoff.ts';
import type { BackoffOptions } from '../util/backoff.ts';
import { postFromMastodonStatus } from './formats/mastodon.ts';
import { emptyStats, mapPayload, type Source, type SourceCallbacks, type SourceStats } from './source.ts';

export type MastodonTimeline = { kind: 'public'; local?: boolean } | { kind: 'hashtag'; tag: string; local?: boolean };

export interface MastodonOptions extends SourceCallbacks {
  /** Instance base URL (`MASTODON_URL`), e.g. `https://mastodon.social`. */
  instanceUrl: string;
  /** Access token (`MASTODON_TOKEN`); many instances require one even for public timelines. */
  accessToken?: string;
  /** Default: the federated public timeline. */
  timeline?: MastodonTimeline;
  /** Mastodon sends a `:thump` heartbeat every 15 s; this much silence means a dead connection. Default 60_000 ms. */
  idleTimeoutMs?: number;
  /**
   * Pages of 40 statuses fetched from the REST timeline after a reconnect, for what was posted while
   * disconnected (the streaming API cannot resume). Default 10; 0 accepts the gap.
   */
  catchUpPages?: number;
  backoff?: BackoffOptions;
}

/** Ids of what the source has seen, instance-local and increasing: where a catch-up starts. */
interface MastodonState {
  newestId?: string;
}

const CATCH_UP_PAGE_SIZE = 40;

/** `/api/v1/streaming/public[/local]` or `/api/v1/streaming/hashtag[/local]?tag=`. */
export function streamingUrl(instanceUrl: string, timeline: MastodonTimeline = { kind: 'public' }): URL {
  const base = instanceUrl.endsWith('/') ? instanceUrl : `${instanceUrl}/`;
  const url = new URL(`api/v1/streaming/${timeline.kind}${timeline.local ? '/local' : ''}`, base);
  if (timeline.kind === 'hashtag') url.searchParams.set('tag', timeline.tag.replace(/^#/, ''));
  return url;
}

/** `/api/v1/timelines/public[?local=true]` or `/api/v1/timelines/tag/<tag>`: the REST twin of a stream. */
export function timelineUrl(instanceUrl: string, timeline: MastodonTimeline = { kind: 'public' }): URL {
  const base = instanceUrl.endsWith('/') ? instanceUrl : `${instanceUrl}/`;
  const path = timeline.kind === 'hashtag' ? `api/v1/timelines/tag/${encodeURIComponent(timeline.tag.replace(/^#/, ''))}` : 'api/v1/timelines/public';
  const url = new URL(path, base);
  if (timeline.local) url.searchParams.set('local', 'true');
  return url;
}

/**
 * Status updates of one timeline, reconnecting with backoff; `update` events become posts, other
 * events are ignored. After a reconnect, what was posted meanwhile is fetched from the REST timeline.
 */
export function createMastodonSource(options: MastodonOptions): Source {
  const stats = emptyStats();
  const url = streamingUrl(options.instanceUrl, options.timeline);
  const timeline = options.timeline ?? { kind: 'public' };
  const state: MastodonState = {};
  return {
    name: `mastodon:${url.host}/${timeline.kind === 'hashtag' ? `#${timeline.tag.replace(/^#/, '')}` : 'public'}`,
    stats,
    posts: (signal) => reconnecting((attempt) => mastodonSession(options, url, state, stats, attempt, signal), { ...options, signal, stats }),
  };
}

async function* mastodonSession(
  options: MastodonOptions,
  url: URL,
  state: MastodonState,
  stats: SourceStats,
  attempt: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Post> {
  const { idleTimeoutMs = 60_000, catchUpPages = 10 } = options;
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('aborted'));
  signal?.addEventListener('abort', stop, { once: true });
  const idle = watchdog(idleTimeoutMs, () => controller.abort(new Error(`no event or heartbeat for ${idleTimeoutMs} ms`)));
  try {
    idle.touch();
    const response = await fetch(url, { headers: requestHeaders(options, 'text/event-stream'), signal: controller.signal });
    if (!response.ok) throw await httpError(response, url);
    if (!response.body) throw new Error(`${url.href}: response has no body`);
    options.onEvent?.({ type: 'connected', attempt });
    // Connected first, then caught up: the stream buffers meanwhile, so nothing falls in between.
    if (state.newestId !== undefined && catchUpPages > 0) {
      for await (const status of missedStatuses(options, state.newestId, catchUpPages, controller.signal)) {
        idle.touch();
        yield* mapPayload(status, (raw) => statusPosts(raw, state), stats, options);
      }
    }
    for await (const event of serverSentEvents(response.body, idle.touch)) {
      if (event.event !== 'update') continue;
      yield* mapPayload(event.data, (raw) => statusPosts(JSON.parse(String(raw)), state), stats, options);
    }
  } finally {
    idle.stop();
    signal?.removeEventListener('abort', stop);
    controller.abort();
  }
}

function requestHeaders(options: MastodonOptions, accept: string): Record<string, string> {
  return { accept, ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}) };
}

function statusPosts(status: unknown, state: MastodonState): Post[] {
  const id = statusId(status);
  if (id !== undefined && isNewerId(id, state.newestId)) state.newestId = id;
  return [postFromMastodonStatus(status)];
}

function statusId(status: unknown): string | undefined {
  const id = typeof status === 'object' && status !== null ? (status as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Mastodon ids are decimal strings that grow with time (snowflakes); longer means larger. */
function isNewerId(id: string, than: string | undefined): boolean {
  return than === undefined || id.length > than.length || (id.length === than.length && id > than);
}

/** Statuses after `sinceId` from the REST timeline, oldest first, at most `pages` pages. */
async function* missedStatuses(options: MastodonOptions, sinceId: string, pages: number, signal: AbortSignal): AsyncGenerator<unknown> {
  let minId = sinceId;
  for (let page = 0; page < pages; page += 1) {
    const url = timelineUrl(options.instanceUrl, options.timeline);
    url.searchParams.set('min_id', minId);
    url.searchParams.set('limit', String(CATCH_UP_PAGE_SIZE));
    const response = await fetch(url, { headers: requestHeaders(options, 'application/json'), signal });
    if (!response.ok) throw await httpError(response, url);
    const statuses: unknown = await response.json();
    if (!Array.isArray(statuses)) throw new Error(`${url.href}: expected an array of statuses`);
    // Newest first on the wire; oldest first here, so the caught-up posts come in event order.
    yield* [...statuses].reverse();
    const newest = statuses.map(statusId).reduce<string | undefined>((best, id) => (id !== undefined && isNewerId(id, best) ? id : best), undefined);
    if (statuses.length < CATCH_UP_PAGE_SIZE || newest === undefined) return;
    minId = newest;
  }
}

/** 429 waits for `X-RateLimit-Reset` (an ISO time) or `Retry-After`; 401/403/404/410 stop the source; the rest retry. */
async function httpError(response: Response, url: URL): Promise<Error> {
  const body = (await response.text().catch(() => '')).slice(0, 200);
  const detail = `${url.href}: HTTP ${response.status}${body ? ` ${body}` : ''}`;
  if (response.status === 429) return new RateLimitError(detail, resetTime(response.headers));
  if (response.status === 401) return new FatalSourceError(`${detail} (check MASTODON_TOKEN)`);
  if (response.status === 403) return new FatalSourceError(`${detail} (this instance may need MASTODON_TOKEN for its public timelines)`);
  if (response.status === 404 || response.status === 410) return new FatalSourceError(`${detail} (check MASTODON_URL)`);
  return new Error(detail);
}

function resetTime(headers: Headers): number {
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  if (Number.isFinite(reset)) return reset;
  const retryAfter = Number(headers.get('retry-after'));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? Date.now() + retryAfter * 1000 : Date.now();
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** The events of a `text/event-stream` body; comments (Mastodon's `:thump` heartbeats) only count as activity. */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>, onActivity: () => void): AsyncGenerator<ServerSentEvent> {
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    onActivity();
    buffer += decoder.decode(bytes, { stream: true });
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length > 0) yield { event, data: data.join('\n') };
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  }
}
