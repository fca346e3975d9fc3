/**
 * A DICOMweb server as a source: QIDO-RS to find studies, WADO-RS series metadata to catalogue
 * them, and `wadors:` image ids so the image loader fetches only the frames it shows. The bearer
 * token travels in the Authorization header only: never in a URL, never in a log line. The image
 * loader's side (registering an instance's metadata under its image id, the token for a server)
 * and the library it fills are given by the caller (src/store/dicomwebSource.ts binds the
 * viewer's and the library's).
 */
import { api } from 'dicomweb-client';
import i18next from 'i18next';
import { frameImageId, type CatalogInstance, type CatalogProblem } from '../catalog';
import { headerFromDicomJson, type DicomJsonInstance } from '../dicomJson';
import { dicomWebRoot } from './dicomwebRoot';
import type { StudyMetadataAnswers } from './dicomwebPrefetch';
import type { LibrarySink } from './sink';

export { dicomWebRoot };

/** What opening studies needs from the image loader and the library. */
export interface DicomWebSourceDeps {
  /** Keeps an instance's DICOM JSON for the image loader under its `wadors:` image id. */
  registerInstance: (imageId: string, metadata: DicomJsonInstance) => void;
  /** The bearer token the image loader sends to a server root (undefined: none). */
  setToken: (root: string, token: string | undefined) => void;
  sink: LibrarySink;
}

/** Where the server is and how to authenticate. */
export interface DicomWebSettings {
  /** The DICOMweb root, e.g. `https://pacs.example/dicom-web`; relative URLs use this origin. */
  url: string;
  /** Bearer token, if the server wants one. */
  token?: string;
  /** Seconds to wait for one answer before giving up (default {@link DEFAULT_TIMEOUT_SECONDS}). */
  timeoutSeconds?: number;
}

/** A PACS that has not answered in this long is reported, not waited for forever. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** What to search for; empty fields are left out of the query. */
export interface StudyQuery {
  patientId?: string;
  /** Matched anywhere in (0010,0010), case as the server does it (PS3.18 §8.3.4.6 wildcards). */
  patientName?: string;
  /** YYYYMMDD or a range YYYYMMDD-YYYYMMDD. */
  studyDate?: string;
}

/** One study found by {@link searchStudies}, as plain data for a results table. */
export interface StudyRow {
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  studyDescription: string;
  modalities: string[];
  /** (0020,1206) Number of Study Related Series, when the server sends it. */
  seriesCount: number | undefined;
}

export type DicomWebErrorKind =
  'network' | 'timeout' | 'unauthorized' | 'not-found' | 'http' | 'not-dicomweb';

/** A request that failed; `url` never holds the token (it is only ever in a header). */
export class DicomWebError extends Error {
  constructor(
    readonly kind: DicomWebErrorKind,
    readonly status: number,
    readonly url: string,
    readonly seconds?: number,
  ) {
    super(`DICOMweb ${kind}: HTTP ${status} at ${url}`);
    this.name = 'DicomWebError';
  }

  /** The message for the reader, in the UI language. */
  describe(): string {
    return i18next.t(`dicomweb.error.${this.kind}`, {
      status: this.status,
      url: this.url,
      seconds: this.seconds,
    });
  }
}

interface Client {
  searchForStudies(options: { queryParams: Record<string, string> }): Promise<unknown>;
  retrieveStudyMetadata(options: { studyInstanceUID: string }): Promise<unknown>;
}

/** A client plus what its requests learnt: whether one ran out of time. */
interface TimedClient {
  client: Client;
  timedOut: () => boolean;
  seconds: number;
}

