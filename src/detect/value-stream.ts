// The detector's front end for continuous values (machine metrics, latencies, prices) instead of counts:
// it turns each value into a surprise (-log10 of a tail probability), then feeds the same confidence
// function and the same hysteresis as the outage detector. Causal: each verdict uses values up to it.
import { outageConfidence, DEFAULT_CONFIDENCE_WEIGHTS, type ConfidenceWeights } from './confidence.ts';
import { advance, newHysteresisState, type HysteresisOptions, type HysteresisState } from './hysteresis.ts';
import { surprise as toSurprise } from './tail.ts';

export interface ValueStreamOptions extends HysteresisOptions {
  /** How many past values (and past rolling means) form the reference distribution. */
  history: number;
  /** Share of the history treated as the tail, fitted by an exponential beyond it (peaks over threshold). */
  tailShare: number;
  /** Steps averaged for the rolling-mean feature (level shifts that no single value reveals). */
  meanSpan: number;
  /** Steps before any verdict: the reference distribution is still filling. */
  warmup: number;
  /** Days back searched for the same time of day (seasonal context). */
  seasonDays: number;
  /** Steps of past surprises against which the current surprise is ranked again (0 = off). */
  surpriseHistory: number;
  /** Surprise discounted per recent alert: a stream that keeps alerting earns less trust. */
  flapPenalty: number;
  /** Half-life, in steps, of that memory of alerts. */
  flapHalfLife: number;
  /** Features tested: v value, m short mean, l long mean, r seasonal residual, n its short mean, d change, s spread. */
  features: string;
  gated: string;
  confidence: ConfidenceWeights;
}

export const DEFAULT_VALUE_STREAM_OPTIONS: ValueStreamOptions = {
  history: 2000,
  tailShare: 0.02,
  meanSpan: 6,
  warmup: 150,
  seasonDays: 7,
  surpriseHistory: 0,
  flapPenalty: 0,
  flapHalfLife: 2000,
  features: 'vm',
  gated: '',
  openAbove: 0.5,
  openAfter: 1,
  closeBelow: 0.3,
  closeAfter: 20,
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
  /** True when an open episode reaches a new peak confidence (the alert's update). */
  escalated: boolean;
}

/** A sliding window of past values kept sorted, answering two-sided tail probabilities. */
export class TailReference {
  private readonly sorted: number[] = [];
  private readonly fifo: number[] = [];
  private head = 0;

  constructor(
    private readonly capacity: number,
    private readonly tailShare: number,
  ) {}

  get size(): number {
    return this.sorted.length;
  }

  /** Two-sided tail probability of x: empirical inside the bulk, exponential tail fit beyond the extremes. */
  probability(x: number): number {
    const n = this.sorted.length;
    if (n === 0) return 1;
    const k = Math.max(3, Math.ceil(this.tailShare * n));
    const above = n - lowerBound(this.sorted, x);
    const below = upperBound(this.sorted, x);
    const upper = above >= k ? above / (n + 1) : this.upperTail(x, k);
    const lower = below >= k ? below / (n + 1) : this.lowerTail(x, k);
    return Math.min(1, 2 * Math.min(upper, lower));
  }

  /** One-sided upper tail probability of x. */
  upper(x: number): number {
    const n = this.sorted.length;
    if (n === 0) return 1;
    const k = Math.max(3, Math.ceil(this.tailShare * n));
    const above = n - lowerBound(this.sorted, x);
    return above >= k ? above / (n + 1) : this.upperTail(x, k);
  }

  private upperTail(x: number, k: number): number {
    const n = this.sorted.length;
    const edge = this.sorted[Math.max(0, n - k)];
    let excess = 0;
    for (let i = Math.max(0, n - k); i < n; i++) excess += this.sorted[i] - edge;
    return (k / (n + 1)) * Math.exp(-(x - edge) / (excess / k + this.resolution()));
  }

  private lowerTail(x: number, k: number): number {
    const n = this.sorted.length;
    const edge = this.sorted[Math.min(n - 1, k - 1)];
    let excess = 0;
    for (let i = 0; i < Math.min(n, k); i++) excess += edge - this.sorted[i];
    return (k / (n + 1)) * Math.exp(-(edge - x) / (excess / k + this.resolution()));
  }

  /** A floor on the tail scale, so a flat history does not make any change infinitely surprising. */
  private resolution(): number {
    const n = this.sorted.length;
    return (this.sorted[n - 1] - this.sorted[0]) * 1e-3 + 1e-9;
  }

  add(x: number): void {
    if (this.fifo.length - this.head >= this.capacity) {
      const old = this.fifo[this.head++];
      this.sorted.splice(lowerBound(this.sorted, old), 1);
      if (this.head > this.capacity) {
        this.fifo.splice(0, this.head);
        this.head = 0;
      }
    }
    this.fifo.push(x);
    this.sorted.splice(upperBound(this.sorted, x), 0, x);
  }
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

interface Feature {
  reference: TailReference;
  /** The feature's value at this step, or undefined when it cannot be computed yet. */
  value: number | undefined;
}

export class ValueAnomalyStream {
  private readonly opts: ValueStreamOptions;
  private steps = 0;
  private readonly features: Map<string, Feature>;
  private readonly shortMean: RollingMean;
  private readonly longMean: RollingMean;
  private readonly residualMean: RollingMean;
  private readonly spread: RollingMean;
  private previous: number | undefined;
  private readonly times: number[] = [];
  private readonly history: number[] = [];
  private readonly episode: HysteresisState = newHysteresisState();
  private episodePeak = 0;
  private recentAlerts = 0;
  private readonly surprises: TailReference;

