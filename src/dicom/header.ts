/**
 * Header-only parsing of one DICOM Part 10 instance into typed plain metadata. Never decodes
 * pixels: parsing stops at (7FE0,0010) Pixel Data. No DOM: runs in a worker and in node tests.
 */
import * as dicomParser from 'dicom-parser';
import { groupsOfTags, type TagReader } from './bvalue.ts';
import { headerFromTags } from './headerFields.ts';

export type Vec3 = readonly [number, number, number];

/** What the reader needs to know about one instance (tags named beside each field). */
export interface InstanceHeader {
  sopInstanceUid: string; // (0008,0018), else (0002,0003)
  sopClassUid: string; // (0008,0016), else (0002,0002)
  seriesInstanceUid: string; // (0020,000E)
  studyInstanceUid: string; // (0020,000D)
  patientId: string; // (0010,0020)
  patientName: string; // (0010,0010), raw PN
  studyDate: string; // (0008,0020) YYYYMMDD or ''
  studyTime: string; // (0008,0030)
  studyDescription: string; // (0008,1030)
  seriesDescription: string; // (0008,103E)
  seriesNumber: number | undefined; // (0020,0011)
  instanceNumber: number | undefined; // (0020,0013)
  modality: string; // (0008,0060)
  imageType: string[]; // (0008,0008), upper-case values
  frameOfReferenceUid: string; // (0020,0052)
  imagePositionPatient: Vec3 | undefined; // (0020,0032)
  imageOrientationPatient: readonly [number, number, number, number, number, number] | undefined; // (0020,0037)
  pixelSpacing: readonly [number, number] | undefined; // (0028,0030) row, column spacing
  sliceThickness: number | undefined; // (0018,0050)
  rows: number; // (0028,0010), 0 when absent
  columns: number; // (0028,0011), 0 when absent
  numberOfFrames: number; // (0028,0008); 1 when absent with pixel data, 0 without pixel data
  hasPixelData: boolean; // (7FE0,0010) present
  transferSyntaxUid: string; // (0002,0010)
  rescaleSlope: number; // (0028,1053), default 1
  rescaleIntercept: number; // (0028,1052), default 0
  bValue: number | undefined; // see bvalue.ts
  diffusionDirectionality: string; // (0018,9075) or ''
  clinicalTrialTimePointId: string; // (0012,0050) or ''
  contrastBolusAgent: string; // (0018,0010)
  contrastBolusStartTime: string; // (0018,1042) TM
  acquisitionTime: string; // (0008,0032) TM
  seriesTime: string; // (0008,0031) TM
  echoTime: number | undefined; // (0018,0081) ms
  repetitionTime: number | undefined; // (0018,0080) ms
  scanningSequence: string; // (0018,0020)
  sequenceName: string; // (0018,0024)
  manufacturer: string; // (0008,0070)
}

export type DicomHeaderErrorReason = 'not-dicom' | 'truncated' | 'corrupt' | 'unsupported';

/** A file that could not be read as DICOM; `reason` tells the UI which message to show. */
export class DicomHeaderError extends Error {
  constructor(
    readonly reason: DicomHeaderErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'DicomHeaderError';
  }
}

/** Options for {@link parseInstanceHeader}. */
export interface ParseHeaderOptions {
  /**
   * Synchronous raw-deflate inflater for Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99),
   * e.g. node's `zlib.inflateRawSync`. Without it such a file yields only its file meta information.
   */
  inflateRaw?: (deflated: Uint8Array) => Uint8Array;
  /**
   * Size of the whole file when `bytes` may be only its head. When given, a (7FE0,0010) Pixel Data
   * element whose declared length runs past the end of the file is reported as `truncated`: the
   * header alone parses, but the image could never be shown. When `bytes` is the whole file, an
   * image whose data set stops before its Pixel Data is reported as `truncated` too.
   */
  fileSize?: number;
}

const IMPLICIT_LE = '1.2.840.10008.1.2';
const DEFLATED_LE = '1.2.840.10008.1.2.1.99';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';

/** Transfer syntaxes the image loader cannot decode (deflate; big endian is retired, PS3.5 A.3). */
const UNSUPPORTED_SYNTAXES = new Set([DEFLATED_LE, EXPLICIT_BE]);

/**
 * Whether the viewer can decode pixel data in this transfer syntax (0002,0010). Callers keep the
 * header of an unsupported instance for the catalog but should not try to display it.
 */
export function isSupportedTransferSyntax(uid: string): boolean {
  return uid !== '' && !UNSUPPORTED_SYNTAXES.has(uid.trim());
}

