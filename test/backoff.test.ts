// The one exponential backoff (src/util/backoff.ts) every retry uses: sources, queues, ingest, webhooks.
import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from '../src/util/backoff.ts';

describe('backoff', () => {
  it('grows by its factor from the initial delay and stops at the longest delay', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((failures) => backoffDelay(failures, { initialMs: 1000, maxMs: 60_000, jitter: 0 }));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('gives the queue retries of BullMQ, uncapped: backoffMs * 2^(attempts - 1)', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffDelay(attempts - 1, { initialMs: 10, maxMs: Infinity, jitter: 0 }))).toEqual([10, 20, 40, 80]);
  });

  it('takes at most its jitter share off a delay', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(2, { initialMs: 1000, jitter: 0.2 });
      expect(delay).toBeGreaterThanOrEqual(3200);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });

  it('starts again from the initial delay after a success', () => {
    const backoff = new Backoff({ initialMs: 100, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it('waits for a rate-limit reset, at most the longest such wait, and backs off when the reset is past', () => {
    const backoff = new Backoff({ initialMs: 100, jitter: 0, maxRateLimitWaitMs: 5000 });
    expect(backoff.untilReset(3000, 1000)).toBe(2000);
    expect(backoff.untilReset(60_000, 1000)).toBe(5000);
    expect(backoff.untilReset(500, 1000)).toBe(100);
  });
});
