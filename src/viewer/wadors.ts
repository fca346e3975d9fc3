/**
 * Feeds WADO-RS metadata to cornerstone's `wadors:` image loader, and lends it the DICOMweb
 * server's bearer token. The loader keeps both in module-level registries of its own; this file
 * is the only place that writes to them.
 */
import { internal, wadors } from '@cornerstonejs/dicom-image-loader';
import type { DicomJsonInstance } from '../dicom/dicomJson';

/** Modality (0008,0060). */
const MODALITY = '00080060';

/**
 * Registers one instance's DICOM JSON (from WADO-RS metadata) for `imageId`
 * (`wadors:<root>/studies/…/series/…/instances/…/frames/1`). A multi-frame instance is registered
 * once, for frame 1: the loader derives the other frames' metadata from it.
 *
 * Without (0008,0060) the loader's NM check throws inside its metadata provider and the image
 * load never settles (docs/stack.md §4), so a missing or empty Modality becomes 'OT'.
 */
export function registerWadorsInstance(imageId: string, instanceJson: DicomJsonInstance): void {
  const json = { ...instanceJson };
  const modality = json[MODALITY]?.Value?.[0];
  if (typeof modality !== 'string' || modality.trim() === '') {
    json[MODALITY] = { vr: 'CS', Value: ['OT'] };
  }
  wadors.metaDataManager.add(imageId, json as Parameters<typeof wadors.metaDataManager.add>[1]);
}

/** Server roots (no trailing slash) that need `Authorization: Bearer <token>`. */
const tokens = new Map<string, string>();
let hookInstalled = false;

function tokenFor(urlOrImageId: string): string | undefined {
  const url = urlOrImageId.startsWith('wadors:') ? urlOrImageId.slice(7) : urlOrImageId;
  for (const [root, token] of tokens) {
    if (url === root || url.startsWith(`${root}/`)) return token;
  }
  return undefined;
}

/**
 * Sets (or, with an empty token, clears) the bearer token sent with the image loader's requests
 * to URLs under `root`. The loader's `beforeSend` option adds request headers for both its XHR
 * and its streaming (fetch) path; it is installed once and scoped by URL so the sample's and
 * other servers' requests never carry the token.
 */
export function setWadorsToken(root: string, token: string | undefined): void {
  const key = root.replace(/\/+$/, '');
  if (token) tokens.set(key, token);
  else tokens.delete(key);
  if (hookInstalled) return;
  hookInstalled = true;
  // setOptions merges (Object.assign), so the loader's later init() keeps this hook.
  internal.setOptions({
    beforeSend: (_xhr: XMLHttpRequest | null, imageId: string): Record<string, string> => {
      const token = tokenFor(imageId);
      return token === undefined ? {} : { Authorization: `Bearer ${token}` };
    },
  });
}
