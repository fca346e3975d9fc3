/**
 * Replay of the audit trail (docs/record-integrity.md): the trail is the record's history, so
 * running every entry's command from an empty read must give each entry exactly as recorded and,
 * at the end, the read's content: lesions, segments, places, measurements, calls, config,
 * timepoint assignment, exam QC and not-evaluable marks, state and signature (the statuses are derived from those). The first
 * place where history and content part is reported with its path and the audit sequence number.
 *
 * Not replayed: an entry's free-text `reason` beyond the amendment's (consensus reads note the
 * source of each value there) and `seriesUsed`, which no command sets; both are covered by the
 * hash chain and the signature's content hash instead.
 */
import { DomainError } from '../errors.ts';
import type { AuditEntry, PendingAuditEntry, Read } from '../model.ts';
import { asJson, childPath, firstDifference, shown } from './diff.ts';
import { UnreplayableEntry, replayEntry } from './replayEntry.ts';

/** Where history and content part. `seq` is the audit entry involved, when there is one. */
export interface ReplayDivergence {
  readonly path: string;
  readonly seq?: number;
  readonly message: string;
}

/** Result of `replayAudit`: `partial` says what an older schema's entries could not prove. */
export interface ReplayReport {
  readonly divergence?: ReplayDivergence;
  readonly partial: readonly string[];
}

type Entry = PendingAuditEntry | AuditEntry;

/** The parts of an entry a replay reproduces (not the hashes, not the free-text reason). */
function replayed(entry: Entry): Record<string, unknown> {
  const { seq, at, readerId, action, target, before, after } = entry;
  return asJson({ seq, at, readerId, action, target, before, after }) as Record<string, unknown>;
}

function label(entry: Entry): string {
  return `audit seq ${entry.seq} (${entry.action}${entry.target ? ` ${entry.target}` : ''})`;
}

/** The versionId version 1 had: the first amendment names it, else it is the read's own. */
function firstVersionId(read: Read, entries: readonly Entry[]): string {
  const amendment = entries.find((e) => e.action === 'amend');
  const before = amendment?.before;
  if (before && typeof before === 'object' && !Array.isArray(before)) {
    const id = (before as Record<string, unknown>).versionId;
    if (typeof id === 'string') return id;
  }
  return read.versionId;
}

/** Content fields compared besides the lesions, with the entry to blame for a difference. */
const READ_FIELDS = [
  'readId',
  'patientId',
  'reader',
  'consensus',
  'config',
  'createdAt',
  'timepointAssignment',
  'examQc',
  'nextLesionNumber',
  'version',
  'versionId',
  'previousVersion',
  'state',
  'updatedAt',
] as const;

function blame(path: string, entries: readonly Entry[]): number | undefined {
  const last = (match: (e: Entry) => boolean) => entries.findLast(match)?.seq;
  const study = /^(?:timepointAssignment|examQc)\["?([^"\]]+)"?\]/.exec(path)?.[1];
  if (study !== undefined) return last((e) => e.target === `study:${study}`);
  if (/^(readId|patientId|reader|consensus|config|createdAt)\b/.test(path)) return entries[0]?.seq;
  if (path.startsWith('nextLesionNumber')) return last((e) => e.action === 'add-lesion');
  return entries.at(-1)?.seq;
}

function where(seq: number | undefined): string {
  return seq === undefined ? 'no audit entry sets it' : `audit seq ${seq}`;
}

/** Compares the replayed read with the read's content; the first difference, if any. */
function contentDivergence(
  read: Read,
  rebuilt: Read,
  entries: readonly Entry[],
): ReplayDivergence | undefined {
  for (const field of READ_FIELDS) {
    const found = firstDifference(asJson(read[field]), asJson(rebuilt[field]), field);
    if (found === undefined) continue;
    const seq = blame(found.path, entries);
    return {
      path: found.path,
      ...(seq !== undefined && { seq }),
      message: `the content has ${shown(found.actual)}, the audit trail gives ${shown(found.expected)} (${where(seq)})`,
    };
  }
  const history = new Map(rebuilt.lesions.map((lesion) => [lesion.id, lesion]));
  for (const [index, lesion] of read.lesions.entries()) {
    const path = childPath('lesions', index);
    const expected = history.get(lesion.id);
    if (expected === undefined) {
      return { path, message: `lesion ${lesion.id} is in the content, but no audit entry adds it` };
    }
    history.delete(lesion.id);
    const found = firstDifference(asJson(lesion), asJson(expected), path);
    if (found === undefined) continue;
    const seq = entries.findLast((e) => e.target?.split('/')[0] === lesion.id)?.seq;
    return {
      path: found.path,
      ...(seq !== undefined && { seq }),
      message: `the content has ${shown(found.actual)}, the audit trail gives ${shown(found.expected)} (${where(seq)})`,
    };
  }
  for (const missing of history.keys()) {
    const seq = entries.find((e) => e.action === 'add-lesion' && e.target === missing)?.seq;
    return {
      path: 'lesions',
      ...(seq !== undefined && { seq }),
      message: `lesion ${missing}, added at ${where(seq)}, is not in the content`,
    };
  }
  return undefined;
}

/**
 * Replays a read's audit trail (sealed, then pending entries) from an empty read and compares
 * every entry and then the content with what the replay gives.
 */
export function replayAudit(read: Read): ReplayReport {
  const entries: readonly Entry[] = [...read.audit, ...read.pendingAudit];
  const partial: string[] = [];
  if (entries.length === 0) {
    return {
      partial,
      divergence: {
        path: 'audit',
        message: 'the audit trail is empty, so nothing shows how this content was made',
      },
    };
  }
  const fallbackVersionId = firstVersionId(read, entries);
  let rebuilt: Read | undefined;
  for (const [index, entry] of entries.entries()) {
    const path = childPath('audit', index);
    try {
      rebuilt = replayEntry(rebuilt, entry, fallbackVersionId);
    } catch (error) {
      if (!(error instanceof DomainError || error instanceof UnreplayableEntry)) throw error;
      const message = `${label(entry)} cannot be replayed: ${error.message}`;
      return { partial, divergence: { path, seq: entry.seq, message } };
    }
    const made = rebuilt.pendingAudit.at(-1);
    const expected = made && made.seq === entry.seq ? replayed(made) : undefined;
    if (expected === undefined) {
      const message = `${label(entry)} records no change on the read as replayed`;
      return { partial, divergence: { path, seq: entry.seq, message } };
    }
    const actual = replayed(entry);
    if (entry.action === 'create-read' && !hasVersionId(entry)) {
      partial.push(
        `${label(entry)} does not record the versionId (schema version 1); taken from the content`,
      );
      delete (expected.after as Record<string, unknown>).versionId;
    }
    const found = firstDifference(actual, expected, path);
    if (found !== undefined) {
      const message = `${label(entry)} records ${shown(found.actual)}, but replaying the trail gives ${shown(found.expected)}`;
      return { partial, divergence: { path: found.path, seq: entry.seq, message } };
    }
  }
  if (rebuilt === undefined) throw new Error('unreachable: a non-empty trail was replayed');
  const divergence = contentDivergence(read, rebuilt, entries);
  return divergence === undefined ? { partial } : { partial, divergence };
}

function hasVersionId(entry: Entry): boolean {
  const after = entry.after;
  return typeof after === 'object' && after !== null && 'versionId' in after;
}
