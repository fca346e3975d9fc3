/**
 * The marks a read puts on images: every place recorded on a live lesion (its baseline place,
 * with its baseline diameter, and each site point of a later timepoint), labelled with the
 * lesion's id. The viewer draws them again from the read alone, so they survive a reload, an
 * import and another browser (docs/domain.md §4 on lesions).
 */
import {
  MODALITY_GROUPS,
  isTimepointId,
  type ImagePoint,
  type LesionId,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from './model.ts';

/** One place recorded on a lesion. */
export interface ReadMark {
  /** Stable for the same place of the same lesion: `L1:baseline`, `L1:preop:CT:site`. */
  readonly key: string;
  readonly lesionId: LesionId;
  readonly timepoint: TimepointId;
  readonly kind: 'baseline' | 'site';
  /** The modality group a site point was recorded under. */
  readonly modality?: ModalityGroup;
  readonly place: ImagePoint;
  /** The baseline's longest diameter (mm), when recorded. */
  readonly diameterMm?: number;
}

/** Every mark of the read's live lesions (removed lesions draw nothing), lesion by lesion. */
export function readMarks(read: Read): ReadMark[] {
  return read.lesions.flatMap((lesion): ReadMark[] => {
    if (lesion.removed !== undefined) return [];
    const marks: ReadMark[] = [];
    if (lesion.baselineLocation) {
      marks.push({
        key: `${lesion.id}:baseline`,
        lesionId: lesion.id,
        timepoint: 'baseline',
        kind: 'baseline',
        place: lesion.baselineLocation,
        ...(lesion.baselineDiameterMm !== undefined && { diameterMm: lesion.baselineDiameterMm }),
      });
    }
    for (const [timepoint, assessment] of Object.entries(lesion.assessments)) {
      if (!isTimepointId(timepoint) || !assessment) continue;
      for (const modality of MODALITY_GROUPS) {
        const sitePoint = assessment.modalities[modality]?.sitePoint;
        if (!sitePoint) continue;
        marks.push({
          key: `${lesion.id}:${timepoint}:${modality}:site`,
          lesionId: lesion.id,
          timepoint,
          kind: 'site',
          modality,
          place: sitePoint,
        });
      }
    }
    return marks;
  });
}
