// The default Store: in memory, persisted in the data directory as a full snapshot (one JSON file) plus
// a journal of the changes since; no server needed. Why and what it costs: docs/reliability.md.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bucket } from '../model/types.ts';
import { DEFAULT_DEDUPE_MS, DEFAULT_RETENTION_MS, firstOccurrencesOnly, type BucketDelta, type BucketQuery, type Store } from './store.ts';
import { DEFAULT_EXAMPLES_PER_BUCKET, compareBuckets, mergeDelta, newTally, snapshotBucket, type Tally } from './tally.ts';
import { pauser, stringifyYielding } from './json-text.ts';
import { lowerBound } from '../util/sorted.ts';
import { appendRecords, readJournal, syncFolder } from './store-journal.ts';

export interface EmbeddedStoreOptions {
  dataDir: string;
  /** How long a bucket lives after its last write (ms). Default 14 days. */
  retentionMs?: number;
  /** How long claims and commits are remembered (ms). Default 2 days. */
  dedupeMs?: number;
  /** Complaint post ids kept per bucket. Default 5. */
  examplesPerBucket?: number;
  /** How often unsaved changes are written (ms). Default 5000. */
  flushMs?: number;
  /** The journal is folded into a new full snapshot once it is this large a fraction of the snapshot (and at close). Default 1: on disk at most twice the snapshot, plus one save. */
  compactRatio?: number;
  /** Nor before it is this large (bytes): a small store would otherwise be rewritten at every save. Default 1 MiB. */
  compactMinBytes?: number;
  /** Wall clock for expiry; tests move it. */
  now?: () => number;
}

export const EMBEDDED_STORE_FILE = 'store.json';
/** The changes since the snapshot in EMBEDDED_STORE_FILE, replayed on top of it at open. */
export const EMBEDDED_STORE_JOURNAL = 'store.journal';
const FILE_VERSION = 1;
const JOURNAL_VERSION = 1;

/** What persisting has cost and found, for benchmarks and operators. */
export interface PersistenceStats {
  /** Bytes of the full snapshot file, as last written or read. */
  snapshotBytes: number;
  /** Bytes of the journal on top of it. */
  journalBytes: number;
  /** Full snapshots written by this process (compactions, and the one at close). */
  snapshots: number;
  /** Journal appends written by this process. */
  journalAppends: number;
  /** Torn or damaged journal records found at open and ignored (with the bytes after them). */
  ignoredJournalRecords: number;
  /** The last save: its kind, the bytes it wrote and how long it took (sweep of expired entries included). */
  lastSave?: { kind: 'journal' | 'snapshot'; bytes: number; ms: number };
}

interface Cell {
  tally: Tally;
  expiresAt: number;
}

/** One service x region: its cells by start, and their starts in ascending order for range queries. */
interface Series {
  byStart: Map<number, Cell>;
  starts: number[];
}

interface Claim {
  owner: string;
  expiresAt: number;
}

/** The file's shape; distinct authors are kept exactly, as lists of author keys. */
interface StoreFile {
  version: typeof FILE_VERSION;
  /** Names this snapshot: a journal applies to the snapshot whose generation it names. Absent in files written before the journal. */
  generation?: string;
  buckets: Array<Bucket & { authorIds: string[]; expiresAt: number }>;
  /** Grouped by claim, as they were won: the owner is written once, not once per key. */
  claims: Array<[owner: string, expiresAt: number, keys: string[]]>;
  commits: Array<[commitId: string, expiresAt: number]>;
  json: Array<[key: string, value: unknown]>;
}

/**
 * A journal record after the header `{journal, base}`: one change, as made, with the times it was made at,
 * so that replaying it decides expiry exactly as the change did. The other records are JSON values,
 * `["json", key, value]`, the last value of a key put since the save before.
 */
type Change =
  | [op: 'claim', owner: string, expiresAt: number, keys: string[]]
  | [op: 'release', keys: string[]]
  | [op: 'add', now: number, expiresAt: number, commitId: string | null, commitExpiresAt: number, buckets: BucketDelta[]];

