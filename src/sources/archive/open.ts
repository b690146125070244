// Opening an archive as a stream of decoded text chunks, gunzipping `.gz` files on the way.
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { errorMessage } from '../../util/error-message.ts';
import { ArchiveError } from './errors.ts';

/**
 * Reads of 64 KiB: large enough that per-chunk overhead (async iteration, string concatenation) stays
 * negligible, small enough that a chunk's text is an ordinary young string. V8 puts strings over
 * 128 KB straight into the old generation, where 1 MiB chunks piled up until a full collection (each
 * worker of a batch analysis reads the whole archive: 265 MB of them at 1M posts; docs/reliability.md).
 */
const CHUNK_BYTES = 1 << 16;

/**
 * The file's text, chunk by chunk (UTF-8, BOM removed). Each chunk is cut after its last complete
 * character, so a character split across reads is decoded whole and memory stays bounded even for
 * a file without line breaks. Errors name the file.
 */
export async function* readTextChunks(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw new ArchiveError(file, `cannot open: ${errorMessage(error)}`, { cause: error });
  });
  const raw = handle.createReadStream({ highWaterMark: CHUNK_BYTES });
  const bytes = file.toLowerCase().endsWith('.gz')
    ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {})
    : raw;
  let carry: Buffer | undefined;
  let first = true;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeCharactersEnd(buffer);
      carry = cut < buffer.length ? buffer.subarray(cut) : undefined;
      const text = buffer.toString('utf8', first && hasBom(buffer) ? 3 : 0, cut);
      first = false;
      if (text.length > 0) yield text;
    }
    if (carry) yield carry.toString('utf8');
  } catch (error) {
    throw new ArchiveError(file, `cannot read: ${errorMessage(error)}`, { cause: error });
  } finally {
    bytes.destroy();
    raw.destroy();
  }
}

/** The index just past the last complete UTF-8 character of `buffer` (at most 3 bytes are left over). */
export function completeCharactersEnd(buffer: Buffer): number {
  let lead = buffer.length - 1;
  while (lead >= 0 && buffer.length - lead < 4 && (buffer[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0) return buffer.length;
  const byte = buffer[lead];
  const width = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + width <= buffer.length ? buffer.length : lead;
}

function hasBom(buffer: Buffer): boolean {
  return buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
}
