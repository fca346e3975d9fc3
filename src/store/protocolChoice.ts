/**
 * The reader's hanging protocol per study, kept in this browser's localStorage (every tab and
 * later visits open the study with it). The key names the patient and the sorted Study Instance
 * UIDs of what is open, so another set of studies is matched afresh.
 */
import type { CatalogPatient } from '../dicom/catalog';

const PREFIX = 'dream-reader.protocol.';

/** The study key of a patient as opened: its id and its studies' UIDs. */
export function studyKeyOf(patient: CatalogPatient): string {
  const uids = patient.timepoints.flatMap((t) => t.exams.map((e) => e.studyInstanceUid));
  return `${patient.patientId}|${[...new Set(uids)].sort().join(',')}`;
}

/** Loads and saves protocol choices by study key in a Storage (localStorage by default). */
export function protocolChoices(storage: () => Storage = () => localStorage) {
  return {
    load(studyKey: string): string | undefined {
      try {
        return storage().getItem(PREFIX + studyKey) ?? undefined;
      } catch {
        return undefined;
      }
    },
    save(studyKey: string, protocolId: string): void {
      try {
        storage().setItem(PREFIX + studyKey, protocolId);
      } catch {
        // Private mode or quota: the best match is used next time.
      }
    },
  };
}
