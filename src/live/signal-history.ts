// Recent detector output kept for the API: a compact per-series window of (complaints, baseline,
// confidence), and the full signals (with evidence) of the last few closed minutes.
import type { Signal } from '../model/types.ts';
import { roundSignal } from '../pipeline/signal-columns.ts';

/** [at, complaints, baseline, confidence] */
export type SignalPointTuple = [number, number, number, number];

/** Fields per point in `SeriesHistory.points`: at, complaints, baseline, confidence. */
const FIELDS = 4;

interface SeriesHistory {
  service: string;
  region: string;
  /**
   * Points flattened, FIELDS numbers each: one array of doubles per series instead of one small
   * array per minute keeps hundreds of thousands of objects off the heap the garbage collector scans.
   */
  points: number[];
  /** Last minute with complaints or confidence; quiet series are dropped after the window. */
  lastActive: number;
}

export interface SignalHistoryState {
  version: 2;
  series: Record<string, SeriesHistory>;
  /** Full signals of the last closed minutes, oldest first. */
  recent: Signal[][];
}

/** How many closed minutes keep their full signals. */
export const RECENT_MINUTES = 5;

export class SignalHistory {
  private readonly series = new Map<string, SeriesHistory>();
  private recentSignals: Signal[][] = [];

  constructor(
    private readonly windowMs: number,
    saved?: SignalHistoryState,
  ) {
    if (saved?.version === 2) {
      for (const [key, s] of Object.entries(saved.series)) this.series.set(key, s);
      this.recentSignals = saved.recent;
    }
  }

  record(at: number, signals: Signal[]): void {
    for (const signal of signals) {
      const key = `${signal.service}|${signal.region}`;
      const active = signal.complaints > 0 || signal.confidence > 0;
      let s = this.series.get(key);
      if (!s) {
        if (!active) continue;
        s = { service: signal.service, region: signal.region, points: [], lastActive: at };
        this.series.set(key, s);
      }
      if (active) s.lastActive = at;
      s.points.push(at, signal.complaints, roundSignal(signal.baseline), roundSignal(signal.confidence));
    }
    this.recentSignals.push(signals);
    if (this.recentSignals.length > RECENT_MINUTES) this.recentSignals.shift();
    this.prune(at - this.windowMs);
  }

  /** Points of one series with from <= at < to, oldest first. */
  points(service: string, region: string, from: number, to: number): SignalPointTuple[] {
    const points = this.series.get(`${service}|${region}`)?.points ?? [];
    const out: SignalPointTuple[] = [];
    for (let i = 0; i < points.length; i += FIELDS) {
      const at = points[i];
      if (at >= from && at < to) out.push([at, points[i + 1], points[i + 2], points[i + 3]]);
    }
    return out;
  }

  /** Full signals of the last closed minutes, oldest first. */
  recent(): Signal[][] {
    return this.recentSignals;
  }

  /** The signals of the last closed minute. */
  latest(): Signal[] {
    return this.recentSignals[this.recentSignals.length - 1] ?? [];
  }

  state(): SignalHistoryState {
    return { version: 2, series: Object.fromEntries(this.series), recent: this.recentSignals };
  }

  private prune(before: number): void {
    for (const [key, s] of this.series) {
      if (s.lastActive < before) {
        this.series.delete(key);
        continue;
      }
      let drop = 0;
      while (drop < s.points.length && s.points[drop] < before) drop += FIELDS;
      if (drop > 0) s.points.splice(0, drop);
    }
  }
}
