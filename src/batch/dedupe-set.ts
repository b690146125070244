// The dedupe keys a batch analysis has seen, as 64-bit hashes in one typed array: 16 bytes a key at
// most (8 of hash, half the table empty) instead of about 110 for a string in a Set, so that 1M posts
// cost 16 MB, not 112 MB. Two different keys with the same hash make the second one a duplicate: with
// n keys the chance that any two collide is at most about n^2 / 2^64 (one bit of the 64 is the same
// for every key of a share, see `shareOf`): 5e-8 for 1M keys, 5e-6 for 10M.

/** Slots of a new table: a power of two. */
const INITIAL_SLOTS = 1 << 12;

export class DedupeSet {
  /** Two 32-bit halves per slot; [0, 0] is an empty slot (a hash that is [0, 0] is stored as [0, 1]). */
  private table = new Uint32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a key; false when a key with its hash was there already. */
  add(key: string): boolean {
    let high = 0x811c9dc5;
    let low = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      high = Math.imul(high ^ c, 16777619);
      low = Math.imul(low ^ c, 0x5bd1e995);
      low ^= low >>> 15;
    }
    high = mix(high) >>> 0;
    low = mix(low) >>> 0;
    if (high === 0 && low === 0) low = 1;
    if (this.insert(high, low)) {
      if (++this.count * 2 > this.mask + 1) this.grow();
      return true;
    }
    return false;
  }

  private insert(high: number, low: number): boolean {
    const table = this.table;
    for (let slot = (high ^ low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const h = table[2 * slot];
      const l = table[2 * slot + 1];
      if (h === 0 && l === 0) {
        table[2 * slot] = high;
        table[2 * slot + 1] = low;
        return true;
      }
      if (h === high && l === low) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.insert(old[i], old[i + 1]);
  }
}

/** Spreads the bits of a 32-bit hash (murmur3's finaliser), so that the low bits pick slots evenly. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
