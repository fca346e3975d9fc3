/**
 * Baseline calls keep schema version 2 (docs/domain.md §10): signed reads made before the
 * baseline wording still validate (hash chain, replay, content hash), and a read with
 * "not seen" baseline calls signs, replays and verifies like any other.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callTerm } from '../../../src/domain/baselineCalls.ts';
import { addLesion, createRead, setCall } from '../../../src/domain/commands.ts';
import { exportReadCsv, exportReadJson } from '../../../src/domain/exportRead.ts';
import { importReadJson } from '../../../src/domain/importRead.ts';
import { signRead } from '../../../src/domain/integrity/signing.ts';
import { sealAudit } from '../../../src/domain/audit.ts';
import { makeContext, sha256 } from '../fixtures.ts';
import { makeKey, verify } from './keys.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8');

describe('signed reads from before the baseline wording', () => {
  it.each([
    ['read-v2-signed', 'verified'],
    ['read-v1-signed', 'absent'],
  ] as const)('%s still validates; its baseline "present" reads "seen"', async (name, hash) => {
    const result = await importReadJson(fixture(name), { sha256, verify });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.read.state.kind).toBe('signed');
    expect(result.integrity.signature?.contentHash).toBe(hash);
    const call = result.read.lesions[0]?.assessments.baseline?.modalities.CT?.call;
    expect(call).toBe('present');
    expect(call && callTerm('baseline', call)).toBe('seen');
    const csv = exportReadCsv(result.read).split('\r\n');
    expect(csv.filter((row) => row.includes(',baseline,CT,'))).toEqual([
      expect.stringContaining(',baseline,CT,seen,'),
    ]);
  });

  it('a changed baseline call in a signed file is refused', async () => {
    const document = JSON.parse(fixture('read-v2-signed')) as {
      lesions: { assessments: { baseline?: { modalities: { CT?: { call?: string } } } } }[];
    };
    const cell = document.lesions[0]?.assessments.baseline?.modalities.CT;
    if (!cell) throw new Error('fixture has no baseline CT call');
    cell.call = 'disappeared';
    const result = await importReadJson(JSON.stringify(document), { sha256, verify });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toContain(
      'lesions[0].assessments.baseline.modalities.CT.call',
    );
  });
});

describe('a read with baseline "not seen" calls', () => {
  it('signs with a key, exports, and imports with replay, hash and key verified', async () => {
    const ctx = makeContext();
    const key = await makeKey();
    let read = createRead({ patientId: 'P1', reader: { id: 'r1', name: 'Dr One' } }, ctx);
    read = addLesion(read, { baselineDiameterMm: 14 }, ctx);
    const at = { lesionId: 'L1' as const, timepoint: 'baseline' as const };
    read = setCall(read, { ...at, modality: 'CT', call: 'present' }, ctx);
    read = setCall(read, { ...at, modality: 'DWI', call: 'disappeared' }, ctx);
    read = setCall(read, { ...at, modality: 'T1T2', call: 'not-evaluable' }, ctx);
    const signed = await sealAudit(
      await signRead(read, { signerName: 'Dr One', meaning: 'Author' }, ctx, {
        sha256,
        signBytes: key.signBytes,
      }),
      sha256,
    );
    const text = exportReadJson(signed, { now: () => '2026-03-01T12:00:00.000Z' });
    const result = await importReadJson(text, { sha256, verify });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.integrity.replay).toBe('full');
    expect(result.integrity.signature).toMatchObject({ contentHash: 'verified', key: 'verified' });
    expect(result.read.lesions[0]?.assessments.baseline?.modalities).toEqual({
      CT: { call: 'present' },
      DWI: { call: 'disappeared' },
      T1T2: { call: 'not-evaluable' },
    });
  });

  it('a file whose status timepoint is baseline is refused at config, not thrown', async () => {
    const document = JSON.parse(fixture('read-v2-draft')) as {
      config: { statusTimepoint: string };
    };
    document.config.statusTimepoint = 'baseline';
    const result = await importReadJson(JSON.stringify(document), { sha256 });
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'config', message: expect.stringMatching(/not baseline/) as unknown },
    ]);
  });
});
