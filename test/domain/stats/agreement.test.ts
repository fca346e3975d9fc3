import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  cohensKappaFromPairs,
  confusionMatrix,
  landisKochLabel,
  percentAgreement,
  type AgreementLabel,
  type ConfusionMatrix,
} from '../../../src/domain/stats/agreement.ts';

/** Expands a confusion matrix into (rater 1, rater 2) pairs, row by row. */
function pairsOf<L extends string>(matrix: ConfusionMatrix<L>): [L, L][] {
  const pairs: [L, L][] = [];
  matrix.categories.forEach((a, i) => {
    matrix.categories.forEach((b, j) => {
      const count = matrix.counts[i]?.[j] ?? 0;
      for (let k = 0; k < count; k++) pairs.push([a, b]);
    });
  });
  return pairs;
}

interface PublishedExample {
  readonly name: string;
  readonly matrix: ConfusionMatrix;
  /** Values as printed by the source, with the number of decimals it printed. */
  readonly observed?: readonly [number, number];
  readonly expected?: readonly [number, number];
  readonly kappa: readonly [number, number];
  readonly standardError?: readonly [number, number];
  readonly interval?: readonly [number, number, number];
}

const PUBLISHED: readonly PublishedExample[] = [
  {
    // Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals, readers A and B;
    // 20 yes/yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 no/no -> p_o = 0.7, p_e = 0.5, kappa = 0.4.
    name: 'Wikipedia simple example (2 categories, n = 50)',
    matrix: {
      categories: ['yes', 'no'],
      counts: [
        [20, 5],
        [10, 15],
      ],
    },
    observed: [0.7, 10],
    expected: [0.5, 10],
    kappa: [0.4, 10],
  },
  {
    // Wikipedia, "Cohen's kappa", section "Same percentages but different numbers", first table:
    // 45/15/25/15 of 100 -> p_o = 0.60, p_e = 0.54, kappa = 0.1304.
    name: 'Wikipedia same-percentages example 1 (n = 100)',
    matrix: {
      categories: ['yes', 'no'],
      counts: [
        [45, 15],
        [25, 15],
      ],
    },
    observed: [0.6, 10],
    expected: [0.54, 10],
    kappa: [0.1304, 4],
  },
  {
    // Wikipedia, same section, second table: 25/35/5/35 -> p_o = 0.60, p_e = 0.46, kappa = 0.2593.
    name: 'Wikipedia same-percentages example 2 (n = 100)',
    matrix: {
      categories: ['yes', 'no'],
      counts: [
        [25, 35],
        [5, 35],
      ],
    },
    observed: [0.6, 10],
    expected: [0.46, 10],
    kappa: [0.2593, 4],
  },
  {
    // SAS/STAT User's Guide, The FREQ Procedure, Getting Started, "Agreement Study" (skin
    // condition rated terrible/poor/marginal/clear by two dermatologists, 88 patients), output
    // "Simple Kappa Coefficient": kappa 0.3449, ASE 0.0724, 95% confidence limits 0.2030-0.4868.
    // https://support.sas.com/documentation/cdl/en/statug/63033/HTML/default/statug_freq_sect004.htm
    name: 'SAS PROC FREQ agreement study (4 categories, n = 88)',
    matrix: {
      categories: ['terrible', 'poor', 'marginal', 'clear'],
      counts: [
        [10, 4, 1, 0],
        [5, 10, 12, 2],
        [2, 4, 12, 5],
        [0, 2, 6, 13],
      ],
    },
    kappa: [0.3449, 4],
    standardError: [0.0724, 4],
    interval: [0.203, 0.4868, 4],
  },
  {
    // Altman DG. Practical Statistics for Medical Research. Chapman & Hall, 1991, §14.3:
    // two radiologists' xeromammogram ratings (normal/benign/suspected cancer/cancer, 85 films,
    // data of Boyd et al., JNCI 1982): p_o = 0.635, p_e = 0.308, kappa = 0.47.
    name: 'Altman 1991 xeromammograms (4 categories, n = 85)',
    matrix: {
      categories: ['normal', 'benign', 'suspected cancer', 'cancer'],
      counts: [
        [21, 12, 0, 0],
        [4, 17, 1, 0],
        [3, 9, 15, 2],
        [0, 0, 0, 1],
      ],
    },
    observed: [0.635, 3],
    expected: [0.308, 3],
    kappa: [0.47, 2],
  },
  {
    // Fleiss JL, Levin B, Paik MC. Statistical Methods for Rates and Proportions, 3rd ed., Wiley
    // 2003, ch. 18 (and Fleiss 1981, 2nd ed., ch. 13): diagnoses psychotic/neurotic/organic of
    // 100 subjects by two raters, cell proportions .75 .01 .04 / .05 .04 .01 / .00 .00 .10 ->
    // p_o = 0.89, p_e = 0.66, kappa = 0.68.
    name: 'Fleiss psychiatric diagnoses (3 categories, n = 100)',
    matrix: {
      categories: ['psychotic', 'neurotic', 'organic'],
      counts: [
        [75, 1, 4],
        [5, 4, 1],
        [0, 0, 10],
      ],
    },
    observed: [0.89, 10],
    expected: [0.66, 10],
    kappa: [0.68, 2],
  },
];

