/**
 * Pure geometry of synchronised scrolling. Positions are distances (mm) of each slice along the
 * stack's slice normal, from (0020,0032) Image Position (Patient) and (0020,0037) orientation.
 * Same frame of reference: match by patient position. Different frames (baseline vs pre-op, CT vs
 * MR): the reader links a matching slice pair, and the stacks then keep that offset in mm.
 */

import type { Vec3 } from '../dicom/header';

/** A point or direction in patient coordinates (LPS, mm); one definition, in dicom/header. */
export type { Vec3 };

export interface Stack {
  frameOfReferenceUid: string;
  /** Slice normal (unit vector), shared by all slices of the stack. */
  normal: Vec3;
  /** Image Position (Patient) of each slice, in stack order. */
  positions: readonly Vec3[];
  /** From a slice's Image Position to the centre of its plane (scroll sync across exams). */
  centre?: Vec3;
}

/** A reader-made link: slice `sourceIndex` of one stack matches `targetIndex` of another. */
export interface SliceLink {
  sourceIndex: number;
  targetIndex: number;
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Row x column direction of an Image Orientation (Patient), normalised. */
export function sliceNormal(iop: readonly [number, number, number, number, number, number]): Vec3 {
  const [r0, r1, r2, c0, c1, c2] = iop;
  const n: Vec3 = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const length = Math.hypot(...n) || 1;
  return [n[0] / length, n[1] / length, n[2] / length];
}

/** The index of the slice nearest to `distance` mm along the normal. Ties go to the lower index. */
export function nearestSlice(distances: readonly number[], distance: number): number {
  let best = 0;
  let bestGap = Number.POSITIVE_INFINITY;
  distances.forEach((d, index) => {
    const gap = Math.abs(d - distance);
    if (gap < bestGap - 1e-9) {
      best = index;
      bestGap = gap;
    }
  });
  return best;
}

function distancesAlong(stack: Stack, normal: Vec3): number[] {
  return stack.positions.map((p) => dot(p, normal));
}

/**
 * The slice of `target` to show when `source` shows slice `sourceIndex`: by patient position when
 * both share a frame of reference (and no link overrides it), else keeping the linked offset.
 * Undefined when the stacks are in different frames and not linked, or not parallel.
 */
export function syncedSlice(
  source: Stack,
  target: Stack,
  sourceIndex: number,
  link?: SliceLink,
): number | undefined {
  // Stacks at an angle (axial vs coronal) do not scroll together.
  if (Math.abs(Math.abs(dot(source.normal, target.normal)) - 1) > 1e-3) return undefined;
  const along = source.normal;
  const from = distancesAlong(source, along);
  const to = distancesAlong(target, along);
  const here = from[sourceIndex];
  if (here === undefined || to.length === 0) return undefined;
  if (link) {
    const sourceAt = from[link.sourceIndex];
    const targetAt = to[link.targetIndex];
    if (sourceAt === undefined || targetAt === undefined) return undefined;
    return nearestSlice(to, targetAt + (here - sourceAt));
  }
  if (
    source.frameOfReferenceUid === '' ||
    source.frameOfReferenceUid !== target.frameOfReferenceUid
  ) {
    return undefined;
  }
  return nearestSlice(to, here);
}
