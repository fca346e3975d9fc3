/**
 * The reading grid's plain helpers: viewport ids, what a grid shows (as a key that changes only
 * when it must be reloaded), where a measurement was drawn, and which viewports a lesion focus
 * moves. Pure; the workspace calls them.
 */
import type { ImagePoint } from '../../domain';
import type { CatalogInstance, CatalogPatient, CatalogSeries } from '../../dicom/catalog';
import { roleKey } from '../../dicom/roles';
import type { Measurement } from '../../viewer/measurements';
import type { ReadingCell } from '../../viewer/readingLayout';
import { stackOf, valueKindOf } from '../../viewer/readingSpecs';
import type { ReadingViewportSpec } from '../../viewer/readingSession';
import type { RowSyncKind } from '../../viewer/rowSync';
import type { MeasurementPlace } from '../reads';

export const viewportIdOf = (cellId: string) => `vp-${cellId}`;

/** The key of a row's sync toggle in the workspace's `rowSync`. */
export const rowSyncKey = (row: number, kind: RowSyncKind) => `${row}:${kind}`;

/** A key that changes only when a cell shows another series or role (then the grid reloads). */
export function shownKeyOf(cells: readonly ReadingCell[]): string {
  return cells
    .map((c) => `${c.cellId}=${c.series?.key ?? ''}:${c.series ? roleKey(c.series.role) : ''}`)
    .join('|');
}

/** The cells on screen: every cell of the layout, or only the maximised one. */
export function shownCellIds(
  cells: readonly ReadingCell[],
  maximised: string | undefined,
): string[] {
  const ids = cells.map((c) => c.cellId);
  return maximised !== undefined && ids.includes(maximised) ? [maximised] : ids;
}

/** The viewer's specs of the cells that show a series and have an element on screen. */
export function viewportSpecs(
  cells: readonly ReadingCell[],
  elements: ReadonlyMap<string, HTMLDivElement>,
): ReadingViewportSpec[] {
  return cells.flatMap((cell) => {
    const viewportId = viewportIdOf(cell.cellId);
    const element = elements.get(viewportId);
    if (!cell.series || !element) return [];
    return [
      {
        viewportId,
        element,
        seriesKey: cell.series.key,
        imageIds: cell.series.instances.map((i) => i.source),
        stack: stackOf(cell.series),
        row: cell.row,
        valueKind: valueKindOf(cell.series),
      },
    ];
  });
}

/** The image a measurement was drawn on: its timepoint, series and instance in the catalogue. */
export interface MeasurementSource {
  readonly timepoint: string;
  readonly series: CatalogSeries;
  readonly instance: CatalogInstance;
  /** Whether a cell of the grid shows that series now. */
  readonly shown: boolean;
}

/**
 * Where a measurement was drawn, found by its image in the patient's catalogue, whatever the grid
 * shows now (a viewport shows another series after a protocol or series change); undefined when
 * the image is not the patient's.
 */
export function sourceOf(
  patient: CatalogPatient,
  cells: readonly ReadingCell[],
  m: Pick<Measurement, 'imageId'>,
): MeasurementSource | undefined {
  for (const timepoint of patient.timepoints) {
    for (const exam of timepoint.exams) {
      for (const series of exam.series) {
        const instance = series.instances.find((i) => i.source === m.imageId);
        if (!instance) continue;
        const shown = cells.some((c) => c.series?.key === series.key);
        return { timepoint: timepoint.id, series, instance, shown };
      }
    }
  }
  return undefined;
}

/** Where a measurement was drawn (timepoint, role, image header); undefined when unknown. */
export function placeOf(
  patient: CatalogPatient,
  cells: readonly ReadingCell[],
  m: Measurement,
): MeasurementPlace | undefined {
  const source = sourceOf(patient, cells, m);
  if (!source) return undefined;
  const { timepoint, series, instance } = source;
  return {
    timepoint,
    role: series.role,
    valueKind: valueKindOf(series),
    header: instance.header,
    ...(instance.frame !== undefined && { frame: instance.frame }),
  };
}

/**
 * The cells a lesion's place moves: those showing a series in the place's frame of reference
 * (viewports linked to them follow through the viewer's sync).
 */
export function cellsAt(cells: readonly ReadingCell[], place: ImagePoint): ReadingCell[] {
  return cells.filter(
    (cell) =>
      cell.series !== undefined &&
      stackOf(cell.series).frameOfReferenceUid === place.frameOfReferenceUid,
  );
}

/**
 * The cells a window/level preset goes to: the active cell and every cell of the grid showing a
 * series of the same modality (a CT preset on every CT cell of the hanging, baseline and pre-op,
 * as a PACS does); only the active cell when it shows nothing. A manual W/L drag stays with its
 * own viewport (the viewer's tool, not this).
 */
export function presetCells(cells: readonly ReadingCell[], activeCellId: string): string[] {
  const modality = cells.find((c) => c.cellId === activeCellId)?.series?.modality;
  if (modality === undefined) return [activeCellId];
  const same = cells.filter((c) => c.series?.modality === modality).map((c) => c.cellId);
  return [activeCellId, ...same.filter((id) => id !== activeCellId)];
}
