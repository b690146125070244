// Folding and tokenising of place names; the gazetteer and the texts it reads share these rules.

/** Letters that Unicode decomposition does not reduce to a base letter plus a mark. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', þ: 'th', ð: 'd',
};
const UNFOLDED_LETTER = /[ßıøæœłđþð]/g;
const LATIN_MARKS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Separators between parts of a location ("Austin, TX | Berlin / DE"); a hyphen inside a name is not one. */
const SEGMENT_BREAK = /[,;/|·•()[\]{}\n\r\t]|\s[-–—]\s/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const DIGITS_ONLY = /^\p{N}+$/u;

/**
 * Lower-cases and strips Latin accents so "München", "MUNCHEN" and "Munchen" meet, and the Turkish
 * dotted capital "İstanbul" becomes "istanbul". Only U+0300..U+036F marks are dropped, so Japanese
 * voiced kana and Hangul come back whole after the final NFC.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .replace(UNFOLDED_LETTER, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .normalize('NFC');
}

/** The folded words of a name, as the gazetteer keys it: "Saint-Étienne" -> "saint etienne". */
export function nameKey(name: string): string {
  return (foldName(name).match(WORD) ?? []).join(' ');
}

export interface LocationToken {
  /** Folded form, the lookup key. */
  key: string;
  /**
   * Written in capitals where capitals mean something ("Berlin DE", "NSW"): not inside a shouted
   * segment of several words ("FOLLOW ME", "ACT NOW"), whose capitals say nothing about codes.
   */
  upper: boolean;
  /** Starts with a capital ("Nice" the city, not "nice"). */
  capitalised: boolean;
  /** The last word of its segment, numbers aside ("Berlin, DE", "NY 10001"). */
  lastInSegment: boolean;
  /** Holds Chinese, Japanese or Korean script, written without spaces between names. */
  cjk: boolean;
}

/** Splits a free-text location into segments of tokens; segments are the comma- or slash-separated parts. */
export function tokeniseLocation(text: string): LocationToken[][] {
  const segments: LocationToken[][] = [];
  for (const part of text.split(SEGMENT_BREAK)) {
    const words = part.match(WORD);
    if (words === null) continue;
    let lastWord = words.length - 1;
    while (lastWord > 0 && DIGITS_ONLY.test(words[lastWord])) lastWord -= 1;
    const shouted = lastWord > 0 && part === part.toUpperCase();
    segments.push(
      words.map((raw, index) => {
        const upperCased = raw.toUpperCase();
        const hasCase = upperCased !== raw.toLowerCase();
        return {
          key: foldName(raw),
          upper: hasCase && raw === upperCased && !shouted,
          capitalised: hasCase && raw[0] === upperCased[0],
          lastInSegment: index === lastWord,
          cjk: CJK.test(raw),
        };
      }),
    );
  }
  return segments;
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

const REGIONAL_INDICATOR_A = 0x1f1e6;
const REGIONAL_INDICATOR_Z = 0x1f1ff;
const BLACK_FLAG = 0x1f3f4;
const TAG_A = 0xe0061;
const TAG_Z = 0xe007a;
const CANCEL_TAG = 0xe007f;

export interface FlagMention {
  /** Upper-case ISO 3166-1 alpha-2 letters of a country flag ("NL"), not yet validated. */
  country: string;
  /** ISO 3166-2 code of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿 -> "GB-SCT"). */
  subdivision?: string;
}

/** Reads flag emoji: pairs of regional indicators and the tagged subdivision flags (England, Scotland, Wales). */
export function findFlags(text: string): FlagMention[] {
  const flags: FlagMention[] = [];
  const points = Array.from(text, (char) => char.codePointAt(0) ?? 0);
  for (let i = 0; i < points.length; i += 1) {
    const point = points[i];
    if (point >= REGIONAL_INDICATOR_A && point <= REGIONAL_INDICATOR_Z) {
      const next = points[i + 1];
      if (next !== undefined && next >= REGIONAL_INDICATOR_A && next <= REGIONAL_INDICATOR_Z) {
        flags.push({ country: indicatorLetter(point) + indicatorLetter(next) });
        i += 1;
      }
    } else if (point === BLACK_FLAG) {
      let tag = '';
      let j = i + 1;
      while (j < points.length && points[j] >= TAG_A && points[j] <= TAG_Z) {
        tag += String.fromCharCode(points[j] - TAG_A + 0x61);
        j += 1;
      }
      if (tag.length > 2 && points[j] === CANCEL_TAG) {
        const country = tag.slice(0, 2).toUpperCase();
        flags.push({ country, subdivision: `${country}-${tag.slice(2).toUpperCase()}` });
        i = j;
      }
    }
  }
  return flags;
}

function indicatorLetter(point: number): string {
  return String.fromCharCode(point - REGIONAL_INDICATOR_A + 0x41);
}
