/**
 * Indexes one file: reads its first chunk, parses the header, and says what the file is. Runs in
 * the index worker, and in node tests (Blob is global in both).
 */
import * as dicomParser from 'dicom-parser';
import { inflateSync } from 'fflate';
import { DicomHeaderError, parseInstanceHeader, type InstanceHeader } from '../header.ts';

/** Bytes read first: the header of nearly every file fits, its pixel data need not be read. */
export const HEAD_BYTES = 64 * 1024;

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

function parse(bytes: Uint8Array, fileSize: number): InstanceHeader {
  // Deflated data sets need the rest of the file inflated (raw DEFLATE, PS3.5 A.5).
  return parseInstanceHeader(bytes, { inflateRaw: (data) => inflateSync(data), fileSize });
}

function problemOf(error: unknown): IndexResult {
  if (error instanceof DicomHeaderError) {
    const reason = error.reason === 'unsupported' ? 'corrupt' : error.reason;
    return { kind: 'problem', reason, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'problem', reason: 'corrupt', message };
}

async function readBytes(blob: Blob, end?: number): Promise<Uint8Array> {
  const part = end === undefined ? blob : blob.slice(0, end);
  return new Uint8Array(await part.arrayBuffer());
}

/**
 * Indexes one file by its first {@link HEAD_BYTES}. When that chunk does not parse (the header runs
 * past it, or a deflated data set cannot inflate from a cut stream) and the file is longer, the
 * whole file is read once more; "not DICOM" is decided by byte 128 and never needs a re-read.
 */
export async function indexFile(blob: Blob, name: string): Promise<IndexResult> {
  let head: Uint8Array;
  try {
    head = await readBytes(blob, HEAD_BYTES);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'problem', reason: 'unreadable', message };
  }
  let result = classify(head, name, blob.size);
  if (result.kind === 'problem' && result.reason !== 'not-dicom' && blob.size > head.length) {
    try {
      result = classify(await readBytes(blob), name, blob.size);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'problem', reason: 'unreadable', message };
    }
  }
  return result;
}

function classify(bytes: Uint8Array, name: string, fileSize: number): IndexResult {
  try {
    const header = parse(bytes, fileSize);
    return isDicomDir(name, header) ? { kind: 'dicomdir' } : { kind: 'header', header };
  } catch (error) {
    // A DICOMDIR is skipped even when its records do not parse: it is never an image.
    const sopClassUid = metaSopClass(bytes);
    return isDicomDir(name, { sopClassUid }) ? { kind: 'dicomdir' } : problemOf(error);
  }
}
