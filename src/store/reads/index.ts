/**
 * The app's reads: one IndexedDB repository, SHA-256 from Web Crypto, the real clock and UUIDs.
 * Which reads are open is the reading room's business (src/store/workspace, made in
 * src/compose.ts); `readPool` keeps a read being closed until it is saved.
 */
import type { CommandContext, Reader, Roster } from '../../domain';
import { webSha256, webVerify } from './webSha256';
import { readerSigner } from './signingKey';
import { IndexedDbReadRepository } from './indexedDb';
import { broadcastPresence } from './presence';
import type { ReadRepository } from './repository';
import { openReadSession, type ReadSession } from './session';

export * from './repository';
export * from './session';
export * from './measurementLink';
export * from './pool';
export * from './drawings';
export { webSha256, webVerify } from './webSha256';
export { readerSigner, rosterEntryOf } from './signingKey';
export { createReaderStore, parseReader, type ReaderStore } from './reader';
export { studySignerVerdict, type SignerProblem, type StudySignerVerdict } from './studySigner';
export {
  createWorklistStore,
  worklistStates,
  type WorklistState,
  type WorklistStore,
} from './worklist';
export { NO_PRESENCE, broadcastPresence, type Presence } from './presence';

/** The real clock (UTC ISO 8601) and random UUIDs. */
export const browserContext: CommandContext = {
  now: () => new Date().toISOString(),
  newId: () => crypto.randomUUID(),
};

/** The app's repository (IndexedDB), opened on first use; the composition root makes one. */
export function lazyAppRepository(): () => ReadRepository {
  let repository: ReadRepository | undefined;
  return () => {
    repository ??= new IndexedDbReadRepository();
    return repository;
  };
}

/**
 * Opens a patient's read by `reader` in this tab (one IndexedDB repository, Web Crypto); imports
 * are checked against `roster`, the study's (src/store/study.ts), when it gives one.
 */
export function openAppRead(
  repository: ReadRepository,
  patientId: string,
  reader: Reader,
  tabId: string,
  study?: { readonly roster: () => Roster | undefined; readonly studyId: () => string | undefined },
): ReadSession {
  return openReadSession(patientId, {
    repository,
    sha256: webSha256,
    context: browserContext,
    reader,
    presence: broadcastPresence(tabId),
    signer: readerSigner(reader.id),
    verify: webVerify,
    ...(study && { roster: study.roster, studyId: study.studyId }),
  });
}
