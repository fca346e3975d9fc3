/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   negative fixtures and migrations edit untyped JSON documents on purpose */
/**
 * Import: golden fixtures must import and re-export identically; negative fixtures must fail
 * with problems at specific paths (architecture.md habit 5).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import { formatPath, importReadJson } from '../../src/domain/importRead.ts';
import { findJsonSyntaxError } from '../../src/domain/jsonSyntax.ts';
import { deriveReadStatuses } from '../../src/domain/status.ts';
import { GOLDEN_EXPORTED_AT, goldenReads } from './goldenReads.ts';
import { sha256 } from './fixtures.ts';

const NAMES = ['draft', 'signed', 'amended'] as const;
const fixturePath = (name: string) => new URL(`./fixtures/read-v2-${name}.json`, import.meta.url);
const now = () => GOLDEN_EXPORTED_AT;

// The committed fixtures are schema version 2 (signed before v3): they are kept, not rewritten.
if (process.env.UPDATE_GOLDEN === '1' && process.env.UPDATE_GOLDEN_V2 === '1') {
  const reads = await goldenReads();
  for (const name of NAMES) writeFileSync(fixturePath(name), exportReadJson(reads[name], { now }));
}

/**
 * The file's content in the export's layout (fixtures may be re-indented by Prettier), as this
 * app writes it: the v2 fixtures come back as schema version 3, the v2 -> v3 migration adding
 * nothing to a read without exam QC (docs/domain.md §11).
 */
const asExported = (text: string) =>
  `${JSON.stringify({ ...(JSON.parse(text) as object), schemaVersion: 3 }, null, 2)}\n`;

