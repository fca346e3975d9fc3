import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DicomHeaderError,
  isSupportedTransferSyntax,
  parseInstanceHeader,
} from '../../src/dicom/header.ts';
import { writeDicom } from './fixtures.ts';

const CT = {
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
  SOPInstanceUID: '1.2.826.0.1.1',
  StudyInstanceUID: '1.2.826.0.1',
  SeriesInstanceUID: '1.2.826.0.1.2',
  PatientID: 'DREAM-007',
  PatientName: 'ANON^SEVEN',
  StudyDate: '20240301',
  StudyTime: '101500',
  StudyDescription: 'CT ABDOMEN',
  SeriesDescription: 'PORTAL 5mm',
  SeriesNumber: 3,
  InstanceNumber: 12,
  Modality: 'CT',
  ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
  FrameOfReferenceUID: '1.2.826.0.1.9',
  ImagePositionPatient: [-180, -200, 42.5],
  ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
  PixelSpacing: [0.78, 0.78],
  SliceThickness: 5,
  RescaleSlope: 1,
  RescaleIntercept: -1024,
  ContrastBolusAgent: 'IOMERON 350',
  ContrastBolusStartTime: '101000',
  AcquisitionTime: '101110.5',
  Manufacturer: 'SIEMENS',
  ClinicalTrialTimePointID: 'Baseline',
};

function expectError(run: () => unknown, reason: DicomHeaderError['reason']): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DicomHeaderError);
    expect((error as DicomHeaderError).reason).toBe(reason);
    expect((error as DicomHeaderError).message.length).toBeGreaterThan(10);
    return;
  }
  throw new Error(`expected DicomHeaderError(${reason})`);
}

/** Re-encodes an explicit-VR file as deflated: the data set after the file meta is deflated. */
function deflate(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaEnd = 144 + view.getUint32(140, true);
  const body = deflateRawSync(bytes.subarray(metaEnd));
  const out = new Uint8Array(metaEnd + body.length);
  out.set(bytes.subarray(0, metaEnd));
  out.set(body, metaEnd);
  return out;
}

