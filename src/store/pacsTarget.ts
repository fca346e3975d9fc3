/**
 * Which DICOMweb server a patient's images came from, so the read bar can store the read's SR
 * beside them (src/ui/StoreInPacs.tsx), and the browser's services for src/store/srPacs.ts.
 * A patient opened from the sample or from local files has no such server: storing is offered
 * only for studies loaded over WADO-RS.
 */
import type { CatalogInstance } from '../dicom/catalog';
import type { Read } from '../domain';
import { DEFAULT_TIMEOUT_SECONDS, type DicomWebSettings } from './dicomwebSource';
import { webSha256 } from './reads';
import { storedVersions, storeReadSr, type StoredSr, type StoreOutcome } from './srPacs';

const WADORS = 'wadors:';

/**
 * The DICOMweb root (no trailing slash) that served an image of the patient over WADO-RS
 * (`wadors:<root>/studies/<uid>/series/...`), or undefined when none did.
 */
export function pacsRootOf(
  patientId: string,
  instances: readonly CatalogInstance[],
): string | undefined {
  for (const instance of instances) {
    if (instance.header.patientId !== patientId || !instance.source.startsWith(WADORS)) continue;
    const url = instance.source.slice(WADORS.length);
    const at = url.indexOf('/studies/');
    if (at > 0) return url.slice(0, at).replace(/\/+$/, '');
  }
  return undefined;
}

/**
 * The settings to talk to `root` with: the saved token and time limit only when they were saved
 * for that same server (`normalise` makes URLs comparable), so a token never goes elsewhere.
 */
export function pacsSettings(
  root: string,
  saved: DicomWebSettings,
  normalise: (url: string) => string,
): DicomWebSettings {
  const same = normalise(saved.url) === normalise(root);
  return {
    url: root,
    timeoutSeconds: (same && saved.timeoutSeconds) || DEFAULT_TIMEOUT_SECONDS,
    ...(same && saved.token !== undefined && saved.token !== '' && { token: saved.token }),
  };
}

/**
 * Stores a signed read's SR on the server (STOW-RS), with the browser's hashing; `onRetry` hears
 * the number of each new attempt after a transient failure.
 */
export function storeReadInPacs(
  read: Read,
  settings: DicomWebSettings,
  onRetry?: (attempt: number) => void,
): Promise<StoreOutcome> {
  return storeReadSr(read, settings, {
    sha256: webSha256,
    wait: (retry) => {
      onRetry?.(retry + 1);
      return new Promise<void>((done) => setTimeout(done, 500 * retry));
    },
  });
}

/** The versions of the read the server holds (QIDO-RS), oldest first. */
export function pacsVersionsOf(read: Read, settings: DicomWebSettings): Promise<StoredSr[]> {
  return storedVersions(read, settings, { sha256: webSha256 });
}
