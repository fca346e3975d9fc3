/**
 * JPEG-LS lossless coding of 16-bit monochrome frames with CharLS (the WebAssembly build of
 * @cornerstonejs/codec-charls, the codec cornerstone's image loader decodes with), and reading a
 * frame back from a DICOM file parsed by dicom-parser, encapsulated or not.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const charls = await require('@cornerstonejs/codec-charls/wasmjs')();

/** JPEG-LS Lossless Image Compression (process 14, near = 0). */
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';

/**
 * Lossless JPEG-LS code stream of one frame of 16-bit samples (signed values keep their bit
 * pattern; DICOM's Pixel Representation says how to read them back).
 * @param {Int16Array | Uint16Array} pixels
 * @param {number} width
 * @param {number} height
 * @returns {Uint8Array}
 */
export function encodeJpegLs(pixels, width, height) {
  const encoder = new charls.JpegLSEncoder();
  try {
    const input = encoder.getDecodedBuffer({ width, height, bitsPerSample: 16, componentCount: 1 });
    input.set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    encoder.setNearLossless(0);
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } finally {
    encoder.delete();
  }
}

/**
 * Decoded 16-bit samples of a JPEG-LS code stream, with the frame size it declares.
 * @param {Uint8Array} bytes
 * @returns {{width: number, height: number, samples: Uint16Array}}
 */
export function decodeJpegLs(bytes) {
  const decoder = new charls.JpegLSDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const { width, height, bitsPerSample } = decoder.getFrameInfo();
    if (bitsPerSample !== 16) throw new Error(`JPEG-LS frame of ${bitsPerSample} bits, not 16`);
    const out = decoder.getDecodedBuffer().slice();
    return { width, height, samples: new Uint16Array(out.buffer, 0, width * height) };
  } finally {
    decoder.delete();
  }
}

/**
 * The stored values of the single frame of a parsed file: decoded when the transfer syntax is
 * JPEG-LS lossless, read in place when native (little endian).
 * @param {any} dicomParser the dicom-parser module
 * @param {any} dataSet parsed with the pixel data
 * @param {Uint8Array} bytes the file
 * @returns {Int16Array | Uint16Array}
 */
export function storedPixels(dicomParser, dataSet, bytes) {
  const element = dataSet.elements.x7fe00010;
  if (!element) throw new Error('no pixel data');
  const signed = dataSet.uint16('x00280103') === 1;
  let raw;
  if (dataSet.string('x00020010') === JPEG_LS_LOSSLESS) {
    const frame = dicomParser.readEncapsulatedImageFrame(dataSet, element, 0);
    const { samples } = decodeJpegLs(frame);
    raw = samples.buffer;
  } else {
    const start = bytes.byteOffset + element.dataOffset;
    raw = bytes.buffer.slice(start, start + element.length);
  }
  return signed ? new Int16Array(raw) : new Uint16Array(raw);
}
