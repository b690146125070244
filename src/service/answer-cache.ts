// Read answers of the API computed at most once per freshness window: at thousands of requests a
// second, the same question (outages now, a service's signal) must not rescan the store each time.

interface Entry {
  expires: number;
  version: unknown;
  value: Promise<unknown>;
  /** The value has resolved: once stale it can still be answered while a recomputation runs. */
  settled: boolean;
  refreshing: boolean;
}

/** How long a read answer stays fresh by default (ms); HTTP caches may keep it as long (api/security-headers.ts). */
export const ANSWER_FRESH_MS = 1000;

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** How long an answer stays fresh (ms); data newer than this may not show yet. */
    private readonly freshMs = ANSWER_FRESH_MS,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached answer for `key`, computed anew when `version` (e.g. the last closed minute) changed.
   * Once it is older than the freshness window, the previous answer is still given while one
   * recomputation runs (stale-while-revalidate), so no request waits for it.
   */
  get<T>(key: string, version: unknown, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      if (hit.expires <= now && hit.settled && !hit.refreshing) this.refresh(key, hit, compute);
      return hit.value as Promise<T>;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry: Entry = { expires: now + this.freshMs, version, value: compute(), settled: false, refreshing: false };
    this.entries.set(key, entry);
    entry.value.then(
      () => (entry.settled = true),
      // A failed computation is not remembered.
      () => this.forget(key, entry),
    );
    return entry.value as Promise<T>;
  }

  private refresh<T>(key: string, stale: Entry, compute: () => Promise<T>): void {
    stale.refreshing = true;
    const value = compute();
    value.then(
      () => {
        if (this.entries.get(key) !== stale) return;
        this.entries.set(key, { expires: this.now() + this.freshMs, version: stale.version, value, settled: true, refreshing: false });
      },
      // The next request computes anew and sees the failure, instead of an old answer forever.
      () => this.forget(key, stale),
    );
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
