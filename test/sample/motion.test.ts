/**
 * Known motion between exams: ground-truth.json states, per exam, the rigid transform from the
 * patient's baseline CT (rotation about z of at most 5 degrees, translation of 5-20 mm, identity for
 * the baseline CT itself), and every lesion and distractor centre in every exam's coordinates.
 * The test checks that the stated centres follow the stated transforms, and that the files encode
 * them: in each exam's reference series the object's intensity centroid, located through
 * ImagePositionPatient/PixelSpacing, lies where ground-truth.json says, not where the baseline
 * CT's coordinates would put it.
 */
import { describe, expect, it } from 'vitest';
import type {
  GroundTruth,
  GtExam,
  GtSeries,
  GtVessel,
  PixelFilter,
  Slice,
} from './sample-reader.ts';
import { annulus, nearestSlice, readJson, readSeries, vesselVoxels } from './sample-reader.ts';

const truth = readJson<GroundTruth>('ground-truth.json');

/**
 * A case that reads a series first decodes every JPEG-LS slice of it (18 CT slices of 512²): on a
 * busy machine that takes longer than Vitest's default 5 s; later cases of the series hit the cache.
 */
const SERIES_READ_MS = 60_000;
type Point = [number, number, number];

function apply(m: number[][], p: Point): Point {
  const row = (i: number) =>
    (m[i]?.[0] ?? 0) * p[0] + (m[i]?.[1] ?? 0) * p[1] + (m[i]?.[2] ?? 0) * p[2] + (m[i]?.[3] ?? 0);
  return [row(0), row(1), row(2)];
}

interface Placed {
  name: string;
  exam: GtExam;
  centre: Point;
  baseline: Point;
  radius: number;
  /** Sign of object minus liver in the exam's reference series. */
  sign: 1 | -1;
  timepoint: string;
  /** The vessel a lesion abuts: its voxels are left out of the liver ring. */
  vessel?: GtVessel;
}

/** CT portal for CT exams, T2 for MR: both show every metastasis at baseline and both distractors. */
const REFERENCE: Record<string, { role: string; lesion: 1 | -1; cyst: 1 | -1 }> = {
  CT: { role: 'CT_PORTAL', lesion: -1, cyst: -1 },
  MR: { role: 'T2', lesion: 1, cyst: 1 },
};

function placed(): Placed[] {
  const out: Placed[] = [];
  for (const p of truth.patients) {
    const objects = [
      ...p.lesions.map((l) => ({
        id: l.id,
        centre: l.centre,
        diameterAt: (tp: string) => l.diameterMm[tp] ?? 0,
        kind: 'lesion',
        vessel: l.adjacentVessel,
      })),
      ...p.distractors.map((d) => ({
        id: d.id,
        centre: d.centre,
        diameterAt: () => d.diameterMm,
        kind: d.kind,
        vessel: undefined,
      })),
    ];
    for (const tp of p.timepoints) {
      for (const exam of tp.exams) {
        for (const o of objects) {
          const diameter = o.diameterAt(tp.timepoint);
          const visible = o.kind !== 'lesion' || tp.timepoint === 'baseline';
          const centre = o.centre[tp.timepoint]?.[exam.kind];
          const baseline = o.centre.baseline?.CT;
          if (!centre || !baseline) throw new Error(`${p.patientId} ${o.id}: no centre`);
          if (!visible || diameter === 0) continue;
          const ref = REFERENCE[exam.kind];
          const sign = o.kind === 'lesion' ? ref?.lesion : o.kind === 'cyst' ? ref?.cyst : 1;
          out.push({
            name: `${p.patientId} ${tp.timepoint} ${exam.kind} ${o.id}`,
            exam,
            centre,
            baseline,
            radius: diameter / 2,
            sign: sign ?? 1,
            timepoint: tp.timepoint,
            vessel: o.vessel,
          });
        }
      }
    }
  }
  return out;
}

