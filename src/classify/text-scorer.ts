// The text features' share of a linear score, memoised per token. A word's own features (the word, the
// word in its language, its stem, 10-20 character n-grams) are the same in every post, so their weight
// columns are summed once per word and language and kept; a post then costs one map lookup per token
// plus its word pairs, instead of a hash and a scattered weight read per feature. The result equals the
// plain dot product over extractFeatures' indices up to floating-point rounding (test/classify-text-scorer.test.ts).
import type { WordStemmer } from '../text/stem.ts';
import { TokenKind } from '../text/tokenize.ts';
import { layoutOf, pairFeature, pushTokenFeatures, textFeatureToken, textLanguageSeed, type FeatureConfig, type FeatureLayout, type ServiceWords, type TokenFeatureSettings } from './features.ts';

/** Memo slots before the memo starts over (a slot is `width + 1` numbers: the column sums and the feature count). */
export const DEFAULT_MEMO_SLOTS = 1 << 17;

interface LanguageMemo {
  settings: TokenFeatureSettings;
  /** Slot per token, words and the other kinds apart (only words get stems and n-grams). */
  words: Map<string, number>;
  others: Map<string, number>;
}

export class TextScorer {
  private readonly layout: FeatureLayout;
  private readonly stride: number;
  private readonly slab: Float64Array;
  private used = 0;
  private readonly languages = new Map<string, LanguageMemo>();
  private readonly scratch: number[] = [];

  /**
   * @param weights feature-major weights, `width` columns per feature
   * @param stemmerFor the stemmer of a language (the same the analyser uses), or undefined
   */
  constructor(
    private readonly weights: Float32Array,
    private readonly width: number,
    private readonly config: FeatureConfig,
    private readonly stemmerFor: (lang: string) => WordStemmer | undefined,
    private readonly services: ServiceWords,
    private readonly slots = DEFAULT_MEMO_SLOTS,
  ) {
    this.layout = layoutOf(config);
    this.stride = width + 1;
    this.slab = new Float64Array(slots * this.stride);
  }

  /**
   * Adds the unscaled weight sums of the text features of `tokens` to `out[0..width)` and returns how many
   * text features there are (each weighs 1/sqrt(count) in the model, which the caller applies).
   */
  addText(tokens: readonly string[], kinds: readonly TokenKind[], lang: string, out: Float64Array): number {
    const memo = this.memoFor(lang);
    const { slab, stride, width, weights, layout } = this;
    let count = 0;
    let previous = '';
    for (let t = 0; t < tokens.length; t++) {
      const kind = kinds[t];
      const token = textFeatureToken(tokens[t], kind, this.services);
      if (token === undefined) {
        previous = '';
        continue;
      }
      const at = this.slotOf(memo, token, kind) * stride;
      for (let c = 0; c < width; c++) out[c] += slab[at + c];
      count += slab[at + width];
      if (previous !== '') {
        const base = pairFeature(previous, token, layout) * width;
        for (let c = 0; c < width; c++) out[c] += weights[base + c];
        count++;
      }
      previous = token;
    }
    return count;
  }

  private memoFor(lang: string): LanguageMemo {
    let memo = this.languages.get(lang);
    if (!memo) {
      const settings: TokenFeatureSettings = { config: this.config, layout: this.layout, langSeed: textLanguageSeed(lang, this.config), stemmer: this.stemmerFor(lang) };
      memo = { settings, words: new Map(), others: new Map() };
      this.languages.set(lang, memo);
    }
    return memo;
  }

  private slotOf(memo: LanguageMemo, token: string, kind: TokenKind): number {
    const map = kind === TokenKind.Word ? memo.words : memo.others;
    const known = map.get(token);
    if (known !== undefined) return known;
    if (this.used === this.slots) this.startOver();
    const slot = this.used++;
    const features = this.scratch;
    features.length = 0;
    pushTokenFeatures(token, kind, memo.settings, features);
    const { slab, width, weights } = this;
    const at = slot * this.stride;
    for (let c = 0; c <= width; c++) slab[at + c] = 0;
    for (const feature of features) {
      const base = feature * width;
      for (let c = 0; c < width; c++) slab[at + c] += weights[base + c];
    }
    slab[at + width] = features.length;
    map.set(token, slot);
    return slot;
  }

  /** A full memo forgets everything and fills again: cheap, and bounded memory on any vocabulary. */
  private startOver(): void {
    for (const memo of this.languages.values()) {
      memo.words.clear();
      memo.others.clear();
    }
    this.used = 0;
  }
}
