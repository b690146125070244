// The detector's front end for continuous values (machine metrics, latencies, prices) instead of counts:
// it turns each value into a surprise (-log10 of a tail probability), then feeds the same confidence
// function and the same hysteresis as the outage detector. Causal: each verdict uses values up to it.
//
// Six views of the stream are each ranked against their own past (TailReference): the value, its short
// and long rolling means (level shifts), its residual against the same time of day on past days
// (contextual anomalies), how far it lies outside the envelope of those past days, and the rolling mean
// absolute change (variability). The value, the short mean and the spread are capped by the seasonal
// envelope: a spike that comes every day at that hour is not surprising. The largest surprises of
// different witnesses are combined, so an event that several views agree on ranks above one that a
// single view finds odd (the residual and the envelope, both read from the same past days, are one).
import { outageConfidence, DEFAULT_CONFIDENCE_WEIGHTS, type ConfidenceWeights } from './confidence.ts';
import { advance, newHysteresisState, type HysteresisOptions, type HysteresisState } from './hysteresis.ts';
import { TailReference } from './tail-reference.ts';
import { lowerBound } from '../util/sorted.ts';
import { surprise as toSurprise } from './tail.ts';
import { DAY_MS } from '../model/constants.ts';

export interface ValueStreamOptions extends HysteresisOptions {
  /** How many past values of each view form its reference distribution. */
  history: number;
  /** Share of the reference treated as the tail, fitted by an exponential beyond it. */
  tailShare: number;
  /** Steps of the short rolling mean; the long one spans five times as many, the spread twice as many. */
  meanSpan: number;
  /** Days back searched for the same time of day (seasonal context). */
  seasonDays: number;
  /** Half-width, in steps, of the same-time-of-day envelope (daily events drift by a few steps). */
  envelopeSteps: number;
  /** Steps before any verdict: the references are still filling. */
  warmup: number;
  /** How many of the largest view surprises are combined. */
  agreeing: number;
  confidence: ConfidenceWeights;
}

/** Chosen once on the NAB corpus as a whole: one setting for every series, never per file. */
export const DEFAULT_VALUE_STREAM_OPTIONS: ValueStreamOptions = {
  history: 20_000,
  tailShare: 0.0175,
  meanSpan: 6,
  seasonDays: 7,
  envelopeSteps: 3,
  warmup: 150,
  agreeing: 2,
  openAbove: 0.35,
  openAfter: 1,
  closeBelow: 0.3,
  closeAfter: 50,
  riseSurprise: 1.3,
  riseLookback: 30,
  bucketMs: 1,
  confidence: { ...DEFAULT_CONFIDENCE_WEIGHTS, surpriseMidpoint: 3, volume: 1.5 },
};

export interface ValueVerdict {
  surprise: number;
  confidence: number;
  /** True on the step where an anomaly episode opens (the alert). */
  opened: boolean;
}

/** Running mean over the last `span` inputs. */
class RollingMean {
  private readonly items: number[] = [];
  private sum = 0;

  constructor(private readonly span: number) {}

  push(x: number): number {
    this.items.push(x);
    this.sum += x;
    if (this.items.length > this.span) this.sum -= this.items.shift() ?? 0;
    return this.sum / this.items.length;
  }

  get full(): boolean {
    return this.items.length >= this.span;
  }
}

const VIEWS = ['value', 'shortMean', 'longMean', 'seasonalResidual', 'envelope', 'spread'] as const;
type View = (typeof VIEWS)[number];

/** Views whose surprise is capped by the seasonal envelope's (recurring daily events explain them). */
const GATED_BY_SEASON: ReadonlySet<View> = new Set(['value', 'shortMean', 'spread']);
/**
 * Which views are one witness: the seasonal residual and the envelope both read the same past days at
 * the same clock time, so their agreement is one piece of evidence, not two (the larger counts).
 */
const WITNESS: Record<View, View> = {
  value: 'value',
  shortMean: 'shortMean',
  longMean: 'longMean',
  seasonalResidual: 'seasonalResidual',
  envelope: 'seasonalResidual',
  spread: 'spread',
};

/**
 * How far x lies outside [low, high], in units of the stream's typical step-to-step change plus a
 * thirtieth of the envelope's width: slightly beyond the envelope of a noisy or wide rhythm is no news.
 */
function envelopeExcess(x: number, low: number, high: number, stepChange: number): number {
  const scale = stepChange + (high - low) / 30 + 1e-9 * (Math.abs(high) + 1);
  return (Math.max(0, x - high) - Math.max(0, low - x)) / scale;
}

