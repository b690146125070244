// The one bound on a post's text, applied wherever posts enter: archive readers, live sources and the API.

/**
 * The longest post text kept, in characters (UTF-16 code units). Tweets hold at most 280 (long
 * ones 25 000, rare), Mastodon statuses 500 by default and long posts rarely more than a few
 * thousand; classification time grows faster than linearly with length, so a text is cut here.
 * The API refuses a longer text; readers and sources keep its first MAX_POST_TEXT_CHARS and count it.
 */
export const MAX_POST_TEXT_CHARS = 10_000;

/** The text cut to MAX_POST_TEXT_CHARS, without splitting a surrogate pair; short texts come back as they are. */
export function capText(text: string): string {
  if (text.length <= MAX_POST_TEXT_CHARS) return text;
  const end = isHighSurrogate(text.charCodeAt(MAX_POST_TEXT_CHARS - 1)) ? MAX_POST_TEXT_CHARS - 1 : MAX_POST_TEXT_CHARS;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
