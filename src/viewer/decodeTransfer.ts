/**
 * Hands a WADO-RS frame's pixel bytes to the decode worker instead of copying them.
 *
 * cornerstone's DICOM image loader slices each fetched frame out of the multipart response (a
 * buffer of its own) and posts it to the decode worker, which structured-clones it: the page kept
 * a second copy of every frame as garbage until the next full collection, often well after the
 * decoded image was in the cache (the JS heap after a first pass through a 300-slice CT counted
 * it). The loader computes a transfer list from a `transferPixelData` option but never passes it
 * on (@cornerstonejs/dicom-image-loader 5.14, `decodeImageFrame.js`), so this does: WADO-RS loads
 * are marked with that option, and the worker manager's task call transfers the frame's buffer
 * when a decode task carries the mark and the bytes are the whole buffer (a view into a larger
 * one, such as a Part 10 file's, is left to be copied).
 *
 * The transfer goes through comlink's `transfer`, which must be the same module as the one
 * cornerstone's worker manager calls (its list of transfers is module state): that is why the
 * import is the copy cornerstone depends on.
 */
import { getWebWorkerManager, registerImageLoader, type Types } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import { transfer } from 'comlink';

/** The decode worker's name in cornerstone's worker manager (dicom-image-loader's init). */
const DECODE_WORKER = 'dicomImageLoader';

interface DecodeTaskArgs {
  pixelData?: unknown;
  options?: { transferPixelData?: unknown; retrieveOptions?: unknown };
}

/**
 * The buffers to transfer with a worker task: the frame's buffer for a decode task marked
 * `transferPixelData` whose bytes fill it; none otherwise (progressive retrieval keeps adding to
 * its buffer, so a task with retrieve options is never marked as done with it). Pure.
 */
export function decodeTransferables(
  workerName: string,
  methodName: string,
  args: unknown,
): ArrayBuffer[] {
  if (workerName !== DECODE_WORKER || methodName !== 'decodeTask') return [];
  if (!args || typeof args !== 'object') return [];
  const { pixelData, options } = args as DecodeTaskArgs;
  if (options?.transferPixelData !== true || options.retrieveOptions !== undefined) return [];
  if (!(pixelData instanceof Uint8Array)) return [];
  const { buffer } = pixelData;
  if (!(buffer instanceof ArrayBuffer)) return [];
  return pixelData.byteOffset === 0 && pixelData.byteLength === buffer.byteLength ? [buffer] : [];
}

/** Wraps the worker manager's task call and re-registers the `wadors:` loader with the mark. */
export function installDecodeTransfer(): void {
  const manager = getWebWorkerManager();
  const execute = manager.executeTask.bind(manager);
  manager.executeTask = (workerName, methodName, args, options) => {
    const buffers = decodeTransferables(workerName, methodName, args);
    return execute(
      workerName,
      methodName,
      buffers.length ? transfer(args, buffers) : args,
      options,
    );
  };
  const loadWadors: Types.ImageLoaderFn = (imageId, options) =>
    wadors.loadImage(imageId, { ...options, transferPixelData: true } as Parameters<
      typeof wadors.loadImage
    >[1]);
  registerImageLoader('wadors', loadWadors);
}
