/**
 * Apparent diffusion coefficient (docs/domain.md §3): the mono-exponential fit of a DWI series'
 * b-value stacks, the conversion of vendors' stored ADC maps to the unit readers quote
 * (10^-3 mm²/s), and the change of a lesion's ADC between timepoints with the QIBA repeatability
 * flag. Pure: no I/O, no clock, no randomness; runs on the main thread, in a worker or in Node.
 */

/** Pixel arrays as decoded from DICOM (16-bit stored values) or already real (Float32). */
export type AdcPixelArray = Int16Array | Uint16Array | Float32Array;

/** The unit of every ADC this module returns. */
export const ADC_UNIT = '10^-3 mm2/s';

/** Below this b-value (s/mm²) perfusion inflates the signal decay: left out of the fit. */
export const DEFAULT_MIN_B_VALUE = 50;

/** QIBA DWI profile: a liver-lesion ADC change above 27% is real with 95% confidence. */
export const QIBA_LIVER_REPEATABILITY = 0.27;

/** One b-value's image stack: width*height*slices values, slice by slice, row by row. */
export interface BValueStack {
  /** Diffusion b-value in s/mm². */
  bValue: number;
  pixels: AdcPixelArray;
  /**
   * Real signal = stored * slope + intercept. A number for the whole stack, or one value per slice
   * (Philips may rescale each instance differently). Defaults: slope 1, intercept 0.
   */
  slope?: number | readonly number[];
  intercept?: number | readonly number[];
}

/** The DWI volume: every stack has the same geometry. */
export interface DwiStacks {
  width: number;
  height: number;
  slices: number;
  stacks: readonly BValueStack[];
}

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

/** A computed ADC map. */
export interface AdcMap {
  width: number;
  height: number;
  slices: number;
  /** ADC in 10^-3 mm²/s per voxel, same layout as the input; 0 where masked by the noise floor. */
  adc: Float32Array;
  /** The distinct b-values used, ascending. */
  bValues: number[];
  /** Number of voxels set to 0 by the noise floor. */
  masked: number;
  unit: typeof ADC_UNIT;
}

/** Voxels per inner block: the accumulator stays in L1 cache while each stack streams past it. */
const BLOCK = 4096;

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

