import { describe, expect, it } from 'vitest';
import {
  callsAt,
  deriveLesionStatus,
  deriveLesionStatusAtStatusTimepoint,
  englishReason,
  reasonClauses,
  deriveReadStatuses,
  deriveSiteRecurrence,
  type CallSet,
  type LesionStatus,
} from '../../src/domain/status.ts';
import {
  DEFAULT_STUDY_CONFIG,
  type Call,
  type ModalityGroup,
  type StudyConfig,
} from '../../src/domain/model.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { makeLesion, makeRead } from './fixtures.ts';

const ALL: ModalityGroup[] = ['CT', 'DWI', 'T1T2', 'EOB'];
const VALUES: (Call | undefined)[] = ['present', 'disappeared', 'not-evaluable', undefined];

/** Every assignment of the 4 values (incl. unset) to the 4 modality groups: 4^4 = 256. */
function allCallSets(): CallSet[] {
  const sets: CallSet[] = [];
  for (let code = 0; code < 256; code++) {
    const calls: Partial<Record<ModalityGroup, Call>> = {};
    ALL.forEach((m, i) => {
      const value = VALUES[Math.floor(code / 4 ** i) % 4];
      if (value !== undefined) calls[m] = value;
    });
    sets.push(calls);
  }
  return sets;
}

/**
 * Oracle written as the four rows of docs/domain.md §5, each a predicate on its own. The test also
 * asserts that exactly one row holds, i.e. that the table is a partition.
 */
function oracle(calls: CallSet, required: readonly ModalityGroup[]): LesionStatus {
  const of = (c: Call | undefined) => required.filter((m) => calls[m] === c).length;
  const rows: [LesionStatus, boolean][] = [
    ['cDLM', of('disappeared') === required.length],
    ['partial DLM', of('disappeared') >= 1 && of('present') >= 1],
    ['visible', of('disappeared') === 0 && of('present') >= 1],
    ['incomplete', of('present') === 0 && of(undefined) + of('not-evaluable') >= 1],
  ];
  const holding = rows.filter(([, holds]) => holds).map(([status]) => status);
  expect(holding).toHaveLength(1);
  return holding[0]!;
}

const configWith = (requiredModalities: ModalityGroup[]): StudyConfig => ({
  ...DEFAULT_STUDY_CONFIG,
  requiredModalities,
});

/** All 15 non-empty subsets of the modality groups. */
const SUBSETS: ModalityGroup[][] = Array.from({ length: 15 }, (_, i) =>
  ALL.filter((_m, bit) => ((i + 1) >> bit) & 1),
);

describe('deriveLesionStatus, exhaustive', () => {
  const combos = allCallSets();

  it('enumerates 256 distinct combinations', () => {
    expect(new Set(combos.map((c) => JSON.stringify(c))).size).toBe(256);
  });

  it('the reason clauses name each required modality once and word the English reason', () => {
    for (const calls of combos) {
      const clauses = reasonClauses(calls, DEFAULT_STUDY_CONFIG);
      const named = clauses.flatMap((c) => c.modalities);
      const { status, reason } = deriveLesionStatus(calls, DEFAULT_STUDY_CONFIG);
      expect(englishReason(clauses)).toBe(reason);
      // visible and partial DLM name what was seen and gone; the others name every modality.
      if (status === 'incomplete' || status === 'cDLM')
        expect([...named].sort()).toEqual([...ALL].sort());
      expect(new Set(named).size).toBe(named.length);
    }
  });

  it.each(combos.map((calls) => [JSON.stringify(calls), calls] as const))(
    'default config: %s matches the §5 table',
    (_name, calls) => {
      const derived = deriveLesionStatus(calls, DEFAULT_STUDY_CONFIG);
      expect(derived.status).toBe(oracle(calls, ALL));
      expect(derived.ctDlm).toBe(calls.CT === 'disappeared');
      expect(derived.reason).not.toBe('');
    },
  );

  it('gives each status a reason of its own shape', () => {
    const prefix: Record<LesionStatus, RegExp> = {
      cDLM: /^disappeared on all of /,
      'partial DLM': /^disappeared on .+; visible on /,
      visible: /^visible on /,
      incomplete: /^(disappeared on .+; )?(not evaluable on .+)?(; )?(unset on .+)?$/,
    };
    for (const calls of combos) {
      const { status, reason } = deriveLesionStatus(calls, DEFAULT_STUDY_CONFIG);
      expect(reason).toMatch(prefix[status]);
    }
  });

  it.each(SUBSETS.map((s) => [s.join('+'), s] as const))(
    'required %s: matches the oracle; other modalities never matter',
    (_name, required) => {
      const config = configWith(required);
      for (const calls of combos) {
        const derived = deriveLesionStatus(calls, config);
        expect(derived.status).toBe(oracle(calls, required));
        const onlyRequired = Object.fromEntries(required.map((m) => [m, calls[m]])) as CallSet;
        const { status, reason } = deriveLesionStatus(onlyRequired, config);
        expect({ status, reason }).toEqual({ status: derived.status, reason: derived.reason });
        expect(derived.ctDlm).toBe(calls.CT === 'disappeared');
      }
    },
  );
});

