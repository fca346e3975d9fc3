/**
 * Measurement values as the reader sees them (pure). cornerstone keeps stats per image in
 * `annotation.data.cachedStats['imageId:<id>']`; this turns one of those into labelled values in
 * real units: mm, mm², HU on CT, 10^-3 mm²/s on ADC maps (scanner or computed).
 */

export const MEASUREMENT_TOOLS = ['Length', 'Bidirectional', 'EllipticalROI', 'Probe'] as const;
export type MeasurementTool = (typeof MEASUREMENT_TOOLS)[number];

/** How to read the pixel values of a series. */
export type ValueKind = 'HU' | 'ADC' | 'raw';

export interface MeasurementValue {
  /** 'length', 'width', 'mean', 'stdDev', 'min', 'max', 'area', 'value'. */
  name: string;
  value: number;
  unit: string;
}

export interface Measurement {
  uid: string;
  tool: MeasurementTool;
  viewportId: string;
  /** The cornerstone image id the annotation was drawn on. */
  imageId: string;
  /** The annotation's handles in patient coordinates (LPS mm), as cornerstone keeps them. */
  points: readonly (readonly [number, number, number])[];
  /** Pixels inside an ROI (ellipse), when cornerstone counted them. */
  pixelCount?: number;
  values: MeasurementValue[];
  /** The annotation's plane as cornerstone keeps it (what a saved drawing needs to come back). */
  plane?: MeasurementPlane;
}

export interface MeasurementPlane {
  frameOfReferenceUid: string;
  viewPlaneNormal?: readonly [number, number, number];
  viewUp?: readonly [number, number, number];
}

/**
 * The one point that places a measurement on the lesion (patient mm): the middle of a length,
 * of a bidirectional's long axis (its first two handles) and of an ellipse's handles, the probe's
 * point. Undefined while the handles are missing.
 */
export function anchorPoint(
  tool: MeasurementTool,
  points: readonly (readonly [number, number, number])[],
): [number, number, number] | undefined {
  const used =
    tool === 'Probe' ? points.slice(0, 1) : tool === 'EllipticalROI' ? points : points.slice(0, 2);
  if (used.length === 0 || (tool !== 'Probe' && used.length < 2)) return undefined;
  const mean = (axis: 0 | 1 | 2) => used.reduce((total, p) => total + p[axis], 0) / used.length;
  const [x, y, z] = [mean(0), mean(1), mean(2)];
  return [x, y, z];
}

/**
 * Readers and the QIBA profile quote ADC in 10^-3 mm²/s. Each ADC series has its own factor from
 * its pixel values to that unit (adcUnits.ts: 1 for a computed map, 0.001 for a map in µm²/s,
 * 1000 for one in mm²/s); this one, µm²/s, is only the fallback when none is known.
 */
export const ASSUMED_ADC_FACTOR = 1e-3;
const ADC_UNIT = '×10⁻³ mm²/s';

function pixelUnit(kind: ValueKind, adcFactor: number): { factor: number; unit: string } {
  if (kind === 'ADC') return { factor: adcFactor, unit: ADC_UNIT };
  if (kind === 'HU') return { factor: 1, unit: 'HU' };
  return { factor: 1, unit: '' };
}

type Stats = Record<string, unknown>;

function num(stats: Stats, key: string): number | undefined {
  const value = stats[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The labelled values of one tool's cached stats; empty while cornerstone has not computed them.
 * `adcFactor` turns an ADC map's pixel values into 10^-3 mm²/s.
 */
export function measurementValues(
  tool: MeasurementTool,
  stats: Stats,
  kind: ValueKind,
  adcFactor = ASSUMED_ADC_FACTOR,
): MeasurementValue[] {
  const out: MeasurementValue[] = [];
  const add = (name: string, value: number | undefined, unit: string, factor = 1) => {
    if (value !== undefined) out.push({ name, value: value * factor, unit });
  };
  const pixel = pixelUnit(kind, adcFactor);
  switch (tool) {
    case 'Length':
      add('length', num(stats, 'length'), 'mm');
      break;
    case 'Bidirectional':
      add('length', num(stats, 'length'), 'mm');
      add('width', num(stats, 'width'), 'mm');
      break;
    case 'EllipticalROI':
      for (const name of ['mean', 'stdDev', 'min', 'max']) {
        add(name, num(stats, name), pixel.unit, pixel.factor);
      }
      add('area', num(stats, 'area'), 'mm²');
      break;
    case 'Probe':
      add('value', num(stats, 'value'), pixel.unit, pixel.factor);
      break;
  }
  return out;
}

/** One value for a list: '21.9 mm', '0.88 ×10⁻³ mm²/s', '45 HU'. */
export function formatValue({ value, unit }: MeasurementValue): string {
  const digits = unit === ADC_UNIT ? 2 : Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}
