// One pass over a post: tokens (words, handles, hashtags, URLs, emoji, CJK characters, ? ! : % and quotes),
// plus the script and accent cues that language identification needs. Built for speed: one loop,
// no regular expressions on the hot path.
import { foldChar, foldsToItself } from './fold.ts';

export const enum TokenKind {
  Word = 0,
  Handle = 1,
  Hashtag = 2,
  Url = 3,
  Emoji = 4,
  Cjk = 5,
  Mark = 6,
  Number = 7,
}

/** Scripts counted per post; indexes into `TextScan.scripts`. */
export const enum Script {
  Latin = 0,
  Kana = 1,
  Han = 2,
  Arabic = 3,
  Devanagari = 4,
  Cyrillic = 5,
  Hangul = 6,
  Other = 7,
}

export interface TextScan {
  tokens: string[];
  kinds: TokenKind[];
  /** Letters seen per script. */
  scripts: Int32Array;
  /** Accented letters as typed (before folding), e.g. "ßñł", for language cues. */
  accents: string;
  /** Letters typed in upper case, and all letters (for the all-caps cue). */
  upper: number;
  letters: number;
  /** Words with a letter repeated 3+ times ("dooown"), collapsed to one in the token. */
  elongated: number;
  /** URL hosts, lower-case without "www.". */
  hosts: string[];
}

function scriptOf(code: number): Script {
  if (code < 0x0250) return Script.Latin;
  if (code >= 0x1e00 && code <= 0x1eff) return Script.Latin;
  if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0xff66 && code <= 0xff9f)) return Script.Kana;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return Script.Han;
  if (code >= 0x0600 && code <= 0x06ff) return Script.Arabic;
  if (code >= 0x0750 && code <= 0x077f) return Script.Arabic;
  if (code >= 0x0900 && code <= 0x097f) return Script.Devanagari;
  if (code >= 0x0400 && code <= 0x04ff) return Script.Cyrillic;
  if (code >= 0xac00 && code <= 0xd7af) return Script.Hangul;
  return Script.Other;
}

function isLetterOrDigit(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
  }
  if (code === 0xad || code === 0xfeff || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x180b && code <= 0x180f)) return false;
  if (code >= 0x0300 && code <= 0x036f) return true;
  if (code >= 0x2000 && code <= 0x2bff) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xff00 && code <= 0xff0f) return false;
  if (code >= 0xff1a && code <= 0xff20) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (code === 0xa0 || code === 0xab || code === 0xbb || code === 0xbf || code === 0xa1 || code === 0xb7) return false;
  if (code === 0x060c || code === 0x061f || code === 0x06d4 || code === 0x0964) return false;
  return true;
}

/**
 * Characters that show nothing inside a word and so must not split it ("whats\u200Bapp" is
 * WhatsApp): zero-width spaces and joiners, bidi marks, embeddings, overrides and isolates, the
 * soft hyphen, word joiner, byte order mark, variation selectors, and control characters other
 * than whitespace. A word reads as if they were not there.
 */
export function isInvisible(code: number): boolean {
  if (code < 0x20) return code <= 0x08 || (code >= 0x0e && code <= 0x1b);
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  if (code < 0x2000) return code === 0xad || code === 0x061c || (code >= 0x180b && code <= 0x180f);
  if (code <= 0x206f) return (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || code >= 0x2060;
  return code === 0xfeff || (code >= 0xfe00 && code <= 0xfe0f);
}

/** Kana, CJK ideographs and half-width katakana: languages written without spaces. */
export function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xff66 && code <= 0xff9f);
}

function isEmojiStart(code: number): boolean {
  return (code >= 0xd83c && code <= 0xd83e) || (code >= 0x2600 && code <= 0x27bf) || code === 0x2764;
}

const URL_PREFIXES = ['https://', 'http://', 'www.'];

function urlAt(lower: string, i: number): boolean {
  for (const prefix of URL_PREFIXES) if (lower.startsWith(prefix, i)) return true;
  return false;
}

const HAPPY_MOUTHS = ')]dp*';
const SAD_MOUTHS = '([/|';

/**
 * A typed emoticon at `i` (":)", ":-(", ";)", ":D", "=(", "<3"), folded to one token per mood
 * (":)", ":(", ";)", "<3"); undefined when none starts there. Clock times ("8:30") are not emoticons.
 */
function emoticonAt(lower: string, i: number): { token: string; length: number } | undefined {
  const code = lower.charCodeAt(i);
  if (code === 0x3c) return lower.charCodeAt(i + 1) === 0x33 ? { token: '<3', length: 2 } : undefined;
  if (code !== 0x3a && code !== 0x3b && code !== 0x3d) return undefined;
  let at = i + 1;
  if (lower.charCodeAt(at) === 0x2d || lower.charCodeAt(at) === 0x27) at++;
  const mouth = lower[at];
  if (mouth === undefined) return undefined;
  // ":p" and ":d" only when the letter ends the word ("12:day" is not a face).
  if ((mouth === 'd' || mouth === 'p') && at + 1 < lower.length && isLetterOrDigit(lower.charCodeAt(at + 1))) return undefined;
  const length = at + 1 - i;
  if (HAPPY_MOUTHS.includes(mouth)) return { token: code === 0x3b ? ';)' : ':)', length };
  if (SAD_MOUTHS.includes(mouth) && !(mouth === '/' && lower.charCodeAt(at + 1) === 0x2f)) return { token: ':(', length };
  return undefined;
}

