// Numbers as they are meant: a confidence to the hundredth, a p-value or a rate to a few significant digits.

export function roundTo(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(x * scale) / scale;
}

export function roundSignificant(x: number, digits: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}
