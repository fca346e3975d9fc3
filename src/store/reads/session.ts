/**
 * A read session: the one read of one patient that this tab edits. Commands run synchronously
 * on the domain (so the screen updates at once); the audit is then sealed with SHA-256 and the
 * read saved, one save at a time, in the background. Undo and redo apply inverse commands.
 * Its contract (state, dependencies, methods) is in ./sessionTypes.ts.
 */
import {
  DomainError,
  amend,
  applyBatch,
  applySealed,
  createRead,
  exportReadCsv,
  exportReadJson,
  findSigningGaps,
  importReadJson,
  sealPending,
  signRead,
  type Read,
  type ReadCommand,
  type Step,
} from '../../domain';
import { createStore } from '../createStore';
import { storeImportedRead } from './importFile';
import type {
  ExportedFile,
  ReadSession,
  ReadSessionDeps,
  ReadSessionState,
  Refusal,
} from './sessionTypes';
import { signRefusal } from './signRefusal';
import { studySignerVerdict } from './studySigner';
import { NO_PRESENCE } from './presence';
import { fingerprintOf, latestRead, type ReadFingerprint } from './repository';

export type * from './sessionTypes';

interface UndoEntry {
  readonly undo: readonly Step[];
}

const INITIAL: ReadSessionState = {
  phase: 'loading',
  read: undefined,
  save: { kind: 'saved' },
  conflict: false,
  refusal: undefined,
  canUndo: false,
  canRedo: false,
};

/**
 * The base of exported file names, what a data manager sorts by: `<patient>-<reader id>-v<version>`,
 * with `consensus` before the adjudicator's id on a consensus read (a reader has one read per
 * patient; its versions are its amendments).
 */
export function exportBaseName(read: Read): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
  const who = `${read.consensus ? 'consensus-' : ''}${safe(read.reader.id)}`;
  return `${safe(read.patientId)}-${who}-v${read.version}`;
}

