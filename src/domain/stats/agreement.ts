/**
 * Agreement between two raters who labelled the same items with categories (docs/statistics.md):
 * percent agreement, Cohen's kappa (Cohen 1960) with its large-sample standard error and 95%
 * interval (Fleiss, Cohen & Everitt 1969, the "ASE" of SAS PROC FREQ), and the Landis & Koch
 * (1977) label.
 *
 * Counts are integers, so kappa is computed as one division of two exact integers,
 * (n·Σ n_ii − Σ r_i c_i) / (n² − Σ r_i c_i): a kappa that is exactly 0.2 or 0 in real arithmetic is
 * then exactly the double 0.2 or 0, and the Landis & Koch band edges are decided without
 * rounding noise. Kappa is undefined (null) when the expected agreement is 1, i.e. both raters
 * put every item in the same single category.
 *
 * Landis & Koch bands on real numbers: the published table lists 0.00–0.20, 0.21–0.40, ... on two
 * decimals. Here each band includes its upper edge and excludes its lower one, so the gaps close
 * without overlap: κ < 0 poor; 0 <= κ <= 0.20 slight; 0.20 < κ <= 0.40 fair; 0.40 < κ <= 0.60
 * moderate; 0.60 < κ <= 0.80 substantial; 0.80 < κ <= 1 almost perfect. So 0.205 is "fair".
 */
import { criticalValue, type Interval } from './intervals.ts';

/** Landis & Koch (1977) strength-of-agreement label. */
export type AgreementLabel =
  'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

/** Upper edges (inclusive) of the Landis & Koch bands from "slight" on. */
const LANDIS_KOCH_BANDS: readonly (readonly [number, AgreementLabel])[] = [
  [0.2, 'slight'],
  [0.4, 'fair'],
  [0.6, 'moderate'],
  [0.8, 'substantial'],
  [1, 'almost perfect'],
];

/**
 * The Landis & Koch label of a kappa (bands as in the module comment).
 * @throws RangeError unless -1 <= kappa <= 1
 */
export function landisKochLabel(kappa: number): AgreementLabel {
  if (!(kappa >= -1 && kappa <= 1)) {
    throw new RangeError(`kappa must be between -1 and 1, got ${kappa}`);
  }
  if (kappa < 0) return 'poor';
  for (const [upper, label] of LANDIS_KOCH_BANDS) {
    if (kappa <= upper) return label;
  }
  return 'almost perfect';
}

/**
 * A square table of counts: `counts[i][j]` = items rater 1 put in `categories[i]` and rater 2 in
 * `categories[j]`.
 */
export interface ConfusionMatrix<L extends string = string> {
  readonly categories: readonly L[];
  readonly counts: readonly (readonly number[])[];
}

/**
 * Cross-tabulates pairs of labels (rater 1, rater 2). Categories are `categories` when given (a
 * label outside them is an error), else the labels in order of first appearance.
 * @throws RangeError for a label not in `categories` or duplicate categories
 */
export function confusionMatrix<L extends string>(
  pairs: readonly (readonly [L, L])[],
  categories?: readonly L[],
): ConfusionMatrix<L> {
  const order: L[] = categories === undefined ? [] : [...categories];
  if (new Set(order).size !== order.length) {
    throw new RangeError('categories must not repeat');
  }
  if (categories === undefined) {
    for (const [a, b] of pairs) {
      if (!order.includes(a)) order.push(a);
      if (!order.includes(b)) order.push(b);
    }
  }
  const index = new Map(order.map((label, i) => [label, i] as const));
  const counts = order.map(() => order.map(() => 0));
  for (const [position, [a, b]] of pairs.entries()) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) {
      const unknown = i === undefined ? a : b;
      throw new RangeError(`pair ${position + 1}: label "${unknown}" is not one of the categories`);
    }
    const row = counts[i];
    if (row !== undefined) row[j] = (row[j] ?? 0) + 1;
  }
  return { categories: order, counts };
}

/** Percent agreement, Cohen's kappa and its large-sample interval for one table. */
export interface KappaResult {
  /** Number of items rated by both raters. */
  readonly n: number;
  /** Items with the same label from both raters. */
  readonly agreements: number;
  /** Observed agreement p_o, a proportion. */
  readonly observed: number;
  /** Observed agreement in percent (100 · p_o). */
  readonly percentAgreement: number;
  /** Chance-expected agreement p_e = Σ (r_i/n)(c_i/n). */
  readonly expected: number;
  /** (p_o − p_e) / (1 − p_e); null when p_e = 1 (kappa undefined). */
  readonly kappa: number | null;
  /** Landis & Koch label of kappa; null with kappa. */
  readonly label: AgreementLabel | null;
  /** Large-sample standard error (Fleiss, Cohen & Everitt 1969); null with kappa. */
  readonly standardError: number | null;
  /** kappa ± z·SE at the level asked (default 95%), clipped to [-1, 1]; null with kappa. */
  readonly interval: Interval | null;
}

