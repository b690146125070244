// A sliding window of past values kept sorted, answering how far into its tails a new value falls:
// empirical inside the bulk, an exponential fitted to the extremes beyond it (peaks over threshold).
import { lowerBound, upperBound } from '../util/sorted.ts';

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

  /**
   * A floor on the tail scale: 1% of the observed range. Metrics are measured with limited resolution
   * (CPU percentages in steps of 0.002, counts in whole units) and extremes cluster, so a value a hair
   * beyond the most extreme one seen must not look infinitely surprising.
   */
  private resolution(): number {
    const n = this.sorted.length;
    return (this.sorted[n - 1] - this.sorted[0]) * 0.01 + 1e-9;
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
