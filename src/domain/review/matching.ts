/**
 * Matching the lesions of two blinded reads of one patient (docs/domain.md §7): which lesion of
 * reader 1 is which lesion of reader 2. Pure; removed lesions take no part.
 *
 * A pair is admissible when
 * - both lesions have a baseline location, in the same frame of reference (patient coordinates
 *   of different frames cannot be compared), no more than `matchDistanceMm` apart. The bound is
 *   inclusive: "within 15 mm" admits exactly 15 mm.
 * - and, if both lesions have a Couinaud segment, it is the same one. A segment that is unset on
 *   either side does not block a match: the location is the stronger evidence, and a missing
 *   label should not split one lesion into two "in one read only" discordances.
 *
 * A lesion without a baseline location is never matched automatically. Its segment alone does
 * not identify it (a segment often holds several metastases), and pairing by segment would
 * silently hide a lesion the readers may not share. Such a lesion therefore shows up as a
 * "lesion in one read only" discordance, which the adjudicator settles with the images.
 *
 * Among admissible pairs the matching is one-to-one and optimal: first as many pairs as
 * possible, then the least total distance (distances compared at 1 µm resolution, far below
 * any voxel size, so that equal totals are exactly equal), then a deterministic tie-break:
 * reader 1's lesions in registry order each take the earliest reader-2 lesion (registry order)
 * that still allows an optimal matching, "unmatched" ranking last. Solved exactly with the
 * Hungarian (Kuhn–Munkres) algorithm, see `optimalAssignment`.
 */
import { DomainError } from '../errors.ts';
import {
  DEFAULT_STUDY_CONFIG,
  type ImagePoint,
  type Lesion,
  type LesionId,
  type StudyConfig,
} from '../model.ts';

/** One matched pair: a lesion of reader 1 (`a`) and of reader 2 (`b`). */
export interface LesionMatch {
  readonly a: LesionId;
  readonly b: LesionId;
  /** Distance between the two baseline locations, mm (not rounded). */
  readonly distanceMm: number;
}

/** Result of matching two lesion registries. */
export interface LesionMatching {
  /** Matched pairs in reader 1's registry order. */
  readonly pairs: readonly LesionMatch[];
  /** Live lesions of reader 1 without a partner, in registry order. */
  readonly unmatchedA: readonly LesionId[];
  /** Live lesions of reader 2 without a partner, in registry order. */
  readonly unmatchedB: readonly LesionId[];
  /** Sum of the pairs' distances, mm. */
  readonly totalDistanceMm: number;
}

/** Distances are compared as whole micrometres (see the module comment). */
const MICROMETRES_PER_MM = 1000;

