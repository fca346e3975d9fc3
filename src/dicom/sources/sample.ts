/**
 * The bundled sample study: `sample-dicom/headers.json` holds every file's parsed header (one
 * request; see src/dicom/headerIndex.ts); without it, `manifest.json` names the files (a static
 * server has no directory listing) and each file's header is read. Images load over `wadouri:`.
 */
import { parseInstanceHeader, DicomHeaderError } from '../header';
import { isHeaderIndex } from '../headerIndex';
import type { CatalogInstance, CatalogProblem } from '../catalog';

export interface SourceProgress {
  read: number;
  total: number;
  problems: number;
}

interface Manifest {
  files: string[];
}

function isManifest(value: unknown): value is Manifest {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { files?: unknown }).files) &&
    (value as { files: unknown[] }).files.every((file) => typeof file === 'string')
  );
}

/** Runs `task` over `items` with at most `limit` in flight, in order of start. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Bytes fetched first: enough for the header of almost every file, not its pixels. */
const HEADER_BYTES = 16 * 1024;

async function fetchBytes(url: string, signal?: AbortSignal, range?: number) {
  const headers: HeadersInit = range ? { Range: `bytes=0-${range - 1}` } : {};
  const response = await fetch(url, { signal, headers });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return { partial: response.status === 206, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * Reads one file's header with a byte-range request, and falls back to the whole file when the
 * header runs past the range (or the server ignores ranges and sends it all anyway).
 */
async function fetchHeader(url: string, signal?: AbortSignal) {
  const head = await fetchBytes(url, signal, HEADER_BYTES);
  try {
    return parseInstanceHeader(head.bytes);
  } catch (error) {
    if (!head.partial || !(error instanceof DicomHeaderError) || error.reason !== 'truncated') {
      throw error;
    }
  }
  return parseInstanceHeader((await fetchBytes(url, signal)).bytes);
}

/** The headers from the study's header index, or undefined when it has none (or a broken one). */
async function fromHeaderIndex(
  base: URL,
  signal?: AbortSignal,
): Promise<CatalogInstance[] | undefined> {
  const response = await fetch(new URL('headers.json', base), { signal });
  if (!response.ok) return undefined;
  let index: unknown;
  try {
    index = await response.json();
  } catch {
    return undefined;
  }
  if (!isHeaderIndex(index)) return undefined;
  return Object.entries(index.headers).map(([path, header]) => ({
    source: `wadouri:${new URL(path, base).href}`,
    name: path,
    header,
  }));
}

/** Fetches the sample's header index, or else its manifest and every file's header. */
export async function loadSampleCatalogInstances(
  baseUrl: string,
  onProgress: (progress: SourceProgress) => void,
  signal?: AbortSignal,
): Promise<{ instances: CatalogInstance[]; problems: CatalogProblem[] }> {
  const base = new URL(baseUrl, window.location.href);
  const indexed = await fromHeaderIndex(base, signal);
  if (indexed) {
    onProgress({ read: indexed.length, total: indexed.length, problems: 0 });
    return { instances: indexed, problems: [] };
  }
  const response = await fetch(new URL('manifest.json', base), { signal });
  if (!response.ok) throw new Error(`sample manifest: HTTP ${response.status}`);
  const manifest: unknown = await response.json();
  if (!isManifest(manifest)) throw new Error('sample manifest: no "files" list');

  const instances: CatalogInstance[] = [];
  const problems: CatalogProblem[] = [];
  let read = 0;
  await forEachLimited(manifest.files, 16, async (path) => {
    const url = new URL(path, base).href;
    try {
      instances.push({
        source: `wadouri:${url}`,
        name: path,
        header: await fetchHeader(url, signal),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason =
        error instanceof DicomHeaderError || error instanceof Error ? error.message : String(error);
      problems.push({ source: path, reason });
    }
    read++;
    onProgress({ read, total: manifest.files.length, problems: problems.length });
  });
  return { instances, problems };
}
