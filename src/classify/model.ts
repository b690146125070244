// A multinomial logistic regression over hashed features: small, fast to apply (one multiply-add per
// feature and class), trained with AdaGrad. Weights ship in data/model/ as quantised, gzipped numbers.
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

export interface TrainingExample {
  indices: number[];
  values: number[];
  label: number;
  weight: number;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update. */
  l2: number;
  seed: number;
  /** Models trained on different shuffles and averaged (training.ts); 1 when absent. */
  runs?: number;
  /** Decision threshold of the first label (see LinearModel.threshold); absent: argmax. */
  threshold?: number;
}

export const ModelFileSchema = z.object({
  kind: z.literal('hashed-logistic-regression'),
  version: z.literal(1),
  labels: z.array(z.string()).min(2),
  dim: z.number().int().positive(),
  charNgrams: z.array(z.number().int().min(1).max(6)),
  langWords: z.boolean().optional(),
  stems: z.boolean().optional(),
  namedBits: z.number().int().min(1).max(24).optional(),
  scale: z.number().positive(),
  /** The first label wins when its probability reaches this (else the most probable of the others); absent: plain argmax. */
  threshold: z.number().gt(0).lt(1).optional(),
  /** Int16 weights, feature-major (dim x labels), gzipped and base64-encoded. */
  weights: z.string(),
  trainedOn: z.record(z.string(), z.number()).optional(),
}).strict();

export type ModelFile = z.infer<typeof ModelFileSchema>;

export class LinearModel {
  constructor(
    readonly labels: readonly string[],
    readonly dim: number,
    readonly weights: Float32Array,
    /** The first label wins at this probability (ModelFile.threshold); undefined: plain argmax. */
    public threshold?: number,
  ) {}

  static empty(labels: readonly string[], dim: number): LinearModel {
    return new LinearModel(labels, dim, new Float32Array(dim * labels.length));
  }

  /** Class scores (logits) into `out`. */
  logits(indices: readonly number[], values: readonly number[], out: Float64Array): Float64Array {
    const k = this.labels.length;
    const w = this.weights;
    out.fill(0);
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i] * k;
      const v = values[i];
      for (let c = 0; c < k; c++) out[c] += w[base + c] * v;
    }
    return out;
  }

  /** Class probabilities into `out` (softmax of the logits). */
  probabilities(indices: readonly number[], values: readonly number[], out: Float64Array): Float64Array {
    this.logits(indices, values, out);
    softmaxInPlace(out);
    return out;
  }

  /** How much feature `index` pushes class `label` above the others' mean. */
  contribution(index: number, label: number): number {
    const k = this.labels.length;
    let mean = 0;
    for (let c = 0; c < k; c++) mean += this.weights[index * k + c];
    mean /= k;
    return this.weights[index * k + label] - mean;
  }

  toFile(features: { charNgrams: number[]; langWords?: boolean; stems?: boolean; namedBits?: number }, trainedOn?: Record<string, number>): ModelFile {
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32767 : 1;
    const quantised = new Int16Array(this.weights.length);
    for (let i = 0; i < this.weights.length; i++) quantised[i] = Math.round(this.weights[i] / scale);
    const weights = gzipSync(Buffer.from(quantised.buffer), { level: 9 }).toString('base64');
    const { charNgrams, langWords, stems, namedBits } = features;
    return { kind: 'hashed-logistic-regression', version: 1, labels: [...this.labels], dim: this.dim, charNgrams, langWords, stems, namedBits, scale, threshold: this.threshold, weights, trainedOn };
  }

  static fromFile(file: ModelFile): LinearModel {
    const raw = gunzipSync(Buffer.from(file.weights, 'base64'));
    const quantised = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    if (quantised.length !== file.dim * file.labels.length) {
      throw new Error(`model weights: ${quantised.length} numbers, expected ${file.dim} x ${file.labels.length}`);
    }
    const weights = new Float32Array(quantised.length);
    for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i] * file.scale;
    return new LinearModel(file.labels, file.dim, weights, file.threshold);
  }

  /** The chosen class of probabilities `p`: the first when it reaches the threshold, else the most probable. */
  choose(p: ArrayLike<number>): number {
    if (this.threshold !== undefined) {
      if (p[0] >= this.threshold) return 0;
      let best = 1;
      for (let c = 2; c < this.labels.length; c++) if (p[c] > p[best]) best = c;
      return best;
    }
    let best = 0;
    for (let c = 1; c < this.labels.length; c++) if (p[c] > p[best]) best = c;
    return best;
  }
}

export function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c] - max);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
}

/** A small deterministic PRNG (mulberry32) so that training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains the model in place with AdaGrad on the softmax cross-entropy, examples shuffled per epoch. */
export function train(model: LinearModel, examples: TrainingExample[], options: TrainingOptions): void {
  const k = model.labels.length;
  const w = model.weights;
  const g2 = new Float32Array(w.length).fill(1e-6);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const p = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const e of order) {
      const example = examples[e];
      model.probabilities(example.indices, example.values, p);
      for (let f = 0; f < example.indices.length; f++) {
        const base = example.indices[f] * k;
        const v = example.values[f];
        for (let c = 0; c < k; c++) {
          const target = c === example.label ? 1 : 0;
          const grad = example.weight * (p[c] - target) * v + options.l2 * w[base + c];
          g2[base + c] += grad * grad;
          w[base + c] -= (options.learningRate * grad) / Math.sqrt(g2[base + c]);
        }
      }
    }
  }
}
