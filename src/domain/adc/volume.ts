/**
 * What an ADC fit reads and writes: a DWI volume of b-value stacks in, an ADC map out, and the
 * unit every ADC of src/domain/adc.ts is given in. Shared by the fit (fit.ts, fitKernels.ts) and
 * the conversion of stored maps (units.ts).
 */

/** Pixel arrays as decoded from DICOM (16-bit stored values) or already real (Float32). */
export type AdcPixelArray = Int16Array | Uint16Array | Float32Array;

/** The unit of every ADC the ADC modules return (fitted maps, converted stored maps). */
export const ADC_UNIT = '10^-3 mm2/s';

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
