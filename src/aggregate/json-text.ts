// JSON.stringify for large plain values that gives the event loop back every few milliseconds: a
// service persisting megabytes of state must not stall the requests it serves meanwhile. The caller
// keeps the value unchanged until the promise settles.

/** Containers with at most this many members are serialised in one JSON.stringify call. */
const SMALL = 64;

/**
 * The same text as `JSON.stringify(value)` for plain data (objects, arrays, strings, numbers,
 * booleans, null; no toJSON, no cycles), produced in slices of about `sliceMs` of work.
 */
export async function stringifyYielding(value: unknown, sliceMs = 2): Promise<string> {
  const parts: string[] = [];
  const pause = pauser(sliceMs);
  const walk = async (v: unknown): Promise<void> => {
    const paused = pause();
    if (paused) await paused;
    if (v === null || typeof v !== 'object') {
      parts.push(JSON.stringify(v) ?? 'null');
      return;
    }
    if (Array.isArray(v)) {
      if (v.length <= SMALL || typeof v[0] !== 'object') {
        parts.push(JSON.stringify(v));
        return;
      }
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        // JSON.stringify writes undefined and functions in arrays as null.
        const item: unknown = v[i];
        if (item === undefined || typeof item === 'function') parts.push('null');
        else await walk(item);
      }
      parts.push(']');
      return;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, item]) => item !== undefined && typeof item !== 'function');
    if (entries.length <= SMALL && entries.every(([, item]) => item === null || typeof item !== 'object' || isSmall(item))) {
      parts.push(JSON.stringify(v));
      return;
    }
    parts.push('{');
    for (let i = 0; i < entries.length; i++) {
      if (i > 0) parts.push(',');
      parts.push(JSON.stringify(entries[i][0]), ':');
      await walk(entries[i][1]);
    }
    parts.push('}');
  };
  await walk(value);
  return parts.join('');
}

function isSmall(v: object): boolean {
  return Array.isArray(v) ? v.length <= SMALL && (v.length === 0 || typeof v[0] !== 'object') : Object.keys(v).length <= 8;
}

/**
 * A function to call in a long loop: once `sliceMs` of work has passed it waits for the event loop to
 * serve what is pending. It checks the time at every call (tens of ns): one step of a loop can be a
 * bucket with thousands of authors, so checking every few hundred steps let slices grow to 100 ms.
 */
export function pauser(sliceMs = 2): () => Promise<void> | undefined {
  let sliceEnd = performance.now() + sliceMs;
  return () => {
    if (performance.now() <= sliceEnd) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceEnd = performance.now() + sliceMs;
        resolve();
      }),
    );
  };
}
