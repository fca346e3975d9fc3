/**
 * Deep links: what the URL's query says the reader is looking at, and back.
 *
 *   ?patient=DREAM-001&timepoint=preop&lesion=L2
 *       Opens that patient on the reading screen as soon as the library holds it (the bundled
 *       sample, or any source already loaded), sets the lesion panel's timepoint, selects the
 *       lesion in the reader's read (when the read has it) and moves the viewports to it.
 *       `timepoint` and `lesion` are optional; `patient` is needed for either to mean anything.
 *
 *   ?dicomweb=<DICOMweb root URL>&StudyInstanceUIDs=<uid>[,<uid>...]
 *       Opens those studies from that server (OHIF's parameter name; repeated parameters are
 *       accepted too) and then their patient, in the DLM hanging protocol. A `patient` beside
 *       them picks the patient when the studies hold more than one.
 *
 * The app rewrites the query (history.replaceState) as the reader opens and closes patients,
 * changes the timepoint or selects a lesion, so the address can be bookmarked or shared. Other
 * parameters (lang, sample, viewer-test) are kept as they are. A URL never carries a token: the
 * DICOMweb token comes only from the settings saved in this browser, and only for the server
 * they were saved for; a server URL with user:password in it is refused.
 *
 * Pure: no window, no history (the app passes location.search in and writes the result out).
 */
import { isTimepointId, type LesionId, type TimepointId } from '../domain/model';

export const PARAM = {
  patient: 'patient',
  timepoint: 'timepoint',
  lesion: 'lesion',
  dicomweb: 'dicomweb',
  studies: 'StudyInstanceUIDs',
} as const;

/** Where the reader is (or is asked to go): a patient, and in its read a timepoint and lesion. */
export interface ReadingPlace {
  readonly patientId: string;
  readonly timepoint?: TimepointId;
  readonly lesionId?: LesionId;
}

export interface DeepLink {
  readonly place?: ReadingPlace;
  /** Studies to open from a DICOMweb server. */
  readonly dicomweb?: { readonly url: string; readonly studyInstanceUids: readonly string[] };
}

/** A DICOM UID (PS3.5 §9.1): dot-separated numbers, at most 64 characters. */
const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;
const LESION = /^L[1-9][0-9]*$/;

export const isLesionId = (value: string): value is LesionId => LESION.test(value);
export const isDicomUid = (value: string): boolean => value.length <= 64 && UID.test(value);

/**
 * Whether a DICOMweb root URL may be followed from a link: http(s) or a same-origin path, with
 * no credentials, query or fragment in it (a token has nowhere to hide).
 */
export function isLinkableServerUrl(value: string): boolean {
  if (value.trim() === '') return false;
  let url: URL;
  try {
    url = new URL(value, 'http://origin.invalid/');
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === ''
  );
}

/** What a query string asks for; anything malformed is left out rather than guessed at. */
export function parseDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  const patientId = params.get(PARAM.patient)?.trim() ?? '';
  const timepoint = params.get(PARAM.timepoint)?.trim() ?? '';
  const lesion = params.get(PARAM.lesion)?.trim() ?? '';
  const server = params.get(PARAM.dicomweb)?.trim() ?? '';
  const uids = params
    .getAll(PARAM.studies)
    .flatMap((value) => value.split(','))
    .map((uid) => uid.trim())
    .filter(isDicomUid);
  const place: ReadingPlace | undefined =
    patientId === ''
      ? undefined
      : {
          patientId,
          ...(isTimepointId(timepoint) && { timepoint }),
          ...(isLesionId(lesion) && { lesionId: lesion }),
        };
  return {
    ...(place && { place }),
    ...(isLinkableServerUrl(server) &&
      uids.length > 0 && { dicomweb: { url: server, studyInstanceUids: [...new Set(uids)] } }),
  };
}

/**
 * The query string for `place`, from the current one: the patient, timepoint and lesion
 * parameters follow `place`; with no place (the study list) the DICOMweb parameters go too, so a
 * reload shows the list rather than opening the studies' patient again. Returns '' or '?...'.
 */
export function formatDeepLink(search: string, place: ReadingPlace | undefined): string {
  const params = new URLSearchParams(search);
  const set = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') params.delete(name);
    else params.set(name, value);
  };
  set(PARAM.patient, place?.patientId);
  set(PARAM.timepoint, place?.timepoint);
  set(PARAM.lesion, place?.lesionId);
  if (!place) {
    params.delete(PARAM.dicomweb);
    params.delete(PARAM.studies);
  }
  // URLSearchParams writes ',' as %2C; a list of UIDs reads better (and as OHIF writes it) bare.
  const text = params.toString().replace(/%2C/gi, ',');
  return text === '' ? '' : `?${text}`;
}

/** Whether two places are the same (for not rewriting the URL when nothing changed). */
export function samePlace(a: ReadingPlace | undefined, b: ReadingPlace | undefined): boolean {
  return (
    a?.patientId === b?.patientId && a?.timepoint === b?.timepoint && a?.lesionId === b?.lesionId
  );
}

/** Saved DICOMweb settings, as far as a deep link needs them. */
export interface SavedServer {
  readonly url: string;
  readonly token?: string;
  readonly timeoutSeconds?: number;
}

/**
 * The settings to open a linked server with: its URL, and the saved token only when the saved
 * settings are for that same server (`root` normalises a URL), so a link can never make the app
 * send the reader's token to a server of the link's choosing.
 */
export function linkedServerSettings(
  linkUrl: string,
  saved: SavedServer,
  root: (url: string) => string,
): SavedServer {
  const same = root(linkUrl) === root(saved.url);
  return {
    url: linkUrl,
    ...(same && saved.token !== undefined && saved.token !== '' && { token: saved.token }),
    ...(saved.timeoutSeconds !== undefined && { timeoutSeconds: saved.timeoutSeconds }),
  };
}

/** The patient whose studies include the first of `studyUids` that the catalogue holds. */
export function patientOfStudies(
  patients: readonly {
    patientId: string;
    timepoints: readonly { exams: readonly { studyInstanceUid: string }[] }[];
  }[],
  studyUids: readonly string[],
): string | undefined {
  for (const uid of studyUids) {
    const patient = patients.find((p) =>
      p.timepoints.some((tp) => tp.exams.some((exam) => exam.studyInstanceUid === uid)),
    );
    if (patient) return patient.patientId;
  }
  return undefined;
}
