/** Types of scripts/sample/jpegls.mjs for the TypeScript tests that read the sample's pixels. */
import type * as dicomParserModule from 'dicom-parser';

export const JPEG_LS_LOSSLESS: string;
export function encodeJpegLs(
  pixels: Int16Array | Uint16Array,
  width: number,
  height: number,
): Uint8Array;
export function decodeJpegLs(bytes: Uint8Array): {
  width: number;
  height: number;
  samples: Uint16Array;
};
export function storedPixels(
  dicomParser: typeof dicomParserModule,
  dataSet: dicomParserModule.DataSet,
  bytes: Uint8Array,
): Int16Array | Uint16Array;
