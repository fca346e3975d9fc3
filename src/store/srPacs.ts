/**
 * The PACS as the study's shared store of reads (docs/sr.md): STOW-RS of a signed read's SR to the
 * configured DICOMweb server, QIDO-RS of the versions it holds, and loading every read of chosen
 * patients (newest version per read, each through the SR import's checks). The bearer token
 * travels in the Authorization header only. The read bar's store button (src/ui/StoreInPacs.tsx)
 * and the central review's PACS load (src/store/review.ts) use it.
 */
import { exportReadSr, importReadSr, srUids } from '../dicom/sr/index.ts';
import type { ImportProblem, IntegrityReport, Read, Sha256, VerifyBytes } from '../domain/index.ts';
import type { DicomWebSettings } from './dicomwebSource.ts';

const SR_CLASS = '1.2.840.10008.5.1.4.1.1.88.34';

/** Services: fetch, sha256, retries of transient failures and the wait between them. */
export interface SrPacsDeps {
  readonly sha256: Sha256;
  /** Verifies the key signature of a loaded read (docs/record-integrity.md). */
  readonly verify?: VerifyBytes;
  readonly fetch?: typeof fetch;
  /** Retries after a 5xx, a network error or a time-out (default 2). */
  readonly retries?: number;
  /** Wait before retry n (1-based); default 500 ms x n. */
  readonly wait?: (attempt: number) => Promise<void>;
}

/** What became of a store. */
export type StoreOutcome =
  | { readonly ok: true; readonly kind: 'stored'; readonly sopInstanceUid: string }
  | {
      readonly ok: false;
      readonly kind: 'not-signed' | 'conflict' | 'unauthorized' | 'refused' | 'unavailable';
      /** In English, for logs and the CLI; the UI words it from the fields below. */
      readonly message: string;
      /** The last HTTP status the server answered with, if any. */
      readonly status?: number;
      /** What the server said about it (its error text, or the STOW-RS failure reason). */
      readonly detail?: string;
      /** Why no answer came, when none did. */
      readonly transport?: 'timeout' | 'network';
    };

const DETAIL_LENGTH = 300;

/** The failure reasons of a STOW-RS answer's Failed SOP Sequence (0008,1198), if any. */
function failedSops(json: unknown): string | undefined {
  const item = Array.isArray(json) ? (json[0] as unknown) : json;
  if (typeof item !== 'object' || item === null) return undefined;
  const failed = (item as Record<string, { Value?: unknown[] } | undefined>)['00081198'];
  if (failed === undefined || (failed.Value ?? []).length === 0) return undefined;
  const reasons = (failed.Value ?? []).map((entry) => {
    const reason = (entry as Record<string, { Value?: unknown[] } | undefined>)['00081197'];
    const code = Number(reason?.Value?.[0]);
    return Number.isFinite(code) ? `0x${code.toString(16).toUpperCase()}` : 'no reason given';
  });
  return `Failed SOP Sequence, failure reason ${reasons.join(', ')}`;
}

/** What a server said in its answer: a STOW-RS failure reason, an error message, or its text. */
export function serverDetail(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const json: unknown = JSON.parse(trimmed);
    const failed = failedSops(json);
    if (failed !== undefined) return failed;
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const { Message, Details, message } = json as Record<string, unknown>;
      const words = [Message ?? message, Details].filter((w) => typeof w === 'string' && w !== '');
      if (words.length > 0) return words.join(': ').slice(0, DETAIL_LENGTH);
    }
  } catch {
    // Not JSON: the text itself, below.
  }
  const text = trimmed
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? undefined : text.slice(0, DETAIL_LENGTH);
}

const bodyText = (response: Response): Promise<string> => response.text().catch(() => '');
const withDetail = (message: string, detail: string | undefined) =>
  detail === undefined ? message : `${message} The server said: ${detail}`;

const root = (settings: DicomWebSettings) => settings.url.replace(/\/+$/, '');
const auth = (settings: DicomWebSettings): Record<string, string> =>
  settings.token ? { Authorization: `Bearer ${settings.token}` } : {};

/** One request with the settings' time-out; network errors and time-outs become `undefined`. */
async function request(
  settings: DicomWebSettings,
  deps: SrPacsDeps,
  path: string,
  init: RequestInit,
): Promise<Response | 'timeout' | 'network'> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 1000 * (settings.timeoutSeconds ?? 30));
  try {
    const doFetch = deps.fetch ?? fetch;
    return await doFetch(`${root(settings)}${path}`, { ...init, signal: controller.signal });
  } catch {
    return controller.signal.aborted ? 'timeout' : 'network';
  } finally {
    clearTimeout(timer);
  }
}

