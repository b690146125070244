// The embedded store's journal: the changes since its last full snapshot, as framed records appended
// to one file. A record is its payload's length (uint32 LE), the payload's CRC-32 (uint32 LE), then
// the payload (UTF-8 JSON text). A process killed mid-append leaves a last record that is short or
// fails its checksum: reading stops there, and everything before it is intact.
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from '../util/crc32.ts';
import { pauser } from './json-text.ts';

const HEADER_BYTES = 8;
/** Bytes handed to one write call, and characters encoded at a time: cheap, yet never holding the event loop for long. */
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

/**
 * One record's bytes, header first. A payload of megabytes (a detector state) is encoded and checksummed
 * a piece at a time, giving the event loop back in between: at once it holds the loop for ~20 ms.
 */
async function frameRecord(payload: string, pause: () => Promise<void> | undefined): Promise<Buffer[]> {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  const parts = [header];
  let length = 0;
  let checksum = 0;
  for (let from = 0; from < payload.length; ) {
    let to = Math.min(payload.length, from + WRITE_CHUNK);
    // Never between the two halves of a surrogate pair: each half alone would be encoded as U+FFFD.
    if (to < payload.length && isHighSurrogate(payload.charCodeAt(to - 1))) to--;
    const part = Buffer.from(payload.slice(from, to), 'utf8');
    parts.push(part);
    length += part.length;
    checksum = crc32(part, checksum);
    from = to;
    const paused = pause();
    if (paused) await paused;
  }
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(checksum, 4);
  return parts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
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
      for (const part of await frameRecord(payload, pause)) {
        chunk.push(part);
        chunkBytes += part.length;
        if (chunkBytes >= WRITE_CHUNK) await writeChunk();
      }
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
