/**
 * Change of a lesion's ADC between timepoints, flagged as real beyond the QIBA liver-lesion
 * repeatability (docs/domain.md §3).
 */

/** QIBA DWI profile: a liver-lesion ADC change above 27% is real with 95% confidence. */
export const QIBA_LIVER_REPEATABILITY = 0.27;

export interface AdcChange {
  baseline: number;
  current: number;
  /** current - baseline, in the inputs' unit. */
  absolute: number;
  /** (current - baseline) / baseline. */
  relative: number;
  direction: 'increase' | 'decrease' | 'none';
  /**
   * |relative| > 27% (QIBA liver-lesion repeatability): a real change with 95% confidence.
   * Exactly 27% is not flagged; a relative change within 1e-9 of the limit counts as exactly at it
   * (so 1.00 -> 1.27 is not flagged by floating-point rounding).
   */
  beyondRepeatability: boolean;
}

/** Tolerance for "exactly at the limit" in floating point. */
const LIMIT_EPSILON = 1e-9;

/**
 * Change of a lesion's ADC from baseline (any unit, the same for both). Undefined when the
 * baseline is not a positive finite number or the current value is not finite.
 */
export function adcChange(baseline: number, current: number): AdcChange | undefined {
  if (!Number.isFinite(baseline) || baseline <= 0 || !Number.isFinite(current)) return undefined;
  const absolute = current - baseline;
  const relative = absolute / baseline;
  return {
    baseline,
    current,
    absolute,
    relative,
    direction: absolute > 0 ? 'increase' : absolute < 0 ? 'decrease' : 'none',
    beyondRepeatability: Math.abs(relative) > QIBA_LIVER_REPEATABILITY + LIMIT_EPSILON,
  };
}
