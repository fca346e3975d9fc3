/**
 * Confidence intervals for a binomial proportion x/n (docs/statistics.md): Clopper-Pearson exact (the
 * primary interval of the DREAM endpoint) and Wilson score. Pure numerics, no dependencies:
 *
 * - log-gamma by the Lanczos approximation (g = 7, 9 coefficients; relative error about 1e-15);
 * - the regularized incomplete beta I_x(a, b) by its continued fraction, evaluated with the
 *   modified Lentz method (Numerical Recipes §6.4), using the symmetry
 *   I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly;
 * - its inverse by bisection on [0, 1] to an interval width below 1e-14 (I_x is increasing in x,
 *   so bisection cannot fail; it is slower than Newton but a table has only a few rows);
 * - the normal quantile by Acklam's rational approximation refined by one Halley step against
 *   the normal CDF, which is computed from the regularized incomplete gamma function
 *   (Φ(x) = Q(1/2, x²/2) / 2 for x <= 0). 0.975 -> 1.959963984540054.
 *
 * Clopper-Pearson: lower = B⁻¹(α/2; x, n-x+1), upper = B⁻¹(1-α/2; x+1, n-x), with lower = 0 when
 * x = 0 and upper = 1 when x = n exactly (Clopper & Pearson 1934; Brown, Cai & DasGupta 2001).
 * Wilson: (x + z²/2)/(n + z²) ± z/(n + z²) · sqrt(x(n-x)/n + z²/4) (Wilson 1927), with the same
 * exact 0 and 1 at the ends.
 */

/** A two-sided confidence interval, bounds in [0, 1] for a proportion. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS: readonly number[] = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** Below this, a Lentz denominator is replaced (avoids division by zero). */
const TINY = 1e-300;
/** Relative convergence of the continued fractions and series. */
const EPSILON = 1e-16;
const MAX_ITERATIONS = 10_000;

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7; reflection below 0.5).
 * @throws RangeError unless x is a positive finite number
 */
export function logGamma(x: number): number {
  if (!(Number.isFinite(x) && x > 0)) {
    throw new RangeError(`logGamma needs a positive finite number, got ${x}`);
  }
  if (x < 0.5) {
    // Γ(x) Γ(1 - x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = 0;
  for (const [i, coefficient] of LANCZOS_COEFFICIENTS.entries()) {
    sum += i === 0 ? coefficient : coefficient / (z + i);
  }
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function guardTiny(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

/** The continued fraction of I_x(a, b) (NR betacf), converging fast for x < (a+1)/(a+b+2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 / guardTiny(1 - (qab * x) / qap);
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / guardTiny(1 + even * d);
    c = guardTiny(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / guardTiny(1 + odd * d);
    c = guardTiny(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
 * @throws RangeError unless a > 0, b > 0 and 0 <= x <= 1
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(Number.isFinite(a) && a > 0 && Number.isFinite(b) && b > 0)) {
    throw new RangeError(`incomplete beta needs a > 0 and b > 0, got a=${a}, b=${b}`);
  }
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs 0 <= x <= 1, got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The x in [0, 1] with I_x(a, b) = p, by bisection to a width below 1e-14.
 * @throws RangeError unless a > 0, b > 0 and 0 <= p <= 1
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverse beta needs 0 <= p <= 1, got ${p}`);
  if (!(Number.isFinite(a) && a > 0 && Number.isFinite(b) && b > 0)) {
    throw new RangeError(`inverse beta needs a > 0 and b > 0, got a=${a}, b=${b}`);
  }
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-14; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Regularized upper incomplete gamma Q(a, x), x >= 0 (NR gser / gcf). */
function regularizedGammaQ(a: number, x: number): number {
  if (x === 0) return 1;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - sum * Math.exp(logFront);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / guardTiny(an * d + b);
    c = guardTiny(b + an / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logFront) * h;
}

/** The standard normal CDF Φ(x), accurate in both tails. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normalCdf needs a number, got NaN');
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const tail = 0.5 * regularizedGammaQ(0.5, (x * x) / 2); // Φ(-|x|)
  return x <= 0 ? tail : 1 - tail;
}

const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
] as const;
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
] as const;
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const;
const ACKLAM_D = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
] as const;

/** Acklam's approximation for 0 < p <= 0.5 (relative error < 1.15e-9). */
function acklamLowerHalf(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/**
 * The standard normal quantile Φ⁻¹(p) (Acklam, refined by one Halley step); ±Infinity at 1 and 0.
 * @throws RangeError unless 0 <= p <= 1
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs 0 <= p <= 1, got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p); // 1 - p is exact for p in (0.5, 1)
  const x = acklamLowerHalf(p);
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
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