function multipart(bytes: Uint8Array, boundary: string): Uint8Array {
  const encoder = new TextEncoder();
  const head = encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.length + bytes.length + tail.length);
  body.set(head, 0);
  body.set(bytes, head.length);
  body.set(tail, head.length + bytes.length);
  return body;
}

/** Stores a signed read's SR (STOW-RS); storing the same version again stores the same instance. */
export async function storeReadSr(
  read: Read,
  settings: DicomWebSettings,
  deps: SrPacsDeps,
): Promise<StoreOutcome> {
  if (read.state.kind !== 'signed') {
    return { ok: false, kind: 'not-signed', message: 'Only a signed read is stored in the PACS.' };
  }
  const { bytes, uids } = await exportReadSr(read, { sha256: deps.sha256 });
  const boundary = `dream-${uids.sopInstance}`;
  const init: RequestInit = {
    method: 'POST',
    headers: {
      ...auth(settings),
      Accept: 'application/dicom+json',
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
    },
    body: multipart(bytes, boundary) as BodyInit,
  };
  const retries = deps.retries ?? 2;
  const wait = deps.wait ?? ((n) => new Promise<void>((done) => setTimeout(done, 500 * n)));
  let last: { status?: number; detail?: string; transport?: 'timeout' | 'network' } = {};
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await wait(attempt);
    const response = await request(settings, deps, '/studies', init);
    if (response === 'timeout' || response === 'network') {
      last = { transport: response };
      continue;
    }
    const { status } = response;
    const detail = serverDetail(await bodyText(response));
    if (status >= 200 && status < 300) {
      // A 200/202 can still list the instance as failed (PS3.18 §10.5.3).
      if (detail?.startsWith('Failed SOP Sequence') !== true) {
        return { ok: true, kind: 'stored', sopInstanceUid: uids.sopInstance };
      }
      const message = withDetail(`The PACS refused the SR (HTTP ${status}).`, detail);
      return { ok: false, kind: 'refused', message, status, detail };
    }
    const fields = { status, ...(detail !== undefined && { detail }) };
    if (status === 409) {
      const message = 'The PACS refused the SR as conflicting with what it holds (HTTP 409).';
      return { ok: false, kind: 'conflict', message: withDetail(message, detail), ...fields };
    }
    if (status === 401 || status === 403) {
      const message = `The PACS refused the credentials (HTTP ${status}).`;
      return { ok: false, kind: 'unauthorized', message: withDetail(message, detail), ...fields };
    }
    if (status < 500) {
      const message = `The PACS refused the SR (HTTP ${status}).`;
      return { ok: false, kind: 'refused', message: withDetail(message, detail), ...fields };
    }
    last = fields;
  }
  const why =
    last.transport === 'timeout'
      ? 'the PACS did not answer in time'
      : last.transport === 'network'
        ? 'the PACS is unreachable'
        : `the PACS failed (HTTP ${last.status ?? 0})`;
  return {
    ok: false,
    kind: 'unavailable',
    message: withDetail(`Not stored: ${why}, ${retries + 1} attempts.`, last.detail),
    ...last,
  };
}

/** One SR instance the server holds. */
export interface StoredSr {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** Instance Number = read version. */
  readonly version: number;
}

type DicomJson = Record<string, { Value?: unknown[] } | undefined>;
const value = (item: DicomJson, tag: string): unknown => item[tag]?.Value?.[0];
const uid = (item: DicomJson, tag: string): string => {
  const v = value(item, tag);
  return typeof v === 'string' ? v : '';
};

async function searchSrs(
  settings: DicomWebSettings,
  deps: SrPacsDeps,
  query: Record<string, string>,
): Promise<StoredSr[]> {
  // Modality SR and the Comprehensive 3D SR class: what DREAM SRs are (docs/sr.md); an SR that
  // another program wrote fails the import with its problem named.
  const params = new URLSearchParams({
    ...query,
    Modality: 'SR',
    SOPClassUID: SR_CLASS,
    includefield: '00200013',
  });
  const response = await request(settings, deps, `/instances?${params.toString()}`, {
    headers: { ...auth(settings), Accept: 'application/dicom+json' },
  });
  if (typeof response === 'string') {
    const why =
      response === 'timeout' ? 'the PACS did not answer in time' : 'the PACS is unreachable';
    throw new Error(`QIDO-RS: ${why}`);
  }
  if (response.status === 204) return [];
  if (!response.ok) {
    const detail = serverDetail(await bodyText(response));
    throw new Error(withDetail(`QIDO-RS: HTTP ${response.status}.`, detail));
  }
  const items = (await response.json()) as DicomJson[];
  return items.map((item) => ({
    studyInstanceUid: uid(item, '0020000D'),
    seriesInstanceUid: uid(item, '0020000E'),
    sopInstanceUid: uid(item, '00080018'),
    version: Number(value(item, '00200013') ?? 0),
  }));
}

