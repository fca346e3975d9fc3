/**
 * The central review's state (docs/domain.md §7): the reads loaded for review (files, the reads
 * stored in this browser, or the DREAM SRs a DICOMweb server holds: src/store/srPacs.ts), the pair compared per patient, the adjudicator's draft decisions, the
 * consensus reads built from them (sealed, signed with the meaning "Adjudication", saved and
 * exported like any read), and the outcomes for the endpoint. Pure parts live in ./review/.
 *
 * This state is the review mode's only: the reading screens never see it, so readers stay
 * blinded to each other (the review is a separate mode, entered deliberately).
 */
import {
  buildConsensus,
  compareReads,
  exportReadJson,
  parseOutcomesCsv,
  sealAudit,
  signRead,
  type AdjudicationProblem,
  type CommandContext,
  type ConsensusProvenance,
  type ImportProblem,
  type LesionId,
  type LesionOutcome,
  type OutcomeProblem,
  type Read,
  type Reader,
  type Roster,
  type Sha256,
  type SignBytes,
  type SignerCheck,
  type VerifyBytes,
  type WholeReadAcceptance,
} from '../domain';
import { createStore, type Store } from './createStore';
import type { DicomWebSettings } from './dicomwebSource';
import { exportBaseName, type ExportedFile, type ReadRepository } from './reads';
import {
  toDecisions,
  updateDraft,
  type DraftDecision,
  type DraftDecisions,
} from './review/decisions';
import { setOutcomeField, type OutcomeField } from './review/outcomes';
import { readLoaders, errorMessage as message } from './review/loading';
import { comparisonKey, type LoadedRead } from './review/reads';

export * from './review/reads';
export * from './review/decisions';
export * from './review/stats';
export * from './review/outcomes';
export * from './review/compare';
export * from './review/monitoring';
export * from './review/showPlace';
export * from './review/shownMarks';

/** The meaning recorded with the adjudicator's signature (21 CFR 11.50). */
export const ADJUDICATION_MEANING = 'Adjudication';

/** Problems of one file that could not be loaded (nothing of it was loaded). */
export interface FileProblems {
  readonly file: string;
  readonly problems: readonly ImportProblem[];
}

/** A loaded file's signer as the study's roster names it. */
export interface FileSigner {
  readonly file: string;
  readonly signer: SignerCheck;
}

