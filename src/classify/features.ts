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
  /**
   * Named features (lexicon cues, shape) get the last 2^namedBits slots to themselves, so a rare cue never
   * shares a weight with a frequent word or n-gram. Unset: they share the whole space (older model files).
   */
  namedBits?: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { dim: 1 << 18, charNgrams: [3, 4], langWords: true, stems: true, namedBits: 15 };

/** Where the hashed features go: text features in [0, textEnd), named features in [namedStart, namedStart + namedSize). */
export interface FeatureLayout {
  dim: number;
  textEnd: number;
  namedStart: number;
  namedSize: number;
}

export function layoutOf(config: FeatureConfig): FeatureLayout {
  const { dim, namedBits } = config;
  if (namedBits === undefined) return { dim, textEnd: dim, namedStart: 0, namedSize: dim };
  const namedSize = 2 ** namedBits;
  if (namedSize * 2 > dim) throw new RangeError(`features: 2^namedBits (${namedSize}) must be at most half of dim (${dim})`);
  return { dim, textEnd: dim - namedSize, namedStart: dim - namedSize, namedSize };
}

/** A text feature's slot: outside the named region (a slot that falls inside it moves down by its size). */
function textBucket(h: number, layout: FeatureLayout): number {
  const index = bucket(h, layout.dim);
  return index < layout.textEnd ? index : index - layout.namedSize;
}

/** A named feature, kept so that a verdict can say which features decided it. */
export interface NamedFeature {
  name: string;
  index: number;
}

