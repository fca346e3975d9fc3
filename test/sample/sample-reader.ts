/**
 * Reads the generated sample study from disk for the sample tests: ground truth, manifest and the
 * pixel data of each series (dicom-parser, JPEG-LS decoded with CharLS, rescale applied), plus ROI statistics in patient mm.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { storedPixels } from '../../scripts/sample/jpegls.mjs';

/** The committed sample; DREAM_SAMPLE_DIR points the tests at a sample generated elsewhere. */
export const SAMPLE_DIR = resolve(
  process.env.DREAM_SAMPLE_DIR ?? resolve(import.meta.dirname, '../../sample-dicom'),
);

export interface GtSeries {
  role: string;
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  folder: string;
  instances: number;
  bValues?: number[];
}
/** A rigid transform: p' = matrix * p (4x4, row-major, mm). */
export interface GtMotion {
  rotationZDeg: number;
  translationMm: [number, number, number];
  matrix: number[][];
}
export interface GtExam {
  kind: 'CT' | 'MR';
  studyInstanceUid: string;
  frameOfReferenceUid: string;
  fromBaselineCt: GtMotion;
  series: GtSeries[];
}
export interface GtDistractor {
  id: string;
  kind: 'cyst' | 'haemangioma';
  segment: string;
  diameterMm: number;
  centre: Record<string, Record<string, [number, number, number]>>;
}
type Centres = Record<string, Record<string, [number, number, number]>>;
/**
 * The vessel a lesion abuts: a straight tube whose axis runs from `from` to `to` (patient
 * coordinates per timepoint and exam kind) with radiusMm at each end.
 */
export interface GtVessel {
  kind: 'portal' | 'hepatic';
  radiusMm: [number, number];
  gapMm: number;
  axis: { from: Centres; to: Centres };
}
export interface GtLesion {
  id: string;
  segment: string;
  diameterMm: Record<string, number>;
  centre: Record<string, Record<string, [number, number, number]>>;
  trueAdc: Record<string, number>;
  visibility: Record<string, Record<string, boolean>>;
  calls: Record<string, Record<string, string>>;
  expected: { status: string; ctDlm: boolean; reason: string };
  adjacentVessel?: GtVessel;
}
export interface GtPatient {
  patientId: string;
  clinicalTrialTags: boolean;
  bValueTag: string;
  dwiSeriesPerBValue: boolean;
  liverAdc: number;
  timepoints: { timepoint: string; studyDate: string; exams: GtExam[] }[];
  lesions: GtLesion[];
  distractors: GtDistractor[];
}
export interface GroundTruth {
  patients: GtPatient[];
}

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(SAMPLE_DIR, name), 'utf8')) as T;
}

/** One decoded image: geometry in patient mm and real (rescaled) pixel values. */
export interface Slice {
  ipp: number[];
  spacing: number[];
  rows: number;
  cols: number;
  /** Slice Thickness (0018,0050), mm (read from the file by readSlice). */
  thickness?: number;
  b?: number;
  values: Float64Array;
}

/** GE adds 10^9 to the b-value in (0043,1039). */
const GE_B_OFFSET = 1e9;

/** b-value from the standard tag, else the Siemens or GE private one (what the sample uses). */
function bValue(ds: dicomParser.DataSet): number | undefined {
  const standard = ds.elements.x00189087;
  if (standard) return ds.double('x00189087');
  if (ds.elements.x0019100c) return ds.intString('x0019100c');
  const ge = ds.intString('x00431039');
  return ge === undefined ? undefined : ge % GE_B_OFFSET;
}

export function readSlice(path: string): Slice {
  const bytes = readFileSync(path);
  const ds = dicomParser.parseDicom(bytes);
  const rows = ds.uint16('x00280010') ?? 0;
  const cols = ds.uint16('x00280011') ?? 0;
  const stored = storedPixels(dicomParser, ds, bytes);
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const values = Float64Array.from(stored, (v) => v * slope + intercept);
  const ipp = [0, 1, 2].map((i) => ds.floatString('x00200032', i) ?? NaN);
  const spacing = [0, 1].map((i) => ds.floatString('x00280030', i) ?? NaN);
  const thickness = ds.floatString('x00180050') ?? NaN;
  return { ipp, spacing, rows, cols, thickness, b: bValue(ds), values };
}

