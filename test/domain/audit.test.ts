import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  applySealed,
  hashAuditEntry,
  sealAudit,
  sealPending,
  verifyAuditChain,
} from '../../src/domain/audit.ts';
import { addLesion, createRead, setCall, setSegment } from '../../src/domain/commands.ts';
import { amend, sign } from '../../src/domain/lifecycle.ts';
import type { AuditEntry, CommandContext, Read } from '../../src/domain/model.ts';
import { makeContext, makeReader, sha256 } from './fixtures.ts';

/** A read through create, edits, sign, amend, edit: 7 entries, all pending. */
function history(ctx: CommandContext = makeContext()): Read {
  let read = createRead({ patientId: 'DREAM-001-0001', reader: makeReader() }, ctx);
  read = addLesion(read, { segment: 'VII' }, ctx);
  read = setCall(
    read,
    { lesionId: 'L1', timepoint: 'preop', modality: 'CT', call: 'disappeared' },
    ctx,
  );
  read = sign(read, { signerName: 'Dr Reader One', meaning: 'Author' }, ctx);
  read = amend(read, 'segment was wrong', ctx);
  read = setSegment(read, { lesionId: 'L1', segment: 'VIII' }, ctx);
  return addLesion(read, {}, ctx);
}

async function sealedHistory(): Promise<readonly AuditEntry[]> {
  return (await sealAudit(history(), sha256)).audit;
}

describe('hashAuditEntry', () => {
  it('hashes the canonical JSON of the entry without its hash', async () => {
    const entry = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      readerId: 'r',
      action: 'sign' as const,
      before: null,
      after: { b: 2, a: 1 },
      prevHash: GENESIS_HASH,
    };
    const text = `{"action":"sign","after":{"a":1,"b":2},"at":"2026-01-01T00:00:00.000Z","before":null,"prevHash":"${GENESIS_HASH}","readerId":"r","seq":1}`;
    expect(await hashAuditEntry(entry, sha256)).toBe(await sha256(text));
    // A stray property (e.g. from an import) must not change the hash.
    expect(await hashAuditEntry({ ...entry, extra: 1 } as typeof entry, sha256)).toBe(
      await sha256(text),
    );
  });
});

describe('sealAudit', () => {
  it('moves pending entries onto a hash chain that starts at the genesis hash', async () => {
    const read = history();
    const sealed = await sealAudit(read, sha256);
    expect(sealed.pendingAudit).toEqual([]);
    expect(sealed.audit).toHaveLength(read.pendingAudit.length);
    expect(sealed.audit[0]?.prevHash).toBe(GENESIS_HASH);
    sealed.audit.forEach((entry, i) => {
      expect(entry).toMatchObject(read.pendingAudit[i]!);
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(entry.prevHash).toBe(sealed.audit[i - 1]?.hash);
    });
    expect(await verifyAuditChain(sealed.audit, sha256)).toEqual({ ok: true });
  });

  it('returns the same read when nothing is pending', async () => {
    const sealed = await sealAudit(history(), sha256);
    expect(await sealAudit(sealed, sha256)).toBe(sealed);
  });

  it('gives the same chain whether sealed after every command or once at the end', async () => {
    const ctx = makeContext();
    let read = createRead({ patientId: 'P', reader: makeReader() }, ctx);
    read = await sealAudit(read, sha256);
    read = addLesion(read, {}, ctx);
    read = await sealAudit(read, sha256);
    read = addLesion(read, {}, ctx);
    read = await sealAudit(read, sha256);
    const ctx2 = makeContext();
    let once = createRead({ patientId: 'P', reader: makeReader() }, ctx2);
    once = addLesion(addLesion(once, {}, ctx2), {}, ctx2);
    expect((await sealAudit(once, sha256)).audit).toEqual(read.audit);
  });

  it('applies a sealing to a read that received further commands meanwhile', async () => {
    const ctx = makeContext();
    const read = history(ctx);
    const sealing = sealPending(read, sha256);
    const later = addLesion(read, { segment: 'I' }, ctx);
    const applied = applySealed(later, await sealing);
    expect(applied.audit).toHaveLength(read.pendingAudit.length);
    expect(applied.pendingAudit.map((e) => e.action)).toEqual(['add-lesion']);
    expect(applied.lesions).toHaveLength(3);
    const all = await sealAudit(applied, sha256);
    expect(await verifyAuditChain(all.audit, sha256)).toEqual({ ok: true });
  });

  it('refuses a sealing of another read or one already applied', async () => {
    const sealed = await sealPending(history(), sha256);
    const other = createRead({ patientId: 'Q', reader: makeReader() }, makeContext());
    expect(() => applySealed(other, sealed)).toThrow(/not this read's pending entry/);
    const applied = applySealed(history(), sealed);
    expect(() => applySealed(applied, sealed)).toThrow();
  });
});

describe('verifyAuditChain', () => {
  type Tamper = (entries: AuditEntry[]) => Promise<AuditEntry[]> | AuditEntry[];
  const rehash = async (entry: Omit<AuditEntry, 'hash'>): Promise<AuditEntry> => ({
    ...entry,
    hash: await hashAuditEntry(entry, sha256),
  });

  it.each<[string, Tamper, { index: number; problem: string }]>([
    [
      'an edited value',
      (e) => e.with(2, { ...e[2]!, after: { call: 'present' } }),
      { index: 2, problem: 'hash' },
    ],
    [
      'an edited time',
      (e) => e.with(0, { ...e[0]!, at: '2025-01-01T00:00:00.000Z' }),
      { index: 0, problem: 'hash' },
    ],
    [
      'a removed reason',
      (e) => e.with(4, { ...e[4]!, reason: undefined }),
      { index: 4, problem: 'hash' },
    ],
    [
      'an edited and re-hashed entry',
      async (e) => e.with(2, await rehash({ ...e[2]!, after: { call: 'present' } })),
      { index: 3, problem: 'prev-hash' },
    ],
    ['a deleted entry', (e) => e.toSpliced(3, 1), { index: 3, problem: 'seq' }],
    ['two swapped entries', (e) => e.with(1, e[2]!).with(2, e[1]!), { index: 1, problem: 'seq' }],
    [
      'a deleted and renumbered entry',
      async (e) => {
        const rest = e.toSpliced(1, 1);
        return [
          rest[0]!,
          ...(await Promise.all(rest.slice(1).map((x) => rehash({ ...x, seq: x.seq - 1 })))),
        ];
      },
      { index: 1, problem: 'prev-hash' },
    ],
    [
      'a forged genesis',
      (e) => e.with(0, { ...e[0]!, prevHash: 'f'.repeat(64) }),
      { index: 0, problem: 'prev-hash' },
    ],
  ])('finds %s', async (_name, tamper, expected) => {
    const entries = [...(await sealedHistory())];
    expect(entries).toHaveLength(7);
    const result = await verifyAuditChain(await tamper(entries), sha256);
    expect(result).toEqual({ ok: false, ...expected });
  });

  it('accepts the empty chain and a JSON round trip', async () => {
    expect(await verifyAuditChain([], sha256)).toEqual({ ok: true });
    const roundTripped = JSON.parse(JSON.stringify(await sealedHistory())) as AuditEntry[];
    expect(await verifyAuditChain(roundTripped, sha256)).toEqual({ ok: true });
  });
});
