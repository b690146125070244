// Twitter/X API v2: a tweet object, or a search/stream response `{ data, includes, meta, errors }`.
import type { Author, GeoPoint, Place, Post } from '../../model/types.ts';
import { FormatError, type PayloadItem } from './errors.ts';
import { describe, expectObject, isObject, optionalNumber, optionalString, requireString, type JsonObject } from './fields.ts';
import { normaliseLang } from './lang.ts';
import { toIsoTime } from './time.ts';

/** The expansions of a response page, indexed by id. */
interface Includes {
  users: Map<string, JsonObject>;
  places: Map<string, JsonObject>;
  tweets: Map<string, JsonObject>;
}

const NO_INCLUDES: Includes = { users: new Map(), places: new Map(), tweets: new Map() };

/**
 * Posts in a Twitter v2 payload: a single tweet object, or a response page whose `data` is a tweet
 * or an array of tweets, resolved against `includes.users` (profile location, followers) and
 * `includes.places` (country code, full name). A page without `data` (no results) gives [].
 * A tweet of a page that cannot be mapped is a FormatError item naming its index and id; the other
 * tweets of the page are mapped all the same. A payload that is not a page or tweet at all throws.
 *
 * A retweet is not a new report: when the retweeted tweet is in `includes.tweets`, the original
 * is returned instead, so dedupe by id counts it once under its own author. Without the
 * expansion the retweet is kept as it is ("RT @user: ...").
 */
export function postsFromTwitterPayload(payload: unknown): PayloadItem[] {
  const obj = expectObject(payload, 'Twitter payload');
  if (!isTwitterPage(obj)) return [postFromTweet(obj)];
  const data = obj.data;
  if (data === undefined || data === null) {
    if (Array.isArray(obj.errors) && obj.errors.length > 0) throw new FormatError(`Twitter error response: ${errorSummary(obj.errors)}`);
    return [];
  }
  const includes = readIncludes(obj.includes);
  if (Array.isArray(data)) return data.map((tweet, index) => pageItem(tweet, `data[${index}]`, includes));
  return [pageItem(data, 'data', includes)];
}

/** A bare tweet object (no page around it) as a Post; a FormatError when it cannot be mapped. */
export function postFromTweet(tweet: JsonObject): Post {
  return tweetToPost(tweet, NO_INCLUDES);
}

function pageItem(tweet: unknown, where: string, includes: Includes): PayloadItem {
  try {
    return tweetToPost(expectObject(tweet, `tweet in "${where}"`), includes);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    const id = isObject(tweet) && typeof tweet.id === 'string' ? ` (tweet ${tweet.id})` : '';
    return new FormatError(`${where}${id}: ${error.reason}`);
  }
}

/** True for a response envelope (`data`, `includes`, `meta`, `errors`) rather than a bare tweet. */
export function isTwitterPage(obj: JsonObject): boolean {
  return !('text' in obj) && ('data' in obj || 'meta' in obj || 'errors' in obj || 'includes' in obj);
}

function tweetToPost(raw: JsonObject, includes: Includes): Post {
  const tweet = originalOfRetweet(raw, includes) ?? raw;
  const id = requireString(tweet, 'id');
  if (tweet.created_at === undefined) throw new FormatError('field "created_at" is missing (request tweet.fields=created_at)');
  const post: Post = {
    id,
    source: 'twitter',
    text: longText(tweet) ?? requireString(tweet, 'text'),
    createdAt: toIsoTime(tweet.created_at, 'created_at'),
  };
  const lang = normaliseLang(tweet.lang);
  if (lang) post.lang = lang;
  const authorId = optionalString(tweet, 'author_id');
  const user = authorId ? includes.users.get(authorId) : undefined;
  if (authorId) post.author = authorOf(authorId, user);
  if (isObject(tweet.geo)) {
    const place = placeOf(tweet.geo, includes);
    if (place) post.place = place;
    const point = pointOf(tweet.geo);
    if (point) post.geo = point;
  }
  const username = user ? optionalString(user, 'username') : undefined;
  post.url = username ? `https://x.com/${username}/status/${id}` : `https://x.com/i/web/status/${id}`;
  return post;
}

function originalOfRetweet(tweet: JsonObject, includes: Includes): JsonObject | undefined {
  if (!Array.isArray(tweet.referenced_tweets)) return undefined;
  for (const ref of tweet.referenced_tweets) {
    if (isObject(ref) && ref.type === 'retweeted' && typeof ref.id === 'string') return includes.tweets.get(ref.id);
  }
  return undefined;
}

/** Tweets over 280 characters carry their full text in `note_tweet.text`. */
function longText(tweet: JsonObject): string | undefined {
  return isObject(tweet.note_tweet) && typeof tweet.note_tweet.text === 'string' ? tweet.note_tweet.text : undefined;
}

function authorOf(id: string, user: JsonObject | undefined): Author {
  const author: Author = { id };
  if (!user) return author;
  const location = optionalString(user, 'location');
  if (location) author.location = location;
  if (isObject(user.public_metrics)) {
    const followers = optionalNumber(user.public_metrics, 'followers_count');
    if (followers !== undefined) author.followers = followers;
  }
  return author;
}

function placeOf(geo: JsonObject, includes: Includes): Place | undefined {
  const placeId = optionalString(geo, 'place_id');
  const raw = placeId ? includes.places.get(placeId) : undefined;
  if (!raw) return undefined;
  const place: Place = {};
  const countryCode = optionalString(raw, 'country_code');
  if (countryCode) place.countryCode = countryCode.toUpperCase();
  const name = optionalString(raw, 'full_name') ?? optionalString(raw, 'name');
  if (name) place.name = name;
  return countryCode || name ? place : undefined;
}

/** `geo.coordinates` is a GeoJSON Point: `coordinates` is [longitude, latitude]. */
function pointOf(geo: JsonObject): GeoPoint | undefined {
  if (!isObject(geo.coordinates)) return undefined;
  const pair = geo.coordinates.coordinates;
  if (!Array.isArray(pair) || pair.length < 2) return undefined;
  const [lon, lat] = pair;
  if (typeof lat !== 'number' || typeof lon !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new FormatError(`field "geo.coordinates.coordinates" must be [lon, lat] in range, got ${describe(pair)}`);
  }
  return { lat, lon };
}

function readIncludes(value: unknown): Includes {
  if (!isObject(value)) return NO_INCLUDES;
  return { users: byId(value.users), places: byId(value.places), tweets: byId(value.tweets) };
}

function byId(list: unknown): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  if (!Array.isArray(list)) return map;
  for (const item of list) if (isObject(item) && typeof item.id === 'string') map.set(item.id, item);
  return map;
}

function errorSummary(errors: unknown[]): string {
  const first = errors[0];
  if (!isObject(first)) return describe(first);
  return [first.title, first.detail].filter((part) => typeof part === 'string').join(': ') || 'unknown error';
}
