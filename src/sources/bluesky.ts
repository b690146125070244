// Bluesky through Jetstream: JSON events over a WebSocket, resumed with `cursor` = last `time_us`.
import WebSocket from 'ws';
import type { Post } from '../model/types.ts';
import { FatalSourceError, RateLimitError, reconnecting, watchdog } from './backoff.ts';
import type { BackoffOptions } from '../util/backoff.ts';
import { Channel } from './channel.ts';
import { postFromJetstreamEvent } from './formats/bluesky.ts';
import { emptyStats, mapPayload, type Source, type SourceCallbacks, type SourceStats } from './source.ts';

export const JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';

/** Queued messages at which the socket stops being read, and at which reading resumes. */
const PAUSE_AT = 5_000;
const RESUME_AT = 500;

export interface JetstreamOptions extends SourceCallbacks {
  /** Jetstream `subscribe` endpoint (`JETSTREAM_URL`). Default: Bluesky's public instance us-east 2. */
  url?: string;
  /** Collections to receive. Default `app.bsky.feed.post`. */
  wantedCollections?: string[];
  /** Unix microseconds to start from (a previous run's last `time_us`); default: live. */
  cursor?: number;
  /** Silence this long means a dead connection (Jetstream is never quiet for long). Default 60_000 ms. */
  idleTimeoutMs?: number;
  backoff?: BackoffOptions;
}

export interface JetstreamSource extends Source {
  /** `time_us` of the last event received: where a reconnect (or the next run) resumes. */
  readonly cursor: number | undefined;
}

/** Posts from Jetstream; a reconnect asks for events from the last `time_us` seen, so none are lost. */
export function createJetstreamSource(options: JetstreamOptions): JetstreamSource {
  const stats = emptyStats();
  const state = { cursor: options.cursor };
  return {
    name: `bluesky:${new URL(options.url ?? JETSTREAM_URL).host}`,
    stats,
    get cursor() {
      return state.cursor;
    },
    posts: (signal) => reconnecting((attempt) => jetstreamSession(options, state, stats, attempt, signal), { ...options, signal, stats }),
  };
}

export function subscribeUrl(base: string, wantedCollections: string[], cursor: number | undefined): URL {
  const url = new URL(base);
  url.searchParams.delete('wantedCollections');
  for (const collection of wantedCollections) url.searchParams.append('wantedCollections', collection);
  if (cursor !== undefined) url.searchParams.set('cursor', String(cursor));
  return url;
}

async function* jetstreamSession(
  options: JetstreamOptions,
  state: { cursor: number | undefined },
  stats: SourceStats,
  attempt: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Post> {
  const { idleTimeoutMs = 60_000, wantedCollections = ['app.bsky.feed.post'] } = options;
  const url = subscribeUrl(options.url ?? JETSTREAM_URL, wantedCollections, state.cursor);
  const messages = new Channel<string>();
  const socket = new WebSocket(url);
  const idle = watchdog(idleTimeoutMs, () => {
    messages.fail(new Error(`no event for ${idleTimeoutMs} ms`));
    socket.terminate();
  });
  socket.on('open', () => {
    idle.touch();
    options.onEvent?.({ type: 'connected', attempt });
  });
  socket.on('message', (data) => {
    idle.touch();
    messages.push(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    // A consumer slower than the firehose: stop reading the socket rather than queue without bound.
    if (messages.size >= PAUSE_AT && !socket.isPaused) socket.pause();
  });
  socket.on('ping', idle.touch);
  socket.on('unexpected-response', (_request, response) => {
    messages.fail(upgradeError(response.statusCode ?? 0, response.headers['retry-after'], url));
    response.resume();
    socket.terminate();
  });
  socket.on('error', (error) => messages.fail(error));
  socket.on('close', (code, reason) => messages.fail(new Error(`closed by the server (${code}${reason.length ? ` ${reason.toString()}` : ''})`)));
  const stop = (): void => {
    messages.end();
    socket.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  idle.touch();
  try {
    for await (const text of messages) {
      if (socket.isPaused) {
        idle.touch(); // silence while paused is ours, not the server's
        if (messages.size <= RESUME_AT) socket.resume();
      }
      yield* mapPayload(text, (raw) => eventPosts(JSON.parse(String(raw)), state), stats, options);
    }
  } finally {
    idle.stop();
    signal?.removeEventListener('abort', stop);
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.terminate();
  }
}

/** Moves the cursor past any event carrying `time_us`, post or not, then maps the post if there is one. */
function eventPosts(event: unknown, state: { cursor: number | undefined }): Post[] {
  const timeUs = typeof event === 'object' && event !== null ? (event as { time_us?: unknown }).time_us : undefined;
  if (typeof timeUs === 'number' && Number.isFinite(timeUs)) state.cursor = Math.max(state.cursor ?? 0, timeUs);
  const post = postFromJetstreamEvent(event);
  return post ? [post] : [];
}

function upgradeError(status: number, retryAfter: string | undefined, url: URL): Error {
  const detail = `${url.origin}${url.pathname}: HTTP ${status} on WebSocket upgrade`;
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new RateLimitError(detail, Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0));
  }
  if (status === 400 || status === 401 || status === 403 || status === 404) return new FatalSourceError(`${detail} (check JETSTREAM_URL)`);
  return new Error(detail);
}
