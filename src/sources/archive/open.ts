// Opening an archive as a stream of decoded text chunks, gunzipping `.gz` files on the way.
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ArchiveError } from './errors.ts';

/** Large reads keep per-chunk overhead (async iteration, string concatenation) negligible. */
const CHUNK_BYTES = 1 << 20;

/** The file's text, chunk by chunk (UTF-8, BOM removed). Errors name the file. */
export async function* readTextChunks(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw new ArchiveError(file, `cannot open: ${messageOf(error)}`, { cause: error });
  });
  const raw = handle.createReadStream({ highWaterMark: CHUNK_BYTES });
  const text = file.toLowerCase().endsWith('.gz')
    ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {})
    : raw;
  text.setEncoding('utf8');
  let first = true;
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      first = false;
    }
  } catch (error) {
    throw new ArchiveError(file, `cannot read: ${messageOf(error)}`, { cause: error });
  } finally {
    text.destroy();
    raw.destroy();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
