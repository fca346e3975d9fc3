/**
 * Units of stored (scanner) ADC maps: vendors store µm²/s integers, mm²/s floats or
 * 10^-3 mm²/s; adcUnitScale finds the factor to 10^-3 mm²/s from the Real World Value Mapping
 * units or, failing that, from the magnitude of the tissue values (tissueMedian).
 */

import { ADC_UNIT } from './volume.ts';

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
