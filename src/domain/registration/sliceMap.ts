/**
 * Scroll sync through the registration: the slice of another exam that shows the place the
 * scrolled slice shows. The place is the centre of the scrolled image plane (or a point the
 * reader marks), carried into the other exam's frame by the rigid transform between the two
 * frames (rigid.ts), then matched to the nearest slice along that exam's slice normal.
 */
import { applyMat, type Mat4, type Vec3 } from './rigid.ts';

/** A stack of parallel slices: the shared normal and each slice's Image Position (Patient). */
export interface SliceGeometry {
  readonly normal: Vec3;
  readonly positions: readonly Vec3[];
  /** From a slice's Image Position (its first pixel) to the centre of its plane; none = 0. */
  readonly centre?: Vec3;
}

/** Stacks more than this far from parallel (after the transform) do not scroll together. */
const MIN_PARALLEL_COS = Math.cos((30 * Math.PI) / 180);

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** The rotation part of a rigid transform applied to a direction. */
function rotate(m: Mat4, v: Vec3): Vec3 {
  const o = applyMat(m, [0, 0, 0]);
  const p = applyMat(m, v);
  return [p[0] - o[0], p[1] - o[1], p[2] - o[2]];
}

/** The slice of `stack` whose plane lies nearest `point` (patient mm). Ties go to the lower index. */
export function nearestSliceTo(stack: SliceGeometry, point: Vec3): number | undefined {
  const wanted = dot(point, stack.normal);
  let best: number | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  stack.positions.forEach((p, index) => {
    const gap = Math.abs(dot(p, stack.normal) - wanted);
    if (gap < bestGap - 1e-9) {
      best = index;
      bestGap = gap;
    }
  });
  return best;
}

/** The centre of slice `index`'s plane, in its own frame (undefined outside the stack). */
export function planeCentre(stack: SliceGeometry, index: number): Vec3 | undefined {
  const p = stack.positions[index];
  if (!p) return undefined;
  const c = stack.centre ?? [0, 0, 0];
  return [p[0] + c[0], p[1] + c[1], p[2] + c[2]];
}

/**
 * The slice of `target` to show when `source` shows slice `sourceIndex`, where `sourceToTarget`
 * maps the source's frame of reference into the target's: the source plane's centre (or `point`,
 * in the source frame, when given) goes through the transform and the nearest target slice wins.
 * Undefined for an index outside the source, an empty target, or stacks at an angle.
 */
export function registeredSlice(
  source: SliceGeometry,
  sourceIndex: number,
  target: SliceGeometry,
  sourceToTarget: Mat4,
  point?: Vec3,
): number | undefined {
  const here = point ?? planeCentre(source, sourceIndex);
  if (!here || source.positions[sourceIndex] === undefined) return undefined;
  const normal = rotate(sourceToTarget, source.normal);
  if (Math.abs(dot(normal, target.normal)) < MIN_PARALLEL_COS) return undefined;
  return nearestSliceTo(target, applyMat(sourceToTarget, here));
}
