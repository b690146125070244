import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../src/live/answer-cache.ts';

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

  it('computes anew, and waits for it, when the version changed', async () => {
    const cache = new AnswerCache(1000, 10, () => 0);
    let computed = 0;
    const compute = async () => ++computed;
    await cache.get('k', 1, compute);
    expect(await cache.get('k', 2, compute)).toBe(2);
  });

  it('answers a stale answer at once while one recomputation runs, then the new one', async () => {
    let clock = 0;
    const cache = new AnswerCache(1000, 10, () => clock);
    let computed = 0;
    let finish = () => {};
    const slow = () => new Promise<number>((resolve) => (finish = () => resolve(++computed)));
    const first = cache.get('k', 1, slow);
    finish();
    expect(await first).toBe(1);
    clock = 1000;
    expect(await cache.get('k', 1, slow)).toBe(1);
    expect(await cache.get('k', 1, slow)).toBe(1);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(computed).toBe(2);
    expect(await cache.get('k', 1, slow)).toBe(2);
  });

  it('forgets a stale answer whose recomputation failed, so the next request sees the failure', async () => {
    let clock = 0;
    const cache = new AnswerCache(1000, 10, () => clock);
    await cache.get('k', 1, async () => 'old');
    clock = 1000;
    expect(await cache.get('k', 1, async () => Promise.reject(new Error('store down')))).toBe('old');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(cache.get('k', 1, async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
  });

  it('does not remember a failed computation', async () => {
    const cache = new AnswerCache(1000, 10, () => 0);
    await expect(cache.get('k', 1, async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('k', 1, async () => 'ok')).toBe('ok');
  });

  it("gives the previous version's answer at once while the new one is made, when told not to wait for a new version", async () => {
    const cache = new AnswerCache(1000, 10, () => 0, { waitForNewVersion: false });
    let finish = () => {};
    await cache.get('k', 1, async () => 'minute 1');
    const slow = () => new Promise<string>((resolve) => (finish = () => resolve('minute 2')));
    expect(await cache.get('k', 2, slow)).toBe('minute 1');
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', 2, slow)).toBe('minute 2');
  });

  it('refreshes every answer read lately in the background, and drops the ones nobody read', async () => {
    let clock = 0;
    const cache = new AnswerCache(1000, 10, () => clock, { waitForNewVersion: false });
    let made = 0;
    await cache.get('read', 1, async () => `read ${++made}`);
    await cache.get('unread', 1, async () => 'unread 1');
    clock = 30_000;
    expect(await cache.get('read', 1, async () => `read ${++made}`)).toBe('read 1');
    await new Promise((resolve) => setImmediate(resolve));
    clock = 40_000;
    cache.refreshAll(2, 20_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('read', 2, async () => 'not asked again')).toBe('read 3');
    expect(await cache.get('unread', 2, async () => 'unread 2')).toBe('unread 2');
  });
});
