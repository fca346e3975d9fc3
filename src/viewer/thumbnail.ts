/**
 * Series thumbnails: one image rendered off any viewport, then drawn into a small canvas. They
 * wait for the reading grid's first images (src/viewer/firstImages.ts): a thumbnail is one more
 * image to fetch and decode, and a computed ADC map's is the whole map.
 */
import { utilities } from '@cornerstonejs/core';
import { firstImages } from './firstImages';
import { initCornerstone } from './init';

/**
 * Renders `imageId` into `canvas`, fitted to its size; rejects when the image cannot be loaded.
 * cornerstone resizes (and styles) the canvas it renders into, so it renders into a scratch one.
 */
export async function renderThumbnail(canvas: HTMLCanvasElement, imageId: string): Promise<void> {
  await initCornerstone();
  await firstImages.shown();
  const scratch = document.createElement('canvas');
  scratch.width = 128;
  scratch.height = 128;
  await utilities.loadImageToCanvas({ canvas: scratch, imageId, thumbnail: true });
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const scale = Math.min(canvas.width / scratch.width, canvas.height / scratch.height);
  const width = scratch.width * scale;
  const height = scratch.height * scale;
  context.drawImage(
    scratch,
    (canvas.width - width) / 2,
    (canvas.height - height) / 2,
    width,
    height,
  );
}
