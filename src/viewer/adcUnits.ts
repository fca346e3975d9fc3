/**
 * The unit of an ADC map's pixel values, per series: computed maps are already in
 * 10^-3 mm²/s; a scanner map is read with adcUnitScale (src/domain/adc.ts) from its Real World
 * Value Mapping units, its rescale and the magnitude of its tissue values, so GE-style µm²/s and
 * float mm²/s maps read the same.
 */
import { cache, metaData } from '@cornerstonejs/core';
import { parseComputedAdcImageId } from '../dicom/computedAdc';
import { adcUnitScale, tissueMedian, type AdcUnitScale } from '../domain/adc';

/** A computed map's values are 10^-3 mm²/s already. */
const COMPUTED: AdcUnitScale = {
  factor: 1,
  basis: 'units',
  unit: '10^-3 mm2/s',
  plausible: undefined,
};

type Naturalized = Record<string, unknown>;

const first = (value: unknown): Naturalized | undefined =>
  Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null
    ? (value[0] as Naturalized)
    : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) ? text(value[0]) : undefined;
const number = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : Array.isArray(value) ? number(value[0]) : NaN;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

/**
 * (0040,9096) Real World Value Mapping > (0040,08EA) Measurement Units Code Sequence, from the
 * dataset cornerstone's metadata keeps for the image (naturalized: keyword names).
 */
function realWorldMapping(imageId: string) {
  const natural = metaData.get('naturalized', imageId) as Naturalized | undefined;
  const mapping = first(natural?.RealWorldValueMappingSequence);
  const units = first(mapping?.MeasurementUnitsCodeSequence);
  return {
    units: { codeValue: text(units?.CodeValue), codeMeaning: text(units?.CodeMeaning) },
    realWorldSlope: number(mapping?.RealWorldValueSlope),
  };
}

/**
 * How to turn the pixel values of an ADC map image (as cornerstone holds them: rescaled) into
 * 10^-3 mm²/s. The image must be in cornerstone's cache for the tissue value; without it the
 * header alone decides (or µm²/s is assumed).
 */
export function adcScaleOfImage(imageId: string): AdcUnitScale {
  if (parseComputedAdcImageId(imageId)) return COMPUTED;
  const lut = metaData.get('modalityLutModule', imageId) as
    { rescaleSlope?: number; rescaleIntercept?: number } | undefined;
  const slope =
    Number.isFinite(lut?.rescaleSlope) && lut?.rescaleSlope !== 0 ? lut!.rescaleSlope! : 1;
  const intercept = Number.isFinite(lut?.rescaleIntercept) ? lut!.rescaleIntercept! : 0;
  const image = cache.getImage(imageId);
  let storedTissueValue: number | undefined;
  if (image) {
    const median = tissueMedian(image.getPixelData());
    // Pre-scaled pixel data holds rescaled values: back to stored ones for adcUnitScale.
    const scaled = image.preScale?.scaled === true;
    storedTissueValue =
      median === undefined ? undefined : scaled ? (median - intercept) / slope : median;
  }
  return adcUnitScale({
    ...realWorldMapping(imageId),
    rescaleSlope: slope,
    rescaleIntercept: intercept,
    ...(storedTissueValue !== undefined && { storedTissueValue }),
  });
}
