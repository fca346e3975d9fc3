/**
 * The reader's role and timepoint corrections per patient, kept in the browser so they survive a
 * reload (they move into the read once reads exist).
 */
import { NO_OVERRIDES, type PatientOverrides } from '../dicom/overrides';
import { createStore, type Store } from './createStore';

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
function load(storage: Pick<Storage, 'getItem'>): AllOverrides {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}');
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

export function overridesOf(all: AllOverrides, patientId: string): PatientOverrides {
  return all[patientId] ?? NO_OVERRIDES;
}

/** The corrections of every patient, kept in `storage`, and the two ways to change them. */
export interface OverridesStore {
  readonly store: Pick<Store<AllOverrides>, 'get' | 'subscribe'>;
  /** Sets a series' role (a role key), or with undefined goes back to the automatic role. */
  readonly overrideRole: (patientId: string, seriesKey: string, role: string | undefined) => void;
  /** Assigns an exam to a timepoint, or with undefined goes back to the automatic one. */
  readonly overrideTimepoint: (
    patientId: string,
    studyUid: string,
    timepoint: string | undefined,
  ) => void;
}

/** The corrections kept in `storage` (the composition root gives localStorage). */
export function createOverridesStore(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): OverridesStore {
  const store = createStore<AllOverrides>(load(storage));
  store.subscribe(() => storage.setItem(STORAGE_KEY, JSON.stringify(store.get())));
  const update = (patientId: string, change: (current: PatientOverrides) => PatientOverrides) =>
    store.set((all) => ({ ...all, [patientId]: change(overridesOf(all, patientId)) }));
  return {
    store,
    overrideRole(patientId, seriesKey, role) {
      update(patientId, (current) => {
        const roles = { ...current.roles };
        if (role === undefined) delete roles[seriesKey];
        else roles[seriesKey] = role;
        return { ...current, roles };
      });
    },
    overrideTimepoint(patientId, studyUid, timepoint) {
      update(patientId, (current) => {
        const timepoints = { ...current.timepoints };
        if (timepoint === undefined) delete timepoints[studyUid];
        else timepoints[studyUid] = timepoint;
        return { ...current, timepoints };
      });
    },
  };
}
