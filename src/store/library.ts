/** The studies the app has opened: for now the bundled sample. */
import type { Catalog } from '../dicom/catalog';
import { createStore } from './createStore';
import { loadSampleCatalog, type LoadProgress } from './sampleSource';

export type LibraryState =
  | { status: 'idle' }
  | { status: 'loading'; progress: LoadProgress }
  | { status: 'ready'; catalog: Catalog }
  | { status: 'error'; message: string };

export const libraryStore = createStore<LibraryState>({ status: 'idle' });

/** Where the bundled sample is served (see scripts/vite-plugin-sample.ts). */
export const SAMPLE_BASE_URL = `${import.meta.env.BASE_URL}sample-dicom/`;

let loading: Promise<void> | undefined;

/** Loads the bundled sample once; later calls share the same load. */
export function loadSampleLibrary(): Promise<void> {
  loading ??= (async () => {
    libraryStore.set({ status: 'loading', progress: { read: 0, total: 0, problems: 0 } });
    try {
      const catalog = await loadSampleCatalog(SAMPLE_BASE_URL, (progress) =>
        libraryStore.set({ status: 'loading', progress }),
      );
      libraryStore.set({ status: 'ready', catalog });
    } catch (error) {
      libraryStore.set({
        status: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  })();
  return loading;
}
