/**
 * The study the reader works in (docs/campaign.md): loaded from a file the reader chooses, or
 * from `?study=<url>` (same origin, or the origin of the saved DICOMweb server), kept in this
 * browser (localStorage `dream-reader.study`) until the reader closes it. Without a study the
 * app works as without this store. Made once at the root (src/compose.ts).
 */
import {
  parseStudy,
  studyRoster,
  type Blinding,
  type Roster,
  type Study,
  type StudyProblem,
} from '../domain';
import { createStore, type Store } from './createStore';

const STORAGE_KEY = 'dream-reader.study';

export interface StudyState {
  readonly study: Study | undefined;
  /** Where the study came from: a file name or a URL. */
  readonly source: string | undefined;
  /** The blinding options of the study (off without a study). */
  readonly blinding: Blinding;
  /** The study's readers with a key, to check signers against (undefined: none). */
  readonly roster: Roster | undefined;
  readonly loading: boolean;
  /** Why the last load failed: every problem of the file by path, or a fetch error. */
  readonly problems: readonly StudyProblem[];
  readonly failedSource: string | undefined;
}

export const NO_BLINDING: Blinding = { enabled: false };

const EMPTY: StudyState = {
  study: undefined,
  source: undefined,
  blinding: NO_BLINDING,
  roster: undefined,
  loading: false,
  problems: [],
  failedSource: undefined,
};

export interface StudyStoreDeps {
  readonly fetch: typeof fetch;
  /** localStorage, or undefined to keep nothing. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  /** Origins a `?study=` URL may come from (the page's, the DICOMweb server's). */
  readonly allowedOrigins: () => readonly string[];
  /** The page's address, to resolve relative URLs. */
  readonly base: string;
}

export interface StudyStore {
  readonly store: Store<StudyState>;
  /** The study's blinding options (`{ enabled: false }` without a study). */
  blinding(): Blinding;
  /** Loads a study file's text; false (and `problems` set) when it is refused. */
  loadText(text: string, source: string): boolean;
  /** Fetches a study file from an allowed origin, then as `loadText`. */
  loadUrl(url: string): Promise<boolean>;
  /** Closes the study: the app works without one again. */
  close(): void;
}

function stateOf(study: Study, source: string): StudyState {
  return {
    ...EMPTY,
    study,
    source,
    blinding: study.blinding ?? NO_BLINDING,
    roster: studyRoster(study),
  };
}

/** The study store, with the study kept in `deps.storage` brought back. */
export function createStudyStore(deps: StudyStoreDeps): StudyStore {
  const kept = (() => {
    try {
      const saved = JSON.parse(deps.storage?.getItem(STORAGE_KEY) ?? 'null') as unknown;
      if (typeof saved !== 'object' || saved === null) return EMPTY;
      const { text, source } = saved as { text?: unknown; source?: unknown };
      if (typeof text !== 'string' || typeof source !== 'string') return EMPTY;
      const parsed = parseStudy(text);
      return parsed.ok ? stateOf(parsed.study, source) : EMPTY;
    } catch {
      return EMPTY;
    }
  })();
  const store = createStore<StudyState>(kept);
  const fail = (source: string, problems: readonly StudyProblem[]) => {
    store.set((s) => ({ ...s, loading: false, problems, failedSource: source }));
    return false;
  };
  const loadText = (text: string, source: string) => {
    const parsed = parseStudy(text);
    if (!parsed.ok) return fail(source, parsed.problems);
    try {
      deps.storage?.setItem(STORAGE_KEY, JSON.stringify({ text, source }));
    } catch {
      // Not kept (storage full or off): the study stays for this page.
    }
    store.set(stateOf(parsed.study, source));
    return true;
  };
  return {
    store,
    blinding: () => store.get().blinding,
    loadText,
    async loadUrl(url) {
      let target: URL;
      try {
        target = new URL(url, deps.base);
      } catch {
        return fail(url, [{ path: '', message: 'not a URL' }]);
      }
      if (!deps.allowedOrigins().includes(target.origin)) {
        return fail(url, [
          {
            path: '',
            message: `${target.origin} is neither this app's origin nor the DICOMweb server's`,
          },
        ]);
      }
      store.set((s) => ({ ...s, loading: true }));
      try {
        const response = await deps.fetch(target.href, { credentials: 'same-origin' });
        if (!response.ok) return fail(url, [{ path: '', message: `HTTP ${response.status}` }]);
        return loadText(await response.text(), url);
      } catch (error) {
        return fail(url, [
          { path: '', message: error instanceof Error ? error.message : String(error) },
        ]);
      }
    },
    close() {
      deps.storage?.removeItem(STORAGE_KEY);
      store.set(EMPTY);
    },
  };
}
