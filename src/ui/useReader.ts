import { useSyncExternalStore } from 'react';
import type { Reader } from '../domain';
import { readerStore } from '../store/reads';

/** The reader identity set in this browser (undefined until the reader has given it). */
export function useReader(): Reader | undefined {
  return useSyncExternalStore(readerStore.subscribe, readerStore.get);
}
