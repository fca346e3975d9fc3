/**
 * A `?dicomweb=...&StudyInstanceUIDs=...` link's studies, asked for at the very start of the page
 * (src/main.tsx), before the app's code has loaded: the same server settings the app opens the
 * link with (the saved token only for the server it was saved for, src/store/deepLink.ts), and
 * the study metadata requests already under way (src/dicom/sources/dicomwebPrefetch.ts).
 */
import { dicomWebRoot } from '../dicom/sources/dicomwebRoot';
import {
  prefetchStudyMetadata,
  type StudyMetadataAnswers,
} from '../dicom/sources/dicomwebPrefetch';
import { linkedServerSettings, parseDeepLink } from './deepLink';
import { loadDicomWebSettings } from './dicomwebSettings';

/** The early answers, or undefined when the URL links no DICOMweb studies. */
export function prefetchLinkedStudies(search: string): StudyMetadataAnswers | undefined {
  const linked = parseDeepLink(search).dicomweb;
  if (!linked) return undefined;
  const settings = linkedServerSettings(linked.url, loadDicomWebSettings(), dicomWebRoot);
  return prefetchStudyMetadata(settings, linked.studyInstanceUids);
}
