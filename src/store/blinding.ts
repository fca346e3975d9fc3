/**
 * Whether the reader is blinded (docs/blinding.md). Made once per tab at the composition root
 * (src/compose.ts) and handed to the UI through a React context (src/ui/blinding.tsx).
 *
 * Two things turn it on: `?blind=1` in the address, and a study file whose blinding option is on
 * (the loader calls `setBlinding`). The address wins: a study file cannot turn off a blinding the
 * address asked for, so a shared link keeps its reader blinded.
 */
import { createStore, type Store } from './createStore';

export interface BlindingState {
  readonly enabled: boolean;
}

export interface BlindingStore {
  readonly get: Store<BlindingState>['get'];
  readonly subscribe: Store<BlindingState>['subscribe'];
  /** The study file's blinding option; `?blind=1` keeps blinding on whatever it says. */
  setBlinding(enabled: boolean): void;
}

/** Whether the query asks for blinding: `blind=1` (also `true`, `on`, or a bare `blind`). */
export function blindingRequested(search: string): boolean {
  const value = new URLSearchParams(search).get('blind');
  return value !== null && ['', '1', 'true', 'on'].includes(value.trim().toLowerCase());
}

/** A blinding store; `byAddress` is {@link blindingRequested} of the page's address. */
export function createBlindingStore(byAddress: boolean): BlindingStore {
  const store = createStore<BlindingState>({ enabled: byAddress });
  return {
    get: store.get,
    subscribe: store.subscribe,
    setBlinding(enabled) {
      const next = byAddress || enabled;
      if (store.get().enabled !== next) store.set({ enabled: next });
    },
  };
}
