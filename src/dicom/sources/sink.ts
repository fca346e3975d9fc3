/**
 * Where a DICOM source puts what it read: the library of the tab (src/store/library.ts
 * implements it), given to each source by the composition root.
 */
import type { CatalogInstance, CatalogProblem } from '../catalog';

/** A load's progress, for the progress bar ("sample", "files", "dicomweb"). */
export interface LoadProgress {
  label: string;
  read: number;
  total: number;
  problems: number;
}

export interface LibrarySink {
  /** Adds instances (and the problems met reading them); the catalogue is rebuilt. */
  add: (instances: readonly CatalogInstance[], problems: readonly CatalogProblem[]) => void;
  /** Shows (or, with undefined, hides) a load's progress, with its cancel action. */
  setLoading: (progress: LoadProgress | undefined, cancel?: () => void) => void;
  /** Reports (or, with undefined, clears) the failure of a whole source. */
  setError: (message: string | undefined) => void;
}
