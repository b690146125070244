// The one shape of a service's signal (src/pipeline/signal-columns.ts), as the report and the API fill it.
import { describe, expect, it } from 'vitest';
import { addComplaints, addJudged, columnOf, roundSignal, signalColumns } from '../src/pipeline/signal-columns.ts';

const MIN = 60_000;

describe('signal columns', () => {
  it('sums complaints and baselines and keeps the highest confidence of the minutes a column covers', () => {
    const columns = signalColumns(0, 5 * MIN, 2);
    for (let m = 0; m < 5; m++) {
      addComplaints(columns, m * MIN, m);
      addJudged(columns, m * MIN, 0.25, m === 2 ? 0.9 : 0.1);
    }
    expect([...columns.complaints]).toEqual([10, 0]);
    expect([...columns.baseline]).toEqual([1.25, 0]);
    expect([...columns.confidence]).toEqual([0.9, 0]);
    expect([...columns.judged]).toEqual([1, 0]);
  });

  it('tells a column with complaints but no judged minute from a judged one (the API shows null there)', () => {
    const columns = signalColumns(10 * MIN, MIN, 3);
    addComplaints(columns, 10 * MIN, 4);
    addJudged(columns, 11 * MIN, 0, 0);
    expect([...columns.judged]).toEqual([0, 1, 0]);
    expect([...columns.complaints]).toEqual([4, 0, 0]);
  });

  it('leaves out what falls outside the columns', () => {
    const columns = signalColumns(10 * MIN, MIN, 2);
    expect(columnOf(columns, 9 * MIN)).toBe(-1);
    expect(columnOf(columns, 12 * MIN)).toBe(-1);
    addComplaints(columns, 9 * MIN, 5);
    addJudged(columns, 12 * MIN, 3, 1);
    expect([...columns.complaints, ...columns.baseline, ...columns.confidence, ...columns.judged]).toEqual(new Array(8).fill(0));
  });

  it('rounds to 4 decimals for both outputs', () => {
    expect(roundSignal(0.123456)).toBe(0.1235);
    expect(roundSignal(2)).toBe(2);
  });
});
