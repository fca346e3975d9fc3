/**
 * The noise floor of an in-browser ADC fit (pure): signals below it are noise, and a voxel with
 * any used signal below it is set to 0 rather than fitted (src/domain/adc.ts). Estimated from the
 * images themselves, as no study configuration names one.
 */

/** Rayleigh (magnitude noise over air): median = sigma * sqrt(2 ln 2). */
const RAYLEIGH_MEDIAN = Math.sqrt(2 * Math.LN2);
/** Floor in noise SDs: 4 sigma keeps every tissue voxel and drops air. */
const SIGMAS = 4;
/**
 * Floor as a fraction of bright tissue (95th percentile) at the lowest b: for scanners that zero
 * the background, and against the noisy fringe of the body (fat, skin) where air noise is low.
 */
const TISSUE_FRACTION = 0.05;
const BRIGHT_PERCENTILE = 0.95;
/** Values sampled for the percentile (an even stride over the stack). */
const MAX_SAMPLES = 65536;
/** Width in pixels of the image border taken as air. */
const BORDER = 4;

export interface NoiseStack {
  bValue: number;
  /** Real signal, width*height*slices values, slice by slice. */
  pixels: Float32Array;
}

/** Median of the pixels within `BORDER` of the image edge, over every slice. */
function borderMedian(pixels: Float32Array, width: number, height: number, slices: number) {
  const picked: number[] = [];
  const border = Math.min(BORDER, Math.floor(Math.min(width, height) / 4));
  for (let z = 0; z < slices; z++) {
    const base = z * width * height;
    for (let y = 0; y < height; y++) {
      const edgeRow = y < border || y >= height - border;
      for (let x = 0; x < width; x++) {
        if (edgeRow || x < border || x >= width - border)
          picked.push(pixels[base + y * width + x]!);
      }
    }
  }
  if (picked.length === 0) return 0;
  const sorted = Float64Array.from(picked).sort();
  return sorted[sorted.length >> 1]!;
}

/** The `p` quantile of the positive finite values, or 0 when there is none. */
function positiveQuantile(values: Float32Array, p: number): number {
  const stride = Math.max(1, Math.floor(values.length / MAX_SAMPLES));
  const picked: number[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i]!;
    if (v > 0 && Number.isFinite(v)) picked.push(v);
  }
  if (picked.length === 0) return 0;
  const sorted = Float64Array.from(picked).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * The larger of: 4 noise SDs, the SD estimated from the image border of the highest-b stack (air
 * around the body: Rayleigh-distributed magnitude noise); and 5% of bright tissue (the 95th
 * percentile of the positive values) at the lowest b. 0 when the stacks are empty.
 */
export function estimateNoiseFloor(
  stacks: readonly NoiseStack[],
  width: number,
  height: number,
  slices: number,
): number {
  if (stacks.length === 0) return 0;
  const sorted = [...stacks].sort((a, b) => a.bValue - b.bValue);
  const lowest = sorted[0] as NoiseStack;
  const highest = sorted[sorted.length - 1] as NoiseStack;
  const sigma = Math.max(0, borderMedian(highest.pixels, width, height, slices)) / RAYLEIGH_MEDIAN;
  const tissue = positiveQuantile(lowest.pixels, BRIGHT_PERCENTILE);
  return Math.max(SIGMAS * sigma, TISSUE_FRACTION * tissue);
}