describe('deriveLesionStatus, named rows', () => {
  const p = 'present';
  const d = 'disappeared';
  const n = 'not-evaluable';
  it.each<[string, CallSet, LesionStatus, string, boolean]>([
    [
      'all disappeared',
      { CT: d, DWI: d, T1T2: d, EOB: d },
      'cDLM',
      'disappeared on all of CT, DWI, T1/T2, contrast MRI (EOB)',
      true,
    ],
    [
      'all present',
      { CT: p, DWI: p, T1T2: p, EOB: p },
      'visible',
      'visible on CT, DWI, T1/T2 and contrast MRI (EOB)',
      false,
    ],
    [
      'visible on MRI only',
      { CT: n, DWI: p, EOB: p },
      'visible',
      'visible on DWI and contrast MRI (EOB)',
      false,
    ],
    [
      'classic CT-DLM seen on EOB',
      { CT: d, DWI: d, T1T2: d, EOB: p },
      'partial DLM',
      'disappeared on CT, DWI and T1/T2; visible on contrast MRI (EOB)',
      true,
    ],
    [
      'gone on CT, rest unset',
      { CT: d },
      'incomplete',
      'disappeared on CT; unset on DWI, T1/T2 and contrast MRI (EOB)',
      true,
    ],
    [
      'disappeared but one not evaluable',
      { CT: d, DWI: d, T1T2: n, EOB: d },
      'incomplete',
      'disappeared on CT, DWI and contrast MRI (EOB); not evaluable on T1/T2',
      true,
    ],
    ['nothing called', {}, 'incomplete', 'unset on CT, DWI, T1/T2 and contrast MRI (EOB)', false],
    [
      'not evaluable and unset',
      { CT: n, T1T2: n, EOB: n },
      'incomplete',
      'not evaluable on CT, T1/T2 and contrast MRI (EOB); unset on DWI',
      false,
    ],
    ['present wins over unset', { DWI: p }, 'visible', 'visible on DWI', false],
  ])('%s', (_name, calls, status, reason, ctDlm) => {
    expect(deriveLesionStatus(calls, DEFAULT_STUDY_CONFIG)).toEqual({ status, reason, ctDlm });
  });

  it('matches the brief example "not evaluable on T1/T2; unset on DWI" with CT+DWI+T1/T2 required', () => {
    const config = configWith(['CT', 'DWI', 'T1T2']);
    const derived = deriveLesionStatus({ CT: 'disappeared', T1T2: 'not-evaluable' }, config);
    expect(derived.reason).toBe('disappeared on CT; not evaluable on T1/T2; unset on DWI');
  });
});

describe('deriveLesionStatus, subset configs', () => {
  const ctDwi = configWith(['CT', 'DWI']);

  it.each<[string, CallSet, LesionStatus, string]>([
    [
      'cDLM though MRI sequences still show it',
      { CT: 'disappeared', DWI: 'disappeared', T1T2: 'present', EOB: 'present' },
      'cDLM',
      'disappeared on all of CT, DWI',
    ],
    [
      'incomplete though T1/T2 and EOB are set',
      { CT: 'disappeared', T1T2: 'disappeared', EOB: 'disappeared' },
      'incomplete',
      'disappeared on CT; unset on DWI',
    ],
    [
      'present on a non-required modality is not visible',
      { T1T2: 'present' },
      'incomplete',
      'unset on CT and DWI',
    ],
  ])('CT+DWI: %s', (_name, calls, status, reason) => {
    expect(deriveLesionStatus(calls, ctDwi)).toMatchObject({ status, reason });
  });

  it('lists modalities in canonical order whatever the config order', () => {
    const config = configWith(['EOB', 'CT']);
    expect(deriveLesionStatus({ CT: 'disappeared', EOB: 'disappeared' }, config).reason).toBe(
      'disappeared on all of CT, contrast MRI (EOB)',
    );
  });

  it('flags CT-DLM even when CT is not required', () => {
    const derived = deriveLesionStatus({ CT: 'disappeared', EOB: 'present' }, configWith(['EOB']));
    expect(derived).toEqual({
      status: 'visible',
      reason: 'visible on contrast MRI (EOB)',
      ctDlm: true,
    });
  });

  it('refuses a config that requires no modality (every lesion would be a vacuous cDLM)', () => {
    expect(() => deriveLesionStatus({}, configWith([]))).toThrow(DomainError);
  });
});

