// A service's signal over time in one shape, for the report (one column a minute over the whole
// archive, batch/detection.ts) and the API (one column a requested bucket over a window,
// live/live-service.ts): per column the complaints summed, the baseline summed and the highest
// confidence over the minutes it covers, and whether the detector judged any of those minutes (the
// API shows null where it did not). Plain data with typed arrays, so that it crosses threads cheaply.

export interface SignalColumns {
  /** Start of the first column (epoch ms). */
  first: number;
  /** Width of a column (ms): a multiple of the detector's bucket. */
  width: number;
  complaints: Float64Array;
  baseline: Float64Array;
  confidence: Float64Array;
  /** 1 where the detector judged at least one minute of the column. */
  judged: Uint8Array;
}

export function signalColumns(first: number, width: number, length: number): SignalColumns {
  return {
    first,
    width,
    complaints: new Float64Array(length),
    baseline: new Float64Array(length),
    confidence: new Float64Array(length),
    judged: new Uint8Array(length),
  };
}

/** The column holding time `at`, or -1 when it lies outside the columns. */
export function columnOf(columns: SignalColumns, at: number): number {
  const i = Math.floor((at - columns.first) / columns.width);
  return i >= 0 && i < columns.judged.length ? i : -1;
}

/** Adds complaints counted at `at` (the detector's, or the store's buckets). */
export function addComplaints(columns: SignalColumns, at: number, complaints: number): void {
  const i = columnOf(columns, at);
  if (i >= 0) columns.complaints[i] += complaints;
}

/** Adds one minute the detector judged: its baseline is summed, its confidence kept when highest. */
export function addJudged(columns: SignalColumns, at: number, baseline: number, confidence: number): void {
  const i = columnOf(columns, at);
  if (i < 0) return;
  columns.judged[i] = 1;
  columns.baseline[i] += baseline;
  if (confidence > columns.confidence[i]) columns.confidence[i] = confidence;
}

/** Baselines and confidences as the report and the API show them: 4 decimals. */
export function roundSignal(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
