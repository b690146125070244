// Language identification: script first (kana, Arabic, Devanagari...), then for Latin script a vote
// of stopwords (from the lexicons) and accented letters typed; when that vote is empty or tied,
// character-trigram profiles decide. A few microseconds per short post.
import { loadLexicons } from './lexicon.ts';
import { phraseTokens, Script, scanText, type TextScan } from './tokenize.ts';
import { loadTrigramProfiles } from './trigram-profiles.ts';

export const LATIN_LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'hi'] as const;

/** Letters that only some languages use; each vote is split between them. */
const ACCENT_LANGUAGES: Record<string, string[]> = {
  'ß': ['de'], 'ä': ['de'], 'ö': ['de', 'tr'], 'ü': ['de', 'tr'],
  'ñ': ['es'], 'ã': ['pt'], 'õ': ['pt'], 'ç': ['fr', 'pt', 'tr'], 'ê': ['fr', 'pt'], 'ô': ['fr', 'pt'], 'â': ['fr', 'pt'],
  'á': ['es', 'pt'], 'í': ['es', 'pt'], 'ú': ['es', 'pt'], 'ó': ['es', 'pt', 'pl'], 'é': ['fr', 'es', 'pt', 'it'],
  'è': ['fr', 'it'], 'à': ['fr', 'it', 'pt'], 'ù': ['fr', 'it'], 'ì': ['it'], 'ò': ['it'], 'î': ['fr'], 'û': ['fr'],
  'ë': ['fr', 'nl'], 'ï': ['fr', 'nl'], 'œ': ['fr'],
  'ą': ['pl'], 'ć': ['pl'], 'ę': ['pl'], 'ł': ['pl'], 'ń': ['pl'], 'ś': ['pl'], 'ź': ['pl'], 'ż': ['pl'],
  'ğ': ['tr'], 'ı': ['tr'], 'ş': ['tr'],
};

/** Stopword and accent votes below this leave the decision to the trigram profiles. */
const MIN_VOTES = 1;

/**
 * Log-prior of the trigram fallback: English is by far the commonest language of short service posts, and
 * the words of "whatsapp down?" (a name and an English loanword) say little about any language.
 */
const LOG_PRIOR: Partial<Record<string, number>> = { en: 1.5 };

interface StopwordIndex {
  /** token -> the languages whose stopword list holds it. */
  languages: Map<string, number[]>;
}

let index: StopwordIndex | undefined;

function stopwordIndex(): StopwordIndex {
  if (index) return index;
  const languages = new Map<string, number[]>();
  for (const [lang, lexicon] of loadLexicons()) {
    const slot = (LATIN_LANGUAGES as readonly string[]).indexOf(lang);
    if (slot < 0) continue;
    for (const word of lexicon.stopwords) {
      const tokens = phraseTokens(word);
      if (tokens.length !== 1) continue;
      const list = languages.get(tokens[0]) ?? [];
      if (!list.includes(slot)) list.push(slot);
      languages.set(tokens[0], list);
    }
  }
  index = { languages };
  return index;
}

/** The language of an already scanned post: ISO 639-1, or 'und'. */
export function detectScannedLanguage(scan: TextScan): string {
  const s = scan.scripts;
  if (s[Script.Kana] > 0) return 'ja';
  const latin = s[Script.Latin];
  const nonLatinMax = Math.max(s[Script.Han], s[Script.Arabic], s[Script.Devanagari], s[Script.Cyrillic], s[Script.Hangul]);
  if (nonLatinMax > latin) {
    if (nonLatinMax === s[Script.Arabic]) return 'ar';
    if (nonLatinMax === s[Script.Devanagari]) return 'hi';
    if (nonLatinMax === s[Script.Cyrillic]) return 'ru';
    if (nonLatinMax === s[Script.Hangul]) return 'ko';
    return 'zh';
  }
  if (latin === 0) return 'und';
  const votes = new Float64Array(LATIN_LANGUAGES.length);
  const { languages } = stopwordIndex();
  const { tokens } = scan;
  for (let i = 0; i < tokens.length; i++) {
    const list = languages.get(tokens[i]);
    if (!list) continue;
    const share = 1 / list.length;
    for (const slot of list) votes[slot] += share;
  }
  for (const letter of scan.accents) {
    const list = ACCENT_LANGUAGES[letter];
    if (!list) continue;
    const share = 0.6 / list.length;
    for (const lang of list) votes[(LATIN_LANGUAGES as readonly string[]).indexOf(lang)] += share;
  }
  let best = -1;
  let bestVotes = 0;
  let tied = false;
  for (let slot = 0; slot < votes.length; slot++) {
    if (votes[slot] > bestVotes) {
      bestVotes = votes[slot];
      best = slot;
      tied = false;
    } else if (votes[slot] === bestVotes && bestVotes > 0) tied = true;
  }
  if (best >= 0 && bestVotes >= MIN_VOTES && !tied) return LATIN_LANGUAGES[best];
  const profiles = loadTrigramProfiles();
  if (!profiles) return best < 0 ? 'und' : LATIN_LANGUAGES[best];
  // A weak or tied vote still narrows the choice to the languages it names ("is" is English or Dutch).
  const prior = Float64Array.from(profiles.languages, (lang) => {
    const slot = (LATIN_LANGUAGES as readonly string[]).indexOf(lang);
    if (bestVotes > 0 && (slot < 0 || votes[slot] < bestVotes)) return -Infinity;
    return LOG_PRIOR[lang] ?? 0;
  });
  return profiles.best(tokens, scan.kinds, prior) ?? (best < 0 ? 'und' : LATIN_LANGUAGES[best]);
}

/** The language of a text: ISO 639-1 ('en', 'nl', 'ja', 'ar'...) or 'und' when nothing tells. */
export function detectLanguage(text: string): string {
  return detectScannedLanguage(scanText(text));
}
