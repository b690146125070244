// Nice values per thread (Linux keeps one per thread, not per process): the HTTP thread of `serve`
// stays at its own priority while every other thread of the process (the pipeline, V8's collector
// and compiler helpers, libuv's file and zlib pool) gives way to it when the cores are all busy.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers every other thread of this process to at least `nice`; returns how many were changed.
 * Call it from the main thread; threads started later inherit their starter's value. Does nothing
 * (0) where threads have no nice value of their own.
 */
export function lowerOtherThreads(nice: number): number {
  if (process.platform !== 'linux') return 0;
  let changed = 0;
  for (const task of readdirSync('/proc/self/task')) {
    const tid = Number(task);
    if (tid === process.pid) continue;
    try {
      if (getPriority(tid) >= nice) continue;
      setPriority(tid, nice);
      changed++;
    } catch {
      // The thread ended meanwhile, or the system refuses: it keeps its priority.
    }
  }
  return changed;
}
