/**
 * The ADC map computed from the sample's DWI (DREAM-001 baseline) agrees with the generator's true
 * ADC and with the scanner ADC map of the same exam within 5%, in the liver and in every lesion
 *. The DWI is read with dicom-parser (JPEG-LS decoded with CharLS), split by b-value with src/dicom/bvalue.ts and
 * fitted with src/domain/adc.ts; the scanner map is converted with adcUnitScale from its own
 * Real World Value Mapping units.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { readBValue, type TagReader } from '../../src/dicom/bvalue.ts';
import { adcUnitScale, fitAdc, tissueMedian, type BValueStack } from '../../src/domain/adc.ts';
import { storedPixels } from '../../scripts/sample/jpegls.mjs';
import type { GroundTruth, GtLesion, GtSeries, Slice } from './sample-reader.ts';
import { annulus, readJson, SAMPLE_DIR } from './sample-reader.ts';

const TOLERANCE = 0.05;
/** The generator's DWI noise SD is 4; five SDs keep every liver and lesion voxel. */
const NOISE_FLOOR = 20;

const truth = readJson<GroundTruth>('ground-truth.json');
const patient = truth.patients.find((p) => p.patientId === 'DREAM-001');
const exam = patient?.timepoints
  .find((tp) => tp.timepoint === 'baseline')
  ?.exams.find((e) => e.kind === 'MR');
const dwiSeries = exam?.series.find((s) => s.role === 'DWI');
const adcSeries = exam?.series.find((s) => s.role === 'ADC');
if (!patient || !dwiSeries || !adcSeries) throw new Error('DREAM-001 baseline MR DWI/ADC missing');

function readerOf(dataSet: dicomParser.DataSet): TagReader {
  return {
    text(tag) {
      const key = `x${tag.toLowerCase()}`;
      return dataSet.elements[key] === undefined ? undefined : (dataSet.string(key) ?? '');
    },
    float(tag) {
      const key = `x${tag.toLowerCase()}`;
      const element = dataSet.elements[key];
      if (element?.length === 8) return dataSet.double(key);
      if (element?.length === 4) return dataSet.float(key);
      return undefined;
    },
  };
}

/** One instance: stored pixels, rescale, geometry, b-value and the data set for more tags. */
interface Instance {
  dataSet: dicomParser.DataSet;
  pixels: Uint16Array | Int16Array;
  slope: number;
  intercept: number;
  rows: number;
  cols: number;
  ipp: number[];
  spacing: number[];
  bValue: number | undefined;
}

function readInstances(series: GtSeries): Instance[] {
  const folder = join(SAMPLE_DIR, series.folder);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.dcm'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(folder, name));
      const dataSet = dicomParser.parseDicom(bytes);
      return {
        dataSet,
        pixels: storedPixels(dicomParser, dataSet, bytes),
        slope: dataSet.floatString('x00281053') ?? 1,
        intercept: dataSet.floatString('x00281052') ?? 0,
        rows: dataSet.uint16('x00280010') ?? 0,
        cols: dataSet.uint16('x00280011') ?? 0,
        ipp: [0, 1, 2].map((i) => dataSet.floatString('x00200032', i) ?? NaN),
        spacing: [0, 1].map((i) => dataSet.floatString('x00280030', i) ?? NaN),
        bValue: readBValue(readerOf(dataSet)),
      };
    });
}

/** Axial stacks: slices sorted by z (the slice normal of the sample's orientation). */
const byZ = (a: Instance, b: Instance): number => (a.ipp[2] ?? 0) - (b.ipp[2] ?? 0);

/** One volume per b-value, in the same slice order, ready for fitAdc. */
function dwiStacks(instances: Instance[]) {
  const groups = new Map<number, Instance[]>();
  for (const instance of instances) {
    if (instance.bValue === undefined) throw new Error('a DWI instance without b-value');
    groups.set(instance.bValue, [...(groups.get(instance.bValue) ?? []), instance]);
  }
  const first = instances[0];
  if (!first) throw new Error('empty DWI series');
  const plane = first.rows * first.cols;
  let slices: Instance[] = [];
  const stacks: BValueStack[] = [...groups].map(([bValue, members]) => {
    const sorted = [...members].sort(byZ);
    slices = sorted;
    const pixels = new Uint16Array(plane * sorted.length);
    sorted.forEach((s, k) => pixels.set(s.pixels, k * plane));
    return {
      bValue,
      pixels,
      slope: sorted.map((s) => s.slope),
      intercept: sorted.map((s) => s.intercept),
    };
  });
  return { width: first.cols, height: first.rows, slices, stacks };
}

const dwi = dwiStacks(readInstances(dwiSeries));
const computed = fitAdc(
  { width: dwi.width, height: dwi.height, slices: dwi.slices.length, stacks: dwi.stacks },
  { noiseFloor: NOISE_FLOOR },
);

/** The computed map as per-slice Slice objects (10^-3 mm²/s) for the ROI helpers. */
const computedSlices: Slice[] = dwi.slices.map((s, k) => {
  const plane = dwi.width * dwi.height;
  return {
    ipp: s.ipp,
    spacing: s.spacing,
    rows: s.rows,
    cols: s.cols,
    values: Float64Array.from(computed.adc.subarray(k * plane, (k + 1) * plane)),
  };
});