describe('golden fixtures', () => {
  it.each(NAMES)('%s imports, and re-exports to the same content, keys and order', async (name) => {
    const text = readFileSync(fixturePath(name), 'utf8');
    const result = await importReadJson(text, { sha256 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect((JSON.parse(text) as { schemaVersion: number }).schemaVersion).toBe(2);
    expect(result.integrity.replay).toBe('full');
    if (name === 'signed') expect(result.integrity.signature?.contentHash).toBe('verified');
    expect(result.exportedAt).toBe(GOLDEN_EXPORTED_AT);
    const again = exportReadJson(result.read, { now: () => result.exportedAt });
    expect(again).toBe(asExported(text));
    const third = await importReadJson(again, { sha256 });
    expect(third.ok && exportReadJson(third.read, { now })).toBe(again);
  });

  it.each(NAMES)(
    '%s is what the builders make today (regenerate with UPDATE_GOLDEN=1)',
    async (name) => {
      const reads = await goldenReads();
      const result = await importReadJson(readFileSync(fixturePath(name), 'utf8'), { sha256 });
      expect(result.ok && result.read).toEqual(reads[name]);
    },
  );

  it('cover every status, every lifecycle state and a removed lesion', async () => {
    const { draft, signed, amended } = await goldenReads();
    expect(deriveReadStatuses(draft).map((s) => s.derived.status)).toEqual([
      'cDLM',
      'partial DLM',
      'visible',
      'incomplete',
    ]);
    expect([draft, signed, amended].map((r) => r.state.kind)).toEqual([
      'draft',
      'signed',
      'amended',
    ]);
    expect(amended.lesions.some((l) => l.removed !== undefined)).toBe(true);
    expect(amended.previousVersion?.signature.meaning).toBe('Author');
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON on purpose
type Doc = Record<string, any>;
const draftDoc = (): Doc => JSON.parse(readFileSync(fixturePath('draft'), 'utf8')) as Doc;
const text = (change: (doc: Doc) => void) => {
  const doc = draftDoc();
  change(doc);
  return JSON.stringify(doc, null, 2);
};

const NEGATIVE: [string, string, string[]][] = [
  ['missing reader', text((d) => delete d.reader), ['reader']],
  [
    "bad call 'gone'",
    text((d) => (d.lesions[0].assessments.preop.modalities.CT.call = 'gone')),
    ['lesions[0].assessments.preop.modalities.CT.call'],
  ],
  ["lesion id 'X1'", text((d) => (d.lesions[0].id = 'X1')), ['lesions[0].id']],
  ["bad segment 'IX'", text((d) => (d.lesions[1].segment = 'IX')), ['lesions[1].segment']],
  [
    'string where a number is expected',
    text((d) => (d.lesions[1].baselineDiameterMm = '14.5')),
    ['lesions[1].baselineDiameterMm'],
  ],
  [
    'extra unknown keys (a patient name cannot slip in)',
    text((d) => {
      d.patientName = 'DOE^JANE';
      d.lesions[2].colour = 'red';
    }),
    ['lesions[2].colour', 'patientName'],
  ],
  [
    'unknown modality',
    text((d) => (d.lesions[0].assessments.preop.modalities.PET = {})),
    ['lesions[0].assessments.preop.modalities.PET'],
  ],
  [
    'timepoint followup-0',
    text((d) => (d.lesions[0].assessments['followup-0'] = { modalities: {} })),
    ['lesions[0].assessments["followup-0"]'],
  ],
  ['tampered audit entry', text((d) => (d.audit[5].after = 'VIII')), ['audit[5]']],
  ['deleted audit entry', text((d) => d.audit.splice(2, 1)), ['audit[2]']],
  ['wrong derived status', text((d) => (d.statuses[0].status = 'visible')), ['statuses[0].status']],
  ['wrong CT-DLM flag', text((d) => (d.statuses[2].ctDlm = true)), ['statuses[2].ctDlm']],
  ['missing status row', text((d) => d.statuses.pop()), ['statuses']],
  [
    'duplicate lesion id',
    text((d) => (d.lesions[1].id = 'L1')),
    ['lesions[1].id', 'statuses[1].lesionId'],
  ],
  [
    'lesion id not below nextLesionNumber',
    text((d) => (d.nextLesionNumber = 4)),
    ['lesions[3].id'],
  ],
  ['future schemaVersion 99', text((d) => (d.schemaVersion = 99)), ['schemaVersion']],
  ['no schemaVersion', text((d) => delete d.schemaVersion), ['schemaVersion']],
  ['not an object', '[1, 2]', ['']],
  ['invalid JSON text', '{\n  "schemaVersion": 1,\n  "readId": }', ['']],
];

describe('negative fixtures', () => {
  it.each(NEGATIVE)('%s', async (_name, input, paths) => {
    const result = await importReadJson(input, { sha256 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual([...paths].sort());
    expect(result.problems.every((p) => p.message.length > 0)).toBe(true);
    expect(Object.keys(result)).toEqual(['ok', 'problems']);
  });

  it('reports the line and column of a JSON syntax error', async () => {
    const result = await importReadJson('{\n  "schemaVersion": 1,\n  "readId": }', { sha256 });
    expect(!result.ok && result.problems[0]?.message).toMatch(/line 3,? column 13/);
  });

  it('reports every schema problem in one pass', async () => {
    const input = text((d) => {
      delete d.reader;
      d.lesions[0].segment = 'IX';
      d.lesions[3].assessments.preop.modalities.EOB.call = 'gone';
    });
    const result = await importReadJson(input, { sha256 });
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual([
      'reader',
      'lesions[0].segment',
      'lesions[3].assessments.preop.modalities.EOB.call',
    ]);
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [
      ['lesions', 2, 'assessments', 'preop', 'modalities', 'CT', 'call'],
      'lesions[2].assessments.preop.modalities.CT.call',
    ],
    [['timepointAssignment', '1.2.3'], 'timepointAssignment["1.2.3"]'],
    [['audit', 0], 'audit[0]'],
  ] as [PropertyKey[], string][])('%j -> %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['  [1, -2.5e3, "x\\n", true, false, null, {}]  ', undefined],
    ['{\n  "a": }', { line: 2, column: 8 }],
    ['[1,]', { line: 1, column: 4 }],
    ['{"a": 01}', { line: 1, column: 8 }],
    ['"tab\there"', { line: 1, column: 5 }],
    ['{"a": 1} x', { line: 1, column: 10 }],
    ['', { line: 1, column: 1 }],
    ['{"a": tru}', { line: 1, column: 7 }],
  ])('%j -> %j', (input, expected) => {
    expect(findJsonSyntaxError(input)).toEqual(expected);
  });

  it('agrees with JSON.parse on which texts are valid', () => {
    for (const input of ['1', '"\\u00e9"', '{"a":[{"b":null}]}', '{"a" 1}', "{'a': 1}", '[1 2]']) {
      let valid = true;
      try {
        JSON.parse(input);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(input) === undefined).toBe(valid);
    }
  });
});