export interface PostFeatures {
  /** Hashed feature indices; a feature may repeat (its count). Text features first (when extracted), then named ones. */
  indices: number[];
  /** The weight of each index (text features are scaled down in long posts). */
  values: number[];
  named: NamedFeature[];
  services: ServiceMatch[];
  symptoms: string[];
  /** The tokens the text features are made of: the scan's, with hashtags followed by their parts. */
  tokens: string[];
  kinds: TokenKind[];
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

/** A catalogue hashtag of an ambiguous name that ends in "down" ("#zoomdown", "#signaldown"): the name is no hashtag prefix. */
function splitServiceOutageHashtag(body: string, services: ServiceMatcher): [string, string] | undefined {
  for (const word of HASHTAG_OUTAGE_WORDS) {
    if (body.length > word.length && body.endsWith(word) && services.isServiceHashtag(body)) return [body.slice(0, body.length - word.length), word];
  }
  return undefined;
}

/** A CJK hashtag's characters one by one, with its Latin runs kept whole ("#wifi障害" -> wifi 障 害, not w i f i). */
function cjkHashtagParts(token: string): string[] {
  const parts: string[] = [];
  let run = '';
  for (const ch of token) {
    if (isCjk(ch.charCodeAt(0))) {
      if (run !== '') parts.push(run);
      run = '';
      parts.push(ch);
    } else run += ch;
  }
  if (run !== '') parts.push(run);
  return parts;
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
      for (const part of cjkHashtagParts(token)) push(part, isCjk(part.charCodeAt(0)) ? TokenKind.Cjk : TokenKind.Word, 1);
      continue;
    }
    const split = context.services.splitHashtag(token) ?? splitOutageSuffix(token, outageWords) ?? splitServiceOutageHashtag(token, context.services);
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

/**
 * Extracts every feature of one scanned post. Without `withText` the text features (words, pairs, n-grams)
 * are left out: a scorer that memoises them per token (text-scorer.ts) adds them from `tokens` itself.
 */
export function extractFeatures(scan: TextScan, lang: string, context: FeatureContext, withText = true): PostFeatures {
  const layout = layoutOf(context.config);
  const { tokens, kinds, inHashtag, outageHashtag } = splitHashtags(scan, context);
  const indices: number[] = [];
  const values: number[] = [];
  const named: NamedFeature[] = [];
  const out: PostFeatures = { indices, values, named, services: [], symptoms: [], tokens, kinds };

  // Text features: words, word pairs, character n-grams. Scaled by 1/sqrt(count) so long posts do not shout.
  if (withText) {
    const settings: TokenFeatureSettings = { config: context.config, layout, langSeed: textLanguageSeed(lang, context.config), stemmer: context.stemmer };
    let previous = '';
    for (let t = 0; t < tokens.length; t++) {
      const token = textFeatureToken(tokens[t], kinds[t], context.services);
      if (token === undefined) {
        previous = '';
        continue;
      }
      pushTokenFeatures(token, kinds[t], settings, indices);
      if (previous !== '') indices.push(pairFeature(previous, token, layout));
      previous = token;
    }
    const textValue = indices.length > 0 ? 1 / Math.sqrt(indices.length) : 0;
    for (let k = 0; k < indices.length; k++) values.push(textValue);
  }
  const words = countWords(kinds);

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
        addNamed(out, layout, `negation:${negator} ${cue.phrase}`);
        category = 'negated-outage';
      } else {
        outage = true;
        if (!inHashtag || inHashtag[hit.start] === 0) outageInText = true;
        else outageInHashtag = true;
      }
    }
    // "geht wieder nicht", "doet het weer eens niet": a recovery phrase negated at the end of its clause is an outage.
    if (category === 'recovery' && clauseFinalNegatorAfter(tokens, kinds, hit.end, context.lexicon.negators)) {
      category = 'negated-recovery';
      outage = true;
      if (!inHashtag || inHashtag[hit.start] === 0) outageInText = true;
    }
    // "not good", "nicht gut": a negated praise word is its own feature, not praise. Negated negative words are
    // left alone: "no internet", "can't ... error" are how outages are told, not a reversal.
    if (category === 'positive' && negatorBefore(tokens, hit.start, context.lexicon.negators, cue.phrase)) category = 'negated-positive';
    // "oh good", "love that for me": praise inside an ironic phrase is the irony, not praise.
    if (category === 'positive' && insideSarcasm(hits, hit)) continue;
    if (category !== 'negated-outage') addNamed(out, layout, `${category}:${cue.phrase}`);
    if (!seenCategories.has(category)) {
      seenCategories.add(category);
      addNamed(out, layout, `cat:${category}`);
    }
  }
  for (const symptom of symptoms) addNamed(out, layout, `symptom:${symptom}`);

  // Services named.
  const services = context.services.match(tokens, kinds, scan.hosts, outage || negatedOutage || seenCategories.has('recovery'));
  out.services = services.length > 0 ? services : context.services.matchGeneric(tokens, kinds);
  out.symptoms = symptoms;

  // Shape of the post.
  addNamed(out, layout, 'bias');
  addNamed(out, layout, `lang:${lang}`);
  addNamed(out, layout, lengthBucket(words));
  if (services.length > 0) addNamed(out, layout, 'service:named');
  else addNamed(out, layout, 'service:none');
  if (services.length > 2) addNamed(out, layout, 'service:many');
  if (services.some((match) => match.via === 'handle')) addNamed(out, layout, 'service:handle');
  if (services.some((match) => match.via === 'hashtag')) addNamed(out, layout, 'service:hashtag');
  if (kinds[0] === TokenKind.Handle) addNamed(out, layout, 'shape:reply');
  // "RT @someone: ..." repeats somebody else's post: not a new first-person report (docs/classifier.md).
  if (tokens[0] === 'rt' && kinds[1] === TokenKind.Handle) addNamed(out, layout, 'shape:reshare');
  const questionMarks = countToken(tokens, '?');
  if (questionMarks > 0) addNamed(out, layout, 'shape:question-mark');
  if (countToken(tokens, '!') > 1) addNamed(out, layout, 'shape:exclamations');
  if (tokens.includes('"')) addNamed(out, layout, 'shape:quote');
  if (scan.hosts.length > 0) addNamed(out, layout, words <= 3 ? 'shape:url-only' : 'shape:url');
  if (scan.letters >= 8 && scan.upper / scan.letters > 0.7) addNamed(out, layout, 'shape:all-caps');
  if (scan.elongated > 0) addNamed(out, layout, 'shape:elongated');
  if (kinds.includes(TokenKind.Emoji)) addNamed(out, layout, 'shape:emoji');
  const numbers = countKind(kinds, TokenKind.Number);
  if (numbers >= 2) addNamed(out, layout, 'shape:numbers');
  if (hasClockTime(tokens, kinds)) addNamed(out, layout, 'shape:clock-time');
  // "down 3%", "-5,2 %": markets and polls, not outages.
  if (hasPercentage(tokens, kinds)) addNamed(out, layout, 'shape:percentage');
  if (negatedOutage) addNamed(out, layout, 'cue:negated-outage');
  if (outage) {
    if (seenCategories.has('first-person')) addNamed(out, layout, 'cue:outage+first-person');
    if (seenCategories.has('question') || questionMarks > 0) addNamed(out, layout, 'cue:outage+question');
    if (services.length > 0) addNamed(out, layout, 'cue:outage+service');
    else addNamed(out, layout, 'cue:outage-without-service');
    if (seenCategories.has('news') && !seenCategories.has('first-person')) addNamed(out, layout, 'cue:outage+news-voice');
    if (seenCategories.has('joke')) addNamed(out, layout, 'cue:outage+joke');
    if (seenCategories.has('status')) addNamed(out, layout, 'cue:outage+status-voice');
    if (seenCategories.has('sarcasm')) addNamed(out, layout, 'cue:outage+sarcasm');
  }
  // "whatsapp down", "ig caído?": a service and an outage word (or the loanword "down", which alone is no English
  // outage cue: "I feel down") in at most three words is how people report, not how desks write.
  if (words <= 3 && services.length > 0 && (outage || tokens.includes('down'))) addNamed(out, layout, 'cue:bare-outage');
  // "#whatsappdown" under an unrelated sentence is more often a joke or a riff than a report; a post of
  // hashtags alone ("#kpnstoring #storing") is a terse report.
  if (outageInHashtag && !outageInText) addNamed(out, layout, hasTextOutsideHashtags(kinds, inHashtag) ? 'cue:outage-only-in-hashtag' : 'cue:outage-hashtags-only');
  if (seenCategories.has('maintenance') && (seenCategories.has('first-person') || seenCategories.has('negative')) && !seenCategories.has('status')) {
    addNamed(out, layout, 'cue:maintenance+user-voice');
  }
  if (seenCategories.has('recovery') && !outage) addNamed(out, layout, 'cue:recovery-only');
  if (seenCategories.has('news') && !seenCategories.has('first-person') && questionMarks === 0) addNamed(out, layout, 'cue:third-person-report');
  return out;
}

