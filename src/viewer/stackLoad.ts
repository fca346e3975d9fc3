/**
 * Puts a series into a stack viewport at its middle slice, the first image decoded before the
 * stack is set: `setStack` resolves even when the image fails (docs/stack.md §2), while
 * `loadAndCacheImage` rejects. A newer load or a dispose makes the load stale at each await.
 * Derived series (computed ADC maps) start once the acquired ones show (firstImages.ts).
 */
import { imageLoader, type Types } from '@cornerstonejs/core';
import { adcScaleOfImage } from './adcUnits';
import type { ReadingViewportSpec } from './readingSpecs';
import { untilSettled } from './sliceSettle';
import { firstImages, isDerivedSeries } from './firstImages';

export interface ShownStack {
  /** The slice shown first. */
  readonly index: number;
  /** ADC maps: pixel values x this = 10^-3 mm²/s. */
  readonly adcFactor: number | undefined;
}

/**
 * Loads and shows the series; undefined when the load went stale or the viewport went away.
 * @throws Error `no images` for an empty series, or whatever the image load rejected with.
 */
export async function showStack(
  spec: ReadingViewportSpec,
  viewport: () => Types.IStackViewport | undefined,
  stale: () => boolean,
): Promise<ShownStack | undefined> {
  const { imageIds } = spec;
  if (imageIds.length === 0) throw new Error('no images');
  // A computed map waits for the acquired viewports' first images (src/viewer/firstImages.ts).
  if (isDerivedSeries(imageIds)) {
    await firstImages.shown();
    if (stale()) return undefined;
  }
  const index = Math.floor(imageIds.length / 2);
  const first = imageIds[index] ?? '';
  performance.mark('dream:first-image-asked');
  await imageLoader.loadAndCacheImage(first);
  performance.mark('dream:first-image-loaded');
  if (stale()) return undefined;
  const adcFactor = spec.valueKind === 'ADC' ? adcScaleOfImage(first).factor : undefined;
  const shown = viewport();
  if (!shown) return undefined;
  // A wheel over the viewport before its first image arrives must not leave the load waiting.
  await untilSettled(shown.setStack([...imageIds], index), shown.element, first);
  if (stale()) return undefined;
  shown.render();
  performance.mark('dream:first-image-shown');
  return { index, adcFactor };
}
