/**
 * Where each viewport of a reading workspace stands: the slice kept for a reload, restored once
 * the viewport is first ready, and the lesion focus, which moves each ready viewport once per
 * request (through the exams' registration, registration.ts, where the frames differ) and beats
 * a slice still waiting to be restored. The workspace (workspace.ts) passes the viewer, cells and
 * state; one `ViewportSlices` lives as long as a mounted viewer (`reset` on mount).
 */
import type { ReadingCell } from '../../viewer/readingLayout';
import type { ReadingStatus } from '../../viewer/readingSession';
import { focusTargets, type RegistrationView } from './registration';
import type { LesionFocus } from './state';
import type { ViewerSession } from './viewer';
import { viewportIdOf } from './viewports';

type Statuses = Readonly<Record<string, ReadingStatus>>;

export class ViewportSlices {
  /** Cell id -> slice index to restore once its viewport is first ready. */
  private pending = new Map<string, number>();
  /**
   * Viewport id -> the focus request it has moved for, and with which series: a viewport whose
   * series changes (a new hanging protocol, a swapped series) moves to the focus again.
   */
  private readonly focusedSeq = new Map<string, string>();

  /** A new viewer: the slices to restore (from the saved view) and no focus moves yet. */
  reset(slices: Readonly<Record<string, number>> | undefined): void {
    this.pending = new Map(Object.entries(slices ?? {}));
    this.focusedSeq.clear();
  }

  /** Moves the ready viewports the focus has not moved yet to its place, with a marker there. */
  applyFocus(
    viewer: ViewerSession,
    cells: readonly ReadingCell[],
    focus: LesionFocus,
    statuses: Statuses,
    registration: RegistrationView | undefined,
  ): void {
    for (const { viewportId, cellId, point } of focusTargets(cells, focus.place, registration)) {
      if (statuses[viewportId]?.state !== 'ready') continue;
      const seriesKey = cells.find((c) => c.cellId === cellId)?.series?.key ?? '';
      const request = `${focus.seq} ${seriesKey}`;
      if (this.focusedSeq.get(viewportId) === request) continue;
      this.focusedSeq.set(viewportId, request);
      this.pending.delete(cellId);
      // The crosshair once the viewport shows the lesion's slice, not on the slice it leaves
      // (after a reload that was the middle slice for seconds); a newer request wins.
      viewer.markAt?.(viewportId, undefined);
      void viewer.showSliceAt(viewportId, [...point]).then(() => {
        if (this.focusedSeq.get(viewportId) === request) viewer.markAt?.(viewportId, [...point]);
      });
    }
  }

  /** Restores each ready viewport's pending slice; answers cell id -> slice to save. */
  restore(
    viewer: ViewerSession,
    cells: readonly ReadingCell[],
    statuses: Statuses,
  ): Record<string, number> {
    const slices: Record<string, number> = {};
    for (const cell of cells) {
      const status = statuses[viewportIdOf(cell.cellId)];
      if (status?.state !== 'ready') continue;
      const wanted = this.pending.get(cell.cellId);
      if (wanted !== undefined) {
        this.pending.delete(cell.cellId);
        if (wanted !== status.index) viewer.scrollTo(viewportIdOf(cell.cellId), wanted);
      }
      slices[cell.cellId] = this.pending.get(cell.cellId) ?? status.index;
    }
    for (const [cellId, index] of this.pending) slices[cellId] ??= index;
    return slices;
  }
}
