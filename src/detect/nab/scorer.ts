// NAB's scoring rules (Lavin & Ahmad 2015; the data folder's README spells them out): probationary period,
// scaled-sigmoid weights around labelled windows, one threshold shared by the corpus and optimised per
// profile over every distinct score, normalised so that the null detector is 0 and a perfect one 100.
// The threshold search sorts the rows once and sweeps down, so a corpus of 200k rows takes milliseconds.
import type { CostMatrix } from './corpus.ts';

export interface ScoredFile {
  /** Anomaly score per row. */
  scores: number[];
  /** Inclusive row ranges of the labelled windows, in time order. */
  windows: [number, number][];
}

export interface ProfileResult {
  /** Normalised: 0 = null detector, 100 = perfect. */
  score: number;
  raw: number;
  threshold: number;
}

/** Threshold that flags nothing: NAB's first candidate. */
const NOTHING = 1.1;

export function probationRows(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** NAB's scaled sigmoid: 2 / (1 + e^(5y)) - 1, and -1 past y = 3. */
export function scaledSigmoid(y: number): number {
  return y > 3 ? -1 : 2 / (1 + Math.exp(5 * y)) - 1;
}

/**
 * Row `i`'s role: inside window `window` with weight `tp` (times tpWeight), or outside with weight `fp`
 * (times fpWeight, negative). Probationary rows are not listed at all.
 */
interface Row {
  score: number;
  window: number;
  /** Row index, to find each window's earliest detection. */
  index: number;
  unitWeight: number;
}

function rowsOf(file: ScoredFile, windowOffset: number): Row[] {
  const n = file.scores.length;
  const rows: Row[] = [];
  let w = 0;
  for (let i = probationRows(n); i < n; i++) {
    while (w < file.windows.length && file.windows[w][1] < i) w++;
    const inside = w < file.windows.length && file.windows[w][0] <= i;
    if (inside) {
      const [left, right] = file.windows[w];
      const width = right - left + 1;
      rows.push({ score: file.scores[i], window: windowOffset + w, index: i, unitWeight: scaledSigmoid(-(right - i + 1) / width) / scaledSigmoid(-1) });
    } else {
      const previous = w - 1;
      let unitWeight = -1;
      if (previous >= 0) {
        const [left, right] = file.windows[previous];
        unitWeight = scaledSigmoid((i - right) / (right - left));
      }
      rows.push({ score: file.scores[i], window: -1, index: i, unitWeight });
    }
  }
  return rows;
}

/** A corpus prepared once (rows sorted by descending score) and scored under any profile. */
export class NabScorer {
  private readonly rows: Row[];
  readonly windows: number;

  constructor(files: ScoredFile[]) {
    let offset = 0;
    const rows: Row[] = [];
    for (const file of files) {
      for (const row of rowsOf(file, offset)) rows.push(row);
      offset += file.windows.length;
    }
    this.windows = offset;
    this.rows = rows.sort((a, b) => b.score - a.score);
  }

  /** Best threshold for the profile (ties: the highest), its raw corpus score, and the normalised score. */
  optimise(cost: CostMatrix): ProfileResult {
    const nullRaw = -cost.fnWeight * this.windows;
    let total = nullRaw;
    let best = { raw: total, threshold: NOTHING };
    const earliest = new Int32Array(this.windows).fill(-1);
    const earliestWeight = new Float64Array(this.windows);
    const rows = this.rows;
    let i = 0;
    while (i < rows.length && rows[i].score >= NOTHING) total += detect(rows[i++], cost, earliest, earliestWeight);
    if (i > 0) best = { raw: total, threshold: NOTHING };
    while (i < rows.length) {
      const threshold = rows[i].score;
      while (i < rows.length && rows[i].score === threshold) total += detect(rows[i++], cost, earliest, earliestWeight);
      if (total > best.raw) best = { raw: total, threshold };
    }
    return { ...best, score: normalise(best.raw, cost, this.windows) };
  }

  /** Raw corpus score at a given threshold (detections are rows with score >= threshold). */
  rawAt(threshold: number, cost: CostMatrix): number {
    let total = -cost.fnWeight * this.windows;
    const earliest = new Int32Array(this.windows).fill(-1);
    const earliestWeight = new Float64Array(this.windows);
    for (let i = 0; i < this.rows.length && this.rows[i].score >= threshold; i++) total += detect(this.rows[i], cost, earliest, earliestWeight);
    return total;
  }
}

/** Makes the row a detection; returns the change of the corpus score (a window counts its earliest detection). */
function detect(row: Row, cost: CostMatrix, earliest: Int32Array, earliestWeight: Float64Array): number {
  if (row.window < 0) return cost.fpWeight * row.unitWeight;
  if (earliest[row.window] >= 0 && row.index > earliest[row.window]) return 0;
  const weight = cost.tpWeight * row.unitWeight;
  const delta = weight - (earliest[row.window] < 0 ? -cost.fnWeight : earliestWeight[row.window]);
  earliest[row.window] = row.index;
  earliestWeight[row.window] = weight;
  return delta;
}

/** 100 * (raw - null) / (perfect - null), with null = every window missed and perfect = every window hit first. */
export function normalise(raw: number, cost: CostMatrix, windows: number): number {
  const nullRaw = -cost.fnWeight * windows;
  const perfect = cost.tpWeight * windows;
  return (100 * (raw - nullRaw)) / (perfect - nullRaw);
}
