/**
 * The DICOMweb source as the app uses it: the server settings kept in this browser, and the
 * source (src/dicom/sources/dicomweb.ts) bound to the viewer's `wadors:` loader and the tab's
 * library.
 */
import {
  openStudies as openDicomWebStudies,
  type DicomWebSettings,
} from '../dicom/sources/dicomweb';
import { registerWadorsInstance, setWadorsToken } from '../viewer/wadors';
import { librarySink } from './library';

export {
  DEFAULT_TIMEOUT_SECONDS,
  DicomWebError,
  dicomWebRoot,
  searchStudies,
  type DicomWebErrorKind,
  type DicomWebSettings,
  type StudyQuery,
  type StudyRow,
} from '../dicom/sources/dicomweb';

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

/**
 * Opens studies from the server into the library (src/dicom/sources/dicomweb.ts says how);
 * resolves to whether they were opened.
 */
export function openStudies(
  settings: DicomWebSettings,
  studyUids: readonly string[],
): Promise<boolean> {
  return openDicomWebStudies(settings, studyUids, {
    registerInstance: registerWadorsInstance,
    setToken: setWadorsToken,
    sink: librarySink,
  });
}
