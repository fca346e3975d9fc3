/**
 * One audit entry as the command that wrote it: the entry's `after` (and target, time, reason)
 * are the command's input, so running the command again on the read as replayed so far must
 * give the same entry and the same read. Used by replay.ts; see docs/record-integrity.md.
 */
import type { CellRef } from '../assessmentCommands.ts';
import {
  addLesion,
  assignTimepoint,
  createRead,
  nextLesionId,
  removeLesion,
  restoreLesion,
  setBaseline,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSegment,
  setSitePoint,
} from '../commands.ts';
import { recordExamQc, setExamNotEvaluable, type ExamQcInput } from '../examQc.ts';
import { amend, sign } from '../lifecycle.ts';
import type {
  ImagePoint,
  JsonValue,
  LesionId,
  ModalityGroup,
  PendingAuditEntry,
  Read,
  SignatureProof,
  TimepointId,
} from '../model.ts';

/** An entry that cannot be turned back into its command (malformed `after` or target). */
export class UnreplayableEntry extends Error {}

type JsonRecord = { readonly [key: string]: JsonValue | undefined };

function record(value: JsonValue, what: string): JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnreplayableEntry(`${what} is not an object`);
  }
  return value as JsonRecord;
}

/** A JSON value with `null` (the trail's "unset") removed at every depth, as domain input. */
export function withoutNulls<T>(value: JsonValue | undefined): T | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return (value as JsonValue[]).map((v) => withoutNulls(v)) as T;
  if (typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([key, v]) => {
      const kept = withoutNulls(v);
      return kept === undefined ? [] : [[key, kept]];
    });
    return Object.fromEntries(entries) as T;
  }
  return value as T;
}

/** A number, `null` (clear) or absent (keep), as the measurement commands take it. */
function patchNumber(value: JsonValue | undefined): number | null | undefined {
  if (value === undefined || value === null || typeof value === 'number') return value;
  throw new UnreplayableEntry(`expected a number, got ${JSON.stringify(value)}`);
}

function text(value: JsonValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new UnreplayableEntry(`${what} is not a string`);
  return value;
}

function targetParts(entry: PendingAuditEntry, count: number): string[] {
  const parts = (entry.target ?? '').split('/');
  if (parts.length !== count || parts.some((part) => part === '')) {
    throw new UnreplayableEntry(`target "${entry.target ?? ''}" is not what ${entry.action} sets`);
  }
  return parts;
}

function lesionOf(entry: PendingAuditEntry): LesionId {
  return targetParts(entry, 1)[0] as LesionId;
}

function cellOf(entry: PendingAuditEntry): CellRef {
  const [lesionId, timepoint, modality] = targetParts(entry, 3);
  return {
    lesionId: lesionId as LesionId,
    timepoint: timepoint as TimepointId,
    modality: modality as ModalityGroup,
  };
}

function examQcOf(after: JsonRecord): ExamQcInput {
  const qc = withoutNulls<ExamQcInput>(after);
  if (qc === undefined || !Array.isArray(qc.findings) || !Array.isArray(qc.groups)) {
    throw new UnreplayableEntry('after is not an exam QC record');
  }
  return qc;
}

function studyOf(entry: PendingAuditEntry): string {
  const target = entry.target ?? '';
  if (!target.startsWith('study:')) throw new UnreplayableEntry(`target "${target}"`);
  return target.slice('study:'.length);
}

/** Ids the replayed command will ask for, in order; running out means the trail lacks one. */
function idSource(ids: readonly string[]): () => string {
  let next = 0;
  return () => {
    const id = ids[next++];
    if (id === undefined) throw new UnreplayableEntry('the entry does not record an id it made');
    return id;
  };
}

/**
 * Runs the command an entry records on the read replayed so far (`undefined` before the first
 * entry). `fallbackVersionId` stands in for the versionId a schema-v1 create-read entry lacks.
 *
 * @throws UnreplayableEntry when the entry cannot be a command's; DomainError when the command
 *   refuses it on this read (e.g. an edit of a signed read, an unknown lesion)
 */
