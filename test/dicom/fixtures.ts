/** Builders with defaults for src/dicom tests. */
import dcmjs from 'dcmjs';
import type { InstanceHeader } from '../../src/dicom/header.ts';
import type { CatalogInstance } from '../../src/dicom/catalog.ts';

/** A plausible axial single-frame MR header; override what the test is about. */
export function makeHeader(overrides: Partial<InstanceHeader> = {}): InstanceHeader {
  return {
    sopInstanceUid: '1.2.3.4.5',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
    seriesInstanceUid: '1.2.3.4',
    studyInstanceUid: '1.2.3',
    patientId: 'DREAM-001',
    patientName: 'ANON^ONE',
    studyDate: '20240110',
    studyTime: '090000',
    studyDescription: 'LIVER',
    seriesDescription: '',
    seriesNumber: 1,
    instanceNumber: 1,
    modality: 'MR',
    imageType: ['ORIGINAL', 'PRIMARY'],
    frameOfReferenceUid: '1.2.3.9',
    imagePositionPatient: [0, 0, 0],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [1, 1],
    sliceThickness: 5,
    rows: 256,
    columns: 256,
    numberOfFrames: 1,
    hasPixelData: true,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    rescaleSlope: 1,
    rescaleIntercept: 0,
    bValue: undefined,
    diffusionDirectionality: '',
    clinicalTrialTimePointId: '',
    contrastBolusAgent: '',
    contrastBolusStartTime: '',
    acquisitionTime: '',
    seriesTime: '',
    echoTime: undefined,
    repetitionTime: undefined,
    scanningSequence: '',
    sequenceName: '',
    manufacturer: '',
    ...overrides,
  };
}

let counter = 0;

/** A catalog instance with a fresh SOP Instance UID unless one is given. */
export function makeInstance(
  overrides: Partial<InstanceHeader> = {},
  source?: string,
): CatalogInstance {
  counter += 1;
  return {
    source: source ?? `file:${counter}`,
    header: makeHeader({ sopInstanceUid: `1.2.3.4.5.${counter}`, ...overrides }),
  };
}

export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

/**
 * Real DICOM Part 10 bytes written by dcmjs from a naturalized data set (keywords as keys) plus
 * optional raw elements (8-hex-digit tags, for private tags), with a 2x2 16-bit image unless
 * `pixels` is false.
 */
export function writeDicom(
  dataset: Record<string, unknown>,
  options: {
    transferSyntax?: string;
    raw?: Record<string, { vr: string; Value: unknown[] }>;
    pixels?: boolean;
  } = {},
): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const sopClass = typeof dataset.SOPClassUID === 'string' ? dataset.SOPClassUID : '1.2.3';
  const sopInstance = typeof dataset.SOPInstanceUID === 'string' ? dataset.SOPInstanceUID : '1.2';
  const dict = new DicomDict({
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [sopClass] },
    '00020003': { vr: 'UI', Value: [sopInstance] },
    '00020010': { vr: 'UI', Value: [options.transferSyntax ?? EXPLICIT_LE] },
    '00020012': { vr: 'UI', Value: ['1.2.826.0.1.3680043.9.7133.1'] },
  });
  const image =
    options.pixels === false
      ? {}
      : {
          Rows: 2,
          Columns: 2,
          BitsAllocated: 16,
          BitsStored: 16,
          HighBit: 15,
          PixelRepresentation: 0,
          SamplesPerPixel: 1,
          PhotometricInterpretation: 'MONOCHROME2',
          PixelData: [new Uint16Array([1, 2, 3, 4]).buffer],
          _vrMap: { PixelData: 'OW' },
        };
  dict.dict = {
    ...DicomMetaDictionary.denaturalizeDataset({ ...image, ...dataset }),
    ...options.raw,
  };
  return new Uint8Array(dict.write());
}