export function readSeries(series: GtSeries): Slice[] {
  return Array.from({ length: series.instances }, (_, i) =>
    readSlice(join(SAMPLE_DIR, series.folder, `IM${String(i + 1).padStart(4, '0')}.dcm`)),
  );
}

/** The slice whose plane is nearest to z (axial images), optionally of one b-value. */
export function nearestSlice(slices: Slice[], z: number, b?: number): Slice {
  const candidates = slices.filter((s) => b === undefined || s.b === b);
  const best = candidates.reduce((a, s) =>
    Math.abs((s.ipp[2] ?? 0) - z) < Math.abs((a.ipp[2] ?? 0) - z) ? s : a,
  );
  return best;
}

export interface Stats {
  mean: number;
  sd: number;
  n: number;
}

/** A pixel left out of a measurement, by its centre's patient x and y on the slice. */
export type PixelFilter = (x: number, y: number) => boolean;

/**
 * The pixels of a slice whose voxel may hold part of the vessel a lesion abuts: the voxel (pixel
 * x slice thickness) reaches the tube when its centre lies within the tube's radius plus the
 * voxel's half-diagonal of the axis segment. Every other pixel holds none of it (the generator
 * samples inside the voxel only). For a lesion without `adjacentVessel`, no pixel.
 */
export function vesselVoxels(
  slice: Slice,
  vessel: GtVessel | undefined,
  timepoint: string,
  kind: string,
): PixelFilter {
  const from = vessel?.axis.from[timepoint]?.[kind];
  const to = vessel?.axis.to[timepoint]?.[kind];
  if (!vessel || !from || !to) return () => false;
  if (slice.thickness === undefined) throw new Error('vesselVoxels needs the slice thickness');
  const [dy, dx] = [slice.spacing[0] ?? 1, slice.spacing[1] ?? 1];
  const halfDiagonal = Math.hypot(dx / 2, dy / 2, slice.thickness / 2);
  const reach = Math.max(...vessel.radiusMm) + halfDiagonal;
  const z = slice.ipp[2] ?? 0;
  const [ax, ay, az] = from;
  const [ux, uy, uz] = [to[0] - ax, to[1] - ay, to[2] - az];
  const len2 = ux * ux + uy * uy + uz * uz;
  return (x, y) => {
    const [px, py, pz] = [x - ax, y - ay, z - az];
    const s = Math.max(0, Math.min(1, (px * ux + py * uy + pz * uz) / len2));
    return Math.hypot(px - s * ux, py - s * uy, pz - s * uz) <= reach;
  };
}

/**
 * Statistics of the pixels whose centre lies at an in-plane distance in [inner, outer] mm from
 * the point (axial orientation: column along +x, row along +y), less those `skip` leaves out.
 */
export function annulus(
  slice: Slice,
  centre: number[],
  inner: number,
  outer: number,
  skip: PixelFilter = () => false,
): Stats {
  const [x0, y0] = [slice.ipp[0] ?? 0, slice.ipp[1] ?? 0];
  const [dy, dx] = [slice.spacing[0] ?? 1, slice.spacing[1] ?? 1];
  const picked: number[] = [];
  for (let row = 0; row < slice.rows; row++) {
    const y = y0 + row * dy - (centre[1] ?? 0);
    if (Math.abs(y) > outer) continue;
    for (let col = 0; col < slice.cols; col++) {
      const x = x0 + col * dx - (centre[0] ?? 0);
      const d = Math.hypot(x, y);
      if (d < inner || d > outer || skip(x + (centre[0] ?? 0), y + (centre[1] ?? 0))) continue;
      picked.push(slice.values[row * slice.cols + col] ?? NaN);
    }
  }
  const n = picked.length;
  const mean = picked.reduce((a, v) => a + v, 0) / n;
  const sd = Math.sqrt(picked.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, sd, n };
}
