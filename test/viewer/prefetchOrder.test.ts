import { describe, expect, it } from 'vitest';
import { prefetchBudgets, prefetchOrder } from '../../src/viewer/prefetchOrder';

describe('prefetchOrder', () => {
  it('goes middle-out from the shown slice, the next slice first, the shown one left out', () => {
    expect(prefetchOrder(7, 3, 0)).toEqual([4, 2, 5, 1, 6, 0]);
  });

  it('covers every other slice once from any start', () => {
    for (const current of [0, 1, 5, 9]) {
      const order = prefetchOrder(10, current, 0);
      expect([...order, current].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    }
  });

  it('puts the reader’s direction first: ahead counts half as far as behind', () => {
    expect(prefetchOrder(10, 5, -1)).toEqual([4, 3, 6, 2, 1, 7, 0, 8, 9]);
    expect(prefetchOrder(10, 5, 1)).toEqual([6, 7, 4, 8, 9, 3, 2, 1, 0]);
  });

  it('stops at the limit with the nearest slices', () => {
    expect(prefetchOrder(300, 150, 0, 4)).toEqual([151, 149, 152, 148]);
    expect(prefetchOrder(300, 150, 0, 0)).toEqual([]);
  });
});

describe('prefetchBudgets', () => {
  const MB = 1024 * 1024;
  it('gives every series all its images when the cache has room', () => {
    const ct = { count: 300, bytesPerImage: 0.5 * MB };
    const mr = { count: 40, bytesPerImage: 0.125 * MB };
    expect(prefetchBudgets(512 * MB, [ct, ct, mr, mr])).toEqual([300, 300, 40, 40]);
  });

  it('shares 90% of the cache: small series take what they need, large ones the rest', () => {
    const ct = { count: 300, bytesPerImage: 0.5 * MB };
    const mr = { count: 40, bytesPerImage: 0.25 * MB };
    // 90 MB: the MR takes 10 MB, the two CTs 40 MB (80 images) each.
    expect(prefetchBudgets(100 * MB, [ct, mr, ct])).toEqual([80, 40, 80]);
  });

  it('keeps at least the shown image, and the series when its size is unknown', () => {
    expect(prefetchBudgets(1 * MB, [{ count: 300, bytesPerImage: 4 * MB }])).toEqual([1]);
    expect(prefetchBudgets(1 * MB, [{ count: 300, bytesPerImage: 0 }])).toEqual([300]);
  });
});
