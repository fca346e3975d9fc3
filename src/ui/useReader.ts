import { useSyncExternalStore } from 'react';
import type { Reader } from '../domain';
import { useAppStores } from './appStores';

/** The reader identity set in this browser (undefined until the reader has given it). */
export function useReader(): Reader | undefined {
  const { store } = useAppStores().reader;
  return useSyncExternalStore(store.subscribe, store.get);
}
