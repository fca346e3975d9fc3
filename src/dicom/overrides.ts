/**
 * The reader's corrections to the automatic catalogue: a series' role and an exam's timepoint.
 * Pure; the store keeps them per patient (and they go into the read).
 */
import {
  withDwiAcquisitions,
  type CatalogExam,
  type CatalogPatient,
  type CatalogTimepoint,
} from './catalog';
import { withComputedAdc } from './computedAdc';
import { compareTimepointIds } from './timepoints';
import { CT_ORDER, EOB_ORDER, roleKey, type SeriesRole } from './roles';

export interface PatientOverrides {
  /** Series key (SeriesInstanceUID, or with ':b<value>' for a DWI stack) -> role key. */
  roles: Readonly<Record<string, string>>;
  /** StudyInstanceUID -> timepoint id ('baseline', 'preop', 'followup-1', ...). */
  timepoints: Readonly<Record<string, string>>;
}

export const NO_OVERRIDES: PatientOverrides = { roles: {}, timepoints: {} };

/** Roles a reader can pick for a series (a DWI stack keeps its own b-value). */
export function roleChoices(current: SeriesRole): SeriesRole[] {
  const dwi: SeriesRole[] =
    current.kind === 'DWI' ? [current] : [{ kind: 'DWI', bValue: undefined }];
  return [
    ...CT_ORDER.map((phase): SeriesRole => ({ kind: 'CT', phase })),
    ...dwi,
    { kind: 'ADC' },
    { kind: 'T2' },
    { kind: 'T1' },
    ...EOB_ORDER.map((phase): SeriesRole => ({ kind: 'EOB', phase })),
    { kind: 'other' },
  ];
}

/** The role a key names (the inverse of roleKey), or undefined for an unknown key. */
export function roleFromKey(key: string): SeriesRole | undefined {
  const dwi = /^DWI_(\d+)$/.exec(key);
  if (dwi) return { kind: 'DWI', bValue: Number(dwi[1]) };
  if (key === 'DWI_UNKNOWN') return { kind: 'DWI', bValue: undefined };
  const all = roleChoices({ kind: 'other' });
  return all.find((role) => roleKey(role) === key);
}

/** Timepoint ids a reader can assign: baseline, pre-op and follow-ups up to `followups`. */
export function timepointChoices(followups = 4): string[] {
  return ['baseline', 'preop', ...Array.from({ length: followups }, (_, i) => `followup-${i + 1}`)];
}

/**
 * The patient with the reader's role and timepoint corrections applied, and an "ADC (computed)"
 * series offered in each exam that then has DWI to fit but no ADC map (see computedAdc.ts).
 */
export function applyOverrides(
  patient: CatalogPatient,
  overrides: PatientOverrides,
): CatalogPatient {
  const exams: { exam: CatalogExam; id: string; source: CatalogTimepoint['source'] }[] = [];
  for (const timepoint of patient.timepoints) {
    for (const exam of timepoint.exams) {
      const overridden = overrides.timepoints[exam.studyInstanceUid];
      const corrected = exam.series.map((s) => {
        const key = overrides.roles[s.key];
        const role = key === undefined ? undefined : roleFromKey(key);
        return role ? { ...s, role } : s;
      });
      // A corrected role may join or leave a DWI acquisition sent as one series per b-value.
      const series = corrected.some((s, i) => s !== exam.series[i])
        ? withDwiAcquisitions(corrected)
        : exam.series;
      exams.push({
        exam: { ...exam, series },
        id: overridden ?? timepoint.id,
        source: overridden === undefined ? timepoint.source : 'reader',
      });
    }
  }
  const byId = new Map<string, CatalogTimepoint>();
  for (const { exam, id, source } of exams) {
    const existing = byId.get(id);
    if (existing) {
      existing.exams.push(exam);
      if (source === 'reader') existing.source = 'reader';
    } else {
      byId.set(id, { id, source, exams: [exam] });
    }
  }
  return withComputedAdc({
    ...patient,
    timepoints: [...byId.values()].sort((a, b) => compareTimepointIds(a.id, b.id)),
  });
}
