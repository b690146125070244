// Opens and closes an episode on a confidence series with hysteresis: open after `openAfter` buckets
// above `openAbove`, close after `closeAfter` buckets below `closeBelow`. On opening, the start is traced
// back to where the rise began (surprise above `riseSurprise`), not where the threshold was crossed.

export interface HysteresisOptions {
  openAbove: number;
  openAfter: number;
  closeBelow: number;
  closeAfter: number;
  /** Surprise (-log10 p) that counts as "already rising" when tracing the start back. */
  riseSurprise: number;
  /** How many past buckets are kept for that trace. */
  riseLookback: number;
  bucketMs: number;
}

/** A recent bucket that was already rising (surprise >= riseSurprise); quiet buckets are not kept. */
interface Recent {
  at: number;
  complaints: number;
}

/** JSON-serialisable state of one series' episode machine. */
export interface HysteresisState {
  open: boolean;
  above: number;
  below: number;
  /** Start of the first bucket of the current run below `closeBelow`. */
  belowSince?: number;
  recent: Recent[];
}

export type Transition =
  | { kind: 'open'; start: number; complaintsSinceStart: number }
  | { kind: 'close'; end: number }
  | { kind: 'none' };

export function newHysteresisState(): HysteresisState {
  return { open: false, above: 0, below: 0, recent: [] };
}

export function advance(
  state: HysteresisState,
  at: number,
  confidence: number,
  surprise: number,
  complaints: number,
  opts: HysteresisOptions,
  /** What decides closing, when it differs from what decides opening (e.g. recent evidence only). */
  closeConfidence = confidence,
): Transition {
  const horizon = at - opts.riseLookback * opts.bucketMs;
  while (state.recent.length > 0 && state.recent[0].at <= horizon) state.recent.shift();
  if (surprise >= opts.riseSurprise || confidence > opts.openAbove) state.recent.push({ at, complaints });
  if (!state.open) {
    state.above = confidence > opts.openAbove ? state.above + 1 : 0;
    if (state.above < opts.openAfter) return { kind: 'none' };
    state.open = true;
    state.above = 0;
    state.below = 0;
    return { kind: 'open', ...traceRise(state.recent, at, opts) };
  }
  if (closeConfidence < opts.closeBelow) {
    if (state.below === 0) state.belowSince = at;
    state.below++;
  } else {
    state.below = 0;
  }
  if (state.below < opts.closeAfter) return { kind: 'none' };
  const end = state.belowSince ?? at;
  state.open = false;
  state.below = 0;
  delete state.belowSince;
  return { kind: 'close', end };
}

/** Walks back from the buckets that crossed the threshold over the unbroken run of rising buckets. */
function traceRise(recent: Recent[], at: number, opts: HysteresisOptions): { start: number; complaintsSinceStart: number } {
  let i = recent.length - 1;
  let start = at;
  while (i >= 0 && recent[i].at === start) {
    i--;
    start -= opts.bucketMs;
  }
  start += opts.bucketMs;
  let complaintsSinceStart = 0;
  for (let j = i + 1; j < recent.length; j++) complaintsSinceStart += recent[j].complaints;
  return { start, complaintsSinceStart };
}
