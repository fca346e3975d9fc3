/**
 * The tab's study store (src/store/study.ts, made in src/compose.ts) for the components below
 * the app, and its state. Without a provider there is no study: the app works as without one.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudyState, StudyStore } from '../store/study';

export const StudyContext = createContext<StudyStore | undefined>(undefined);

/** The study store, if the app was given one. */
export function useStudyStore(): StudyStore | undefined {
  return useContext(StudyContext);
}

const NO_STORE = {
  subscribe: () => () => undefined,
  get: (): StudyState | undefined => undefined,
};

/** The study state (undefined without a store). */
export function useStudy(): StudyState | undefined {
  const study = useStudyStore();
  const source = study?.store ?? NO_STORE;
  return useSyncExternalStore(source.subscribe, source.get);
}
