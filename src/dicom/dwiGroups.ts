/**
 * DWI sent as one series per b-value (several vendors do: "DWI b50", "DWI b800", each with its
 * own Series Instance UID) grouped back into one acquisition, so the catalogue presents it as an
 * interleaved DWI series: one DWI with all its b-values (docs/domain.md §3). Pure, over plain
 * records of each series' headers.
 *
 * Series are grouped when they are of the same study and frame of reference, have the same
 * geometry (orientation, pixel spacing, matrix, and slice positions one for one) and carry one
 * b-value each, all different. A series with several b-values (interleaved) or none, or whose
 * geometry matches no other, stays alone; so does every series of a set in which a b-value
 * repeats (two acquisitions at the same place cannot be told apart).
 */
import type { InstanceHeader } from './header.ts';

/** What the grouping knows of one DWI series (its instances in slice order). */
export interface DwiSeriesRecord {
  /** The caller's name for the series (the catalogue uses the series key). */
  id: string;
  studyInstanceUid: string;
  frameOfReferenceUid: string;
  /** Distinct b-values of its instances (an instance without one counts as undefined). */
  bValues: readonly (number | undefined)[];
  orientation: readonly number[] | undefined;
  pixelSpacing: readonly number[] | undefined;
  rows: number;
  columns: number;
  /** (0020,0032) of each slice, in slice order. */
  positions: readonly (readonly number[] | undefined)[];
}

/** One DWI acquisition made of several single-b series: their ids by ascending b-value. */
export interface DwiGroup {
  ids: string[];
  bValues: number[];
}

/** Direction cosines (unitless) and pixel spacings (mm) may differ by this much. */
const SAME_GEOMETRY = 1e-3;
/** Slice positions (mm) may differ by this much and still be the same slice. */
export const SAME_POSITION_MM = 0.5;

/** The record of a series from its instances' headers, given in slice order. */
export function dwiSeriesRecord(id: string, headers: readonly InstanceHeader[]): DwiSeriesRecord {
  const first = headers[0];
  return {
    id,
    studyInstanceUid: first?.studyInstanceUid ?? '',
    frameOfReferenceUid: first?.frameOfReferenceUid ?? '',
    bValues: [...new Set(headers.map((h) => h.bValue))],
    orientation: first?.imageOrientationPatient,
    pixelSpacing: first?.pixelSpacing,
    rows: first?.rows ?? 0,
    columns: first?.columns ?? 0,
    positions: headers.map((h) => h.imagePositionPatient),
  };
}

function close(
  a: readonly number[] | undefined,
  b: readonly number[] | undefined,
  tolerance: number,
): boolean {
  if (a === undefined || b === undefined) return false;
  return (
    a.length === b.length && a.every((value, i) => Math.abs(value - (b[i] ?? NaN)) <= tolerance)
  );
}

/** Same study, frame of reference and geometry, slice for slice. */
function sameAcquisitionPlace(a: DwiSeriesRecord, b: DwiSeriesRecord): boolean {
  return (
    a.studyInstanceUid === b.studyInstanceUid &&
    a.frameOfReferenceUid === b.frameOfReferenceUid &&
    a.rows === b.rows &&
    a.columns === b.columns &&
    close(a.orientation, b.orientation, SAME_GEOMETRY) &&
    close(a.pixelSpacing, b.pixelSpacing, SAME_GEOMETRY) &&
    a.positions.length === b.positions.length &&
    a.positions.every((p, i) => {
      const q = b.positions[i];
      return (
        p !== undefined &&
        q !== undefined &&
        Math.hypot(...p.map((v, k) => v - (q[k] ?? NaN))) <= SAME_POSITION_MM
      );
    })
  );
}

/** The single b-value of a series, or undefined when it has none or several. */
function singleB(record: DwiSeriesRecord): number | undefined {
  const [b, ...rest] = record.bValues;
  return rest.length === 0 ? b : undefined;
}

/** A record that can be part of a group: one b-value, a study, a frame of reference, slices. */
function candidate(record: DwiSeriesRecord): boolean {
  return (
    singleB(record) !== undefined &&
    record.studyInstanceUid !== '' &&
    record.frameOfReferenceUid !== '' &&
    record.positions.length > 0
  );
}

/**
 * The groups of single-b DWI series that form one acquisition, each with two or more series, in
 * the order their first series was given; series in no group are not listed.
 */
export function groupDwiSeries(records: readonly DwiSeriesRecord[]): DwiGroup[] {
  const clusters: DwiSeriesRecord[][] = [];
  for (const record of records.filter(candidate)) {
    const home = clusters.find((cluster) =>
      sameAcquisitionPlace(cluster[0] as DwiSeriesRecord, record),
    );
    if (home) home.push(record);
    else clusters.push([record]);
  }
  return clusters.flatMap((cluster) => {
    const bValues = cluster.map((r) => singleB(r) as number);
    if (cluster.length < 2 || new Set(bValues).size !== bValues.length) return [];
    const sorted = cluster
      .map((record, i) => ({ id: record.id, b: bValues[i] as number }))
      .sort((x, y) => x.b - y.b);
    return [{ ids: sorted.map((s) => s.id), bValues: sorted.map((s) => s.b) }];
  });
}
