/**
 * The reader's role and timepoint corrections per patient, kept in the browser so they survive a
 * reload (they move into the read once reads exist).
 */
import { NO_OVERRIDES, type PatientOverrides } from '../dicom/overrides';
import { createStore } from './createStore';

const STORAGE_KEY = 'dream-reader.overrides.v1';
type AllOverrides = Readonly<Record<string, PatientOverrides>>;

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

/** Reads the stored overrides, dropping anything malformed rather than failing. */
function load(): AllOverrides {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const result: Record<string, PatientOverrides> = {};
    for (const [patientId, entry] of Object.entries(parsed)) {
      const { roles, timepoints } = (entry ?? {}) as { roles?: unknown; timepoints?: unknown };
      if (isRecordOfStrings(roles) && isRecordOfStrings(timepoints)) {
        result[patientId] = { roles, timepoints };
      }
    }
    return result;
  } catch {
    return {};
  }
}

export const overridesStore = createStore<AllOverrides>(load());
overridesStore.subscribe(() =>
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(overridesStore.get())),
);

export function overridesOf(all: AllOverrides, patientId: string): PatientOverrides {
  return all[patientId] ?? NO_OVERRIDES;
}

function update(patientId: string, change: (current: PatientOverrides) => PatientOverrides) {
  overridesStore.set((all) => ({ ...all, [patientId]: change(overridesOf(all, patientId)) }));
}

/** Sets a series' role (a role key), or with undefined goes back to the automatic role. */
export function overrideRole(patientId: string, seriesKey: string, role: string | undefined) {
  update(patientId, (current) => {
    const roles = { ...current.roles };
    if (role === undefined) delete roles[seriesKey];
    else roles[seriesKey] = role;
    return { ...current, roles };
  });
}

/** Assigns an exam to a timepoint, or with undefined goes back to the automatic one. */
export function overrideTimepoint(
  patientId: string,
  studyUid: string,
  timepoint: string | undefined,
) {
  update(patientId, (current) => {
    const timepoints = { ...current.timepoints };
    if (timepoint === undefined) delete timepoints[studyUid];
    else timepoints[studyUid] = timepoint;
    return { ...current, timepoints };
  });
}
