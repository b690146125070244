// Runs the project's detector causally over each NAB series and turns its verdicts into NAB's
// per-row anomaly_score: the confidence on the step where an anomaly episode opens (the alert), else 0.
import { ValueAnomalyStream, type ValueStreamOptions } from '../value-stream.ts';

export function anomalyScores(values: number[], timestamps: string[], opts: Partial<ValueStreamOptions> = {}, escalate = Boolean(process.env.ESC)): number[] {
  const stream = new ValueAnomalyStream(opts);
  const D = Number(process.env.NEWMAX ?? 0);
  const confs: number[] = [];
  return values.map((v, i) => {
    const verdict = stream.step(v, Date.parse(`${timestamps[i].replace(' ', 'T')}Z`));
    confs.push(verdict.confidence);
    if (D > 0) {
      let m = 0;
      for (let j = Math.max(0, i - D); j < i; j++) m = Math.max(m, confs[j]);
      return verdict.confidence > m ? verdict.confidence : 0;
    }
    return verdict.opened || (escalate && verdict.escalated) ? verdict.confidence : 0;
  });
}
