// Mastodon REST/streaming `Status` entity.
import type { Author, Post } from '../../model/types.ts';
import { FormatError } from './errors.ts';
import { expectObject, isObject, optionalNumber, optionalString, requireString, type JsonObject } from './fields.ts';
import { htmlToText } from './html.ts';
import { normaliseLang } from './lang.ts';
import { toIsoTime } from './time.ts';

/**
 * A Mastodon status as a Post (source 'mastodon').
 *
 * - A boost (`reblog` set) is mapped to the boosted status: a boost repeats a report, it is not a
 *   new one, so it dedupes with the original and counts once, under the original author.
 * - `id` is the status `uri` (its ActivityPub id), not the instance-local `id`: the same status seen
 *   through two instances then dedupes, and ids of different instances cannot collide. `id` is
 *   used only when `uri` is absent.
 * - The author id is the fully qualified handle `user@host` (`acct` is bare for local accounts).
 * - A content warning (`spoiler_text`) is kept in front of the text: it often names the problem.
 */
export function postFromMastodonStatus(status: unknown): Post {
  const outer = expectObject(status, 'Mastodon status');
  const original = isObject(outer.reblog) ? outer.reblog : outer;
  const id = optionalString(original, 'uri') ?? requireString(original, 'id');
  const spoiler = optionalString(original, 'spoiler_text');
  const content = htmlToText(requireString(original, 'content'));
  const post: Post = {
    id,
    source: 'mastodon',
    text: spoiler ? `${spoiler} ${content}` : content,
    createdAt: toIsoTime(original.created_at, 'created_at'),
  };
  const lang = normaliseLang(original.language);
  if (lang) post.lang = lang;
  if (original.account !== undefined) post.author = authorOf(expectObject(original.account, 'field "account"'));
  const url = optionalString(original, 'url') ?? optionalString(original, 'uri');
  if (url) post.url = url;
  return post;
}

function authorOf(account: JsonObject): Author {
  const acct = optionalString(account, 'acct');
  const author: Author = { id: acct ? qualifiedHandle(acct, account) : requireAccountId(account) };
  const followers = optionalNumber(account, 'followers_count');
  if (followers !== undefined) author.followers = followers;
  return author;
}

function qualifiedHandle(acct: string, account: JsonObject): string {
  if (acct.includes('@')) return acct;
  const url = optionalString(account, 'url');
  const host = url && URL.canParse(url) ? new URL(url).host : undefined;
  return host ? `${acct}@${host}` : acct;
}

function requireAccountId(account: JsonObject): string {
  const id = optionalString(account, 'id');
  if (!id) throw new FormatError('field "account" has neither "acct" nor "id"');
  return id;
}
