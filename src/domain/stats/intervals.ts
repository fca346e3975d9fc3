/**
 * Confidence intervals for a binomial proportion x/n (docs/statistics.md): Clopper-Pearson exact
 * (the primary interval of the DREAM endpoint) and Wilson score. The special functions come from
 * stdlib, a maintained numerical library: the beta quantile (@stdlib/stats-base-dists-beta-quantile)
 * and the inverse complementary error function (@stdlib/math-base-special-erfcinv), from which
 * Φ⁻¹(p) = −√2 · erfc⁻¹(2p) for p <= 1/2 (and by symmetry above): unlike erf⁻¹(2p − 1), this keeps
 * full precision in the tails. The published test vectors in docs/statistics.md check the result.
 *
 * Clopper-Pearson: lower = B⁻¹(α/2; x, n-x+1), upper = B⁻¹(1-α/2; x+1, n-x), with lower = 0 when
 * x = 0 and upper = 1 when x = n exactly (Clopper & Pearson 1934; Brown, Cai & DasGupta 2001).
 * Wilson: (x + z²/2)/(n + z²) ± z/(n + z²) · sqrt(x(n-x)/n + z²/4) (Wilson 1927), with the same
 * exact 0 and 1 at the ends. Both assume independent observations.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import erfcinv from '@stdlib/math-base-special-erfcinv';

/** A two-sided confidence interval, bounds in [0, 1] for a proportion. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * The standard normal quantile Φ⁻¹(p); ±Infinity at 1 and 0.
 * @throws RangeError unless 0 <= p <= 1
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs 0 <= p <= 1, got ${p}`);
  if (p > 0.5) return -normalQuantile(1 - p); // 1 - p is exact for p in (0.5, 1]
  return -Math.SQRT2 * erfcinv(2 * p);
}

/**
 * The p-quantile of the Beta(a, b) distribution (the inverse of the regularized incomplete beta
 * function I_x(a, b)).
 * @throws RangeError unless a > 0, b > 0 and 0 <= p <= 1
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverse beta needs 0 <= p <= 1, got ${p}`);
  if (!(Number.isFinite(a) && a > 0 && Number.isFinite(b) && b > 0)) {
    throw new RangeError(`inverse beta needs a > 0 and b > 0, got a=${a}, b=${b}`);
  }
  return betaQuantile(p, a, b);
}

function assertCounts(x: number, n: number, level: number): void {
  if (!(Number.isInteger(n) && n > 0)) {
    throw new RangeError(`n must be a positive integer, got ${n}`);
  }
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) {
    throw new RangeError(`x must be an integer from 0 to n=${n}, got ${x}`);
  }
  if (!(Number.isFinite(level) && level > 0 && level < 1)) {
    throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
  }
}

/** The two-sided normal critical value for a confidence level (0.95 -> 1.959963985). */
export function criticalValue(level: number): number {
  if (!(Number.isFinite(level) && level > 0 && level < 1)) {
    throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
  }
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * Clopper-Pearson exact interval for x successes out of n (lower is exactly 0 when x = 0, upper
 * exactly 1 when x = n).
 * @throws RangeError for n not a positive integer, x not an integer in 0..n, level not in (0, 1)
 */
export function clopperPearson(x: number, n: number, level = 0.95): Interval {
  assertCounts(x, n, level);
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : inverseRegularizedIncompleteBeta(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : inverseRegularizedIncompleteBeta(1 - alpha / 2, x + 1, n - x);
  return { lower, upper };
}

/**
 * Wilson score interval for x successes out of n (lower is exactly 0 when x = 0, upper exactly 1
 * when x = n; otherwise clamped to [0, 1]).
 * @throws RangeError for n not a positive integer, x not an integer in 0..n, level not in (0, 1)
 */
export function wilson(x: number, n: number, level = 0.95): Interval {
  assertCounts(x, n, level);
  const z = criticalValue(level);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return {
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
  };
}

/** A proportion with both intervals, as the endpoint table shows it. */
export interface ProportionEstimate {
  readonly x: number;
  readonly n: number;
  readonly estimate: number;
  readonly clopperPearson: Interval;
  readonly wilson: Interval;
}

/**
 * x/n with its Clopper-Pearson and Wilson intervals at `level`.
 * @throws RangeError as `clopperPearson`
 */
export function estimateProportion(x: number, n: number, level = 0.95): ProportionEstimate {
  return {
    x,
    n,
    estimate: x / n,
    clopperPearson: clopperPearson(x, n, level),
    wilson: wilson(x, n, level),
  };
}
