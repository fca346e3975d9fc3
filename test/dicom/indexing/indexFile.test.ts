import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  HEAD_BYTES,
  indexFile,
  isDicomDir,
  MEDIA_STORAGE_DIRECTORY,
} from '../../../src/dicom/indexing/indexFile.ts';
import dcmjs from 'dcmjs';
import * as dicomParser from 'dicom-parser';
import { storedPixels } from '../../../scripts/sample/jpegls.mjs';
import { makeHeader } from '../fixtures.ts';

const SAMPLE = 'sample-dicom/DREAM-002/20250729-MR/SE04-EOB_HBP/IM0001.dcm';

interface DicomDict {
  meta: Record<string, { vr: string; Value?: unknown[] }>;
  dict: Record<string, { vr: string; Value?: unknown[] }>;
  write(): ArrayBuffer;
}
const { DicomMessage } = (
  dcmjs as unknown as { data: { DicomMessage: { readFile(buffer: ArrayBuffer): DicomDict } } }
).data;

/**
 * The sample file with its JPEG-LS frame decoded and stored as native words (explicit VR little
 * endian): the truncation cases cut into pixel data whose length the header states.
 */
function nativeCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const pixels = storedPixels(dicomParser, dicomParser.parseDicom(bytes), bytes);
  const file = DicomMessage.readFile(bytes.slice().buffer);
  file.meta['00020010'] = { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] };
  file.dict['7FE00010'] = { vr: 'OW', Value: [pixels.buffer] };
  return new Uint8Array(file.write());
}

describe('isDicomDir', () => {
  it.each([
    ['DICOMDIR', undefined, true],
    ['cd/DICOMDIR', undefined, true],
    ['zip.zip/dicomdir', undefined, true],
    ['DICOMDIR-bigEnd', undefined, false],
    ['IM0001', undefined, false],
    ['DICOMDIR-empty.dcm', makeHeader({ sopClassUid: MEDIA_STORAGE_DIRECTORY }), true],
    ['IM0001', makeHeader(), false],
  ])('%s -> %s', (name, header, expected) => {
    expect(isDicomDir(name, header)).toBe(expected);
  });
});

describe('indexFile', () => {
  const bytes = new Uint8Array(readFileSync(SAMPLE));
  const native = nativeCopy(bytes);

  it('reads the header of a sample image', async () => {
    const result = await indexFile(new Blob([bytes]), 'IM0001.dcm');
    expect(result.kind).toBe('header');
    if (result.kind === 'header') expect(result.header.patientId).toBe('DREAM-002');
  });

  it('reports a file without the DICM prefix as not DICOM', async () => {
    const result = await indexFile(new Blob(['hello, this is text'.repeat(20)]), 'README.txt');
    expect(result).toMatchObject({ kind: 'problem', reason: 'not-dicom' });
  });

  it('reads the header of the same image with native pixel data', async () => {
    const result = await indexFile(new Blob([native]), 'IM0001.dcm');
    expect(result.kind).toBe('header');
    if (result.kind === 'header') expect(result.header.rows).toBe(256);
  });

  it('reports a header cut short as truncated', async () => {
    const result = await indexFile(new Blob([native.subarray(0, 400)]), 'cut.dcm');
    expect(result).toMatchObject({ kind: 'problem', reason: 'truncated' });
  });

  it('reports a file cut inside its pixel data as truncated', async () => {
    const result = await indexFile(new Blob([native.subarray(0, native.length - 100)]), 'cut.dcm');
    expect(result).toMatchObject({ kind: 'problem', reason: 'truncated' });
    if (result.kind === 'problem') expect(result.message).toMatch(/pixel data ends early/);
  });

  it('parses a file larger than the first chunk from its head alone', async () => {
    const padded = new Uint8Array(HEAD_BYTES * 2 + bytes.length);
    padded.set(bytes, 0);
    const result = await indexFile(new Blob([padded]), 'big.dcm');
    expect(result.kind).toBe('header');
  });

  it('skips a file named DICOMDIR silently even when it does not parse', async () => {
    const result = await indexFile(new Blob(['not really']), 'DICOMDIR');
    expect(result).toEqual({ kind: 'dicomdir' });
  });
});
