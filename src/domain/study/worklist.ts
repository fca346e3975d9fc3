/**
 * Worklists of a study (docs/campaign.md §Worklists): a reader's cases in their read order with
 * the state of their read, and the adjudicator's cases whose two reads are signed and discordant
 * (src/domain/review/discordance.ts under the study's configuration).
 */
import type { Read } from '../model.ts';
import { compareReads } from '../review/discordance.ts';
import { readOrder } from './order.ts';
import type { Study } from './schema.ts';
import { studyConfigOf } from './validate.ts';

/** The state of a reader's read of a patient. */
export type WorklistState = 'not-started' | 'in-progress' | 'signed';

/** Audit actions a read gets by being opened, before the reader does anything. */
const OPENING_ACTIONS: ReadonlySet<string> = new Set(['create-read', 'record-exam-qc']);

/**
 * Whether a read is an untouched draft: opened (its create-read entry, the exams' QC recorded on
 * open) but never edited. Opening a patient creates such a read; it is kept as it is (its audit
 * trail is the record's history, docs/record-integrity.md) but is not counted as a read: the
 * worklist does not mark the patient in progress, and the central review leaves it out.
 */
export function isUntouchedRead(read: Read): boolean {
  const entries = [...read.audit, ...read.pendingAudit];
  return (
    read.state.kind === 'draft' &&
    read.version === 1 &&
    entries.length > 0 &&
    entries.every((entry) => OPENING_ACTIONS.has(entry.action))
  );
}

/** The read of `readerId` updated last (undefined: none). */
export function latestRead(reads: readonly Read[], readerId: string): Read | undefined {
  return reads
    .filter((read) => read.reader.id === readerId)
    .reduce<Read | undefined>(
      (best, read) => (best === undefined || read.updatedAt > best.updatedAt ? read : best),
      undefined,
    );
}

/**
 * The state of the latest read of `readerId` per patient (patients without one, or with only
 * an untouched draft, are absent: not started).
 */
export function worklistStates(
  reads: readonly Read[],
  readerId: string,
): Record<string, WorklistState> {
  const byPatient = new Map<string, Read[]>();
  for (const read of reads) {
    if (isUntouchedRead(read)) continue;
    byPatient.set(read.patientId, [...(byPatient.get(read.patientId) ?? []), read]);
  }
  const states: Record<string, WorklistState> = {};
  for (const [patientId, list] of byPatient) {
    const latest = latestRead(list, readerId);
    if (latest) states[patientId] = latest.state.kind === 'signed' ? 'signed' : 'in-progress';
  }
  return states;
}

export interface WorklistItem {
  readonly patientId: string;
  /** 1-based place in the reader's order. */
  readonly position: number;
  readonly state: WorklistState;
}

export interface ReaderWorklist {
  readonly readerId: string;
  readonly items: readonly WorklistItem[];
  readonly signed: number;
  readonly total: number;
  /** The first case in order that is not signed (undefined: all signed). */
  readonly next: string | undefined;
}

/** A reader's cases in order with their states (`states` from `worklistStates`). */
export function readerWorklist(
  study: Study,
  readerId: string,
  states: Readonly<Record<string, WorklistState>>,
): ReaderWorklist {
  const items = readOrder(study, readerId).map((patientId, i) => ({
    patientId,
    position: i + 1,
    state: states[patientId] ?? 'not-started',
  }));
  return {
    readerId,
    items,
    signed: items.filter((item) => item.state === 'signed').length,
    total: items.length,
    next: items.find((item) => item.state !== 'signed')?.patientId,
  };
}

/** Where a case stands for its adjudicator. */
export type AdjudicationState = 'waiting' | 'concordant' | 'discordant';

export interface AdjudicationItem {
  readonly patientId: string;
  readonly state: AdjudicationState;
  /** Signed reads of the two readers (waiting: fewer than 2). */
  readonly signedReads: number;
  /** Discordances between the two signed reads (0 unless discordant). */
  readonly discordances: number;
}

/**
 * The cases of `adjudicatorId` in the study's order of cases, each with where it stands: waiting
 * for two signed reads, concordant, or discordant (then the adjudicator's work).
 */
export function adjudicationList(
  study: Study,
  adjudicatorId: string,
  reads: readonly Read[],
): AdjudicationItem[] {
  const config = studyConfigOf(study);
  return study.cases
    .filter((entry) => entry.adjudicator === adjudicatorId)
    .map((entry) => {
      const ofPatient = reads.filter((read) => read.patientId === entry.patientId);
      const signed = entry.readers.flatMap((id) => {
        const latest = latestRead(ofPatient, id);
        return latest?.state.kind === 'signed' ? [latest] : [];
      });
      const [read1, read2] = signed;
      if (read1 === undefined || read2 === undefined) {
        return {
          patientId: entry.patientId,
          state: 'waiting',
          signedReads: signed.length,
          discordances: 0,
        };
      }
      const discordances = compareReads(read1, read2, config).discordances.length;
      return {
        patientId: entry.patientId,
        state: discordances > 0 ? 'discordant' : 'concordant',
        signedReads: 2,
        discordances,
      };
    });
}