/** Characters of the snapshot text encoded and written at a time. */
const WRITE_PIECE = 1 << 19;

export class EmbeddedStore implements Store {
  readonly file: string;
  private readonly retentionMs: number;
  private readonly dedupeMs: number;
  private readonly examplesPerBucket: number;
  private readonly compactRatio: number;
  private readonly compactMinBytes: number;
  private readonly now: () => number;
  readonly journalFile: string;
  /** service -> region -> the series' cells */
  private readonly cells = new Map<string, Map<string, Series>>();
  private readonly claims = new Map<string, Claim>();
  private readonly commits = new Map<string, number>();
  /** Values kept as their JSON text: a copy by construction, and written into snapshots as they are. */
  private readonly json = new Map<string, string>();
  private dirty = false;
  /** Changes not yet in the journal, as record payloads, in the order they were made. */
  private unsaved: string[] = [];
  /** JSON values put since the last save: only the last value of a key is journaled. */
  private unsavedJson = new Map<string, string>();
  /** The generation of the snapshot on disk; undefined before this store has written or read one that has one. */
  private generation: string | undefined;
  /** The next save must be a full snapshot: no snapshot with a generation yet, or the journal may hold a partial append. */
  private mustCompact = false;
  private readonly stats: PersistenceStats = { snapshotBytes: 0, journalBytes: 0, snapshots: 0, journalAppends: 0, ignoredJournalRecords: 0 };
  /** Set while a snapshot's text is being made: writers wait for it, so the snapshot is one instant. */
  private snapshotting: Promise<void> | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** Flushes run one after another so an older snapshot never overwrites a newer one. */
  private lastFlush: Promise<void> = Promise.resolve();

  private constructor(private readonly dataDir: string, options: EmbeddedStoreOptions) {
    this.file = join(dataDir, EMBEDDED_STORE_FILE);
    this.journalFile = join(dataDir, EMBEDDED_STORE_JOURNAL);
    this.compactRatio = options.compactRatio ?? 1;
    this.compactMinBytes = options.compactMinBytes ?? 1 << 20;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.dedupeMs = options.dedupeMs ?? DEFAULT_DEDUPE_MS;
    this.examplesPerBucket = options.examplesPerBucket ?? DEFAULT_EXAMPLES_PER_BUCKET;
    this.now = options.now ?? Date.now;
  }

