// Read answers of the API computed at most once per freshness window: at thousands of requests a
// second, the same question (outages now, a service's signal) must not rescan the store each time.

interface Entry {
  expires: number;
  /** When the answer was last asked for. */
  readAt: number;
  version: unknown;
  value: Promise<unknown>;
  /** The value has resolved: once stale it can still be answered while a recomputation runs. */
  settled: boolean;
  refreshing: boolean;
}

/** How long a read answer stays fresh by default (ms); HTTP caches may keep it as long (api/security-headers.ts). */
export const ANSWER_FRESH_MS = 1000;

export interface AnswerCacheOptions {
  /**
   * A request for a newer version waits for its answer (true), or is given the previous version's
   * answer while the new one is computed (false: no request ever waits once a key was answered).
   * Default true.
   */
  waitForNewVersion?: boolean;
  /**
   * An answer nobody asked for within this long (ms) is not given again: the next request waits for
   * a new one, so an occasional reader never gets an answer from its previous visit. Default Infinity.
   */
  idleMs?: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly waitForNewVersion: boolean;
  private readonly idleMs: number;

  constructor(
    /** How long an answer stays fresh (ms); data newer than this may not show yet. */
    private readonly freshMs = ANSWER_FRESH_MS,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
    options: AnswerCacheOptions = {},
  ) {
    this.waitForNewVersion = options.waitForNewVersion ?? true;
    this.idleMs = options.idleMs ?? Infinity;
  }

  /**
   * The cached answer for `key`, computed anew when `version` (e.g. the last closed minute) changed.
   * Once it is older than the freshness window, the previous answer is still given while one
   * recomputation runs (stale-while-revalidate), so no request waits for it.
   */
  get<T>(key: string, version: unknown, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    const current = hit?.version === version;
    if (hit && now - hit.readAt <= this.idleMs && (current || (hit.settled && !this.waitForNewVersion))) {
      hit.readAt = now;
      if ((hit.expires <= now || !current) && hit.settled && !hit.refreshing) this.refresh(key, hit, version, compute);
      return hit.value as Promise<T>;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry: Entry = { expires: now + this.freshMs, readAt: now, version, value: compute(), settled: false, refreshing: false };
    this.entries.set(key, entry);
    entry.value.then(
      () => (entry.settled = true),
      // A failed computation is not remembered.
      () => this.forget(key, entry),
    );
    return entry.value as Promise<T>;
  }

  private refresh<T>(key: string, stale: Entry, version: unknown, compute: () => Promise<T>): void {
    stale.refreshing = true;
    const value = compute();
    value.then(
      () => {
        if (this.entries.get(key) !== stale) return;
        this.entries.set(key, { expires: this.now() + this.freshMs, readAt: stale.readAt, version, value, settled: true, refreshing: false });
      },
      // The next request computes anew and sees the failure, instead of an old answer forever.
      () => this.forget(key, stale),
    );
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
