// Builds the complaint and sentiment models from labelled texts. Used by scripts/train.ts; kept
// here so that tuning and tests train exactly as `npm run train` does.
import { readFileSync } from 'node:fs';
import { LABELS, SENTIMENTS } from '../model/types.ts';
import { TextAnalyser } from './analyser.ts';
import type { FeatureConfig } from './features.ts';
import { LinearModel, train, type TrainingExample, type TrainingOptions } from './model.ts';

export interface LabelledText {
  id?: string;
  text: string;
  lang?: string;
  /** complaint | news | joke | other, when the source labels it. */
  label?: string;
  /** negative | neutral | positive, when the source labels it. */
  sentiment?: string;
  /** Where a real post was published (a page): cross-validation keeps one source's posts in one fold. */
  source?: string;
}

/** One training source: its texts and how much it counts for each model (0 = not used). */
export interface TrainingSource {
  name: string;
  texts: LabelledText[];
  labelWeight: number;
  sentimentWeight: number;
  /** The label given to texts that carry none (e.g. sentiment tweets count as 'other'). */
  defaultLabel?: string;
}

export interface TrainingPlan {
  features: FeatureConfig;
  sources: TrainingSource[];
  label: TrainingOptions;
  sentiment: TrainingOptions;
}

export interface TrainedModels {
  complaint: LinearModel;
  sentiment: LinearModel;
  /** Texts used per source. */
  trainedOn: Record<string, number>;
}

export function readJsonl(file: string): LabelledText[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, index) => {
    try {
      return JSON.parse(line) as LabelledText;
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
    }
  });
}

/**
 * Rows of a small RFC 4180 CSV file keyed by its header (quoted fields, doubled quotes, newlines in
 * quotes). Training only: the complaints corpus keeps its label in a `complaint` 1/0 column, which
 * the archive readers (that read posts, with gold in `label`) do not carry.
 */
export function readCsvRows(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header = [], ...body] = rows;
  return body.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}

/** Scales example weights so that every class weighs about the same in total (square-root damped). */
function balance(examples: TrainingExample[], classes: number): void {
  const totals = new Float64Array(classes);
  for (const e of examples) totals[e.label] += e.weight;
  const mean = totals.reduce((a, b) => a + b, 0) / classes;
  for (const e of examples) e.weight *= Math.sqrt(mean / totals[e.label]);
}

/** Every text of a plan analysed once: its label and sentiment examples (weights before balancing), by source. */
export interface PreparedTexts {
  plan: TrainingPlan;
  /** Per source, per text: the label example (undefined when the text has no label or the source gives labels no weight). */
  label: Array<Array<TrainingExample | undefined>>;
  sentiment: Array<Array<TrainingExample | undefined>>;
}

/** Analyses every text of the plan once, so that several models (cross-validation folds) can be trained from it. */
export function prepareTexts(plan: TrainingPlan): PreparedTexts {
  const analyser = new TextAnalyser(plan.features);
  const label: PreparedTexts['label'] = [];
  const sentiment: PreparedTexts['sentiment'] = [];
  for (const source of plan.sources) {
    const labels: Array<TrainingExample | undefined> = [];
    const moods: Array<TrainingExample | undefined> = [];
    for (const text of source.texts) {
      const { indices, values } = analyser.analyse({ text: text.text, lang: text.lang });
      const gold = LABELS.indexOf((text.label ?? source.defaultLabel) as never);
      const mood = SENTIMENTS.indexOf(text.sentiment as never);
      labels.push(source.labelWeight > 0 && gold >= 0 ? { indices, values, label: gold, weight: source.labelWeight } : undefined);
      moods.push(source.sentimentWeight > 0 && mood >= 0 ? { indices, values, label: mood, weight: source.sentimentWeight } : undefined);
    }
    label.push(labels);
    sentiment.push(moods);
  }
  return { plan, label, sentiment };
}

/** Which texts a model is trained on: all by default; cross-validation leaves a fold of one source out. */
export type TextFilter = (source: number, text: number) => boolean;

function selected(examples: Array<Array<TrainingExample | undefined>>, keep: TextFilter): TrainingExample[] {
  const out: TrainingExample[] = [];
  examples.forEach((texts, source) => texts.forEach((example, text) => {
    if (example && keep(source, text)) out.push({ ...example });
  }));
  return out;
}

/** The label model (complaint / news / joke / other) trained on the kept texts. */
export function trainLabelModel(prepared: PreparedTexts, keep: TextFilter = () => true): LinearModel {
  const examples = selected(prepared.label, keep);
  balance(examples, LABELS.length);
  return trainAveraged(LABELS, prepared.plan.features.dim, examples, prepared.plan.label);
}

/** The sentiment model (negative / neutral / positive) trained on the kept texts. */
export function trainSentimentModel(prepared: PreparedTexts, keep: TextFilter = () => true): LinearModel {
  const examples = selected(prepared.sentiment, keep);
  balance(examples, SENTIMENTS.length);
  return trainAveraged(SENTIMENTS, prepared.plan.features.dim, examples, prepared.plan.sentiment);
}

export function trainModels(plan: TrainingPlan): TrainedModels {
  const prepared = prepareTexts(plan);
  const trainedOn = Object.fromEntries(plan.sources.map((source) => [source.name, source.texts.length]));
  return { complaint: trainLabelModel(prepared), sentiment: trainSentimentModel(prepared), trainedOn };
}

/**
 * Trains `options.runs` models on differently shuffled orders (seeds seed, seed+1, ...) and averages their
 * weights: a small set of templates otherwise lets one shuffle move real-post figures by a few points.
 */
function trainAveraged(labels: readonly string[], dim: number, examples: TrainingExample[], options: TrainingOptions): LinearModel {
  const runs = options.runs ?? 1;
  const averaged = LinearModel.empty(labels, dim);
  averaged.threshold = options.threshold;
  for (let run = 0; run < runs; run++) {
    const model = LinearModel.empty(labels, dim);
    train(model, examples, { ...options, seed: options.seed + run });
    for (let i = 0; i < model.weights.length; i++) averaged.weights[i] += model.weights[i] / runs;
  }
  return averaged;
}
