/**
 * The contract of a read session (src/store/reads/session.ts): its state, what it needs, and
 * what it offers the reading room. Kept apart from the session's workings.
 */
import type {
  CommandContext,
  CommandInputs,
  CommandKind,
  DomainError,
  ImportProblem,
  Read,
  Reader,
  Roster,
  Sha256,
  SignBytes,
  SignInput,
  SignerCheck,
  VerifyBytes,
} from '../../domain';
import type { Store } from '../createStore';
import type { Presence } from './presence';
import type { ReadRepository } from './repository';
import type { SignerProblem } from './studySigner';

/** Whether the read on screen is saved. */
export type SaveStatus =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'error'; readonly message: string };

/** Why the last action was refused, for the screen. */
export interface Refusal {
  readonly code: DomainError['code'] | 'conflict' | 'busy';
  readonly message: string;
  /** The screen's words for it, where it has its own (src/i18n/study-en.ts `sign`). */
  readonly text?: { readonly key: string; readonly params?: Record<string, string | number> };
}

export interface ReadSessionState {
  readonly phase: 'loading' | 'ready' | 'failed';
  readonly read: Read | undefined;
  readonly save: SaveStatus;
  /** Another tab edits this read, or saved it since this tab last saw it. */
  readonly conflict: boolean;
  readonly refusal: Refusal | undefined;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly loadError?: string;
}

/** What a session needs from outside: storage, hashing, clock, ids, the reader, other tabs. */
export interface ReadSessionDeps {
  readonly repository: ReadRepository;
  readonly sha256: Sha256;
  readonly context: CommandContext;
  readonly reader: Reader;
  readonly presence?: Presence;
  /** Signs with the reader's key (signingKey.ts); without it a signature binds no key. */
  readonly signer?: SignBytes;
  /** Verifies key signatures of imported reads. */
  readonly verify?: VerifyBytes;
  /** The study's roster: a signed import must be signed by a key it registers (studySigner.ts). */
  readonly roster?: () => Roster | undefined;
  /** The loaded study's id, written in the read CSV's `study_id` (src/domain/exportCsv.ts). */
  readonly studyId?: () => string | undefined;
}

/** An exported file. */
export interface ExportedFile {
  readonly fileName: string;
  readonly text: string;
}

/** A signed version of a read, ready to download. */
export interface SignedVersionFile extends ExportedFile {
  readonly version: number;
  readonly versionId: string;
  readonly signedAt: string;
  readonly signerName: string;
}

export interface ReadSession {
  readonly store: Pick<Store<ReadSessionState>, 'get' | 'subscribe'>;
  /** Applies an edit command; false (and `refusal` set) when refused. */
  dispatch<K extends CommandKind>(kind: K, input: CommandInputs[K]): boolean;
  undo(): boolean;
  redo(): boolean;
  /** Records the exams' QC (docs/domain.md §11) outside the undo history; a signed read keeps its. */
  recordExamQc(records: readonly CommandInputs['recordExamQc'][]): boolean;
  /**
   * Signs the read with its content hash and the reader's key (docs/record-integrity.md), once
   * everything before is sealed; false (and `refusal` set) when refused.
   */
  sign(input: SignInput): Promise<boolean>;
  amend(reason: string): boolean;
  /** Replaces the read by an imported file of the same patient; nothing changes on problems. */
  importJson(
    text: string,
  ): Promise<
    { ok: true; signer?: SignerCheck } | { ok: false; problems: (ImportProblem | SignerProblem)[] }
  >;
  exportJson(): Promise<ExportedFile>;
  exportCsv(): Promise<ExportedFile>;
  /** Every signed version of this read kept in the store, oldest first, as export files. */
  signedVersions(): Promise<readonly SignedVersionFile[]>;
  /** Makes this tab the editor again, with the read as stored now (unsaved edits are dropped). */
  takeOver(): Promise<void>;
  /** Resolves when everything dispatched so far is sealed and saved (or saving failed). */
  flushed(): Promise<void>;
  clearRefusal(): void;
  close(): void;
}
