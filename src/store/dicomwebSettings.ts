/**
 * The DICOMweb server settings kept in this browser. On their own (no client library, no image
 * loader) because the start page reads them before the app's code is loaded (src/main.tsx).
 */
import type { DicomWebSettings } from '../dicom/sources/dicomweb';

const SETTINGS_KEY = 'dream-reader.dicomweb';

/** The same-origin proxy path that `npm start` and the dev server forward to Orthanc. */
export function defaultDicomWebUrl(): string {
  return `${window.location.origin}/dicom-web`;
}

/** The settings saved in this browser, or the defaults. */
export function loadDicomWebSettings(): DicomWebSettings {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(SETTINGS_KEY) ?? 'null');
    if (typeof saved === 'object' && saved !== null) {
      const { url, token, timeoutSeconds } = saved as Record<string, unknown>;
      if (typeof url === 'string' && url.trim() !== '') {
        return {
          url,
          ...(typeof token === 'string' && token !== '' ? { token } : {}),
          ...(typeof timeoutSeconds === 'number' && timeoutSeconds > 0 && { timeoutSeconds }),
        };
      }
    }
  } catch {
    // Unreadable settings: fall back to the defaults.
  }
  return { url: defaultDicomWebUrl() };
}

/** Keeps the settings in this browser (the token too: the reader asked for it to be kept). */
export function saveDicomWebSettings(settings: DicomWebSettings): void {
  window.localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}
