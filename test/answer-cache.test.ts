import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../src/service/answer-cache.ts';

describe('AnswerCache', () => {
  it('computes an answer once while it is fresh and the version is unchanged', async () => {
    let clock = 0;
    const cache = new AnswerCache(1000, 10, () => clock);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get('k', 1, compute)).toBe(1);
    clock = 999;
    expect(await cache.get('k', 1, compute)).toBe(1);
    expect(computed).toBe(1);
  });

  it('computes anew when the answer is stale or the version changed', async () => {
    let clock = 0;
    const cache = new AnswerCache(1000, 10, () => clock);
    let computed = 0;
    const compute = async () => ++computed;
    await cache.get('k', 1, compute);
    expect(await cache.get('k', 2, compute)).toBe(2);
    clock = 1000;
    expect(await cache.get('k', 2, compute)).toBe(3);
  });

  it('does not remember a failed computation', async () => {
    const cache = new AnswerCache(1000, 10, () => 0);
    await expect(cache.get('k', 1, async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('k', 1, async () => 'ok')).toBe('ok');
  });
});
