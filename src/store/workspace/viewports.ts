/**
 * The reading grid's plain helpers: viewport ids, what a grid shows (as a key that changes only
 * when it must be reloaded), where a measurement was drawn, and which viewports a lesion focus
 * moves. Pure; the workspace calls them.
 */
import type { ImagePoint } from '../../domain';
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

/** Where a measurement was drawn (timepoint, role, image header); undefined when unknown. */
export function placeOf(
  cells: readonly ReadingCell[],
  m: Measurement,
): MeasurementPlace | undefined {
  const cell = cells.find((c) => viewportIdOf(c.cellId) === m.viewportId);
  const instance = cell?.series?.instances.find((i) => i.source === m.imageId);
  if (!cell?.series || !instance) return undefined;
  return {
    timepoint: cell.timepoint,
    role: cell.series.role,
    valueKind: valueKindOf(cell.series),
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
