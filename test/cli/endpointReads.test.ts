/**
 * Which reads `endpoint` uses (src/cli/integrity.ts): signed consensus reads by default (the
 * schema's `consensus` block, not an audit reason), consensus drafts with --allow-drafts, every
 * read with --any-read; the reads used and left out are listed with their state.
 */
import { describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { sealAudit } from '../../src/domain/audit.ts';
import { addLesion, createRead } from '../../src/domain/commands.ts';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import { consensusBlockOf } from '../../src/domain/integrity/consensus.ts';
import { signRead } from '../../src/domain/integrity/signing.ts';
import type { Read } from '../../src/domain/model.ts';
import { makeContext, sha256 } from '../domain/fixtures.ts';

async function read(patientId: string, consensusOf: Read | undefined, signed: boolean) {
  const ctx = makeContext('2026-02-01T09:00:00.000Z');
  const consensus = consensusOf && consensusBlockOf([consensusOf]);
  let r = createRead(
    { patientId, reader: { id: 'adj', name: 'Dr Adj' }, ...(consensus && { consensus }) },
    ctx,
  );
  r = addLesion(r, { segment: 'II' }, ctx);
  if (signed)
    r = await signRead(r, { signerName: 'Dr Adj', meaning: 'Adjudication' }, ctx, { sha256 });
  return sealAudit(r, sha256);
}

const source = await read('P1', undefined, true);
const files: Record<string, string> = {};
for (const [name, r] of [
  ['single.json', source],
  ['consensus-signed.json', await read('P2', source, true)],
  ['consensus-draft.json', await read('P3', source, false)],
] as const) {
  files[name] = exportReadJson(r, { now: () => '2026-03-01T12:00:00.000Z' });
}
const readFile = (name: string) => Promise.resolve(files[name] ?? '');

describe('endpoint read selection', () => {
  it.each<[string, string[], string[]]>([
    ['default: signed consensus reads', [], ['consensus-signed.json']],
    ['--allow-drafts', ['--allow-drafts'], ['consensus-signed.json', 'consensus-draft.json']],
    [
      '--any-read',
      ['--any-read'],
      ['single.json', 'consensus-signed.json', 'consensus-draft.json'],
    ],
  ])('%s', async (_, options, used) => {
    const result = await runReads(
      ['endpoint', '--json', ...options, ...Object.keys(files)],
      readFile,
      {
        sha256,
      },
    );
    const json = JSON.parse(result.stdout) as {
      readsUsed: { file: string; state: string; consensus: boolean }[];
      readsLeftOut: { file: string }[];
    };
    expect(json.readsUsed.map((r) => r.file)).toEqual(used);
    expect(json.readsLeftOut.map((r) => r.file)).toEqual(
      Object.keys(files).filter((f) => !used.includes(f)),
    );
  });

  it('lists the reads used with their state in the text report', async () => {
    const result = await runReads(['endpoint', ...Object.keys(files)], readFile, { sha256 });
    expect(result.stdout).toContain(
      'Reads used (1):\n  consensus-signed.json: patient P2, read id-1 v1 signed, consensus\n',
    );
    expect(result.stdout).toMatch(/Left out \(2; not signed consensus reads/);
  });

  it('refuses the two options together', async () => {
    const result = await runReads(['endpoint', '--any-read', '--allow-drafts', 'a.json'], readFile);
    expect([result.exitCode, result.stderr]).toEqual([
      2,
      expect.stringMatching(/exclude each other/),
    ]);
  });
});
