import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clopperPearson,
  criticalValue,
  estimateProportion,
  inverseRegularizedIncompleteBeta,
  normalQuantile,
  wilson,
} from '../../../src/domain/stats/intervals.ts';

/** Rounded to 4 decimals, as docs/statistics.md states the vectors. */
const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;

describe('binomial intervals: the test vectors of docs/statistics.md', () => {
  // [x, n, Wilson lower, Wilson upper, CP lower, CP upper], 4 decimals, from docs/statistics.md.
  it.each([
    [25, 40, 0.4703, 0.7578, 0.458, 0.7727],
    [5, 8, 0.3057, 0.8632, 0.2449, 0.9148],
    [0, 10, 0, 0.2775, 0, 0.3085],
    [10, 10, 0.7225, 1, 0.6915, 1],
  ])('%i/%i -> Wilson %f-%f, CP %f-%f', (x, n, wl, wu, cl, cu) => {
    const w = wilson(x, n);
    const cp = clopperPearson(x, n);
    expect([w.lower, w.upper].map(round4)).toEqual([wl, wu]);
    expect([cp.lower, cp.upper].map(round4)).toEqual([cl, cu]);
  });

  it.each([
    [0, 10],
    [0, 1],
    [0, 500],
  ])('x = 0 gives a lower bound of exactly 0 (%i/%i)', (x, n) => {
    expect(clopperPearson(x, n).lower).toBe(0);
    expect(wilson(x, n).lower).toBe(0);
  });

  it.each([
    [10, 10],
    [1, 1],
    [500, 500],
  ])('x = n gives an upper bound of exactly 1 (%i/%i)', (x, n) => {
    expect(clopperPearson(x, n).upper).toBe(1);
    expect(wilson(x, n).upper).toBe(1);
  });
});

describe('Clopper-Pearson against closed forms', () => {
  // For x = 0 the upper bound solves (1-p)^n = α/2; for x = n the lower bound solves p^n = α/2.
  it.each([1, 2, 7, 10, 40, 333])('n = %i at 95%%', (n) => {
    expect(clopperPearson(0, n).upper).toBeCloseTo(1 - 0.025 ** (1 / n), 10);
    expect(clopperPearson(n, n).lower).toBeCloseTo(0.025 ** (1 / n), 10);
  });

  it.each([0.8, 0.9, 0.99])('level %f for 0/20 and 20/20', (level) => {
    const half = (1 - level) / 2;
    expect(clopperPearson(0, 20, level).upper).toBeCloseTo(1 - half ** (1 / 20), 10);
    expect(clopperPearson(20, 20, level).lower).toBeCloseTo(half ** (1 / 20), 10);
  });

  it('is symmetric: CP(x, n) mirrors CP(n - x, n)', () => {
    for (const [x, n] of [
      [3, 17],
      [25, 40],
      [1, 2],
    ] as const) {
      const a = clopperPearson(x, n);
      const b = clopperPearson(n - x, n);
      expect(a.lower).toBeCloseTo(1 - b.upper, 12);
      expect(a.upper).toBeCloseTo(1 - b.lower, 12);
    }
  });
});

describe('special functions (stdlib, checked against closed forms)', () => {
  it.each([
    [0.3, 1, 1, 0.3], // Beta(1, 1) is uniform: quantile p
    [0.027, 3, 1, 0.3], // Beta(a, 1): CDF x^a, quantile p^(1/a)
    [1 - 0.7 ** 4, 1, 4, 0.3], // Beta(1, b): CDF 1 - (1 - x)^b
    [0.5, 7, 7, 0.5], // symmetric: median 1/2
    [0, 2, 3, 0],
    [1, 2, 3, 1],
  ])('the %f-quantile of Beta(%f, %f) is %f', (p, a, b, expected) => {
    expect(inverseRegularizedIncompleteBeta(p, a, b)).toBeCloseTo(expected, 12);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.995, 2.5758293035489004],
    [0.95, 1.6448536269514722],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
  ])('normalQuantile(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
  });

  it('criticalValue(0.95) = 1.959963985', () => {
    expect(criticalValue(0.95)).toBeCloseTo(1.959963985, 9);
  });
});

describe('properties', () => {
  const counts = fc
    .integer({ min: 1, max: 400 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('0 <= lower <= x/n <= upper <= 1 for both intervals', () => {
    fc.assert(
      fc.property(counts, ([x, n]) => {
        for (const interval of [clopperPearson(x, n), wilson(x, n)]) {
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.lower).toBeLessThanOrEqual(x / n);
          expect(interval.upper).toBeGreaterThanOrEqual(x / n);
          expect(interval.upper).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('a higher level gives a wider (nested) interval', () => {
    fc.assert(
      fc.property(counts, ([x, n]) => {
        for (const f of [clopperPearson, wilson]) {
          const narrow = f(x, n, 0.9);
          const wide = f(x, n, 0.99);
          expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
          expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
        }
      }),
    );
  });

  it('estimateProportion bundles both intervals', () => {
    expect(estimateProportion(25, 40)).toEqual({
      x: 25,
      n: 40,
      estimate: 0.625,
      clopperPearson: clopperPearson(25, 40),
      wilson: wilson(25, 40),
    });
  });
});

describe('invalid input', () => {
  it.each([
    [0, 0, 0.95],
    [0, -1, 0.95],
    [1, 2.5, 0.95],
    [-1, 10, 0.95],
    [11, 10, 0.95],
    [1.5, 10, 0.95],
    [Number.NaN, 10, 0.95],
    [1, Number.POSITIVE_INFINITY, 0.95],
    [1, 10, 0],
    [1, 10, 1],
    [1, 10, 95],
    [1, 10, Number.NaN],
  ])('x=%f, n=%f, level=%f throws RangeError', (x, n, level) => {
    expect(() => clopperPearson(x, n, level)).toThrow(RangeError);
    expect(() => wilson(x, n, level)).toThrow(RangeError);
  });

  it.each([
    () => inverseRegularizedIncompleteBeta(0.5, 0, 1),
    () => inverseRegularizedIncompleteBeta(-0.1, 1, 1),
    () => normalQuantile(2),
    () => criticalValue(1),
  ])('special function %# throws RangeError', (f) => {
    expect(f).toThrow(RangeError);
  });
});
