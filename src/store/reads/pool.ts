/**
 * Opening and closing the reads of a tab without losing a save: a read let go of stays open until
 * everything dispatched on it is saved, and opening the same read meanwhile takes it back (so a
 * quick close and reopen never loads a read older than the one being saved).
 */
import type { Reader } from '../../domain';
import type { ReadSession } from './session';

export interface ReadPool {
  readonly open: (patientId: string, reader: Reader) => ReadSession;
  readonly close: (patientId: string, session: ReadSession, reader: Reader) => void;
}

/**
 * @param open opens a session (the repository, clock and presence are the caller's)
 * @param closed called after a session has been saved and closed (to refresh the worklist)
 */
export function readPool(
  open: (patientId: string, reader: Reader) => ReadSession,
  closed: (reader: Reader) => void,
): ReadPool {
  const closing = new Map<string, ReadSession>();
  const keyOf = (patientId: string, reader: Reader) => `${reader.id}\u0000${patientId}`;
  return {
    open(patientId, reader) {
      const key = keyOf(patientId, reader);
      const held = closing.get(key);
      closing.delete(key);
      return held ?? open(patientId, reader);
    },
    close(patientId, session, reader) {
      const key = keyOf(patientId, reader);
      closing.set(key, session);
      void session.flushed().then(() => {
        if (closing.get(key) !== session) return;
        closing.delete(key);
        session.close();
        closed(reader);
      });
    },
  };
}
