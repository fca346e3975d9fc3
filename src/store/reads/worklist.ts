/** The worklist's read state per patient, from the repository: not started, in progress, signed. */
import { worklistStates, type WorklistState } from '../../domain';
import { createStore } from '../createStore';
import type { ReadRepository } from './repository';

export { worklistStates, type WorklistState } from '../../domain';

export const worklistStore = createStore<Readonly<Record<string, WorklistState>>>({});

/** Reloads the worklist states from the repository (errors leave the previous states). */
export async function refreshWorklist(repository: ReadRepository, readerId: string): Promise<void> {
  try {
    worklistStore.set(worklistStates(await repository.list(), readerId));
  } catch {
    // The worklist is a convenience; a failing IndexedDB shows up when a read is opened.
  }
}