  constructor(opts: Partial<ValueStreamOptions> = {}) {
    this.opts = { ...DEFAULT_VALUE_STREAM_OPTIONS, ...opts };
    this.features = new Map([...this.opts.features].map((f) => [f, { reference: new TailReference(this.opts.history, this.opts.tailShare), value: undefined }]));
    this.surprises = new TailReference(this.opts.surpriseHistory, this.opts.tailShare);
    this.shortMean = new RollingMean(this.opts.meanSpan);
    this.longMean = new RollingMean(this.opts.meanSpan * 5);
    this.residualMean = new RollingMean(this.opts.meanSpan);
    this.spread = new RollingMean(this.opts.meanSpan * 2);
  }

  /** Past values at the same time of day (within `steps` steps) over the last `seasonDays` days, sorted. */
  private seasonalContext(at: number, steps: number): number[] {
    const n = this.times.length;
    if (n < 2) return [];
    const tolerance = steps * (at - this.times[n - 1]);
    const context: number[] = [];
    for (let k = 1; k <= this.opts.seasonDays; k++) {
      const target = at - k * 86_400_000;
      if (target < this.times[0] - tolerance) break;
      let i = lowerBound(this.times, target - tolerance);
      for (; i < n && this.times[i] <= target + tolerance; i++) context.push(this.history[i]);
    }
    return context.sort((a, b) => a - b);
  }

  step(value: number, at = this.steps): ValueVerdict {
    const o = this.opts;
    const n = ++this.steps;
    const mean = this.shortMean.push(value);
    const longMean = this.longMean.push(value);
    const near = this.seasonalContext(at, 1.5);
    const expected = near.length >= 3 ? near[near.length >> 1] : undefined;
    const wide = this.seasonalContext(at, Number(process.env.ENVTOL ?? 4));
    const envelope = wide.length >= 5 ? Math.max(0, value - wide[wide.length - 1]) - Math.max(0, wide[0] - value) : undefined;
    const residual = expected === undefined ? undefined : value - expected;
    const residualMean = residual === undefined ? undefined : this.residualMean.push(residual);
    const change = this.previous === undefined ? undefined : Math.abs(value - this.previous);
    const spread = change === undefined ? undefined : this.spread.push(change);
    this.previous = value;
    const computed: Record<string, number | undefined> = {
      v: value,
      m: this.shortMean.full ? mean : undefined,
      l: this.longMean.full ? longMean : undefined,
      r: residual,
      n: this.residualMean.full ? residualMean : undefined,
      d: change,
      s: this.spread.full ? spread : undefined,
      e: envelope,
    };
    const featureSurprises: number[] = [];
    let pMin = 1;
    const gate = this.features.get('e');
    const pGate = gate && envelope !== undefined && gate.reference.size >= o.warmup ? gate.reference.probability(envelope) : 0;
    for (const [name, feature] of this.features) {
      feature.value = computed[name];
      if (feature.value === undefined || feature.reference.size < o.warmup) continue;
      const pf = feature.reference.probability(feature.value);
      const pg = o.gated.includes(name) ? Math.max(pf, pGate) : pf;
      pMin = Math.min(pMin, pg);
      featureSurprises.push(toSurprise(pg));
    }
    // Several features tested; Bonferroni keeps the combined surprise honest.
    const p = Math.min(1, this.features.size * pMin);
    let surprise = n > o.warmup ? toSurprise(p) : 0;
    const COMB = process.env.COMB ?? 'min';
    if (COMB !== 'min' && n > o.warmup) {
      featureSurprises.sort((a, b) => b - a);
      const k = Number(COMB);
      surprise = featureSurprises.slice(0, k).reduce((a, b) => a + b, 0) / Math.sqrt(k) - Math.log10(this.features.size);
    }
    if (o.surpriseHistory > 0 && n > o.warmup) {
      const raw = surprise;
      surprise = this.surprises.size >= o.warmup ? toSurprise(this.surprises.upper(raw)) : 0;
      this.surprises.add(raw);
    }
    for (const feature of this.features.values()) if (feature.value !== undefined) feature.reference.add(feature.value);
    this.times.push(at);
    this.history.push(value);

    this.recentAlerts *= 0.5 ** (1 / o.flapHalfLife);
    const confidence = outageConfidence({ surprise: surprise - o.flapPenalty * this.recentAlerts }, o.confidence);
    const transition = advance(this.episode, n, confidence, surprise, 0, o);
    const opened = transition.kind === 'open';
    if (opened) this.recentAlerts++;
    const escalated = !opened && this.episode.open && confidence > this.episodePeak;
    if (opened || escalated) this.episodePeak = confidence;
    return { surprise, confidence, opened, escalated };
  }
}
