/**
 * The reads loaded into the central review (pure): de-duplication by version, grouping by
 * patient, which reads are consensus reads, and which two reads of a patient are compared.
 */
import type { Read } from '../../domain';

/** Where a loaded read came from. */
export type ReadOrigin =
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'browser' }
  | { readonly kind: 'pacs'; readonly sopInstanceUid: string };

/** A read loaded into the review. `key` is its version id (unique per version). */
export interface LoadedRead {
  readonly key: string;
  readonly read: Read;
  readonly origin: ReadOrigin;
}

/** The reads of one patient, in load order. */
export interface PatientReads {
  readonly patientId: string;
  readonly reads: readonly LoadedRead[];
}

/** A loaded read for `read` (its version id is the key). */
export function loadedRead(read: Read, origin: ReadOrigin): LoadedRead {
  return { key: read.versionId, read, origin };
}

/**
 * Adds reads to the loaded ones. The same version loaded twice (from a file and from the
 * browser, say) is kept once, first come first kept, since it is the same record.
 */
export function addReads(
  existing: readonly LoadedRead[],
  incoming: readonly LoadedRead[],
): LoadedRead[] {
  const seen = new Set(existing.map((r) => r.key));
  const added = [...existing];
  for (const loaded of incoming) {
    if (seen.has(loaded.key)) continue;
    seen.add(loaded.key);
    added.push(loaded);
  }
  return added;
}

/** Loaded reads grouped by patient, patients in id order. */
export function patientsOf(reads: readonly LoadedRead[]): PatientReads[] {
  const byPatient = new Map<string, LoadedRead[]>();
  for (const loaded of reads) {
    const list = byPatient.get(loaded.read.patientId) ?? [];
    list.push(loaded);
    byPatient.set(loaded.read.patientId, list);
  }
  return [...byPatient]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([patientId, list]) => ({ patientId, reads: list }));
}

/** The words the domain's `buildConsensus` starts its create-read reason with. */
const CONSENSUS_MARK = 'central review consensus';

/**
 * Whether a read is a consensus read of the central review: its first audit entry (the
 * create-read written by `buildConsensus`) says so. Consensus reads are never compared again.
 */
export function isConsensusRead(read: Read): boolean {
  const first = read.audit[0] ?? read.pendingAudit[0];
  return first?.action === 'create-read' && (first.reason ?? '').startsWith(CONSENSUS_MARK);
}

/**
 * The reads of a patient that can be compared: no consensus reads, and of each read only its
 * latest loaded version (an amendment supersedes what was signed before).
 */
export function comparableReads(reads: readonly LoadedRead[]): LoadedRead[] {
  const latest = new Map<string, LoadedRead>();
  for (const loaded of reads) {
    if (isConsensusRead(loaded.read)) continue;
    const other = latest.get(loaded.read.readId);
    if (!other || loaded.read.version > other.read.version) latest.set(loaded.read.readId, loaded);
  }
  return reads.filter((r) => latest.get(r.read.readId) === r);
}

/**
 * The pair compared by default: the first two comparable reads by different readers, signed
 * ones first (only signed reads can be adjudicated); undefined if there is no such pair.
 */
export function defaultPair(
  reads: readonly LoadedRead[],
): readonly [LoadedRead, LoadedRead] | undefined {
  const candidates = comparableReads(reads);
  const ordered = [
    ...candidates.filter((r) => r.read.state.kind === 'signed'),
    ...candidates.filter((r) => r.read.state.kind !== 'signed'),
  ];
  const first = ordered[0];
  if (!first) return undefined;
  const second = ordered.find((r) => r.read.reader.id !== first.read.reader.id);
  return second ? [first, second] : undefined;
}

/** The key of a comparison: the two version ids. */
export function comparisonKey(read1: Read, read2: Read): string {
  return `${read1.versionId}~${read2.versionId}`;
}

/** The latest loaded consensus read of a patient (by `updatedAt`), if any. */
export function latestConsensus(reads: readonly LoadedRead[]): Read | undefined {
  return reads
    .map((r) => r.read)
    .filter(isConsensusRead)
    .reduce<Read | undefined>(
      (best, read) => (best === undefined || read.updatedAt > best.updatedAt ? read : best),
      undefined,
    );
}
