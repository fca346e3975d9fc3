import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { headerFromDicomJson, type DicomJsonInstance } from '../../src/dicom/dicomJson.ts';
import { parseInstanceHeader } from '../../src/dicom/header.ts';

const base: DicomJsonInstance = {
  '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.4'] },
  '00080018': { vr: 'UI', Value: ['1.2.3.4.5'] },
  '00080060': { vr: 'CS', Value: ['MR'] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'ANON^ONE' }] },
  '00100020': { vr: 'LO', Value: ['DREAM-001'] },
  '0020000D': { vr: 'UI', Value: ['1.2.3'] },
  '0020000E': { vr: 'UI', Value: ['1.2.3.4'] },
  '00280010': { vr: 'US', Value: [256] },
  '00280011': { vr: 'US', Value: [192] },
};

const FL_800 = btoa(String.fromCharCode(...new Uint8Array(new Float32Array([799.99994]).buffer)));

describe('headerFromDicomJson: b-value', () => {
  it.each<[string, DicomJsonInstance, number | undefined]>([
    ['none', {}, undefined],
    ['standard (0018,9087) FD', { '00189087': { vr: 'FD', Value: [800] } }, 800],
    [
      'Siemens (0019,100C) with its creator at (0019,0010)',
      {
        '00190010': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
        '0019100C': { vr: 'IS', Value: [400] },
      },
      400,
    ],
    [
      'Siemens block moved to (0019,11xx) by its creator at (0019,0011)',
      {
        '00190010': { vr: 'LO', Value: ['OTHER'] },
        '00190011': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
        '0019110C': { vr: 'IS', Value: [50] },
      },
      50,
    ],
    [
      'Siemens value sent as UN inline binary',
      {
        '00190010': { vr: 'UN', InlineBinary: btoa('SIEMENS MR HEADER ') },
        '0019100C': { vr: 'UN', InlineBinary: btoa('800 ') },
      },
      800,
    ],
    [
      'Siemens without creator, trusted by Manufacturer',
      { '00080070': { vr: 'LO', Value: ['SIEMENS'] }, '0019100C': { vr: 'IS', Value: [400] } },
      400,
    ],
    [
      'Siemens without creator or Manufacturer',
      { '0019100C': { vr: 'IS', Value: [400] } },
      undefined,
    ],
    [
      'GE (0043,1039) modulo 100000',
      {
        '00430010': { vr: 'LO', Value: ['GEMS_PARM_01'] },
        '00431039': { vr: 'IS', Value: [1000000800, 8, 0, 0] },
      },
      800,
    ],
    [
      'Philips (2001,1003) FL inline binary, rounded',
      {
        '20010010': { vr: 'LO', Value: ['Philips Imaging DD 001'] },
        '20011003': { vr: 'UN', InlineBinary: FL_800 },
      },
      800,
    ],
    [
      'standard wins over private',
      {
        '00189087': { vr: 'FD', Value: [50] },
        '00190010': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
        '0019100C': { vr: 'IS', Value: [400] },
      },
      50,
    ],
  ])('%s', (_name, extra, expected) => {
    expect(headerFromDicomJson({ ...base, ...extra }).bValue).toBe(expected);
  });
});

describe('headerFromDicomJson: pixel data and frames', () => {
  const noSize = { ...base };
  delete noSize['00280010'];
  delete noSize['00280011'];
  it.each<[string, DicomJsonInstance, boolean, number]>([
    ['Rows and Columns', base, true, 1],
    [
      'pixel data as BulkDataURI',
      { ...noSize, '7FE00010': { vr: 'OW', BulkDataURI: 'x' } },
      true,
      1,
    ],
    ['no pixel data, no size (SR)', noSize, false, 0],
    ['Rows 0', { ...base, '00280010': { vr: 'US', Value: [0] } }, false, 0],
    ['multi-frame', { ...base, '00280008': { vr: 'IS', Value: [2] } }, true, 2],
    ['multi-frame as text', { ...base, '00280008': { vr: 'IS', Value: ['12'] } }, true, 12],
  ])('%s', (_name, instance, hasPixelData, numberOfFrames) => {
    const header = headerFromDicomJson(instance);
    expect(header.hasPixelData).toBe(hasPixelData);
    expect(header.numberOfFrames).toBe(numberOfFrames);
  });
});