/** The seed that hashes a word together with the post's language (0: no such features). */
export function textLanguageSeed(lang: string, config: FeatureConfig): number {
  return config.langWords ? hashText(lang, SEED_LANG_WORD) : 0;
}

/** What a token's own features depend on besides the token: the settings, the post's language and its stemmer. */
export interface TokenFeatureSettings {
  config: FeatureConfig;
  layout: FeatureLayout;
  /** textLanguageSeed of the post's language. */
  langSeed: number;
  stemmer?: WordStemmer;
}

/** What the text features need of the catalogue: which tokens are a service's one-word name. */
export interface ServiceWords {
  isServiceWord(token: string): boolean;
}

/** The token every service name becomes in the text features. */
export const SERVICE_TOKEN = '<service>';

/**
 * A token as the text features see it: a handle is "@", a number "00" or "0000", a service's one-word name
 * SERVICE_TOKEN (which service is named must not decide whether a post is a complaint: attribution is apart);
 * a URL is none (and breaks word pairs).
 */
export function textFeatureToken(token: string, kind: TokenKind, services: ServiceWords): string | undefined {
  if (kind === TokenKind.Url) return undefined;
  if (kind === TokenKind.Handle) return '@';
  if (services.isServiceWord(token)) return SERVICE_TOKEN;
  if (kind === TokenKind.Number) return token.length > 2 ? '0000' : '00';
  return token;
}

