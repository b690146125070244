// Cross-validation on the real labelled sets the shipped model trains on (real-posts-dev's train part,
// the hand-labelled French ISP tweets): each fold's posts are scored by a model trained on everything
// else of the training plan, so the figure is about posts the model has not seen. Posts are grouped
// (a page's posts stay together) so a page's style cannot leak from training into its own test fold.
import { TextAnalyser } from '../classify/analyser.ts';
import { LinearClassifier } from '../classify/classifier.ts';
import { LinearModel } from '../classify/model.ts';
import { prepareTexts, trainLabelModel, type LabelledText, type TrainingPlan } from '../classify/training.ts';
import { SENTIMENTS, type Label } from '../model/types.ts';
import { bucket, FNV_OFFSET, hashText } from '../text/hash.ts';
import { Scorer, type EvalResult } from './evaluate.ts';
import { ConfusionCounter } from './metrics.ts';

/** The training sources to score, each with what groups its posts (a page, or the post itself). */
export type HeldOutSources = Record<string, (text: LabelledText, index: number) => string>;

/** Complaint precision / recall / F1 if the complaint threshold were `threshold` (for choosing it without the dev set). */
export interface OperatingPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

export const SWEEP = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5] as const;

export interface CrossValidationResult extends EvalResult {
  folds: number;
  sweep: OperatingPoint[];
  /** The sources whose posts were scored, with how many each. */
  sources: Record<string, number>;
}

/** The fold of a group: a hash, so that adding posts to a set does not move the others between folds. */
function foldOf(group: string, folds: number): number {
  return bucket(hashText(group, FNV_OFFSET), 1 << 16) % folds;
}

export function crossValidate(plan: TrainingPlan, heldOut: HeldOutSources, folds = 5): CrossValidationResult {
  const prepared = prepareTexts(plan);
  const foldsOf = plan.sources.map((source) => {
    const group = heldOut[source.name];
    return group ? source.texts.map((text, index) => foldOf(group(text, index), folds)) : undefined;
  });
  const analyser = new TextAnalyser(plan.features);
  // Only labels are scored; the sentiment columns stay empty.
  const noSentiment = LinearModel.empty(SENTIMENTS, plan.features.dim);
  const scorer = new Scorer('complaint');
  const scored: Array<{ complaint: boolean; score: number }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = trainLabelModel(prepared, (source, text) => foldsOf[source]?.[text] !== fold);
    const classifier = new LinearClassifier(analyser, model, noSentiment);
    plan.sources.forEach((source, s) => {
      source.texts.forEach((text, t) => {
        if (foldsOf[s]?.[t] !== fold || text.label === undefined) return;
        const verdict = classifier.classify({ text: text.text, lang: text.lang });
        scorer.addVerdict({ text: text.text, lang: text.lang, gold: { label: text.label as Label } }, verdict);
        scored.push({ complaint: text.label === 'complaint', score: verdict.score });
      });
    });
  }
  const sources = Object.fromEntries(plan.sources.filter((source) => heldOut[source.name]).map((source) => [source.name, source.texts.length]));
  return { folds, sources, sweep: SWEEP.map((threshold) => operatingPoint(scored, threshold)), ...scorer.result() };
}

function operatingPoint(scored: ReadonlyArray<{ complaint: boolean; score: number }>, threshold: number): OperatingPoint {
  const counter = new ConfusionCounter();
  for (const { complaint, score } of scored) counter.add(complaint ? 'complaint' : 'rest', score >= threshold ? 'complaint' : 'rest');
  const { precision, recall, f1 } = counter.metrics('complaint');
  return { threshold, precision, recall, f1 };
}