/** Scans a post once into tokens and language cues. */
export function scanText(text: string): TextScan {
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  const kinds: TokenKind[] = [];
  const scripts = new Int32Array(8);
  const hosts: string[] = [];
  let accents = '';
  let upper = 0;
  let letters = 0;
  let elongated = 0;
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const code = lower.charCodeAt(i);
    if (code === 0x68 || code === 0x77) {
      if (urlAt(lower, i)) {
        let end = i;
        while (end < n && lower.charCodeAt(end) > 0x20) end++;
        const url = lower.slice(i, end);
        const host = url.replace(/^https?:\/\//, '').replace(/^www\./, '').split(/[/?#]/)[0] ?? '';
        hosts.push(host);
        tokens.push(host);
        kinds.push(TokenKind.Url);
        i = end;
        continue;
      }
    }
    if (isCjk(code)) {
      scripts[scriptOf(code)]++;
      tokens.push(lower[i]);
      kinds.push(TokenKind.Cjk);
      i++;
      continue;
    }
    if (isEmojiStart(code)) {
      const width = code >= 0xd800 ? 2 : 1;
      let end = i + width;
      // Keep a variation selector with its emoji so that "❤️" and "❤" meet after the trim below.
      while (end < n && (lower.charCodeAt(end) === 0xfe0f || lower.charCodeAt(end) === 0x200d)) end++;
      tokens.push(lower.slice(i, i + width));
      kinds.push(TokenKind.Emoji);
      i = end;
      continue;
    }
    const emoticon = code === 0x3a || code === 0x3b || code === 0x3d || code === 0x3c ? emoticonAt(lower, i) : undefined;
    if (emoticon) {
      tokens.push(emoticon.token);
      kinds.push(TokenKind.Emoji);
      i += emoticon.length;
      continue;
    }
    if (code === 0x3f || code === 0xff1f || code === 0x21 || code === 0xff01 || code === 0x22 || code === 0x201c || code === 0x201d || code === 0xab || code === 0xbb || code === 0x3a || code === 0x25) {
      tokens.push(code === 0xff1f ? '?' : code === 0xff01 ? '!' : code === 0x201c || code === 0x201d || code === 0xab || code === 0xbb ? '"' : lower[i]);
      kinds.push(TokenKind.Mark);
      i++;
      continue;
    }
    let kind = TokenKind.Word;
    let start = i;
    if ((code === 0x40 || code === 0x23 || code === 0xff03) && i + 1 < n && isLetterOrDigit(lower.charCodeAt(i + 1))) {
      kind = code === 0x40 ? TokenKind.Handle : TokenKind.Hashtag;
      start = i + 1;
    } else if (!isLetterOrDigit(code)) {
      i++;
      continue;
    }
    // The token is lower.slice(start, j) until a character changes (folded, dropped, elongation cut); only
    // then is it copied out and built up. Most tokens never change, so they are flat strings, not cons chains.
    let word = '';
    let copied = false;
    let last = -1;
    let run = 0;
    let digitsOnly = true;
    let j = start;
    for (; j < n; j++) {
      const c = lower.charCodeAt(j);
      if (!isLetterOrDigit(c)) {
        if (isInvisible(c)) {
          if (!copied) word = lower.slice(start, j);
          copied = true;
          continue;
        }
        // Apostrophes, hyphens and dots stay inside a word when a letter follows ("can't", "wi-fi", "x.com").
        if ((c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2e) && j + 1 < n && isLetterOrDigit(lower.charCodeAt(j + 1)) && (copied ? word.length : j - start) > 0 && !isCjk(lower.charCodeAt(j + 1))) {
          if (c === 0x2019) {
            if (!copied) word = lower.slice(start, j);
            copied = true;
            word += "'";
          } else if (copied) word += lower[j];
          last = -1;
          run = 0;
          continue;
        }
        break;
      }
      if (isCjk(c) && kind === TokenKind.Word) break;
      if (c >= 0x0300 && c <= 0x036f) {
        if (!copied) word = lower.slice(start, j);
        copied = true;
        continue;
      }
      const original = text.charCodeAt(j);
      if (c < 0x30 || c > 0x39) {
        digitsOnly = false;
        letters++;
        if (original !== c) upper++;
        scripts[scriptOf(c)]++;
        if (c >= 0x80 && c < 0x250) accents += lower[j];
      }
      if (c === last) {
        run++;
        if (run >= 2) {
          if (run === 2) {
            elongated++;
            if (!copied) word = lower.slice(start, j);
            copied = true;
            word = word.slice(0, -1);
          }
          continue;
        }
      } else {
        last = c;
        run = 0;
      }
      if (foldsToItself(c)) {
        if (copied) word += lower[j];
      } else {
        if (!copied) word = lower.slice(start, j);
        copied = true;
        word += foldChar(c);
      }
    }
    if (!copied) word = lower.slice(start, j);
    if (word.length > 0) {
      tokens.push(word);
      kinds.push(kind === TokenKind.Word && digitsOnly ? TokenKind.Number : kind);
    }
    i = j > i ? j : i + 1;
  }
  return { tokens, kinds, scripts, accents, upper, letters, elongated, hosts };
}

/** The folded tokens of a phrase, as the scanner would produce them inside a post. */
export function phraseTokens(phrase: string): string[] {
  return scanText(phrase).tokens;
}
