/**
 * The acquisition QC of the open patient's exams (src/dicom/qc.ts), computed from the catalogue
 * with the study's thresholds, and recorded in the reader's read as it is at read time
 * (docs/domain.md §11): once the read is ready, and again when the catalogue changes (a timepoint
 * corrected, more files). A signed read keeps what it was signed with (session.ts).
 */
import {
  isTimepointId,
  type ExamQc,
  type ExamQcInput,
  type ModalityGroup,
  type QcFindingRecord,
} from '../../domain';
import type { CatalogExam, CatalogPatient } from '../../dicom/catalog';
import { examQc, worstQcLevel, type QcLevel, type QcThresholds } from '../../dicom/qc';
import type { ReadSession } from '../reads';

/** What the tree shows for one exam: its findings now, and the reader's mark in the read. */
export interface ExamQcView {
  readonly studyInstanceUid: string;
  readonly findings: readonly QcFindingRecord[];
  /** The worst level (`pass` for no finding worse than pass). */
  readonly level: QcLevel;
  /** Findings that are not `pass`. */
  readonly problems: number;
  readonly notEvaluable: ExamQc['notEvaluable'];
}

/** The modality groups an exam provides, from its series' roles (docs/domain.md §3). */
export function examGroups(exam: CatalogExam): ModalityGroup[] {
  const groups = new Set<ModalityGroup>();
  for (const series of exam.series) {
    const { kind } = series.role;
    if (kind === 'CT') groups.add('CT');
    else if (kind === 'DWI' || kind === 'ADC') groups.add('DWI');
    else if (kind === 'T1' || kind === 'T2') groups.add('T1T2');
    else if (kind === 'EOB') groups.add('EOB');
  }
  if (groups.size === 0 && exam.modalities.includes('CT')) groups.add('CT');
  return [...groups];
}

/** The findings of one exam as the read records them. */
export function qcFindings(exam: CatalogExam, thresholds: QcThresholds): QcFindingRecord[] {
  return examQc(exam, thresholds).map((f) => ({
    check: f.check,
    level: f.level,
    ...(f.seriesKey !== undefined && { series: f.seriesKey }),
    ...(f.value !== undefined && { value: f.value }),
    message: f.message,
  }));
}

/** The QC of every exam of the patient at a known timepoint, as `recordExamQc` inputs. */
export function patientQcRecords(
  patient: CatalogPatient,
  thresholds: QcThresholds,
): { studyInstanceUid: string; qc: ExamQcInput }[] {
  return patient.timepoints.flatMap((timepoint) => {
    const id = timepoint.id;
    if (!isTimepointId(id)) return [];
    return timepoint.exams.map((exam) => ({
      studyInstanceUid: exam.studyInstanceUid,
      qc: {
        timepoint: id,
        groups: examGroups(exam),
        thresholds: { ...thresholds },
        findings: qcFindings(exam, thresholds),
      },
    }));
  });
}

/** The tree's view of one exam's QC. */
export function examQcView(
  exam: CatalogExam,
  thresholds: QcThresholds,
  recorded: ExamQc | undefined,
): ExamQcView {
  const found = examQc(exam, thresholds);
  return {
    studyInstanceUid: exam.studyInstanceUid,
    findings: qcFindings(exam, thresholds),
    level: worstQcLevel(found),
    problems: found.filter((f) => f.level !== 'pass').length,
    notEvaluable: recorded?.notEvaluable,
  };
}

/**
 * Records the patient's exam QC in a read session once it is ready, again for each new version or
 * when this tab takes over from another, and when asked (`refresh`, on a new catalogue).
 */
export function followExamQc(
  session: ReadSession,
  patient: () => CatalogPatient,
  thresholds: () => QcThresholds,
): { refresh: () => void; stop: () => void } {
  let recordedFor: string | undefined;
  const record = (force: boolean) => {
    const state = session.store.get();
    if (state.phase !== 'ready' || !state.read || state.conflict) return;
    const key = `${state.read.readId}/${state.read.versionId}`;
    if (!force && key === recordedFor) return;
    recordedFor = key;
    session.recordExamQc(patientQcRecords(patient(), thresholds()));
  };
  const stop = session.store.subscribe(() => record(false));
  record(false);
  return { refresh: () => record(true), stop };
}
