/**
 * The tab's stores made at the composition root (src/compose.ts) for the components below the
 * app: the reader, the worklist states, the role and timepoint corrections, the key bindings and
 * the read repository. Nothing here makes a store; a component without the provider is a bug.
 */
import { createContext, useContext } from 'react';
import type { ReaderStore, ReadRepository, WorklistStore } from '../store/reads';
import type { OverridesStore } from '../store/overrides';
import type { ShortcutStore } from '../store/shortcuts';

export interface AppStores {
  readonly reader: ReaderStore;
  readonly worklist: WorklistStore;
  readonly overrides: OverridesStore;
  readonly shortcuts: ShortcutStore;
  /** The reads kept in this browser (IndexedDB, opened on first use). */
  readonly repository: () => ReadRepository;
}

export const AppStoresContext = createContext<AppStores | undefined>(undefined);

/** The root's stores (src/boot.tsx provides them). */
export function useAppStores(): AppStores {
  const stores = useContext(AppStoresContext);
  if (!stores) throw new Error('AppStoresContext has no provider (src/boot.tsx gives one)');
  return stores;
}