/** Part 10 files have a 128-byte preamble and then "DICM" (PS3.10 §7.1). */
function hasDicmPrefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/**
 * A data set without preamble and file meta information (older or hand-made files) is accepted
 * when it starts with an element of group 0008 (Identifying) in implicit VR little endian, which
 * is what such files almost always are. Anything else is not DICOM.
 */
function looksLikeBareDataSet(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x08 && bytes[1] === 0x00;
}

/** The end of the file meta group per (0002,0000) Group Length, or undefined if unreadable. */
function metaGroupEnd(bytes: Uint8Array): number | undefined {
  // Explicit VR LE element at 132: tag(4) 'UL'(2) length(2) value(4).
  if (bytes.length < 144 || bytes[132] !== 0x02 || bytes[133] !== 0x00) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return 144 + view.getUint32(140, true);
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'exception' in error) {
    return errorText(error.exception);
  }
  return String(error);
}

// 'maxPosition': dicom-parser's complaint when a sequence's declared length runs past the bytes.
const OVERRUN =
  /overrun|overread|past end|beyond end|cannot be greater than|premature|end of buffer|maxPosition/i;

/** Thrown by our inflater stand-in so the catch can fall back to the meta header. */
class NoInflaterError extends Error {}

function classify(error: unknown, bytes: Uint8Array): DicomHeaderError {
  const text = errorText(error);
  const end = metaGroupEnd(bytes);
  if (OVERRUN.test(text) || (end !== undefined && bytes.length < end)) {
    return new DicomHeaderError(
      'truncated',
      `The file ends early (${bytes.length} bytes): ${text}`,
    );
  }
  return new DicomHeaderError('corrupt', `The DICOM data could not be read: ${text}`);
}

function toDataSet(bytes: Uint8Array, options: ParseHeaderOptions): dicomParser.DataSet {
  const untilTag = 'x7fe00010';
  const bare = !hasDicmPrefix(bytes);
  if (bare && !looksLikeBareDataSet(bytes)) {
    throw new DicomHeaderError('not-dicom', 'Not a DICOM file: no "DICM" prefix at byte 128.');
  }
  try {
    return dicomParser.parseDicom(bytes, {
      untilTag,
      ...(bare ? { TransferSyntaxUID: IMPLICIT_LE } : {}),
      // Always pass an inflater so behaviour does not depend on whether dicom-parser detects node.
      inflater: (array: Uint8Array, position: number) => {
        if (options.inflateRaw === undefined) throw new NoInflaterError('no inflater');
        const inflated = options.inflateRaw(array.subarray(position));
        const full = new Uint8Array(position + inflated.length);
        full.set(array.subarray(0, position), 0);
        full.set(inflated, position);
        return full;
      },
    });
  } catch (error) {
    if (error instanceof DicomHeaderError) throw error;
    if (bare) {
      throw new DicomHeaderError('not-dicom', `Not a DICOM file: ${errorText(error)}`);
    }
    if (error instanceof NoInflaterError) {
      // The file meta group (0002,xxxx) is never deflated: return what it tells.
      return dicomParser.readPart10Header(bytes);
    }
    throw classify(error, bytes);
  }
}

/**
 * Where the items of encapsulated pixel data start in the file (the offset after the Pixel Data
 * element's header), or undefined when the pixel data is native, absent, or its offsets do not
 * count file bytes (deflated) or little-endian items (big endian).
 */
function encapsulatedOffset(dataSet: dicomParser.DataSet): number | undefined {
  const pixels = dataSet.elements.x7fe00010;
  if (pixels === undefined || !pixels.hadUndefinedLength) return undefined;
  return UNSUPPORTED_SYNTAXES.has(dataSet.string('x00020010')?.trim() ?? '')
    ? undefined
    : pixels.dataOffset;
}

/**
 * See {@link ParseHeaderOptions.fileSize}. Undefined lengths (encapsulated) are walked item by item
 * by the caller, which may need bytes past the head: src/dicom/encapsulated.ts.
 */
function checkPixelDataFits(dataSet: dicomParser.DataSet, fileSize: number | undefined): void {
  const pixels = dataSet.elements.x7fe00010;
  if (fileSize === undefined || pixels === undefined || pixels.hadUndefinedLength) return;
  // In a deflated data set the offsets count inflated bytes, not file bytes.
  if (dataSet.string('x00020010')?.trim() === DEFLATED_LE) return;
  const end = pixels.dataOffset + pixels.length;
  if (end > fileSize) {
    throw new DicomHeaderError(
      'truncated',
      `The pixel data ends early: ${pixels.length} bytes declared, the file ends after ${fileSize - pixels.dataOffset}.`,
    );
  }
}

