/**
 * Keeps a stack viewport's VOI properties equal to the window it draws with.
 *
 * On cornerstone's CPU path (`StackViewport._updateToDisplayImageCPU`) every new image of the
 * same stack sets the viewport's `voiRange` to that image's own window (its DICOM window tags)
 * while the drawing keeps the window already in use. After a W/L preset or drag, one slice on and
 * one back, the image was still drawn with the reader's window while `getProperties()` (and so the
 * overlay, and the W/L tool's next drag) said the image's own "W 399 L 60". The GPU path keeps
 * the two equal. The drawn window is the CPU path's enabled-element state, not public API, so it
 * is looked up defensively: when missing, the properties stay as they are.
 */
import { utilities, type Types } from '@cornerstonejs/core';
import { windowFromVoi } from './presets';

interface CpuInternals {
  useCPURendering?: boolean;
  _cpuFallbackEnabledElement?: {
    viewport?: { voi?: { windowWidth?: number; windowCenter?: number } };
  };
}

/** The VOI range the viewport draws with on the CPU path; undefined on the GPU path. */
export function cpuDrawnRange(viewport: Types.IStackViewport): Types.VOIRange | undefined {
  const internals = viewport as unknown as CpuInternals;
  if (internals.useCPURendering !== true) return undefined;
  const voi = internals._cpuFallbackEnabledElement?.viewport?.voi;
  const width = voi?.windowWidth;
  const center = voi?.windowCenter;
  if (typeof width !== 'number' || typeof center !== 'number') return undefined;
  if (!Number.isFinite(width) || !Number.isFinite(center)) return undefined;
  // The CPU path keeps the DICOM form (width = upper - lower + 1); back through its inverse.
  return utilities.windowLevel.toLowHighRange(width, center);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));

/**
 * Puts the drawn window back into the viewport's properties when they differ; true when it did.
 * No VOI event: nothing changed on screen.
 */
export function keepDrawnWindow(viewport: Types.IStackViewport): boolean {
  const drawn = cpuDrawnRange(viewport);
  if (!drawn) return false;
  const { voiRange } = viewport.getProperties();
  if (voiRange && close(voiRange.lower, drawn.lower) && close(voiRange.upper, drawn.upper)) {
    return false;
  }
  viewport.setProperties({ voiRange: drawn }, true);
  return true;
}

export interface ViewportWindows {
  /** The window the image is drawn with, whichever path draws it. */
  drawn?: { width: number; center: number };
  /** The window in the viewport's properties (what the overlay and the W/L tool read). */
  properties?: { width: number; center: number };
}

export function viewportWindows(viewport: Types.IStackViewport): ViewportWindows {
  const range = viewport.getProperties().voiRange;
  const drawn = cpuDrawnRange(viewport) ?? range;
  return { drawn: drawn && windowFromVoi(drawn), properties: range && windowFromVoi(range) };
}
