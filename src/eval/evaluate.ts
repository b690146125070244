// Scores the classifier against gold labels: complaint vs the rest (and macro-F1 over the four
// labels), or sentiment (negative vs the rest, macro-F1 over the three), overall and per language.
import { loadClassifier, type Classifier, type TextVerdict } from '../classify/classifier.ts';
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
  const score = new Scorer(task);
  for await (const record of records) score.add(record, classifier);
  return score.result();
}

/** Gold against predicted, overall and per language (the language the classifier read the post in). */
export class Scorer {
  private readonly overall = new ConfusionCounter();
  private readonly byLang = new Map<string, ConfusionCounter>();
  private skipped = 0;

  constructor(readonly task: EvalTask) {}

  /** Classifies one record with `classifier` and counts the answer (a record without gold for the task is skipped). */
  add(record: EvalRecord, classifier: Classifier): void {
    if (!this.goldOf(record)) {
      this.skipped++;
      return;
    }
    this.addVerdict(record, classifier.classify({ text: record.text, lang: record.lang }));
  }

  /** Counts a verdict already made for a record with gold for the task. */
  addVerdict(record: EvalRecord, verdict: TextVerdict): void {
    const gold = this.goldOf(record);
    if (!gold) return;
    const predicted = this.task === 'complaint' ? verdict.label : verdict.sentiment.label;
    this.overall.add(gold, predicted);
    let counter = this.byLang.get(verdict.lang);
    if (!counter) {
      counter = new ConfusionCounter();
      this.byLang.set(verdict.lang, counter);
    }
    counter.add(gold, predicted);
  }

  private goldOf(record: EvalRecord): string | undefined {
    return this.task === 'complaint' ? record.gold.label : record.gold.sentiment;
  }

  result(): EvalResult {
    const positive = POSITIVE[this.task];
    return {
      task: this.task,
      n: this.overall.n,
      overall: this.overall.metrics(positive),
      byLang: Object.fromEntries([...this.byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, counter]) => [lang, counter.metrics(positive)])),
      confusion: this.overall.counts,
      skipped: this.skipped,
    };
  }
}
