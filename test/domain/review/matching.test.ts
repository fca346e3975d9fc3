/**
 * Lesion matching between two reads (docs/domain.md §7): the admissibility rules, the optimal
 * one-to-one assignment (cardinality, then total distance, then registry-order tie-break),
 * checked against brute force, and its speed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  worldPoint,
  type CouinaudSegment,
  type Lesion,
  type LesionId,
} from '../../../src/domain/model.ts';
import {
  admissibleDistance,
  matchLesions,
  optimalAssignment,
} from '../../../src/domain/review/matching.ts';
import { makeImagePoint, makeLesion } from '../fixtures.ts';

interface Spec {
  readonly at?: readonly [number, number, number];
  readonly segment?: CouinaudSegment | null;
  readonly frame?: string;
  readonly removed?: boolean;
}

/** Lesion `L<n>` at a point (default segment VII, frame F); `at: undefined` = no location. */
function lesion(n: number, spec: Spec = {}): Lesion {
  const { at, segment = 'VII', frame = 'F', removed = false } = spec;
  const { baselineLocation, segment: defaultSegment, ...rest } = makeLesion({ id: `L${n}` });
  void baselineLocation;
  void defaultSegment;
  return {
    ...rest,
    ...(segment !== null && { segment }),
    ...(at && {
      baselineLocation: makeImagePoint({ point: worldPoint(...at), frameOfReferenceUid: frame }),
    }),
    ...(removed && { removed: { at: '2026-01-01T00:00:01.000Z' } }),
  };
}

const x = (n: number, mm: number, spec: Spec = {}) => lesion(n, { at: [mm, 0, 0], ...spec });

type Case = [
  name: string,
  a: Lesion[],
  b: Lesion[],
  pairs: [LesionId, LesionId][],
  unmatchedA: LesionId[],
  unmatchedB: LesionId[],
];

const CASES: Case[] = [
  ['both reads empty', [], [], [], [], []],
  ['reader 1 empty', [], [x(1, 0), x(2, 5)], [], [], ['L1', 'L2']],
  ['reader 2 empty', [x(1, 0)], [], [], ['L1'], []],
  ['same place', [x(1, 0)], [x(1, 0)], [['L1', 'L1']], [], []],
  ['exactly 15 mm along x is admissible', [x(1, 0)], [x(1, 15)], [['L1', 'L1']], [], []],
  [
    'exactly 15 mm as (9, 12, 0) is admissible',
    [lesion(1, { at: [0, 0, 0] })],
    [lesion(1, { at: [9, 12, 0] })],
    [['L1', 'L1']],
    [],
    [],
  ],
  ['15.001 mm is too far', [x(1, 0)], [x(1, 15.001)], [], ['L1'], ['L1']],
  [
    'segment mismatch at 1 mm',
    [x(1, 0, { segment: 'VII' })],
    [x(1, 1, { segment: 'VIII' })],
    [],
    ['L1'],
    ['L1'],
  ],
  [
    'IVa and IVb are different segments',
    [x(1, 0, { segment: 'IVa' })],
    [x(1, 1, { segment: 'IVb' })],
    [],
    ['L1'],
    ['L1'],
  ],
  [
    'segment unset in reader 1: distance alone decides',
    [x(1, 0, { segment: null })],
    [x(1, 4, { segment: 'V' })],
    [['L1', 'L1']],
    [],
    [],
  ],
  [
    'segment unset in both',
    [x(1, 0, { segment: null })],
    [x(1, 4, { segment: null })],
    [['L1', 'L1']],
    [],
    [],
  ],
  [
    'different frames of reference never match',
    [x(1, 0, { frame: 'F' })],
    [x(1, 0, { frame: 'G' })],
    [],
    ['L1'],
    ['L1'],
  ],
  ['no location in reader 2', [x(1, 0)], [lesion(1)], [], ['L1'], ['L1']],
  [
    'no location in both, same segment, only such pair: still not matched',
    [lesion(1)],
    [lesion(1)],
    [],
    ['L1'],
    ['L1'],
  ],
  [
    'removed lesions are ignored on both sides',
    [x(1, 0, { removed: true }), x(2, 10)],
    [x(1, 10, { removed: true }), x(2, 0)],
    [['L2', 'L2']],
    [],
    [],
  ],
  [
    'greedy nearest-first is worse: A2-B1 (3) + A1-B2 (14) = 17 > A1-B1 (5) + A2-B2 (6) = 11',
    [x(1, 0), x(2, 8)],
    [x(1, 5), x(2, 14)],
    [
      ['L1', 'L1'],
      ['L2', 'L2'],
    ],
    [],
    [],
  ],
  [
    'greedy would lose a match: more pairs beat a smaller total',
    [x(1, 0), x(2, -10)],
    [x(1, 1), x(2, 14)],
    [
      ['L1', 'L2'],
      ['L2', 'L1'],
    ],
    [],
    [],
  ],
  [
    'tie (square, all 10 mm): reader 1 L1 takes reader 2 L1',
    [lesion(1, { at: [0, 0, 0] }), lesion(2, { at: [10, 10, 0] })],
    [lesion(1, { at: [10, 0, 0] }), lesion(2, { at: [0, 10, 0] })],
    [
      ['L1', 'L1'],
      ['L2', 'L2'],
    ],
    [],
    [],
  ],
  [
    'tie broken by registry order, not by id or place',
    [lesion(1, { at: [0, 0, 0] }), lesion(2, { at: [10, 10, 0] })],
    [lesion(7, { at: [0, 10, 0] }), lesion(3, { at: [10, 0, 0] })],
    [
      ['L1', 'L7'],
      ['L2', 'L3'],
    ],
    [],
    [],
  ],
  [
    'one lesion, two at equal distance: the first',
    [x(1, 0)],
    [x(1, 5), x(2, -5)],
    [['L1', 'L1']],
    [],
    ['L2'],
  ],
  [
    'two lesions, one partner at equal distance: the first reader-1 lesion gets it',
    [x(1, -5), x(2, 5)],
    [x(1, 0)],
    [['L1', 'L1']],
    ['L2'],
    [],
  ],
  [
    'unequal counts 3 vs 1: the nearest wins',
    [x(1, 0), x(2, 6), x(3, 12)],
    [x(1, 7)],
    [['L2', 'L1']],
    ['L1', 'L3'],
    [],
  ],
  [
    'unequal counts 1 vs 3',
    [x(1, 7)],
    [x(1, 0), x(2, 6), x(3, 12)],
    [['L1', 'L2']],
    [],
    ['L1', 'L3'],
  ],
  [
    'far apart lesions in several segments',
    [x(1, 0, { segment: 'II' }), x(2, 100, { segment: 'VI' }), x(3, 200, { segment: 'VIII' })],
    [x(1, 202, { segment: 'VIII' }), x(2, 1, { segment: 'II' }), x(3, 300, { segment: 'I' })],
    [
      ['L1', 'L2'],
      ['L3', 'L1'],
    ],
    ['L2'],
    ['L3'],
  ],
];