  /** Opens the store in `dataDir`, loading what a previous run saved there. */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(options.dataDir, options);
    await mkdir(options.dataDir, { recursive: true });
    await store.load();
    const flushMs = options.flushMs ?? 5000;
    store.timer = setInterval(() => void store.flush().catch((error: unknown) => {
      console.error(`outage-radar: could not save ${store.file}: ${String(error)}`);
    }), flushMs);
    store.timer.unref();
    return store;
  }

  async claim(keys: string[], owner: string = randomUUID()): Promise<boolean[]> {
    this.assertOpen();
    await this.snapshotting;
    this.assertOpen();
    const now = this.now();
    // One Claim object for all keys won in this call: memory per key is then just the map entry.
    const won: Claim = { owner, expiresAt: now + this.dedupeMs };
    const wonKeys: string[] = [];
    const claimed = keys.map((key) => {
      const claim = this.claims.get(key);
      if (claim !== undefined && claim.expiresAt > now) return claim.owner === owner;
      this.claims.set(key, won);
      wonKeys.push(key);
      return true;
    });
    if (wonKeys.length > 0) this.journal(['claim', owner, won.expiresAt, wonKeys]);
    // Due for a save even when nothing was won, as before the journal: saves are when expired entries are swept.
    this.dirty = true;
    return firstOccurrencesOnly(keys, claimed);
  }

  async release(keys: string[], owner: string): Promise<number> {
    this.assertOpen();
    await this.snapshotting;
    this.assertOpen();
    const now = this.now();
    const committed = this.commits.get(owner);
    if (committed !== undefined && committed > now) return 0;
    const released: string[] = [];
    for (const key of keys) {
      if (this.claims.get(key)?.owner !== owner) continue;
      this.claims.delete(key);
      released.push(key);
    }
    if (released.length > 0) this.journal(['release', released]);
    return released.length;
  }

  async addBuckets(buckets: BucketDelta[], commitId?: string): Promise<boolean> {
    this.assertOpen();
    await this.snapshotting;
    this.assertOpen();
    const now = this.now();
    if (commitId !== undefined) {
      const committed = this.commits.get(commitId);
      if (committed !== undefined && committed > now) return false;
    }
    const change: Change = ['add', now, now + this.retentionMs, commitId ?? null, now + this.dedupeMs, buckets];
    this.apply(change);
    this.journal(change);
    return true;
  }

  async buckets(query: BucketQuery): Promise<Bucket[]> {
    this.assertOpen();
    const now = this.now();
    const out: Bucket[] = [];
    const services = query.service === undefined ? [...this.cells.values()] : [this.cells.get(query.service)];
    for (const regions of services) {
      if (regions === undefined) continue;
      const series = query.region === undefined ? [...regions.values()] : [regions.get(query.region)];
      for (const { byStart, starts } of series.filter((s) => s !== undefined)) {
        // Only the starts within [from, to): a query for two hours must not visit every minute of two weeks.
        for (let i = lowerBound(starts, query.from); i < starts.length && starts[i] < query.to; i++) {
          const cell = byStart.get(starts[i])!;
          if (cell.expiresAt > now) out.push(snapshotBucket(cell.tally));
        }
      }
    }
    return out.sort(compareBuckets);
  }

  async putJson(key: string, value: unknown): Promise<void> {
    this.assertOpen();
    // Kept as JSON text: what is read back is what a restart would read back.
    const text = await stringifyYielding(value);
    await this.snapshotting;
    this.assertOpen();
    this.dirty = true;
    if (this.json.get(key) === text) return;
    this.json.set(key, text);
    this.unsavedJson.set(key, text);
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    this.assertOpen();
    const text = this.json.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /**
   * Writes unsaved changes now: appended to the journal and synced, or, once the journal has grown past
   * `compactRatio` of the snapshot (and at close), as a new full snapshot that replaces both.
   */
  flush(): Promise<void> {
    // A failed flush (reported to its caller) must not stop the ones after it.
    const next = this.lastFlush.catch(() => undefined).then(() => this.save());
    this.lastFlush = next;
    return next;
  }

  /** What persisting has cost and found so far. */
  persistence(): PersistenceStats {
    return { ...this.stats, lastSave: this.stats.lastSave && { ...this.stats.lastSave } };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  private async save(): Promise<void> {
    const compact = this.mustCompact || this.closed || this.stats.journalBytes >= Math.max(this.compactMinBytes, this.compactRatio * this.stats.snapshotBytes);
    if (!this.dirty && !(compact && this.stats.journalBytes > 0)) return;
    const started = performance.now();
    await this.dropExpiredYielding(this.now());
    const bytes = compact ? await this.writeSnapshot() : await this.appendJournal();
    this.stats.lastSave = { kind: compact ? 'snapshot' : 'journal', bytes, ms: performance.now() - started };
  }

  /** Appends the unsaved changes to the journal; a failed append may have left part of a record, so the next save is a full snapshot. */
  private async appendJournal(): Promise<number> {
    const payloads = this.unsaved;
    for (const [key, text] of this.unsavedJson) payloads.push(`["json",${JSON.stringify(key)},${text}]`);
    this.unsaved = [];
    this.unsavedJson = new Map();
    this.dirty = false;
    if (payloads.length === 0) return 0;
    const starting = this.stats.journalBytes === 0;
    if (starting) payloads.unshift(JSON.stringify({ journal: JOURNAL_VERSION, base: this.generation }));
    try {
      const written = await appendRecords(this.journalFile, payloads, starting);
      this.stats.journalBytes += written;
      this.stats.journalAppends++;
      return written;
    } catch (error) {
      this.dirty = true;
      this.mustCompact = true;
      throw error;
    }
  }

  /**
   * Writes a full snapshot under a new generation (a temporary file, synced, renamed over the old one),
   * then deletes the journal it replaces. Killed in between, the old journal names the old generation
   * and is ignored at open: everything in it is in the new snapshot.
   */
  private async writeSnapshot(): Promise<number> {
    const generation = randomUUID();
    // One consistent instant even while counting goes on: writers wait until the text is made, and
    // the text is made in slices so that readers (the API) are served meanwhile.
    let done = () => {};
    this.snapshotting = new Promise<void>((resolve) => (done = resolve));
    let text: string[];
    try {
      text = await this.snapshotText(generation);
      // Everything changed so far is in the text: the changes made from now on go to the new journal.
      this.unsaved = [];
      this.unsavedJson = new Map();
      this.dirty = false;
    } finally {
      this.snapshotting = undefined;
      done();
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    let bytes = 0;
    try {
      const handle = await open(tmp, 'w');
      try {
        // In pieces: joining or encoding the whole text at once would stall the event loop for tens of ms.
        for (const piece of pieces(text, WRITE_PIECE)) bytes += (await handle.write(piece, null, 'utf8')).bytesWritten;
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
      await rm(this.journalFile, { force: true });
      await syncFolder(this.dataDir);
    } catch (error) {
      this.dirty = true;
      this.mustCompact = true;
      throw error;
    }
    this.generation = generation;
    this.mustCompact = false;
    this.stats.snapshotBytes = bytes;
    this.stats.journalBytes = 0;
    this.stats.snapshots++;
    return bytes;
  }

  /**
   * The store file's text; JSON values are spliced in as the text they are kept as, not serialised
   * again. Each bucket becomes text at once: a copy of every bucket kept until the end would be
   * hundreds of MB for the collector to move while the API is answering.
   */
  private async snapshotText(generation: string): Promise<string[]> {
    const buckets: string[] = [];
    const pause = pauser();
    for (const regions of this.cells.values()) {
      for (const { byStart } of regions.values()) {
        for (const cell of byStart.values()) {
          const saved: StoreFile['buckets'][number] = { ...snapshotBucket(cell.tally), authorIds: [...cell.tally.authorSet], expiresAt: cell.expiresAt };
          buckets.push(JSON.stringify(saved));
          const paused = pause();
          if (paused) await paused;
        }
      }
    }
    const claims = await stringifyYielding(groupClaims(this.claims));
    const commits = await stringifyYielding([...this.commits]);
    const json = Array.from(this.json, ([key, text]) => `[${JSON.stringify(key)},${text}]`).join(',');
    for (let i = 1; i < buckets.length; i++) buckets[i] = `,${buckets[i]}`;
    return [`{"version":${FILE_VERSION},"generation":${JSON.stringify(generation)},"buckets":[`, ...buckets, `],"claims":${claims},"commits":${commits},"json":[${json}]}`];
  }

  /** The snapshot, then the journal written on top of it, then a sweep of what has expired since. */
  private async load(): Promise<void> {
    await this.loadSnapshot();
    await this.replayJournal();
    this.dropExpired(this.now());
    this.mustCompact = this.generation === undefined;
  }

  private async loadSnapshot(): Promise<void> {
    const text = await readIfExists(this.file, 'utf8');
    if (text === undefined) return;
    const saved = parseStoreFile(text, this.file);
    this.generation = saved.generation;
    this.stats.snapshotBytes = Buffer.byteLength(text, 'utf8');
    for (const bucket of saved.buckets) {
      const cell = this.cellFor(bucket.service, bucket.region, bucket.start, 0);
      mergeDelta(cell.tally, bucket, Math.max(this.examplesPerBucket, bucket.examplePostIds?.length ?? 0));
      cell.expiresAt = bucket.expiresAt;
    }
    for (const [owner, expiresAt, keys] of saved.claims) {
      const claim: Claim = { owner, expiresAt };
      for (const key of keys) this.claims.set(key, claim);
    }
    for (const [commitId, expiresAt] of saved.commits) this.commits.set(commitId, expiresAt);
    for (const [key, value] of saved.json) this.json.set(key, JSON.stringify(value) ?? 'null');
  }

  /**
   * Replays the journal if it was written on top of the snapshot just read. A torn last record (the
   * process was killed while appending it) is cut off, logged and counted: the changes in it were
   * never confirmed as saved. A journal of another snapshot is ignored: the snapshot already holds it.
   */
  private async replayJournal(): Promise<void> {
    const bytes = await readIfExists(this.journalFile);
    if (bytes === undefined) return;
    const { payloads, validBytes, ignoredBytes } = readJournal(bytes);
    const header = payloads.length > 0 ? parseJournalHeader(payloads[0]) : undefined;
    if (header === undefined || header.base !== this.generation) {
      if (header === undefined && ignoredBytes > 0) this.stats.ignoredJournalRecords++;
      console.error(`outage-radar: ${this.journalFile} ignored: ${header === undefined ? 'its first record is torn' : `written on top of another snapshot than ${this.file}`} (a save stopped midway); the next save replaces it`);
      return;
    }
    for (let i = 1; i < payloads.length; i++) {
      // A JSON value is kept as the text it was journaled as: parsing and writing megabytes again would double the time to open.
      const value = JSON_CHANGE.exec(payloads[i]);
      if (value !== null) this.json.set(JSON.parse(value[1]) as string, payloads[i].slice(value[0].length, -1));
      else this.apply(parseChange(payloads[i], this.journalFile, i));
    }
    this.stats.journalBytes = validBytes;
    if (ignoredBytes > 0) {
      this.stats.ignoredJournalRecords++;
      console.error(`outage-radar: ${this.journalFile}: ignored a torn record at byte ${validBytes} (${ignoredBytes} bytes; the process stopped while writing it); ${payloads.length - 1} changes before it replayed`);
      await truncate(this.journalFile, validBytes);
    }
  }

  /** Queues a change for the journal. */
  private journal(change: Change): void {
    this.unsaved.push(JSON.stringify(change));
    this.dirty = true;
  }

  /** Makes a change to claims, commits and buckets. */
  private apply(change: Change): void {
    switch (change[0]) {
      case 'claim': {
        const [, owner, expiresAt, keys] = change;
        const claim: Claim = { owner, expiresAt };
        for (const key of keys) this.claims.set(key, claim);
        return;
      }
      case 'release':
        for (const key of change[1]) this.claims.delete(key);
        return;
      case 'add': {
        const [, now, expiresAt, commitId, commitExpiresAt, buckets] = change;
        if (commitId !== null) this.commits.set(commitId, commitExpiresAt);
        for (const delta of buckets) {
          const cell = this.cellFor(delta.service, delta.region, delta.start, now);
          mergeDelta(cell.tally, delta, this.examplesPerBucket);
          cell.expiresAt = expiresAt;
        }
        return;
      }
    }
  }

  /** The cell for a bucket; an expired one starts again from zero, as an expired Redis key would. */
  private cellFor(service: string, region: string, start: number, now: number): Cell {
    let regions = this.cells.get(service);
    if (regions === undefined) this.cells.set(service, (regions = new Map()));
    let series = regions.get(region);
    if (series === undefined) regions.set(region, (series = { byStart: new Map(), starts: [] }));
    let cell = series.byStart.get(start);
    if (cell === undefined || cell.expiresAt <= now) {
      if (cell === undefined) insertSorted(series.starts, start);
      cell = { tally: newTally(service, region, start), expiresAt: 0 };
      series.byStart.set(start, cell);
    }
    return cell;
  }

  /** dropExpired, giving the event loop back between series: a store of weeks takes tens of ms to sweep. */
  private async dropExpiredYielding(now: number): Promise<void> {
    const pause = pauser();
    for (const [service, regions] of this.cells) {
      for (const [region, series] of regions) {
        dropExpiredCells(series, now);
        if (series.byStart.size === 0) regions.delete(region);
        const paused = pause();
        if (paused) await paused;
      }
      if (regions.size === 0) this.cells.delete(service);
    }
    for (const [key, claim] of this.claims) {
      if (claim.expiresAt <= now) this.claims.delete(key);
      const paused = pause();
      if (paused) await paused;
    }
    for (const [commitId, expiresAt] of this.commits) if (expiresAt <= now) this.commits.delete(commitId);
  }

  private dropExpired(now: number): void {
    for (const [service, regions] of this.cells) {
      for (const [region, series] of regions) {
        dropExpiredCells(series, now);
        if (series.byStart.size === 0) regions.delete(region);
      }
      if (regions.size === 0) this.cells.delete(service);
    }
    for (const [key, claim] of this.claims) if (claim.expiresAt <= now) this.claims.delete(key);
    for (const [commitId, expiresAt] of this.commits) if (expiresAt <= now) this.commits.delete(commitId);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the embedded store in ${this.dataDir} is closed`);
  }
}

function dropExpiredCells(series: Series, now: number): void {
  const { byStart } = series;
  for (const [start, cell] of byStart) if (cell.expiresAt <= now) byStart.delete(start);
  if (byStart.size < series.starts.length) series.starts = series.starts.filter((start) => byStart.has(start));
}

/** Consecutive parts joined into pieces of about `size` characters, without ever joining all of them. */
function* pieces(parts: string[], size: number): Generator<string> {
  let from = 0;
  let length = 0;
  for (let i = 0; i < parts.length; i++) {
    length += parts[i].length;
    if (length >= size || i === parts.length - 1) {
      yield parts.slice(from, i + 1).join('');
      from = i + 1;
      length = 0;
    }
  }
}

/** Inserts into an ascending array; new minutes usually come last, so that case is checked first. */
function insertSorted(sorted: number[], value: number): void {
  if (sorted.length === 0 || sorted[sorted.length - 1] < value) sorted.push(value);
  else sorted.splice(lowerBound(sorted, value), 0, value);
}

function groupClaims(claims: Map<string, Claim>): StoreFile['claims'] {
  const groups = new Map<Claim, string[]>();
  for (const [key, claim] of claims) {
    const keys = groups.get(claim);
    if (keys === undefined) groups.set(claim, [key]);
    else keys.push(key);
  }
  return [...groups].map(([claim, keys]) => [claim.owner, claim.expiresAt, keys]);
}

async function readIfExists(file: string): Promise<Buffer | undefined>;
async function readIfExists(file: string, encoding: 'utf8'): Promise<string | undefined>;
async function readIfExists(file: string, encoding?: 'utf8'): Promise<Buffer | string | undefined> {
  try {
    return await readFile(file, encoding);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The journal's first record, naming the snapshot generation it was written on; undefined for anything else. */
function parseJournalHeader(payload: string): { base: string } | undefined {
  let header: { journal?: unknown; base?: unknown } | null;
  try {
    header = JSON.parse(payload) as { journal?: unknown; base?: unknown } | null;
  } catch {
    return undefined;
  }
  return header !== null && header.journal === JOURNAL_VERSION && typeof header.base === 'string' ? { base: header.base } : undefined;
}

/** The start of a journal record `["json",key,value]`, the key captured. */
const JSON_CHANGE = /^\["json",("(?:[^"\\]|\\.)*"),/;

/** A journal record that passed its checksum but is no change of this version was written by something else: refused, like a damaged snapshot. */
function parseChange(payload: string, file: string, index: number): Change {
  const change = JSON.parse(payload) as unknown;
  if (!Array.isArray(change) || !['claim', 'release', 'add'].includes(change[0] as string)) {
    throw new Error(`${file}: record ${index} is not a store change of journal version ${JOURNAL_VERSION}; move the file away to start from ${EMBEDDED_STORE_FILE} alone`);
  }
  return change as Change;
}

/** Parses a saved store file, saying which file is broken and how. */
function parseStoreFile(text: string, file: string): StoreFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${String(error)}); move it away to start with an empty store`);
  }
  const saved = value as Partial<StoreFile> | null;
  if (saved === null || typeof saved !== 'object' || saved.version !== FILE_VERSION) {
    throw new Error(`${file} is not an outage-radar store file of version ${FILE_VERSION}`);
  }
  for (const field of ['buckets', 'claims', 'commits', 'json'] as const) {
    if (!Array.isArray(saved[field])) throw new Error(`${file}: field "${field}" must be an array`);
  }
  return saved as StoreFile;
}
