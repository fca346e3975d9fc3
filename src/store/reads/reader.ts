/** The reader's identity, asked once and kept in localStorage `dream-reader.reader`. */
import type { Reader } from '../../domain';
import { createStore, type Store } from '../createStore';

const STORAGE_KEY = 'dream-reader.reader';

/** A reader from stored JSON, or undefined when absent or malformed. */
export function parseReader(text: string | null): Reader | undefined {
  try {
    const value: unknown = JSON.parse(text ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, name } = value as { id?: unknown; name?: unknown };
    if (typeof id !== 'string' || typeof name !== 'string') return undefined;
    if (id.trim() === '' || name.trim() === '') return undefined;
    return { id, name };
  } catch {
    return undefined;
  }
}

/** The reader set in this browser, and how to set it. */
export interface ReaderStore {
  readonly store: Pick<Store<Reader | undefined>, 'get' | 'subscribe'>;
  /** Sets (and keeps) the reader; id and name are trimmed and must not be empty. */
  set(reader: Reader): void;
}

/** The reader kept in `storage` (the composition root gives localStorage). */
export function createReaderStore(storage: Pick<Storage, 'getItem' | 'setItem'>): ReaderStore {
  let stored: Reader | undefined;
  try {
    stored = parseReader(storage.getItem(STORAGE_KEY));
  } catch {
    stored = undefined;
  }
  const store = createStore<Reader | undefined>(stored);
  return {
    store,
    set(reader) {
      const next = { id: reader.id.trim(), name: reader.name.trim() };
      if (next.id === '' || next.name === '') throw new Error('reader id and name are required');
      storage.setItem(STORAGE_KEY, JSON.stringify(next));
      store.set(next);
    },
  };
}
