// Language tags from the wire ('en', 'pt-BR', 'und', Twitter's 'qme') to a bare language code.

/** Codes that say "no language": undetermined, no linguistic content, multiple, missing. */
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul', 'mis']);
/** Deprecated ISO 639 codes still sent by Twitter, mapped to their current code. */
const RENAMED: Record<string, string> = { in: 'id', iw: 'he', ji: 'yi' };

/**
 * The primary language subtag in lower case, or undefined for tags that carry no language:
 * 'und', 'zxx' and the private-use range qaa–qtz, which Twitter uses for
 * media-only ('qme'), hashtag-only ('qht'), mention-only ('qam') and similar posts.
 */
export function normaliseLang(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return undefined;
  if (tag.length === 2 && isLowerLetter(tag.charCodeAt(0)) && isLowerLetter(tag.charCodeAt(1))) return RENAMED[tag] ?? tag;
  const primary = tag.split(/[-_]/, 1)[0].toLowerCase();
  if (!/^[a-z]{2,3}$/.test(primary) || NO_LANGUAGE.has(primary)) return undefined;
  if (primary.length === 3 && primary >= 'qaa' && primary <= 'qtz') return undefined;
  return RENAMED[primary] ?? primary;
}

function isLowerLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}
