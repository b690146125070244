// The classifier: complaint / news / joke / other, sentiment, services and symptoms of one post,
// with the features that decided it. Synchronous and cached: load once, classify many.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LABELS, SENTIMENTS, type Verdict } from '../model/types.ts';
import { TextAnalyser, type AnalysedPost, type TextPost } from './analyser.ts';
import type { FeatureConfig } from './features.ts';
import { LinearModel, ModelFileSchema, softmaxInPlace } from './model.ts';
import { TextScorer } from './text-scorer.ts';

export const MODEL_DIR = fileURLToPath(new URL('../../data/model/', import.meta.url));
export const COMPLAINT_MODEL_FILE = `${MODEL_DIR}complaint.json`;
export const SENTIMENT_MODEL_FILE = `${MODEL_DIR}sentiment.json`;

/** What the text alone says about a post: the Verdict without its post id and region (resolved elsewhere). */
export type TextVerdict = Omit<Verdict, 'postId' | 'region'>;

export interface Classifier {
  classify(post: TextPost): TextVerdict;
}

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const WHY_LIMIT = 6;

export interface ModelWithFeatures {
  model: LinearModel;
  features: FeatureConfig;
}

/** Reads and checks one model file; the feature settings it was trained with come with it. */
export function readModelFile(file: string): ModelWithFeatures {
  if (!existsSync(file)) throw new ModelFileError(`${file}: missing; run \`npm run train\` to build it`);
  const parsed = ModelFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFileError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { dim, charNgrams, langWords = false, stems = false, namedBits } = parsed.data;
  const features: FeatureConfig = { dim, charNgrams, langWords, stems };
  if (namedBits !== undefined) features.namedBits = namedBits;
  return { model: LinearModel.fromFile(parsed.data), features };
}

function expectLabels(file: string, model: LinearModel, labels: readonly string[]): void {
  if (model.labels.join() !== labels.join()) {
    throw new ModelFileError(`${file}: labels ${model.labels.join(',')}, expected ${labels.join(',')}`);
  }
}

export class LinearClassifier implements Classifier {
  /** Both models' weights side by side per feature (4 label columns, then 3 sentiment columns): one pass scores both. */
  private readonly fused: Float32Array;
  private readonly scores = new Float64Array(LABELS.length + SENTIMENTS.length);
  private readonly text: TextScorer;

  constructor(
    private readonly analyser: TextAnalyser,
    private readonly complaint: LinearModel,
    sentiment: LinearModel,
  ) {
    const width = LABELS.length + SENTIMENTS.length;
    this.fused = new Float32Array(complaint.dim * width);
    for (let f = 0; f < complaint.dim; f++) {
      for (let c = 0; c < LABELS.length; c++) this.fused[f * width + c] = complaint.weights[f * LABELS.length + c];
      for (let c = 0; c < SENTIMENTS.length; c++) this.fused[f * width + LABELS.length + c] = sentiment.weights[f * SENTIMENTS.length + c];
    }
    this.text = new TextScorer(this.fused, width, analyser.config, (lang) => analyser.stemmerFor(lang), analyser.services);
  }

  classify(post: TextPost): TextVerdict {
    const analysed = this.analyser.analyse(post, false);
    const p = this.logits(analysed);
    const labels = p.subarray(0, 4);
    softmaxInPlace(labels);
    const best = this.complaint.choose(labels);
    const moods = p.subarray(4, 7);
    softmaxInPlace(moods);
    let mood = 0;
    for (let c = 1; c < 3; c++) if (moods[c] > moods[mood]) mood = c;
    const services: string[] = [];
    for (const match of analysed.services) services.push(match.service);
    return {
      services,
      label: LABELS[best],
      score: round(labels[0]),
      sentiment: { label: SENTIMENTS[mood], score: round(moods[2] - moods[0]) },
      symptoms: analysed.symptoms,
      lang: analysed.lang,
      why: this.explain(analysed.named, best),
    };
  }

  /**
   * Both models' scores before the softmax (4 labels, then 3 sentiments) of a post analysed without its
   * text features: those come from the per-token memo, scaled by 1/sqrt(count) as in training.
   */
  private logits(analysed: AnalysedPost): Float64Array {
    const p = this.scores;
    p.fill(0);
    const count = this.text.addText(analysed.tokens, analysed.kinds, analysed.lang, p);
    if (count > 0) {
      const scale = 1 / Math.sqrt(count);
      for (let c = 0; c < 7; c++) p[c] *= scale;
    }
    const { indices, values } = analysed;
    const w = this.fused;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i] * 7;
      const v = values[i];
      for (let c = 0; c < 7; c++) p[c] += w[base + c] * v;
    }
    return p;
  }

  /** Both models' logits of a post (4 labels, then 3 sentiments), for tests against the plain dot product. */
  logitsOf(post: TextPost): Float64Array {
    return this.logits(this.analyser.analyse(post, false)).slice();
  }

  private explain(named: ReadonlyArray<{ name: string; index: number }>, label: number): string[] {
    const names: string[] = [];
    const weights: number[] = [];
    for (const feature of named) {
      if (feature.name === 'bias' || feature.name.startsWith('lang:')) continue;
      const weight = this.complaint.contribution(feature.index, label);
      if (weight <= 0.05 || names.includes(feature.name)) continue;
      let at = names.length;
      while (at > 0 && weights[at - 1] < weight) at--;
      names.splice(at, 0, feature.name);
      weights.splice(at, 0, weight);
    }
    return names.length > WHY_LIMIT ? names.slice(0, WHY_LIMIT) : names;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

let cached: Classifier | undefined;

/** The classifier with the catalogue, lexicons and trained models from data/ (built once). */
export function loadClassifier(): Classifier {
  if (cached) return cached;
  const complaint = readModelFile(COMPLAINT_MODEL_FILE);
  const sentiment = readModelFile(SENTIMENT_MODEL_FILE);
  expectLabels(COMPLAINT_MODEL_FILE, complaint.model, LABELS);
  expectLabels(SENTIMENT_MODEL_FILE, sentiment.model, SENTIMENTS);
  if (JSON.stringify(complaint.features) !== JSON.stringify(sentiment.features)) {
    throw new ModelFileError(`${MODEL_DIR}: complaint and sentiment models were trained with different features; run \`npm run train\``);
  }
  cached = new LinearClassifier(new TextAnalyser(complaint.features), complaint.model, sentiment.model);
  return cached;
}
