/**
 * The per-voxel loops of the mono-exponential fit (fit.ts chooses one by the number of samples).
 * Kept apart from the input checks because they are the hot path that scripts/bench/adc.mjs
 * measures: one specialised loop per common sample count, with the stacks held in locals.
 */

import type { AdcPixelArray } from './volume.ts';

/** Voxels per inner block: the accumulator stays in L1 cache while each stack streams past it. */
const BLOCK = 4096;

/** A stack chosen for the fit, with its rescale per slice and its least-squares weight. */
export interface UsedStack {
  pixels: AdcPixelArray;
  slope: (z: number) => number;
  intercept: (z: number) => number;
  /** Weight of ln S in the output: -1000 (b - mean b) / sum (b - mean b)². */
  weight: number;
  bValue: number;
}

/** Two samples: ADC = ln(S_low / S_high) / (b_high - b_low), one logarithm per voxel. */
export function fitTwoPoint(
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
export function fitThree(
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
export function fitFour(
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
export function fitLeastSquares(
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
