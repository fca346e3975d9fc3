/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment --
   negative fixtures and migrations edit untyped JSON documents on purpose */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReadJson } from '../../src/domain/importRead.ts';
import { MIGRATIONS, migrateDocument } from '../../src/domain/migrations.ts';
import { deepFreeze, sha256 } from './fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON on purpose
type Doc = Record<string, any>;
const golden = (): Doc =>
  JSON.parse(
    readFileSync(new URL('./fixtures/read-v1-draft.json', import.meta.url), 'utf8'),
  ) as Doc;

/** The v1 golden written in the hypothetical pre-release v0 layout: calls stored flat. */
function asV0(v1: Doc): Doc {
  const lesions = (v1.lesions as Doc[]).map((lesion) => {
    const calls: Doc[] = [];
    for (const [timepoint, at] of Object.entries(lesion.assessments as Doc)) {
      for (const [modality, cell] of Object.entries((at as Doc).modalities as Doc)) {
        const { call, ...rest } = cell as Doc;
        if (call !== undefined) calls.push({ timepoint, modality, call });
        (at as Doc).modalities[modality] = rest;
      }
    }
    return { ...lesion, calls };
  });
  return { ...v1, schemaVersion: 0, lesions };
}

describe('migrations', () => {
  it('are named, in order, one per version', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.name])).toEqual([
      [0, 'v0-flat-calls-into-assessments'],
      [1, 'v1-integrity-fields-added'],
      [2, 'v2-exam-qc-added'],
    ]);
  });

  it('v0 -> v1 moves flat calls into the assessments without mutating the input', () => {
    const v0 = deepFreeze(asV0(golden()));
    const outcome = migrateDocument(v0, 0, 1);
    expect(outcome.ok && outcome.applied).toEqual(['v0-flat-calls-into-assessments']);
    expect(outcome.ok && outcome.document).toEqual(golden());
  });

  it('a v0 file imports to the same read as its v1 form', async () => {
    const fromV0 = await importReadJson(JSON.stringify(asV0(golden())), { sha256 });
    const fromV1 = await importReadJson(JSON.stringify(golden()), { sha256 });
    expect(fromV0.ok && fromV0.read).toEqual(fromV1.ok && fromV1.read);
  });

  it('leaves a call it cannot place for the schema to report', async () => {
    const v0 = asV0(golden());
    v0.lesions[0].calls.push({ modality: 'CT', call: 'present' });
    const result = await importReadJson(JSON.stringify(v0), { sha256 });
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['lesions[0].calls']);
  });

  it('v1 -> v2 only renumbers', () => {
    const v1 = deepFreeze(golden());
    const outcome = migrateDocument(v1, 1, 2);
    expect(outcome.ok && outcome.applied).toEqual(['v1-integrity-fields-added']);
    expect(outcome.ok && outcome.document).toEqual({ ...golden(), schemaVersion: 2 });
  });

  it('v2 -> v3 only renumbers, without mutating the input', () => {
    const v2 = deepFreeze({ ...golden(), schemaVersion: 2 });
    const outcome = migrateDocument(v2, 2, 3);
    expect(outcome.ok && outcome.applied).toEqual(['v2-exam-qc-added']);
    expect(outcome.ok && outcome.document).toEqual({ ...golden(), schemaVersion: 3 });
  });

  it.each(['draft', 'signed', 'amended'])(
    'the v1 %s fixture imports, replay-checked partially with the reason',
    async (name) => {
      const text = readFileSync(
        new URL(`./fixtures/read-v1-${name}.json`, import.meta.url),
        'utf8',
      );
      const result = await importReadJson(text, { sha256 });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.read.schemaVersion).toBe(3);
      expect(result.integrity.replay).toBe('partial');
      expect(result.integrity.notes).toEqual([
        'audit seq 1 (create-read) does not record the versionId (schema version 1); taken from the content',
        ...(name === 'signed'
          ? ['the signature binds no content hash (signed before schema version 2)']
          : []),
      ]);
    },
  );

  it('a v1 file whose segment was changed is still refused by the replay', async () => {
    const doc = golden();
    doc.lesions[0].segment = doc.lesions[0].segment === 'II' ? 'III' : 'II';
    const result = await importReadJson(JSON.stringify(doc), { sha256 });
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['lesions[0].segment']);
    expect(!result.ok && result.problems[0]?.message).toMatch(/\[audit seq \d+\]/);
  });

  // A file relabelled with an older schemaVersion than its content (to get a weaker check, or
  // to change a field nothing else covers) is refused with what gives it away.
  const fixture = (name: string): Doc =>
    JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Doc;
  const withQc = (): Doc => ({
    ...fixture('read-v2-draft'),
    schemaVersion: 3,
    examQc: { '1.2.3': { timepoint: 'preop' } },
  });
  it.each<[string, () => Doc, number, RegExp | null]>([
    ['a v2 signed read as v1', () => fixture('read-v2-signed'), 1, /contentHash|versionId/],
    ['a v2 signed read as v0', () => fixture('read-v2-signed'), 0, /contentHash|versionId/],
    ['a v2 draft as v1', () => fixture('read-v2-draft'), 1, /create-read entry with versionId/],
    ['a v3 read with exam QC as v2', withQc, 2, /exam QC \(examQc\) came after version 2/],
    ['a v3 read with exam QC as v1', withQc, 1, /schemaVersion 1 is older than the file/],
    ['a v2 signed read as itself', () => fixture('read-v2-signed'), 2, null],
    ['a v1 signed read as itself', () => fixture('read-v1-signed'), 1, null],
  ])('%s', (_name, make, declared, refusal) => {
    const outcome = migrateDocument({ ...make(), schemaVersion: declared }, declared, 3);
    if (refusal === null) expect(outcome.ok).toBe(true);
    else expect(!outcome.ok && outcome.message).toMatch(refusal);
  });

  it('a signed v2 read relabelled v1 is refused at import, at schemaVersion', async () => {
    const doc = { ...fixture('read-v2-signed'), schemaVersion: 1 };
    const result = await importReadJson(JSON.stringify(doc), { sha256 });
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['schemaVersion']);
  });

  it.each([
    [99, 1, /newer/],
    [0, 1, null],
    [1, 1, null],
  ])('from %i to %i', (from, to, refusal) => {
    const outcome = migrateDocument({ schemaVersion: from }, from, to);
    if (refusal === null) expect(outcome.ok).toBe(true);
    else expect(!outcome.ok && outcome.message).toMatch(refusal);
  });

  it('refuses a gap in the chain', () => {
    const outcome = migrateDocument({}, 0, 4);
    expect(!outcome.ok && outcome.message).toBe('no migration from schemaVersion 3');
  });
});
