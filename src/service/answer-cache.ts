// Read answers of the API computed at most once per freshness window: at thousands of requests a
// second, the same question (outages now, a service's signal) must not rescan the store each time.

export class AnswerCache {
  private readonly entries = new Map<string, { expires: number; version: unknown; value: Promise<unknown> }>();

  constructor(
    /** How long an answer stays fresh (ms); data newer than this may not show yet. */
    private readonly freshMs = 1000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached answer for `key`, computed anew when stale or when `version` (e.g. the last closed minute) changed. */
  get<T>(key: string, version: unknown, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now && hit.version === version) return hit.value as Promise<T>;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = compute();
    this.entries.set(key, { expires: now + this.freshMs, version, value });
    // A failed computation is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
