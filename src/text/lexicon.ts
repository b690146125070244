// Lexicons: the words and phrases per language that cue outages, symptoms, recovery, news style,
// jokes, first person, questions, operator status voice, ads and sentiment. Data in data/lexicon/.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PhraseTrie } from './phrases.ts';
import { phraseTokens } from './tokenize.ts';

export const LEXICON_DIR = fileURLToPath(new URL('../../data/lexicon/', import.meta.url));

const phraseList = z.array(z.string().min(1));

export const LexiconSchema = z.object({
  lang: z.string().regex(/^[a-z]{2}$/),
  stopwords: phraseList,
  outage: phraseList.min(1),
  symptoms: z.record(z.string().regex(/^[a-z-]+$/), phraseList),
  recovery: phraseList,
  negation: phraseList,
  notOutage: phraseList,
  news: phraseList,
  joke: phraseList,
  firstPerson: phraseList,
  question: phraseList,
  status: phraseList,
  ad: phraseList,
  /** Ironic praise around a failure ("oh great", "love that for me"): it flips the polarity of what follows. */
  sarcasm: phraseList.default([]),
  /** Planned-work words ("maintenance", "prace serwisowe", "メンテ"): operators announce them, users complain about them. */
  maintenance: phraseList.default([]),
  sentiment: z.object({ positive: phraseList, negative: phraseList }),
}).strict();

export type Lexicon = z.infer<typeof LexiconSchema>;

/** The cue categories a phrase can belong to; they name the classifier's explainable features. */
export const CUE_CATEGORIES = [
  'outage', 'recovery', 'not-outage', 'news', 'joke', 'first-person', 'question', 'status', 'ad', 'sarcasm', 'maintenance', 'positive', 'negative',
] as const;
export type CueCategory = (typeof CUE_CATEGORIES)[number];

export interface Cue {
  category: CueCategory | 'symptom';
  /** The phrase as written in the lexicon, or the symptom id for symptom cues. */
  phrase: string;
}

export interface CompiledLexicon {
  lang: string;
  cues: PhraseTrie<Cue>;
  /** Single-token negators ("not", "niet", "kein"), for negation scope. */
  negators: Set<string>;
  /** Every single token of the outage list; hashtag splitting uses them ("#kpnstoring"). */
  outageWords: Set<string>;
}

export class LexiconError extends Error {
  override name = 'LexiconError';
}

/** Parses one lexicon file's JSON; the error names the file and the field at fault. */
export function parseLexicon(json: unknown, file: string): Lexicon {
  const parsed = LexiconSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LexiconError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const listsByCategory: Array<[CueCategory, (lexicon: Lexicon) => string[]]> = [
  ['outage', (l) => l.outage],
  ['recovery', (l) => l.recovery],
  ['not-outage', (l) => l.notOutage],
  ['news', (l) => l.news],
  ['joke', (l) => l.joke],
  ['first-person', (l) => l.firstPerson],
  ['question', (l) => l.question],
  ['status', (l) => l.status],
  ['ad', (l) => l.ad],
  ['sarcasm', (l) => l.sarcasm],
  ['maintenance', (l) => l.maintenance],
  ['positive', (l) => l.sentiment.positive],
  ['negative', (l) => l.sentiment.negative],
];

/** Categories borrowed from English by every other language: code-switching ("WhatsApp down", "error", "love it"). */
const SHARED_FROM_ENGLISH: ReadonlySet<CueCategory> = new Set(['outage', 'recovery', 'joke', 'positive', 'negative']);

function addLexicon(trie: PhraseTrie<Cue>, lexicon: Lexicon, only?: ReadonlySet<CueCategory>): void {
  for (const [category, list] of listsByCategory) {
    if (only && !only.has(category)) continue;
    for (const phrase of list(lexicon)) trie.add(phraseTokens(phrase), { category, phrase });
  }
  if (only) return;
  for (const [symptom, phrases] of Object.entries(lexicon.symptoms)) {
    for (const phrase of phrases) trie.add(phraseTokens(phrase), { category: 'symptom', phrase: symptom });
  }
}

let rawCache: Map<string, Lexicon> | undefined;

/** Every lexicon in data/lexicon/, parsed and validated (cached). */
export function loadLexicons(dir: string = LEXICON_DIR): Map<string, Lexicon> {
  if (rawCache && dir === LEXICON_DIR) return rawCache;
  const lexicons = new Map<string, Lexicon>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = `${dir}${name}`;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new LexiconError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const lexicon = parseLexicon(json, file);
    if (`${lexicon.lang}.json` !== name) throw new LexiconError(`${file}: "lang" is ${lexicon.lang}, the file name says ${name}`);
    lexicons.set(lexicon.lang, lexicon);
  }
  if (dir === LEXICON_DIR) rawCache = lexicons;
  return lexicons;
}

/** Compiles one language's lexicon (English cues of code-switching included) into a phrase trie. */
export function compileLexicon(lang: string, lexicons: Map<string, Lexicon>): CompiledLexicon {
  const english = lexicons.get('en');
  const own = lexicons.get(lang) ?? english;
  const cues = new PhraseTrie<Cue>();
  const negators = new Set<string>();
  const outageWords = new Set<string>();
  for (const lexicon of [own, lang === 'en' ? undefined : english]) {
    if (!lexicon) continue;
    addLexicon(cues, lexicon, lexicon === own ? undefined : SHARED_FROM_ENGLISH);
    if (lexicon === own) for (const word of lexicon.negation) negators.add(phraseTokens(word).join(' '));
    for (const phrase of lexicon.outage) {
      const tokens = phraseTokens(phrase);
      if (tokens.length === 1) outageWords.add(tokens[0]);
    }
  }
  return { lang, cues, negators, outageWords };
}
