/**
 * The one mapping from DICOM attributes to {@link InstanceHeader}, shared by the Part 10 parser
 * (header.ts) and the DICOM JSON reader (dicomJson.ts), so both routes give the same header.
 */
import { readBValue, type TagReader } from './bvalue.ts';
import type { InstanceHeader, Vec3 } from './header.ts';

/** What each route decides itself: where the pixel facts and the transfer syntax come from. */
export interface RouteFacts {
  rows: number;
  columns: number;
  hasPixelData: boolean;
  transferSyntaxUid: string;
}

/** Backslash-separated numbers (DS, IS), or undefined when any part is not a number. */
export function numbers(text: string | undefined): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const values = text.split('\\').map((part) => Number(part.trim()));
  return values.every((value) => Number.isFinite(value)) ? values : undefined;
}

function tuple(values: number[] | undefined, n: number): number[] | undefined {
  return values !== undefined && values.length >= n ? values.slice(0, n) : undefined;
}

/** Builds the typed header from a tag reader; tags are 8 upper-case hex digits. */
export function headerFromTags(get: TagReader, facts: RouteFacts): InstanceHeader {
  const str = (tag: string): string => get.text(tag) ?? '';
  const num = (tag: string): number | undefined => numbers(get.text(tag))?.[0];
  const position = tuple(numbers(get.text('00200032')), 3);
  const orientation = tuple(numbers(get.text('00200037')), 6);
  const spacing = tuple(numbers(get.text('00280030')), 2);
  return {
    sopInstanceUid: str('00080018') || str('00020003'),
    sopClassUid: str('00080016') || str('00020002'),
    seriesInstanceUid: str('0020000E'),
    studyInstanceUid: str('0020000D'),
    patientId: str('00100020'),
    patientName: str('00100010'),
    studyDate: str('00080020'),
    studyTime: str('00080030'),
    studyDescription: str('00081030'),
    seriesDescription: str('0008103E'),
    seriesNumber: num('00200011'),
    instanceNumber: num('00200013'),
    modality: str('00080060').toUpperCase(),
    imageType: str('00080008')
      .split('\\')
      .map((value) => value.trim().toUpperCase())
      .filter((value) => value !== ''),
    frameOfReferenceUid: str('00200052'),
    imagePositionPatient: position as Vec3 | undefined,
    imageOrientationPatient: orientation as InstanceHeader['imageOrientationPatient'],
    pixelSpacing: spacing as InstanceHeader['pixelSpacing'],
    sliceThickness: num('00180050'),
    rows: facts.rows,
    columns: facts.columns,
    numberOfFrames: num('00280008') ?? (facts.hasPixelData ? 1 : 0),
    hasPixelData: facts.hasPixelData,
    transferSyntaxUid: facts.transferSyntaxUid,
    rescaleSlope: num('00281053') ?? 1,
    rescaleIntercept: num('00281052') ?? 0,
    bValue: readBValue(get),
    diffusionDirectionality: str('00189075').toUpperCase(),
    clinicalTrialTimePointId: str('00120050'),
    contrastBolusAgent: str('00180010'),
    contrastBolusStartTime: str('00181042'),
    acquisitionTime: str('00080032'),
    seriesTime: str('00080031'),
    echoTime: num('00180081'),
    repetitionTime: num('00180080'),
    scanningSequence: str('00180020'),
    sequenceName: str('00180024'),
    manufacturer: str('00080070'),
  };
}