function makeClient(settings: DicomWebSettings, root: string, signal?: AbortSignal): TimedClient {
  const seconds = settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  let timedOut = false;
  // A request hook sees each XMLHttpRequest before it is sent: the only way to abort one or to
  // give it a time limit.
  const hook = (request: XMLHttpRequest, _metadata: unknown) => {
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    // Our own timer rather than request.timeout: the client rejects on readystatechange,
    // before a 'timeout' event would say why.
    const timer = setTimeout(() => {
      timedOut = true;
      request.abort();
    }, seconds * 1000);
    request.addEventListener('loadend', () => clearTimeout(timer), { once: true });
    return request;
  };
  const client = new api.DICOMwebClient({
    url: root,
    headers: settings.token ? { Authorization: `Bearer ${settings.token}` } : {},
    requestHooks: [hook],
    // verbose logs every failed request object to the console; we report failures ourselves.
    verbose: false,
    singlepart: false,
  }) as unknown as Client;
  return { client, timedOut: () => timedOut, seconds };
}

/** Runs a request; turns its failure (or a non-JSON-array answer) into a {@link DicomWebError}. */
async function request(
  timed: TimedClient,
  url: string,
  run: (client: Client) => Promise<unknown>,
): Promise<DicomJsonInstance[]> {
  let answer: unknown;
  try {
    answer = await run(timed.client);
  } catch (error) {
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 0;
    if (timed.timedOut()) throw new DicomWebError('timeout', 0, url, timed.seconds);
    if (status === 0) throw new DicomWebError('network', 0, url);
    if (status === 401 || status === 403) throw new DicomWebError('unauthorized', status, url);
    if (status === 404) throw new DicomWebError('not-found', status, url);
    throw new DicomWebError('http', status, url);
  }
  // A static server's HTML fallback page parses as null with responseType 'json'.
  if (!Array.isArray(answer)) throw new DicomWebError('not-dicomweb', 200, url);
  return answer as DicomJsonInstance[];
}

const text = (json: DicomJsonInstance, tag: string): string => {
  const value = json[tag]?.Value?.[0];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && 'Alphabetic' in value) {
    return String(value.Alphabetic);
  }
  return '';
};

/** QIDO-RS study search. Patient name matches anywhere (`*name*`). */
export async function searchStudies(
  settings: DicomWebSettings,
  query: StudyQuery,
): Promise<StudyRow[]> {
  const root = dicomWebRoot(settings.url);
  // Modalities in Study and the series count are returned by default (PS3.18 §10.6.3.3.1); Study
  // Description is not. One field only: the client encodes ',' and Orthanc does not split '%2C'.
  const queryParams: Record<string, string> = { includefield: '00081030' };
  if (query.patientId?.trim()) queryParams.PatientID = query.patientId.trim();
  if (query.patientName?.trim()) queryParams.PatientName = `*${query.patientName.trim()}*`;
  if (query.studyDate?.trim()) queryParams.StudyDate = query.studyDate.trim();
  const client = makeClient(settings, root);
  const studies = await request(client, `${root}/studies`, (c) =>
    c.searchForStudies({ queryParams }),
  );
  return studies.map((json) => {
    const count = Number(json['00201206']?.Value?.[0]);
    return {
      studyInstanceUid: text(json, '0020000D'),
      patientId: text(json, '00100020'),
      patientName: text(json, '00100010'),
      studyDate: text(json, '00080020'),
      studyDescription: text(json, '00081030'),
      modalities: (json['00080061']?.Value ?? []).map(String),
      seriesCount: Number.isFinite(count) ? count : undefined,
    };
  });
}

/**
 * WADO-RS metadata does not say how the server stores the pixels, and frames are fetched with
 * `transfer-syntax=*` so the server picks one the loader decodes. A syntax it cannot serve (big
 * endian, deflate: Orthanc answers 500) then fails in its viewport, not in the catalogue.
 */
const WADORS_TRANSFER_SYNTAX = '1.2.840.10008.1.2.1';

