// Which wire format a JSON value from an archive is in, and its posts.
import type { Post } from '../../model/types.ts';
import { isJetstreamEvent, postFromJetstreamEvent } from '../formats/bluesky.ts';
import { FormatError, type PayloadItem } from '../formats/errors.ts';
import { describe, isObject, type JsonObject } from '../formats/fields.ts';
import { goldFromFields } from '../formats/gold.ts';
import { postFromMastodonStatus } from '../formats/mastodon.ts';
import { isProjectPost, parseProjectPost } from '../formats/project.ts';
import { postFromRow, type RowContext } from '../formats/row.ts';
import { isTwitterPage, postFromTweet, postsFromTwitterPayload } from '../formats/twitter.ts';

/** Fields only a Twitter v2 tweet has (a flat row has id/created_at/text too). */
const TWEET_MARKERS = ['author_id', 'edit_history_tweet_ids', 'public_metrics', 'referenced_tweets', 'note_tweet', 'conversation_id'];

/**
 * The posts in one JSON value: a project Post, a Twitter v2 tweet or response page (many posts),
 * a Mastodon status, a Jetstream event (no post unless it creates one) or a flat row.
 * In lenient mode a value whose shape cannot be mapped falls back to a flat row, which needs only
 * `text`. Top-level `label`/`sentiment` become gold labels on single posts. A bad tweet of a page
 * is a FormatError item beside the page's posts; any other unmappable value throws.
 */
export function postsFromJsonValue(value: unknown, row: RowContext): PayloadItem[] {
  if (!isObject(value)) throw new FormatError(`expected a JSON object, got ${describe(value)}`);
  if (isJetstreamEvent(value)) {
    const post = postFromJetstreamEvent(value);
    return post ? [post] : [];
  }
  if (isTwitterPage(value)) return postsFromTwitterPayload(value);
  try {
    return [withGold(singlePost(value, row), value)];
  } catch (error) {
    if (!row.lenient || !(error instanceof FormatError) || typeof value.text !== 'string') throw error;
    return [postFromRow(value, row)];
  }
}

function singlePost(value: JsonObject, row: RowContext): Post {
  if (isProjectPost(value)) return parseProjectPost(value);
  if (isObject(value.account) && 'content' in value) return postFromMastodonStatus(value);
  if ('text' in value && TWEET_MARKERS.some((field) => field in value)) return postFromTweet(value);
  if ('text' in value) return postFromRow(value, row);
  throw new FormatError(`unknown shape: no "text" or "content" field (keys: ${Object.keys(value).slice(0, 8).join(', ')})`);
}

function withGold(post: Post, value: JsonObject): Post {
  if (post.gold || (value.label === undefined && value.sentiment === undefined)) return post;
  const gold = goldFromFields(value.label, value.sentiment);
  if (gold) post.gold = gold;
  return post;
}
