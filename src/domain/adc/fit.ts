/**
 * The mono-exponential ADC fit of a DWI series' b-value stacks (docs/domain.md §3): the choice of
 * b-values, the checks of the input and the least-squares weights, then one of the loops of
 * fitKernels.ts. The noise floor is an option of the fit (FitAdcOptions.noiseFloor).
 */

import { fitFour, fitLeastSquares, fitThree, fitTwoPoint, type UsedStack } from './fitKernels.ts';
import { ADC_UNIT, type AdcMap, type DwiStacks } from './volume.ts';

/** Below this b-value (s/mm²) perfusion inflates the signal decay: left out of the fit. */
export const DEFAULT_MIN_B_VALUE = 50;

export interface FitAdcOptions {
  /** b-values to fit (each must be present); default every b >= {@link FitAdcOptions.minBValue}. */
  bValues?: readonly number[];
  /** Lowest b-value of the default choice, s/mm²; default {@link DEFAULT_MIN_B_VALUE}. */
  minBValue?: number;
  /**
   * Noise floor in real signal units; default 0. A voxel is set to 0 when ANY signal used in its
   * fit is below the floor (or is not positive, whatever the floor). Chosen over "the lowest-b
   * signal only" because a high-b signal inside the noise has a biased, possibly undefined
   * logarithm: every non-zero output is computed from signals that are all above the noise, and
   * 0 always means "not measurable here". The price: tissue whose high-b signal sinks into the
   * noise (vessels, fluid with low S0) reads 0 rather than a saturated, underestimated ADC.
   */
  noiseFloor?: number;
}

function isPositiveInteger(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/**
 * The distinct b-values a fit uses, ascending: the requested ones (each must be available), or
 * every available b >= minBValue. Throws a RangeError when fewer than two distinct remain.
 */
export function selectBValues(
  available: readonly number[],
  options: Pick<FitAdcOptions, 'bValues' | 'minBValue'> = {},
): number[] {
  const present = new Set(available);
  let chosen: number[];
  if (options.bValues !== undefined) {
    const missing = options.bValues.filter((b) => !present.has(b));
    if (missing.length > 0) {
      throw new RangeError(`b-value(s) ${missing.join(', ')} not in the series`);
    }
    chosen = [...new Set(options.bValues)];
  } else {
    const minB = options.minBValue ?? DEFAULT_MIN_B_VALUE;
    chosen = [...present].filter((b) => b >= minB);
  }
  chosen.sort((a, b) => a - b);
  if (chosen.length < 2) {
    throw new RangeError(
      `an ADC fit needs two distinct b-values, got ${chosen.length === 0 ? 'none' : chosen.join(', ')}`,
    );
  }
  return chosen;
}

function perSlice(
  value: number | readonly number[] | undefined,
  fallback: number,
  slices: number,
  what: string,
): (z: number) => number {
  if (value === undefined) return () => fallback;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${what} is not finite`);
    return () => value;
  }
  if (value.length !== slices || !value.every(Number.isFinite)) {
    throw new RangeError(`${what} needs ${slices} finite values, one per slice`);
  }
  return (z) => value[z] ?? fallback;
}

function validate(input: DwiStacks): number {
  const { width, height, slices, stacks } = input;
  if (![width, height, slices].every(isPositiveInteger)) {
    throw new RangeError(`bad DWI geometry ${width}x${height}x${slices}`);
  }
  const voxels = width * height * slices;
  for (const stack of stacks) {
    if (!Number.isFinite(stack.bValue) || stack.bValue < 0) {
      throw new RangeError(`bad b-value ${stack.bValue}`);
    }
    if (stack.pixels.length !== voxels) {
      throw new RangeError(
        `b=${stack.bValue}: ${stack.pixels.length} values, expected ${width}x${height}x${slices}`,
      );
    }
  }
  return voxels;
}

/**
 * Least-squares weights of ln S: with y_k = ln S_k, the slope of y on b is
 * sum (b_k - mean b) y_k / sum (b_k - mean b)², and ADC = -slope. Folding the sign and the unit
 * (mm²/s -> 10^-3 mm²/s) into the weights leaves one multiply-add per sample in the inner loop.
 * Several stacks with the same b (e.g. separate diffusion directions) each count as a sample.
 */
function usedStacks(input: DwiStacks, bValues: readonly number[]): UsedStack[] {
  const chosen = new Set(bValues);
  const stacks = input.stacks.filter((s) => chosen.has(s.bValue));
  const mean = stacks.reduce((sum, s) => sum + s.bValue, 0) / stacks.length;
  const sxx = stacks.reduce((sum, s) => sum + (s.bValue - mean) ** 2, 0);
  return stacks.map((s) => ({
    pixels: s.pixels,
    slope: perSlice(s.slope, 1, input.slices, `slope of b=${s.bValue}`),
    intercept: perSlice(s.intercept, 0, input.slices, `intercept of b=${s.bValue}`),
    weight: (-1000 * (s.bValue - mean)) / sxx,
    bValue: s.bValue,
  }));
}

/**
 * ADC map of a DWI volume, per voxel, mono-exponential S(b) = S0 exp(-b ADC): least squares of
 * ln S on b over the chosen b-values (closed-form two-point when there are two samples). Output
 * in 10^-3 mm²/s; voxels with any used signal below `noiseFloor` (or not positive) are 0. Fitted
 * values are not clipped (noise can give a slightly negative ADC), so ROI means stay unbiased.
 * @throws RangeError on inconsistent geometry or fewer than two distinct b-values.
 */
export function fitAdc(input: DwiStacks, options: FitAdcOptions = {}): AdcMap {
  const voxels = validate(input);
  const bValues = selectBValues(
    input.stacks.map((s) => s.bValue),
    options,
  );
  const floorOption = options.noiseFloor ?? 0;
  if (!Number.isFinite(floorOption)) throw new RangeError('noise floor is not finite');
  // Comparing with the smallest positive double also rejects 0, negatives and NaN.
  const floor = Math.max(floorOption, Number.MIN_VALUE);
  const stacks = usedStacks(input, bValues);
  const plane = input.width * input.height;
  const adc = new Float32Array(voxels);
  const [first, second, third, fourth] = stacks;
  let masked: number;
  // Specialised loops for the usual counts (locals instead of an array of stacks); any count works.
  if (stacks.length === 2 && first && second) {
    masked = fitTwoPoint(first, second, plane, input.slices, floor, adc);
  } else if (stacks.length === 3 && first && second && third) {
    masked = fitThree([first, second, third], plane, input.slices, floor, adc);
  } else if (stacks.length === 4 && first && second && third && fourth) {
    masked = fitFour([first, second, third, fourth], plane, input.slices, floor, adc);
  } else {
    masked = fitLeastSquares(stacks, plane, input.slices, floor, adc);
  }
  return {
    width: input.width,
    height: input.height,
    slices: input.slices,
    adc,
    bValues,
    masked,
    unit: ADC_UNIT,
  };
}
