/**
 * The reading grid as data (pure): which cell shows which series, given the hung protocol, the
 * chosen layout and the reader's own choices per cell.
 */
import type { HangingGrid } from '../domain/hanging';
import type { CatalogPatient, CatalogSeries } from '../dicom/catalog';
import { layoutSize, type Layout } from './protocol';

export interface ReadingCell {
  /** Stable across layouts, so a cell kept by a layout change keeps its viewport. */
  cellId: string;
  row: number;
  column: number;
  /** The protocol's label of the column ('' outside the protocol). */
  label: string;
  /** The protocol's timepoint of the row, or the series' own when the reader chose one. */
  timepoint: string;
  series: CatalogSeries | undefined;
}

/** Cell id -> series key chosen by the reader (overrides the protocol). */
export type CellChoices = Readonly<Record<string, string>>;

export const cellIdOf = (row: number, column: number) => `r${row}c${column}`;

/** Series key -> timepoint id, for every series of the patient. */
export function timepointsBySeries(patient: CatalogPatient): Map<string, string> {
  const map = new Map<string, string>();
  for (const timepoint of patient.timepoints) {
    for (const exam of timepoint.exams) {
      for (const series of exam.series) map.set(series.key, timepoint.id);
    }
  }
  return map;
}

/** Every series of the patient, in tree order. */
export function allSeries(patient: CatalogPatient): CatalogSeries[] {
  return patient.timepoints.flatMap((t) => t.exams.flatMap((e) => e.series));
}

/** The cells of `layout`, row by row: the protocol's series unless the reader chose another. */
export function readingCells(
  patient: CatalogPatient,
  grid: HangingGrid,
  layout: Layout,
  choices: CellChoices,
): ReadingCell[] {
  const byKey = new Map(allSeries(patient).map((s) => [s.key, s]));
  const timepoints = timepointsBySeries(patient);
  const { rows, columns } = layoutSize(layout);
  const cells: ReadingCell[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cellId = cellIdOf(row, column);
      const hung = grid.cells.find((c) => c.row === row && c.column === column);
      const chosen = choices[cellId];
      const series = byKey.get(chosen ?? hung?.seriesKey ?? '');
      cells.push({
        cellId,
        row,
        column,
        label: hung?.label ?? '',
        timepoint:
          (series && timepoints.get(series.key)) ?? hung?.timepoint ?? grid.rows[row] ?? '',
        series,
      });
    }
  }
  return cells;
}
