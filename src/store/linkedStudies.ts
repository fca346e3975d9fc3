/**
 * A `?dicomweb=...&StudyInstanceUIDs=...` link's studies, asked for at the very start of the page
 * (src/main.tsx), before the app's code has loaded: the same server settings the app opens the
 * link with (the saved token only for the server it was saved for, src/store/deepLink.ts), and
 * the study metadata requests already under way (src/dicom/sources/dicomwebPrefetch.ts), and
 * the likely first frames asked for once that metadata is in (src/dicom/sources/earlyFrames.ts).
 */
import { dicomWebRoot } from '../dicom/sources/dicomwebRoot';
import {
  prefetchStudyMetadata,
  type StudyMetadataAnswers,
} from '../dicom/sources/dicomwebPrefetch';
import { prefetchFirstFrames, type EarlyFrames } from '../dicom/sources/earlyFrames';
import { linkedServerSettings, parseDeepLink } from './deepLink';
import { loadDicomWebSettings } from './dicomwebSettings';

/** What the start page asked a linked server for. */
export interface LinkedStart {
  metadata: StudyMetadataAnswers;
  frames: EarlyFrames;
}

/** The early answers, or undefined when the URL links no DICOMweb studies. */
export function prefetchLinkedStudies(search: string): LinkedStart | undefined {
  const linked = parseDeepLink(search).dicomweb;
  if (!linked) return undefined;
  const settings = linkedServerSettings(linked.url, loadDicomWebSettings(), dicomWebRoot);
  const metadata = prefetchStudyMetadata(settings, linked.studyInstanceUids);
  return { metadata, frames: prefetchFirstFrames(settings, metadata) };
}
