/**
 * What a reading session (src/viewer/readingSession.ts) keeps per viewport, and the lookup of the
 * viewport showing an image (for the measurement watcher's value kind).
 */
import type { ValueKind } from './measurements';
import type { ReadingViewportSpec } from './readingSpecs';
import type { SliceStepper } from './sliceStepper';

export interface Entry {
  spec: ReadingViewportSpec;
  token: number;
  ready: boolean;
  /** The first image is on its way (prefetching waits for every viewport's first image). */
  loading: boolean;
  cine: boolean;
  /** ADC maps: pixel values x this = 10^-3 mm²/s (found once the first image is loaded). */
  adcFactor: number | undefined;
  /** Key steps: one per frame, the latest target wins. */
  stepper: SliceStepper;
  detach: () => void;
}

/** The viewport showing an image, its value kind and (ADC maps) its value factor. */
export function kindOfImage(
  entries: Iterable<Entry>,
  imageId: string,
): { viewportId: string; kind: ValueKind; adcFactor?: number } | undefined {
  for (const entry of entries) {
    if (entry.spec.imageIds.includes(imageId)) {
      const { viewportId, valueKind: kind } = entry.spec;
      return {
        viewportId,
        kind,
        ...(entry.adcFactor !== undefined && { adcFactor: entry.adcFactor }),
      };
    }
  }
  return undefined;
}
