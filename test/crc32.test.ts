// CRC-32 of src/util/crc32.ts against known values and gzip's own checksum.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/util/crc32.ts';

describe('crc32', () => {
  it('gives the standard check value and that of the empty input', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('equals the CRC that gzip writes in its trailer, for random bytes', () => {
    for (const size of [1, 7, 1000, 65_537]) {
      const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7919 + size) % 256));
      expect(crc32(bytes)).toBe(gzipSync(bytes).readUInt32LE(gzipSync(bytes).length - 8));
    }
  });

  it('is incremental: the CRC of two parts chained equals that of the whole', () => {
    const whole = Buffer.from('a journal record, checksummed a piece at a time');
    expect(crc32(whole.subarray(20), crc32(whole.subarray(0, 20)))).toBe(crc32(whole));
  });
});
