/**
 * Consistency checks of a read, for the reader to see before signing. They are warnings, not
 * command refusals: forcing an order of entry (e.g. no site point before the call) would get in
 * the reader's way, while the final record should still be complete and coherent (docs/domain.md §4).
 */
import { asksWhereSeen } from './baselineCalls.ts';
import {
  MODALITY_GROUPS,
  type LesionId,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from './model.ts';
import { notEvaluableGroups } from './examQcRule.ts';
import { deriveLesionStatusInRead } from './status.ts';

/** Kinds of problems a read can have. */
export type ReadIssueKind =
  /** "A disappeared lesion has no size" (docs/domain.md §4). */
  | 'disappeared-with-diameter'
  /** The place where a disappeared lesion was is needed at surgery and follow-up. */
  | 'disappeared-without-site'
  /** At baseline: "not seen" on a modality, yet a size on it (docs/domain.md §10). */
  | 'not-seen-with-diameter'
  /**
   * Disappeared on a modality where the lesion was not seen at baseline: that modality never
   * showed it, so its "disappeared" says nothing about the lesion (docs/domain.md §10).
   */
  | 'disappeared-not-seen-at-baseline'
  | 'missing-segment'
  | 'missing-baseline-location'
  /** No decision possible yet at the status timepoint. */
  | 'status-incomplete'
  /** No study assigned to the status timepoint. */
  | 'status-timepoint-unassigned';

/** One problem, addressed as precisely as it can be. */
export interface ReadIssue {
  readonly kind: ReadIssueKind;
  readonly lesionId?: LesionId;
  readonly timepoint?: TimepointId;
  readonly modality?: ModalityGroup;
  readonly message: string;
}

/**
 * Lists the consistency problems of a read, in registry order (removed lesions are skipped).
 * An empty list means the read is ready to sign as far as the domain can tell.
 */
export function findReadIssues(read: Read): readonly ReadIssue[] {
  const issues: ReadIssue[] = [];
  const statusTimepoint = read.config.statusTimepoint;
  if (!Object.values(read.timepointAssignment).includes(statusTimepoint)) {
    issues.push({
      kind: 'status-timepoint-unassigned',
      timepoint: statusTimepoint,
      message: `no study is assigned to ${statusTimepoint}`,
    });
  }
  for (const lesion of read.lesions) {
    if (lesion.removed !== undefined) continue;
    const lesionId = lesion.id;
    if (lesion.segment === undefined) {
      issues.push({ kind: 'missing-segment', lesionId, message: `${lesionId}: no segment` });
    }
    if (lesion.baselineLocation === undefined) {
      issues.push({
        kind: 'missing-baseline-location',
        lesionId,
        message: `${lesionId}: no baseline location`,
      });
    }
    const atBaseline = lesion.assessments.baseline?.modalities ?? {};
    for (const [timepoint, assessment] of Object.entries(lesion.assessments) as [
      TimepointId,
      NonNullable<(typeof lesion.assessments)[TimepointId]>,
    ][]) {
      for (const modality of MODALITY_GROUPS) {
        const cell = assessment.modalities[modality];
        if (cell?.call !== 'disappeared') continue;
        const where = `${lesionId} ${timepoint} ${modality}`;
        const address = { lesionId, timepoint, modality };
        if (asksWhereSeen(timepoint)) {
          // At baseline the stored "disappeared" means "not seen" (baselineCalls.ts).
          if (cell.diameterMm !== undefined) {
            issues.push({
              kind: 'not-seen-with-diameter',
              ...address,
              message: `${where}: not seen but has a diameter`,
            });
          }
          continue;
        }
        if (cell.diameterMm !== undefined) {
          issues.push({
            kind: 'disappeared-with-diameter',
            ...address,
            message: `${where}: disappeared but has a diameter`,
          });
        }
        if (cell.sitePoint === undefined) {
          issues.push({
            kind: 'disappeared-without-site',
            ...address,
            message: `${where}: disappeared, site not marked`,
          });
        }
        if (atBaseline[modality]?.call === 'disappeared') {
          issues.push({
            kind: 'disappeared-not-seen-at-baseline',
            ...address,
            message: `${where}: disappeared, but not seen on ${modality} at baseline`,
          });
        }
      }
    }
    const derived = deriveLesionStatusInRead(read, lesion);
    if (derived.status === 'incomplete') {
      issues.push({
        kind: 'status-incomplete',
        lesionId,
        timepoint: statusTimepoint,
        message: `${lesionId}: status incomplete (${derived.reason})`,
      });
    }
  }
  return issues;
}

/** What is missing before a read is signed (the sign dialog lists it). */
export type SigningGapKind =
  | 'missing-segment'
  | 'missing-baseline-location'
  | 'missing-baseline-size'
  /** A required modality has no call at the status timepoint. */
  | 'unset-call'
  | 'status-incomplete';

/** One missing thing, addressed by lesion (and modality for an unset call). */
export interface SigningGap {
  readonly kind: SigningGapKind;
  readonly lesionId: LesionId;
  readonly modality?: ModalityGroup;
  readonly timepoint?: TimepointId;
}

/**
 * Lists what is missing before signing, per live lesion in registry order: no segment, no
 * baseline place, no baseline size, each required modality without a call at the status
 * timepoint, and a status that stays "incomplete". Empty: nothing missing. Signing with gaps
 * takes an explicit reason (`SignInput.signAnywayReason`), written on the sign audit entry.
 */
export function findSigningGaps(read: Read): readonly SigningGap[] {
  const gaps: SigningGap[] = [];
  const timepoint = read.config.statusTimepoint;
  for (const lesion of read.lesions) {
    if (lesion.removed !== undefined) continue;
    const lesionId = lesion.id;
    if (lesion.segment === undefined) gaps.push({ kind: 'missing-segment', lesionId });
    if (lesion.baselineLocation === undefined) {
      gaps.push({ kind: 'missing-baseline-location', lesionId });
    }
    if (lesion.baselineDiameterMm === undefined) {
      gaps.push({ kind: 'missing-baseline-size', lesionId });
    }
    const cells = lesion.assessments[timepoint]?.modalities ?? {};
    const excluded = notEvaluableGroups(read, timepoint);
    for (const modality of read.config.requiredModalities) {
      // An exam marked not evaluable (§11) leaves nothing to call on its groups.
      if (cells[modality]?.call === undefined && !excluded.includes(modality)) {
        gaps.push({ kind: 'unset-call', lesionId, modality, timepoint });
      }
    }
    if (deriveLesionStatusInRead(read, lesion).status === 'incomplete') {
      gaps.push({ kind: 'status-incomplete', lesionId, timepoint });
    }
  }
  return gaps;
}
