import { describe, expect, it } from 'vitest';
import { DedupeSet } from '../src/batch/dedupe-set.ts';

describe('DedupeSet', () => {
  it('adds a key once: the second add of the same key says it was there', () => {
    const seen = new DedupeSet();
    expect(seen.add('twitter:1')).toBe(true);
    expect(seen.add('twitter:1')).toBe(false);
    expect(seen.size).toBe(1);
  });

  it('tells apart keys that differ in one character, in order or length', () => {
    const seen = new DedupeSet();
    for (const key of ['twitter:12', 'twitter:21', 'twitter:1', 'twitter:2', 'mastodon:12', '', ':']) expect(seen.add(key)).toBe(true);
    expect(seen.size).toBe(7);
  });

  it('keeps every key while it grows far past its first table, with no false duplicate among 300,000 keys', () => {
    const seen = new DedupeSet();
    for (let i = 0; i < 300_000; i++) expect(seen.add(`twitter:${1_445_000_000_000_000_000n + BigInt(i)}`)).toBe(true);
    for (let i = 0; i < 300_000; i += 997) expect(seen.add(`twitter:${1_445_000_000_000_000_000n + BigInt(i)}`)).toBe(false);
    expect(seen.size).toBe(300_000);
  });
});
