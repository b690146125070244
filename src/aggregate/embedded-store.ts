// The default Store: in memory, persisted to one JSON file in the data directory; no server needed.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bucket } from '../model/types.ts';
import { DEFAULT_DEDUPE_MS, DEFAULT_RETENTION_MS, firstOccurrencesOnly, type BucketDelta, type BucketQuery, type Store } from './store.ts';
import { DEFAULT_EXAMPLES_PER_BUCKET, compareBuckets, mergeDelta, newTally, snapshotBucket, type Tally } from './tally.ts';
import { pauser, stringifyYielding } from './json-text.ts';
import { lowerBound } from '../util/sorted.ts';

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
  /** Wall clock for expiry; tests move it. */
  now?: () => number;
}

export const EMBEDDED_STORE_FILE = 'store.json';
const FILE_VERSION = 1;

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
  buckets: Array<Bucket & { authorIds: string[]; expiresAt: number }>;
  /** Grouped by claim, as they were won: the owner is written once, not once per key. */
  claims: Array<[owner: string, expiresAt: number, keys: string[]]>;
  commits: Array<[commitId: string, expiresAt: number]>;
  json: Array<[key: string, value: unknown]>;
}

/** Characters of the snapshot text encoded and written at a time. */
const WRITE_PIECE = 1 << 19;

export class EmbeddedStore implements Store {
  readonly file: string;
  private readonly retentionMs: number;
  private readonly dedupeMs: number;
  private readonly examplesPerBucket: number;
  private readonly now: () => number;
  /** service -> region -> the series' cells */
  private readonly cells = new Map<string, Map<string, Series>>();
  private readonly claims = new Map<string, Claim>();
  private readonly commits = new Map<string, number>();
  /** Values kept as their JSON text: a copy by construction, and written into snapshots as they are. */
  private readonly json = new Map<string, string>();
  private dirty = false;
  /** Set while a snapshot's text is being made: writers wait for it, so the snapshot is one instant. */
  private snapshotting: Promise<void> | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** Flushes run one after another so an older snapshot never overwrites a newer one. */
  private lastFlush: Promise<void> = Promise.resolve();

  private constructor(private readonly dataDir: string, options: EmbeddedStoreOptions) {
    this.file = join(dataDir, EMBEDDED_STORE_FILE);
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
    const claimed = keys.map((key) => {
      const claim = this.claims.get(key);
      if (claim !== undefined && claim.expiresAt > now) return claim.owner === owner;
      this.claims.set(key, won);
      return true;
    });
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
    let released = 0;
    for (const key of keys) {
      if (this.claims.get(key)?.owner !== owner) continue;
      this.claims.delete(key);
      released++;
    }
    if (released > 0) this.dirty = true;
    return released;
  }

  async addBuckets(buckets: BucketDelta[], commitId?: string): Promise<boolean> {
    this.assertOpen();
    await this.snapshotting;
    this.assertOpen();
    const now = this.now();
    const expiresAt = now + this.retentionMs;
    if (commitId !== undefined) {
      const committed = this.commits.get(commitId);
      if (committed !== undefined && committed > now) return false;
      this.commits.set(commitId, now + this.dedupeMs);
    }
    for (const delta of buckets) {
      const cell = this.cellFor(delta.service, delta.region, delta.start, now);
      mergeDelta(cell.tally, delta, this.examplesPerBucket);
      cell.expiresAt = expiresAt;
    }
    this.dirty = true;
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
    this.json.set(key, text);
    this.dirty = true;
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    this.assertOpen();
    const text = this.json.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /** Writes unsaved changes now: to a temporary file, synced, then renamed over the old one. */
  flush(): Promise<void> {
    // A failed flush (reported to its caller) must not stop the ones after it.
    const next = this.lastFlush.catch(() => undefined).then(() => this.writeSnapshot());
    this.lastFlush = next;
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeSnapshot(): Promise<void> {
    if (!this.dirty) return;
    await this.dropExpiredYielding(this.now());
    // One consistent instant even while counting goes on: writers wait until the text is made, and
    // the text is made in slices so that readers (the API) are served meanwhile.
    let done = () => {};
    this.snapshotting = new Promise<void>((resolve) => (done = resolve));
    let text: string[];
    try {
      text = await this.snapshotText();
      this.dirty = false;
    } finally {
      this.snapshotting = undefined;
      done();
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      const handle = await open(tmp, 'w');
      try {
        // In pieces: joining or encoding the whole text at once would stall the event loop for tens of ms.
        for (const piece of pieces(text, WRITE_PIECE)) await handle.write(piece, null, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  /**
   * The store file's text; JSON values are spliced in as the text they are kept as, not serialised
   * again. Each bucket becomes text at once: a copy of every bucket kept until the end would be
   * hundreds of MB for the collector to move while the API is answering.
   */
  private async snapshotText(): Promise<string[]> {
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
    return [`{"version":${FILE_VERSION},"buckets":[`, ...buckets, `],"claims":${claims},"commits":${commits},"json":[${json}]}`];
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const saved = parseStoreFile(text, this.file);
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
    this.dropExpired(this.now());
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
