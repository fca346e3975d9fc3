/**
 * The app's reads: one IndexedDB repository, SHA-256 from Web Crypto, the real clock and UUIDs,
 * and one session per open patient (shared by the components that show it, and closed shortly
 * after the last one lets go, so React StrictMode's mount-unmount-mount reuses it).
 */
import type { CommandContext, Reader } from '../../domain';
import { webSha256, webVerify } from './webSha256';
import { readerSigner } from './signingKey';
import { IndexedDbReadRepository } from './indexedDb';
import { broadcastPresence } from './presence';
import type { ReadRepository } from './repository';
import { openReadSession, type ReadSession } from './session';
import { refreshWorklist } from './worklist';

export * from './commandSteps';
export * from './repository';
export * from './session';
export * from './measurementLink';
export { webSha256, webVerify } from './webSha256';
export { readerSigner, rosterEntryOf } from './signingKey';
export { readerStore, setReader, parseReader } from './reader';
export { worklistStore, worklistStates, type WorklistState } from './worklist';
export { NO_PRESENCE, broadcastPresence, type Presence } from './presence';

/** The real clock (UTC ISO 8601) and random UUIDs. */
export const browserContext: CommandContext = {
  now: () => new Date().toISOString(),
  newId: () => crypto.randomUUID(),
};

let repository: ReadRepository | undefined;

/** The app's repository (IndexedDB), created on first use. */
export function appRepository(): ReadRepository {
  repository ??= new IndexedDbReadRepository();
  return repository;
}

interface Held {
  session: ReadSession;
  users: number;
  closing: ReturnType<typeof setTimeout> | undefined;
}
const sessions = new Map<string, Held>();
const tabId = crypto.randomUUID();

/**
 * The session of a patient's read by `reader` (opened on first use). Pair with `releaseRead`.
 */
export function acquireRead(patientId: string, reader: Reader): ReadSession {
  const key = `${reader.id}\u0000${patientId}`;
  let held = sessions.get(key);
  if (!held) {
    const session = openReadSession(patientId, {
      repository: appRepository(),
      sha256: webSha256,
      context: browserContext,
      reader,
      presence: broadcastPresence(tabId),
      signer: readerSigner(reader.id),
      verify: webVerify,
    });
    held = { session, users: 0, closing: undefined };
    sessions.set(key, held);
  }
  clearTimeout(held.closing);
  held.closing = undefined;
  held.users++;
  return held.session;
}

/** Lets go of a session from `acquireRead`; the last user closes it once its save is done. */
export function releaseRead(patientId: string, reader: Reader): void {
  const key = `${reader.id}\u0000${patientId}`;
  const held = sessions.get(key);
  if (!held) return;
  held.users--;
  if (held.users > 0) return;
  held.closing = setTimeout(() => {
    // Stay findable until saved: a tab that opens the patient again meanwhile reuses this one.
    void held.session.flushed().then(() => {
      if (held.users > 0) return;
      sessions.delete(key);
      held.session.close();
      void refreshWorklist(appRepository(), reader.id);
    });
  }, 100);
}

/** Reloads the worklist for the reader. */
export function refreshAppWorklist(readerId: string): Promise<void> {
  return refreshWorklist(appRepository(), readerId);
}