describe('stated motion', () => {
  const exams = truth.patients.flatMap((p) =>
    p.timepoints.flatMap((tp) =>
      tp.exams.map((e) => ({ name: `${p.patientId} ${tp.timepoint} ${e.kind}`, tp, e })),
    ),
  );
  it.each(exams.map((x) => [x.name, x] as const))('%s: rigid, within range', (_n, { tp, e }) => {
    const { matrix, rotationZDeg, translationMm } = e.fromBaselineCt;
    const th = (rotationZDeg * Math.PI) / 180;
    const expected = [
      [Math.cos(th), -Math.sin(th), 0, translationMm[0]],
      [Math.sin(th), Math.cos(th), 0, translationMm[1]],
      [0, 0, 1, translationMm[2]],
      [0, 0, 0, 1],
    ];
    matrix.flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i] ?? NaN, 5));
    const shift = Math.hypot(...translationMm);
    if (tp.timepoint === 'baseline' && e.kind === 'CT') {
      expect([rotationZDeg, shift]).toEqual([0, 0]);
    } else {
      expect(Math.abs(rotationZDeg)).toBeLessThanOrEqual(5);
      expect(shift).toBeGreaterThanOrEqual(5);
      expect(shift).toBeLessThanOrEqual(20);
    }
  });

  it.each(placed().map((x) => [x.name, x] as const))(
    '%s: centre = transform(baseline CT centre)',
    (_n, x) => {
      const moved = apply(x.exam.fromBaselineCt.matrix, x.baseline);
      moved.forEach((v, i) => expect(Math.abs(v - (x.centre[i] ?? NaN))).toBeLessThan(0.02));
    },
  );
});

const cache = new Map<string, Slice[]>();
function seriesOf(exam: GtExam): Slice[] {
  const role = REFERENCE[exam.kind]?.role;
  const series = exam.series.find((s) => s.role === role) as GtSeries;
  let slices = cache.get(series.folder);
  if (!slices) cache.set(series.folder, (slices = readSeries(series)));
  return slices;
}

/**
 * Centroid of the object's contrast against its liver ring, in patient mm (x, y). An abutted
 * vessel's voxels are left out of the ring; inside the object's reach the vessel weighs nothing,
 * its contrast having the opposite sign to a lesion's in both reference series (bright on portal
 * CT, dark on T2).
 */
function centroid(
  slice: Slice,
  around: Point,
  radius: number,
  sign: number,
  vessel: PixelFilter,
): [number, number] {
  const ring = annulus(slice, around, radius + 6, radius + 10, vessel).mean;
  const [x0, y0] = [slice.ipp[0] ?? 0, slice.ipp[1] ?? 0];
  const [dy, dx] = [slice.spacing[0] ?? 1, slice.spacing[1] ?? 1];
  let [sum, sx, sy] = [0, 0, 0];
  for (let row = 0; row < slice.rows; row++) {
    for (let col = 0; col < slice.cols; col++) {
      const [x, y] = [x0 + col * dx, y0 + row * dy];
      if (Math.hypot(x - around[0], y - around[1]) > radius + 3) continue;
      const w = Math.max(0, sign * ((slice.values[row * slice.cols + col] ?? 0) - ring));
      [sum, sx, sy] = [sum + w, sx + w * x, sy + w * y];
    }
  }
  return [sx / sum, sy / sum];
}

describe('the files encode the stated motion', () => {
  it.each(placed().map((x) => [x.name, x] as const))(
    '%s',
    (_n, x) => {
      const slice = nearestSlice(seriesOf(x.exam), x.centre[2]);
      expect(Math.abs((slice.ipp[2] ?? 0) - x.centre[2])).toBeLessThanOrEqual(3.01);
      const pixel = Math.max(...slice.spacing);
      const vessel = vesselVoxels(slice, x.vessel, x.timepoint, x.exam.kind);
      const [cx, cy] = centroid(slice, x.centre, x.radius, x.sign, vessel);
      expect(Math.hypot(cx - x.centre[0], cy - x.centre[1])).toBeLessThan(
        Math.max(1.5, 0.5 * pixel),
      );
      // Unmoved (baseline CT) coordinates would be off by more than the tolerance, except for the
      // baseline CT itself.
      const off = Math.hypot(x.baseline[0] - x.centre[0], x.baseline[1] - x.centre[1]);
      if (off > 0) expect(off).toBeGreaterThan(3);
    },
    SERIES_READ_MS,
  );
});
