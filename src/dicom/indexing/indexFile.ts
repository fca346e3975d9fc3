/**
 * Indexes one file: reads its first chunk, parses the header, and says what the file is. Runs in
 * the index worker, and in node tests (Blob is global in both).
 */
import * as dicomParser from 'dicom-parser';
import { inflateSync } from 'fflate';
import { walkItems, walkStart, type FileWindow } from '../encapsulated.ts';
import {
  DicomHeaderError,
  parseInstance,
  type InstanceHeader,
  type ParsedInstance,
} from '../header.ts';

/** Bytes read first: the header of nearly every file fits, its pixel data need not be read. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Bytes read at an item header of encapsulated pixel data past the head: 8 would do for one item,
 * a page also covers items that follow closely (small fragments) in the same read.
 */
export const ITEM_WINDOW_BYTES = 4096;

/** (0002,0002) Media Storage SOP Class of a DICOMDIR (Media Storage Directory Storage). */
export const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

/** What the indexer found: an image header, a DICOMDIR to skip, or a problem. */
export type IndexResult =
  | { kind: 'header'; header: InstanceHeader }
  | { kind: 'dicomdir' }
  | { kind: 'problem'; reason: IndexProblemReason; message: string };

export type IndexProblemReason = 'not-dicom' | 'truncated' | 'corrupt' | 'unreadable';

/**
 * A DICOMDIR indexes a medium's files but holds no image: recognised by its file name (PS3.10
 * §8.6 fixes it as "DICOMDIR") or its SOP class. Its files are indexed on their own anyway.
 */
export function isDicomDir(name: string, header?: Pick<InstanceHeader, 'sopClassUid'>): boolean {
  const base = name.split('/').pop() ?? name;
  return (
    base.toUpperCase() === 'DICOMDIR' || header?.sopClassUid.trim() === MEDIA_STORAGE_DIRECTORY
  );
}

/** (0002,0002) from the file meta group alone, for files whose data set does not parse. */
function metaSopClass(bytes: Uint8Array): string {
  try {
    return dicomParser.readPart10Header(bytes).string('x00020002') ?? '';
  } catch {
    return '';
  }
}

function parse(bytes: Uint8Array, fileSize: number): ParsedInstance {
  // Deflated data sets need the rest of the file inflated (raw DEFLATE, PS3.5 A.5).
  return parseInstance(bytes, { inflateRaw: (data) => inflateSync(data), fileSize });
}

function problemOf(error: unknown): Problem {
  if (error instanceof DicomHeaderError) {
    const reason = error.reason === 'unsupported' ? 'corrupt' : error.reason;
    return { kind: 'problem', reason, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'problem', reason: 'corrupt', message };
}

function unreadable(error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'problem', reason: 'unreadable', message };
}

async function readBytes(blob: Blob, start = 0, end?: number): Promise<Uint8Array> {
  const part = start === 0 && end === undefined ? blob : blob.slice(start, end);
  return new Uint8Array(await part.arrayBuffer());
}

type Problem = Extract<IndexResult, { kind: 'problem' }>;

/** A parsed header whose pixel data is still to be checked, or the final answer. */
type Classified =
  Exclude<IndexResult, { kind: 'header' }> | { kind: 'parsed'; parsed: ParsedInstance };

/**
 * Indexes one file by its first {@link HEAD_BYTES}. When that chunk does not parse (the header runs
 * past it, or a deflated data set cannot inflate from a cut stream) or holds no Pixel Data, and the
 * file is longer, the whole file is read once more; "not DICOM" is decided by byte 128 and never
 * needs a re-read.
 * Encapsulated pixel data is then walked item by item against the file's size (only the item
 * headers past the head are read), so a compressed file cut short is reported as truncated.
 */
export async function indexFile(blob: Blob, name: string): Promise<IndexResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(blob, 0, HEAD_BYTES);
  } catch (error) {
    return unreadable(error);
  }
  let result = classify(bytes, name, blob.size);
  if (blob.size > bytes.length && needsWholeFile(result)) {
    try {
      bytes = await readBytes(blob);
    } catch (error) {
      return unreadable(error);
    }
    result = classify(bytes, name, blob.size);
  }
  if (result.kind !== 'parsed') return result;
  const { header } = result.parsed;
  return (await encapsulatedProblem(blob, bytes, result.parsed)) ?? { kind: 'header', header };
}

/**
 * Whether the head alone could not tell: it did not parse (but is DICOM), or it parsed without
 * reaching Pixel Data, which for a head shorter than the file means it ended between two elements
 * of a header that goes on.
 */
function needsWholeFile(result: Classified): boolean {
  if (result.kind === 'problem') return result.reason !== 'not-dicom';
  return result.kind === 'parsed' && !result.parsed.header.hasPixelData;
}

function classify(bytes: Uint8Array, name: string, fileSize: number): Classified {
  try {
    const parsed = parse(bytes, fileSize);
    return isDicomDir(name, parsed.header) ? { kind: 'dicomdir' } : { kind: 'parsed', parsed };
  } catch (error) {
    // A DICOMDIR is skipped even when its records do not parse: it is never an image.
    const sopClassUid = metaSopClass(bytes);
    return isDicomDir(name, { sopClassUid }) ? { kind: 'dicomdir' } : problemOf(error);
  }
}

/**
 * Walks the items of encapsulated pixel data (src/dicom/encapsulated.ts) from the bytes already
 * read, reading a small window at each item header that lies past them: for a one-fragment image
 * larger than the head that is one read of the last 8 bytes. Undefined when the pixel data is
 * whole (or not encapsulated).
 */
async function encapsulatedProblem(
  blob: Blob,
  head: Uint8Array,
  parsed: ParsedInstance,
): Promise<Problem | undefined> {
  if (parsed.encapsulatedOffset === undefined) return undefined;
  const frames = parsed.header.numberOfFrames;
  let step = walkItems(
    walkStart(parsed.encapsulatedOffset),
    { start: 0, bytes: head },
    blob.size,
    frames,
  );
  while (step.kind === 'need') {
    const start = step.at.offset;
    let window: FileWindow;
    try {
      window = { start, bytes: await readBytes(blob, start, start + ITEM_WINDOW_BYTES) };
    } catch (error) {
      return unreadable(error);
    }
    // The file gave fewer bytes than its size promised (changed while read): never loop on it.
    if (window.bytes.length < Math.min(ITEM_WINDOW_BYTES, blob.size - start)) {
      return unreadable(`only ${window.bytes.length} bytes could be read at byte ${start}`);
    }
    step = walkItems(step.at, window, blob.size, frames);
  }
  if (step.kind === 'complete') return undefined;
  return { kind: 'problem', reason: step.kind, message: step.message };
}
