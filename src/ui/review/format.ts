/** A number as a percentage with one decimal, e.g. `62.5%`. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A proportion with three decimals. */
export function fixed3(value: number): string {
  // No "-0.000": a bound that rounds to zero is zero.
  return Math.abs(value) < 0.0005 ? (0).toFixed(3) : value.toFixed(3);
}
