import { describe, expect, it } from 'vitest';
import { estimateNoiseFloor } from '../../src/viewer/adcNoise';

const W = 32;
const H = 32;

/** A body (a centred square of `tissue`) in air of `air`, one slice. */
function image(tissue: number, air: number): Float32Array {
  const pixels = new Float32Array(W * H).fill(air);
  for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) pixels[y * W + x] = tissue;
  return pixels;
}

describe('estimateNoiseFloor', () => {
  it('takes 5% of bright tissue at the lowest b when the background is zero', () => {
    const floor = estimateNoiseFloor(
      [
        { bValue: 800, pixels: image(150, 0) },
        { bValue: 50, pixels: image(400, 0) },
      ],
      W,
      H,
      1,
    );
    expect(floor).toBeCloseTo(20, 9);
  });

  it('takes 4 noise SDs from the air around the body when that is higher', () => {
    // Rayleigh median = sigma * sqrt(2 ln 2): a border of 11.774 means sigma 10.
    const median = 10 * Math.sqrt(2 * Math.LN2);
    const floor = estimateNoiseFloor(
      [
        { bValue: 50, pixels: image(400, median) },
        { bValue: 800, pixels: image(150, median) },
      ],
      W,
      H,
      1,
    );
    expect(floor).toBeCloseTo(40, 6);
  });

  it('is 0 without stacks or signal', () => {
    expect(estimateNoiseFloor([], W, H, 1)).toBe(0);
    expect(estimateNoiseFloor([{ bValue: 50, pixels: new Float32Array(W * H) }], W, H, 1)).toBe(0);
  });
});
