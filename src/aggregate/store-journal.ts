// The embedded store's journal: the changes since its last full snapshot, as framed records appended
// to one file. A record is its payload's length (uint32 LE), the payload's CRC-32 (uint32 LE), then
// the payload (UTF-8 JSON text). A process killed mid-append leaves a last record that is short or
// fails its checksum: reading stops there, and everything before it is intact.
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { pauser } from './json-text.ts';

const HEADER_BYTES = 8;
/** Bytes handed to one write call: large enough to be cheap, small enough not to hold the event loop. */
const WRITE_CHUNK = 1 << 19;

/** The records read from a journal, and how far its bytes held whole records. */
export interface JournalContents {
  payloads: string[];
  /** Bytes from the start taken by whole, intact records. */
  validBytes: number;
  /** Bytes after them (a torn or damaged record and anything behind it); 0 for a journal read to its end. */
  ignoredBytes: number;
}

/** Reads records up to the end or up to the first that is short or fails its checksum. */
export function readJournal(bytes: Buffer): JournalContents {
  const payloads: string[] = [];
  let at = 0;
  while (at + HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const checksum = bytes.readUInt32LE(at + 4);
    const end = at + HEADER_BYTES + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(at + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload.toString('utf8'));
    at = end;
  }
  return { payloads, validBytes: at, ignoredBytes: bytes.length - at };
}

/** One record's bytes: header and payload. */
export function frameRecord(payload: string): Buffer {
  const length = Buffer.byteLength(payload, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + length);
  frame.write(payload, HEADER_BYTES, 'utf8');
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(HEADER_BYTES)), 4);
  return frame;
}

/**
 * Appends records and syncs them to disk; `create` starts the file afresh (truncating whatever was
 * there) and syncs its folder too, so the new file itself survives a power cut. Returns bytes written.
 */
export async function appendRecords(file: string, payloads: string[], create: boolean): Promise<number> {
  const handle = await open(file, create ? 'w' : 'a');
  let written = 0;
  try {
    const pause = pauser();
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    const writeChunk = async () => {
      const bytes = chunk.length === 1 ? chunk[0] : Buffer.concat(chunk, chunkBytes);
      for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at)).bytesWritten;
      written += bytes.length;
      chunk = [];
      chunkBytes = 0;
    };
    for (const payload of payloads) {
      const frame = frameRecord(payload);
      chunk.push(frame);
      chunkBytes += frame.length;
      if (chunkBytes >= WRITE_CHUNK) await writeChunk();
      const paused = pause();
      if (paused) await paused;
    }
    if (chunkBytes > 0) await writeChunk();
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (create) await syncFolder(dirname(file));
  return written;
}

/** Makes a created, renamed or deleted entry of a folder durable. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