/**
 * Storage SOP classes of images whose Pixel Data (7FE0,0010) is required (PS3.4 B.5): CR, DX, MG,
 * CT and enhanced CT, US (single and multi-frame), SC, XA, NM, MR and enhanced MR, PET and
 * enhanced PET.
 */
const IMAGE_SOP_CLASSES = new Set(
  ['1', '1.1', '1.2', '2', '2.1', '6.1', '3.1', '7', '12.1', '20', '4', '4.1', '128', '130'].map(
    (suffix) => `1.2.840.10008.5.1.4.1.1.${suffix}`,
  ),
);

/**
 * See {@link ParseHeaderOptions.fileSize}. A whole file cut between two elements of its header
 * parses without error and without Pixel Data. When it is an image (Rows and Columns given, or an
 * image storage SOP class) with no other pixel source (float or double pixel data, a pixel data
 * provider), it was cut.
 */
function checkPixelDataPresent(
  dataSet: dicomParser.DataSet,
  bytes: Uint8Array,
  fileSize: number | undefined,
): void {
  const { elements } = dataSet;
  if (fileSize === undefined || bytes.length < fileSize || elements.x7fe00010 !== undefined) return;
  const sopClass = (dataSet.string('x00080016') ?? dataSet.string('x00020002') ?? '').trim();
  const image =
    (elements.x00280010 !== undefined && elements.x00280011 !== undefined) ||
    IMAGE_SOP_CLASSES.has(sopClass);
  const otherPixels =
    elements.x7fe00008 !== undefined ||
    elements.x7fe00009 !== undefined ||
    elements.x00287fe0 !== undefined;
  if (image && !otherPixels) {
    throw new DicomHeaderError(
      'truncated',
      `The file ends before its Pixel Data (7FE0,0010), after ${fileSize} bytes: an image cut short, or one stored without its pixels.`,
    );
  }
}

function readerOf(dataSet: dicomParser.DataSet): TagReader {
  let groups: Set<string> | undefined;
  return {
    hasGroup(group) {
      // dicom-parser keys elements as `xggggeeee`.
      groups ??= groupsOfTags(Object.keys(dataSet.elements), 1);
      return groups.has(group);
    },
    text(tag) {
      const key = `x${tag.toLowerCase()}`;
      if (dataSet.elements[key] === undefined) return undefined;
      return dataSet.string(key) ?? '';
    },
    float(tag) {
      const key = `x${tag.toLowerCase()}`;
      const element = dataSet.elements[key];
      if (element === undefined) return undefined;
      if (element.length === 8) return dataSet.double(key);
      if (element.length === 4) return dataSet.float(key);
      return undefined;
    },
  };
}

/**
 * Parses the header of one DICOM Part 10 instance. Stops before (7FE0,0010) Pixel Data (dicom-parser
 * `untilTag`), never decodes pixels.
 * @throws DicomHeaderError `not-dicom` (no DICM prefix and no readable bare data set),
 *   `truncated` (the bytes end inside the header), `corrupt` (other parse errors).
 *   Unsupported transfer syntaxes still return a header: see {@link isSupportedTransferSyntax}.
 */
export function parseInstanceHeader(
  bytes: Uint8Array,
  options: ParseHeaderOptions = {},
): InstanceHeader {
  return parseInstance(bytes, options).header;
}

/** The header of one instance, and where its encapsulated pixel data's items start, if any. */
export interface ParsedInstance {
  header: InstanceHeader;
  /** File offset of the first item (Basic Offset Table) of encapsulated pixel data. */
  encapsulatedOffset: number | undefined;
}

/** {@link parseInstanceHeader}, also telling where encapsulated pixel data starts. */
export function parseInstance(bytes: Uint8Array, options: ParseHeaderOptions = {}): ParsedInstance {
  const dataSet = toDataSet(bytes, options);
  checkPixelDataFits(dataSet, options.fileSize);
  checkPixelDataPresent(dataSet, bytes, options.fileSize);
  const get = readerOf(dataSet);
  const hasPixelData = dataSet.elements.x7fe00010 !== undefined;
  const header = headerFromTags(get, {
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
    hasPixelData,
    transferSyntaxUid: get.text('00020010') || (hasDicmPrefix(bytes) ? '' : IMPLICIT_LE),
  });
  return { header, encapsulatedOffset: encapsulatedOffset(dataSet) };
}
