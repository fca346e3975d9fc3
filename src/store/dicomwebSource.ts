/**
 * The DICOMweb source as the app uses it: the server settings kept in this browser, and the
 * source (src/dicom/sources/dicomweb.ts) bound to the viewer's `wadors:` loader and the tab's
 * library.
 */
import {
  openStudies as openDicomWebStudies,
  type DicomWebSettings,
} from '../dicom/sources/dicomweb';
import type { StudyMetadataAnswers } from '../dicom/sources/dicomwebPrefetch';
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
export { defaultDicomWebUrl, loadDicomWebSettings, saveDicomWebSettings } from './dicomwebSettings';

/**
 * Opens studies from the server into the library (src/dicom/sources/dicomweb.ts says how);
 * resolves to whether they were opened.
 */
export function openStudies(
  settings: DicomWebSettings,
  studyUids: readonly string[],
  early?: StudyMetadataAnswers,
): Promise<boolean> {
  return openDicomWebStudies(
    settings,
    studyUids,
    { registerInstance: registerWadorsInstance, setToken: setWadorsToken, sink: librarySink },
    early,
  );
}
