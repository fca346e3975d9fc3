/**
 * The slice bar at a viewport's right edge (src/ui/SliceBar.tsx): slice 0 at the top, the last
 * slice at the bottom, each slice an equal band of the bar's height. Pure, so the mapping is
 * tested in Node.
 */

/** The slice under a pointer at page y on a bar spanning [top, top + height] (clamped). */
export function sliceAtPointer(y: number, top: number, height: number, count: number): number {
  if (count <= 1 || !(height > 0)) return 0;
  const fraction = (y - top) / height;
  const index = Math.floor(fraction * count);
  return Math.min(count - 1, Math.max(0, Number.isFinite(index) ? index : 0));
}

/** The thumb of slice `index`: its top and height as fractions of the bar (min. height 2%). */
export function sliceThumb(index: number, count: number): { top: number; height: number } {
  if (count <= 1) return { top: 0, height: 1 };
  const clamped = Math.min(count - 1, Math.max(0, index));
  const height = Math.max(1 / count, 0.02);
  const top = (clamped / (count - 1)) * (1 - height);
  return { top, height };
}
