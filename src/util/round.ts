/** Three decimals: enough for figures read by people, short in JSON. */
export function roundThousandths(x: number): number {
  return Math.round(x * 1000) / 1000;
}
