/**
 * Apparent diffusion coefficient (docs/domain.md §3): the mono-exponential fit of a DWI series'
 * b-value stacks, the conversion of vendors' stored ADC maps to the unit readers quote
 * (10^-3 mm²/s), and the change of a lesion's ADC between timepoints with the QIBA repeatability
 * flag. Pure: no I/O, no clock, no randomness; runs on the main thread, in a worker or in Node.
 *
 * This file only re-exports the modules of src/domain/adc/, so that every importer (the domain
 * index, the viewer's worker, the DICOM layer, scripts/bench/adc.mjs and the tests) keeps its
 * path. The fit's loops (adc/fitKernels.ts) stay internal.
 */
export {
  ADC_UNIT,
  type AdcMap,
  type AdcPixelArray,
  type BValueStack,
  type DwiStacks,
} from './adc/volume.ts';
export { DEFAULT_MIN_B_VALUE, fitAdc, selectBValues, type FitAdcOptions } from './adc/fit.ts';
export {
  adcUnitInMm2PerS,
  adcUnitScale,
  tissueMedian,
  type AdcUnitScale,
  type StoredAdcMapInfo,
} from './adc/units.ts';
export { QIBA_LIVER_REPEATABILITY, adcChange, type AdcChange } from './adc/change.ts';