/** Catalogue entries for one series' metadata, registered with the `wadors:` loader. */
function seriesInstances(
  seriesUrl: string,
  metadata: readonly DicomJsonInstance[],
  registerInstance: DicomWebSourceDeps['registerInstance'],
): { instances: CatalogInstance[]; problems: CatalogProblem[] } {
  const instances: CatalogInstance[] = [];
  const problems: CatalogProblem[] = [];
  for (const json of metadata) {
    const header = headerFromDicomJson(json);
    if (header.transferSyntaxUid === '') header.transferSyntaxUid = WADORS_TRANSFER_SYNTAX;
    const name = `${seriesUrl}/instances/${header.sopInstanceUid}`;
    const source = `wadors:${name}/frames/1`;
    if (header.hasPixelData) registerInstance(source, json);
    // A multi-frame instance: the catalogue makes one entry per frame (frameImageId), and
    // cornerstone's WADO-RS metadata is per frame image id.
    for (let frame = 2; frame <= header.numberOfFrames && header.hasPixelData; frame++) {
      registerInstance(frameImageId(source, frame), json);
    }
    instances.push({ source, name, header });
  }
  return { instances, problems };
}

/** The study metadata answered early (dicomwebPrefetch.ts), else asked for now. */
async function studyMetadata(
  client: TimedClient,
  root: string,
  studyUid: string,
  early: StudyMetadataAnswers | undefined,
): Promise<DicomJsonInstance[]> {
  const answered = await early?.get(studyUid);
  if (answered) return answered as DicomJsonInstance[];
  return request(client, `${root}/studies/${studyUid}/metadata`, (c) =>
    c.retrieveStudyMetadata({ studyInstanceUID: studyUid }),
  );
}

/**
 * Opens studies from the server into the library: each study's WADO-RS metadata (one request
 * per study, every series in it, rather than a series search and then one request per series),
 * catalogued from DICOM JSON. `early` holds answers asked for before the app started. Shows
 * progress (one step per study) with a cancel action. A failure shows one message and adds
 * nothing; what the library already holds stays. Resolves to whether the studies were opened.
 */
export async function openStudies(
  settings: DicomWebSettings,
  studyUids: readonly string[],
  { registerInstance, setToken, sink }: DicomWebSourceDeps,
  early?: StudyMetadataAnswers,
): Promise<boolean> {
  const root = dicomWebRoot(settings.url);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  const client = makeClient(settings, root, controller.signal);
  setToken(root, settings.token);
  sink.setError(undefined);
  const progress = { label: 'dicomweb', read: 0, total: studyUids.length, problems: 0 };
  sink.setLoading(progress, cancel);
  try {
    // Asked for together: the server may answer them side by side.
    const answers = studyUids.map((studyUid) => ({
      studyUid,
      metadata: studyMetadata(client, root, studyUid, early),
    }));
    // Handled here too, so a later study's failure is not reported as unhandled meanwhile.
    for (const { metadata } of answers) metadata.catch(() => undefined);
    const instances: CatalogInstance[] = [];
    const problems: CatalogProblem[] = [];
    for (const answer of answers) {
      const { studyUid } = answer;
      const metadata = await answer.metadata;
      performance.mark('dream:study-metadata');
      if (controller.signal.aborted) return false;
      for (const [seriesUid, series] of bySeries(metadata)) {
        const seriesUrl = `${root}/studies/${studyUid}/series/${seriesUid}`;
        const found = seriesInstances(seriesUrl, series, registerInstance);
        instances.push(...found.instances);
        problems.push(...found.problems);
      }
      progress.read++;
      sink.setLoading({ ...progress, problems: problems.length }, cancel);
    }
    sink.add(instances, problems);
    performance.mark('dream:studies-catalogued');
    return true;
  } catch (error) {
    if (!controller.signal.aborted) {
      sink.setError(error instanceof DicomWebError ? error.describe() : String(error));
    }
    return false;
  } finally {
    sink.setLoading(undefined);
  }
}

/** A study's instances grouped by Series Instance UID (0020,000E), in the order they came. */
function bySeries(metadata: readonly DicomJsonInstance[]): Map<string, DicomJsonInstance[]> {
  const groups = new Map<string, DicomJsonInstance[]>();
  for (const json of metadata) {
    const uid = text(json, '0020000E');
    const group = groups.get(uid);
    if (group) group.push(json);
    else groups.set(uid, [json]);
  }
  return groups;
}