interface UsedStack {
  pixels: AdcPixelArray;
  slope: (z: number) => number;
  intercept: (z: number) => number;
  /** Weight of ln S in the output: -1000 (b - mean b) / sum (b - mean b)². */
  weight: number;
  bValue: number;
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

/** Two samples: ADC = ln(S_low / S_high) / (b_high - b_low), one logarithm per voxel. */
function fitTwoPoint(
  low: UsedStack,
  high: UsedStack,
  plane: number,
  slices: number,
  floor: number,
  out: Float32Array,
): number {
  const scale = 1000 / (high.bValue - low.bValue);
  const p0 = low.pixels;
  const p1 = high.pixels;
  let masked = 0;
  for (let z = 0; z < slices; z++) {
    const m0 = low.slope(z);
    const c0 = low.intercept(z);
    const m1 = high.slope(z);
    const c1 = high.intercept(z);
    const end = (z + 1) * plane;
    for (let i = z * plane; i < end; i++) {
      const s0 = p0[i]! * m0 + c0;
      const s1 = p1[i]! * m1 + c1;
      if (s0 >= floor && s1 >= floor) {
        out[i] = scale * Math.log(s0 / s1);
      } else {
        out[i] = 0;
        masked++;
      }
    }
  }
  return masked;
}

/**
 * Three samples, voxel by voxel: the stacks in locals, one flat loop per slice (the common case,
 * e.g. b = 50, 400, 800).
 */
function fitThree(
  stacks: readonly [UsedStack, UsedStack, UsedStack],
  plane: number,
  slices: number,
  floor: number,
  out: Float32Array,
): number {
  const [a, b, c] = stacks;
  const [pa, pb, pc] = [a.pixels, b.pixels, c.pixels];
  const [wa, wb, wc] = [a.weight, b.weight, c.weight];
  let masked = 0;
  for (let z = 0; z < slices; z++) {
    const [ma, mb, mc] = [a.slope(z), b.slope(z), c.slope(z)];
    const [ca, cb, cc] = [a.intercept(z), b.intercept(z), c.intercept(z)];
    const end = (z + 1) * plane;
    for (let i = z * plane; i < end; i++) {
      const sa = pa[i]! * ma + ca;
      const sb = pb[i]! * mb + cb;
      const sc = pc[i]! * mc + cc;
      if (sa >= floor && sb >= floor && sc >= floor) {
        out[i] = wa * Math.log(sa) + wb * Math.log(sb) + wc * Math.log(sc);
      } else {
        out[i] = 0;
        masked++;
      }
    }
  }
  return masked;
}

/** Four samples, voxel by voxel, as {@link fitThree}. */
function fitFour(
  stacks: readonly [UsedStack, UsedStack, UsedStack, UsedStack],
  plane: number,
  slices: number,
  floor: number,
  out: Float32Array,
): number {
  const [a, b, c, d] = stacks;
  const [pa, pb, pc, pd] = [a.pixels, b.pixels, c.pixels, d.pixels];
  const [wa, wb, wc, wd] = [a.weight, b.weight, c.weight, d.weight];
  let masked = 0;
  for (let z = 0; z < slices; z++) {
    const [ma, mb, mc, md] = [a.slope(z), b.slope(z), c.slope(z), d.slope(z)];
    const [ca, cb, cc, cd] = [a.intercept(z), b.intercept(z), c.intercept(z), d.intercept(z)];
    const end = (z + 1) * plane;
    for (let i = z * plane; i < end; i++) {
      const sa = pa[i]! * ma + ca;
      const sb = pb[i]! * mb + cb;
      const sc = pc[i]! * mc + cc;
      const sd = pd[i]! * md + cd;
      if (sa >= floor && sb >= floor && sc >= floor && sd >= floor) {
        out[i] = wa * Math.log(sa) + wb * Math.log(sb) + wc * Math.log(sc) + wd * Math.log(sd);
      } else {
        out[i] = 0;
        masked++;
      }
    }
  }
  return masked;
}

/**
 * Five or more samples: blocks of voxels, each stack streamed once per block into a Float64
 * accumulator (Float32 accumulation would cost about 1e-6 relative precision). A sample below the
 * floor makes the accumulator NaN, which marks the voxel as masked at the end of the block.
 */
function fitLeastSquares(
  stacks: readonly UsedStack[],
  plane: number,
  slices: number,
  floor: number,
  out: Float32Array,
): number {
  const acc = new Float64Array(Math.min(BLOCK, plane));
  let masked = 0;
  for (let z = 0; z < slices; z++) {
    for (let start = 0; start < plane; start += BLOCK) {
      const base = z * plane + start;
      const len = Math.min(BLOCK, plane - start);
      acc.fill(0, 0, len);
      for (const stack of stacks) {
        const px = stack.pixels;
        const m = stack.slope(z);
        const c = stack.intercept(z);
        const w = stack.weight;
        for (let j = 0; j < len; j++) {
          const s = px[base + j]! * m + c;
          acc[j] = acc[j]! + (s >= floor ? w * Math.log(s) : NaN);
        }
      }
      for (let j = 0; j < len; j++) {
        const v = acc[j]!;
        if (v === v) {
          out[base + j] = v;
        } else {
          out[base + j] = 0;
          masked++;
        }
      }
    }
  }
  return masked;
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

// ---------------------------------------------------------------------------------------------
// Units of stored ADC maps

/** What is known about a stored (scanner) ADC map. All fields optional. */
export interface StoredAdcMapInfo {
  /**
   * Measurement Units Code Sequence (0040,08EA) of the Real World Value Mapping item (0040,9096):
   * CodeValue (0008,0100), e.g. UCUM `um2/s`, and CodeMeaning (0008,0104).
   */
  units?: { codeValue?: string; codeMeaning?: string };
  /** Real World Value Slope (0040,9225) of the same item, when it differs from the rescale. */
  realWorldSlope?: number;
  /** (0028,1053) Rescale Slope and (0028,1052) Rescale Intercept; defaults 1 and 0. */
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /**
   * A robust statistic of the STORED pixel values in tissue, e.g. the median of the non-zero
   * values ({@link tissueMedian}). Used when the units are missing or unknown, and to check them.
   */
  storedTissueValue?: number;
}

export interface AdcUnitScale {
  /** Multiply rescaled values (stored * slope + intercept) by this to get 10^-3 mm²/s. */
  factor: number;
  /** 'units': from the Real World Value Mapping; 'values': from the magnitude; 'assumed': µm²/s. */
  basis: 'units' | 'values' | 'assumed';
  /** The unit the rescaled values were found to be in, e.g. 'um2/s', 'mm2/s', '10^-3 mm2/s'. */
  unit: string;
  /**
   * Whether the tissue value, once scaled, is a plausible abdominal ADC (0.1 to 5 x 10^-3 mm²/s);
   * undefined without a tissue value. False with basis 'units' means the header contradicts the
   * pixels: worth a warning.
   */
  plausible: boolean | undefined;
}

/** Plausible range of a tissue median ADC in 10^-3 mm²/s (fat-suppressed fat to free fluid). */
const PLAUSIBLE_ADC: readonly [number, number] = [0.1, 5];

/** Known base units in mm²/s. */
const BASE_UNITS: readonly [RegExp, number][] = [
  [/^um2\/s$/, 1e-6],
  [/^um2\/ms$/, 1e-3],
  [/^mm2\/s$/, 1],
  [/^m2\/s$/, 1e6],
  [/^(square)?micro(meter|metre)s?(squared)?per(second|s)$/, 1e-6],
  [/^(square)?milli(meter|metre)s?(squared)?per(second|s)$/, 1],
];

function unitLabel(mm2PerS: number): string {
  if (mm2PerS === 1e-6) return 'um2/s';
  if (mm2PerS === 1) return 'mm2/s';
  if (mm2PerS === 1e-3) return ADC_UNIT;
  return `${mm2PerS.toExponential()} mm2/s`;
}

/**
 * Size of one unit of a units text in mm²/s, or undefined if not recognised. Accepts UCUM
 * (`um2/s`, `10*-3.mm2/s`, `mm2/s`), the usual spellings (`µm²/s`, `10^-6 mm^2/s`,
 * `x10-3 mm2/s`, `mm2/s x 10^-3`) and words (`micrometers squared per second`).
 */
export function adcUnitInMm2PerS(text: string): number | undefined {
  let s = text
    .toLowerCase()
    .replace(/[µμ]/g, 'u')
    .replace(/²/g, '2')
    .replace(/⁻/g, '-')
    .replace(/[⁰¹³⁴⁵⁶⁷⁸⁹]/g, (c) => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))
    .replace(/[\s^*·×()]/g, '');
  let exponent = 0;
  const prefix = /^x?(?:10|1e|e)-(\d{1,2})\.?/.exec(s);
  if (prefix !== null) {
    exponent = -Number(prefix[1]);
    s = s.slice(prefix[0].length);
  } else {
    const suffix = /\.?x?(?:10|1e|e)-(\d{1,2})$/.exec(s);
    if (suffix !== null) {
      exponent = -Number(suffix[1]);
      s = s.slice(0, suffix.index);
    }
  }
  for (const [pattern, size] of BASE_UNITS) {
    if (pattern.test(s)) return size * 10 ** exponent;
  }
  return undefined;
}

/**
 * Median of the finite, positive values (tissue: background is 0 in ADC maps), from at most
 * `maxSamples` values taken at an even stride. Undefined when there is none.
 */
export function tissueMedian(values: ArrayLike<number>, maxSamples = 65536): number | undefined {
  const stride = Math.max(1, Math.floor(values.length / maxSamples));
  const picked: number[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i]!;
    if (v > 0 && Number.isFinite(v)) picked.push(v);
  }
  if (picked.length === 0) return undefined;
  const sorted = Float64Array.from(picked).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function roundFactor(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * The factor from a stored ADC map's rescaled values to 10^-3 mm²/s, in order of trust:
 * 1. the Real World Value Mapping units (times realWorldSlope / rescaleSlope when the mapping has
 *    its own slope; both intercepts are taken as 0, as ADC maps store 0 for "no signal");
 * 2. the magnitude of the tissue value: about 0.001 means mm²/s (x1000), about 1 means
 *    10^-3 mm²/s (x1), about 1000 means µm²/s = 10^-6 mm²/s (x0.001; GE, Siemens, Philips
 *    integers), split at the geometric midpoints 0.0316 and 31.6;
 * 3. otherwise µm²/s is assumed, the common vendor convention.
 * A GE map of 1280 (µm²/s) and a float map of 0.00128 (mm²/s) both read 1.28.
 */
export function adcUnitScale(info: StoredAdcMapInfo): AdcUnitScale {
  const slope = info.rescaleSlope ?? 1;
  const intercept = info.rescaleIntercept ?? 0;
  const stored = info.storedTissueValue;
  const rescaled =
    stored !== undefined && Number.isFinite(stored) ? stored * slope + intercept : undefined;
  const plausibleWith = (factor: number): boolean | undefined =>
    rescaled === undefined
      ? undefined
      : rescaled * factor >= PLAUSIBLE_ADC[0] && rescaled * factor <= PLAUSIBLE_ADC[1];

  const texts = [info.units?.codeValue, info.units?.codeMeaning];
  for (const text of texts) {
    if (text === undefined || text.trim() === '') continue;
    const size = adcUnitInMm2PerS(text);
    if (size === undefined) continue;
    const rw = info.realWorldSlope;
    const mapping = rw !== undefined && Number.isFinite(rw) && rw !== 0 && slope !== 0;
    const factor = roundFactor(size * 1000 * (mapping ? rw / slope : 1));
    return {
      factor,
      basis: 'units',
      unit: unitLabel(mapping ? size * (rw / slope) : size),
      plausible: plausibleWith(factor),
    };
  }

  if (rescaled !== undefined && rescaled > 0) {
    const [factor, unit] =
      rescaled < 10 ** -1.5
        ? [1000, 'mm2/s']
        : rescaled < 10 ** 1.5
          ? [1, ADC_UNIT]
          : [1e-3, 'um2/s'];
    return { factor, basis: 'values', unit, plausible: plausibleWith(factor) };
  }
  return { factor: 1e-3, basis: 'assumed', unit: 'um2/s', plausible: undefined };
}

// ---------------------------------------------------------------------------------------------
// Change across timepoints

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
