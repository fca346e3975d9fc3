/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call --
   tampering edits untyped JSON documents on purpose */
/**
 * Tampering with signed reads (docs/record-integrity.md), each case through the CLI's `validate`
 * (with and without a roster) and through the app's import: every change is refused with the
 * file, the JSON path and what differs; untouched reads, and a lesion list in another order,
 * pass. The forgeries are built as an attacker would: with the app's own commands and a full
 * re-hash of the chain, lacking only the signer's private key.
 */
import { describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { sealPending } from '../../src/domain/audit.ts';
import {
  addLesion,
  assignTimepoint,
  createRead,
  recordExamQc,
  setCall,
  setExamNotEvaluable,
} from '../../src/domain/commands.ts';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import { importReadJson } from '../../src/domain/importRead.ts';
import { signRead, type SignBytes } from '../../src/domain/integrity/signing.ts';
import { sealAudit } from '../../src/domain/audit.ts';
import { deriveReadStatuses } from '../../src/domain/status.ts';
import { MODALITY_GROUPS, type Call, type JsonValue, type Read } from '../../src/domain/model.ts';
import { makeContext, makeImagePoint, sha256 } from '../domain/fixtures.ts';
import { makeKey, verify } from '../domain/integrity/keys.ts';

const READER = { id: 'reader-a', name: 'Dr A' };
const [keyA, keyB, keyC] = await Promise.all([makeKey(), makeKey(), makeKey()]);

/** A signed, sealed read of two lesions; `l1Ct` is lesion L1's CT call at preop. */
async function build(l1Ct: Call, signBytes?: SignBytes): Promise<Read> {
  const ctx = makeContext('2026-02-01T09:00:00.000Z');
  let read = createRead({ patientId: 'DREAM-001-0001', reader: READER }, ctx);
  read = assignTimepoint(read, { studyInstanceUid: '1.2.3', timepoint: 'preop' }, ctx);
  for (const segment of ['II', 'VII'] as const) {
    read = addLesion(
      read,
      { segment, baselineLocation: makeImagePoint(), baselineDiameterMm: 9 },
      ctx,
    );
  }
  for (const modality of MODALITY_GROUPS) {
    const call = modality === 'CT' ? l1Ct : 'disappeared';
    read = setCall(read, { lesionId: 'L1', timepoint: 'preop', modality, call }, ctx);
    read = setCall(read, { lesionId: 'L2', timepoint: 'preop', modality, call: 'present' }, ctx);
  }
  // The exams' acquisition QC (docs/domain.md §11): a baseline MR with an early HBP, marked.
  read = recordExamQc(
    read,
    {
      studyInstanceUid: '1.2.4',
      qc: {
        timepoint: 'baseline',
        groups: ['DWI', 'T1T2', 'EOB'],
        thresholds: { minHbpDelayMinutes: 10 },
        findings: [{ check: 'hbp-delay', level: 'fail', value: 8, message: 'HBP 8 min' }],
      },
    },
    ctx,
  );
  read = setExamNotEvaluable(read, { studyInstanceUid: '1.2.4', reason: 'HBP at 8 min' }, ctx);
  const input = { signerName: READER.name, meaning: 'Author' };
  read = await signRead(read, input, ctx, { sha256, ...(signBytes && { signBytes }) });
  return sealAudit(read, sha256);
}

const exported = (read: Read) => exportReadJson(read, { now: () => '2026-03-01T12:00:00.000Z' });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON on purpose
type Doc = Record<string, any>;

const genuine = await build('disappeared', keyA.signBytes);
const genuineText = exported(genuine);

/** The statuses of a changed document made consistent again, as a careful forger would. */
function restatused(doc: Doc): Doc {
  const statuses = deriveReadStatuses({ ...(doc as Read), pendingAudit: [] });
  return {
    ...doc,
    statuses: statuses.map(({ lesionId, derived }) => ({
      lesionId,
      status: derived.status,
      reason: derived.reason,
      ctDlm: derived.ctDlm,
    })),
  };
}

function edited(change: (doc: Doc) => Doc | void): string {
  const doc = JSON.parse(genuineText) as Doc;
  return JSON.stringify(change(doc) ?? doc, null, 2);
}

/** The read re-made with L1 CT "present", chain re-hashed, signed by `key` or the copied proof. */
async function forged(signBytes?: SignBytes): Promise<string> {
  const made = await build('present', signBytes);
  if (signBytes !== undefined || made.state.kind !== 'signed' || genuine.state.kind !== 'signed') {
    return exported(made);
  }
  // No key: copy the genuine key signature onto the forged content, and re-hash the chain.
  const proof = genuine.state.signature.proof;
  const signature = { ...made.state.signature, proof };
  const entries = made.audit.map(({ hash, prevHash, ...entry }) => {
    void hash;
    void prevHash;
    return entry.action === 'sign'
      ? {
          ...entry,
          after: {
            ...(entry.after as object),
            proof: JSON.parse(JSON.stringify(proof)) as JsonValue,
          },
        }
      : entry;
  });
  const audit = await sealPending({ ...made, audit: [], pendingAudit: entries }, sha256);
  return exported({ ...made, state: { kind: 'signed', signature }, audit });
}

const roster = (owner: string) =>
  JSON.stringify({
    schemaVersion: 1,
    readers: [
      { readerId: owner, name: 'Dr Alice Example', role: 'site reader', publicKey: keyA.publicKey },
      { readerId: 'reader-b', name: 'Dr Bob', role: 'site reader', publicKey: keyB.publicKey },
    ],
  });

interface Case {
  readonly name: string;
  readonly text: string;
  /** The roster the CLI is given: A's key registered to this reader id. */
  readonly rosterOwner?: string;
  /** Expected: `pass` or the JSON path and message of the refusal. */
  readonly import: 'pass' | readonly [string, RegExp];
  readonly cli: 'pass' | readonly [string, RegExp];
}

const CASE_TABLE: Case[] = [
  { name: 'untouched', text: genuineText, import: 'pass', cli: 'pass' },
  {
    name: 'untouched, with the roster',
    text: genuineText,
    rosterOwner: 'reader-a',
    import: 'pass',
    cli: 'pass',
  },
  {
    name: 'lesion list reordered, content equal',
    text: edited((d) => restatused({ ...d, lesions: [...d.lesions].reverse() })),
    rosterOwner: 'reader-a',
    import: 'pass',
    cli: 'pass',
  },
  ...(
    [
      [
        'a call changed (status made consistent)',
        edited((d) => {
          d.lesions[0].assessments.preop.modalities.CT.call = 'present';
          return restatused(d);
        }),
        '$.lesions[0].assessments.preop.modalities.CT.call',
        /history and content part \[audit seq \d+\]: the content has "present", the audit trail gives "disappeared"/,
      ],
      [
        'a lesion deleted',
        edited((d) => restatused({ ...d, lesions: d.lesions.slice(1) })),
        '$.lesions',
        /lesion L1, added at audit seq 3, is not in the content/,
      ],
      [
        "an exam's QC finding changed",
        edited((d) => {
          d.examQc['1.2.4'].findings[0].value = 25;
        }),
        '$.examQc["1.2.4"].findings[0].value',
        /the content has 25, the audit trail gives 8/,
      ],
      [
        "an exam's not-evaluable mark removed",
        edited((d) => {
          delete d.examQc['1.2.4'].notEvaluable;
        }),
        '$.examQc["1.2.4"].notEvaluable',
        /the audit trail gives/,
      ],
      ['the audit trail emptied', edited((d) => ({ ...d, audit: [] })), '$.audit', /empty/],
      [
        'the audit trail cut before the signature',
        edited((d) => ({ ...d, audit: d.audit.slice(0, -1) })),
        '$.state.kind',
        /the content has "signed", the audit trail gives "draft"/,
      ],
      [
        "the signer's name and id replaced",
        edited((d) => {
          d.state.signature.signerName = 'Dr Mallory';
          d.state.signature.signerId = 'reader-m';
        }),
        '$.state.signature.signerId',
        /the content has "reader-m", the audit trail gives "reader-a"/,
      ],
      [
        'the content hash recomputed by hand',
        edited((d) => {
          d.state.signature.contentHash = 'f'.repeat(64);
        }),
        '$.state.signature.contentHash',
        /"f{64}", the audit trail gives/,
      ],
    ] as const
  ).map(([name, text, path, message]) => ({
    name,
    text,
    rosterOwner: 'reader-a',
    import: [path, message] as const,
    cli: [path, message] as const,
  })),
];

const rehashed = await forged();
const otherKey = await forged(keyB.signBytes);
const unknownKey = await forged(keyC.signBytes);
CASE_TABLE.push(
  {
    name: 'call changed, chain re-hashed, content hash recomputed, signature copied',
    text: rehashed,
    rosterOwner: 'reader-a',
    import: ['$.state.signature.proof.value', /bad signature/],
    cli: ['$.state.signature.proof.value', /bad signature/],
  },
  {
    name: "re-signed with another registered reader's key",
    text: otherKey,
    rosterOwner: 'reader-a',
    // Self-consistent without a roster: only the roster knows whose key it is.
    import: 'pass',
    cli: ['$.state.signature.signerId', /roster mismatch: the key is registered to reader-b/],
  },
  {
    name: 're-signed with an unregistered key',
    text: unknownKey,
    rosterOwner: 'reader-a',
    import: 'pass',
    cli: ['$.state.signature.proof.publicKey', /unknown key/],
  },
  {
    name: "the genuine read, but the roster gives the signer's key to someone else",
    text: genuineText,
    rosterOwner: 'reader-z',
    import: 'pass',
    cli: ['$.state.signature.signerId', /roster mismatch: the key is registered to reader-z/],
  },
);

describe('tampering with a signed read', () => {
  it.each(CASE_TABLE.map((c) => [c.name, c] as const))('%s: import', async (_, c) => {
    const result = await importReadJson(c.text, { sha256, verify });
    if (c.import === 'pass') {
      expect(result.ok && result.integrity).toMatchObject({
        replay: 'full',
        signature: { contentHash: 'verified', key: 'verified' },
      });
      return;
    }
    expect(result.ok).toBe(false);
    const first = !result.ok ? result.problems[0] : undefined;
    expect(first && `$.${first.path}`).toBe(c.import[0]);
    expect(first?.message).toMatch(c.import[1]);
  });

  it.each(CASE_TABLE.map((c) => [c.name, c] as const))('%s: CLI validate', async (_, c) => {
    const files: Record<string, string> = { 'read.json': c.text };
    const args = ['validate', 'read.json'];
    if (c.rosterOwner !== undefined) {
      files['roster.json'] = roster(c.rosterOwner);
      args.push('--roster', 'roster.json');
    }
    const readFile = (name: string) => Promise.resolve(files[name] ?? '');
    const result = await runReads(args, readFile, { sha256 });
    if (c.cli === 'pass') {
      expect(result.exitCode).toBe(0);
      const signer = c.rosterOwner
        ? 'signed by Dr Alice Example, registered key'
        : 'key signature verified';
      expect(result.stdout).toContain(`read.json: OK (`);
      expect(result.stdout).toContain(signer);
      return;
    }
    expect(result.exitCode).toBe(1);
    const line = result.stdout.split('\n')[0] ?? '';
    expect(line.startsWith(`read.json: ${c.cli[0]}: `)).toBe(true);
    expect(line).toMatch(c.cli[1]);
  });
});