export function replayEntry(
  read: Read | undefined,
  entry: PendingAuditEntry,
  fallbackVersionId: string,
): Read {
  const at = entry.at;
  const ctx = (ids: readonly string[] = []) => ({ now: () => at, newId: idSource(ids) });
  if (entry.action === 'create-read') {
    if (read !== undefined) throw new UnreplayableEntry('a second create-read entry');
    const a = record(entry.after, 'after');
    const ids = [text(a.readId, 'readId'), withoutNulls<string>(a.versionId) ?? fallbackVersionId];
    return createRead(
      {
        patientId: text(a.patientId, 'patientId'),
        reader: withoutNulls(a.reader) ?? { id: '', name: '' },
        ...(a.config !== undefined && { config: withoutNulls(a.config) }),
        ...(a.consensus !== undefined && { consensus: withoutNulls(a.consensus) }),
      },
      ctx(ids),
    );
  }
  if (read === undefined) throw new UnreplayableEntry('the trail does not start with create-read');
  const after = entry.after;
  switch (entry.action) {
    case 'add-lesion': {
      if (entry.target !== nextLesionId(read)) {
        throw new UnreplayableEntry(
          `adds ${entry.target ?? '?'}, but the next id is ${nextLesionId(read)}`,
        );
      }
      return addLesion(read, withoutNulls(after) ?? {}, ctx());
    }
    case 'remove-lesion': {
      const reason = withoutNulls<string>(record(after, 'after').reason);
      return removeLesion(read, { lesionId: lesionOf(entry), ...(reason && { reason }) }, ctx());
    }
    case 'restore-lesion':
      return restoreLesion(read, { lesionId: lesionOf(entry) }, ctx());
    case 'set-segment':
      return setSegment(read, { lesionId: lesionOf(entry), segment: withoutNulls(after) }, ctx());
    case 'set-baseline': {
      const a = record(after, 'after');
      const location = a.location === null ? null : withoutNulls<ImagePoint>(a.location);
      const diameterMm = patchNumber(a.diameterMm);
      return setBaseline(read, { lesionId: lesionOf(entry), location, diameterMm }, ctx());
    }
    case 'set-call':
      return setCall(
        read,
        { ...cellOf(entry), call: withoutNulls(record(after, 'after').call) },
        ctx(),
      );
    case 'set-measurement': {
      const a = record(after, 'after');
      const input = {
        ...cellOf(entry),
        diameterMm: patchNumber(a.diameterMm),
        adcMean: patchNumber(a.adcMean),
        adcSd: patchNumber(a.adcSd),
        adcPixels: patchNumber(a.adcPixels),
      };
      return setMeasurement(read, input, ctx());
    }
    case 'set-site-point': {
      const sitePoint = withoutNulls<ImagePoint>(record(after, 'after').sitePoint);
      return setSitePoint(read, { ...cellOf(entry), sitePoint }, ctx());
    }
    case 'set-comment': {
      const comment = withoutNulls<string>(record(after, 'after').comment) ?? '';
      return setComment(read, { ...cellOf(entry), comment }, ctx());
    }
    case 'set-recurrence': {
      const [lesionId, timepoint] = targetParts(entry, 2);
      return setRecurrence(
        read,
        {
          lesionId: lesionId as LesionId,
          timepoint: timepoint as TimepointId,
          recurrence: withoutNulls(after),
        },
        ctx(),
      );
    }
    case 'assign-timepoint': {
      const studyInstanceUid = studyOf(entry);
      return assignTimepoint(read, { studyInstanceUid, timepoint: withoutNulls(after) }, ctx());
    }
    case 'record-exam-qc':
      return recordExamQc(
        read,
        { studyInstanceUid: studyOf(entry), qc: examQcOf(record(after, 'after')) },
        ctx(),
      );
    case 'set-exam-not-evaluable':
      return setExamNotEvaluable(
        read,
        { studyInstanceUid: studyOf(entry), reason: withoutNulls<string>(after) },
        ctx(),
      );
    case 'sign': {
      const a = record(after, 'after');
      const contentHash = withoutNulls<string>(a.contentHash);
      const proof = withoutNulls<SignatureProof>(a.proof);
      const input = {
        signerName: text(a.signerName, 'signerName'),
        meaning: text(a.meaning, 'meaning'),
        ...(contentHash !== undefined && { contentHash }),
        ...(proof !== undefined && { proof }),
      };
      return sign(read, input, ctx());
    }
    case 'amend': {
      const versionId = text(record(after, 'after').versionId, 'versionId');
      return amend(read, entry.reason ?? '', ctx([versionId]));
    }
  }
}