function euclidean(p: ImagePoint, q: ImagePoint): number {
  const dx = p.point.x - q.point.x;
  const dy = p.point.y - q.point.y;
  const dz = p.point.z - q.point.z;
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * The distance (mm) between two lesions if they may be matched under the rules of this module,
 * else `undefined` (no location on either side, other frame of reference, other segment, or
 * farther than `maxDistanceMm`; exactly `maxDistanceMm` is admissible).
 */
export function admissibleDistance(
  a: Lesion,
  b: Lesion,
  maxDistanceMm: number,
): number | undefined {
  const pa = a.baselineLocation;
  const pb = b.baselineLocation;
  if (pa === undefined || pb === undefined) return undefined;
  if (pa.frameOfReferenceUid !== pb.frameOfReferenceUid) return undefined;
  if (a.segment !== undefined && b.segment !== undefined && a.segment !== b.segment) {
    return undefined;
  }
  const distance = euclidean(pa, pb);
  return distance <= maxDistanceMm ? distance : undefined;
}

/**
 * Matches the live lesions of two reads of the same patient (rules in the module comment).
 *
 * @param lesionsA reader 1's registry (removed lesions are ignored)
 * @param lesionsB reader 2's registry (removed lesions are ignored)
 * @param config only `matchDistanceMm` is used (default 15 mm)
 * @throws DomainError `invalid-config` unless `matchDistanceMm` is a positive finite number
 */
export function matchLesions(
  lesionsA: readonly Lesion[],
  lesionsB: readonly Lesion[],
  config: Pick<StudyConfig, 'matchDistanceMm'> = DEFAULT_STUDY_CONFIG,
): LesionMatching {
  const max = config.matchDistanceMm;
  if (!(Number.isFinite(max) && max > 0)) {
    throw new DomainError('invalid-config', 'match distance must be a positive number of mm');
  }
  const liveA = lesionsA.filter((l) => l.removed === undefined);
  const liveB = lesionsB.filter((l) => l.removed === undefined);
  const distances = liveA.map((a) => liveB.map((b) => admissibleDistance(a, b, max)));
  const costs = distances.map((row) =>
    row.map((d) => (d === undefined ? undefined : Math.round(d * MICROMETRES_PER_MM))),
  );
  const rowToCol = optimalAssignment(costs, liveB.length);

  const pairs: LesionMatch[] = [];
  const matchedB = new Set<number>();
  let totalDistanceMm = 0;
  const unmatchedA: LesionId[] = [];
  liveA.forEach((a, i) => {
    const j = rowToCol[i];
    const b = j === undefined ? undefined : liveB[j];
    const distanceMm = j === undefined ? undefined : distances[i]?.[j];
    if (j === undefined || b === undefined || distanceMm === undefined) {
      unmatchedA.push(a.id);
      return;
    }
    matchedB.add(j);
    totalDistanceMm += distanceMm;
    pairs.push({ a: a.id, b: b.id, distanceMm });
  });
  const unmatchedB = liveB.filter((_, j) => !matchedB.has(j)).map((b) => b.id);
  return { pairs, unmatchedA, unmatchedB, totalDistanceMm };
}

/**
 * An exact optimal partial assignment on a rectangular cost matrix (rows x `columns`), where
 * `undefined` marks a forbidden pair. Optimal means: the most assigned pairs, then the least
 * total cost, then the lexicographically first assignment (row 0's column as small as possible,
 * then row 1's, ...; "unassigned" ranks after every column).
 *
 * Method: the Hungarian algorithm (Kuhn–Munkres, O(n³), potentials form) on the square matrix
 * `[[C, diag(BIG)], [diag(BIG), 0]]` of size rows + columns, where a row's or column's own
 * dummy stands for "unassigned" and BIG exceeds any total of allowed costs, so that cardinality
 * comes first. Optimal assignments are then exactly the perfect matchings on zero-reduced-cost
 * edges; the tie-break walks the rows in order and keeps the earliest column for which an
 * alternating cycle in that tight graph exists. Integer costs keep every comparison exact.
 * Connected components of the allowed pairs are solved separately (the optimum and the
 * tie-break both decompose), so the usual one-lesion-per-place case costs no solving.
 *
 * @param costs row-major; each row may be shorter than `columns` (missing = forbidden)
 * @param columns number of columns (needed when there are no rows)
 * @returns for each row, its column or `undefined` (unassigned)
 * @throws RangeError for a cost that is not a non-negative safe integer, or a matrix too large
 *   for exact arithmetic
 */
export function optimalAssignment(
  costs: readonly (readonly (number | undefined)[])[],
  columns: number,
): (number | undefined)[] {
  const rows = costs.length;
  const result: (number | undefined)[] = Array.from({ length: rows }, () => undefined);
  // Union-find over rows (0..rows-1) and columns (rows..rows+columns-1): rows of different
  // connected components never compete, so each component is solved on its own (typically a
  // single row and column, which needs no solving at all).
  const parent = Array.from({ length: rows + columns }, (_, k) => k);
  const root = (k: number): number => {
    let r = k;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  let anyAllowed = false;
  costs.forEach((row, i) => {
    for (let j = 0; j < columns; j++) {
      const c = row[j];
      if (c === undefined) continue;
      if (!(Number.isSafeInteger(c) && c >= 0)) {
        throw new RangeError(`assignment costs must be non-negative safe integers, got ${c}`);
      }
      anyAllowed = true;
      parent[root(i)] = root(rows + j);
    }
  });
  if (!anyAllowed) return result;

  const components = new Map<number, { rows: number[]; columns: number[] }>();
  const componentOf = (k: number) => {
    const r = root(k);
    let component = components.get(r);
    if (component === undefined) {
      component = { rows: [], columns: [] };
      components.set(r, component);
    }
    return component;
  };
  for (let i = 0; i < rows; i++) componentOf(i).rows.push(i);
  for (let j = 0; j < columns; j++) componentOf(rows + j).columns.push(j);
  for (const component of components.values()) {
    const [i] = component.rows;
    const [j] = component.columns;
    if (i === undefined || j === undefined) continue;
    if (component.rows.length === 1 && component.columns.length === 1) {
      result[i] = j; // connected, so the one pair is allowed
      continue;
    }
    const sub = component.rows.map((r) => component.columns.map((c) => costs[r]?.[c]));
    solveComponent(sub, component.columns.length).forEach((c, k) => {
      const r = component.rows[k];
      if (r !== undefined && c !== undefined) result[r] = component.columns[c];
    });
  }
  return result;
}

/** `optimalAssignment` on one connected, validated cost matrix (see there for the method). */
function solveComponent(
  costs: readonly (readonly (number | undefined)[])[],
  columns: number,
): (number | undefined)[] {
  const rows = costs.length;
  let bound = 0;
  for (const row of costs) {
    let rowMax = 0;
    for (const c of row) if (c !== undefined && c > rowMax) rowMax = c;
    bound += rowMax;
  }
  const n = rows + columns;
  const big = bound + 1;
  if (!Number.isSafeInteger(big * (n + 1))) {
    throw new RangeError('assignment too large for exact integer arithmetic');
  }
  const a = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < rows; i++) {
    const row = costs[i] ?? [];
    for (let j = 0; j < columns; j++) a[i * n + j] = row[j] ?? Infinity;
    a[i * n + columns + i] = big; // row i unassigned
  }
  for (let j = 0; j < columns; j++) {
    a[(rows + j) * n + j] = big; // column j unassigned
    for (let k = 0; k < rows; k++) a[(rows + j) * n + columns + k] = 0;
  }

  const { colOf, rowOf, u, v } = hungarian(a, n);
  // Tight edges: allowed and of zero reduced cost. The optimal assignments are exactly the
  // perfect matchings that use tight edges only (complementary slackness).
  const tightness = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = a[i * n + j] ?? Infinity;
      if (c !== Infinity && c - (u[i] ?? 0) - (v[j] ?? 0) === 0) tightness[i * n + j] = 1;
    }
  }
  const tight = (i: number, j: number) => tightness[i * n + j] === 1;

  // Tie-break: fix rows in order, each to the earliest tight column that keeps a perfect
  // tight matching (found as an alternating path from the column's owner back to the column
  // the row gives up).
  const fixed = new Uint8Array(n);
  const visited = new Uint8Array(n);
  const reroute = (r: number, target: number): boolean => {
    for (let c = 0; c < n; c++) {
      if (visited[c] === 1 || !tight(r, c)) continue;
      visited[c] = 1;
      const owner = rowOf[c] ?? -1;
      if (c === target || (fixed[owner] === 0 && reroute(owner, target))) {
        colOf[r] = c;
        rowOf[c] = r;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < rows; i++) {
    const current = colOf[i] ?? -1;
    const preference: number[] = [];
    for (let j = 0; j < columns; j++) if (costs[i]?.[j] !== undefined) preference.push(j);
    preference.push(columns + i);
    for (const c of preference) {
      if (c === current) break;
      const owner = rowOf[c] ?? -1;
      if (!tight(i, c) || fixed[owner] === 1) continue;
      visited.fill(0);
      visited[c] = 1;
      if (reroute(owner, current)) {
        colOf[i] = c;
        rowOf[c] = i;
        break;
      }
    }
    fixed[i] = 1;
  }

  return Array.from({ length: rows }, (_, i) => {
    const c = colOf[i] ?? -1;
    return c >= 0 && c < columns ? c : undefined;
  });
}

/**
 * Minimum-cost perfect matching on a square matrix (row-major, `Infinity` = forbidden; a finite
 * perfect matching must exist). Returns the matching both ways and optimal dual potentials
 * (`a[i][j] - u[i] - v[j] >= 0`, zero on the matching).
 */
function hungarian(
  a: Float64Array,
  n: number,
): { colOf: Int32Array; rowOf: Int32Array; u: Float64Array; v: Float64Array } {
  // 1-based, as in the classic potentials formulation; index 0 is the virtual start.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j] = row (1-based) matched to column j
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0] ?? 0;
      let delta = Infinity;
      let j1 = 0;
      const ui0 = u[i0] ?? 0;
      const base = (i0 - 1) * n - 1;
      for (let j = 1; j <= n; j++) {
        if (used[j] === 1) continue;
        const cur = (a[base + j] ?? Infinity) - ui0 - (v[j] ?? 0);
        if (cur < (minv[j] ?? Infinity)) {
          minv[j] = cur;
          way[j] = j0;
        }
        const m = minv[j] ?? Infinity;
        if (m < delta) {
          delta = m;
          j1 = j;
        }
      }
      if (delta === Infinity) throw new Error('unreachable: no finite perfect matching');
      for (let j = 0; j <= n; j++) {
        if (used[j] === 1) {
          const row = p[j] ?? 0;
          u[row] = (u[row] ?? 0) + delta;
          v[j] = (v[j] ?? 0) - delta;
        } else {
          minv[j] = (minv[j] ?? Infinity) - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] ?? 0;
      p[j0] = p[j1] ?? 0;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOf = new Int32Array(n).fill(-1);
  const rowOf = new Int32Array(n).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = (p[j] ?? 0) - 1;
    colOf[i] = j - 1;
    rowOf[j - 1] = i;
  }
  return { colOf, rowOf, u: u.subarray(1), v: v.subarray(1) };
}
