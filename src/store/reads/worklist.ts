/** The worklist's read state per patient, from the repository: not started, in progress, signed. */
import type { Read } from '../../domain';
import { createStore } from '../createStore';
import { latestRead, type ReadRepository } from './repository';

/** A patient's read state on the worklist. */
export type WorklistState = 'not-started' | 'in-progress' | 'signed';

/** The state of the latest read of `readerId` per patient. */
export function worklistStates(
  reads: readonly Read[],
  readerId: string,
): Record<string, WorklistState> {
  const byPatient = new Map<string, Read[]>();
  for (const read of reads)
    byPatient.set(read.patientId, [...(byPatient.get(read.patientId) ?? []), read]);
  const states: Record<string, WorklistState> = {};
  for (const [patientId, list] of byPatient) {
    const latest = latestRead(list, readerId);
    if (latest) states[patientId] = latest.state.kind === 'signed' ? 'signed' : 'in-progress';
  }
  return states;
}

export const worklistStore = createStore<Readonly<Record<string, WorklistState>>>({});

/** Reloads the worklist states from the repository (errors leave the previous states). */
export async function refreshWorklist(repository: ReadRepository, readerId: string): Promise<void> {
  try {
    worklistStore.set(worklistStates(await repository.list(), readerId));
  } catch {
    // The worklist is a convenience; a failing IndexedDB shows up when a read is opened.
  }
}
