/**
 * Study file validation: every problem is named by its path, schema problems all at once, then
 * every cross-check between readers and cases.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QC_THRESHOLDS,
  DEFAULT_STUDY_CONFIG,
  parseStudy,
  qcThresholdsOf,
  studyConfigOf,
  studyRoster,
} from '../../../src/domain/index.ts';

const KEY = { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) };

/** A valid study; each case below changes one part of it. */
function valid(): Record<string, unknown> & {
  readers: Record<string, unknown>[];
  cases: Record<string, unknown>[];
} {
  return {
    schemaVersion: 1,
    studyId: 'S',
    readers: [
      { readerId: 'R1', name: 'One', role: 'reader', publicKey: KEY },
      { readerId: 'R2', name: 'Two', role: 'reader' },
      { readerId: 'A', name: 'Adj', role: 'adjudicator' },
    ],
    cases: [
      { patientId: 'P1', readers: ['R1', 'R2'], adjudicator: 'A' },
      { patientId: 'P2', readers: ['R2', 'R1'], adjudicator: 'A' },
    ],
    readOrder: { seed: 7 },
  };
}

type Change = (s: ReturnType<typeof valid>) => unknown;

const CASES: [string, Change, [string, RegExp][]][] = [
  ['not JSON', () => '{', [['', /not valid JSON/]]],
  ['not an object', () => 3, [['', /object/]]],
  ['wrong version', (s) => ({ ...s, schemaVersion: 2 }), [['schemaVersion', /1/]]],
  ['missing studyId', ({ studyId: _, ...s }) => s, [['studyId', /string/]]],
  ['unknown field', (s) => ({ ...s, extra: 1 }), [['', /extra/]]],
  ['no readers', (s) => ({ ...s, readers: [] }), [['readers', /1/]]],
  ['no cases', (s) => ({ ...s, cases: [] }), [['cases', /1/]]],
  [
    'bad role and bad key, both named',
    (s) => {
      s.readers[1] = { ...s.readers[1], role: 'boss' };
      s.readers[0] = { ...s.readers[0], publicKey: { ...KEY, x: 'short' } };
      return s;
    },
    [
      ['readers[0].publicKey.x', /43|character/],
      ['readers[1].role', /reader|adjudicator/],
    ],
  ],
  [
    'one reader for a case',
    (s) => {
      s.cases[0] = { ...s.cases[0], readers: ['R1'] };
      return s;
    },
    [['cases[0].readers', /.+/]],
  ],
  ['negative seed', (s) => ({ ...s, readOrder: { seed: -1 } }), [['readOrder.seed', /.+/]]],
  ['fractional seed', (s) => ({ ...s, readOrder: { seed: 1.5 } }), [['readOrder.seed', /.+/]]],
  ['blinding not an object', (s) => ({ ...s, blinding: true }), [['blinding', /object/]]],
  [
    'blinding without enabled, with an unknown option',
    (s) => ({ ...s, blinding: { on: true } }),
    [
      ['blinding.enabled', /boolean/],
      ['blinding', /on/],
    ],
  ],
  [
    'QC limit zero',
    (s) => ({ ...s, qc: { minHbpDelayMinutes: 0 } }),
    [['qc.minHbpDelayMinutes', /0/]],
  ],
  ['QC unknown limit', (s) => ({ ...s, qc: { hbp: 1 } }), [['qc', /hbp/]]],
  ['unknown modality', (s) => ({ ...s, modalities: ['PET'] }), [['modalities[0]', /.+/]]],
  ['no modality', (s) => ({ ...s, modalities: [] }), [['modalities', /1/]]],
  [
    'bad timepoint',
    (s) => ({ ...s, statusTimepoint: 'later' }),
    [['statusTimepoint', /timepoint/]],
  ],
  [
    'duplicate reader id',
    (s) => {
      s.readers.push({ readerId: 'R1', name: 'Again', role: 'reader' });
      return s;
    },
    [['readers[3].readerId', /duplicate reader id R1 \(also readers\[0\]\)/]],
  ],
  [
    'one key for two readers',
    (s) => {
      s.readers[1] = { ...s.readers[1], publicKey: KEY };
      return s;
    },
    [['readers[1].publicKey', /same key as readers\[0\] \(R1\)/]],
  ],
  [
    'duplicate patient',
    (s) => {
      s.cases[1] = { ...s.cases[1], patientId: 'P1' };
      return s;
    },
    [['cases[1].patientId', /duplicate patient P1 \(also cases\[0\]\)/]],
  ],
  [
    'unknown reader, an adjudicator as reader, a reader as adjudicator',
    (s) => {
      s.cases[0] = { patientId: 'P1', readers: ['R9', 'A'], adjudicator: 'R1' };
      return s;
    },
    [
      ['cases[0].readers[0]', /unknown reader R9/],
      ['cases[0].readers[1]', /A is an adjudicator, not a reader/],
      ['cases[0].adjudicator', /R1 is a reader, not an adjudicator/],
    ],
  ],
  [
    'same reader twice, unknown adjudicator',
    (s) => {
      s.cases[1] = { patientId: 'P2', readers: ['R2', 'R2'], adjudicator: 'X' };
      return s;
    },
    [
      ['cases[1].readers[1]', /different readers \(both R2\)/],
      ['cases[1].adjudicator', /unknown reader X/],
    ],
  ],
  [
    'recommended HBP delay under the minimum',
    (s) => ({ ...s, qc: { minHbpDelayMinutes: 25 } }),
    [['qc.recommendedHbpDelayMinutes', /20 min, under the minimum of 25 min/]],
  ],
];

