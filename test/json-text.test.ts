import { describe, expect, it } from 'vitest';
import { pauser, stringifyYielding } from '../src/aggregate/json-text.ts';

describe('stringifyYielding', () => {
  it('writes the same text as JSON.stringify for nested plain data', async () => {
    const value = {
      version: 2,
      name: 'détecteur "quoted"\n',
      empty: {},
      nothing: null,
      skipped: undefined,
      series: Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [`svc${i}|NL`, { points: Array.from({ length: 200 }, (_, j) => i * j + 0.5), lastActive: i, ids: ['a', 'b'] }]),
      ),
      entries: Array.from({ length: 500 }, (_, i) => ({ at: i, tags: i % 2 ? ['x'] : [], deep: { more: [{ k: i }], gone: undefined } })),
      holes: [1, undefined, 'two', null],
    };
    expect(await stringifyYielding(value)).toBe(JSON.stringify(value));
  });

  it('writes scalars as JSON.stringify does', async () => {
    for (const v of [0, -1.5, 'text', true, null, Number.NaN]) expect(await stringifyYielding(v)).toBe(JSON.stringify(v));
  });

  it('gives the event loop back while it works on a large value', async () => {
    const value = { entries: Array.from({ length: 200_000 }, (_, i) => ({ at: i, authors: [`a${i}`, `b${i}`], text: 'some words here' })) };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const text = await stringifyYielding(value, 1);
    clearInterval(timer);
    expect(text).toBe(JSON.stringify(value));
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('pauser', () => {
  it('gives the event loop back at the first step after the slice is used up, however few steps came before', async () => {
    const pause = pauser(1);
    const busyUntil = performance.now() + 3;
    while (performance.now() < busyUntil);
    const paused = pause();
    expect(paused).toBeInstanceOf(Promise);
    await paused;
  });
});