describe('matchLesions', () => {
  it.each(CASES)('%s', (_name, a, b, pairs, unmatchedA, unmatchedB) => {
    const result = matchLesions(a, b);
    expect(result.pairs.map((p) => [p.a, p.b])).toEqual(pairs);
    expect(result.unmatchedA).toEqual(unmatchedA);
    expect(result.unmatchedB).toEqual(unmatchedB);
    expect(result.totalDistanceMm).toBeCloseTo(
      result.pairs.reduce((sum, p) => sum + p.distanceMm, 0),
      9,
    );
  });

  it('reports the unrounded distance', () => {
    const result = matchLesions([lesion(1, { at: [0, 0, 0] })], [lesion(1, { at: [1, 1, 1] })]);
    expect(result.pairs[0]?.distanceMm).toBe(Math.sqrt(3));
  });

  it.each([
    [10, 10.5, false],
    [10, 10, true],
    [20, 19.9, true],
    [20, 20.0001, false],
  ])('uses config.matchDistanceMm (%s mm, lesions %s mm apart: match %s)', (max, d, ok) => {
    const result = matchLesions([x(1, 0)], [x(1, d)], { matchDistanceMm: max });
    expect(result.pairs.length === 1).toBe(ok);
  });

  it.each([0, -1, Number.NaN, Infinity])('refuses match distance %s', (max) => {
    expect(() => matchLesions([], [], { matchDistanceMm: max })).toThrow(DomainError);
  });

  it('admissibleDistance states the rule for one pair', () => {
    expect(admissibleDistance(x(1, 0), x(1, 3), 15)).toBe(3);
    expect(admissibleDistance(x(1, 0), x(1, 3, { segment: 'I' }), 15)).toBeUndefined();
    expect(admissibleDistance(x(1, 0), lesion(1), 15)).toBeUndefined();
  });

  it('does not mutate or depend on the input arrays', () => {
    const a = Object.freeze([x(1, 0), x(2, 8)]);
    const b = Object.freeze([x(1, 5), x(2, 14)]);
    expect(matchLesions(a, b)).toEqual(matchLesions([...a], [...b]));
  });
});

