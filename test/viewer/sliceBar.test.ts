import { describe, expect, it } from 'vitest';
import { sliceAtPointer, sliceThumb } from '../../src/viewer/sliceBar';

describe('slice bar mapping', () => {
  it('maps the pointer to equal bands of the bar, slice 0 at the top', () => {
    // 100 px bar from y=50, 10 slices: 10 px each.
    expect(sliceAtPointer(50, 50, 100, 10)).toBe(0);
    expect(sliceAtPointer(59.9, 50, 100, 10)).toBe(0);
    expect(sliceAtPointer(60, 50, 100, 10)).toBe(1);
    expect(sliceAtPointer(95, 50, 100, 10)).toBe(4);
    expect(sliceAtPointer(149.9, 50, 100, 10)).toBe(9);
  });

  it('clamps outside the bar and copes with a degenerate bar', () => {
    expect(sliceAtPointer(0, 50, 100, 10)).toBe(0);
    expect(sliceAtPointer(150, 50, 100, 10)).toBe(9);
    expect(sliceAtPointer(400, 50, 100, 10)).toBe(9);
    expect(sliceAtPointer(80, 50, 0, 10)).toBe(0);
    expect(sliceAtPointer(80, 50, 100, 1)).toBe(0);
    expect(sliceAtPointer(Number.NaN, 50, 100, 10)).toBe(0);
  });

  it('the centre of band i maps back to slice i for every slice', () => {
    const count = 137;
    const height = 613;
    for (let i = 0; i < count; i++) {
      const y = 20 + ((i + 0.5) / count) * height;
      expect(sliceAtPointer(y, 20, height, count)).toBe(i);
    }
  });

  it('puts the thumb at the top for the first slice and the bottom for the last', () => {
    expect(sliceThumb(0, 50)).toEqual({ top: 0, height: 0.02 });
    const last = sliceThumb(49, 50);
    expect(last.top + last.height).toBeCloseTo(1, 10);
    expect(sliceThumb(3, 4)).toEqual({ top: 0.75, height: 0.25 });
    expect(sliceThumb(9, 4).top).toBeCloseTo(0.75, 10);
    expect(sliceThumb(0, 1)).toEqual({ top: 0, height: 1 });
  });
});