describe('Cohen kappa: published worked examples', () => {
  it.each(PUBLISHED.map((example) => [example.name, example] as const))('%s', (_name, ex) => {
    for (const result of [cohensKappa(ex.matrix), cohensKappaFromPairs(pairsOf(ex.matrix))]) {
      if (ex.observed) expect(result.observed).toBeCloseTo(ex.observed[0], ex.observed[1]);
      if (ex.expected) expect(result.expected).toBeCloseTo(ex.expected[0], ex.expected[1]);
      expect(result.kappa).not.toBeNull();
      expect(result.kappa ?? Number.NaN).toBeCloseTo(ex.kappa[0], ex.kappa[1]);
      if (ex.standardError) {
        expect(result.standardError ?? Number.NaN).toBeCloseTo(...ex.standardError);
      }
      if (ex.interval) {
        const [lower, upper, digits] = ex.interval;
        expect(result.interval?.lower ?? Number.NaN).toBeCloseTo(lower, digits);
        expect(result.interval?.upper ?? Number.NaN).toBeCloseTo(upper, digits);
      }
      expect(result.percentAgreement).toBeCloseTo(100 * result.observed, 10);
    }
  });

  it('Wikipedia simple example: kappa 0.4 is "fair" and percent agreement 70', () => {
    const result = cohensKappa(PUBLISHED[0]!.matrix);
    expect(result).toMatchObject({ n: 50, agreements: 35, percentAgreement: 70, label: 'fair' });
    expect(result.kappa).toBe(0.4);
  });
});

describe('Landis & Koch labels', () => {
  it.each<[number, AgreementLabel]>([
    [-1, 'poor'],
    [-0.01, 'poor'],
    [0, 'slight'],
    [0.1, 'slight'],
    [0.2, 'slight'],
    [0.2000001, 'fair'],
    [0.205, 'fair'],
    [0.21, 'fair'],
    [0.4, 'fair'],
    [0.405, 'moderate'],
    [0.41, 'moderate'],
    [0.6, 'moderate'],
    [0.61, 'substantial'],
    [0.8, 'substantial'],
    [0.805, 'almost perfect'],
    [0.81, 'almost perfect'],
    [1, 'almost perfect'],
  ])('%f -> %s', (kappa, label) => {
    expect(landisKochLabel(kappa)).toBe(label);
  });

  it.each([Number.NaN, 1.01, -1.01, Number.POSITIVE_INFINITY])('%f throws RangeError', (kappa) => {
    expect(() => landisKochLabel(kappa)).toThrow(RangeError);
  });

  it('a kappa exactly 0.2 from counts is exactly 0.2 ("slight", not "fair")', () => {
    // n = 10: 6 agreements; rows 5/5, columns 5/5 -> p_o 0.6, p_e 0.5, kappa = 0.2 exactly.
    const result = cohensKappa({
      categories: ['a', 'b'],
      counts: [
        [3, 2],
        [2, 3],
      ],
    });
    expect(result.kappa).toBe(0.2);
    expect(result.label).toBe('slight');
  });

  it('chance-level agreement gives kappa exactly 0 ("slight")', () => {
    const result = cohensKappa({
      categories: ['a', 'b'],
      counts: [
        [1, 1],
        [1, 1],
      ],
    });
    expect(result.kappa).toBe(0);
    expect(result.label).toBe('slight');
  });
});

