/**
 * Cluster-aware intervals (src/domain/stats/cluster.ts): the ratio estimator against hand
 * calculations, the percentile quantile against R's type 7, and the cluster bootstrap on a case
 * whose answer is known: with one lesion per patient a cluster resample is an ordinary resample,
 * so the bootstrap count is Binomial(k, p̂) and the percentile interval is that distribution's
 * quantiles (computed here by exact enumeration), within Monte Carlo error.
 */
import { describe, expect, it } from 'vitest';
import {
  clusterBootstrap,
  clusterBootstrapProportion,
  mulberry32,
  quantileSorted,
  ratioEstimatorInterval,
  type ClusterCount,
} from '../../../src/domain/stats/cluster.ts';
import { criticalValue } from '../../../src/domain/stats/intervals.ts';

const ones = (successes: number, k: number): ClusterCount[] =>
  Array.from({ length: k }, (_, i) => ({ successes: i < successes ? 1 : 0, trials: 1 }));

/** The q-quantile of Binomial(n, p) by exact enumeration of its probabilities. */
function binomialQuantile(n: number, p: number, q: number): number {
  const logChoose = (k: number): number => {
    let s = 0;
    for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
    return s;
  };
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    cdf += Math.exp(logChoose(k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
    if (cdf >= q) return k;
  }
  return n;
}

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = first.reduce((s, x) => s + x, 0) / first.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05); // SE of the mean 0.009
  });
});

describe('quantileSorted (R type 7)', () => {
  it.each<[number[], number, number]>([
    // R: quantile(1:4, 0.25) = 1.75; quantile(1:10, 0.975) = 9.775; quantile(c(5), 0.5) = 5.
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.975, 9.775],
    [[5], 0.5, 5],
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
  ])('%j at %d', (values, q, expected) => {
    expect(quantileSorted(values, q)).toBeCloseTo(expected, 12);
  });
});

describe('ratioEstimatorInterval', () => {
  it('matches a hand calculation', () => {
    // (x, m) = (2, 2), (1, 3), (3, 3): p = 6/8 = 0.75; residuals 0.5, -1.25, 0.75, squares 2.375;
    // Var = 3/2 · 2.375 / 64 = 0.0556640625; binomial 0.75·0.25/8 = 0.0234375; deff 2.375.
    const r = ratioEstimatorInterval([
      { successes: 2, trials: 2 },
      { successes: 1, trials: 3 },
      { successes: 3, trials: 3 },
    ]);
    expect(r?.estimate).toBe(0.75);
    expect(r?.standardError).toBeCloseTo(Math.sqrt(0.0556640625), 14);
    expect(r?.designEffect).toBeCloseTo(2.375, 12);
    expect(r?.lower).toBeCloseTo(0.75 - criticalValue(0.95) * Math.sqrt(0.0556640625), 12);
    expect(r?.upper).toBe(1);
    expect(r).toMatchObject({ method: 'ratio-estimator', level: 0.95, clusters: 3 });
  });

  it('with one lesion per patient is the Wald interval with variance p(1-p)/(k-1), deff k/(k-1)', () => {
    const r = ratioEstimatorInterval(ones(150, 200));
    expect(r?.standardError).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 199), 14);
    expect(r?.designEffect).toBeCloseTo(200 / 199, 12);
  });

  it('needs two clusters; refuses impossible counts', () => {
    expect(ratioEstimatorInterval([{ successes: 1, trials: 2 }])).toBeNull();
    expect(() => ratioEstimatorInterval([{ successes: 3, trials: 2 }])).toThrow(RangeError);
  });

  it('has no design effect at p = 1 (no binomial variance)', () => {
    expect(ratioEstimatorInterval(ones(5, 5))?.designEffect).toBeNull();
  });
});

describe('cluster bootstrap', () => {
  it('with one lesion per patient equals the binomial quantiles within Monte Carlo error', () => {
    // Resampling 200 patients with one lesion each from 150/200: the resampled count is
    // Binomial(200, 0.75) exactly. Its 2.5% and 97.5% quantiles (enumeration): 138 and 162,
    // i.e. 0.69 and 0.81 (the Wald interval is 0.75 ± 0.0600 = 0.690 .. 0.810). With 4000
    // resamples the percentile bounds wander by about one count, 0.005.
    const settings = { seed: 12345, resamples: 4000 };
    const boot = clusterBootstrapProportion(ones(150, 200), settings);
    const lower = binomialQuantile(200, 0.75, 0.025) / 200;
    const upper = binomialQuantile(200, 0.75, 0.975) / 200;
    expect([lower, upper]).toEqual([0.69, 0.81]);
    expect(Math.abs((boot?.lower ?? 0) - lower)).toBeLessThanOrEqual(0.0101);
    expect(Math.abs((boot?.upper ?? 0) - upper)).toBeLessThanOrEqual(0.0101);
    expect(boot).toMatchObject({
      method: 'cluster-bootstrap-percentile',
      level: 0.95,
      seed: 12345,
      resamples: 4000,
      clusters: 200,
      undefinedResamples: 0,
    });
  });

  it('is wider than the binomial interval when patients cluster', () => {
    // 20 patients of 5 lesions, all non-viable or all viable: a strong cluster effect.
    const counts = Array.from({ length: 20 }, (_, i) => ({
      successes: i < 15 ? 5 : 0,
      trials: 5,
    }));
    const boot = clusterBootstrapProportion(counts);
    const ratio = ratioEstimatorInterval(counts);
    // Independent lesions: 75/100 -> SE 0.0433; per patient the SE is sqrt(0.1875/19) = 0.0993.
    expect((boot?.upper ?? 0) - (boot?.lower ?? 0)).toBeGreaterThan(0.3);
    expect(ratio?.designEffect).toBeCloseTo(5 * (20 / 19), 10);
  });

  it('repeats for a seed and counts undefined resamples', () => {
    // Totals (sum, count) per cluster; the statistic is the mean of all items.
    const stat = (t: ArrayLike<number>) => ((t[1] ?? 0) === 0 ? null : (t[0] ?? 0) / (t[1] ?? 1));
    const clusters = [
      [3, 2],
      [3, 1],
      [15, 3],
    ];
    const a = clusterBootstrap(clusters, stat, { seed: 1, resamples: 50 });
    expect(clusterBootstrap(clusters, stat, { seed: 1, resamples: 50 })).toEqual(a);
    const never = clusterBootstrap(clusters, () => null, { seed: 1, resamples: 50 });
    expect(never).toBeNull();
    expect(clusterBootstrap([], stat)).toBeNull();
    expect(() => clusterBootstrap(clusters, stat, { seed: 1, resamples: 0 })).toThrow(RangeError);
    expect(() => clusterBootstrap(clusters, stat, { seed: 1.5, resamples: 9 })).toThrow(RangeError);
  });
});
