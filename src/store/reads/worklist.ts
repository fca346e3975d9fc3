/** The worklist's read state per patient, from the repository: not started, in progress, signed. */
import { worklistStates, type WorklistState } from '../../domain';
import { createStore, type Store } from '../createStore';
import type { ReadRepository } from './repository';

export { worklistStates, type WorklistState } from '../../domain';

/** The read state of each patient for the reader, from the repository. */
export interface WorklistStore {
  readonly store: Pick<Store<Readonly<Record<string, WorklistState>>>, 'get' | 'subscribe'>;
  /** Reloads the states from the repository (errors leave the previous states). */
  refresh(readerId: string): Promise<void>;
}

export function createWorklistStore(repository: () => ReadRepository): WorklistStore {
  const store = createStore<Readonly<Record<string, WorklistState>>>({});
  return {
    store,
    async refresh(readerId) {
      try {
        store.set(worklistStates(await repository().list(), readerId));
      } catch {
        // The worklist is a convenience; a failing IndexedDB shows up when a read is opened.
      }
    },
  };
}