/**
 * The features of one token on its own, appended to `out`: the word, the word in this language, and for
 * words of 3+ letters their stem and character n-grams. They depend on the token, its kind and the language
 * only, which is what lets text-scorer.ts memoise them.
 */
export function pushTokenFeatures(token: string, kind: TokenKind, settings: TokenFeatureSettings, out: number[]): void {
  const { layout, langSeed, stemmer } = settings;
  out.push(textBucket(hashText(token, SEED_WORD), layout));
  if (langSeed !== 0) out.push(textBucket(hashText(token, langSeed), layout));
  if (kind !== TokenKind.Word || token.length < 3) return;
  if (stemmer && token.length > 4) {
    const stem = stemmer.stem(token);
    if (stem !== token) out.push(textBucket(hashText(stem, SEED_STEM), layout));
  }
  for (const n of settings.config.charNgrams) {
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
      out.push(textBucket(h, layout));
    }
  }
}

/** The feature of two neighbouring tokens (URLs between them break the pair). */
export function pairFeature(previous: string, token: string, layout: FeatureLayout): number {
  return textBucket(hashText(token, hashText(previous, SEED_PAIR) ^ 0x20), layout);
}

/** Words, CJK characters and numbers: the post's length in words. */
function countWords(kinds: readonly TokenKind[]): number {
  let words = 0;
  for (const kind of kinds) if (kind === TokenKind.Word || kind === TokenKind.Cjk || kind === TokenKind.Number) words++;
  return words;
}

/** A named feature counts once per post, however often its cue occurs: a long post must not win by repeating "ich" a hundred times. */
function addNamed(out: PostFeatures, layout: FeatureLayout, name: string): void {
  const index = layout.namedStart + bucket(hashText(name, SEED_NAMED), layout.namedSize);
  for (const feature of out.named) if (feature.index === index && feature.name === name) return;
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

function insideSarcasm(hits: readonly PhraseHit<Cue>[], hit: PhraseHit<Cue>): boolean {
  for (const other of hits) {
    if (other.value.category === 'sarcasm' && other.start <= hit.start && other.end >= hit.end) return true;
  }
  return false;
}

const NEGATION_AFTER_WINDOW = 2;

/** A negator within two tokens after `end` that closes the clause (no word follows it): "werkt weer eens niet". */
function clauseFinalNegatorAfter(tokens: readonly string[], kinds: readonly TokenKind[], end: number, negators: ReadonlySet<string>): boolean {
  for (let k = end; k < Math.min(tokens.length, end + NEGATION_AFTER_WINDOW); k++) {
    if (negators.has(tokens[k])) return k + 1 >= tokens.length || kinds[k + 1] !== TokenKind.Word;
  }
  return false;
}

function hasTextOutsideHashtags(kinds: readonly TokenKind[], inHashtag: Uint8Array | undefined): boolean {
  for (let i = 0; i < kinds.length; i++) {
    if ((kinds[i] === TokenKind.Word || kinds[i] === TokenKind.Cjk) && (!inHashtag || inHashtag[i] === 0)) return true;
  }
  return false;
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

function hasPercentage(tokens: readonly string[], kinds: readonly TokenKind[]): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) if (kinds[i] === TokenKind.Number && tokens[i + 1] === '%') return true;
  return false;
}

function hasClockTime(tokens: readonly string[], kinds: readonly TokenKind[]): boolean {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (kinds[i] === TokenKind.Number && tokens[i + 1] === ':' && kinds[i + 2] === TokenKind.Number) return true;
  }
  return false;
}
