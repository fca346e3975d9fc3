/**
 * Numbers that the SR's coded content holds only approximately, and their exact values (kept in
 * the read record, encode.ts): SCOORD3D coordinates are single precision (FL) and ADC is written
 * in um2/s, while the read keeps doubles in 10^-3 mm²/s. An exact value is used on import only
 * where it encodes to the very coded value, so the coded content stays the authority.
 */
import { MODALITY_GROUPS, type ImagePoint, type Read } from '../../domain/index.ts';

/** The coded form of an ADC value (10^-3 mm²/s -> um2/s). */
export const adcToUm2PerS = (value: number): number => value * 1000;

/** The coded form of a coordinate (GraphicData is FL). */
export const toFloat32 = (value: number): number => Math.fround(value);

/**
 * Exact values by key: `L1/baselineLocation/x`, `L1/preop/CT/sitePoint/y`, `L1/preop/DWI/adcMean`,
 * `L1/preop/DWI/comment`.
 */
export type ExactNumbers = Record<string, number | string>;

function addPoint(out: ExactNumbers, key: string, place: ImagePoint | undefined): void {
  if (place === undefined) return;
  out[`${key}/x`] = place.point.x;
  out[`${key}/y`] = place.point.y;
  out[`${key}/z`] = place.point.z;
}

/** The exact values of every approximately coded number of a read. */
export function exactNumbers(read: Read): ExactNumbers {
  const out: ExactNumbers = {};
  for (const lesion of read.lesions) {
    addPoint(out, `${lesion.id}/baselineLocation`, lesion.baselineLocation);
    for (const [timepoint, assessment] of Object.entries(lesion.assessments)) {
      for (const modality of MODALITY_GROUPS) {
        const cell = assessment?.modalities[modality];
        if (cell === undefined) continue;
        const key = `${lesion.id}/${timepoint}/${modality}`;
        addPoint(out, `${key}/sitePoint`, cell.sitePoint);
        if (cell.adcMean !== undefined) out[`${key}/adcMean`] = cell.adcMean;
        if (cell.adcSd !== undefined) out[`${key}/adcSd`] = cell.adcSd;
        // DICOM text values lose trailing spaces; the exact comment keeps them.
        if (cell.comment !== undefined && cell.comment !== cell.comment.trim()) {
          out[`${key}/comment`] = cell.comment;
        }
      }
    }
  }
  return out;
}

/**
 * The value of an approximately coded number: the exact one if it encodes to the coded one,
 * else the coded one decoded.
 */
export function refine(
  coded: number,
  exact: number | string | undefined,
  encode: (value: number) => number,
  decode: (value: number) => number,
): number {
  return typeof exact === 'number' && encode(exact) === coded ? exact : decode(coded);
}

/** The text of a coded TEXT item: the exact one if it differs only by surrounding spaces. */
export function refineText(coded: string, exact: number | string | undefined): string {
  return typeof exact === 'string' && exact.trim() === coded.trim() ? exact : coded;
}
