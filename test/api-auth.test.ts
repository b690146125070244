// The API key: kept as a digest after start-up, compared in constant time.
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiKeyDigest } from '../src/api/auth.ts';

const KEY = 'correct-horse-battery-staple';

describe('ApiKeyDigest', () => {
  it('keeps the SHA-256 digest of the key, never the key itself', () => {
    const digest = new ApiKeyDigest(KEY);
    const seen = inspect(digest, { showHidden: true, depth: Infinity, maxStringLength: Infinity });
    expect(seen).not.toContain(KEY);
    expect(seen.replace(/[^0-9a-f]/g, '')).toContain(createHash('sha256').update(KEY).digest('hex'));
  });

  it('accepts the key and nothing else: not a key of the same length, a prefix, a longer key or the empty string', () => {
    const digest = new ApiKeyDigest(KEY);
    expect(digest.matches(KEY)).toBe(true);
    for (const other of [KEY.replace(/e$/, 'x'), KEY.slice(0, -1), `${KEY}!`, '', KEY.toUpperCase()]) expect(digest.matches(other), other).toBe(false);
  });
});