/** The versions of a read the server holds (QIDO-RS in the read's SR series). */
export async function storedVersions(
  read: Read,
  settings: DicomWebSettings,
  deps: SrPacsDeps,
): Promise<StoredSr[]> {
  const uids = await srUids(read, deps.sha256);
  const found = await searchSrs(settings, deps, {
    PatientID: read.patientId,
    SeriesInstanceUID: uids.series,
  });
  return found.sort((a, b) => a.version - b.version);
}

/** The first part of a multipart/related answer. */
export function firstPart(body: Uint8Array, contentType: string): Uint8Array | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary === undefined) return undefined;
  const text = new TextDecoder('latin1').decode(body);
  const start = text.indexOf(`--${boundary}`);
  const headerEnd = text.indexOf('\r\n\r\n', start);
  const end = text.indexOf(`\r\n--${boundary}`, headerEnd);
  if (start < 0 || headerEnd < 0 || end < 0) return undefined;
  return body.slice(headerEnd + 4, end);
}

/** A read loaded from the PACS, or every problem of one SR that could not be. */
export type LoadedSr =
  | {
      readonly ok: true;
      readonly read: Read;
      readonly integrity: IntegrityReport;
      readonly sopInstanceUid: string;
    }
  | {
      readonly ok: false;
      readonly sopInstanceUid: string;
      readonly problems: readonly ImportProblem[];
    };

/** Retrieves one SR (WADO-RS) and imports it with the SR import's checks. */
async function loadOne(
  sr: StoredSr,
  settings: DicomWebSettings,
  deps: SrPacsDeps,
): Promise<LoadedSr> {
  const { sopInstanceUid } = sr;
  const fail = (message: string): LoadedSr => ({
    ok: false,
    sopInstanceUid,
    problems: [{ path: '', message }],
  });
  const path = `/studies/${sr.studyInstanceUid}/series/${sr.seriesInstanceUid}/instances/${sopInstanceUid}`;
  const response = await request(settings, deps, path, {
    headers: { ...auth(settings), Accept: 'multipart/related; type="application/dicom"' },
  });
  if (typeof response === 'string') return fail(`WADO-RS: ${response}`);
  if (!response.ok) {
    const detail = serverDetail(await bodyText(response));
    return fail(withDetail(`WADO-RS: HTTP ${response.status}.`, detail));
  }
  const body = new Uint8Array(await response.arrayBuffer());
  const bytes = firstPart(body, response.headers.get('Content-Type') ?? '');
  if (bytes === undefined) return fail('WADO-RS: not a multipart DICOM answer');
  const options = { sha256: deps.sha256, ...(deps.verify && { verify: deps.verify }) };
  const result = await importReadSr(bytes, options);
  return result.ok
    ? { ok: true, read: result.read, integrity: result.integrity, sopInstanceUid }
    : { ok: false, sopInstanceUid, problems: result.problems };
}

/**
 * Every read the server holds as DREAM SR, of the given patients (all patients when none is
 * given): the newest version per read, each through the SR import (schema, hash chain, statuses,
 * key signature, UIDs). A failed search throws; a failed SR is returned with its problems.
 */
export async function loadPatientReads(
  patientIds: readonly string[],
  settings: DicomWebSettings,
  deps: SrPacsDeps,
): Promise<LoadedSr[]> {
  const queries = patientIds.length === 0 ? [{}] : patientIds.map((id) => ({ PatientID: id }));
  const found = (
    await Promise.all(queries.map((query) => searchSrs(settings, deps, query)))
  ).flat();
  const newest = new Map<string, StoredSr>();
  for (const sr of found) {
    const before = newest.get(sr.seriesInstanceUid);
    if (before === undefined || sr.version > before.version) newest.set(sr.seriesInstanceUid, sr);
  }
  const out: LoadedSr[] = [];
  for (const sr of newest.values()) out.push(await loadOne(sr, settings, deps));
  return out;
}
