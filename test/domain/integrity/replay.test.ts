/**
 * Replay of the audit trail (src/domain/integrity/replay.ts): golden reads replay to their
 * content; each kind of difference between history and content is named with its path and seq.
 */
import { describe, expect, it } from 'vitest';
import { replayAudit } from '../../../src/domain/integrity/replay.ts';
import type { AuditEntry, Lesion, Read } from '../../../src/domain/model.ts';
import { goldenReads } from '../goldenReads.ts';

const reads = await goldenReads();

function withLesion(read: Read, index: number, change: (lesion: Lesion) => Lesion): Read {
  return { ...read, lesions: read.lesions.map((l, i) => (i === index ? change(l) : l)) };
}

describe('replayAudit', () => {
  it.each(['draft', 'signed', 'amended'] as const)('replays the golden %s read fully', (name) => {
    expect(replayAudit(reads[name])).toEqual({ partial: [] });
  });

  it('accepts a lesion list in another order (content by id)', () => {
    const read = reads.signed;
    expect(replayAudit({ ...read, lesions: [...read.lesions].reverse() })).toEqual({ partial: [] });
  });

  const signed = reads.signed;
  const lastSeq = signed.audit.at(-1)?.seq;
  const seqOf = (match: (e: AuditEntry) => boolean) => signed.audit.findLast(match)?.seq;

  it.each<[string, Read, string, number | undefined, RegExp]>([
    [
      'a call changed',
      withLesion(signed, 0, (l) => ({
        ...l,
        assessments: {
          ...l.assessments,
          preop: {
            modalities: { ...l.assessments.preop?.modalities, CT: { call: 'present' } },
          },
        },
      })),
      'lesions[0].assessments.preop.modalities.CT.call',
      seqOf((e) => e.target?.startsWith('L1') ?? false),
      /content has "present", the audit trail gives "disappeared"/,
    ],
    [
      'a lesion deleted',
      { ...signed, lesions: signed.lesions.slice(1) },
      'lesions',
      seqOf((e) => e.action === 'add-lesion' && e.target === 'L1'),
      /lesion L1, added at audit seq \d+, is not in the content/,
    ],
    ['the trail emptied', { ...signed, audit: [] }, 'audit', undefined, /audit trail is empty/],
    [
      'the trail cut before the signature',
      { ...signed, audit: signed.audit.slice(0, -1) },
      'state.kind',
      (lastSeq ?? 0) - 1,
      /content has "signed", the audit trail gives "draft"/,
    ],
    [
      "the signer's name replaced",
      {
        ...signed,
        state:
          signed.state.kind === 'signed'
            ? { ...signed.state, signature: { ...signed.state.signature, signerName: 'Mallory' } }
            : signed.state,
      },
      'state.signature.signerName',
      lastSeq,
      /content has "Mallory"/,
    ],
    [
      'a timepoint reassigned',
      { ...signed, timepointAssignment: { ...signed.timepointAssignment, '9.9': 'preop' } },
      'timepointAssignment["9.9"]',
      undefined,
      /no audit entry sets it/,
    ],
  ])('names %s', (_, read, path, seq, message) => {
    const { divergence } = replayAudit(read);
    expect(divergence?.path).toBe(path);
    expect(divergence?.seq).toBe(seq);
    expect(divergence?.message).toMatch(message);
  });

  it('names an entry whose recorded before-value is not the history', () => {
    const audit = signed.audit.map((e) =>
      e.action === 'set-call' && e.seq === seqOf((x) => x.action === 'set-call')
        ? { ...e, before: { call: 'present' } }
        : e,
    );
    const seq = seqOf((x) => x.action === 'set-call');
    const index = audit.findIndex((e) => e.seq === seq);
    const { divergence } = replayAudit({ ...signed, audit });
    expect([divergence?.path, divergence?.seq]).toEqual([`audit[${index}].before.call`, seq]);
    expect(divergence?.message).toMatch(/records "present", but replaying the trail gives null/);
  });

  it('names an entry the commands refuse', () => {
    const audit = signed.audit.map((e) =>
      e.action === 'add-lesion' && e.target === 'L1' ? { ...e, target: 'L7' } : e,
    );
    expect(replayAudit({ ...signed, audit }).divergence?.message).toMatch(
      /cannot be replayed: adds L7, but the next id is L1/,
    );
  });
});
