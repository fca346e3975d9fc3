/**
 * Puts src/viewer/part10Memory.ts between cornerstone and its Part 10 image loaders: the loaders
 * the DICOM image loader registered for `wadouri:`, `dicomfile:` and `dicomweb:` are registered
 * again, wrapped, and the image cache's evictions are passed on. Called once, after the DICOM
 * image loader's init (src/viewer/init.ts).
 */
import { eventTarget, Enums, getRenderingEngines, registerImageLoader } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import { metaData } from '@cornerstonejs/metadata';
import { Part10Memory, type NaturalInstance } from './part10Memory';

const NATURALIZED = 'naturalized';

/** Image ids the viewports of every rendering engine show now. */
function shownImageIds(): ReadonlySet<string> {
  const shown = new Set<string>();
  for (const engine of getRenderingEngines() ?? []) {
    for (const viewport of engine.getViewports()) {
      const current = (
        viewport as { getCurrentImageId?: () => string | undefined }
      ).getCurrentImageId?.();
      if (current) shown.add(current);
    }
  }
  return shown;
}

export function installPart10Memory(): Part10Memory {
  const memory = new Part10Memory({
    natural: (imageId) => metaData.get(NATURALIZED, imageId) as NaturalInstance | undefined,
    forget: (baseImageId) => metaData.clearQuery(NATURALIZED, baseImageId),
    shown: shownImageIds,
  });
  const load: Types.ImageLoaderFn = memory.wrap(wadouri.loadImageFromNaturalizedMetadata);
  for (const scheme of ['wadouri', 'dicomfile', 'dicomweb']) registerImageLoader(scheme, load);
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_REMOVED, (event: Event) => {
    const imageId = (event as CustomEvent<{ imageId?: string }>).detail.imageId;
    if (imageId) memory.evicted(imageId);
  });
  return memory;
}
