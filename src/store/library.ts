/**
 * The studies the reader has opened, from every source (the bundled sample, local files, a
 * DICOMweb server), merged into one catalog. Sources add instances and problems; the catalog is
 * rebuilt from all of them, so a patient seen in two sources appears once.
 */
import {
  buildCatalog,
  type Catalog,
  type CatalogInstance,
  type CatalogProblem,
} from '../dicom/catalog';
import type { LibrarySink, LoadProgress } from '../dicom/sources/sink';
import { createStore } from './createStore';
import { loadSampleCatalogInstances } from '../dicom/sources/sample';

export type { LoadProgress } from '../dicom/sources/sink';

export interface LibraryState {
  instances: readonly CatalogInstance[];
  /** Problems found while reading sources (file name, reason), before cataloguing. */
  sourceProblems: readonly CatalogProblem[];
  catalog: Catalog;
  loading: LoadProgress | undefined;
  /** Set when a whole source failed (no manifest, server down, ...). */
  error: string | undefined;
  /** Cancels the load under way, when it can be cancelled. */
  cancel: (() => void) | undefined;
}

const EMPTY: LibraryState = {
  instances: [],
  sourceProblems: [],
  catalog: { patients: [], problems: [] },
  loading: undefined,
  error: undefined,
  cancel: undefined,
};

export const libraryStore = createStore<LibraryState>(EMPTY);

/** All problems to report: those of the sources and those found while cataloguing. */
export function allProblems(state: LibraryState): CatalogProblem[] {
  return [...state.sourceProblems, ...state.catalog.problems];
}

/** Adds instances (and the problems met reading them) and rebuilds the catalog. */
export function addToLibrary(
  instances: readonly CatalogInstance[],
  problems: readonly CatalogProblem[],
): void {
  libraryStore.set((state) => {
    const all = [...state.instances, ...instances];
    return {
      ...state,
      instances: all,
      sourceProblems: [...state.sourceProblems, ...problems],
      catalog: buildCatalog(all),
    };
  });
}

/** Shows (or, with undefined, hides) the progress of a load, with its cancel action. */
export function setLoading(progress: LoadProgress | undefined, cancel?: () => void): void {
  libraryStore.set((state) => ({
    ...state,
    loading: progress,
    cancel: progress ? cancel : undefined,
  }));
}

export function setLibraryError(message: string | undefined): void {
  libraryStore.set((state) => ({ ...state, error: message }));
}

/** The library as the DICOM sources see it (src/dicom/sources/sink.ts). */
export const librarySink: LibrarySink = {
  add: addToLibrary,
  setLoading,
  setError: setLibraryError,
};

/** Where the bundled sample is served (see scripts/vite-plugin-sample.ts). */
export const SAMPLE_BASE_URL = `${import.meta.env.BASE_URL}sample-dicom/`;

let sampleLoad: Promise<void> | undefined;

/** Loads the bundled sample once; later calls share the same load. */
export function loadSampleLibrary(): Promise<void> {
  sampleLoad ??= (async () => {
    const controller = new AbortController();
    setLoading({ label: 'sample', read: 0, total: 0, problems: 0 }, () => controller.abort());
    try {
      const { instances, problems } = await loadSampleCatalogInstances(
        SAMPLE_BASE_URL,
        (progress) => setLoading({ label: 'sample', ...progress }, () => controller.abort()),
        controller.signal,
      );
      addToLibrary(instances, problems);
    } catch (error) {
      if (!controller.signal.aborted) {
        setLibraryError(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setLoading(undefined);
    }
  })();
  return sampleLoad;
}
