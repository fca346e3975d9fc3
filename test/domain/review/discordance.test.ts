/**
 * Discordances between two reads (docs/domain.md §7): lesion in one read only, a different call per
 * modality (unset is a value), a different derived status; stable ids and reader values.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  DEFAULT_STUDY_CONFIG,
  MODALITY_GROUPS,
  worldPoint,
  type Call,
  type Lesion,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from '../../../src/domain/model.ts';
import {
  CALL_VALUES,
  compareReads,
  type CallValue,
  type Discordance,
} from '../../../src/domain/review/discordance.ts';
import type { CallSet } from '../../../src/domain/status.ts';
import { deepFreeze, makeImagePoint, makeLesion, makeRead, makeReader } from '../fixtures.ts';

/** Lesion `L<n>` at x mm (segment VII) with calls at a timepoint (default preop). */
function lesion(n: number, xMm: number, calls: CallSet = {}, timepoint: TimepointId = 'preop') {
  const modalities = Object.fromEntries(Object.entries(calls).map(([m, call]) => [m, { call }]));
  return makeLesion({
    id: `L${n}`,
    baselineLocation: makeImagePoint({ point: worldPoint(xMm, 0, 0) }),
    assessments: Object.keys(modalities).length > 0 ? { [timepoint]: { modalities } } : {},
  });
}

const ALL_GONE: CallSet = {
  CT: 'disappeared',
  DWI: 'disappeared',
  T1T2: 'disappeared',
  EOB: 'disappeared',
};

function reads(lesions1: Lesion[], lesions2: Lesion[]): [Read, Read] {
  return [
    deepFreeze(makeRead({ lesions: lesions1, reader: makeReader({ id: 'r1' }) })),
    deepFreeze(makeRead({ readId: 'read-2', lesions: lesions2, reader: makeReader({ id: 'r2' }) })),
  ];
}

const summary = (d: Discordance) => [d.id, d.kind, d.value1, d.value2];

