/**
 * The study-settable limits of acquisition QC (src/dicom/qc.ts applies them to an exam's
 * headers; a study file carries them, src/domain/study/). Here so that the domain can validate a
 * study file without the DICOM layer.
 */

/** Study-settable limits; every field documented with its default. */
export interface QcThresholds {
  /** HBP earlier than this after injection fails (default 10 min). */
  readonly minHbpDelayMinutes: number;
  /** HBP earlier than this warns (default 20 min: adequate HBP in 93% at 20 min, 80% at 15). */
  readonly recommendedHbpDelayMinutes: number;
  /** Distinct DWI b-values needed (default 2). */
  readonly minBValueCount: number;
  /** One DWI b-value must reach this, s/mm² (default 400). */
  readonly minHighBValue: number;
  /** Thicker slices fail, mm (default 6). */
  readonly maxSliceThicknessMm: number;
  /** A step over (1 + this) x the median spacing is a gap (default 0.5). */
  readonly gapTolerance: number;
}

export const DEFAULT_QC_THRESHOLDS: QcThresholds = {
  minHbpDelayMinutes: 10,
  recommendedHbpDelayMinutes: 20,
  minBValueCount: 2,
  minHighBValue: 400,
  maxSliceThicknessMm: 6,
  gapTolerance: 0.5,
};