describe('status of a lesion at the status timepoint', () => {
  const lesion = makeLesion({
    assessments: {
      baseline: { modalities: { CT: { call: 'present', diameterMm: 12 } } },
      preop: {
        modalities: {
          CT: { call: 'disappeared' },
          DWI: { call: 'disappeared' },
          T1T2: { call: 'disappeared' },
          EOB: { call: 'disappeared', comment: 'HBP clean' },
        },
      },
    },
  });

  it('reads only the calls of that timepoint', () => {
    expect(callsAt(lesion, 'baseline')).toEqual({ CT: 'present' });
    expect(callsAt(lesion, 'followup-1')).toEqual({});
    expect(deriveLesionStatusAtStatusTimepoint(lesion, DEFAULT_STUDY_CONFIG).status).toBe('cDLM');
  });

  it('follows config.statusTimepoint', () => {
    const later = makeLesion({
      assessments: { 'followup-1': { modalities: { CT: { call: 'present' } } } },
    });
    const config = { ...DEFAULT_STUDY_CONFIG, statusTimepoint: 'followup-1' as const };
    expect(deriveLesionStatusAtStatusTimepoint(later, config)).toMatchObject({
      status: 'visible',
      reason: 'visible on CT',
    });
  });

  it('refuses baseline as the status timepoint (its calls say where a lesion is seen)', () => {
    const config = { ...DEFAULT_STUDY_CONFIG, statusTimepoint: 'baseline' as const };
    expect(() => deriveLesionStatusAtStatusTimepoint(lesion, config)).toThrow(
      /status timepoint must come after chemotherapy/,
    );
  });
});

describe('deriveSiteRecurrence', () => {
  const at = (recurrences: Record<string, 'yes' | 'no'>) =>
    makeLesion({
      assessments: Object.fromEntries(
        Object.entries(recurrences).map(([tp, recurrence]) => [tp, { modalities: {}, recurrence }]),
      ),
    });

  it.each<[string, Record<string, 'yes' | 'no'>, ReturnType<typeof deriveSiteRecurrence>]>([
    ['nothing recorded', {}, { kind: 'not-assessed' }],
    [
      'no, no',
      { 'followup-1': 'no', 'followup-2': 'no' },
      { kind: 'no-recurrence', lastAssessedAt: 'followup-2' },
    ],
    [
      'numeric not lexical order',
      { 'followup-10': 'no', 'followup-9': 'no' },
      { kind: 'no-recurrence', lastAssessedAt: 'followup-10' },
    ],
    [
      'first yes wins',
      { 'followup-1': 'no', 'followup-3': 'yes', 'followup-2': 'yes' },
      { kind: 'recurrence', firstAt: 'followup-2' },
    ],
    [
      'later no does not undo a recurrence',
      { 'followup-1': 'yes', 'followup-2': 'no' },
      { kind: 'recurrence', firstAt: 'followup-1' },
    ],
  ])('%s', (_name, recurrences, expected) => {
    expect(deriveSiteRecurrence(at(recurrences))).toEqual(expected);
  });

  it('ignores non-follow-up timepoints', () => {
    const lesion = makeLesion({ assessments: { preop: { modalities: {}, recurrence: 'yes' } } });
    expect(deriveSiteRecurrence(lesion)).toEqual({ kind: 'not-assessed' });
  });
});

describe('deriveReadStatuses', () => {
  it('lists live lesions in registry order under the read config', () => {
    const read = makeRead({
      config: configWith(['CT']),
      lesions: [
        makeLesion({
          id: 'L1',
          assessments: { preop: { modalities: { CT: { call: 'disappeared' } } } },
        }),
        makeLesion({ id: 'L2', removed: { at: '2026-01-02T00:00:00.000Z' } }),
        makeLesion({
          id: 'L3',
          assessments: { preop: { modalities: { EOB: { call: 'present' } } } },
        }),
      ],
    });
    expect(deriveReadStatuses(read)).toEqual([
      {
        lesionId: 'L1',
        derived: { status: 'cDLM', reason: 'disappeared on all of CT', ctDlm: true },
      },
      { lesionId: 'L3', derived: { status: 'incomplete', reason: 'unset on CT', ctDlm: false } },
    ]);
  });
});
