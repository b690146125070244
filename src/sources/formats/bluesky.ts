// Bluesky Jetstream events (JSON over WebSocket): commit, identity and account events.
import type { Post } from '../../model/types.ts';
import { FormatError } from './errors.ts';
import { expectObject, requireString } from './fields.ts';
import { normaliseLang } from './lang.ts';
import { toIsoTime } from './time.ts';

const POST_COLLECTION = 'app.bsky.feed.post';

/** True when a JSON object looks like a Jetstream event (any kind). */
export function isJetstreamEvent(obj: Record<string, unknown>): boolean {
  return typeof obj.did === 'string' && typeof obj.kind === 'string' && 'time_us' in obj;
}

/**
 * The post created by a Jetstream event, or null when the event is not a post creation
 * (identity and account events, deletes, updates, likes, follows...). The id is `${did}/${rkey}`.
 * Event time is the record's `createdAt`; the relay's `time_us` is used when it is missing or invalid.
 */
export function postFromJetstreamEvent(event: unknown): Post | null {
  const obj = expectObject(event, 'Jetstream event');
  const kind = requireString(obj, 'kind');
  if (kind !== 'commit') return null;
  const commit = expectObject(obj.commit, 'field "commit"');
  if (commit.operation !== 'create' || commit.collection !== POST_COLLECTION) return null;
  const did = requireString(obj, 'did');
  const rkey = requireString(commit, 'rkey');
  const record = expectObject(commit.record, 'field "commit.record"');
  const post: Post = {
    id: `${did}/${rkey}`,
    source: 'bluesky',
    text: requireString(record, 'text'),
    createdAt: eventTime(record.createdAt, obj.time_us),
    author: { id: did },
    url: `https://bsky.app/profile/${did}/post/${rkey}`,
  };
  const lang = Array.isArray(record.langs) ? normaliseLang(record.langs[0]) : undefined;
  if (lang) post.lang = lang;
  return post;
}

function eventTime(createdAt: unknown, timeUs: unknown): string {
  if (typeof createdAt === 'string') {
    try {
      return toIsoTime(createdAt, 'commit.record.createdAt');
    } catch (error) {
      if (!(error instanceof FormatError) || timeUs === undefined) throw error;
    }
  }
  return toIsoTime(timeUs, 'time_us');
}
