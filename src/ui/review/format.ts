/** A number as a percentage with one decimal, e.g. `62.5%`. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A proportion with three decimals. */
export function fixed3(value: number): string {
  // No "-0.000": a bound that rounds to zero is zero.
  return Math.abs(value) < 0.0005 ? (0).toFixed(3) : value.toFixed(3);
}

/** A confidence level as a percentage without trailing zeros, e.g. `95%`. */
export function levelPercent(level: number): string {
  return `${Number((level * 100).toFixed(4))}%`;
}

/** `lower – upper` with three decimals, or `—`. */
export function intervalText(value: { lower: number; upper: number } | null | undefined): string {
  return value ? `${fixed3(value.lower)} – ${fixed3(value.upper)}` : '—';
}
