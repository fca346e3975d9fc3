/**
 * Downsampled volumes for registration: axial slices (any pixel type, real values) averaged in
 * blocks in-plane to about `targetMm`, stacked by slice position. The volume's axes are the
 * patient's (axial images with row direction +x and column direction +y), so voxel (i, j, k) sits
 * at origin + (i sx, j sy, k sz).
 */
import { applyMat, type Mat4, type Vec3 } from './rigid.ts';

export interface RegistrationVolume {
  readonly size: readonly [number, number, number];
  readonly spacing: Vec3;
  readonly origin: Vec3;
  /** x fastest, then y, then z. */
  readonly data: Float32Array;
}

export interface VolumeSlice {
  readonly ipp: readonly number[];
  /** PixelSpacing: row spacing (y), column spacing (x). */
  readonly pixelSpacing: readonly number[];
  /** ImageOrientationPatient (row then column cosines); axial when absent. */
  readonly orientation?: readonly number[];
  readonly rows: number;
  readonly columns: number;
  readonly values: ArrayLike<number>;
}

const AXIAL = [1, 0, 0, 0, 1, 0];

/** Whether a slice is axial with the patient's x and y axes (what the volume assumes). */
export function isAxial(slice: VolumeSlice): boolean {
  const o = slice.orientation ?? AXIAL;
  return AXIAL.every((v, i) => Math.abs((o[i] ?? NaN) - v) < 1e-3);
}

/**
 * Stacks and block-averages a series' slices. Throws on fewer than 3 slices, slices that are not
 * axial, or slices of different sizes.
 */
export function volumeFromSlices(slices: readonly VolumeSlice[], targetMm = 6): RegistrationVolume {
  if (slices.length < 3) throw new Error('registration needs at least 3 slices');
  const first = slices[0]!;
  if (!slices.every((s) => isAxial(s) && s.rows === first.rows && s.columns === first.columns)) {
    throw new Error('registration needs axial slices of one size');
  }
  const sorted = [...slices].sort((a, b) => (a.ipp[2] ?? 0) - (b.ipp[2] ?? 0));
  const dy = first.pixelSpacing[0] ?? 1;
  const dx = first.pixelSpacing[1] ?? 1;
  const fx = Math.max(1, Math.round(targetMm / dx));
  const fy = Math.max(1, Math.round(targetMm / dy));
  const nx = Math.floor(first.columns / fx);
  const ny = Math.floor(first.rows / fy);
  const nz = sorted.length;
  const gaps = sorted.slice(1).map((s, i) => (s.ipp[2] ?? 0) - (sorted[i]!.ipp[2] ?? 0));
  const dz = gaps.sort((a, b) => a - b)[gaps.length >> 1] ?? 1;
  const data = new Float32Array(nx * ny * nz);
  sorted.forEach((slice, k) => {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        let sum = 0;
        for (let v = 0; v < fy; v++) {
          const row = (j * fy + v) * slice.columns + i * fx;
          for (let u = 0; u < fx; u++) sum += slice.values[row + u] ?? 0;
        }
        data[(k * ny + j) * nx + i] = sum / (fx * fy);
      }
    }
  });
  const top = sorted[0]!.ipp;
  // Centre of the first block, so voxel positions stay true after averaging.
  const origin: Vec3 = [
    (top[0] ?? 0) + ((fx - 1) * dx) / 2,
    (top[1] ?? 0) + ((fy - 1) * dy) / 2,
    top[2] ?? 0,
  ];
  return { size: [nx, ny, nz], spacing: [dx * fx, dy * fy, dz], origin, data };
}

/** Trilinear value at a patient point, NaN outside the volume. */
export function sampleAt(v: RegistrationVolume, p: Vec3): number {
  const [nx, ny, nz] = v.size;
  const f = [0, 1, 2].map((a) => (p[a]! - v.origin[a]!) / v.spacing[a]!) as [
    number,
    number,
    number,
  ];
  if (f.some((x, a) => x < 0 || x > v.size[a]! - 1)) return NaN;
  const i = Math.min(Math.floor(f[0]), nx - 2);
  const j = Math.min(Math.floor(f[1]), ny - 2);
  const k = Math.min(Math.floor(f[2]), nz - 2);
  const [u, w, t] = [f[0] - i, f[1] - j, f[2] - k];
  const val = (a: number, b: number, c: number) => v.data[((k + c) * ny + j + b) * nx + i + a] ?? 0;
  const plane = (c: number) =>
    (1 - w) * ((1 - u) * val(0, 0, c) + u * val(1, 0, c)) +
    w * ((1 - u) * val(0, 1, c) + u * val(1, 1, c));
  return (1 - t) * plane(0) + t * plane(1);
}

const BINS = 32;

function binner(values: Float32Array | number[]): (x: number) => number {
  let [lo, hi] = [Infinity, -Infinity];
  for (const x of values) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
  const width = hi > lo ? (hi - lo) / BINS : 1;
  return (x) => Math.min(BINS - 1, Math.max(0, Math.floor((x - lo) / width)));
}

/**
 * Normalised mutual information (H(A) + H(B)) / H(A, B) of the fixed volume and the moving one
 * seen through `fixedToMoving`, over the fixed voxels that land inside the moving volume: 1 for
 * unrelated images, higher the better they match (2 at most). Also the overlap (share of fixed
 * voxels that land inside). Intensity-agnostic, so it compares CT with MR too.
 */
export function normalisedMutualInformation(
  fixed: RegistrationVolume,
  moving: RegistrationVolume,
  fixedToMoving: Mat4,
): { nmi: number; overlap: number } {
  const [nx, ny, nz] = fixed.size;
  const pairs: number[] = [];
  const fixedValues: number[] = [];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const p: Vec3 = [
          fixed.origin[0] + i * fixed.spacing[0],
          fixed.origin[1] + j * fixed.spacing[1],
          fixed.origin[2] + k * fixed.spacing[2],
        ];
        const m = sampleAt(moving, applyMat(fixedToMoving, p));
        if (Number.isNaN(m)) continue;
        fixedValues.push(fixed.data[(k * ny + j) * nx + i] ?? 0);
        pairs.push(m);
      }
    }
  }
  const n = pairs.length;
  if (n === 0) return { nmi: 0, overlap: 0 };
  const [bf, bm] = [binner(fixedValues), binner(moving.data)];
  const joint = new Float64Array(BINS * BINS);
  for (let s = 0; s < n; s++) joint[bf(fixedValues[s]!) * BINS + bm(pairs[s]!)]! += 1;
  const pa = new Float64Array(BINS);
  const pb = new Float64Array(BINS);
  let hab = 0;
  joint.forEach((c, idx) => {
    if (c === 0) return;
    const p = c / n;
    pa[Math.floor(idx / BINS)]! += p;
    pb[idx % BINS]! += p;
    hab -= p * Math.log(p);
  });
  const h = (ps: Float64Array) => ps.reduce((s, p) => (p > 0 ? s - p * Math.log(p) : s), 0);
  return { nmi: hab > 0 ? (h(pa) + h(pb)) / hab : 0, overlap: n / (nx * ny * nz) };
}
