// Numbers as they are meant: a confidence to the hundredth, a p-value or a rate to a few significant digits.

export function roundTo(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(x * scale) / scale;
}

/** Arithmetic, not toPrecision: the detector rounds every signal of every step. */
export function roundSignificant(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const decimals = digits - 1 - Math.floor(Math.log10(Math.abs(x)));
  // Past 15 decimals (a p-value of 1e-20) the scale itself is inexact: there toPrecision is exact and rare.
  if (decimals > 15 || decimals < -15) return Number(x.toPrecision(digits));
  return decimals >= 0 ? Math.round(x * 10 ** decimals) / 10 ** decimals : Math.round(x / 10 ** -decimals) * 10 ** -decimals;
}
