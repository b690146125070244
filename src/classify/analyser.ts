// Everything the classifier knows before its trained weights: catalogue, lexicons, language id and
// feature extraction. Training and classification share it, so they see the same features.
import { detectScannedLanguage } from '../text/language.ts';
import { compileLexicon, loadLexicons, type CompiledLexicon, type Lexicon } from '../text/lexicon.ts';
import { WordStemmer } from '../text/stem.ts';
import { scanText } from '../text/tokenize.ts';
import { loadCatalogue, type Catalogue } from './catalogue.ts';
import { DEFAULT_FEATURES, extractFeatures, type FeatureConfig, type PostFeatures } from './features.ts';
import { ServiceMatcher } from './services.ts';

export interface TextPost {
  text: string;
  /** The post's own language when the source gives one; it wins over detection. */
  lang?: string;
}

export interface AnalysedPost extends PostFeatures {
  lang: string;
}

export class TextAnalyser {
  private readonly compiled = new Map<string, CompiledLexicon>();
  private readonly stemmers = new Map<string, WordStemmer | undefined>();
  private readonly lexicons: Map<string, Lexicon>;
  readonly services: ServiceMatcher;

  constructor(
    readonly config: FeatureConfig = DEFAULT_FEATURES,
    readonly catalogue: Catalogue = loadCatalogue(),
    lexicons?: Map<string, Lexicon>,
  ) {
    this.lexicons = lexicons ?? loadLexicons();
    this.services = new ServiceMatcher(catalogue);
  }

  /** The post's language and features; `withText: false` leaves the text features to a TextScorer. */
  analyse(post: TextPost, withText = true): AnalysedPost {
    const scan = scanText(post.text);
    const lang = post.lang && /^[a-z]{2}$/.test(post.lang) ? post.lang : detectScannedLanguage(scan);
    const stemmer = this.stemmerFor(lang);
    const analysed = extractFeatures(scan, lang, { config: this.config, lexicon: this.lexiconFor(lang), services: this.services, stemmer }, withText) as AnalysedPost;
    analysed.lang = lang;
    return analysed;
  }

  /** The stemmer the text features of a language use (none when the config has no stems or natural has none). */
  stemmerFor(lang: string): WordStemmer | undefined {
    if (!this.config.stems) return undefined;
    if (!this.stemmers.has(lang)) this.stemmers.set(lang, WordStemmer.forLanguage(lang));
    return this.stemmers.get(lang);
  }

  private lexiconFor(lang: string): CompiledLexicon {
    let lexicon = this.compiled.get(lang);
    if (!lexicon) {
      lexicon = compileLexicon(lang, this.lexicons);
      this.compiled.set(lang, lexicon);
    }
    return lexicon;
  }
}
