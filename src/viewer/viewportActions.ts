/**
 * Display actions on one stack viewport (W/L presets, reset, invert) and the status line the
 * overlays show. Free functions, so the session stays a coordinator.
 */
import { cache, Enums, type Types } from '@cornerstonejs/core';
import { cancelActiveManipulations, state as toolState } from '@cornerstonejs/tools';
import { presetRange, windowFromVoi, type PresetId } from './presets';
import type { Stack } from './sliceSync';

export const dot = (a: readonly number[], b: readonly number[]) =>
  (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);

/** Applies a W/L preset; `auto` spans the shown image's pixel range (MR has no fixed scale). */
export function applyPreset(viewport: Types.IStackViewport, preset: PresetId): void {
  const image = cache.getImage(viewport.getCurrentImageId());
  const range = presetRange(preset, {
    lower: image?.minPixelValue ?? 0,
    upper: image?.maxPixelValue ?? 1,
  });
  viewport.setProperties({ voiRange: range });
  viewport.render();
}

/** Back to the fitted camera and the image's own window. */
export function resetViewport(viewport: Types.IStackViewport): void {
  viewport.resetCamera();
  viewport.resetProperties();
  viewport.render();
}

export function invertViewport(viewport: Types.IStackViewport): void {
  viewport.setProperties({ invert: !(viewport.getProperties().invert ?? false) });
  viewport.render();
}

/** The slice of `stack` nearest to a patient-space point, along the stack normal. */
export function sliceNearest(stack: Stack, point: readonly number[]): number {
  const wanted = dot(point, stack.normal);
  let best = 0;
  let bestGap = Number.POSITIVE_INFINITY;
  stack.positions.forEach((p, index) => {
    const gap = Math.abs(dot(p, stack.normal) - wanted);
    if (gap < bestGap) {
      best = index;
      bestGap = gap;
    }
  });
  return best;
}

/**
 * Whether the viewport has an image to map coordinates through. On cornerstone's CPU path
 * `worldToCanvas` throws until the first image of a stack is shown (docs/stack.md §6).
 */
export function hasImage(viewport: Pick<Types.IStackViewport, 'getImageData'>): boolean {
  return viewport.getImageData() !== undefined;
}

/** Page coordinates (CSS px) of a patient-space point in a viewport; none before its image. */
export function worldToPage(
  viewport: Types.IStackViewport,
  point: Types.Point3,
): [number, number] | undefined {
  if (!hasImage(viewport)) return undefined;
  const [x, y] = viewport.worldToCanvas(point);
  const box = viewport.element.getBoundingClientRect();
  return [box.left + x, box.top + y];
}

/** How many of a series' images are decoded in the image cache, of how many. */
export function cachedCount(imageIds: readonly string[]): { cached: number; total: number } {
  return { cached: imageIds.filter((id) => cache.isLoaded(id)).length, total: imageIds.length };
}

/** What the overlays show for a ready viewport. */
export function viewportReadout(viewport: Types.IStackViewport, stack: Stack) {
  const index = viewport.getCurrentImageIdIndex();
  const position = stack.positions[index];
  const { voiRange, invert } = viewport.getProperties();
  const window = voiRange ? windowFromVoi(voiRange) : undefined;
  return {
    index,
    positionMm: position ? dot(position, stack.normal) : undefined,
    windowWidth: window?.width,
    windowCenter: window?.center,
    invert: invert ?? false,
  };
}

/** Listens to a viewport element's new-image, VOI and size changes; returns the detacher. */
export function watchElement(
  element: HTMLDivElement,
  on: { onNewImage: (index: number) => void; onVoi: () => void; onResize: () => void },
): () => void {
  const newImage = (event: Event) =>
    on.onNewImage((event as CustomEvent<{ imageIdIndex: number }>).detail.imageIdIndex);
  element.addEventListener(Enums.Events.STACK_NEW_IMAGE, newImage);
  element.addEventListener(Enums.Events.VOI_MODIFIED, on.onVoi);
  const resize = new ResizeObserver(on.onResize);
  resize.observe(element);
  return () => {
    element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, newImage);
    element.removeEventListener(Enums.Events.VOI_MODIFIED, on.onVoi);
    resize.disconnect();
  };
}

/**
 * Esc during a drawing (a length begun with one click, a drag not yet let go): cancels it on
 * these viewports' elements, and says whether one was in progress.
 */
export function cancelDrawingOn(elements: Iterable<HTMLDivElement | undefined>): boolean {
  if (!toolState.isInteractingWithTool) return false;
  for (const element of elements) if (element) cancelActiveManipulations(element);
  return true;
}
