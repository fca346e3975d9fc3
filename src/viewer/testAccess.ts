/**
 * A read-only hook for browser tests, installed only when the page URL has `?viewer-test`:
 * lesion centres from ground-truth.json are in patient mm, and only the viewport knows where that
 * lands on screen. Never used by the app itself.
 */
import { cache, metaData, type Types } from '@cornerstonejs/core';
import { computedAdcRuns, type ComputedAdcRun } from './computedAdcImages';
import { renderingPath } from './init';
import { pixelDataBytes, type NaturalInstance } from './part10Memory';
import type { ShownDrawing, ShownMark } from './readingAnnotations';
import { viewportWindows, type ViewportWindows } from './drawnWindow';
import type { ReadingSession } from './readingSession';
import type { RenderingPath } from './renderingPath';
import { cachedCount } from './viewportActions';

export interface ViewerTestAccess {
  worldToPage(viewportId: string, point: Types.Point3): [number, number] | undefined;
  showSliceAt(viewportId: string, point: Types.Point3): Promise<number | undefined>;
  /** The viewport's zoom factor (1 = fit), for the row zoom/pan sync test. */
  zoomOf(viewportId: string): number | undefined;
  /** The window drawn and the one in the viewport's properties (width/center). */
  windowsOf(viewportId: string): ViewportWindows;
  /** ADC maps computed in this page (b-values, noise floor, worker and total milliseconds). */
  computedAdcRuns(): readonly ComputedAdcRun[];
  /** Decoded images of the viewport's series in the image cache (prefetch test). */
  cachedCount(viewportId: string): { cached: number; total: number } | undefined;
  /** The backend drawing stack viewports. */
  renderingPath(): RenderingPath;
  /** Pixel bytes of the shown image's file that cornerstone's metadata still holds. */
  heldFileBytes(viewportId: string): number | undefined;
  /** Whether the shown image is decoded in the image cache. */
  shownDecoded(viewportId: string): boolean;
  /** Empties the image cache, as its eviction of every image would. */
  evictImages(): void;
  /** The lesion marks in cornerstone's annotation state (label, image). */
  marks(): readonly ShownMark[];
  /** The measurement drawings in cornerstone's (page-wide) annotation state (uid, tool, image). */
  drawings(): readonly ShownDrawing[];
}

declare global {
  interface Window {
    __dreamViewer?: ViewerTestAccess;
  }
}

/** Installs the hook for this session; returns the function that removes it. */
export function exposeForTests(session: ReadingSession): () => void {
  if (!new URLSearchParams(window.location.search).has('viewer-test')) return () => undefined;
  const access: ViewerTestAccess = {
    worldToPage: (id, point) => session.worldToPage(id, point),
    showSliceAt: (id, point) => session.showSliceAt(id, point),
    zoomOf: (id) => session.viewport(id)?.getZoom(),
    windowsOf: (id) => {
      const viewport = session.viewport(id);
      return viewport ? viewportWindows(viewport) : {};
    },
    computedAdcRuns: () => [...computedAdcRuns()],
    cachedCount: (id) => {
      const imageIds = session.imageIdsOf(id);
      return imageIds && cachedCount(imageIds);
    },
    renderingPath,
    heldFileBytes: (id) => {
      const imageId = session.currentImageId(id);
      const natural =
        imageId && (metaData.get('naturalized', imageId) as NaturalInstance | undefined);
      return natural ? pixelDataBytes(natural) : undefined;
    },
    shownDecoded: (id) => {
      const imageId = session.currentImageId(id);
      return imageId !== undefined && (cache.getImage(imageId)?.getPixelData().length ?? 0) > 0;
    },
    evictImages: () => cache.purgeCache(),
    marks: () => session.annotations.shownMarks(),
    drawings: () => session.annotations.shownDrawings(),
  };
  window.__dreamViewer = access;
  return () => {
    if (window.__dreamViewer === access) delete window.__dreamViewer;
  };
}
