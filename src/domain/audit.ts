/**
 * The audit trail (docs/domain.md §8, 21 CFR Part 11): every command appends an entry; entries are
 * hash-chained so that a deleted, reordered or edited entry is detected.
 *
 * Commands are synchronous and pure, but hashing (Web Crypto) is asynchronous. So there are two
 * steps: a command appends a *pending* entry (`recordAudit`, synchronous, no hash) and the store
 * then seals pending entries (`sealAudit`, async, with an injected sha256). Sealing is idempotent
 * and order-preserving; `sealPending` + `applySealed` let a store hash outside its update and then
 * apply the result to a read that has meanwhile received further commands.
 *
 * Hash of entry n = sha256(canonicalJson(entry n without `hash`)), where the entry includes
 * `prevHash` = hash of entry n-1 (`GENESIS_HASH` for the first).
 */
import { canonicalJson } from './canonicalJson.ts';
import type { AuditEntry, PendingAuditEntry, Read } from './model.ts';

/** sha256 of the UTF-8 text, as lowercase hex; injected (Web Crypto in the app, node in tests). */
export type Sha256 = (text: string) => Promise<string>;

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** A pending entry before it is numbered. */
export type AuditRecord = Omit<PendingAuditEntry, 'seq'>;

/**
 * Appends a pending (unhashed) entry with the next sequence number. Pure and synchronous, for
 * use inside commands.
 */
export function recordAudit(read: Read, record: AuditRecord): Read {
  const seq = read.audit.length + read.pendingAudit.length + 1;
  // Leave out unset optional fields (target, reason): JSON drops them anyway, and a stored
  // `undefined` would make export -> import -> export differ structurally.
  const entry = Object.fromEntries(
    Object.entries({ seq, ...record }).filter(([, value]) => value !== undefined),
  ) as unknown as PendingAuditEntry;
  return { ...read, pendingAudit: [...read.pendingAudit, entry] };
}

/** The hash of a sealed entry's content (everything except `hash` itself). */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>, sha256: Sha256): Promise<string> {
  const { seq, at, readerId, action, target, before, after, reason, prevHash } = entry;
  // Pick the fields explicitly: a stray property on an imported entry must not change the hash.
  return sha256(
    canonicalJson({ seq, at, readerId, action, target, before, after, reason, prevHash }),
  );
}

/** Hashes the read's pending entries onto its chain; does not change the read. */
export async function sealPending(read: Read, sha256: Sha256): Promise<readonly AuditEntry[]> {
  let prevHash = read.audit.at(-1)?.hash ?? GENESIS_HASH;
  const sealed: AuditEntry[] = [];
  for (const pending of read.pendingAudit) {
    const hash = await hashAuditEntry({ ...pending, prevHash }, sha256);
    sealed.push({ ...pending, prevHash, hash });
    prevHash = hash;
  }
  return sealed;
}

/**
 * Moves entries sealed by `sealPending` from `pendingAudit` to `audit`. The read may have gained
 * further pending entries since; those stay pending. Throws an `Error` if `sealed` does not
 * continue this read's chain with exactly its pending entries (a stale or foreign sealing).
 */
export function applySealed(read: Read, sealed: readonly AuditEntry[]): Read {
  const tailHash = read.audit.at(-1)?.hash ?? GENESIS_HASH;
  sealed.forEach((entry, index) => {
    const pending = read.pendingAudit[index];
    const { prevHash, hash, ...content } = entry;
    const expectedPrev = index === 0 ? tailHash : sealed[index - 1]?.hash;
    if (pending === undefined || canonicalJson(content) !== canonicalJson(pending)) {
      throw new Error(`sealed entry seq ${entry.seq} is not this read's pending entry`);
    }
    if (prevHash !== expectedPrev || hash.length === 0) {
      throw new Error(`sealed entry seq ${entry.seq} does not continue the chain`);
    }
  });
  return {
    ...read,
    audit: [...read.audit, ...sealed],
    pendingAudit: read.pendingAudit.slice(sealed.length),
  };
}

/** Seals all pending entries of a read (hash-chains them onto `audit`). */
export async function sealAudit(read: Read, sha256: Sha256): Promise<Read> {
  if (read.pendingAudit.length === 0) return read;
  return applySealed(read, await sealPending(read, sha256));
}

/** Where and why a chain check failed. */
export type AuditChainProblem = 'seq' | 'prev-hash' | 'hash';

/** Result of `verifyAuditChain`. */
export type AuditChainCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly index: number; readonly problem: AuditChainProblem };

/**
 * Verifies a sealed audit chain and returns the first broken link: the index (0-based position
 * in `entries`) of the first entry whose sequence number is not its position + 1, whose
 * `prevHash` is not the previous entry's hash, or whose own hash does not match its content.
 * Deleting an entry breaks `seq` (or `prev-hash` at the end it was cut from); editing one breaks
 * its `hash`; re-hashing an edited entry breaks the next entry's `prev-hash`. Truncating the
 * tail is only detectable against a hash kept elsewhere (e.g. in an export or a signature).
 */
export async function verifyAuditChain(
  entries: readonly AuditEntry[],
  sha256: Sha256,
): Promise<AuditChainCheck> {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) return { ok: false, index, problem: 'seq' };
    if (entry.prevHash !== prevHash) return { ok: false, index, problem: 'prev-hash' };
    if ((await hashAuditEntry(entry, sha256)) !== entry.hash) {
      return { ok: false, index, problem: 'hash' };
    }
    prevHash = entry.hash;
  }
  return { ok: true };
}
