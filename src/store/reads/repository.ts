/**
 * Where reads are kept: a small repository interface with an in-memory implementation (unit
 * tests) beside the IndexedDB one (indexedDb.ts). `put` is a compare-and-swap on the read's
 * audit fingerprint, so that a tab never silently overwrites what another tab saved.
 */
import type { Read } from '../../domain';

/**
 * What identifies the saved state of a read: the length of its sealed audit trail and the hash
 * of its last entry. Every saved change appends at least one entry, so if either moved, someone
 * else saved in between.
 */
export interface ReadFingerprint {
  readonly auditLength: number;
  readonly lastHash: string;
}

/** The fingerprint of a (sealed) read. */
export function fingerprintOf(read: Read): ReadFingerprint {
  return { auditLength: read.audit.length, lastHash: read.audit.at(-1)?.hash ?? '' };
}

/** Whether two fingerprints (or "no stored read", `null`) are the same. */
export function sameFingerprint(a: ReadFingerprint | null, b: ReadFingerprint | null): boolean {
  if (a === null || b === null) return a === b;
  return a.auditLength === b.auditLength && a.lastHash === b.lastHash;
}

/** Result of a `put`: refused when the stored read is not the one the caller last saw. */
export type PutResult =
  { readonly ok: true } | { readonly ok: false; readonly stored: ReadFingerprint | null };

/** Persistence of reads, one record per readId (the latest version). */
export interface ReadRepository {
  get(readId: string): Promise<Read | undefined>;
  /**
   * Saves a sealed read if the stored one still has the fingerprint `expected` (`null`: there
   * must be none yet); otherwise changes nothing and answers what is stored.
   */
  put(read: Read, expected: ReadFingerprint | null): Promise<PutResult>;
  /** Every stored read (of one patient when `patientId` is given). */
  list(patientId?: string): Promise<readonly Read[]>;
  /**
   * The signed versions of a read, oldest first. Each version is kept as it was signed when it
   * is saved, so an amendment (which replaces the latest record) never loses the signed record.
   */
  versions(readId: string): Promise<readonly Read[]>;
}

/** Versions in order of their number. */
export function byVersion(reads: readonly Read[]): Read[] {
  return [...reads].sort((a, b) => a.version - b.version);
}

/** Checks the compare-and-swap precondition against what is stored. */
export function checkExpected(
  stored: Read | undefined,
  expected: ReadFingerprint | null,
): PutResult {
  const actual = stored ? fingerprintOf(stored) : null;
  return sameFingerprint(actual, expected) ? { ok: true } : { ok: false, stored: actual };
}

/** Throws unless the read is fully sealed: only sealed reads are records worth storing. */
export function assertSealed(read: Read): void {
  if (read.pendingAudit.length > 0) {
    throw new Error(`read ${read.readId} has unsealed audit entries; seal before saving`);
  }
}

/** A repository in memory (unit tests; structured clones, as IndexedDB would give). */
export class MemoryReadRepository implements ReadRepository {
  private readonly reads = new Map<string, Read>();
  private readonly signed = new Map<string, Read>();

  get(readId: string): Promise<Read | undefined> {
    const read = this.reads.get(readId);
    return Promise.resolve(read && structuredClone(read));
  }

  put(read: Read, expected: ReadFingerprint | null): Promise<PutResult> {
    assertSealed(read);
    const check = checkExpected(this.reads.get(read.readId), expected);
    if (check.ok) {
      this.reads.set(read.readId, structuredClone(read));
      if (read.state.kind === 'signed') this.signed.set(read.versionId, structuredClone(read));
    }
    return Promise.resolve(check);
  }

  versions(readId: string): Promise<readonly Read[]> {
    const all = [...this.signed.values()].filter((read) => read.readId === readId);
    return Promise.resolve(byVersion(all.map((read) => structuredClone(read))));
  }

  list(patientId?: string): Promise<readonly Read[]> {
    const all = [...this.reads.values()].filter(
      (read) => patientId === undefined || read.patientId === patientId,
    );
    return Promise.resolve(all.map((read) => structuredClone(read)));
  }
}

/** The read of `readerId` updated last (src/domain/study/worklist.ts). */
export { latestRead } from '../../domain';
