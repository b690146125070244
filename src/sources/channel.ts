// Turns callback-style events (a WebSocket, a TweetStream) into an async iterable a generator can consume.

/** An unbounded queue: producers `push`, then `end` or `fail` once; one consumer iterates. */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  /** Items waiting for the consumer. */
  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.notify();
  }

  /** No more items; the consumer finishes what is queued. The first `end`/`fail` wins. */
  end(): void {
    this.closed = true;
    this.notify();
  }

  /** The consumer throws `error` after what is queued. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.closed) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
