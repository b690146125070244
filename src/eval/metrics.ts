// Precision, recall and F1 of one class against the rest, and macro-F1 over the classes, from
// (gold, predicted) pairs.

export interface Metrics {
  n: number;
  /** Of the positive class (complaint, or negative for sentiment) against the rest. */
  precision: number;
  recall: number;
  f1: number;
  /** Gold posts of the positive class. */
  support: number;
  /** Mean F1 over the classes seen in gold or predictions. */
  macroF1: number;
}

export type Confusion = Record<string, Record<string, number>>;

export class ConfusionCounter {
  readonly counts: Confusion = {};
  n = 0;

  add(gold: string, predicted: string): void {
    const row = (this.counts[gold] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    this.n++;
  }

  metrics(positive: string): Metrics {
    const classes = new Set<string>();
    for (const [gold, row] of Object.entries(this.counts)) {
      classes.add(gold);
      for (const predicted of Object.keys(row)) classes.add(predicted);
    }
    let macro = 0;
    for (const label of classes) macro += this.classScores(label).f1;
    const { precision, recall, f1, support } = this.classScores(positive);
    return { n: this.n, precision: round(precision), recall: round(recall), f1: round(f1), support, macroF1: round(classes.size > 0 ? macro / classes.size : 0) };
  }

  private classScores(label: string): { precision: number; recall: number; f1: number; support: number } {
    let truePositive = 0;
    let predictedPositive = 0;
    let goldPositive = 0;
    for (const [gold, row] of Object.entries(this.counts)) {
      for (const [predicted, count] of Object.entries(row)) {
        if (predicted === label) predictedPositive += count;
        if (gold === label) goldPositive += count;
        if (gold === label && predicted === label) truePositive += count;
      }
    }
    const precision = predictedPositive > 0 ? truePositive / predictedPositive : 0;
    const recall = goldPositive > 0 ? truePositive / goldPositive : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support: goldPositive };
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
