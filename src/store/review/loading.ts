/**
 * Where the central review's reads come from (src/store/review.ts): read files, the reads stored
 * in this browser, or the DREAM SRs a DICOMweb server holds. A file or SR is admitted only when
 * the import's checks pass and, with a study loaded, its signer is a key the study's roster
 * registers (src/store/reads/studySigner.ts); otherwise it is listed with every problem.
 */
import {
  importReadJson,
  isUntouchedRead,
  type ImportProblem,
  type IntegrityReport,
  type Read,
} from '../../domain';
import type { Store } from '../createStore';
import { studySignerVerdict } from '../reads';
import type { FileProblems, FileSigner, ReviewDeps, ReviewState, ReviewStore } from '../review';
import { loadPatientReads } from '../srPacs';
import { addReads, loadedRead, type LoadedRead, type ReadOrigin } from './reads';

/** An error's message, for the review's error states. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One imported file or SR: its read and integrity report, or the import's problems. */
type Imported =
  | { readonly ok: true; readonly read: Read; readonly integrity: IntegrityReport }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** Sorts imports into loaded reads, named signers and problems, the roster checked. */
function admit(
  items: readonly {
    readonly name: string;
    readonly origin: ReadOrigin;
    readonly result: Imported;
  }[],
  deps: ReviewDeps,
): { loaded: LoadedRead[]; fileProblems: FileProblems[]; signers: FileSigner[] } {
  const loaded: LoadedRead[] = [];
  const fileProblems: FileProblems[] = [];
  const signers: FileSigner[] = [];
  for (const { name, origin, result } of items) {
    if (!result.ok) {
      fileProblems.push({ file: name, problems: result.problems });
      continue;
    }
    const verdict = studySignerVerdict(result.read, result.integrity, deps.roster?.());
    if (!verdict.ok) {
      fileProblems.push({ file: name, problems: [verdict.problem] });
      continue;
    }
    loaded.push(loadedRead(result.read, origin));
    if (verdict.signer) signers.push({ file: name, signer: verdict.signer });
  }
  return { loaded, fileProblems, signers };
}

/** The review store's three ways of loading reads, over its state and services. */
export function readLoaders(
  store: Store<ReviewState>,
  deps: ReviewDeps,
): Pick<ReviewStore, 'loadFiles' | 'loadFromBrowser' | 'loadFromPacs'> {
  const patch = (change: Partial<ReviewState>) => store.set((s) => ({ ...s, ...change }));
  return {
    async loadFiles(files) {
      patch({ busy: true });
      const items = [];
      for (const file of files) {
        const result = await importReadJson(file.text, {
          sha256: deps.sha256,
          verify: deps.verify,
        });
        items.push({ name: file.name, origin: { kind: 'file', name: file.name } as const, result });
      }
      const { loaded, fileProblems, signers } = admit(items, deps);
      store.set((s) => ({
        ...s,
        busy: false,
        fileProblems,
        signers,
        reads: addReads(s.reads, loaded),
      }));
    },

    async loadFromBrowser() {
      patch({ busy: true });
      try {
        // A draft only opened, never edited, is no read to review (isUntouchedRead).
        const reads = (await deps.repository().list()).filter((read) => !isUntouchedRead(read));
        const loaded = reads.map((read) => loadedRead(read, { kind: 'browser' }));
        store.set((s) => ({
          ...s,
          busy: false,
          browserLoad: { kind: 'loaded', count: reads.length },
          reads: addReads(s.reads, loaded),
        }));
      } catch (error) {
        patch({ busy: false, browserLoad: { kind: 'error', message: errorMessage(error) } });
      }
    },

    async loadFromPacs(settings, patientIds) {
      patch({ busy: true });
      try {
        const results = await loadPatientReads(patientIds, settings, {
          sha256: deps.sha256,
          ...(deps.verify && { verify: deps.verify }),
          ...(deps.fetch && { fetch: deps.fetch }),
        });
        const items = results.map((result) => ({
          name: `SR ${result.sopInstanceUid}`,
          origin: { kind: 'pacs', sopInstanceUid: result.sopInstanceUid } as const,
          result,
        }));
        const { loaded, fileProblems, signers } = admit(items, deps);
        store.set((s) => ({
          ...s,
          busy: false,
          fileProblems,
          signers,
          pacsLoad: { kind: 'loaded', found: results.length, loaded: loaded.length },
          reads: addReads(s.reads, loaded),
        }));
      } catch (error) {
        patch({ busy: false, pacsLoad: { kind: 'error', message: errorMessage(error) } });
      }
    },
  };
}
