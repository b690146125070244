// Opens and closes an episode on a confidence series with hysteresis: open after `openAfter` buckets
// above `openAbove`; it starts to close after `closeAfter` buckets in a row that are back near normal
// (confidence below `closeBelow` and, when the caller gives the level, the recent rate back near the
// baseline), and is closed for good only when `holdMs` then passes without the confidence rising above
// `openAbove` again: a short lull inside one outage does not split it, and its end is dated to where
// the lull began. On opening, the start is traced back to where the rise began (surprise above
// `riseSurprise`), not where the threshold was crossed.

export interface HysteresisOptions {
  openAbove: number;
  openAfter: number;
  closeBelow: number;
  closeAfter: number;
  /**
   * How long an episode that has fallen back stays ready to resume (ms): a rise within it continues the
   * episode instead of opening a new one. 0: it closes as soon as it has fallen back.
   */
  holdMs?: number;
  /**
   * "Near the baseline": the recent rate has fallen below baseline + this share of the way from the
   * baseline to the episode's highest recent rate (only when the caller gives the level).
   */
  closeFraction?: number;
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
  /** True from the opening until the episode is closed for good (through its hold). */
  open: boolean;
  above: number;
  below: number;
  /** Start of the first bucket of the current run back near normal. */
  belowSince?: number;
  /** Set while the episode has fallen back and waits out its hold: where it ended, if it stays down. */
  endedAt?: number;
  /** The highest recent rate of the episode (voices per bucket), the top of its "near the baseline" band. */
  peakRate?: number;
  recent: Recent[];
}

/** The series' recent rate of voices and its baseline's, per bucket, over the closing horizon. */
export interface Level {
  rate: number;
  expected: number;
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
  level?: Level,
  /** This episode's hold, when it differs from `opts.holdMs` (Infinity: held until `release`). */
  holdMs = opts.holdMs ?? 0,
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
    if (level) state.peakRate = level.rate;
    return { kind: 'open', ...traceRise(state.recent, at, opts) };
  }
  if (level) state.peakRate = Math.max(state.peakRate ?? 0, level.rate);
  if (state.endedAt !== undefined) return holdOrClose(state, at, closeConfidence, opts, holdMs);
  if (closeConfidence < opts.closeBelow && nearBaseline(state, level, opts)) {
    if (state.below === 0) state.belowSince = at;
    state.below++;
  } else {
    state.below = 0;
  }
  if (state.below < opts.closeAfter) return { kind: 'none' };
  state.endedAt = state.belowSince ?? at;
  state.below = 0;
  delete state.belowSince;
  return holdOrClose(state, at, closeConfidence, opts, holdMs);
}

/**
 * An episode that has fallen back: it resumes when the recent evidence rises above `openAbove` again
 * within its hold, and closes for good after it.
 */
function holdOrClose(state: HysteresisState, at: number, closeConfidence: number, opts: HysteresisOptions, holdMs: number): Transition {
  if (closeConfidence > opts.openAbove) {
    delete state.endedAt;
    return { kind: 'none' };
  }
  if (at - state.endedAt! < holdMs) return { kind: 'none' };
  return { kind: 'close', end: release(state)! };
}

/** Since when an open episode has been back near normal, waiting out its hold; undefined when it is not. */
export function heldSince(state: HysteresisState): number | undefined {
  return state.open ? state.endedAt : undefined;
}

/** Closes an episode that waits out its hold now; returns its end (undefined, and no change, when it was not waiting). */
export function release(state: HysteresisState): number | undefined {
  const end = state.endedAt;
  if (!state.open || end === undefined) return undefined;
  state.open = false;
  delete state.endedAt;
  delete state.peakRate;
  return end;
}

function nearBaseline(state: HysteresisState, level: Level | undefined, opts: HysteresisOptions): boolean {
  if (!level) return true;
  const peak = Math.max(state.peakRate ?? 0, level.expected);
  return level.rate <= level.expected + (opts.closeFraction ?? 0) * (peak - level.expected);
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
