/**
 * Local files and folders (picked or dropped): ZIP archives are expanded, every file is indexed in
 * worker threads, good files are handed to the image loader (the function the viewer gives, which
 * names them `dicomfile:` ids), the rest are reported. Made once at the composition root.
 */
import type { CatalogInstance, CatalogProblem } from '../catalog';
import type { IndexResult } from '../indexing/indexFile';
import { indexFiles, type IndexInput } from '../indexing/pool';
import { expandZip, hasZipName, hasZipSignature, ZIP_SIGNATURE_BYTES } from '../indexing/zip';
import type { LibrarySink } from './sink';

/** A file and the path it is reported by (its path relative to the picked or dropped folder). */
export interface LocalFile {
  file: Blob;
  name: string;
}

/** What one load did, for the panel's summary line. */
export interface LocalLoadSummary {
  /** Files indexed (archive entries counted, archives themselves not). */
  files: number;
  /** Instances handed to the catalog (it may still set some aside as problems). */
  instances: number;
  /** DICOMDIR files, skipped without a problem. */
  dicomdirs: number;
  /** Files that could not be read as DICOM (before cataloguing). */
  problems: number;
  cancelled: boolean;
}

async function isZip(file: LocalFile): Promise<boolean> {
  if (hasZipName(file.name)) return true;
  if (file.file.size < ZIP_SIGNATURE_BYTES) return false;
  const head = new Uint8Array(await file.file.slice(0, ZIP_SIGNATURE_BYTES).arrayBuffer());
  return hasZipSignature(head);
}

/** Replaces archives by their entries (nested archives too); broken archives become problems. */
async function expandArchives(
  files: readonly LocalFile[],
  problems: CatalogProblem[],
  signal: AbortSignal,
): Promise<IndexInput[]> {
  const pending = [...files];
  const out: IndexInput[] = [];
  for (let file = pending.shift(); file !== undefined; file = pending.shift()) {
    if (signal.aborted) break;
    if (!(await isZip(file))) {
      out.push(file);
      continue;
    }
    try {
      const entries = expandZip(file.name, new Uint8Array(await file.file.arrayBuffer()));
      pending.push(
        ...entries.map((entry) => ({ file: new Blob([entry.bytes]), name: entry.name })),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ source: file.name, reason: `corrupt ZIP archive: ${message}` });
    }
  }
  return out;
}

function problemText(result: Extract<IndexResult, { kind: 'problem' }>): string {
  return `${result.reason}: ${result.message}`;
}

/** Loads local files into the library; the panel and the drop target call it. */
export type LocalFileLoader = (files: readonly LocalFile[]) => Promise<LocalLoadSummary>;

/**
 * The local-file loader: each load shows its progress (label "files") with a cancel action and
 * never throws (a failure of the whole load is shown as the library error). `register` hands a
 * file to the image loader and returns its image id.
 */
export function createLocalFileLoader(
  register: (file: Blob) => string,
  library: LibrarySink,
): LocalFileLoader {
  // Loads under way: only the last one to finish hides the progress bar.
  let running = 0;
  const { add: addToLibrary, setLoading, setError: setLibraryError } = library;
  return async (files) => {
    const controller = new AbortController();
    const cancel = (): void => controller.abort();
    const summary: LocalLoadSummary = {
      files: 0,
      instances: 0,
      dicomdirs: 0,
      problems: 0,
      cancelled: false,
    };
    running++;
    setLoading({ label: 'files', read: 0, total: files.length, problems: 0 }, cancel);
    try {
      const problems: CatalogProblem[] = [];
      const inputs = await expandArchives(files, problems, controller.signal);
      const results = await indexFiles(inputs, {
        signal: controller.signal,
        onProgress: (progress) =>
          setLoading(
            { label: 'files', ...progress, problems: progress.problems + problems.length },
            cancel,
          ),
      });
      const instances: CatalogInstance[] = [];
      results.forEach((result, index) => {
        const input = inputs[index] as IndexInput;
        if (result.kind === 'header') {
          instances.push({
            source: register(input.file),
            name: input.name,
            header: result.header,
          });
        } else if (result.kind === 'dicomdir') {
          summary.dicomdirs++;
        } else {
          problems.push({ source: input.name, reason: problemText(result) });
        }
      });
      addToLibrary(instances, problems);
      Object.assign(summary, {
        files: inputs.length,
        instances: instances.length,
        problems: problems.length,
      });
    } catch (error) {
      if (controller.signal.aborted) summary.cancelled = true;
      else setLibraryError(error instanceof Error ? error.message : String(error));
    } finally {
      // Another load may have started meanwhile: only the last one to finish hides the bar.
      if (--running === 0) setLoading(undefined);
    }
    return summary;
  };
}