// ---- brute force ------------------------------------------------------------------------------

/** Independent restatement of the rule: same frame, same segment if both set, <= max mm. */
function bruteAdmissible(a: Lesion, b: Lesion, max: number): number | undefined {
  const p = a.baselineLocation;
  const q = b.baselineLocation;
  if (!p || !q || p.frameOfReferenceUid !== q.frameOfReferenceUid) return undefined;
  if (a.segment && b.segment && a.segment !== b.segment) return undefined;
  const d = Math.sqrt(
    (p.point.x - q.point.x) ** 2 + (p.point.y - q.point.y) ** 2 + (p.point.z - q.point.z) ** 2,
  );
  return d <= max ? d : undefined;
}

/**
 * Every one-to-one partial assignment, in lexicographic order (row by row: columns ascending,
 * then unassigned); keeps the first one with most pairs, then least total cost.
 */
function bruteAssignment(costs: (number | undefined)[][], columns: number): (number | undefined)[] {
  let best: { pairs: number; cost: number; rows: (number | undefined)[] } | undefined;
  const rows: (number | undefined)[] = [];
  const used = new Set<number>();
  const walk = (i: number, pairs: number, cost: number) => {
    if (i === costs.length) {
      if (!best || pairs > best.pairs || (pairs === best.pairs && cost < best.cost)) {
        best = { pairs, cost, rows: [...rows] };
      }
      return;
    }
    for (let j = 0; j < columns; j++) {
      const c = costs[i]?.[j];
      if (c === undefined || used.has(j)) continue;
      used.add(j);
      rows.push(j);
      walk(i + 1, pairs + 1, cost + c);
      rows.pop();
      used.delete(j);
    }
    rows.push(undefined);
    walk(i + 1, pairs, cost);
    rows.pop();
  };
  walk(0, 0, 0);
  return best?.rows ?? [];
}

describe('optimal assignment equals brute force (property)', () => {
  const matrix = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
    .chain(([rows, columns]) =>
      fc.tuple(
        fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 3 }), {
            minLength: columns,
            maxLength: columns,
          }),
          { minLength: rows, maxLength: rows },
        ),
        fc.constant(columns),
      ),
    );

  it('optimalAssignment: same assignment (ties included) on <= 6 x 6 integer matrices', () => {
    fc.assert(
      fc.property(matrix, ([costs, columns]) => {
        expect(optimalAssignment(costs, columns)).toEqual(bruteAssignment(costs, columns));
      }),
      { numRuns: 1500 },
    );
  });

  const coordinate = fc.integer({ min: 0, max: 24 }).map((n) => n * 1.5);
  const spec = fc.record({
    at: fc.option(fc.tuple(coordinate, coordinate, fc.constantFrom(0, 9)), {
      nil: undefined,
      freq: 6,
    }),
    segment: fc.constantFrom<CouinaudSegment | null>('V', 'V', 'VI', null),
    frame: fc.constantFrom('F', 'F', 'F', 'G'),
  });
  const registry = fc
    .array(spec, { maxLength: 6 })
    .map((specs) => specs.map((s, i) => lesion(i + 1, s)));
  const withRemovals = fc
    .tuple(registry, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }))
    .map(([lesions, removed]) =>
      lesions.map((l, i) => (removed[i] ? { ...l, removed: { at: l.createdAt } } : l)),
    );

  it('matchLesions: same pairs as brute force over all one-to-one assignments', () => {
    fc.assert(
      fc.property(withRemovals, withRemovals, (a, b) => {
        const liveA = a.filter((l) => !l.removed);
        const liveB = b.filter((l) => !l.removed);
        const distances = liveA.map((la) => liveB.map((lb) => bruteAdmissible(la, lb, 15)));
        const micrometres = distances.map((row) =>
          row.map((d) => (d === undefined ? undefined : Math.round(d * 1000))),
        );
        const rows = bruteAssignment(micrometres, liveB.length);
        const expected = rows.flatMap((j, i) =>
          j === undefined ? [] : [[liveA[i]?.id, liveB[j]?.id]],
        );
        const result = matchLesions(a, b);
        expect(result.pairs.map((p) => [p.a, p.b])).toEqual(expected);
        const matchedB = new Set(expected.map(([, id]) => id));
        expect(result.unmatchedB).toEqual(liveB.map((l) => l.id).filter((id) => !matchedB.has(id)));
        expect(result.pairs.length + result.unmatchedA.length).toBe(liveA.length);
      }),
      { numRuns: 1500 },
    );
  });
});
