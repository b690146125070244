// Several time-ordered streams as one, in time order (a k-way merge): archives keep one file per
// network, each covering the whole day, and the detector needs the day in event-time order.

/**
 * Items of every stream, smallest `timeOf` first; equal times come out in stream order. Each stream
 * must already be in time order (an item earlier than its stream's previous one comes out late).
 * Returning early closes every stream.
 */
export async function* mergeByTime<T>(streams: AsyncIterable<T>[], timeOf: (item: T) => number): AsyncGenerator<T> {
  const iterators = streams.map((stream) => stream[Symbol.asyncIterator]());
  const heads = await Promise.all(iterators.map((it) => it.next()));
  const times = heads.map((head) => (head.done ? Infinity : timeOf(head.value)));
  try {
    for (;;) {
      let next = -1;
      for (let i = 0; i < heads.length; i++) {
        if (!heads[i].done && (next < 0 || times[i] < times[next])) next = i;
      }
      if (next < 0) return;
      const { value } = heads[next] as IteratorYieldResult<T>;
      heads[next] = await iterators[next].next();
      const head = heads[next];
      times[next] = head.done ? Infinity : timeOf(head.value);
      yield value;
    }
  } finally {
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}
