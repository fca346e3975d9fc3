/**
 * Pans a viewport so a patient-space point is in view, keeping the zoom: a lesion chosen while a
 * viewport is zoomed on another part of the liver would else land off-screen on its slice.
 */
import type { Types } from '@cornerstonejs/core';

type Vec = readonly [number, number, number];

export interface PanCamera {
  readonly focalPoint: Vec;
  readonly position: Vec;
  readonly viewPlaneNormal: Vec;
}

/** Whether a canvas point lies inside the canvas, `margin` px in from its edges. */
export function inView(
  canvasPoint: readonly [number, number],
  size: readonly [number, number],
  margin: number,
): boolean {
  const [x, y] = canvasPoint;
  const [w, h] = size;
  const m = Math.min(margin, w / 4, h / 4);
  return x >= m && x <= w - m && y >= m && y <= h - m;
}

/** The camera moved in its view plane so its focal point is at `point` (same zoom, same slice). */
export function centredOn(camera: PanCamera, point: Vec): { focalPoint: Vec; position: Vec } {
  const n = camera.viewPlaneNormal;
  const d = [0, 1, 2].map((i) => point[i]! - camera.focalPoint[i]!);
  const along = d[0]! * n[0] + d[1]! * n[1] + d[2]! * n[2];
  const shift = [0, 1, 2].map((i) => d[i]! - along * n[i]!);
  const move = (v: Vec): Vec => [v[0] + shift[0]!, v[1] + shift[1]!, v[2] + shift[2]!];
  return { focalPoint: move(camera.focalPoint), position: move(camera.position) };
}

/** Pans the viewport to centre the point when it lies outside the visible area; true if it did. */
export function panIntoView(viewport: Types.IStackViewport, point: Types.Point3): boolean {
  if (viewport.getImageData() === undefined) return false;
  const canvas = viewport.canvas;
  const size: [number, number] = [canvas.clientWidth, canvas.clientHeight];
  const [x, y] = viewport.worldToCanvas(point);
  if (inView([x, y], size, 16)) return false;
  const camera = viewport.getCamera();
  const { focalPoint, viewPlaneNormal, position } = camera;
  if (!focalPoint || !viewPlaneNormal || !position) return false;
  const moved = centredOn({ focalPoint, position, viewPlaneNormal }, point);
  viewport.setCamera({
    focalPoint: [...moved.focalPoint] as Types.Point3,
    position: [...moved.position] as Types.Point3,
  });
  viewport.render();
  return true;
}
