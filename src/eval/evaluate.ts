// Scores the classifier against gold labels: complaint vs the rest (and macro-F1 over the four
// labels), or sentiment (negative vs the rest, macro-F1 over the three), overall and per language.
import { loadClassifier, type Classifier } from '../classify/classifier.ts';
import type { Label, SentimentLabel } from '../model/types.ts';
import { ConfusionCounter, type Confusion, type Metrics } from './metrics.ts';

export const TASKS = ['complaint', 'sentiment'] as const;
export type EvalTask = (typeof TASKS)[number];

export interface EvalRecord {
  text: string;
  lang?: string;
  gold: { label?: Label; sentiment?: SentimentLabel };
}

export interface EvalResult {
  task: EvalTask;
  n: number;
  overall: Metrics;
  byLang: Record<string, Metrics>;
  confusion: Confusion;
  /** Records without a gold value for the task (not scored). */
  skipped: number;
}

const POSITIVE: Record<EvalTask, string> = { complaint: 'complaint', sentiment: 'negative' };

/** Classifies every record with a gold value for the task and scores the answers. */
export async function evaluate(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, task: EvalTask, classifier: Classifier = loadClassifier()): Promise<EvalResult> {
  const overall = new ConfusionCounter();
  const byLang = new Map<string, ConfusionCounter>();
  let skipped = 0;
  for await (const record of records) {
    const gold = task === 'complaint' ? record.gold.label : record.gold.sentiment;
    if (!gold) {
      skipped++;
      continue;
    }
    const verdict = classifier.classify({ text: record.text, lang: record.lang });
    const predicted = task === 'complaint' ? verdict.label : verdict.sentiment.label;
    overall.add(gold, predicted);
    let counter = byLang.get(verdict.lang);
    if (!counter) {
      counter = new ConfusionCounter();
      byLang.set(verdict.lang, counter);
    }
    counter.add(gold, predicted);
  }
  const positive = POSITIVE[task];
  return {
    task,
    n: overall.n,
    overall: overall.metrics(positive),
    byLang: Object.fromEntries([...byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, counter]) => [lang, counter.metrics(positive)])),
    confusion: overall.counts,
    skipped,
  };
}