/** Opens the latest read of `patientId` by the reader, or starts one. */
export function openReadSession(patientId: string, deps: ReadSessionDeps): ReadSession {
  const { repository, sha256, context, reader } = deps;
  const presence = deps.presence ?? NO_PRESENCE;
  const store = createStore<ReadSessionState>(INITIAL);
  let undoStack: UndoEntry[] = [];
  let redoStack: UndoEntry[] = [];
  /** What the repository held when this tab last loaded or saved (null: nothing yet). */
  let lastSeen: ReadFingerprint | null = null;
  /** Bumped whenever the read is replaced wholesale, so that a save under way is dropped. */
  let generation = 0;
  let dirty = false;
  let saving: Promise<void> | undefined;
  let closed = false;

  const patch = (change: Partial<ReadSessionState>) => {
    if (!closed) store.set((state) => ({ ...state, ...change }));
  };
  const stacks = () => ({ canUndo: undoStack.length > 0, canRedo: redoStack.length > 0 });
  const refuse = (refusal: Refusal) => {
    patch({ refusal });
    return false;
  };
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  function replaceRead(read: Read, seen: ReadFingerprint | null) {
    generation++;
    lastSeen = seen;
    undoStack = [];
    redoStack = [];
    patch({ phase: 'ready', read, refusal: undefined, ...stacks() });
    presence.join(read.readId, () => patch({ conflict: true }));
    if (read.pendingAudit.length > 0) scheduleSave();
  }

  async function saveLoop(): Promise<void> {
    while (dirty && !closed) {
      dirty = false;
      const gen = generation;
      const snapshot = store.get().read;
      if (!snapshot) return;
      try {
        const sealed = await sealPending(snapshot, sha256);
        if (gen !== generation) return;
        const current = store.get().read;
        if (!current) return;
        const read = applySealed(current, sealed);
        patch({ read });
        // Commands dispatched while hashing left entries pending: seal them first, then save.
        if (read.pendingAudit.length > 0) {
          dirty = true;
          continue;
        }
        const result = await repository.put(read, lastSeen);
        if (gen !== generation) return;
        if (!result.ok) {
          patch({
            conflict: true,
            save: {
              kind: 'error',
              message: 'another tab saved this read since it was opened here',
            },
          });
          return;
        }
        lastSeen = fingerprintOf(read);
      } catch (error) {
        patch({ save: { kind: 'error', message: message(error) } });
        return;
      }
    }
    if (!closed && store.get().save.kind === 'saving') patch({ save: { kind: 'saved' } });
  }

  function scheduleSave() {
    dirty = true;
    patch({ save: { kind: 'saving' } });
    saving ??= saveLoop().finally(() => {
      saving = undefined;
      if (dirty && !store.get().conflict) scheduleSave();
    });
  }

  /** Runs a change of the read, refusing it in conflict; DomainErrors become refusals. */
  function change(apply: (read: Read) => Read | undefined): boolean {
    const state = store.get();
    if (!state.read) return refuse({ code: 'busy', message: 'the read is still loading' });
    if (state.conflict) {
      return refuse({
        code: 'conflict',
        message: 'another tab edits this read: take over to edit here',
      });
    }
    try {
      const next = apply(state.read);
      if (next === undefined || next === state.read) {
        patch({ refusal: undefined, ...stacks() });
        return true;
      }
      patch({ read: next, refusal: undefined, ...stacks() });
      scheduleSave();
      return true;
    } catch (error) {
      if (error instanceof DomainError) return refuse({ code: error.code, message: error.message });
      throw error;
    }
  }

  /** Applies the top entry of `from` and pushes its inverse on `to`. */
  function travel(from: () => UndoEntry[], to: () => UndoEntry[]): boolean {
    const entry = from().at(-1);
    if (!entry) return false;
    return change((read) => {
      const result = applyBatch(read, entry.undo, context);
      from().pop();
      if (result.inverse.length > 0) to().push({ undo: result.inverse });
      return result.read;
    });
  }

  async function load() {
    try {
      const existing = latestRead(await repository.list(patientId), reader.id);
      if (closed) return;
      if (existing) replaceRead(existing, fingerprintOf(existing));
      else replaceRead(createRead({ patientId, reader }, context), null);
    } catch (error) {
      patch({ phase: 'failed', loadError: message(error) });
    }
  }
  void load();

  async function flushed(): Promise<void> {
    while (saving) await saving;
  }

  async function exported(render: (read: Read) => string, ext: string): Promise<ExportedFile> {
    await flushed();
    const read = store.get().read;
    if (!read) throw new Error('no read is open');
    return { fileName: `${exportBaseName(read)}.${ext}`, text: render(read) };
  }

  return {
    store,
    dispatch(kind, input) {
      return change((read) => {
        const result = applyBatch(read, [{ kind, input } as ReadCommand], context);
        if (result.read === read) return read;
        undoStack.push({ undo: result.inverse });
        redoStack = [];
        return result.read;
      });
    },
    recordExamQc(records) {
      const { read, conflict } = store.get();
      // Another tab's read is not this tab's to change: nothing is recorded, nothing refused.
      if (!read || conflict || read.state.kind === 'signed' || records.length === 0) return true;
      return change((current) => {
        const steps = records.map((input): ReadCommand => ({ kind: 'recordExamQc', input }));
        return applyBatch(current, steps, context).read;
      });
    },
    undo: () =>
      travel(
        () => undoStack,
        () => redoStack,
      ),
    redo: () =>
      travel(
        () => redoStack,
        () => undoStack,
      ),
    async sign(input) {
      await flushed();
      const read = store.get().read;
      if (!read) return refuse(signRefusal('loading'));
      const gaps = findSigningGaps(read).length;
      if (gaps > 0 && !input.signAnywayReason?.trim()) return refuse(signRefusal('gaps', gaps));
      let signed: Read;
      try {
        signed = await signRead(read, input, context, { sha256, signBytes: deps.signer });
      } catch (error) {
        if (error instanceof DomainError)
          return refuse({ code: error.code, message: error.message });
        return refuse(signRefusal('failed', message(error)));
      }
      return change((current) => {
        if (current !== read) {
          throw new DomainError('invalid-transition', 'the read changed while signing; sign again');
        }
        undoStack = [];
        redoStack = [];
        return signed;
      });
    },
    amend(reason) {
      return change((read) => amend(read, reason, context));
    },
    async importJson(text) {
      const result = await importReadJson(text, { sha256, verify: deps.verify });
      if (!result.ok) return { ok: false, problems: [...result.problems] };
      const verdict = studySignerVerdict(result.read, result.integrity, deps.roster?.());
      if (!verdict.ok) return { ok: false, problems: [verdict.problem] };
      await flushed();
      const stored = await storeImportedRead(repository, result.read, patientId);
      if (!stored.ok) return stored;
      const read = result.read;
      replaceRead(read, fingerprintOf(read));
      patch({ conflict: false, save: { kind: 'saved' } });
      return { ok: true, ...(verdict.signer && { signer: verdict.signer }) };
    },
    exportJson: () => exported((read) => exportReadJson(read, { now: context.now }), 'json'),
    exportCsv: () => {
      const studyId = deps.studyId?.();
      return exported((read) => exportReadCsv(read, studyId ? { studyId } : {}), 'csv');
    },
    async signedVersions() {
      await flushed();
      const read = store.get().read;
      if (!read) return [];
      const versions = await repository.versions(read.readId);
      return versions.flatMap((version) =>
        version.state.kind === 'signed'
          ? [
              {
                version: version.version,
                versionId: version.versionId,
                signedAt: version.state.signature.at,
                signerName: version.state.signature.signerName,
                fileName: `${exportBaseName(version)}.json`,
                text: exportReadJson(version, { now: context.now }),
              },
            ]
          : [],
      );
    },
    async takeOver() {
      const read = store.get().read;
      if (!read) return;
      const stored = await repository.get(read.readId);
      presence.takeOver(read.readId);
      patch({ conflict: false, save: { kind: 'saved' } });
      replaceRead(stored ?? read, stored ? fingerprintOf(stored) : null);
    },
    flushed,
    clearRefusal: () => patch({ refusal: undefined }),
    close() {
      closed = true;
      presence.close();
    },
  };
}
