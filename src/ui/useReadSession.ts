import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Reader } from '../domain';
import { acquireRead, readerStore, releaseRead, type ReadSession } from '../store/reads';

/** The reader identity set in this browser (undefined until the reader has given it). */
export function useReader(): Reader | undefined {
  return useSyncExternalStore(readerStore.subscribe, readerStore.get);
}

/**
 * The current reader's read session of a patient, shared by everything on screen that edits it
 * (acquireRead counts users; the last one to let go closes it once saved).
 */
export function useReadSession(
  patientId: string,
  reader: Reader | undefined,
): ReadSession | undefined {
  const [session, setSession] = useState<ReadSession>();
  useEffect(() => {
    if (!reader) return undefined;
    setSession(acquireRead(patientId, reader));
    return () => {
      releaseRead(patientId, reader);
      setSession(undefined);
    };
  }, [patientId, reader]);
  return session;
}
