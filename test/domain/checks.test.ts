import { describe, expect, it } from 'vitest';
import { findReadIssues, type ReadIssueKind } from '../../src/domain/checks.ts';
import type { Lesion, ModalityAssessment, Read } from '../../src/domain/model.ts';
import { makeImagePoint, makeLesion, makeRead } from './fixtures.ts';

const gone: ModalityAssessment = { call: 'disappeared', sitePoint: makeImagePoint() };
const cdlm = makeLesion({
  assessments: { preop: { modalities: { CT: gone, DWI: gone, T1T2: gone, EOB: gone } } },
});
const assigned: Partial<Read> = { timepointAssignment: { '1.2.3': 'preop' } };

function kinds(lesions: Lesion[], extra = assigned) {
  return findReadIssues(makeRead({ ...extra, lesions })).map((i) => [
    i.kind,
    i.lesionId,
    i.modality,
  ]);
}

describe('findReadIssues', () => {
  it('finds nothing in a complete, coherent read', () => {
    expect(kinds([cdlm])).toEqual([]);
  });

  it('reports an unassigned status timepoint', () => {
    expect(kinds([cdlm], { timepointAssignment: {} })).toEqual([
      ['status-timepoint-unassigned', undefined, undefined],
    ]);
  });

  it.each<[string, Lesion, [ReadIssueKind, string, string | undefined][]]>([
    ['no segment', { ...cdlm, segment: undefined }, [['missing-segment', 'L1', undefined]]],
    [
      'no baseline location',
      { ...cdlm, baselineLocation: undefined },
      [['missing-baseline-location', 'L1', undefined]],
    ],
    [
      'disappeared with a size',
      makeLesion({
        assessments: {
          preop: {
            modalities: { CT: { ...gone, diameterMm: 4 }, DWI: gone, T1T2: gone, EOB: gone },
          },
        },
      }),
      [['disappeared-with-diameter', 'L1', 'CT']],
    ],
    [
      'disappeared without a site, at follow-up too',
      makeLesion({
        assessments: {
          preop: { modalities: { CT: gone, DWI: gone, T1T2: gone, EOB: { call: 'disappeared' } } },
          'followup-1': { modalities: { DWI: { call: 'disappeared' } } },
        },
      }),
      [
        ['disappeared-without-site', 'L1', 'EOB'],
        ['disappeared-without-site', 'L1', 'DWI'],
      ],
    ],
    [
      'an incomplete status',
      makeLesion({ assessments: { preop: { modalities: { CT: gone } } } }),
      [['status-incomplete', 'L1', undefined]],
    ],
  ])('reports %s', (_name, lesion, expected) => {
    expect(kinds([lesion])).toEqual(expected);
  });

  it('skips removed lesions', () => {
    expect(kinds([makeLesion({ removed: { at: '2026-01-01T00:00:00.000Z' } })])).toEqual([]);
  });
});