describe('parseInstanceHeader', () => {
  it('reads a normal CT image', () => {
    const h = parseInstanceHeader(writeDicom(CT));
    expect(h).toMatchObject({
      sopInstanceUid: '1.2.826.0.1.1',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      studyInstanceUid: '1.2.826.0.1',
      seriesInstanceUid: '1.2.826.0.1.2',
      patientId: 'DREAM-007',
      patientName: 'ANON^SEVEN',
      studyDate: '20240301',
      seriesDescription: 'PORTAL 5mm',
      seriesNumber: 3,
      instanceNumber: 12,
      modality: 'CT',
      imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      imagePositionPatient: [-180, -200, 42.5],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.78, 0.78],
      sliceThickness: 5,
      rows: 2,
      columns: 2,
      numberOfFrames: 1,
      hasPixelData: true,
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      bValue: undefined,
      clinicalTrialTimePointId: 'Baseline',
      contrastBolusAgent: 'IOMERON 350',
      contrastBolusStartTime: '101000',
      acquisitionTime: '101110.5',
      manufacturer: 'SIEMENS',
    });
  });

  it('defaults rescale to 1/0 and reads implicit VR little endian', () => {
    const plain = Object.fromEntries(
      Object.entries(CT).filter(([keyword]) => !keyword.startsWith('Rescale')),
    );
    const h = parseInstanceHeader(writeDicom(plain, { transferSyntax: '1.2.840.10008.1.2' }));
    expect([h.rescaleSlope, h.rescaleIntercept, h.transferSyntaxUid]).toEqual([
      1,
      0,
      '1.2.840.10008.1.2',
    ]);
    expect(h.seriesNumber).toBe(3);
  });

  it.each([
    ['explicit VR', '1.2.840.10008.1.2.1'],
    ['implicit VR', '1.2.840.10008.1.2'],
  ])('reads (0018,9087) Diffusion b-value (%s)', (_name, transferSyntax) => {
    const bytes = writeDicom(
      { ...CT, Modality: 'MR', DiffusionBValue: 800, DiffusionDirectionality: 'ISOTROPIC' },
      { transferSyntax },
    );
    const h = parseInstanceHeader(bytes);
    expect(h.bValue).toBe(800);
    expect(h.diffusionDirectionality).toBe('ISOTROPIC');
  });

  it('reads the Siemens private b-value (0019,100C)', () => {
    const bytes = writeDicom(
      { ...CT, Modality: 'MR', Manufacturer: 'SIEMENS' },
      {
        raw: {
          '00190010': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
          '0019100C': { vr: 'IS', Value: [50] },
        },
      },
    );
    expect(parseInstanceHeader(bytes).bValue).toBe(50);
  });

  it('reads echo and repetition time, sequence and time point', () => {
    const bytes = writeDicom({
      ...CT,
      Modality: 'MR',
      EchoTime: 92,
      RepetitionTime: 1400,
      ScanningSequence: 'SE',
      SequenceName: '*h2d1_256',
    });
    const h = parseInstanceHeader(bytes);
    expect([h.echoTime, h.repetitionTime, h.scanningSequence, h.sequenceName]).toEqual([
      92,
      1400,
      'SE',
      '*h2d1_256',
    ]);
  });

  it('reads an SR (no pixel data) as a header without pixels', () => {
    const bytes = writeDicom(
      {
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.22',
        SOPInstanceUID: '1.2.826.0.1.77',
        Modality: 'SR',
        PatientID: 'DREAM-007',
      },
      { pixels: false },
    );
    const h = parseInstanceHeader(bytes);
    expect([h.hasPixelData, h.numberOfFrames, h.rows, h.modality]).toEqual([false, 0, 0, 'SR']);
  });

  it('throws not-dicom for random bytes', () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 2048 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed & 0xff;
    });
    expectError(() => parseInstanceHeader(random), 'not-dicom');
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['tiny', new Uint8Array([1, 2, 3])],
    ['text', new TextEncoder().encode('hello, this is not an image '.repeat(10))],
  ])('throws not-dicom for %s input', (_name, bytes) => {
    expectError(() => parseInstanceHeader(bytes), 'not-dicom');
  });

  const full = writeDicom(CT);
  const pixelStart = full.length - 8 - 12; // 8 pixel bytes, OW header of 12 bytes.
  it.each([
    ['inside the file meta', 180],
    ['inside the data set', 400],
    ['just before the pixel data', pixelStart - 3],
  ])('throws truncated when the bytes end %s', (_where, length) => {
    expectError(() => parseInstanceHeader(full.slice(0, length)), 'truncated');
  });

  it('does not need the pixel data to be complete', () => {
    const h = parseInstanceHeader(full.slice(0, full.length - 4));
    expect(h.hasPixelData).toBe(true);
  });

  it('returns the meta header of a deflated file when no inflater is given', () => {
    const bytes = deflate(writeDicom(CT, { transferSyntax: '1.2.840.10008.1.2.1.99' }));
    const h = parseInstanceHeader(bytes);
    expect(h.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
    expect(h.sopInstanceUid).toBe('1.2.826.0.1.1');
    expect(isSupportedTransferSyntax(h.transferSyntaxUid)).toBe(false);
  });

  it('reads a deflated file fully with an inflater', () => {
    const bytes = deflate(writeDicom(CT, { transferSyntax: '1.2.840.10008.1.2.1.99' }));
    const h = parseInstanceHeader(bytes, { inflateRaw: (d) => inflateRawSync(d) });
    expect([h.patientId, h.seriesNumber, h.hasPixelData]).toEqual(['DREAM-007', 3, true]);
  });

  it('reads explicit VR big endian', () => {
    const h = parseInstanceHeader(writeDicom(CT, { transferSyntax: '1.2.840.10008.1.2.2' }));
    expect([h.patientId, h.rows, h.rescaleIntercept]).toEqual(['DREAM-007', 2, -1024]);
    expect(isSupportedTransferSyntax(h.transferSyntaxUid)).toBe(false);
  });
});

describe('isSupportedTransferSyntax', () => {
  it.each([
    ['1.2.840.10008.1.2', true],
    ['1.2.840.10008.1.2.1', true],
    ['1.2.840.10008.1.2.4.50', true],
    ['1.2.840.10008.1.2.4.90', true],
    ['1.2.840.10008.1.2.1.99', false],
    ['1.2.840.10008.1.2.2', false],
    ['', false],
  ])('%s -> %s', (uid, expected) => {
    expect(isSupportedTransferSyntax(uid)).toBe(expected);
  });
});
