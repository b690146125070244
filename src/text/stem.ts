// Word stems from natural's Porter stemmers, for the languages that have one. Imported file by file
// (natural's index pulls in storage back ends that print on load). Stems are memoised per language,
// so the hot path pays a map lookup per word.
import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}

const require = createRequire(import.meta.url);

const STEMMER_FILES: Record<string, string> = {
  en: 'porter_stemmer.js',
  nl: 'porter_stemmer_nl.js',
  de: 'porter_stemmer_de.js',
  fr: 'porter_stemmer_fr.js',
  es: 'porter_stemmer_es.js',
  pt: 'porter_stemmer_pt.js',
  it: 'porter_stemmer_it.js',
};

const MEMO_LIMIT = 200_000;

export class WordStemmer {
  private readonly memo = new Map<string, string>();

  private constructor(private readonly stemmer: Stemmer) {}

  /** The stemmer for a language, or undefined when natural has none (pl, tr, ja...). */
  static forLanguage(lang: string): WordStemmer | undefined {
    const file = STEMMER_FILES[lang];
    if (!file) return undefined;
    const stemmer = require(`natural/lib/natural/stemmers/${file}`) as Stemmer;
    return new WordStemmer(stemmer);
  }

  stem(word: string): string {
    let stem = this.memo.get(word);
    if (stem === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      stem = this.stemmer.stem(word);
      this.memo.set(word, stem);
    }
    return stem;
  }
}
