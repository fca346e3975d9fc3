import { describe, expect, it } from 'vitest';
import {
  nearestSlice,
  sliceNormal,
  syncedSlice,
  type Stack,
  type Vec3,
} from '../../src/viewer/sliceSync';

const AXIAL = [1, 0, 0, 0, 1, 0] as const;
const CORONAL = [1, 0, 0, 0, 0, -1] as const;

/** An axial stack of `count` slices starting at z0, `spacing` mm apart (z up or down). */
function axial(frame: string, z0: number, spacing: number, count: number, x = 0): Stack {
  const positions: Vec3[] = Array.from({ length: count }, (_, i) => [x, 0, z0 + i * spacing]);
  return { frameOfReferenceUid: frame, normal: sliceNormal(AXIAL), positions };
}

describe('sliceNormal', () => {
  it.each([
    [AXIAL, [0, 0, 1]],
    [CORONAL, [0, 1, 0]],
    [[0, 1, 0, 0, 0, -1] as const, [-1, 0, 0]],
    [[2, 0, 0, 0, 2, 0] as const, [0, 0, 1]],
  ])('%j -> %j', (iop, normal) => {
    expect(sliceNormal(iop).map((v) => v + 0)).toEqual(normal);
  });
});

describe('nearestSlice', () => {
  it.each([
    [[0, 5, 10], 4, 1],
    [[0, 5, 10], 2.5, 0],
    [[0, 5, 10], -100, 0],
    [[0, 5, 10], 100, 2],
    [[10, 5, 0], 6, 1],
  ])('%j nearest to %d is %d', (distances, d, index) => {
    expect(nearestSlice(distances, d)).toBe(index);
  });
});

describe('syncedSlice', () => {
  const ct = axial('F-CT', -100, 5, 22); // -100 .. 5 mm
  const mr = axial('F-MR', -90, 6, 16); // other frame
  const ctFine = axial('F-CT', -100, 2.5, 44); // same frame, thinner slices
  const ctReversed: Stack = { ...ctFine, positions: [...ctFine.positions].reverse() };

  it.each([
    ['same frame, same spacing', ct, ct, 7, undefined, 7],
    ['same frame, half spacing', ct, ctFine, 7, undefined, 14],
    ['same frame, reversed order', ct, ctReversed, 7, undefined, 29],
    ['other frame, unlinked', ct, mr, 7, undefined, undefined],
    ['other frame, linked 10<->5, same slice', ct, mr, 10, { sourceIndex: 10, targetIndex: 5 }, 5],
    [
      'other frame, linked, 4 slices (20 mm) on',
      ct,
      mr,
      14,
      { sourceIndex: 10, targetIndex: 5 },
      8,
    ],
    ['other frame, linked, past the end', ct, mr, 21, { sourceIndex: 0, targetIndex: 0 }, 15],
    ['link overrides same frame', ct, ct, 4, { sourceIndex: 4, targetIndex: 6 }, 6],
  ] as const)('%s', (_name, source, target, index, link, expected) => {
    expect(syncedSlice(source, target, index, link)).toBe(expected);
  });

  it('does not sync stacks at an angle', () => {
    const coronal: Stack = {
      frameOfReferenceUid: 'F-CT',
      normal: sliceNormal(CORONAL),
      positions: [[0, 0, 0]],
    };
    expect(syncedSlice(ct, coronal, 3)).toBeUndefined();
  });

  it('keeps the offset within one slice over the whole linked range', () => {
    const link = { sourceIndex: 10, targetIndex: 5 };
    for (let i = 0; i < ct.positions.length; i++) {
      const j = syncedSlice(ct, mr, i, link) ?? -1;
      const wanted =
        (mr.positions[5]?.[2] ?? 0) + ((ct.positions[i]?.[2] ?? 0) - (ct.positions[10]?.[2] ?? 0));
      const clamped = Math.min(Math.max(wanted, -90), -90 + 15 * 6);
      expect(Math.abs((mr.positions[j]?.[2] ?? 0) - clamped)).toBeLessThanOrEqual(3);
    }
  });
});