function assertMatrix(matrix: ConfusionMatrix): number {
  const k = matrix.categories.length;
  if (k === 0) throw new RangeError('a confusion matrix needs at least one category');
  if (matrix.counts.length !== k || matrix.counts.some((row) => row.length !== k)) {
    throw new RangeError(
      `a confusion matrix must be ${k} x ${k} (one row and column per category)`,
    );
  }
  let n = 0;
  for (const row of matrix.counts) {
    for (const count of row) {
      if (!(Number.isInteger(count) && count >= 0)) {
        throw new RangeError(`counts must be non-negative integers, got ${count}`);
      }
      n += count;
    }
  }
  if (n === 0) throw new RangeError('no items: agreement needs at least one rated item');
  return n;
}

/**
 * Percent agreement and Cohen's kappa of a confusion matrix, with the Fleiss-Cohen-Everitt
 * standard error and a normal interval at `level` (default 0.95).
 * @throws RangeError for a non-square matrix, non-integer or negative counts, or no items
 */
export function cohensKappa(matrix: ConfusionMatrix, level = 0.95): KappaResult {
  const n = assertMatrix(matrix);
  const counts = matrix.counts;
  const k = matrix.categories.length;
  const cell = (i: number, j: number): number => counts[i]?.[j] ?? 0;
  const rows = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_u, j) => cell(i, j)).reduce((s, c) => s + c, 0),
  );
  const cols = Array.from({ length: k }, (_, j) =>
    Array.from({ length: k }, (_u, i) => cell(i, j)).reduce((s, c) => s + c, 0),
  );
  const row = (i: number): number => rows[i] ?? 0;
  const col = (j: number): number => cols[j] ?? 0;
  let agreements = 0;
  let chanceProducts = 0; // Σ r_i c_i, an integer
  for (let i = 0; i < k; i++) {
    agreements += cell(i, i);
    chanceProducts += row(i) * col(i);
  }
  const observed = agreements / n;
  const expected = chanceProducts / (n * n);
  const base = { n, agreements, observed, percentAgreement: 100 * observed, expected };
  if (chanceProducts === n * n) {
    return { ...base, kappa: null, label: null, standardError: null, interval: null };
  }
  const kappa = (n * agreements - chanceProducts) / (n * n - chanceProducts);

  // Fleiss, Cohen & Everitt (1969), as in Fleiss, Levin & Paik (2003) eq. 18.13 and SAS ASE.
  let sum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = cell(i, j) / n;
      if (p === 0) continue;
      if (i === j) {
        sum += p * (1 - ((row(i) + col(i)) / n) * (1 - kappa)) ** 2;
      } else {
        sum += p * (1 - kappa) ** 2 * ((col(i) + row(j)) / n) ** 2;
      }
    }
  }
  sum -= (kappa - expected * (1 - kappa)) ** 2;
  const standardError = Math.sqrt(Math.max(0, sum) / (n * (1 - expected) ** 2));
  const z = criticalValue(level);
  return {
    ...base,
    kappa,
    label: landisKochLabel(kappa),
    standardError,
    interval: {
      lower: Math.max(-1, kappa - z * standardError),
      upper: Math.min(1, kappa + z * standardError),
    },
  };
}

/**
 * Cohen's kappa from the two raters' labels of the same items, as pairs (rater 1, rater 2).
 * Categories as in `confusionMatrix`.
 * @throws RangeError for no pairs or a label outside `categories`
 */
export function cohensKappaFromPairs<L extends string>(
  pairs: readonly (readonly [L, L])[],
  categories?: readonly L[],
  level = 0.95,
): KappaResult {
  return cohensKappa(confusionMatrix(pairs, categories), level);
}

/**
 * Percent agreement (0..100) of pairs of labels.
 * @throws RangeError for no pairs
 */
export function percentAgreement<L extends string>(pairs: readonly (readonly [L, L])[]): number {
  if (pairs.length === 0) throw new RangeError('no items: agreement needs at least one rated item');
  return (100 * pairs.filter(([a, b]) => a === b).length) / pairs.length;
}
