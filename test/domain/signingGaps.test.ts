/** What is missing before signing (src/domain/checks.ts `findSigningGaps`), table-driven. */
import { describe, expect, it } from 'vitest';
import { findSigningGaps } from '../../src/domain/checks.ts';
import { MODALITY_GROUPS, type Lesion } from '../../src/domain/model.ts';
import { makeImagePoint, makeLesion, makeRead } from './fixtures.ts';

const allCalled = (call: 'present' | 'disappeared'): Lesion['assessments'] => ({
  preop: { modalities: Object.fromEntries(MODALITY_GROUPS.map((m) => [m, { call }])) },
});

describe('findSigningGaps', () => {
  it.each<[string, Partial<Lesion>, string[]]>([
    ['a complete lesion', { assessments: allCalled('present') }, []],
    [
      'a lesion without segment, place, size or calls',
      { segment: undefined, baselineLocation: undefined, baselineDiameterMm: undefined },
      [
        'missing-segment',
        'missing-baseline-location',
        'missing-baseline-size',
        'unset-call:CT',
        'unset-call:DWI',
        'unset-call:T1T2',
        'unset-call:EOB',
        'status-incomplete',
      ],
    ],
    [
      'one unset call',
      {
        assessments: {
          preop: {
            modalities: {
              CT: { call: 'present' },
              DWI: { call: 'present' },
              T1T2: { call: 'present' },
            },
          },
        },
      },
      ['unset-call:EOB'],
    ],
    ['a removed lesion', { removed: { at: '2026-01-01T00:00:00.000Z' }, segment: undefined }, []],
  ])('%s', (_, lesion, expected) => {
    const read = makeRead({
      lesions: [makeLesion({ baselineLocation: makeImagePoint(), ...lesion })],
    });
    const gaps = findSigningGaps(read).map((g) =>
      g.modality ? `${g.kind}:${g.modality}` : g.kind,
    );
    expect(gaps).toEqual(expected);
  });

  it('asks only for the study’s required modalities', () => {
    const read = makeRead({
      config: { ...makeRead().config, requiredModalities: ['CT'] },
      lesions: [
        makeLesion({ assessments: { preop: { modalities: { CT: { call: 'disappeared' } } } } }),
      ],
    });
    expect(findSigningGaps(read)).toEqual([]);
  });
});