describe('edge cases', () => {
  it('kappa is null when both raters use one category only (expected agreement 1)', () => {
    const result = cohensKappaFromPairs([
      ['cDLM', 'cDLM'],
      ['cDLM', 'cDLM'],
    ]);
    expect(result).toEqual({
      n: 2,
      agreements: 2,
      observed: 1,
      percentAgreement: 100,
      expected: 1,
      kappa: null,
      label: null,
      standardError: null,
      interval: null,
    });
  });

  it('declared categories that nobody used do not change kappa', () => {
    const pairs: [string, string][] = [
      ['present', 'present'],
      ['present', 'disappeared'],
      ['disappeared', 'disappeared'],
    ];
    const a = cohensKappaFromPairs(pairs);
    const b = cohensKappaFromPairs(pairs, ['present', 'disappeared', 'not-evaluable']);
    expect(b.kappa).toBe(a.kappa);
    expect(b.standardError).toBe(a.standardError);
  });

  it('perfect agreement over two categories: kappa 1, SE 0, interval [1, 1]', () => {
    const result = cohensKappaFromPairs([
      ['a', 'a'],
      ['b', 'b'],
      ['a', 'a'],
    ]);
    expect(result.kappa).toBe(1);
    expect(result.label).toBe('almost perfect');
    expect(result.standardError).toBe(0);
    expect(result.interval).toEqual({ lower: 1, upper: 1 });
  });

  it('complete disagreement over two balanced categories: kappa -1, "poor"', () => {
    const result = cohensKappaFromPairs([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(result.kappa).toBe(-1);
    expect(result.label).toBe('poor');
    expect(result.interval?.lower).toBeGreaterThanOrEqual(-1);
  });

  it('confusionMatrix orders categories by first appearance', () => {
    expect(
      confusionMatrix([
        ['b', 'a'],
        ['a', 'c'],
      ]),
    ).toEqual({
      categories: ['b', 'a', 'c'],
      counts: [
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
    });
  });

  it.each<[string, [string, string][], number]>([
    [
      '3 of 4',
      [
        ['a', 'a'],
        ['b', 'b'],
        ['a', 'b'],
        ['c', 'c'],
      ],
      75,
    ],
    ['all', [['a', 'a']], 100],
    ['none', [['a', 'b']], 0],
  ])('percentAgreement: %s', (_name, pairs, percent) => {
    expect(percentAgreement(pairs)).toBe(percent);
  });
});

describe('invalid input', () => {
  it.each<[string, () => unknown]>([
    ['no pairs', () => cohensKappaFromPairs([])],
    ['no pairs (percent)', () => percentAgreement([])],
    ['label outside categories', () => cohensKappaFromPairs([['a', 'x']], ['a', 'b'])],
    ['repeated categories', () => confusionMatrix([], ['a', 'a'])],
    ['non-square', () => cohensKappa({ categories: ['a', 'b'], counts: [[1, 2]] })],
    ['negative count', () => cohensKappa({ categories: ['a'], counts: [[-1]] })],
    ['fractional count', () => cohensKappa({ categories: ['a'], counts: [[0.5]] })],
    [
      'all zero',
      () =>
        cohensKappa({
          categories: ['a', 'b'],
          counts: [
            [0, 0],
            [0, 0],
          ],
        }),
    ],
    ['no categories', () => cohensKappa({ categories: [], counts: [] })],
  ])('%s throws RangeError', (_name, f) => {
    expect(f).toThrow(RangeError);
  });
});

describe('properties', () => {
  const label = fc.constantFrom('present', 'disappeared', 'not-evaluable');
  const pairs = fc.array(fc.tuple(label, label), { minLength: 1, maxLength: 60 });

  it('kappa is in [-1, 1], its label agrees, and swapping the raters changes nothing', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const result = cohensKappaFromPairs(ps);
        const swapped = cohensKappaFromPairs(ps.map(([a, b]) => [b, a] as [string, string]));
        expect(swapped.kappa).toBe(result.kappa);
        expect(swapped.standardError).toBeCloseTo(result.standardError ?? 0, 12);
        expect(result.observed).toBeGreaterThanOrEqual(0);
        expect(result.observed).toBeLessThanOrEqual(1);
        if (result.kappa === null) {
          expect(result.expected).toBe(1);
          return;
        }
        expect(result.kappa).toBeGreaterThanOrEqual(-1);
        expect(result.kappa).toBeLessThanOrEqual(1);
        expect(result.label).toBe(landisKochLabel(result.kappa));
        expect(result.interval!.lower).toBeLessThanOrEqual(result.kappa);
        expect(result.interval!.upper).toBeGreaterThanOrEqual(result.kappa);
      }),
    );
  });

  it('kappa is 1 exactly when the raters agree on every item (and it is defined)', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const result = cohensKappaFromPairs(ps);
        if (result.kappa !== null) {
          expect(result.kappa === 1).toBe(ps.every(([a, b]) => a === b));
        }
      }),
    );
  });
});
