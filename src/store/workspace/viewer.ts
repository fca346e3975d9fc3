/**
 * What a reading workspace needs from the viewer: the public face of src/viewer's
 * ReadingSession. The composition root (src/compose.ts) makes the real one; the workspace's
 * tests in Node use a fake.
 */
import type { Types } from '@cornerstonejs/core';
import type { PresetId } from '../../viewer/presets';
import type { ReadingAnnotations } from '../../viewer/readingAnnotations';
import type { Measurement } from '../../viewer/measurements';
import type {
  PrefetchProgress,
  ReadingStatusListener,
  ReadingViewportSpec,
} from '../../viewer/readingSession';
import type { ReadingTool } from '../../viewer/readingTools';
import type { RowSyncKind } from '../../viewer/rowSync';
import type { FrameMap } from '../../viewer/scrollSync';

export interface ViewerSession {
  show(specs: readonly ReadingViewportSpec[]): Promise<void>;
  setTool(tool: ReadingTool): void;
  scroll(viewportId: string, delta: number): void;
  scrollTo(viewportId: string, index: number): void;
  link(a: string, b: string): void;
  unlink(viewportId: string): void;
  setRowSync(row: number, kind: RowSyncKind, on: boolean): void;
  applyPreset(viewportId: string, preset: PresetId): void;
  reset(viewportId: string): void;
  invert(viewportId: string): void;
  toggleCine(viewportId: string): void;
  currentImageId(viewportId: string): string | undefined;
  showSliceAt(viewportId: string, point: Types.Point3): Promise<number | undefined>;
  /** Where other frames of reference lie, so scrolling follows through the registration. */
  setFrameMap?(frames: FrameMap | undefined): void;
  /** Cancels a drawing in progress (Esc); true when there was one. */
  cancelDrawing?(): boolean;
  /** Draws a crosshair at a patient point in a viewport (a lesion's place); undefined removes it. */
  markAt?(viewportId: string, point: Types.Point3 | undefined): void;
  dispose(): void;
  /** Lesion marks and the reader's drawings in the viewer's annotations. */
  readonly annotations: Pick<
    ReadingAnnotations,
    'setMarks' | 'clearDrawings' | 'restoreDrawings' | 'removeDrawing'
  >;
  /** Per-viewport progress of the series prefetch (absent in viewers that do not prefetch). */
  readonly prefetchProgress?: {
    readonly subscribe: (listener: () => void) => () => void;
    readonly get: (viewportId: string) => PrefetchProgress | undefined;
  };
}

/** Makes a viewer session that reports viewport statuses and the annotations' measurements. */
export type ViewerFactory = (
  onStatus: ReadingStatusListener,
  onMeasurements: (measurements: Measurement[]) => void,
) => ViewerSession;

/**
 * The central review's one-viewport viewer (src/ui/review/ReviewViewer.tsx): the same
 * cornerstone session as the reading room's, of which it uses these calls and the overlay's
 * page position of a patient point.
 */
export interface ReviewViewerSession extends Pick<
  ViewerSession,
  'show' | 'showSliceAt' | 'currentImageId' | 'dispose'
> {
  worldToPage(viewportId: string, point: Types.Point3): [number, number] | undefined;
}

/** Makes the review's viewer session; it reports the viewport's status. */
export type ReviewViewerFactory = (onStatus: ReadingStatusListener) => ReviewViewerSession;
