import { describe, expect, it } from 'vitest';
import { negativeBinomialUpperTail, poissonUpperTail, surprise } from '../src/detect/tail.ts';

/** P(X >= k) for a Poisson by summing the probability mass below k. */
function poissonBySum(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= mean / (i + 1);
  }
  return 1 - below;
}

describe('count tail probabilities', () => {
  it('match the Poisson upper tail summed term by term', () => {
    for (const [k, mean] of [[1, 0.5], [3, 2], [12, 2], [40, 25]] as const) {
      expect(poissonUpperTail(k, mean)).toBeCloseTo(poissonBySum(k, mean), 10);
    }
  });

  it('stay accurate far in the tail where 1 - CDF would round to zero', () => {
    // 30 complaints against 2 expected: about 5.9e-25.
    expect(poissonUpperTail(30, 2)).toBeGreaterThan(5e-25);
    expect(poissonUpperTail(30, 2)).toBeLessThan(7e-25);
    expect(surprise(poissonUpperTail(30, 2))).toBeCloseTo(24.23, 1);
  });

  it('give a negative binomial with variance = mean the Poisson answer, and a heavier tail when over-dispersed', () => {
    expect(negativeBinomialUpperTail(12, 2, 1)).toBe(poissonUpperTail(12, 2));
    expect(negativeBinomialUpperTail(12, 2, 2)).toBeGreaterThan(poissonUpperTail(12, 2) * 100);
    // NB with mean 2 and variance 4 is 2 failures before 2 successes at p = 1/2: P(X >= 1) = 1 - 1/4.
    expect(negativeBinomialUpperTail(1, 2, 2)).toBeCloseTo(0.75, 12);
  });

  it('treat zero observed as certain and cap the surprise of an underflow', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(surprise(0)).toBe(50);
  });
});
