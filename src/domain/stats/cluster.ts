/**
 * Intervals that respect clustering (docs/statistics.md): lesions of one patient are not
 * independent, so a per-lesion proportion gets two cluster-aware intervals with patients as the
 * clusters, beside the Clopper-Pearson and Wilson intervals that assume independent lesions.
 *
 * - Cluster bootstrap, percentile: draw as many patients as there are, with replacement, keep all
 *   lesions of each drawn patient, recompute the statistic; the interval is the α/2 and 1 − α/2
 *   quantiles (R's type 7, linear interpolation) of the resampled statistics. The generator is
 *   mulberry32 seeded with `seed`, so a seed and a number of resamples give the same interval on
 *   every machine; both are reported with the interval.
 * - Ratio estimator (closed form): p = Σx_i / Σm_i over clusters i with x_i successes out of m_i,
 *   Var(p) = k/(k − 1) · Σ (x_i − p·m_i)² / (Σm_i)² for k clusters (the linearised variance of a
 *   ratio, as in Cochran 1977 §6.3 and R's survey package with patients as PSUs), interval
 *   p ± z·SE clipped to [0, 1]. The design effect is Var(p) / (p(1 − p)/Σm_i): how much the
 *   clustering inflates the variance over independent lesions. With one lesion per patient it is
 *   k/(k − 1). At p = 0 or 1 the variance is 0 and the interval degenerates to a point: read the
 *   Clopper-Pearson interval there.
 */
import { criticalValue, type Interval } from './intervals.ts';

/** Seed and number of resamples of a bootstrap. */
export interface BootstrapSettings {
  readonly seed: number;
  readonly resamples: number;
}

/** The default bootstrap: 2000 resamples from seed 20260101. */
export const DEFAULT_BOOTSTRAP: BootstrapSettings = { seed: 20260101, resamples: 2000 };

/** A cluster bootstrap percentile interval with everything needed to reproduce it. */
export interface BootstrapInterval extends Interval {
  readonly method: 'cluster-bootstrap-percentile';
  readonly level: number;
  readonly seed: number;
  readonly resamples: number;
  /** Clusters (patients) resampled. */
  readonly clusters: number;
  /** Resamples where the statistic was undefined (left out of the quantiles). */
  readonly undefinedResamples: number;
}

/** A ratio-estimator interval with its standard error and design effect. */
export interface RatioInterval extends Interval {
  readonly method: 'ratio-estimator';
  readonly level: number;
  readonly estimate: number;
  readonly standardError: number;
  /** Var(ratio) / binomial variance; null when p is 0 or 1 (no binomial variance). */
  readonly designEffect: number | null;
  readonly clusters: number;
}

/** A 32-bit seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile of sorted values, R's type 7 (linear interpolation between order statistics). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

function assertSettings(settings: BootstrapSettings, level: number): void {
  if (!(Number.isInteger(settings.resamples) && settings.resamples >= 1)) {
    throw new RangeError(`resamples must be a positive integer, got ${settings.resamples}`);
  }
  if (!Number.isInteger(settings.seed)) {
    throw new RangeError(`the seed must be an integer, got ${settings.seed}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
  }
}

/**
 * Cluster bootstrap percentile interval of a statistic of summed cluster totals. Each cluster is
 * summarised by a vector of additive totals (successes and trials; a confusion table's row and
 * column counts), a resample's totals are the sums over the drawn clusters, and `statistic` turns
 * them into the figure. Every statistic here is a function of such totals, and summing short
 * vectors keeps thousands of resamples of hundreds of patients fast.
 *
 * @param totals one vector per cluster (patient), all of the same length
 * @param statistic the figure of a resample's summed totals; null where undefined (such resamples
 *   are counted and left out)
 * @returns null without clusters or when no resample gives a defined statistic
 * @throws RangeError for resamples not a positive integer, a non-integer seed, level not in (0, 1)
 */
export function clusterBootstrap(
  totals: readonly (readonly number[])[],
  statistic: (sums: ArrayLike<number>) => number | null,
  settings: BootstrapSettings = DEFAULT_BOOTSTRAP,
  level = 0.95,
): BootstrapInterval | null {
  assertSettings(settings, level);
  const k = totals.length;
  if (k === 0) return null;
  const width = totals[0]?.length ?? 0;
  const flat = new Float64Array(k * width);
  for (const [i, cluster] of totals.entries()) {
    if (cluster.length !== width) throw new RangeError('cluster totals must all be of one length');
    flat.set(cluster, i * width);
  }
  const random = mulberry32(settings.seed);
  const sums = new Float64Array(width);
  const values: number[] = [];
  for (let r = 0; r < settings.resamples; r++) {
    sums.fill(0);
    for (let i = 0; i < k; i++) {
      const base = Math.floor(random() * k) * width;
      for (let d = 0; d < width; d++) sums[d] = (sums[d] ?? 0) + (flat[base + d] ?? 0);
    }
    const value = statistic(sums);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const alpha = 1 - level;
  return {
    lower: quantileSorted(values, alpha / 2),
    upper: quantileSorted(values, 1 - alpha / 2),
    method: 'cluster-bootstrap-percentile',
    level,
    seed: settings.seed,
    resamples: settings.resamples,
    clusters: k,
    undefinedResamples: settings.resamples - values.length,
  };
}

/** Successes out of trials in one cluster. */
export interface ClusterCount {
  readonly successes: number;
  readonly trials: number;
}

/**
 * Cluster bootstrap of a proportion Σx / Σm (clusters without trials are left out).
 * @throws RangeError as `clusterBootstrap`
 */
export function clusterBootstrapProportion(
  counts: readonly ClusterCount[],
  settings: BootstrapSettings = DEFAULT_BOOTSTRAP,
  level = 0.95,
): BootstrapInterval | null {
  return clusterBootstrap(
    counts.filter((c) => c.trials > 0).map((c) => [c.successes, c.trials]),
    (sums) => {
      const m = sums[1] ?? 0;
      return m === 0 ? null : (sums[0] ?? 0) / m;
    },
    settings,
    level,
  );
}

/**
 * Ratio-estimator interval of Σx / Σm with patients as clusters (formula in the module comment).
 * Clusters without trials are left out.
 *
 * @returns null with fewer than two clusters (no between-cluster variance)
 * @throws RangeError for a level not in (0, 1) or counts that are not 0 <= x <= m integers
 */
export function ratioEstimatorInterval(
  counts: readonly ClusterCount[],
  level = 0.95,
): RatioInterval | null {
  const z = criticalValue(level);
  for (const c of counts) {
    const valid =
      Number.isInteger(c.successes) &&
      Number.isInteger(c.trials) &&
      c.successes >= 0 &&
      c.successes <= c.trials;
    if (!valid) throw new RangeError(`cluster counts must be integers 0 <= x <= m`);
  }
  const used = counts.filter((c) => c.trials > 0);
  const k = used.length;
  if (k < 2) return null;
  const x = used.reduce((s, c) => s + c.successes, 0);
  const m = used.reduce((s, c) => s + c.trials, 0);
  const p = x / m;
  const squares = used.reduce((s, c) => s + (c.successes - p * c.trials) ** 2, 0);
  const variance = ((k / (k - 1)) * squares) / (m * m);
  const standardError = Math.sqrt(variance);
  const binomial = (p * (1 - p)) / m;
  return {
    lower: Math.max(0, p - z * standardError),
    upper: Math.min(1, p + z * standardError),
    method: 'ratio-estimator',
    level,
    estimate: p,
    standardError,
    designEffect: binomial === 0 ? null : variance / binomial,
    clusters: k,
  };
}
