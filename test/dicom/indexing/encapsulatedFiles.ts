/**
 * Encapsulated (JPEG-LS) sample files taken apart and put back together for the indexer's
 * truncation tests: the bytes before the pixel data's items, the fragments, and builders for
 * multi-fragment and multi-frame variants written item by item (PS3.5 A.4).
 */
import { readFileSync } from 'node:fs';
import * as dicomParser from 'dicom-parser';

/** A one-fragment JPEG-LS CT slice larger than the indexer's head (its delimiter lies past it). */
export const CT_FILE = 'sample-dicom/DREAM-001/20250310-CT/SE01-CT_ARTERIAL/IM0010.dcm';
/** Two more slices of the same series, the frames of the multi-frame file. */
export const CT_NEIGHBOURS = [
  'sample-dicom/DREAM-001/20250310-CT/SE01-CT_ARTERIAL/IM0011.dcm',
  'sample-dicom/DREAM-001/20250310-CT/SE01-CT_ARTERIAL/IM0012.dcm',
];
/** A one-fragment JPEG-LS MR slice smaller than the head: the whole walk is in the first read. */
export const MR_FILE = 'sample-dicom/DREAM-001/20250310-MR/SE01-T2/IM0001.dcm';

/** A file split at its encapsulated pixel data. */
export interface Encapsulated {
  /** Every byte before the first item (the Pixel Data element's header included). */
  prefix: Uint8Array;
  /** The fragments' bytes, in order. */
  fragments: Uint8Array[];
}

export function readSample(path: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(path));
}

/** The sample file's prefix and fragments, read with a full dicom-parser parse. */
export function split(bytes: Uint8Array): Encapsulated {
  const element = dicomParser.parseDicom(bytes).elements.x7fe00010;
  if (element?.fragments === undefined) throw new Error('not encapsulated');
  return {
    prefix: bytes.slice(0, element.dataOffset),
    fragments: element.fragments.map((f) => bytes.slice(f.position, f.position + f.length)),
  };
}

function itemHeader(element: number, length: number): Uint8Array {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, element, true);
  view.setUint32(4, length, true);
  return header;
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The prefix, a Basic Offset Table (empty, or the offsets of `frameStarts` fragments), the
 * fragments and the sequence delimiter.
 */
export function encapsulate(
  prefix: Uint8Array,
  fragments: readonly Uint8Array[],
  frameStarts: readonly number[] = [],
): Uint8Array<ArrayBuffer> {
  const offsets: number[] = [];
  let at = 0;
  fragments.forEach((fragment, index) => {
    if (frameStarts.includes(index)) offsets.push(at);
    at += 8 + fragment.length;
  });
  const table = new Uint8Array(new Uint32Array(offsets).buffer);
  return concat([
    prefix,
    itemHeader(0xe000, table.length),
    table,
    ...fragments.flatMap((fragment) => [itemHeader(0xe000, fragment.length), fragment]),
    itemHeader(0xe0dd, 0),
  ]);
}

/** A fragment cut into `parts` pieces of even length (a frame may span several fragments). */
export function cutFragment(fragment: Uint8Array, parts: number): Uint8Array[] {
  const size = Math.ceil(fragment.length / parts / 2) * 2;
  return Array.from({ length: parts }, (_, i) => fragment.slice(i * size, (i + 1) * size));
}

/**
 * The prefix with Number of Frames (0028,0008) set, inserted before Rows (0028,0010) in explicit
 * VR little endian (the sample's data sets have no such element).
 */
export function withFrames(prefix: Uint8Array, frames: number): Uint8Array<ArrayBuffer> {
  const rows = dicomParser.parseDicom(prefix, { untilTag: 'x7fe00010' }).elements.x00280010;
  if (rows === undefined) throw new Error('no Rows');
  const text = String(frames);
  const value = text.length % 2 === 0 ? text : `${text} `;
  const element = new Uint8Array(8 + value.length);
  element.set([0x28, 0x00, 0x08, 0x00, 0x49, 0x53, value.length, 0]);
  element.set(new TextEncoder().encode(value), 8);
  const at = rows.dataOffset - 8;
  return concat([prefix.subarray(0, at), element, prefix.subarray(at)]);
}

/** Byte offsets of every item header after the prefix, and the delimiter's, in `bytes`. */
export function itemOffsets(bytes: Uint8Array, prefixLength: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let at = prefixLength; at + 8 <= bytes.length;) {
    offsets.push(at);
    if (view.getUint16(at + 2, true) === 0xe0dd) break;
    at += 8 + view.getUint32(at + 4, true);
  }
  return offsets;
}
