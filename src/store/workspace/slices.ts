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
  /** Viewport id -> the focus request it has moved for. */
  private readonly focusedSeq = new Map<string, number>();

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
      if (this.focusedSeq.get(viewportId) === focus.seq) continue;
      this.focusedSeq.set(viewportId, focus.seq);
      this.pending.delete(cellId);
      void viewer.showSliceAt(viewportId, [...point]);
      viewer.markAt?.(viewportId, [...point]);
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
