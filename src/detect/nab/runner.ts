// Runs the project's detector causally over each NAB series and turns its verdicts into NAB's
// per-row anomaly_score: the confidence on the step where an anomaly episode opens (the alert), else 0.
import { ValueAnomalyStream, type ValueStreamOptions } from '../value-stream.ts';

/** NAB timestamps ("2014-04-01 00:00:00") are UTC wall times. */
function epochMs(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}Z`);
}

export function anomalyScores(values: number[], timestamps: string[], opts: Partial<ValueStreamOptions> = {}): number[] {
  const stream = new ValueAnomalyStream(opts);
  return values.map((value, i) => {
    const verdict = stream.step(value, epochMs(timestamps[i]));
    return verdict.opened ? verdict.confidence : 0;
  });
}