/** Real World Value Mapping units of an instance: (0040,9096) > (0040,08EA) > code value/meaning. */
function realWorldUnits(dataSet: dicomParser.DataSet) {
  const mapping = dataSet.elements.x00409096?.items?.[0]?.dataSet;
  const units = mapping?.elements.x004008ea?.items?.[0]?.dataSet;
  return {
    units: { codeValue: units?.string('x00080100'), codeMeaning: units?.string('x00080104') },
    realWorldSlope: mapping?.elements.x00409225 ? mapping.double('x00409225') : undefined,
  };
}

const scannerInstances = readInstances(adcSeries).sort(byZ);
const scannerFirst = scannerInstances[0];
if (!scannerFirst) throw new Error('empty ADC series');
const allStored = new Float64Array(scannerInstances.flatMap((s) => [...s.pixels]));
const scale = adcUnitScale({
  ...realWorldUnits(scannerFirst.dataSet),
  rescaleSlope: scannerFirst.slope,
  rescaleIntercept: scannerFirst.intercept,
  storedTissueValue: tissueMedian(allStored),
});
/** The scanner map in 10^-3 mm²/s. */
const scannerSlices: Slice[] = scannerInstances.map((s) => ({
  ipp: s.ipp,
  spacing: s.spacing,
  rows: s.rows,
  cols: s.cols,
  values: Float64Array.from(s.pixels, (v) => (v * s.slope + s.intercept) * scale.factor),
}));

function nearest(slices: Slice[], z: number): Slice {
  return slices.reduce((a, s) =>
    Math.abs((s.ipp[2] ?? 0) - z) < Math.abs((a.ipp[2] ?? 0) - z) ? s : a,
  );
}

interface Rois {
  disc: number;
  ring: number;
  discN: number;
}

/** Lesion disc (inside its cross-section on the nearest slice) and the liver ring around it. */
function rois(slices: Slice[], lesion: GtLesion): Rois {
  const centre = lesion.centre.baseline?.MR;
  const diameter = lesion.diameterMm.baseline;
  if (!centre || diameter === undefined) throw new Error(`${lesion.id}: incomplete truth`);
  const radius = diameter / 2;
  const slice = nearest(slices, centre[2]);
  const dz = Math.abs((slice.ipp[2] ?? 0) - centre[2]);
  const inPlane = Math.sqrt(Math.max(0, radius ** 2 - dz ** 2));
  const pixel = Math.max(...slice.spacing);
  const discRadius = Math.min(Math.max(0.7 * inPlane, 1.01 * pixel), 0.9 * inPlane);
  const disc = annulus(slice, centre, 0, discRadius);
  // The generator checks that the lesion's surroundings up to radius + 12 mm are pure liver.
  const ring = annulus(slice, centre, radius + 4, radius + 10);
  return { disc: disc.mean, ring: ring.mean, discN: disc.n };
}

const liverTruth = patient.liverAdc * 1000;
const lesions = patient.lesions.map((lesion) => ({
  lesion,
  trueAdc: (lesion.trueAdc.baseline ?? NaN) * 1000,
  computed: rois(computedSlices, lesion),
  scanner: rois(scannerSlices, lesion),
}));

const diff = (a: number, b: number): number => a / b - 1;

describe('computed ADC of DREAM-001 baseline', () => {
  it('splits the DWI series into b = 50, 400, 800 and fits all three', () => {
    expect(dwi.stacks.map((s) => s.bValue).sort((a, b) => a - b)).toEqual([50, 400, 800]);
    expect(dwi.slices).toHaveLength(16);
    expect(computed.bValues).toEqual([50, 400, 800]);
  });

  it('reads the scanner map units from its Real World Value Mapping (µm²/s)', () => {
    expect(scale).toMatchObject({ factor: 1e-3, basis: 'units', unit: 'um2/s', plausible: true });
  });

  it('masks the air around the body and nothing in the liver', () => {
    const corner = computedSlices[0]?.values[0];
    expect(corner).toBe(0);
    expect(computed.masked).toBeGreaterThan(0);
    for (const { computed: c } of lesions) expect(c.ring).toBeGreaterThan(0.5);
  });

  it.each(lesions.map((l) => [l.lesion.id, l] as const))(
    'lesion %s: computed ADC within 5% of the truth and of the scanner map',
    (_id, l) => {
      expect(l.computed.discN).toBeGreaterThanOrEqual(3);
      expect(Math.abs(diff(l.computed.disc, l.trueAdc))).toBeLessThan(TOLERANCE);
      expect(Math.abs(diff(l.computed.disc, l.scanner.disc))).toBeLessThan(TOLERANCE);
    },
  );

  it.each(lesions.map((l) => [l.lesion.id, l] as const))(
    'liver ring around %s: computed ADC within 5% of the truth and of the scanner map',
    (_id, l) => {
      expect(Math.abs(diff(l.computed.ring, liverTruth))).toBeLessThan(TOLERANCE);
      expect(Math.abs(diff(l.computed.ring, l.scanner.ring))).toBeLessThan(TOLERANCE);
    },
  );

  it('liver over all rings: within 5% of the truth and of the scanner map', () => {
    const computedLiver = lesions.reduce((a, l) => a + l.computed.ring, 0) / lesions.length;
    const scannerLiver = lesions.reduce((a, l) => a + l.scanner.ring, 0) / lesions.length;
    expect(Math.abs(diff(computedLiver, liverTruth))).toBeLessThan(TOLERANCE);
    expect(Math.abs(diff(computedLiver, scannerLiver))).toBeLessThan(TOLERANCE);
  });
});