describe('headerFromDicomJson: values', () => {
  it.each<[string, DicomJsonInstance, Partial<ReturnType<typeof headerFromDicomJson>>]>([
    ['PN alphabetic', {}, { patientName: 'ANON^ONE' }],
    [
      'PN with ideographic group',
      {
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Yamada^Taro', Ideographic: '山田^太郎' }] },
      },
      { patientName: 'Yamada^Taro=山田^太郎' },
    ],
    ['empty element', { '00081030': { vr: 'LO' } }, { studyDescription: '' }],
    ['missing Modality', { '00080060': { vr: 'CS' } }, { modality: '' }],
    [
      'multi-valued DS',
      { '00200032': { vr: 'DS', Value: [-191.25, -191.25, -574.5] } },
      { imagePositionPatient: [-191.25, -191.25, -574.5] },
    ],
    [
      'short IPP is ignored',
      { '00200032': { vr: 'DS', Value: [1, 2] } },
      { imagePositionPatient: undefined },
    ],
    [
      'ImageType upper-cased',
      { '00080008': { vr: 'CS', Value: ['derived', 'Primary', 'ADC'] } },
      { imageType: ['DERIVED', 'PRIMARY', 'ADC'] },
    ],
    ['rescale defaults', {}, { rescaleSlope: 1, rescaleIntercept: 0 }],
    ['no transfer syntax', {}, { transferSyntaxUid: '' }],
    [
      'Available Transfer Syntax UID',
      { '00083002': { vr: 'UI', Value: ['1.2.840.10008.1.2.4.50'] } },
      { transferSyntaxUid: '1.2.840.10008.1.2.4.50' },
    ],
  ])('%s', (_name, extra, expected) => {
    expect(headerFromDicomJson({ ...base, ...extra })).toMatchObject(expected);
  });

  it('takes the transfer syntax argument over the data set', () => {
    const json = { ...base, '00083002': { vr: 'UI', Value: ['1.2.840.10008.1.2.4.50'] } };
    expect(headerFromDicomJson(json, '1.2.840.10008.1.2.1').transferSyntaxUid).toBe(
      '1.2.840.10008.1.2.1',
    );
  });
});

// dcmjs 0.52 has no type declarations for reading (test/dicom/dcmjs.d.ts covers writing only).
const reader = (
  dcmjs as unknown as {
    data: {
      DicomMessage: {
        readFile(buffer: ArrayBuffer): { meta: DicomJsonInstance; dict: DicomJsonInstance };
      };
    };
  }
).data.DicomMessage;

/** The first file of every series folder of the sample: every role, both b-value routes. */
function sampleFiles(): string[] {
  const root = 'sample-dicom';
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.dcm'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const firstPerFolder = new Map<string, string>();
  for (const file of files) {
    const folder = file.slice(0, file.lastIndexOf('/'));
    if (!firstPerFolder.has(folder)) firstPerFolder.set(folder, file);
  }
  return [...firstPerFolder.values()];
}

describe('headerFromDicomJson equals parseInstanceHeader on the sample', () => {
  const files = sampleFiles();
  it('covers both patients', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  it.each(files)('%s', (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const { meta, dict } = reader.readFile(bytes.buffer);
    const transferSyntax = meta['00020010']?.Value?.[0] as string;
    const fromJson = headerFromDicomJson(dict, transferSyntax);
    const fromBytes = parseInstanceHeader(bytes);
    expect(fromJson).toEqual(fromBytes);
  });
});
