// FNV-1a string hashing into a power-of-two feature space (the "hashing trick").

export const FNV_OFFSET = 0x811c9dc5;

/** Continues an FNV-1a hash over the characters of `text`. */
export function hashText(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h;
}

/** Mixes the bits of a hash and folds it into [0, dim) for a power-of-two `dim`. */
export function bucket(h: number, dim: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  h ^= h >>> 16;
  return (h >>> 0) & (dim - 1);
}
