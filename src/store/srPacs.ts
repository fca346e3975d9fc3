/**
 * The PACS as the study's shared store of reads (docs/sr.md): STOW-RS of a signed read's SR to the
 * configured DICOMweb server, QIDO-RS of the versions it holds, and loading every read of chosen
 * patients (newest version per read, each through the SR import's checks). The bearer token
 * travels in the Authorization header only. Not yet wired to the read bar or central review.
 */
import { exportReadSr, importReadSr, srUids } from '../dicom/sr/index.ts';
import type { Read, Sha256 } from '../domain/index.ts';
import type { DicomWebSettings } from './dicomwebSource.ts';

const SR_CLASS = '1.2.840.10008.5.1.4.1.1.88.34';

/** Services: fetch, sha256, retries of transient failures and the wait between them. */
export interface SrPacsDeps {
  readonly sha256: Sha256;
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
      readonly message: string;
    };

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
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await wait(attempt);
    const response = await request(settings, deps, '/studies', init);
    if (response === 'timeout' || response === 'network') {
      last = response === 'timeout' ? 'the PACS did not answer in time' : 'the PACS is unreachable';
      continue;
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      return { ok: true, kind: 'stored', sopInstanceUid: uids.sopInstance };
    }
    if (status === 409) {
      return {
        ok: false,
        kind: 'conflict',
        message: 'The PACS refused the SR as conflicting with what it holds (HTTP 409).',
      };
    }
    if (status === 401 || status === 403) {
      return {
        ok: false,
        kind: 'unauthorized',
        message: `The PACS refused the credentials (HTTP ${status}).`,
      };
    }
    if (status < 500) {
      return { ok: false, kind: 'refused', message: `The PACS refused the SR (HTTP ${status}).` };
    }
    last = `the PACS failed (HTTP ${status})`;
  }
  return {
    ok: false,
    kind: 'unavailable',
    message: `Not stored: ${last}, ${retries + 1} attempts.`,
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
  const params = new URLSearchParams({ ...query, SOPClassUID: SR_CLASS, includefield: '00200013' });
  const response = await request(settings, deps, `/instances?${params.toString()}`, {
    headers: { ...auth(settings), Accept: 'application/dicom+json' },
  });
  if (typeof response === 'string') throw new Error(`QIDO-RS: ${response}`);
  if (response.status === 204) return [];
  if (!response.ok) throw new Error(`QIDO-RS: HTTP ${response.status}`);
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

/** A read loaded from the PACS, or why one SR could not be. */
export type LoadedSr =
  | { readonly ok: true; readonly read: Read; readonly sopInstanceUid: string }
  | { readonly ok: false; readonly sopInstanceUid: string; readonly message: string };

/**
 * Every read of the patients the server holds as DREAM SR: the newest version per read, each
 * through the SR import (schema, hash chain, statuses, UIDs).
 */
export async function loadPatientReads(
  patientIds: readonly string[],
  settings: DicomWebSettings,
  deps: SrPacsDeps,
): Promise<LoadedSr[]> {
  const found = (
    await Promise.all(patientIds.map((id) => searchSrs(settings, deps, { PatientID: id })))
  ).flat();
  const newest = new Map<string, StoredSr>();
  for (const sr of found) {
    const before = newest.get(sr.seriesInstanceUid);
    if (before === undefined || sr.version > before.version) newest.set(sr.seriesInstanceUid, sr);
  }
  const out: LoadedSr[] = [];
  for (const sr of newest.values()) {
    const path = `/studies/${sr.studyInstanceUid}/series/${sr.seriesInstanceUid}/instances/${sr.sopInstanceUid}`;
    const response = await request(settings, deps, path, {
      headers: { ...auth(settings), Accept: 'multipart/related; type="application/dicom"' },
    });
    if (typeof response === 'string' || !response.ok) {
      const why = typeof response === 'string' ? response : `HTTP ${response.status}`;
      out.push({ ok: false, sopInstanceUid: sr.sopInstanceUid, message: `WADO-RS: ${why}` });
      continue;
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const bytes = firstPart(body, response.headers.get('Content-Type') ?? '');
    const result = bytes && (await importReadSr(bytes, { sha256: deps.sha256 }));
    if (result?.ok === true)
      out.push({ ok: true, read: result.read, sopInstanceUid: sr.sopInstanceUid });
    else {
      const message = result
        ? result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')
        : 'not a multipart DICOM answer';
      out.push({ ok: false, sopInstanceUid: sr.sopInstanceUid, message });
    }
  }
  return out;
}
