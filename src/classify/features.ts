// Turns a post into the classifier's features: hashed words, word pairs and character n-grams (for
// misspellings and languages without spaces), plus named cue features from the lexicons and the
// shape of the post (first person, questions, negation scope, news style, jokes, links, all caps).
import { bucket, FNV_OFFSET, hashText } from '../text/hash.ts';
import type { CompiledLexicon, Cue } from '../text/lexicon.ts';
import type { PhraseHit } from '../text/phrases.ts';
import type { WordStemmer } from '../text/stem.ts';
import { isCjk, phraseTokens, TokenKind, type TextScan } from '../text/tokenize.ts';
import type { ServiceMatch, ServiceMatcher } from './services.ts';

export interface FeatureConfig {
  /** Size of the hashed feature space; a power of two. */
  dim: number;
  /** Character n-gram sizes taken inside each word. */
  charNgrams: number[];
  /** Also hash each word together with the post's language, so a word can weigh differently per language. */
  langWords?: boolean;
  /** Also hash each word's stem (natural's Porter stemmers: en nl de fr es pt it). */
  stems?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = { dim: 1 << 18, charNgrams: [3, 4], langWords: true, stems: true };

/** A named feature, kept so that a verdict can say which features decided it. */
export interface NamedFeature {
  name: string;
  index: number;
}

export interface PostFeatures {
  /** Hashed feature indices; a feature may repeat (its count). */
  indices: number[];
  /** The weight of each index (text features are scaled down in long posts). */
  values: number[];
  named: NamedFeature[];
  services: ServiceMatch[];
  symptoms: string[];
}

const SEED_WORD = hashText('w', FNV_OFFSET);
const SEED_PAIR = hashText('b', FNV_OFFSET);
const SEED_LANG_WORD = hashText('l', FNV_OFFSET);
const SEED_STEM = hashText('s', FNV_OFFSET);
const SEED_NAMED = hashText('n', FNV_OFFSET);
const SEED_CHAR = [0, 1, 2, 3, 4, 5, 6].map((n) => hashText(`c${n}`, FNV_OFFSET));

const NEGATION_WINDOW = 3;
const selfNegated = new Map<string, boolean>();

function lengthBucket(words: number): string {
  if (words <= 4) return 'len:tiny';
  if (words <= 10) return 'len:short';
  if (words <= 25) return 'len:medium';
  return 'len:long';
}

export interface FeatureContext {
  config: FeatureConfig;
  lexicon: CompiledLexicon;
  services: ServiceMatcher;
  stemmer?: WordStemmer;
}

interface SplitTokens {
  tokens: string[];
  kinds: TokenKind[];
  /** 1 where a token is a hashtag or a part of one. */
  inHashtag: Uint8Array | undefined;
  /** Whether a hashtag ends in an outage word ("#whatsappdown", "#kpnstoring"); cue hits inside hashtags count too. */
  outageHashtag: boolean;
}

/** "down" is an outage only inside a hashtag (in text, "feeling down" is not): the hashtag convention of every language. */
const HASHTAG_OUTAGE_WORDS: ReadonlySet<string> = new Set(['down']);

const MAX_SUFFIX = 12;

/** The part of a hashtag after its last outage word when no service name starts it ("#pixcaiu" -> ["pix", "caiu"]). */
function splitOutageSuffix(body: string, outageWords: ReadonlySet<string>): [string, string] | undefined {
  for (let length = Math.min(MAX_SUFFIX, body.length - 2); length >= 2; length--) {
    const tail = body.slice(body.length - length);
    if (outageWords.has(tail)) return [body.slice(0, body.length - length), tail];
  }
  return undefined;
}

/**
 * Replaces hashtags by their parts (#whatsappdown -> whatsapp down, #pixcaiu -> pix caiu, #障害 -> 障 害)
 * and keeps the kinds aligned; marks which tokens came from a hashtag.
 */
function splitHashtags(scan: TextScan, context: FeatureContext): SplitTokens {
  if (!scan.kinds.includes(TokenKind.Hashtag)) return { tokens: scan.tokens, kinds: scan.kinds, inHashtag: undefined, outageHashtag: false };
  const { outageWords } = context.lexicon;
  let outageHashtag = false;
  const tokens: string[] = [];
  const kinds: TokenKind[] = [];
  const marks: number[] = [];
  const push = (token: string, kind: TokenKind, mark: number): void => {
    tokens.push(token);
    kinds.push(kind);
    marks.push(mark);
  };
  for (let i = 0; i < scan.tokens.length; i++) {
    const token = scan.tokens[i];
    if (scan.kinds[i] !== TokenKind.Hashtag) {
      push(token, scan.kinds[i], 0);
      continue;
    }
    push(token, TokenKind.Hashtag, 1);
    if (isCjk(token.charCodeAt(0)) || isCjk(token.charCodeAt(token.length - 1))) {
      for (const ch of token) push(ch, isCjk(ch.charCodeAt(0)) ? TokenKind.Cjk : TokenKind.Word, 1);
      continue;
    }
    const split = context.services.splitHashtag(token) ?? splitOutageSuffix(token, outageWords);
    if (outageWords.has(token) || (split && (outageWords.has(split[1]) || HASHTAG_OUTAGE_WORDS.has(split[1])))) outageHashtag = true;
    const words = token.split(/[_-]/).filter(Boolean);
    if (split && split[1].length > 0) {
      push(split[0], TokenKind.Word, 1);
      push(split[1], TokenKind.Word, 1);
    } else if (words.length > 1) {
      for (const word of words) push(word, TokenKind.Word, 1);
    }
  }
  return { tokens, kinds, inHashtag: Uint8Array.from(marks), outageHashtag };
}

/** Extracts every feature of one scanned post. */
export function extractFeatures(scan: TextScan, lang: string, context: FeatureContext): PostFeatures {
  const { dim, charNgrams } = context.config;
  const { tokens, kinds, inHashtag, outageHashtag } = splitHashtags(scan, context);
  const indices: number[] = [];
  const values: number[] = [];
  const named: NamedFeature[] = [];
  const out: PostFeatures = { indices, values, named, services: [], symptoms: [] };

  // Text features: words, word pairs, character n-grams. Scaled by 1/sqrt(count) so long posts do not shout.
  const textStart = indices.length;
  const langSeed = context.config.langWords ? hashText(lang, SEED_LANG_WORD) : 0;
  let previous = '';
  let words = 0;
  for (let t = 0; t < tokens.length; t++) {
    const kind = kinds[t];
    if (kind === TokenKind.Url) {
      previous = '';
      continue;
    }
    const token = kind === TokenKind.Handle ? '@' : kind === TokenKind.Number ? (tokens[t].length > 2 ? '0000' : '00') : tokens[t];
    if (kind === TokenKind.Word || kind === TokenKind.Cjk || kind === TokenKind.Number) words++;
    const wordHash = hashText(token, SEED_WORD);
    indices.push(bucket(wordHash, dim));
    if (langSeed !== 0) indices.push(bucket(hashText(token, langSeed), dim));
    if (previous !== '') indices.push(bucket(hashText(token, hashText(previous, SEED_PAIR) ^ 0x20), dim));
    previous = token;
    if (kind !== TokenKind.Word || token.length < 3) continue;
    if (context.stemmer && token.length > 4) {
      const stem = context.stemmer.stem(token);
      if (stem !== token) indices.push(bucket(hashText(stem, SEED_STEM), dim));
    }
    for (const n of charNgrams) {
      const padded = token.length + 2;
      if (padded < n + 1) continue;
      const seed = SEED_CHAR[n];
      for (let start = 0; start + n <= padded; start++) {
        let h = seed;
        for (let k = start; k < start + n; k++) {
          const code = k === 0 ? 0x5e : k === padded - 1 ? 0x24 : token.charCodeAt(k - 1);
          h ^= code;
          h = Math.imul(h, 16777619);
        }
        indices.push(bucket(h, dim));
      }
    }
  }
  const textCount = indices.length - textStart;
  const textValue = textCount > 0 ? 1 / Math.sqrt(textCount) : 0;
  for (let k = 0; k < textCount; k++) values.push(textValue);

  // Lexicon cues.
  const hits: PhraseHit<Cue>[] = context.lexicon.cues.findAll(tokens);
  const seenCategories = new Set<string>();
  const symptoms: string[] = [];
  let outage = false;
  let outageInText = false;
  let outageInHashtag = outageHashtag;
  let negatedOutage = false;
  for (const hit of hits) {
    const cue = hit.value;
    if (cue.category === 'symptom') {
      if (!symptoms.includes(cue.phrase)) symptoms.push(cue.phrase);
      continue;
    }
    let category: string = cue.category;
    if (category === 'outage') {
      const negator = negatorBefore(tokens, hit.start, context.lexicon.negators, cue.phrase);
      if (negator) {
        negatedOutage = true;
        addNamed(out, dim, `negation:${negator} ${cue.phrase}`);
        category = 'negated-outage';
      } else {
        outage = true;
        if (!inHashtag || inHashtag[hit.start] === 0) outageInText = true;
        else outageInHashtag = true;
      }
    }
    // "not good", "nicht gut": a negated praise word is its own feature, not praise. Negated negative words are
    // left alone: "no internet", "can't ... error" are how outages are told, not a reversal.
    if (category === 'positive' && negatorBefore(tokens, hit.start, context.lexicon.negators, cue.phrase)) category = 'negated-positive';
    if (category !== 'negated-outage') addNamed(out, dim, `${category}:${cue.phrase}`);
    if (!seenCategories.has(category)) {
      seenCategories.add(category);
      addNamed(out, dim, `cat:${category}`);
    }
  }
  for (const symptom of symptoms) addNamed(out, dim, `symptom:${symptom}`);

  // Services named.
  const services = context.services.match(tokens, kinds, scan.hosts, outage || negatedOutage || seenCategories.has('recovery'));
  out.services = services;
  out.symptoms = symptoms;

  // Shape of the post.
  addNamed(out, dim, 'bias');
  addNamed(out, dim, `lang:${lang}`);
  addNamed(out, dim, lengthBucket(words));
  if (services.length > 0) addNamed(out, dim, 'service:named');
  else addNamed(out, dim, 'service:none');
  if (services.length > 2) addNamed(out, dim, 'service:many');
  if (services.some((match) => match.via === 'handle')) addNamed(out, dim, 'service:handle');
  if (services.some((match) => match.via === 'hashtag')) addNamed(out, dim, 'service:hashtag');
  if (kinds[0] === TokenKind.Handle) addNamed(out, dim, 'shape:reply');
  const questionMarks = countToken(tokens, '?');
  if (questionMarks > 0) addNamed(out, dim, 'shape:question-mark');
  if (countToken(tokens, '!') > 1) addNamed(out, dim, 'shape:exclamations');
  if (tokens.includes('"')) addNamed(out, dim, 'shape:quote');
  if (scan.hosts.length > 0) addNamed(out, dim, words <= 3 ? 'shape:url-only' : 'shape:url');
  if (scan.letters >= 8 && scan.upper / scan.letters > 0.7) addNamed(out, dim, 'shape:all-caps');
  if (scan.elongated > 0) addNamed(out, dim, 'shape:elongated');
  if (kinds.includes(TokenKind.Emoji)) addNamed(out, dim, 'shape:emoji');
  const numbers = countKind(kinds, TokenKind.Number);
  if (numbers >= 2) addNamed(out, dim, 'shape:numbers');
  if (hasClockTime(tokens, kinds)) addNamed(out, dim, 'shape:clock-time');
  if (negatedOutage) addNamed(out, dim, 'cue:negated-outage');
  if (outage) {
    if (seenCategories.has('first-person')) addNamed(out, dim, 'cue:outage+first-person');
    if (seenCategories.has('question') || questionMarks > 0) addNamed(out, dim, 'cue:outage+question');
    if (services.length > 0) addNamed(out, dim, 'cue:outage+service');
    else addNamed(out, dim, 'cue:outage-without-service');
    if (seenCategories.has('news') && !seenCategories.has('first-person')) addNamed(out, dim, 'cue:outage+news-voice');
    if (seenCategories.has('joke')) addNamed(out, dim, 'cue:outage+joke');
    if (seenCategories.has('status')) addNamed(out, dim, 'cue:outage+status-voice');
    if (seenCategories.has('sarcasm')) addNamed(out, dim, 'cue:outage+sarcasm');
  }
  // "#whatsappdown" under an unrelated sentence is more often a joke or a riff than a report.
  if (outageInHashtag && !outageInText) addNamed(out, dim, 'cue:outage-only-in-hashtag');
  if (seenCategories.has('maintenance') && (seenCategories.has('first-person') || seenCategories.has('negative')) && !seenCategories.has('status')) {
    addNamed(out, dim, 'cue:maintenance+user-voice');
  }
  if (seenCategories.has('recovery') && !outage) addNamed(out, dim, 'cue:recovery-only');
  if (seenCategories.has('news') && !seenCategories.has('first-person') && questionMarks === 0) addNamed(out, dim, 'cue:third-person-report');
  return out;
}

function addNamed(out: PostFeatures, dim: number, name: string): void {
  const index = bucket(hashText(name, SEED_NAMED), dim);
  out.indices.push(index);
  out.values.push(1);
  out.named.push({ name, index });
}

function negatorBefore(tokens: readonly string[], start: number, negators: ReadonlySet<string>, phrase: string): string | undefined {
  // A phrase that carries its own negation ("werkt niet", "no funciona") is not negated again by it.
  let own = selfNegated.get(phrase);
  if (own === undefined) {
    own = phraseTokens(phrase).some((word) => negators.has(word));
    selfNegated.set(phrase, own);
  }
  if (own) return undefined;
  for (let k = Math.max(0, start - NEGATION_WINDOW); k < start; k++) if (negators.has(tokens[k])) return tokens[k];
  return undefined;
}

function countToken(tokens: readonly string[], token: string): number {
  let count = 0;
  for (const t of tokens) if (t === token) count++;
  return count;
}

function countKind(kinds: readonly TokenKind[], kind: TokenKind): number {
  let count = 0;
  for (const k of kinds) if (k === kind) count++;
  return count;
}

function hasClockTime(tokens: readonly string[], kinds: readonly TokenKind[]): boolean {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (kinds[i] === TokenKind.Number && tokens[i + 1] === ':' && kinds[i + 2] === TokenKind.Number) return true;
  }
  return false;
}