export class ValueAnomalyStream {
  private readonly opts: ValueStreamOptions;
  private steps = 0;
  private readonly references: Record<View, TailReference>;
  private readonly shortMean: RollingMean;
  private readonly longMean: RollingMean;
  private readonly spread: RollingMean;
  private previous: number | undefined;
  private readonly times: number[] = [];
  private readonly history: number[] = [];
  private readonly episode: HysteresisState = newHysteresisState();

  constructor(opts: Partial<ValueStreamOptions> = {}) {
    this.opts = { ...DEFAULT_VALUE_STREAM_OPTIONS, ...opts };
    const { history, tailShare, meanSpan } = this.opts;
    this.references = Object.fromEntries(VIEWS.map((v) => [v, new TailReference(history, tailShare)])) as Record<View, TailReference>;
    this.shortMean = new RollingMean(meanSpan);
    this.longMean = new RollingMean(meanSpan * 5);
    this.spread = new RollingMean(meanSpan * 2);
  }

  /** Feeds one value observed at `at` (epoch ms; without it the step number, so no seasonality). */
  step(value: number, at = this.steps): ValueVerdict {
    const o = this.opts;
    const n = ++this.steps;
    const views = this.views(value, at);
    const ready = (v: View) => views[v] !== undefined && this.references[v].size >= o.warmup;
    const pSeason = ready('envelope') ? this.references.envelope.probability(views.envelope as number) : 0;
    const byWitness = new Map<View, number>();
    for (const v of VIEWS) {
      if (!ready(v)) continue;
      const p = this.references[v].probability(views[v] as number);
      const s = toSurprise(GATED_BY_SEASON.has(v) ? Math.max(p, pSeason) : p);
      const witness = WITNESS[v];
      byWitness.set(witness, Math.max(byWitness.get(witness) ?? 0, s));
    }
    const surprises = [...byWitness.values()].sort((a, b) => b - a);
    const top = surprises.slice(0, o.agreeing);
    // Agreeing views add up like independent z-scores; looking at six views costs log10(6).
    const combined = top.reduce((sum, s) => sum + s, 0) / Math.sqrt(Math.max(1, top.length)) - Math.log10(VIEWS.length);
    const surprise = n > o.warmup ? Math.max(0, combined) : 0;
    for (const v of VIEWS) {
      const x = views[v];
      if (x !== undefined) this.references[v].add(x);
    }
    this.times.push(at);
    this.history.push(value);

    const confidence = outageConfidence({ surprise }, o.confidence);
    const transition = advance(this.episode, n, confidence, surprise, 0, o);
    return { surprise, confidence, opened: transition.kind === 'open' };
  }

  /** The views at this step; undefined where there is not enough past yet. */
  private views(value: number, at: number): Record<View, number | undefined> {
    const shortMean = this.shortMean.push(value);
    const longMean = this.longMean.push(value);
    const stepMs = this.typicalStep();
    const near = this.seasonalContext(at, 0.5, stepMs);
    const wide = this.seasonalContext(at, this.opts.envelopeSteps, stepMs);
    const change = this.previous === undefined ? undefined : Math.abs(value - this.previous);
    const spread = change === undefined ? undefined : this.spread.push(change);
    this.previous = value;
    return {
      value,
      shortMean: this.shortMean.full ? shortMean : undefined,
      longMean: this.longMean.full ? longMean : undefined,
      seasonalResidual: near.length >= 3 ? value - near[near.length >> 1] : undefined,
      envelope: wide.length >= 5 && spread !== undefined ? envelopeExcess(value, wide[0], wide[wide.length - 1], spread) : undefined,
      spread: this.spread.full ? spread : undefined,
    };
  }

  /** The median gap between the last timestamps: the series' sampling step, robust to gaps in the data. */
  private typicalStep(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const gaps: number[] = [];
    for (let i = Math.max(1, n - 25); i < n; i++) gaps.push(this.times[i] - this.times[i - 1]);
    gaps.sort((x, y) => x - y);
    return gaps[gaps.length >> 1];
  }

  /** Past values at the same time of day (within `steps` steps) over the last `seasonDays` days, sorted. */
  private seasonalContext(at: number, steps: number, stepMs: number): number[] {
    const n = this.times.length;
    if (n < 2) return [];
    const tolerance = steps * stepMs;
    const context: number[] = [];
    for (let k = 1; k <= this.opts.seasonDays; k++) {
      const target = at - k * DAY_MS;
      if (target < this.times[0] - tolerance) break;
      for (let i = lowerBound(this.times, target - tolerance); i < n && this.times[i] <= target + tolerance; i++) {
        context.push(this.history[i]);
      }
    }
    return context.sort((a, b) => a - b);
  }
}