describe('compareReads', () => {
  it('finds nothing between identical reads', () => {
    const lesions = [lesion(1, 0, ALL_GONE), lesion(2, 50, { CT: 'present' })];
    const [r1, r2] = reads(lesions, lesions);
    const comparison = compareReads(r1, r2);
    expect(comparison.discordances).toEqual([]);
    expect(comparison.pairs.map((p) => [p.lesion1, p.lesion2])).toEqual([
      ['L1', 'L1'],
      ['L2', 'L2'],
    ]);
    expect(comparison.unpaired).toEqual([]);
  });

  it.each<[string, Lesion[], Lesion[], (string | undefined)[][]]>([
    [
      'one call differs and changes the status',
      [lesion(1, 0, ALL_GONE)],
      [lesion(1, 3, { ...ALL_GONE, EOB: 'present' })],
      [
        ['L1~L1/EOB', 'call', 'disappeared', 'present'],
        ['L1~L1/status', 'status', 'cDLM', 'partial DLM'],
      ],
    ],
    [
      'unset against a call is a discordance',
      [lesion(1, 0, { CT: 'present' })],
      [lesion(1, 0, { CT: 'present', DWI: 'present' })],
      [['L1~L1/DWI', 'call', 'unset', 'present']],
    ],
    [
      'two calls differ but the status agrees',
      [lesion(1, 0, { ...ALL_GONE, CT: 'present' })],
      [lesion(1, 0, { ...ALL_GONE, DWI: 'present' })],
      [
        ['L1~L1/CT', 'call', 'present', 'disappeared'],
        ['L1~L1/DWI', 'call', 'disappeared', 'present'],
      ],
    ],
    [
      'lesion in one read only, on each side',
      [lesion(1, 0), lesion(2, 100)],
      [lesion(1, 0), lesion(2, 200), lesion(3, 300)],
      [
        ['R1:L2', 'lesion-in-one-read-only', 'registered', 'not-registered'],
        ['R2:L2', 'lesion-in-one-read-only', 'not-registered', 'registered'],
        ['R2:L3', 'lesion-in-one-read-only', 'not-registered', 'registered'],
      ],
    ],
    [
      'ids name the matched lesions of each reader',
      [lesion(1, 100), lesion(2, 0, { CT: 'present' })],
      [lesion(1, 0, { CT: 'not-evaluable' }), lesion(2, 101)],
      [
        ['L2~L1/CT', 'call', 'present', 'not-evaluable'],
        ['L2~L1/status', 'status', 'visible', 'incomplete'],
      ],
    ],
    [
      'calls at other timepoints do not count',
      [lesion(1, 0, { CT: 'present' }, 'baseline')],
      [lesion(1, 0, { CT: 'disappeared' }, 'baseline')],
      [],
    ],
    [
      'removed lesions do not count',
      [lesion(1, 0), { ...lesion(2, 100), removed: { at: '2026-01-01T00:00:00.000Z' } }],
      [lesion(1, 0)],
      [],
    ],
  ])('%s', (_name, lesions1, lesions2, expected) => {
    const [r1, r2] = reads(lesions1, lesions2);
    expect(compareReads(r1, r2).discordances.map(summary)).toEqual(expected);
  });

  describe('every pair of call values on every modality (4 x 4 x 4)', () => {
    const cases = MODALITY_GROUPS.flatMap((modality) =>
      CALL_VALUES.flatMap((v1) => CALL_VALUES.map((v2) => [modality, v1, v2] as const)),
    );
    const set = (m: ModalityGroup, v: CallValue): CallSet => (v === 'unset' ? {} : { [m]: v });
    it.each(cases)('%s: %s vs %s', (modality, v1, v2) => {
      const [r1, r2] = reads([lesion(1, 0, set(modality, v1))], [lesion(1, 0, set(modality, v2))]);
      const calls = compareReads(r1, r2).discordances.filter((d) => d.kind === 'call');
      expect(calls).toEqual(
        v1 === v2
          ? []
          : [
              {
                kind: 'call',
                id: `L1~L1/${modality}`,
                modality,
                lesion1: 'L1',
                lesion2: 'L1',
                value1: v1,
                value2: v2,
              },
            ],
      );
    });
  });

  it('a non-required modality can differ in its call without a status discordance', () => {
    const config = { ...DEFAULT_STUDY_CONFIG, requiredModalities: ['CT' as const] };
    const [r1, r2] = reads(
      [lesion(1, 0, { CT: 'disappeared', DWI: 'present' })],
      [lesion(1, 0, { CT: 'disappeared', DWI: 'disappeared' })],
    );
    expect(compareReads(r1, r2, config).discordances.map(summary)).toEqual([
      ['L1~L1/DWI', 'call', 'present', 'disappeared'],
    ]);
  });

  it('compares at config.statusTimepoint', () => {
    const config = { ...DEFAULT_STUDY_CONFIG, statusTimepoint: 'followup-1' as const };
    const preop = lesion(1, 0, { CT: 'present' }, 'preop');
    const both: Lesion = {
      ...preop,
      assessments: {
        ...preop.assessments,
        'followup-1': { modalities: { CT: { call: 'present' } } },
      },
    };
    const [r1, r2] = reads([both], [preop]);
    expect(compareReads(r1, r2).discordances).toEqual([]);
    expect(compareReads(r1, r2, config).discordances.map(summary)).toEqual([
      ['L1~L1/CT', 'call', 'present', 'unset'],
      ['L1~L1/status', 'status', 'visible', 'incomplete'],
    ]);
  });

  it('status discordances carry both reasons in words', () => {
    const [r1, r2] = reads(
      [lesion(1, 0, ALL_GONE)],
      [lesion(1, 0, { ...ALL_GONE, DWI: 'present' })],
    );
    const status = compareReads(r1, r2).discordances.find((d) => d.kind === 'status');
    expect(status).toMatchObject({
      reason1: 'disappeared on all of CT, DWI, T1/T2, contrast MRI (EOB)',
      reason2: 'disappeared on CT, T1/T2 and contrast MRI (EOB); visible on DWI',
    });
  });

  it('keeps the pairs with their calls and statuses, and the unpaired lesions', () => {
    const [r1, r2] = reads(
      [lesion(1, 0, { CT: 'present' as Call })],
      [lesion(4, 2), lesion(5, 90)],
    );
    const comparison = compareReads(r1, r2);
    expect(comparison.pairs).toEqual([
      {
        lesion1: 'L1',
        lesion2: 'L4',
        distanceMm: 2,
        calls1: { CT: 'present' },
        calls2: {},
        status1: expect.objectContaining({ status: 'visible' }) as unknown,
        status2: expect.objectContaining({ status: 'incomplete' }) as unknown,
      },
    ]);
    expect(comparison.unpaired.map((u) => [u.side, u.lesionId, u.status.status])).toEqual([
      ['reader2', 'L5', 'incomplete'],
    ]);
    expect(comparison.discordances.at(-1)).toEqual({
      kind: 'lesion-in-one-read-only',
      id: 'R2:L5',
      onlyIn: 'reader2',
      lesion2: 'L5',
      value1: 'not-registered',
      value2: 'registered',
    });
  });

  it('refuses reads of different patients', () => {
    const [r1] = reads([], []);
    expect(() => compareReads(r1, makeRead({ patientId: 'DREAM-009-0009' }))).toThrow(DomainError);
  });
});
