// Drives the detector by EVENT time: the watermark (how far the posts have come, see EventClock) minus a
// lateness allowance closes minutes, never past the newest bucket counted; each closed minute's buckets go
// to the detector in order, empty minutes included. Buckets outside the hard bounds (before 2006, after
// the wall clock) are never stepped. The learnt state (incidents included) and recent signals are
// persisted in the store, so a restart goes on.
import { DEFAULT_RETENTION_MS, type Store } from '../aggregate/store.ts';
import type { Bucket, Incident, Signal } from '../model/types.ts';
import { OutageDetector, type DetectorOptions, type DetectorState, type IncidentEvent } from '../detect/detector.ts';
import { checkHardBounds, COLD_START_SPAN_MS } from '../pipeline/event-clock.ts';
import { stepDetector } from '../pipeline/step-detector.ts';
import { SignalHistory, type SignalHistoryState } from './signal-history.ts';
import { DEFAULT_BUCKET_MS } from '../model/constants.ts';

export const DETECTOR_STATE_KEY = 'service:detector';
export const SIGNAL_HISTORY_KEY = 'service:signals';

export interface DetectorLoopOptions {
  bucketMs?: number;
  /** How long after the watermark a minute stays open for late posts (ms). Default 120 000. */
  latenessMs?: number;
  /**
   * Event time the posts have reached (`EventClock.watermark`); undefined while unknown: nothing closes.
   * Default: the newest bucket within the hard bounds (where posts were judged in another process).
   */
  watermark?: () => number | undefined;
  /** Signals kept per series for the signal route (ms of event time). Default 6 h. */
  historyMs?: number;
  /** At most this many minutes are stepped per `advance` call, so one call stays short. Default 1440. */
  maxStepsPerAdvance?: number;
  /** How often state is written to the store (ms of wall clock); a restart re-steps what was not. Default 10 000. */
  persistEveryMs?: number;
  /** Closed incidents are forgotten this long (event time) after they ended. Default 14 days, as the buckets. */
  incidentRetentionMs?: number;
  detector?: Partial<DetectorOptions>;
  /** Each incident open / update / close, with the minute (event time, epoch ms) it happened in. */
  onIncident?: (event: IncidentEvent, at: number) => void;
  /** After each closed minute's events, with that minute. */
  onMinuteClosed?: (at: number) => void;
}

/** Upper bound for "all later buckets" in store queries (a finite number: Redis range syntax). */
const END_OF_TIME = 8.64e15;

export class DetectorLoop {
  readonly bucketMs: number;
  private readonly latenessMs: number;
  private readonly maxSteps: number;
  private readonly persistEveryMs: number;
  private running: Promise<number> | undefined;
  /** Start of the newest bucket within the hard bounds the store held at the last advance (epoch ms). */
  newestBucket: number | undefined;
  /** The detector's last stepped minute, kept here because reading its state means copying all of it. */
  private lastAt: number | undefined;
  private lastPersisted = 0;
  private unsaved = false;

  private constructor(
    private readonly store: Store,
    private readonly detector: OutageDetector,
    readonly history: SignalHistory,
    private readonly options: DetectorLoopOptions,
  ) {
    this.bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
    this.latenessMs = options.latenessMs ?? 120_000;
    this.maxSteps = options.maxStepsPerAdvance ?? 1440;
    this.persistEveryMs = options.persistEveryMs ?? 10_000;
    this.lastAt = detector.state().lastAt;
  }

  /** Restores what a previous run persisted in the store, or starts learning from nothing. */
  static async open(store: Store, options: DetectorLoopOptions = {}): Promise<DetectorLoop> {
    const bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
    const state = await store.getJson<DetectorState>(DETECTOR_STATE_KEY);
    const saved = await store.getJson<SignalHistoryState>(SIGNAL_HISTORY_KEY);
    const detector = new OutageDetector({ ...options.detector, bucketMs }, state);
    const history = new SignalHistory(options.historyMs ?? 6 * 3_600_000, saved);
    return new DetectorLoop(store, detector, history, options);
  }

  /** The start of the last closed minute, or undefined before the first one. */
  get lastClosed(): number | undefined {
    return this.lastAt;
  }

  /** Signals of the last closed minute: one per known service x region and one per service for GLOBAL. */
  latest(): Signal[] {
    return this.history.latest();
  }

  incidents(): Incident[] {
    return this.detector.incidents();
  }

  /**
   * Closes every minute that the watermark and the store's newest bucket allow and steps the detector through them.
   * Returns how many minutes were closed. Calls never overlap: a second caller waits for the first.
   */
  advance(): Promise<number> {
    // A failed advance (store unreachable) is reported to its caller; the next one starts afresh.
    this.running = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.closeMinutes());
    return this.running;
  }

  private async closeMinutes(): Promise<number> {
    const closed = this.lastAt;
    const from = closed === undefined ? 0 : closed + this.bucketMs;
    const wallMs = Date.now();
    const pending = (await this.store.buckets({ from, to: END_OF_TIME })).filter((b) => checkHardBounds(b.start, wallMs).ok);
    if (pending.length === 0) return 0;
    const newest = pending[pending.length - 1].start;
    this.newestBucket = Math.max(newest, this.newestBucket ?? newest);
    const reached = this.options.watermark ? this.options.watermark() : newest;
    if (reached === undefined) return 0;
    // Posts still queued have not reached the store: the newest bucket counted bounds the watermark.
    const limit = Math.min(newest, reached);
    const first = closed === undefined ? coldStart(pending, limit) : from;
    const closeThrough = Math.min(limit - this.latenessMs, first + (this.maxSteps - 1) * this.bucketMs);
    const due = pending.filter((bucket) => bucket.start >= first && bucket.start <= closeThrough);
    const range = { first, steps: closeThrough < first ? 0 : Math.floor((closeThrough - first) / this.bucketMs) + 1 };
    const steps = stepDetector(due, this.bucketMs, this.detector, (at, { signals, events }) => {
      this.lastAt = at;
      this.history.record(at, signals);
      for (const event of events) this.options.onIncident?.(event, at);
      this.options.onMinuteClosed?.(at);
    }, range);
    if (steps > 0) this.detector.forgetIncidentsBefore(this.lastAt! - (this.options.incidentRetentionMs ?? DEFAULT_RETENTION_MS));
    this.unsaved ||= steps > 0;
    if (this.unsaved && Date.now() - this.lastPersisted >= this.persistEveryMs) await this.writeState();
    return steps;
  }

  /** Writes the detector state and signal history to the store now (also done every `persistEveryMs`). */
  async persist(): Promise<void> {
    // Through the same chain as closing minutes: the state is written while no step can change it.
    const write = (this.running ?? Promise.resolve(0)).catch(() => 0).then(async () => {
      await this.writeState();
      return 0;
    });
    this.running = write;
    await write;
  }

  private async writeState(): Promise<void> {
    if (!this.unsaved) return;
    this.unsaved = false;
    this.lastPersisted = Date.now();
    // Written without a copy: closeMinutes and persist run one at a time, so no step runs meanwhile.
    await this.store.putJson(DETECTOR_STATE_KEY, this.detector.liveState());
    await this.store.putJson(SIGNAL_HISTORY_KEY, this.history.state());
  }
}

/** The first minute of a cold start: the oldest bucket within a day before the limit, so a stray old bucket is no start. */
function coldStart(pending: Bucket[], limit: number): number {
  const earliest = limit - COLD_START_SPAN_MS;
  return pending.find((b) => b.start >= earliest)?.start ?? limit;
}
