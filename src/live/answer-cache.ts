// Read answers of the API computed at most once per freshness window: at thousands of requests a
// second, the same question (outages now, a service's signal) must not rescan the store each time.

interface Entry {
  expires: number;
  /** When the answer was last asked for. */
  readAt: number;
  version: unknown;
  value: Promise<unknown>;
  /** How the answer is made, kept for refreshes that no request starts (`refreshAll`). */
  compute: () => Promise<unknown>;
  /** The value has resolved: once stale it can still be answered while a recomputation runs. */
  settled: boolean;
  refreshing: boolean;
}

/** How long a read answer stays fresh by default (ms); HTTP caches may keep it as long (api/security-headers.ts). */
export const ANSWER_FRESH_MS = 1000;

export interface AnswerCacheOptions {
  /**
   * A request for a newer version waits for its answer (true), or is given the previous version's
   * answer while the new one is computed (false: no request waits once its question was answered).
   * Default true.
   */
  waitForNewVersion?: boolean;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly waitForNewVersion: boolean;

  constructor(
    /** How long an answer stays fresh (ms); data newer than this may not show yet. */
    private readonly freshMs = ANSWER_FRESH_MS,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
    options: AnswerCacheOptions = {},
  ) {
    this.waitForNewVersion = options.waitForNewVersion ?? true;
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
    if (hit && (current || (hit.settled && !this.waitForNewVersion))) {
      hit.readAt = now;
      hit.compute = compute;
      if (hit.expires <= now || !current) this.refresh(key, hit, version);
      return hit.value as Promise<T>;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry: Entry = { expires: now + this.freshMs, readAt: now, version, value: compute(), compute, settled: false, refreshing: false };
    this.entries.set(key, entry);
    entry.value.then(
      () => (entry.settled = true),
      // A failed computation is not remembered.
      () => this.forget(key, entry),
    );
    return entry.value as Promise<T>;
  }

  /**
   * Recomputes, in the background, every answer that is past its freshness window or of another
   * version than `version`, so that the next request gets a fresh one without waiting; answers
   * nobody asked for within `keepUnreadMs` are dropped instead.
   */
  refreshAll(version: unknown, keepUnreadMs: number): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.readAt > keepUnreadMs) this.forget(key, entry);
      else if (entry.expires <= now || entry.version !== version) this.refresh(key, entry, version);
    }
  }

  private refresh(key: string, stale: Entry, version: unknown): void {
    if (!stale.settled || stale.refreshing) return;
    stale.refreshing = true;
    const value = stale.compute();
    value.then(
      () => {
        if (this.entries.get(key) !== stale) return;
        this.entries.set(key, { ...stale, expires: this.now() + this.freshMs, version, value, settled: true, refreshing: false });
      },
      // The next request computes anew and sees the failure, instead of an old answer forever.
      () => this.forget(key, stale),
    );
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
