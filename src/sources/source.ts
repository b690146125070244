// What every live or replayed source shares: the iterable shape, the callbacks and the counters.
import type { Post } from '../model/types.ts';
import { capText } from '../text/cap.ts';
import { FormatError, type PayloadItem } from './formats/errors.ts';

/** Called for a payload that could not be turned into a post; the source skips it and goes on. */
export type MalformedHandler = (reason: string, raw: unknown) => void;

/** Connection life events, for logs and metrics. */
export type SourceEvent =
  | { type: 'connected'; attempt: number }
  | { type: 'disconnected'; reason: string }
  | { type: 'rate-limited'; until: number }
  | { type: 'retrying'; delayMs: number; reason: string }
  | { type: 'notice'; message: string };

export interface SourceStats {
  posts: number;
  malformed: number;
  /** Connections opened after the first one. */
  reconnects: number;
  rateLimited: number;
  /** Replay only: lines the archive reader reported as already seen. */
  duplicates: number;
  /** Posts whose text was cut to MAX_POST_TEXT_CHARS. */
  truncated: number;
}

export interface SourceCallbacks {
  onMalformed?: MalformedHandler;
  onEvent?: (event: SourceEvent) => void;
}

export interface Source {
  /** Label for logs and metrics, e.g. `twitter-stream` or `mastodon:mastodon.social/public`. */
  readonly name: string;
  readonly stats: SourceStats;
  /** Posts until `signal` aborts (or, for a replay, until the archives end). */
  posts(signal?: AbortSignal): AsyncIterable<Post>;
}

export function emptyStats(): SourceStats {
  return { posts: 0, malformed: 0, reconnects: 0, rateLimited: 0, duplicates: 0, truncated: 0 };
}

/** Counts a malformed payload and tells the caller; one place so every source reports the same way. */
export function reportMalformed(stats: SourceStats, callbacks: SourceCallbacks, reason: string, raw: unknown): void {
  stats.malformed += 1;
  callbacks.onMalformed?.(reason, raw);
}

/** The post with its text cut to MAX_POST_TEXT_CHARS, counted in `stats.truncated` when it was cut. */
export function capped(post: Post, stats: SourceStats): Post {
  const text = capText(post.text);
  if (text === post.text) return post;
  stats.truncated += 1;
  return { ...post, text };
}

/** One log line for a connection life event (the service logs every one). */
export function describeSourceEvent(event: SourceEvent): string {
  switch (event.type) {
    case 'connected':
      return event.attempt === 0 ? 'source connected' : `source connected again (attempt ${event.attempt})`;
    case 'disconnected':
      return `source disconnected: ${event.reason}`;
    case 'retrying':
      return `source retrying in ${event.delayMs} ms: ${event.reason}`;
    case 'rate-limited':
      return `source rate-limited until ${new Date(event.until).toISOString()}`;
    case 'notice':
      return `source notice: ${event.message}`;
  }
}

/**
 * Maps one raw payload to posts, counting them; a payload the mapper rejects (`FormatError`, or
 * text that is not JSON) is reported as malformed and gives no posts instead of stopping the source.
 * An item the mapper rejects within a page is reported alone; the page's other posts go on. A text
 * over MAX_POST_TEXT_CHARS is cut and counted.
 */
export function mapPayload(
  raw: unknown,
  map: (raw: unknown) => readonly PayloadItem[],
  stats: SourceStats,
  callbacks: SourceCallbacks,
): Post[] {
  try {
    const posts: Post[] = [];
    for (const item of map(raw)) {
      if (item instanceof FormatError) reportMalformed(stats, callbacks, item.reason, raw);
      else posts.push(capped(item, stats));
    }
    stats.posts += posts.length;
    return posts;
  } catch (error) {
    if (error instanceof FormatError) reportMalformed(stats, callbacks, error.reason, raw);
    else if (error instanceof SyntaxError) reportMalformed(stats, callbacks, `not JSON: ${error.message}`, raw);
    else throw error;
    return [];
  }
}
