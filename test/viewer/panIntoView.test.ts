/**
 * Panning a zoomed viewport to a chosen lesion (src/viewer/panIntoView.ts): the pure parts, when
 * a canvas point is out of view and the camera that centres a point without leaving its slice.
 */
import { describe, expect, it } from 'vitest';
import { centredOn, inView } from '../../src/viewer/panIntoView.ts';

describe('inView', () => {
  it('is true inside the margin and false outside or beyond the canvas', () => {
    expect(inView([100, 100], [200, 200], 16)).toBe(true);
    expect(inView([10, 100], [200, 200], 16)).toBe(false);
    expect(inView([100, 195], [200, 200], 16)).toBe(false);
    expect(inView([-40, 100], [200, 200], 16)).toBe(false);
    expect(inView([100, 260], [200, 200], 16)).toBe(false);
  });
});

describe('centredOn', () => {
  it('moves focal point and position in the view plane only (same slice, same zoom)', () => {
    const camera = {
      focalPoint: [0, 0, -100] as const,
      position: [0, 0, -600] as const,
      viewPlaneNormal: [0, 0, -1] as const,
    };
    const moved = centredOn(camera, [40, -25, -120]);
    expect(moved.focalPoint).toEqual([40, -25, -100]);
    expect(moved.position).toEqual([40, -25, -600]);
  });

  it('works for an oblique plane: the shift has no component along the normal', () => {
    const s = Math.SQRT1_2;
    const camera = {
      focalPoint: [0, 0, 0] as const,
      position: [0, -500 * s, -500 * s] as const,
      viewPlaneNormal: [0, s, s] as const,
    };
    const moved = centredOn(camera, [10, 10, 0]);
    const shift = moved.focalPoint.map((v, i) => v - camera.focalPoint[i]!);
    expect(shift[1]! * s + shift[2]! * s).toBeCloseTo(0, 9);
    expect(shift[0]).toBeCloseTo(10, 9);
    expect(moved.position[0]).toBeCloseTo(10, 9);
  });
});