describe('parseStudy names every problem by its path', () => {
  it('accepts the valid study', () => {
    expect(parseStudy(JSON.stringify(valid()))).toMatchObject({ ok: true });
  });

  it.each(CASES)('%s', (_name, change, expected) => {
    const value = change(valid());
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const result = parseStudy(text);
    if (result.ok) throw new Error('accepted');
    expect(result.problems.map((p) => p.path)).toEqual(expected.map(([path]) => path));
    expected.forEach(([, message], i) => {
      expect(result.problems[i]?.message).toMatch(message);
    });
  });
});

describe('what a study sets', () => {
  it('QC limits over the defaults', () => {
    const s = { ...valid(), qc: { minHbpDelayMinutes: 12 } };
    const result = parseStudy(JSON.stringify(s));
    if (!result.ok) throw new Error('rejected');
    expect(qcThresholdsOf(result.study)).toEqual({
      ...DEFAULT_QC_THRESHOLDS,
      minHbpDelayMinutes: 12,
    });
  });

  it('modalities and status timepoint over the default configuration', () => {
    const s = { ...valid(), modalities: ['CT', 'EOB'], statusTimepoint: 'followup-1' };
    const result = parseStudy(JSON.stringify(s));
    if (!result.ok) throw new Error('rejected');
    expect(studyConfigOf(result.study)).toEqual({
      ...DEFAULT_STUDY_CONFIG,
      requiredModalities: ['CT', 'EOB'],
      statusTimepoint: 'followup-1',
    });
  });

  it('a roster of the readers with a key, none without', () => {
    const result = parseStudy(JSON.stringify(valid()));
    if (!result.ok) throw new Error('rejected');
    expect(studyRoster(result.study)).toEqual({
      schemaVersion: 1,
      study: 'S',
      readers: [{ readerId: 'R1', name: 'One', role: 'reader', publicKey: KEY }],
    });
    const keyless = { ...valid(), readers: valid().readers.map(({ publicKey: _, ...r }) => r) };
    const parsed = parseStudy(JSON.stringify(keyless));
    if (!parsed.ok) throw new Error('rejected');
    expect(studyRoster(parsed.study)).toBeUndefined();
  });
});
