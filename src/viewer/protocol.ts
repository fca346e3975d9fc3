/**
 * The edge between the catalogue and the hanging protocols of src/domain/hanging: the patient's
 * series described plainly, and the grid's layout (rows x columns).
 */
import {
  hangStudy,
  type HangingGrid,
  type HangingProtocol,
  type StudySeries,
} from '../domain/hanging';
import type { CatalogPatient } from '../dicom/catalog';
import { roleKey } from '../dicom/roles';

/** Rows x columns of the reading grid, e.g. `2x4`. */
export type Layout = `${number}x${number}`;

/** The layouts the toolbar offers (a protocol may hang others, e.g. 3x4 or 2x1). */
export const LAYOUTS: readonly Layout[] = ['1x1', '1x2', '2x2', '2x3', '2x4'];

/** The largest grid a layout may have on either side. */
const MAX_SIDE = 8;

export function layoutSize(layout: Layout): { rows: number; columns: number } {
  const [rows, columns] = layout.split('x').map(Number);
  return { rows: rows ?? 1, columns: columns ?? 1 };
}

/** A layout from text (`2x4`), or undefined when it is not one. */
export function parseLayout(text: unknown): Layout | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([1-9]\d*)x([1-9]\d*)$/.exec(text);
  if (!match || Number(match[1]) > MAX_SIDE || Number(match[2]) > MAX_SIDE) return undefined;
  return text as Layout;
}

/** The layout of a grid with this many rows and columns (1x1 at least). */
export const layoutOf = (rows: number, columns: number): Layout =>
  `${Math.min(Math.max(rows, 1), MAX_SIDE)}x${Math.min(Math.max(columns, 1), MAX_SIDE)}`;

/** Every series of the patient as the hanging protocols see it, in tree order. */
export function studySeriesOf(patient: CatalogPatient): StudySeries[] {
  return patient.timepoints.flatMap((timepoint) =>
    timepoint.exams.flatMap((exam) =>
      exam.series.map((series) => ({
        key: series.key,
        timepoint: timepoint.id,
        modality: series.modality,
        role: roleKey(series.role),
        ...(series.role.kind === 'DWI' &&
          series.role.bValue !== undefined && { bValue: series.role.bValue }),
      })),
    ),
  );
}

/** A protocol hung on a catalogued patient. */
export const hangOn = (patient: CatalogPatient, protocol: HangingProtocol): HangingGrid =>
  hangStudy(protocol, studySeriesOf(patient));
