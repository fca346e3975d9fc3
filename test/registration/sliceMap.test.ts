import { describe, expect, it } from 'vitest';
import {
  eulerMatrix,
  invertRigid,
  planeCentre,
  registeredSlice,
  IDENTITY,
  type Mat4,
  type SliceGeometry,
  type Vec3,
} from '../../src/domain/registration';

/** Axial slices `spacing` mm apart from z0, 400 mm wide, first pixel at (-half, -half). */
function axial(z0: number, spacing: number, count: number, half = 200): SliceGeometry {
  return {
    normal: [0, 0, 1],
    positions: Array.from({ length: count }, (_, i): Vec3 => [-half, -half, z0 + i * spacing]),
    centre: [half, half, 0],
  };
}

const deg = (d: number) => (d * Math.PI) / 180;
/** Euler parameters (rx, ry, rz in degrees; t in mm) about the origin. */
const rigid = (rx: number, ry: number, rz: number, t: Vec3): Mat4 =>
  eulerMatrix([deg(rx), deg(ry), deg(rz), ...t], [0, 0, 0]);

const baselineCt = axial(-100, 5, 22);
const preopCt = axial(-90, 5, 22, 190);
const preopMr = axial(-95, 6, 16, 180);

describe('registeredSlice: the slice of another exam showing the scrolled plane centre', () => {
  it.each<[string, SliceGeometry, number, Mat4, number]>([
    // The centre of baseline slice 4 is at z = -80; pre-op slices start at -90, 5 mm apart.
    ['identity', preopCt, 4, IDENTITY, 2],
    ['12 mm up', preopCt, 4, rigid(0, 0, 0, [0, 0, 12]), 4],
    ['12 mm down, mid stack', preopCt, 10, rigid(0, 0, 0, [0, 0, -12]), 6],
    ['5 degrees about z and 7 mm up', preopCt, 10, rigid(0, 0, 5, [8, -12, 7]), 9],
    // -50 mm tilted 5 degrees about x at the plane centre: -49.8 mm, pre-op index 8.04.
    ['5 degrees about x (tilt), centre kept', preopCt, 10, rigid(5, 0, 0, [0, 0, 0]), 8],
    ['4 degrees about y and 20 mm in x', preopCt, 10, rigid(0, 4, 0, [20, 0, 0]), 8],
    // MR, 6 mm slices from -95: -50 + 12 = -38 is 9.5 slices up, the tie goes to the lower.
    ['into 6 mm MR slices', preopMr, 10, rigid(0, 0, 3, [-8, -12, 12]), 9],
    ['clamped below the stack', preopCt, 0, rigid(0, 0, 0, [0, 0, -40]), 0],
    ['clamped above the stack', preopCt, 21, rigid(0, 0, 0, [0, 0, 40]), 21],
  ])('%s', (_name, target, index, m, expected) => {
    expect(registeredSlice(baselineCt, index, target, m)).toBe(expected);
  });

  it('maps the plane centre, not the first pixel: a tilt moves a corner 17 mm along z', () => {
    const tilt = rigid(5, 0, 0, [0, 0, 0]);
    const noCentre: SliceGeometry = { ...baselineCt, centre: undefined };
    expect(registeredSlice(baselineCt, 10, preopCt, tilt)).toBe(8);
    // Image Position (-200, -200, -50) tilts to z = -67.2 (index 4.6).
    expect(registeredSlice(noCentre, 10, preopCt, tilt)).toBe(5);
  });

  it('a given point (the crosshair) beats the plane centre', () => {
    // z -30 + 12 = -18 is 14.4 pre-op slices up from -90; the centre of slice 4 would give 4.
    const up = rigid(0, 0, 0, [0, 0, 12]);
    expect(registeredSlice(baselineCt, 4, preopCt, up, [30, -20, -30])).toBe(14);
  });

  it('maps back through the inverse to the same slice when spacings match', () => {
    const m = rigid(0, 0, 4, [6, -9, 10]);
    const back = invertRigid(m);
    for (let i = 0; i < 20; i++) {
      const there = registeredSlice(baselineCt, i, preopCt, m);
      if (there === undefined) throw new Error(`no slice for ${i}`);
      expect(registeredSlice(preopCt, there, baselineCt, back)).toBe(i);
    }
  });

  it('stacks at an angle, an index outside the stack or an empty target give no slice', () => {
    expect(registeredSlice(baselineCt, 4, preopCt, rigid(90, 0, 0, [0, 0, 0]))).toBeUndefined();
    expect(registeredSlice(baselineCt, 4, preopCt, rigid(45, 0, 0, [0, 0, 0]))).toBeUndefined();
    expect(registeredSlice(baselineCt, 22, preopCt, IDENTITY)).toBeUndefined();
    expect(registeredSlice(baselineCt, -1, preopCt, IDENTITY)).toBeUndefined();
    const empty: SliceGeometry = { normal: [0, 0, 1], positions: [] };
    expect(registeredSlice(baselineCt, 4, empty, IDENTITY)).toBeUndefined();
  });

  it('planeCentre adds the in-plane offset to the Image Position', () => {
    expect(planeCentre(baselineCt, 2)).toEqual([0, 0, -90]);
    expect(planeCentre({ normal: [0, 0, 1], positions: [[1, 2, 3]] }, 0)).toEqual([1, 2, 3]);
  });
});
