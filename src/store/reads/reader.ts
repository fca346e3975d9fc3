/** The reader's identity, asked once and kept in localStorage `dream-reader.reader`. */
import type { Reader } from '../../domain';
import { createStore } from '../createStore';

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

function load(): Reader | undefined {
  try {
    return parseReader(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

export const readerStore = createStore<Reader | undefined>(load());

/** Sets (and keeps) the reader; id and name are trimmed and must not be empty. */
export function setReader(reader: Reader): void {
  const next = { id: reader.id.trim(), name: reader.name.trim() };
  if (next.id === '' || next.name === '') throw new Error('reader id and name are required');
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  readerStore.set(next);
}
