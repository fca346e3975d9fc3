/**
 * Releases the file bytes a decoded image no longer needs. cornerstone's Part 10 loaders
 * (`wadouri:`, `dicomfile:`) keep every loaded file parsed in their own dataset cache (its header
 * answers the metadata providers) until the image leaves cornerstone's image cache. The file's
 * Pixel Data stays in it too: for an uncompressed 512x512 slice as many bytes again as the decoded
 * image, outside the image cache's accounting, so a prefetched series held twice its size.
 *
 * Once a single-frame file is decoded, its parsed header is kept and the bytes from Pixel Data on
 * are cut off. The image cache's eviction still unloads the entry (cornerstone's decache), and a
 * later load of the image fetches and parses the file again. Multi-frame files keep their bytes:
 * their other frames are cut from the same buffer.
 */
import { cache } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import type { DataSet } from 'dicom-parser';

const PIXEL_DATA = 'x7fe00010';
const NUMBER_OF_FRAMES = 'x00280008';

/** Points the dataset and every nested sequence item at `next` where they used `previous`. */
function swapBytes(dataSet: DataSet, previous: Uint8Array, next: Uint8Array): void {
  if (dataSet.byteArray === previous) dataSet.byteArray = next;
  for (const element of Object.values(dataSet.elements)) {
    for (const item of element.items ?? []) {
      if (item.dataSet) swapBytes(item.dataSet, previous, next);
    }
  }
}

/**
 * Cuts a parsed single-frame file before its Pixel Data value when nothing but trailing bytes
 * follows it; returns the bytes released (0 when it leaves the file alone).
 */
export function dropPixelBytes(dataSet: DataSet): number {
  const pixels = dataSet.elements[PIXEL_DATA];
  const frames = Number(dataSet.string(NUMBER_OF_FRAMES) ?? 1);
  if (!pixels || !(frames <= 1)) return 0;
  const cut = pixels.dataOffset;
  const bytes = dataSet.byteArray;
  if (cut <= 0 || cut >= bytes.length) return 0;
  // Any element stored after the pixels (other than their own fragments) keeps the whole file.
  for (const [tag, element] of Object.entries(dataSet.elements)) {
    if (tag !== PIXEL_DATA && element.dataOffset > cut) return 0;
  }
  swapBytes(dataSet, bytes, bytes.slice(0, cut));
  return bytes.length - cut;
}

/** Releases the Pixel Data bytes of a decoded Part 10 image (`wadouri:` / `dicomfile:`). */
export function releaseFileBytes(imageId: string): number {
  if (!imageId.startsWith('wadouri:') && !imageId.startsWith('dicomfile:')) return 0;
  const { url, frame } = wadouri.parseImageId(imageId);
  if (frame !== undefined && frame !== null && Number(frame) > 1) return 0;
  if (!wadouri.dataSetCacheManager.isLoaded(url)) return 0;
  return dropPixelBytes(wadouri.dataSetCacheManager.get(url));
}

/** Bytes of an image's file still held by the loader, and of its decoded pixels (for tests). */
export function heldFileBytes(imageId: string): { file: number; decoded: number } {
  const decoded = cache.getImage(imageId)?.sizeInBytes ?? 0;
  if (!imageId.startsWith('wadouri:') && !imageId.startsWith('dicomfile:')) {
    return { file: 0, decoded };
  }
  const { url } = wadouri.parseImageId(imageId);
  const loaded = wadouri.dataSetCacheManager.isLoaded(url);
  return { file: loaded ? wadouri.dataSetCacheManager.get(url).byteArray.length : 0, decoded };
}