/** Whether a consensus read is saved in this browser. */
export type ConsensusSave =
  | { readonly kind: 'unsaved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'error'; readonly message: string };

/** The consensus of one comparison: built (sealed), or refused with the domain's problems. */
export type ConsensusEntry =
  | {
      readonly kind: 'built';
      readonly read: Read;
      readonly provenance: ConsensusProvenance;
      readonly save: ConsensusSave;
    }
  | { readonly kind: 'refused'; readonly problems: readonly AdjudicationProblem[] };

export interface ReviewState {
  readonly reads: readonly LoadedRead[];
  /** Problems of the files of the last load. */
  readonly fileProblems: readonly FileProblems[];
  /** The signers of the last files loaded, when a study's roster checked them. */
  readonly signers?: readonly FileSigner[];
  readonly busy: boolean;
  /** The last load from the browser's store. */
  readonly browserLoad?:
    | { readonly kind: 'loaded'; readonly count: number }
    | { readonly kind: 'error'; readonly message: string };
  /** The last load from a DICOMweb server: the SRs found and how many of them were loaded. */
  readonly pacsLoad?:
    | { readonly kind: 'loaded'; readonly found: number; readonly loaded: number }
    | { readonly kind: 'error'; readonly message: string };
  /** The two read keys compared per patient, when the reviewer chose them. */
  readonly pairs: Readonly<Record<string, readonly [string, string]>>;
  /** Draft decisions per comparison key. */
  readonly drafts: Readonly<Record<string, DraftDecisions>>;
  /** "2+1": the reader whose whole read is accepted, per comparison key (then no drafts count). */
  readonly wholeRead: Readonly<Record<string, WholeReadAcceptance>>;
  readonly consensus: Readonly<Record<string, ConsensusEntry>>;
  readonly outcomes: readonly LesionOutcome[];
  /** Problems of the last outcomes file (the outcomes were then left unchanged). */
  readonly outcomeProblems?: readonly OutcomeProblem[];
  readonly outcomesFile?: string;
}

export const EMPTY_REVIEW: ReviewState = {
  reads: [],
  fileProblems: [],
  busy: false,
  pairs: {},
  drafts: {},
  wholeRead: {},
  consensus: {},
  outcomes: [],
};

/** What the review needs from outside: hashing, clock and ids, the read repository. */
export interface ReviewDeps {
  readonly sha256: Sha256;
  /** Verifies key signatures of loaded reads (docs/record-integrity.md). */
  readonly verify?: VerifyBytes;
  /** The adjudicator's signing key (store/reads/signingKey.ts). */
  readonly signer?: (readerId: string) => SignBytes;
  readonly context: CommandContext;
  /** Called on first use (IndexedDB opens only when the browser's reads are asked for). */
  readonly repository: () => ReadRepository;
  /** The fetch of DICOMweb requests (tests pass an in-memory server). */
  readonly fetch?: typeof fetch;
  /** The study's roster: signed reads must be signed by a key it registers (studySigner.ts). */
  readonly roster?: () => Roster | undefined;
}

/** A text file as given by the file input. */
export interface TextFile {
  readonly name: string;
  readonly text: string;
}

export interface ReviewStore {
  readonly store: Pick<Store<ReviewState>, 'get' | 'subscribe'>;
  /** Imports read files (schema, hash chain, statuses checked); a bad file loads nothing. */
  loadFiles(files: readonly TextFile[]): Promise<void>;
  /** Loads every read stored in this browser. */
  loadFromBrowser(): Promise<void>;
  /**
   * Loads the newest version of every read a DICOMweb server holds as DREAM SR, of the given
   * patients (all when none): the same checks as a read file, an SR that fails them loads
   * nothing and is listed with its problems like a file.
   */
  loadFromPacs(settings: DicomWebSettings, patientIds: readonly string[]): Promise<void>;
  choosePair(patientId: string, key1: string, key2: string): void;
  setDraft(key: string, discordanceId: string, patch: Partial<DraftDecision>): void;
  /** "2+1": accepts one reader's whole read with a reason, or (undefined) takes it back. */
  setWholeRead(key: string, acceptance: WholeReadAcceptance | undefined): void;
  /**
   * Builds (or rebuilds, while unsigned) the consensus of two reads with the drafts as
   * decisions, sealed; or records the domain's problems.
   */
  buildConsensus(read1: Read, read2: Read, adjudicator: Reader | undefined): Promise<void>;
  /** Signs the consensus (meaning "Adjudication"), seals it and saves it in this browser. */
  signConsensus(key: string, signerName: string): Promise<void>;
  exportConsensus(key: string): ExportedFile | undefined;
  /** Replaces the outcomes by a CSV file's, or keeps them and records every problem. */
  importOutcomesCsv(file: TextFile): void;
  setOutcome<F extends OutcomeField>(
    patientId: string,
    lesionId: LesionId,
    field: F,
    value: LesionOutcome[F] | undefined,
  ): void;
  clearOutcomeProblems(): void;
}

/** The review state and its actions over injected services. */
export function createReviewStore(deps: ReviewDeps): ReviewStore {
  const store = createStore<ReviewState>(EMPTY_REVIEW);
  const patch = (change: Partial<ReviewState>) => store.set((s) => ({ ...s, ...change }));

  const setEntry = (key: string, entry: ConsensusEntry) =>
    store.set((s) => ({ ...s, consensus: { ...s.consensus, [key]: entry } }));

  return {
    store,

    ...readLoaders(store, deps),

    choosePair(patientId, key1, key2) {
      store.set((s) => ({ ...s, pairs: { ...s.pairs, [patientId]: [key1, key2] } }));
    },

    setDraft(key, discordanceId, change) {
      store.set((s) => ({
        ...s,
        drafts: { ...s.drafts, [key]: updateDraft(s.drafts[key] ?? {}, discordanceId, change) },
      }));
    },

    setWholeRead(key, acceptance) {
      store.set((s) => {
        const { [key]: dropped, ...rest } = s.wholeRead;
        void dropped;
        return { ...s, wholeRead: acceptance ? { ...rest, [key]: acceptance } : rest };
      });
    },

    async buildConsensus(read1, read2, adjudicator) {
      const key = comparisonKey(read1, read2);
      const existing = store.get().consensus[key];
      if (existing?.kind === 'built' && existing.read.state.kind === 'signed') return;
      if (!adjudicator) {
        setEntry(key, {
          kind: 'refused',
          problems: [{ code: 'adjudicator-is-reader', message: 'no adjudicator identity set' }],
        });
        return;
      }
      const drafts = store.get().drafts[key] ?? {};
      let result: ReturnType<typeof buildConsensus>;
      try {
        const wholeRead = store.get().wholeRead[key];
        const decisions = wholeRead ? [] : toDecisions(compareReads(read1, read2), drafts);
        result = buildConsensus(
          { read1, read2, adjudicator, decisions, ...(wholeRead && { wholeRead }) },
          deps.context,
        );
      } catch (error) {
        // Reads that cannot be compared at all (other patients, an invalid configuration).
        setEntry(key, {
          kind: 'refused',
          problems: [{ code: 'different-patients', message: message(error) }],
        });
        return;
      }
      if (!result.ok) {
        setEntry(key, { kind: 'refused', problems: result.problems });
        return;
      }
      const sealed = await sealAudit(result.read, deps.sha256);
      setEntry(key, {
        kind: 'built',
        read: sealed,
        provenance: result.provenance,
        save: { kind: 'unsaved' },
      });
    },

    async signConsensus(key, signerName) {
      const entry = store.get().consensus[key];
      if (entry?.kind !== 'built' || entry.read.state.kind === 'signed') return;
      const signBytes = deps.signer?.(entry.read.reader.id);
      const signed = await sealAudit(
        await signRead(entry.read, { signerName, meaning: ADJUDICATION_MEANING }, deps.context, {
          sha256: deps.sha256,
          ...(signBytes && { signBytes }),
        }),
        deps.sha256,
      );
      setEntry(key, { ...entry, read: signed, save: { kind: 'saving' } });
      let save: ConsensusSave;
      try {
        const put = await deps.repository().put(signed, null);
        save = put.ok
          ? { kind: 'saved' }
          : { kind: 'error', message: 'a read with this id is already stored' };
      } catch (error) {
        save = { kind: 'error', message: message(error) };
      }
      const now = store.get().consensus[key];
      if (now?.kind === 'built') setEntry(key, { ...now, save });
    },

    exportConsensus(key) {
      const entry = store.get().consensus[key];
      if (entry?.kind !== 'built') return undefined;
      return {
        fileName: `${exportBaseName(entry.read)}.json`,
        text: exportReadJson(entry.read, { now: deps.context.now }),
      };
    },

    importOutcomesCsv(file) {
      const result = parseOutcomesCsv(file.text);
      if (result.ok) {
        patch({ outcomes: result.outcomes, outcomeProblems: undefined, outcomesFile: file.name });
      } else {
        patch({ outcomeProblems: result.problems, outcomesFile: file.name });
      }
    },

    setOutcome(patientId, lesionId, field, value) {
      store.set((s) => ({
        ...s,
        outcomes: setOutcomeField(s.outcomes, patientId, lesionId, field, value),
      }));
    },

    clearOutcomeProblems() {
      patch({ outcomeProblems: undefined });
    },
  };
}
