/**
 * Hands frames fetched before the app started (src/dicom/sources/earlyFrames.ts) to cornerstone's
 * `wadors:` image loader. The loader first looks for a frame's bytes in the metadata registry
 * (its loadImageFromCompressedFrameRegistry) and decodes them without a request; this registers
 * the early frame there for the moment of its load and puts a thin loader in front of the
 * loader's own, which waits for a frame still on its way. An image id with no early frame, or
 * whose early request failed, loads as before. Called once, after the DICOM image loader's init.
 */
import { metaData, registerImageLoader, type Types } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import type { EarlyFrame, EarlyFrames } from '../dicom/sources/earlyFrames';

/** The metadata module the loader reads a frame's bytes from (MetadataModules in cornerstone). */
const COMPRESSED_FRAME_DATA = 'compressedFrameData';

export function installEarlyFrames(frames: EarlyFrames): void {
  const loading = new Map<string, EarlyFrame>();
  metaData.addProvider(
    (type: string, imageId: unknown) =>
      type === COMPRESSED_FRAME_DATA && typeof imageId === 'string'
        ? loading.get(imageId)
        : undefined,
    10_000,
  );
  const load: Types.ImageLoaderFn = wadors.loadImage;
  registerImageLoader('wadors', (imageId, options) => {
    const early = frames.take(imageId);
    if (!early) return load(imageId, options);
    const promise = early.then((frame) => {
      if (frame) loading.set(imageId, frame);
      try {
        // The loader reads the registry as it starts, synchronously.
        return load(imageId, options).promise;
      } finally {
        loading.delete(imageId);
      }
    });
    return { promise, cancelFn: undefined };
  });
}
